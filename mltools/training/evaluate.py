"""Evaluate a model before and after fine-tuning: pass@1 through the judge, side by side.

The judge lives in Django (`problems.judge`), so it is passed in as a function
from (task, code) to a verdict label; everything here is plain Python.

Decisions:
- Greedy decoding (temperature 0): one sample per problem is pass@1 exactly,
  and reruns give the same figure.
- The code is the first fenced block of the answer (or the whole answer when
  there is none), so a model is not failed for explaining around its code.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import replace

from mltools.contracts import (
    ChatTurn,
    GenerationRequest,
    PassAtOneReport,
    RuntimeConfig,
    SolveTask,
)

ACCEPTED = "Accepted"
_FENCE = re.compile(r"```(?:python|py)?\s*\n(.*?)(?:```|\Z)", re.DOTALL)

Judge = Callable[[SolveTask, str], str]


def solution_request(task: SolveTask, max_new_tokens: int = 320) -> GenerationRequest:
    starter = task.starter_code.strip() or f"class Solution:\n    {task.signature.strip()}"
    user = (
        f"Solve this interview problem in Python.\n\n# {task.title}\n\n{task.statement.strip()}\n\n"
        f"Complete this code and answer with one Python code block:\n```python\n{starter}\n```"
    )
    return GenerationRequest(
        messages=(ChatTurn(role="user", content=user),),
        max_new_tokens=max_new_tokens,
        assistant_prefix="```python\n",
        temperature=0.0,
    )


def extract_code(text: str) -> str:
    match = _FENCE.search(text)
    return (match.group(1) if match else text).strip() + "\n"


def pass_at_1(
    tasks: Sequence[SolveTask],
    judge: Judge,
    *,
    config: RuntimeConfig,
    label: str,
    on_task: Callable[[str, str], None] | None = None,
) -> PassAtOneReport:
    """Generate one solution per task with `config`'s model and judge it."""
    from mltools.llm import api

    started = time.perf_counter()
    verdicts = []
    for task in tasks:
        result = api.generate(solution_request(task), config=config)
        verdict = (
            judge(task, extract_code(result.text))
            if result.finish_reason != "error"
            else "Model error"
        )
        verdicts.append((task.slug, verdict))
        if on_task is not None:
            on_task(task.slug, verdict)
    return PassAtOneReport(
        label=label,
        solved=sum(v == ACCEPTED for _, v in verdicts),
        total=len(verdicts),
        verdicts=tuple(verdicts),
        seconds=round(time.perf_counter() - started, 1),
    )


def adapter_config(base: RuntimeConfig, adapter_path: str) -> RuntimeConfig:
    return replace(base, backend="transformers", adapter_path=adapter_path)


def side_by_side(
    reports: Sequence[PassAtOneReport], quality: Sequence[dict[str, float]] = ()
) -> str:
    """A table with one column per model: pass@1, per-problem verdicts, then quality figures."""
    width = max(16, *(len(r.label) + 2 for r in reports))
    lines = [f"{'':<34}" + "".join(f"{r.label:>{width}}" for r in reports)]
    lines.append(
        f"{'pass@1':<34}"
        + "".join(f"{f'{r.solved}/{r.total} ({r.pass_at_1:.0%})':>{width}}" for r in reports)
    )
    for i, (slug, _) in enumerate(reports[0].verdicts if reports else ()):
        lines.append(
            f"  {slug[:32]:<32}"
            + "".join(f"{r.verdicts[i][1][: width - 2]:>{width}}" for r in reports)
        )
    if quality:
        for name in quality[0]:
            lines.append(
                f"{name[:34]:<34}"
                + "".join(f"{q.get(name, float('nan')):>{width}.2f}" for q in quality)
            )
    lines.append(f"{'seconds':<34}" + "".join(f"{r.seconds:>{width}.0f}" for r in reports))
    return "\n".join(lines)
