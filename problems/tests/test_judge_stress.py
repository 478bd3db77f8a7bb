"""The stress test: one hidden test at the largest size the constraints allow, its time
limit set from the reference's time on it, made once and kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from problems.judge.service import STRESS_FLOOR_S, problem_judge, problem_stress_test
from problems.judge.verdicts import Verdict
from problems.judge.verification import solutions_verify
from problems.models import Problem, ReferenceSolution, StressTest
from problems.services import problems_ingest

from .conftest import FIXTURES

pytestmark = [pytest.mark.sandbox, pytest.mark.django_db, pytest.mark.timeout(300)]

BANK = Path(settings.BASE_DIR) / "problems" / "bank"
QUADRATIC_ROOMS = """
class Solution:
    def minMeetingRooms(self, intervals):
        best = 0
        for start, _ in intervals:
            best = max(best, sum(1 for s, e in intervals if s <= start < e))
        return best
"""


def test_an_o_n2_meeting_rooms_ii_is_time_limit_exceeded_and_the_optimum_accepted() -> None:
    problems_ingest(source="bank", path=BANK / "meeting-rooms-ii.yaml")
    problem = Problem.objects.get(slug="meeting-rooms-ii")
    small = problem_judge(problem=problem, code=QUADRATIC_ROOMS, include_hidden=False)
    assert small.verdict == Verdict.AC  # every written test is small enough

    report = problem_judge(problem=problem, code=QUADRATIC_ROOMS, include_hidden=True)
    assert report.verdict == Verdict.TLE
    assert report.first_failure == report.total - 1  # the last, largest test
    stress = problem.stress_test
    assert stress.size == problem.max_size == 10_000 and len(stress.args[0]) == 10_000
    assert stress.time_limit_s == max(STRESS_FLOOR_S, round(8 * stress.reference_cpu_s, 3))
    assert Problem.objects.get(pk=problem.pk).max_size == 10_000  # pages never load the args

    reference = problem.solutions.get(kind="optimal").code
    accepted = problem_judge(problem=problem, code=reference, include_hidden=True)
    assert accepted.verdict == Verdict.AC
    assert accepted.total == problem.tests.count() + 1


def test_the_stress_test_is_made_once_and_again_when_its_inputs_change() -> None:
    problems_ingest(source="bank", path=FIXTURES / "shapes" / "shade-sort.yaml")
    problem = Problem.objects.get(slug="shade-sort")
    first = problem_stress_test(problem=problem)
    assert first is not None and first.expected == sorted(first.args[0])
    StressTest.objects.filter(pk=first.pk).update(expected="kept")
    kept = problem_stress_test(problem=problem)
    assert kept is not None and kept.expected == "kept"  # not made again
    problem.max_size = 5_000
    problem.save(update_fields=["max_size"])
    again = problem_stress_test(problem=problem)
    assert again is not None and len(again.args[0]) == 5_000 and again.expected != "kept"
    assert StressTest.objects.count() == 1


def test_a_reference_that_fails_on_the_stress_test_is_not_run_again_on_every_submit() -> None:
    """Its failure is stored with the reason; Submits judge the written tests alone, without
    paying for the reference again, until what the stress test is made from changes."""
    problems_ingest(source="bank", path=FIXTURES / "shapes" / "shade-sort.yaml")
    problem = Problem.objects.get(slug="shade-sort")
    ReferenceSolution.objects.filter(problem=problem, kind="optimal").update(
        code="class Solution:\n    def sortShades(self, shades):\n        raise ValueError('no')\n"
    )
    assert problem_stress_test(problem=problem) is None
    stored = StressTest.objects.get(problem=problem)
    assert (
        "the reference failed on the stress test" in stored.error and "ValueError" in stored.error
    )
    StressTest.objects.filter(pk=stored.pk).update(error="kept")
    assert problem_stress_test(problem=problem) is None
    assert StressTest.objects.get(pk=stored.pk).error == "kept"  # not tried again
    problem.max_size = 5_000
    problem.save(update_fields=["max_size"])
    assert problem_stress_test(problem=problem) is None
    assert StressTest.objects.get(pk=stored.pk).error.startswith("the reference failed")


def test_design_and_in_place_references_verify_and_slow_code_times_out() -> None:
    problems_ingest(source="bank", path=FIXTURES / "shapes" / "stack-with-minimum.yaml")
    problems_ingest(source="bank", path=FIXTURES / "shapes" / "shade-sort.yaml")
    summary = solutions_verify(queryset=ReferenceSolution.objects.all())
    assert (summary.verified, len(summary.checks)) == (4, 4), summary.problems
    for slug in ("stack-with-minimum", "shade-sort"):
        problem = Problem.objects.get(slug=slug)
        assert problem.stress_test.size == problem.max_size
        slow = problem.solutions.get(kind="slow").code
        report = problem_judge(problem=problem, code=slow, include_hidden=True)
        assert report.verdict == Verdict.TLE, (slug, report.message)


def test_growth_is_measured_for_a_design_problem_through_its_calls() -> None:
    from mltools.complexity import UNKNOWN
    from problems.judge.codec import STANDARD_PREAMBLE
    from problems.judge.growth import GrowthStatus, growth_inputs, measure_growth

    problems_ingest(source="bank", path=FIXTURES / "shapes" / "stack-with-minimum.yaml")
    problem = Problem.objects.get(slug="stack-with-minimum")
    inputs = growth_inputs(generator_source=problem.generator, sizes=[500, 1000, 2000, 4000, 8000])
    reports = {}
    for kind in ("optimal", "slow"):
        report = measure_growth(
            code=problem.solutions.get(kind=kind).code,
            preamble=STANDARD_PREAMBLE,
            shape=problem.call_shape,
            inputs=inputs,
        )
        assert report.status == GrowthStatus.OK and report.label != UNKNOWN, report.error
        assert [n for n, _ in report.points] == list(inputs.sizes)
        reports[kind] = dict(report.points)
    # the time is the calls' own work: a getMin that scans the stack costs far more at n = 8000
    # (the classes themselves are the classifier's business, tested on quiet series elsewhere)
    assert reports["slow"][8000] > 2 * reports["optimal"][8000], reports
