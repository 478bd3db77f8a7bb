"""The Django side of the judge: a Problem and its TestCase rows, judged in the sandbox."""

from __future__ import annotations

from problems.models import Problem

from .api import JudgeReport, TestSpec, judge_code
from .codec import STANDARD_PREAMBLE
from .sandbox import Limits

WALL_FACTOR = 2.0
WALL_EXTRA_S = 2.0  # the judge machine is shared: wall time is not the candidate's to lose


def problem_limits(*, problem: Problem) -> Limits:
    cpu = float(problem.time_limit_s)
    return Limits(
        cpu_s=cpu, wall_s=cpu * WALL_FACTOR + WALL_EXTRA_S, mem_mb=problem.memory_limit_mb
    )


def problem_test_specs(*, problem: Problem, include_hidden: bool) -> list[TestSpec]:
    tests = problem.tests.all() if include_hidden else problem.tests.filter(is_sample=True)
    return [
        TestSpec(
            id=t.pk,
            args=list(t.args or []),
            kwargs=dict(t.kwargs or {}),
            expected=t.expected,
            checker=t.checker,
            is_sample=t.is_sample,
        )
        for t in tests.order_by("order", "id")
    ]


def problem_judge(
    *,
    problem: Problem,
    code: str,
    language: str = "python3",
    include_hidden: bool,
    stop_on_first_failure: bool | None = None,
) -> JudgeReport:
    """Judge `code` on the samples ("Run") or on every test ("Submit").

    A submission stops at its first failing test, as on LeetCode; a run shows
    every sample.
    """
    return judge_code(
        language=language,
        code=code,
        preamble=problem.preamble or STANDARD_PREAMBLE,
        entry_kind=problem.entry_kind,
        entry_point=problem.entry_point,
        tests=problem_test_specs(problem=problem, include_hidden=include_hidden),
        limits=problem_limits(problem=problem),
        stop_on_first_failure=include_hidden
        if stop_on_first_failure is None
        else stop_on_first_failure,
    )
