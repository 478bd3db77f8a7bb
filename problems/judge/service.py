"""The Django side of the judge: a Problem and its TestCase rows, judged in the sandbox.

A submission's hidden tests end with the problem's *stress test*: one input at the
largest size its constraints allow (`Problem.max_size`, made by the problem's
generator), its expected value from the optimal reference. The reference's CPU
time on it sets the submission's time limit (`STRESS_FACTOR` times it, at least
`STRESS_FLOOR_S`), so that code far slower than optimal gets Time Limit Exceeded
as on LeetCode, where a handful of small tests would accept it. The test is made
once and kept (`StressTest`), keyed by what it depends on (generator, size,
reference code, preamble, call shape, checker); the first judging after a change
makes it again. Its checker is the one most of the problem's tests use.

A stress test made by a *derived* generator (`mltools.inputgen`: from the signature,
tests and constraints, not written by a person) counts for its time only. Such an
input can break a promise the statement makes in words ("exactly one solution", "the
edges form a tree"), and correct code may answer it differently from the reference or
fail on it: only Time Limit Exceeded on it is a verdict; any other outcome is shown
and not counted. The derived stress test is made only where every argument is a
number, a string or a flat list of them: nested lists (edge lists, grids), linked
lists, trees and design calls carry structure a derivation cannot promise, and code
that loops on a cycle the statement rules out would be timed out unfairly.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import Counter
from dataclasses import replace

from mltools import inputgen
from problems.models import GeneratorOrigin, Problem, ReferenceSolution, StressTest
from problems.selectors import problem_reference

from .api import JudgeReport, TestSpec, judge_code
from .codec import STANDARD_PREAMBLE
from .growth import growth_inputs
from .sandbox import Call, Limits, execute
from .verdicts import Verdict

logger = logging.getLogger(__name__)

WALL_FACTOR = 2.0
WALL_EXTRA_S = 2.0  # the judge machine is shared: wall time is not the candidate's to lose
STRESS_FACTOR = 8.0  # the reference's CPU time on the stress test, times this ...
STRESS_FLOOR_S = 1.0  # ... but never less than this: a busy machine must not fail the optimum
STRESS_SEED = 0
STRESS_REFERENCE_LIMITS = Limits(cpu_s=20.0, wall_s=60.0, mem_mb=1024, out_kb=64)
STRESS_RUNS = 2  # the reference is timed this many times; the fastest counts


def problem_limits(*, problem: Problem, stress: StressTest | None = None) -> Limits:
    """The problem's limits; with its stress test, the CPU limit it sets."""
    cpu = float(problem.time_limit_s)
    if stress is not None:
        cpu = float(stress.time_limit_s)
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


def _stress_key(problem: Problem, reference: ReferenceSolution, checker: str) -> str:
    """What the stress test is made from: a change to any of it makes it again."""
    blob = json.dumps(
        [
            problem.generator,
            problem.max_size,
            reference.code,
            problem.preamble,
            problem.call_shape.job(),
            checker,
            STRESS_SEED,
        ]
    )
    return hashlib.sha256(blob.encode()).hexdigest()


def problem_stress_test(*, problem: Problem) -> StressTest | None:
    """The problem's stress test, made and saved when missing or stale; None when the problem
    has no generator, `max_size` or Python optimal reference, or the generator or reference
    fails on it (logged, and stored with its reason so that later Submits do not try again
    until the generator, size or reference changes: the problem is then judged on its
    written tests alone)."""
    if not problem.generator.strip() or not problem.max_size:
        return None
    if problem.generator_origin == GeneratorOrigin.DERIVED and not _flat_arguments(
        problem.generator
    ):
        return None
    reference = problem_reference(problem=problem)
    if reference is None:
        return None
    checkers = Counter(problem.tests.values_list("checker", flat=True))
    checker = checkers.most_common(1)[0][0] if checkers else "exact"
    key = _stress_key(problem, reference, checker)
    stored = StressTest.objects.filter(problem=problem).first()
    if stored is not None and stored.key == key:
        return None if stored.error else stored

    def failed(reason: str) -> None:
        logger.warning("judge: %s: %s", problem.slug, reason)
        StressTest.objects.update_or_create(
            problem=problem,
            defaults={
                "key": key, "size": problem.max_size, "args": [], "expected": None,
                "checker": checker, "reference_cpu_s": 0.0, "time_limit_s": 0.0,
                "error": reason[:2000],
            },
        )  # fmt: skip

    try:
        inputs = growth_inputs(generator_source=problem.generator, sizes=[problem.max_size])
    except Exception as exc:
        failed(f"the generator failed at n={problem.max_size}: {exc}")
        return None
    args = list(inputs.args[0])
    compiled, results = execute(
        language="python3",
        code=reference.code,
        preamble=problem.preamble or STANDARD_PREAMBLE,
        shape=problem.call_shape,
        calls=[Call(args=args) for _ in range(STRESS_RUNS)],
        limits=STRESS_REFERENCE_LIMITS,
    )
    ok = [r for r in results if r.status == "ok"]
    if not compiled.ok or len(ok) != STRESS_RUNS or ok[0].value != ok[1].value:
        failure = next((r for r in results if r.status != "ok"), None)
        failed(
            "the reference failed on the stress test: "
            + (compiled.message or (failure.error if failure else "its two runs disagree"))
        )
        return None
    reference_cpu = min(r.cpu_s for r in ok)
    stress, _ = StressTest.objects.update_or_create(
        problem=problem,
        defaults={
            "key": key,
            "size": problem.max_size,
            "args": args,
            "expected": ok[0].value,
            "checker": checker,
            "reference_cpu_s": reference_cpu,
            "time_limit_s": round(max(STRESS_FLOOR_S, STRESS_FACTOR * reference_cpu), 3),
            "error": "",
        },
    )
    return stress


def _flat_arguments(generator: str) -> bool:
    """Whether a derived generator's every argument is a number, a string or a flat list
    of them (see the module's docstring)."""
    spec = inputgen.spec_of(generator)
    if spec is None or spec.get("kind") != "call":
        return False
    for param in spec.get("params", []):
        node = param.get("type", {})
        if node.get("t") == "list":
            node = node.get("of", {})
        if node.get("t") not in ("int", "float", "bool", "str"):
            return False
    return True


NOT_COUNTED = (
    "not counted: a generated input may break a promise the statement makes in words; "
    "only its time counts"
)


def _time_only(report: JudgeReport, index: int) -> JudgeReport:
    """The report with test `index` (a derived stress test) counted for its time only."""
    if report.first_failure != index or report.tests[index].verdict == Verdict.TLE:
        return report
    tests = list(report.tests)
    tests[index] = replace(tests[index], verdict=Verdict.AC, message=NOT_COUNTED, traceback="")
    return replace(
        report,
        verdict=Verdict.AC,
        tests=tests,
        passed=report.passed + 1,
        first_failure=None,
        message="",
    )


def stress_spec(stress: StressTest) -> TestSpec:
    return TestSpec(
        id=None,
        args=list(stress.args),
        expected=stress.expected,
        checker=stress.checker,
        is_sample=False,
    )


def problem_judge(
    *,
    problem: Problem,
    code: str,
    language: str = "python3",
    include_hidden: bool,
    stop_on_first_failure: bool | None = None,
) -> JudgeReport:
    """Judge `code` on the samples ("Run") or on every test and the stress test ("Submit").

    A submission stops at its first failing test, as on LeetCode; a run shows
    every sample.
    """
    tests = problem_test_specs(problem=problem, include_hidden=include_hidden)
    stress = problem_stress_test(problem=problem) if include_hidden else None
    if stress is not None:
        tests.append(stress_spec(stress))
    report = judge_code(
        language=language,
        code=code,
        preamble=problem.preamble or STANDARD_PREAMBLE,
        shape=problem.call_shape,
        tests=tests,
        limits=problem_limits(problem=problem, stress=stress),
        tolerance=problem.tolerance,
        stop_on_first_failure=include_hidden
        if stop_on_first_failure is None
        else stop_on_first_failure,
    )
    if stress is not None and problem.generator_origin == GeneratorOrigin.DERIVED:
        return _time_only(report, len(tests) - 1)
    return report
