"""LoRA fine-tuning of the interviewer model on the prepared Alpaca data.

    .venv/bin/python -m mltools.training.train_lora mltools/training/recipes/smollm2-135m/lora.yaml
    .venv/bin/python manage.py finetune --recipe mltools/training/recipes/smollm2-135m/lora.yaml

Reads top to bottom: recipe, data, tokenizer, model, LoRA, trainer, evaluate
before, train, save, evaluate after, plot. Hyperparameters live only in the recipe.

Decisions:
- Loss on the response only: prompt tokens are labelled -100, so the model
  learns to answer, not to repeat the question (the student project trained on
  prompts only).
- The prompt is the model's own chat template, the format the llm worker uses.
- On CUDA: 8-bit or 4-bit base weights through bitsandbytes, bf16 (fp16 where
  bf16 is missing). On CPU: fp32 weights, bf16 autocast when the recipe asks.
- Early stopping on validation loss; the best adapter is the one saved.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

import yaml

from mltools.contracts import TrainingRun

IGNORE_INDEX = -100


def load_recipe(path: Path) -> dict[str, Any]:
    recipe = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    recipe["path"] = str(path)
    return recipe


def prompt_text(tokenizer: Any, example: dict[str, str]) -> str:
    """The chat prompt the worker would send; a `system` field (phrasing data) comes first."""
    user = example["instruction"].strip()
    if example.get("input", "").strip():
        user += "\n\n" + example["input"].strip()
    turns = [{"role": "user", "content": user}]
    if example.get("system", "").strip():
        turns.insert(0, {"role": "system", "content": example["system"].strip()})
    return str(tokenizer.apply_chat_template(turns, tokenize=False, add_generation_prompt=True))


def tokenize_example(
    tokenizer: Any, example: dict[str, str], max_length: int
) -> dict[str, list[int]] | None:
    """input_ids and labels with every prompt token masked; None when the prompt leaves no room.

    A response longer than the room left is cut at `max_length` (its start is what matters).
    """
    prompt_ids = tokenizer(prompt_text(tokenizer, example), add_special_tokens=False)["input_ids"]
    response_ids = tokenizer(
        example["output"].strip() + tokenizer.eos_token, add_special_tokens=False
    )["input_ids"]
    if len(prompt_ids) > max_length - 16:
        return None
    input_ids = (prompt_ids + response_ids)[:max_length]
    labels = ([IGNORE_INDEX] * len(prompt_ids) + response_ids)[:max_length]
    return {"input_ids": input_ids, "attention_mask": [1] * len(input_ids), "labels": labels}


def collate(pad_id: int) -> Any:
    import torch

    def pad(batch: list[dict[str, list[int]]]) -> dict[str, Any]:
        width = max(len(b["input_ids"]) for b in batch)
        out: dict[str, Any] = {}
        for key, fill in (("input_ids", pad_id), ("attention_mask", 0), ("labels", IGNORE_INDEX)):
            out[key] = torch.tensor([b[key] + [fill] * (width - len(b[key])) for b in batch])
        return out

    return pad


def load_split(
    folder: Path, tokenizer: Any, max_length: int, limit: int | None, seed: int
) -> list[dict[str, list[int]]]:
    import random

    from mltools.data.prepare import read_examples

    examples = read_examples(folder)
    random.Random(seed).shuffle(examples)
    rows = [
        r for r in (tokenize_example(tokenizer, e, max_length) for e in examples) if r is not None
    ]
    return rows[:limit] if limit else rows


def data_version(*folders: Path) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        for part in sorted(Path(folder).glob("*.jsonl")):
            digest.update(part.read_bytes())
    return digest.hexdigest()[:16]


def base_model_path(recipe: dict[str, Any]) -> Path:
    """The bundled SmolLM2 GGUF (cached as safetensors), or a local folder named in the recipe."""
    model = recipe["model"]
    if model.get("path"):
        return Path(model["path"])
    from mltools.llm.weights import ensure_base_model

    return ensure_base_model(Path(model.get("cache_dir", "var/models")))


def load_model(recipe: dict[str, Any], path: Path) -> Any:
    import torch
    from peft import LoraConfig, get_peft_model, prepare_model_for_kbit_training
    from transformers import AutoModelForCausalLM, BitsAndBytesConfig

    model_cfg, lora_cfg = recipe["model"], recipe["lora"]
    cuda = torch.cuda.is_available()
    quantization = model_cfg.get("quantization", "none") if cuda else "none"
    kwargs: dict[str, Any] = {"dtype": torch.float32}
    if cuda:
        kwargs["dtype"] = torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
        if quantization == "8bit":
            kwargs["quantization_config"] = BitsAndBytesConfig(load_in_8bit=True)
        elif quantization == "4bit":
            kwargs["quantization_config"] = BitsAndBytesConfig(
                load_in_4bit=True,
                bnb_4bit_quant_type="nf4",
                bnb_4bit_compute_dtype=kwargs["dtype"],
                bnb_4bit_use_double_quant=True,
            )
        kwargs["device_map"] = {"": 0}
    model = AutoModelForCausalLM.from_pretrained(path, **kwargs)
    checkpointing = bool(model_cfg.get("gradient_checkpointing", False))
    if quantization != "none":
        model = prepare_model_for_kbit_training(model, use_gradient_checkpointing=checkpointing)
    elif checkpointing:
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
        model.enable_input_require_grads()
    lora = LoraConfig(
        r=lora_cfg["r"],
        lora_alpha=lora_cfg["alpha"],
        lora_dropout=lora_cfg["dropout"],
        target_modules=list(lora_cfg["target_modules"]),
        # Only these layers get adapters: backward stops below the lowest one (cheaper steps).
        layers_to_transform=lora_cfg.get("layers_to_transform"),
        task_type="CAUSAL_LM",
    )
    return get_peft_model(model, lora)


def plot_losses(
    log_history: list[dict[str, Any]], out: Path, *, before: float | None = None
) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    train = [(h["step"], h["loss"]) for h in log_history if "loss" in h]
    evals = [(h["step"], h["eval_loss"]) for h in log_history if "eval_loss" in h]
    if before is not None:  # train() starts a fresh history, so the step-0 evaluation is added here
        evals.insert(0, (0, before))
    fig, ax = plt.subplots(figsize=(6, 4))
    if train:
        ax.plot(*zip(*train, strict=True), label="train loss")
    if evals:
        ax.plot(*zip(*evals, strict=True), marker="o", label="validation loss")
    ax.set_xlabel("step")
    ax.set_ylabel("loss (response tokens)")
    ax.legend()
    fig.tight_layout()
    fig.savefig(out, dpi=100)
    plt.close(fig)


def main(recipe_path: Path, *, run_name: str | None = None) -> TrainingRun:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from transformers import (
        AutoTokenizer,
        EarlyStoppingCallback,
        Trainer,
        TrainingArguments,
        set_seed,
    )

    # 1. Recipe and output folder.
    recipe = load_recipe(recipe_path)
    train_cfg, data_cfg = recipe["training"], recipe["data"]
    set_seed(train_cfg["seed"])
    name = run_name or f"{recipe['name']}-{time.strftime('%Y%m%d-%H%M%S')}"
    out_dir = Path(recipe["output_dir"]) / name
    out_dir.mkdir(parents=True, exist_ok=True)

    # 2. Tokenizer and data (prompts masked).
    base = base_model_path(recipe)
    tokenizer = AutoTokenizer.from_pretrained(base)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    max_length = data_cfg["max_length"]
    train = load_split(
        Path(data_cfg["train"]),
        tokenizer,
        max_length,
        data_cfg.get("max_train_examples"),
        train_cfg["seed"],
    )
    validation = load_split(
        Path(data_cfg["validation"]),
        tokenizer,
        max_length,
        data_cfg.get("max_eval_examples"),
        train_cfg["seed"],
    )

    # 3. Model with LoRA adapters.
    model = load_model(recipe, base)
    cuda = torch.cuda.is_available()
    bf16 = (
        cuda
        and torch.cuda.is_bf16_supported()
        or not cuda
        and recipe["model"].get("cpu_dtype") == "bf16"
    )

    # 4. Trainer: evaluation on validation, early stopping, best adapter kept.
    args = TrainingArguments(
        output_dir=str(out_dir / "checkpoints"),
        max_steps=train_cfg["max_steps"],
        per_device_train_batch_size=train_cfg["batch_size"],
        per_device_eval_batch_size=train_cfg["batch_size"],
        gradient_accumulation_steps=train_cfg.get("gradient_accumulation_steps", 1),
        learning_rate=float(train_cfg["learning_rate"]),
        lr_scheduler_type=train_cfg.get("lr_scheduler_type", "cosine"),
        warmup_steps=train_cfg.get("warmup_steps", 0),
        weight_decay=train_cfg.get("weight_decay", 0.0),
        logging_steps=train_cfg["logging_steps"],
        eval_strategy="steps",
        eval_steps=train_cfg["eval_steps"],
        save_strategy="steps",
        save_steps=train_cfg["eval_steps"],
        save_total_limit=2,
        save_only_model=True,
        load_best_model_at_end=True,
        metric_for_best_model="eval_loss",
        greater_is_better=False,
        bf16=bf16,
        fp16=cuda and not bf16,
        use_cpu=not cuda,
        optim=train_cfg.get("optim", "adamw_torch"),
        report_to="none",
        seed=train_cfg["seed"],
        dataloader_num_workers=0,
        remove_unused_columns=False,
    )
    trainer = Trainer(
        model=model,
        args=args,
        train_dataset=train,  # a list is a map-style dataset
        eval_dataset=validation,
        data_collator=collate(tokenizer.pad_token_id),
        callbacks=[
            EarlyStoppingCallback(early_stopping_patience=train_cfg["early_stopping_patience"])
        ],
    )

    # 5. Evaluate, train, evaluate.
    before = trainer.evaluate()["eval_loss"]
    result = trainer.train()
    after = trainer.evaluate()["eval_loss"]

    # 6. Save the adapter, the curve and the metrics.
    adapter_dir = out_dir / "adapter"
    model.save_pretrained(adapter_dir)
    tokenizer.save_pretrained(adapter_dir)
    plot_losses(trainer.state.log_history, out_dir / "loss.png", before=before)
    steps = trainer.state.global_step
    seen = steps * train_cfg["batch_size"] * train_cfg.get("gradient_accumulation_steps", 1)
    mean_tokens = sum(len(r["input_ids"]) for r in train) / max(len(train), 1)
    metrics = {
        "eval_loss_before": round(before, 4),
        "eval_loss_after": round(after, 4),
        "perplexity_before": round(math.exp(before), 2),
        "perplexity_after": round(math.exp(after), 2),
        "train_loss": round(result.training_loss, 4),
        "steps": steps,
        "best_step": _best_step(trainer.state.log_history),
        "train_examples": len(train),
        "validation_examples": len(validation),
        "train_seconds": round(result.metrics["train_runtime"], 1),
        "tokens_per_second": round(seen * mean_tokens / result.metrics["train_runtime"], 1),
        "device": "cuda" if cuda else "cpu",
        "precision": "bf16" if bf16 else ("fp16" if cuda else "fp32"),
        "quantization": recipe["model"].get("quantization", "none") if cuda else "none",
    }
    run = TrainingRun(
        name=name,
        base_model=recipe["model"]["name"],
        base_path=str(base),
        adapter_dir=str(adapter_dir),
        recipe=str(recipe_path),
        recipe_params={k: v for k, v in recipe.items() if k != "path"},
        data_version=data_version(Path(data_cfg["train"]), Path(data_cfg["validation"])),
        metrics=metrics,
    )
    (out_dir / "metrics.json").write_text(
        json.dumps(asdict(run), indent=2, default=str) + "\n", encoding="utf-8"
    )
    return run


def _best_step(log_history: list[dict[str, Any]]) -> int:
    evals = [h for h in log_history if "eval_loss" in h]
    return int(min(evals, key=lambda h: h["eval_loss"])["step"]) if evals else 0


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1])).metrics, indent=2))
