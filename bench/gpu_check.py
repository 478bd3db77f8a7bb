"""GPU check: the default model in 8-bit and 4-bit (bitsandbytes) with the adapter, and LoRA steps.

    .venv/bin/python bench/gpu_check.py [--adapter DIR] [--steps 8] [--new-tokens 128]

Run whenever a CUDA device is lent: it checks the GPU recipe's claims (bitsandbytes
quantisation, bf16 LoRA training) on this project's own code paths, and prints:
- LoRA: `--steps` optimizer steps in bf16 on the phrasing data (`mltools.data.phrasing`,
  built here when missing), through `train_lora.load_model` as the recipe loads it;
  steps/s and tokens/s after one warm-up step; the adapter it trains is saved;
- inference: for bf16, 8bit and 4bit, the runtime's transformers backend
  (`RuntimeConfig(quantization=...)`) with the adapter (`--adapter`, else the one trained
  above): load time, first-token time and decode tokens/s on the feedback prompt.
Without a CUDA device it says so and measures nothing (exit 0, so `make bench` goes on).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

RECIPE = ROOT / "mltools/training/recipes/smollm2-135m/phrasing.yaml"
DATA = ROOT / "var/data/phrasing"


def lora_steps(steps: int, out: Path) -> tuple[float, float, Path]:
    """(steps/s, tokens/s) of bf16 LoRA steps on the phrasing data; the adapter's folder."""
    import torch

    from mltools.data.phrasing import prepare
    from mltools.training import train_lora

    if not (DATA / "train").is_dir():
        prepare(ROOT / "problems/bank", DATA)
    recipe = train_lora.load_recipe(RECIPE)
    base = train_lora.base_model_path(recipe)
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(base)
    tokenizer.pad_token = tokenizer.pad_token or tokenizer.eos_token
    rows = train_lora.load_split(DATA / "train", tokenizer, recipe["data"]["max_length"], None, 0)
    model = train_lora.load_model(recipe, base)  # bf16 on CUDA, as the recipe trains
    model.train()
    optimizer = torch.optim.AdamW(
        [p for p in model.parameters() if p.requires_grad],
        lr=float(recipe["training"]["learning_rate"]),
    )
    pad = train_lora.collate(tokenizer.pad_token_id)
    batch_size = recipe["training"]["batch_size"]
    tokens = 0
    started = 0.0
    for step in range(steps + 1):  # step 0 warms up (kernels, allocator)
        batch = pad(rows[step * batch_size : (step + 1) * batch_size])
        batch = {k: v.to("cuda") for k, v in batch.items()}
        with torch.autocast("cuda", dtype=torch.bfloat16):
            loss = model(**batch).loss
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        torch.cuda.synchronize()
        if step == 0:
            started = time.perf_counter()
        else:
            tokens += int(batch["attention_mask"].sum())
        print(f"  step {step}: loss {loss.item():.3f}")
    elapsed = time.perf_counter() - started
    adapter = out / "adapter"
    model.save_pretrained(adapter)
    return steps / elapsed, tokens / elapsed, adapter


def inference(quantization: str, adapter: Path, new_tokens: int) -> dict[str, float | str]:
    from mltools.contracts import GenerationRequest, RuntimeConfig, SubmissionFacts
    from mltools.llm import facts as facts_text
    from mltools.llm import prompts, runtime

    config = RuntimeConfig(
        backend="transformers",
        dtype="bfloat16",
        quantization=quantization,
        adapter_path=str(adapter),
        cache_dir=str(ROOT / "var/llm"),
        timeout_s=300,
    )
    runtime.unload_all()
    started = time.perf_counter()
    model = runtime.load_model(config)
    load_s = time.perf_counter() - started
    facts = SubmissionFacts(
        verdict="WA", passed=9, total=12, problem_title="Two Sum", failing_test_index=4,
        failing_test_kind="sample", failing_input="nums = [3, 3], target = 6",
        failing_expected="[0, 1]", failing_actual="[]",
    )  # fmt: skip
    lines = "\n".join(f"- {s.text}" for s in facts_text.feedback_sentences(facts))
    request = GenerationRequest(
        messages=prompts.load("phrase").messages(facts=lines),
        max_new_tokens=new_tokens,
        temperature=0.0,
    )
    runtime.generate(request, config=config)  # warm-up
    result = runtime.generate(request, config=config)
    weights = getattr(model, "model", None)
    footprint = weights.get_memory_footprint() / 2**20 if weights is not None else 0.0
    return {
        "load_s": load_s,
        "first_token_s": result.first_token_s,
        "tokens_per_s": result.tokens_per_s,
        "new_tokens": result.new_tokens,
        "memory_mib": footprint,
        "finish": result.finish_reason,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--adapter", default="", help="adapter folder (default: train one here)")
    parser.add_argument("--steps", type=int, default=8)
    parser.add_argument("--new-tokens", type=int, default=128)
    args = parser.parse_args()
    import torch

    if not torch.cuda.is_available():
        print("gpu_check: no CUDA device here; nothing measured (run it where a GPU is lent)")
        return 0
    print(f"device: {torch.cuda.get_device_name(0)}, torch {torch.__version__}")
    with tempfile.TemporaryDirectory() as tmp:
        print(f"LoRA, bf16, {args.steps} steps on the phrasing data:")
        steps_s, tokens_s, trained = lora_steps(args.steps, Path(tmp))
        print(f"  {steps_s:.2f} steps/s, {tokens_s:.0f} tokens/s")
        adapter = Path(args.adapter) if args.adapter else trained
        print(f"inference with adapter {adapter}:")
        print(f"  {'weights':<8}{'load s':>8}{'first s':>9}{'tok/s':>8}{'MiB':>8}  finish")
        for quantization in ("none", "8bit", "4bit"):
            name = "bf16" if quantization == "none" else quantization
            try:
                r = inference(quantization, adapter, args.new_tokens)
            except Exception as exc:  # report each path's failure and go on to the next
                print(f"  {name:<8}failed: {type(exc).__name__}: {exc}")
                continue
            print(
                f"  {name:<8}{r['load_s']:>8.2f}{r['first_token_s']:>9.3f}"
                f"{r['tokens_per_s']:>8.1f}{r['memory_mib']:>8.0f}  {r['finish']}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
