"""Language-model speed: load, time to first token, decode tokens/s, per backend, same GGUF.

    .venv/bin/python bench/llm.py [--backends onnx,transformers,llama_cpp] [--runs 3]

Targets (issue 5), default SmolLM2-135M-Instruct on this 2-core machine: decode >= 40
tokens/s; first narrative text in the page < 1.5 s after the verdict; load < 3 s after the
first run. Each backend runs in its own process (so load times are real, from the files
cached by an untimed first run); a ~300-token prompt, 200 new tokens, greedy. The ratio
is against llama-cpp-python on the same GGUF when it is installed (it has no wheel here:
it builds from source in about 8 minutes), otherwise skipped and said so.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from mltools.contracts import ChatTurn, GenerationRequest, RuntimeConfig, SubmissionFacts  # noqa: E402
from mltools.llm import api, runtime  # noqa: E402

CACHE = os.environ.get("MOCKMATE_LLM_CACHE_DIR", str(ROOT / "var" / "llm"))
NEW_TOKENS = 200
FACTS = SubmissionFacts(
    verdict="WA", passed=9, total=12, problem_title="Two Sum", failing_test_index=4,
    failing_test_kind="sample", failing_input="nums = [3, 3], target = 6",
    failing_expected="[0, 1]", failing_actual="[]", observed_growth="O(n^2)",
    optimal_growth="O(n)", time_ratio=30.0, stated_complexity="O(n)",
)  # fmt: skip


def long_request() -> GenerationRequest:
    context = (
        "Two Sum: given an array of integers nums and an integer target, return the indices "
        "of the two numbers that add up to target. The candidate wrote a double loop over all "
        "pairs, which passed 9 of 12 tests and failed on duplicate values; it grows as O(n^2) "
        "while a hash map gives O(n). "
    ) * 4
    return GenerationRequest(
        messages=(
            ChatTurn("system", "You are a technical interviewer."),
            ChatTurn("user", context + "Write a long, detailed review of this submission."),
        ),
        max_new_tokens=NEW_TOKENS,
    )


def worker(backend: str, runs: int) -> dict[str, float | str]:
    """Runs inside a fresh process: load once, then `runs` timed generations."""
    config = RuntimeConfig(
        backend=backend, cache_dir=CACHE, max_new_tokens=NEW_TOKENS, timeout_s=600
    )
    started = time.perf_counter()
    model = runtime.load_model(config)
    load_s = time.perf_counter() - started
    request = long_request()
    api.generate(GenerationRequest(messages=request.messages, max_new_tokens=4), config=config)
    speeds, firsts, tokens, prompt = [], [], [], 0
    for _ in range(runs):
        result = api.generate(request, config=config)
        if result.finish_reason == "error":
            raise SystemExit(result.error)
        speeds.append(result.tokens_per_s)
        firsts.append(result.first_token_s)
        tokens.append(result.new_tokens)
        prompt = result.prompt_tokens
    # The page: time from the verdict (the call) to the first text and to the first
    # model-written sentence shown.
    marks: list[tuple[float, str]] = []
    t0 = time.perf_counter()
    narrative = api.feedback_narrative(
        FACTS, lambda text: marks.append((time.perf_counter() - t0, text)), config=config
    )
    lead = marks[0][1] if marks else ""
    fallback = api.facts_only_narrative(FACTS)
    model_marks = [t for t, text in marks if len(text) > len(lead) and text != fallback]
    return {
        "backend": backend,
        "model": model.name,
        "load_s": load_s,
        "prompt_tokens": prompt,
        "new_tokens": statistics.median(tokens),
        "first_token_s": statistics.median(firsts),
        "tokens_per_s": statistics.median(speeds),
        "page_first_text_s": marks[0][0] if marks else float("nan"),
        # nan: the checker replaced the model's text before any sentence was shown.
        "page_first_model_sentence_s": model_marks[0] if model_marks else float("nan"),
        "narrative_total_s": time.perf_counter() - t0,
        "narrative_replaced": str(narrative.replaced),
    }


def run_in_process(backend: str, runs: int, *, prepare: bool) -> dict[str, float | str] | None:
    args = [sys.executable, __file__, "--worker", backend, "--runs", "0" if prepare else str(runs)]
    done = subprocess.run(args, capture_output=True, text=True, check=False, timeout=1800)
    if done.returncode != 0:
        print(f"  {backend}: failed: {(done.stderr or done.stdout).strip().splitlines()[-1:]}")
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="onnx,transformers,llama_cpp")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--worker", default="")
    args = parser.parse_args()
    if args.worker:
        if args.runs == 0:  # untimed first run: writes the cached copies
            runtime.load_model(RuntimeConfig(backend=args.worker, cache_dir=CACHE))
            print(json.dumps({}))
            return 0
        print(json.dumps(worker(args.worker, args.runs)))
        return 0

    rows: dict[str, dict[str, float | str]] = {}
    for backend in args.backends.split(","):
        cls = runtime.BACKENDS.get(backend)
        if cls is None or not cls.available():
            print(f"  {backend}: not installed, skipped")
            continue
        if run_in_process(backend, args.runs, prepare=True) is None:
            continue
        row = run_in_process(backend, args.runs, prepare=False)
        if row is not None:
            rows[backend] = row

    print(
        f"\n{NEW_TOKENS} new tokens, greedy, median of {args.runs}; cpu threads: {os.cpu_count()}"
    )
    header = f"{'backend':<13}{'load s':>8}{'prompt':>8}{'ttft s':>8}{'tok/s':>8}{'page 1st text s':>17}{'1st model sentence s':>22}"
    print(header)
    for name, r in rows.items():
        print(
            f"{name:<13}{r['load_s']:>8.2f}{r['prompt_tokens']:>8}{r['first_token_s']:>8.3f}"
            f"{r['tokens_per_s']:>8.1f}{r['page_first_text_s']:>17.3f}{r['page_first_model_sentence_s']:>22.3f}"
        )
    project = rows.get("onnx") or rows.get("transformers")
    reference = rows.get("llama_cpp")
    if project and reference:
        ratio = float(project["tokens_per_s"]) / float(reference["tokens_per_s"])
        print(f"ratio {project['backend']} / llama_cpp decode: {ratio:.2f}")
    else:
        print("ratio against llama_cpp: skipped (llama-cpp-python not installed)")
    if project:
        ok = float(project["tokens_per_s"]) >= 40 and float(project["load_s"]) < 3
        print(
            f"target (>= 40 tok/s, load < 3 s) with {project['backend']}: {'met' if ok else 'NOT met'}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
