"""Verify reference solutions: run each against its problem's tests and record the outcome.

`solutions_verify` is the service behind `manage.py verify_solutions` and the
admin action. A solution is judged exactly as a submission is (same sandbox,
harness and checkers, `api.judge_code`, stress test included), with three differences:
- generous limits (`VERIFY_LIMITS`, or the problem's own if larger): a
  deliberately slow solution must still pass, so only real failures count;
- every test is treated as a sample, so that the note for staff says which input
  failed, what was expected and what came back;
- a "slow" solution is not given the stress test (it exists to fail slow code).
Rows are saved with `update_fields` and without `full_clean()`: only the three
verification fields change, and they are set here, never typed by a person.
An internal error (the sandbox could not run) leaves the row as it was: it says
nothing about the solution.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from problems.models import ReferenceSolution

from .api import JudgeReport, TestOutcome, judge_code
from .codec import STANDARD_PREAMBLE
from .languages import language_key
from .sandbox import Limits
from .service import problem_stress_test, problem_test_specs, stress_spec
from .verdicts import Verdict

VERIFY_LIMITS = Limits(cpu_s=10.0, wall_s=30.0, mem_mb=1024, out_kb=1024)
NOTE_VALUE_CHARS = 200


@dataclass(frozen=True)
class SolutionCheck:
    solution_id: int
    label: str  # "two-sum [python3, slow]"
    status: str  # "verified" | "failed" | "skipped" | "internal_error"
    verdict: str  # the judge's overall verdict, "" when skipped
    passed: int
    total: int
    note: str


@dataclass(frozen=True)
class VerificationSummary:
    checks: tuple[SolutionCheck, ...] = ()
    saved: bool = True  # False for a dry run

    def _count(self, status: str) -> int:
        return sum(c.status == status for c in self.checks)

    @property
    def verified(self) -> int:
        return self._count("verified")

    @property
    def failed(self) -> int:
        return self._count("failed")

    @property
    def skipped(self) -> int:
        return self._count("skipped")

    @property
    def internal_errors(self) -> int:
        return self._count("internal_error")

    @property
    def problems(self) -> list[SolutionCheck]:
        return [c for c in self.checks if c.status != "verified"]

    def __str__(self) -> str:
        text = f"{self.verified} of {len(self.checks)} reference solutions verified"
        extra = [
            f"{n} {what}"
            for n, what in (
                (self.failed, "failed"),
                (self.skipped, "skipped"),
                (self.internal_errors, "could not be run (internal error)"),
            )
            if n
        ]
        return (
            text + (f"; {', '.join(extra)}" if extra else "") + ("" if self.saved else " (dry run)")
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "verified": self.verified,
            "failed": self.failed,
            "skipped": self.skipped,
            "internal_errors": self.internal_errors,
            "saved": self.saved,
            "checks": [dataclasses.asdict(c) for c in self.checks],
        }


def _short(value: Any) -> str:
    text = json.dumps(value, default=repr)
    return text if len(text) <= NOTE_VALUE_CHARS else text[: NOTE_VALUE_CHARS - 3] + "..."


def _failure_note(report: JudgeReport) -> str:
    if report.verdict == Verdict.CE:
        line = f" (line {report.compile_line})" if report.compile_line else ""
        return f"Compile Error{line}: {report.compile_error}"
    first: TestOutcome | None = (
        report.tests[report.first_failure] if report.first_failure is not None else None
    )
    if first is None:
        return f"{Verdict(report.verdict).label}: {report.message}".strip()
    parts = [
        f"{Verdict(first.verdict).label} on test {first.index + 1} of {report.total}"
        + (f" (id {first.test_id})" if first.test_id else "")
    ]
    if first.input is not None:
        parts.append(f"args {_short(first.input.get('args'))}")
    if first.verdict == Verdict.WA:
        parts.append(f"expected {_short(first.expected)}, got {_short(first.actual)}")
    elif first.message:
        parts.append(first.message)
    return "; ".join(parts)


def _limits_for(solution: ReferenceSolution) -> Limits:
    problem = solution.problem
    return Limits(
        cpu_s=max(VERIFY_LIMITS.cpu_s, float(problem.time_limit_s)),
        wall_s=max(VERIFY_LIMITS.wall_s, 3 * float(problem.time_limit_s)),
        mem_mb=max(VERIFY_LIMITS.mem_mb, int(problem.memory_limit_mb)),
        out_kb=VERIFY_LIMITS.out_kb,
    )


def solution_check(*, solution: ReferenceSolution) -> SolutionCheck:
    """Judge one reference solution on all its problem's tests; nothing is saved."""
    problem = solution.problem
    label = f"{problem.slug} [{solution.language}, {solution.kind}]"

    def outcome(status: str, note: str, report: JudgeReport | None = None) -> SolutionCheck:
        return SolutionCheck(
            solution_id=solution.pk,
            label=label,
            status=status,
            verdict=report.verdict if report else "",
            passed=report.passed if report else 0,
            total=report.total if report else 0,
            note=note,
        )

    language = language_key(solution.language)
    if language is None:
        return outcome("skipped", f"the judge cannot run {solution.language!r} yet")
    specs = [
        dataclasses.replace(spec, is_sample=True)
        for spec in problem_test_specs(problem=problem, include_hidden=True)
    ]
    if not specs:
        return outcome("failed", "the problem has no tests")
    if solution.kind != "slow":
        # The stress test is what a deliberately slow solution is meant to fail in time,
        # not in value: it checks the others only.
        stress = problem_stress_test(problem=problem)
        if stress is not None:
            specs.append(dataclasses.replace(stress_spec(stress), is_sample=True))
    report = judge_code(
        language=language,
        code=solution.code,
        preamble=problem.preamble or STANDARD_PREAMBLE,
        shape=problem.call_shape,
        tolerance=problem.tolerance,
        tests=specs,
        limits=_limits_for(solution),
        stop_on_first_failure=True,
    )
    if report.verdict == Verdict.AC:
        return outcome(
            "verified",
            f"Accepted: {report.passed} of {report.total} tests passed; "
            f"slowest {report.max_cpu_s:.2f} s CPU, peak {report.max_mem_kb // 1024} MB.",
            report,
        )
    if report.verdict == Verdict.IE:
        return outcome("internal_error", f"Internal Error: {report.message}", report)
    return outcome("failed", _failure_note(report), report)


def solutions_in_language(
    queryset: QuerySet[ReferenceSolution], language: str
) -> QuerySet[ReferenceSolution]:
    """The solutions stored under any name of `language` (a registry key: "cpp" finds "c++")."""
    names = {
        name
        for name in queryset.values_list("language", flat=True).distinct()
        if language_key(name) == language
    }
    return queryset.filter(language__in=names)


def solutions_verify(
    *,
    queryset: QuerySet[ReferenceSolution],
    dry_run: bool = False,
    on_checked: Callable[[SolutionCheck], None] | None = None,
) -> VerificationSummary:
    """Verify every solution in `queryset`, saving `verified`, `verified_at` and the note.

    `on_checked` is called after each solution (a progress bar, say).
    """
    checks: list[SolutionCheck] = []
    for solution in queryset.select_related("problem").order_by("problem__slug", "kind", "pk"):
        check = solution_check(solution=solution)
        checks.append(check)
        if not dry_run and check.status in ("verified", "failed"):
            solution.verified = check.status == "verified"
            solution.verified_at = timezone.now()
            solution.verification_note = check.note
            solution.save(update_fields=["verified", "verified_at", "verification_note"])
        if on_checked is not None:
            on_checked(check)
    return VerificationSummary(checks=tuple(checks), saved=not dry_run)
