"""Imported problems get a derived generator, a hidden max-size stress test made by it, and
a listing of the problems where none could be built (issue 14, items 1 and 2)."""

from __future__ import annotations

import gzip
import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from mltools import inputgen
from mltools.callshape import CallShape
from mltools.complexity import LINEAR, QUADRATIC
from problems.growth import problem_growth_compare
from problems.judge import derivation
from problems.judge.derivation import _clearly_slowest, generator_check, problem_generator_check
from problems.judge.growth import GrowthReport, growth_inputs, measure_growth, worst_family
from problems.judge.service import problem_judge
from problems.judge.verdicts import Verdict
from problems.models import GeneratorOrigin, Problem, ReferenceSolution
from problems.services import problems_ingest
from problems.tests.factories import problem_create

pytestmark = [pytest.mark.django_db, pytest.mark.timeout(300)]

CUBIC_3SUM = """
class Solution:
    def threeSum(self, nums):
        found = set()
        n = len(nums)
        for i in range(n):
            for j in range(i + 1, n):
                for k in range(j + 1, n):
                    if nums[i] + nums[j] + nums[k] == 0:
                        found.add(tuple(sorted((nums[i], nums[j], nums[k]))))
        return [list(t) for t in found]
"""


def _row(shared_data: Path, task_id: str) -> dict[str, object]:
    """The last row of a task in the shared LeetCodeDataset files (the one import keeps)."""
    found = None
    for path in sorted((shared_data / "leetcodedataset").glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                if f'"task_id": "{task_id}"' in line:
                    row = json.loads(line)
                    if row.get("task_id") == task_id:
                        found = row
    assert found is not None, f"{task_id} is not in the shared LeetCodeDataset files"
    return found


@pytest.mark.shared_data
@pytest.mark.sandbox
def test_imported_3sum_gets_a_derived_generator_whose_stress_test_fails_cubic_code(
    shared_data: Path, tmp_path: Path
) -> None:
    source = tmp_path / "3sum.jsonl"
    source.write_text(json.dumps(_row(shared_data, "3sum")) + "\n", encoding="utf-8")
    problems_ingest(source="leetcodedataset", path=source)
    problem = Problem.objects.get(source_id="3sum")
    assert problem.generator_origin == GeneratorOrigin.DERIVED
    assert problem.max_size == 3000  # 3 <= nums.length <= 3000
    assert problem.growth_sizes == [64, 128, 256, 512, 1024, 2048]

    small = problem_judge(problem=problem, code=CUBIC_3SUM, include_hidden=False)
    assert small.verdict == Verdict.AC  # the three samples alone accept O(n^3)

    check = problem_generator_check(problem=problem)
    assert check is not None and check.ok, check
    problem.refresh_from_db()
    assert problem.generator_checked is not None and problem.max_size == 3000
    assert problem.generator_note.startswith(f"family {check.family}")

    report = problem_judge(problem=problem, code=CUBIC_3SUM, include_hidden=True)
    assert report.verdict == Verdict.TLE
    assert report.first_failure == report.total - 1  # the hidden stress test, n = 3000
    stress = problem.stress_test
    assert stress.size == 3000 and len(stress.args[0]) == 3000

    reference = problem.solutions.get(kind="optimal").code
    accepted = problem_judge(problem=problem, code=reference, include_hidden=True)
    assert accepted.verdict == Verdict.AC and accepted.total == problem.tests.count() + 1


TWO_SUM_TRUSTING_THE_PROMISE = """
class Solution:
    def twoSum(self, nums, target):
        seen = {}
        for i, x in enumerate(nums):
            if target - x in seen:
                return [seen[target - x], i]
            seen[x] = i
        raise ValueError("the statement promises exactly one solution")
"""
TWO_SUM_QUADRATIC = """
class Solution:
    def twoSum(self, nums, target):
        for i in range(len(nums)):
            for j in range(i + 1, len(nums)):
                if nums[i] + nums[j] == target:
                    return [i, j]
        raise ValueError("the statement promises exactly one solution")
"""


@pytest.mark.shared_data
@pytest.mark.sandbox
def test_a_derived_stress_test_counts_for_its_time_only(shared_data: Path, tmp_path: Path) -> None:
    """A random target breaks two-sum's "exactly one solution": correct code that trusts the
    promise is Accepted, and quadratic code still times out on the same input."""
    source = tmp_path / "two-sum.jsonl"
    source.write_text(json.dumps(_row(shared_data, "two-sum")) + "\n", encoding="utf-8")
    problems_ingest(source="leetcodedataset", path=source)
    problem = Problem.objects.get(source_id="two-sum")
    assert problem.generator_origin == GeneratorOrigin.DERIVED

    trusting = problem_judge(
        problem=problem, code=TWO_SUM_TRUSTING_THE_PROMISE, include_hidden=True
    )
    assert trusting.verdict == Verdict.AC, trusting.message
    assert trusting.tests[-1].message.startswith("not counted")
    slow = problem_judge(problem=problem, code=TWO_SUM_QUADRATIC, include_hidden=True)
    assert slow.verdict == Verdict.TLE and slow.first_failure == slow.total - 1


@pytest.mark.shared_data
@pytest.mark.sandbox
def test_no_derived_stress_test_for_structured_arguments(shared_data: Path, tmp_path: Path) -> None:
    """An edge list must form a tree, which a derivation cannot promise: no stress test."""
    source = tmp_path / "frog.jsonl"
    row = _row(shared_data, "frog-position-after-t-seconds")
    source.write_text(json.dumps(row) + "\n", encoding="utf-8")
    problems_ingest(source="leetcodedataset", path=source)
    problem = Problem.objects.get(source_id="frog-position-after-t-seconds")
    assert problem.generator_origin == GeneratorOrigin.DERIVED
    reference = problem.solutions.get(kind="optimal").code
    report = problem_judge(problem=problem, code=reference, include_hidden=True)
    assert report.verdict == Verdict.AC and report.total == problem.tests.count()


@pytest.mark.sandbox
def test_a_generator_the_reference_rejects_on_every_family_is_cleared_with_the_reason(
    tmp_path: Path,
) -> None:
    row = {
        "task_id": "pick-at-index",
        "difficulty": "Easy",
        "problem_description": "Return nums[k].\n\nConstraints:\n\n1 <= nums.length <= 10^4\n",
        "starter_code": "class Solution:\n    def pick(self, nums: List[int], k: int) -> int:\n",
        "entry_point": "Solution().pick",
        "prompt": "from typing import *\n",
        "completion": "class Solution:\n    def pick(self, nums: List[int], k: int) -> int:\n"
        "        if len(nums) > 50:\n            raise ValueError('too long')\n"
        "        return nums[k]\n",
        "test": "def check(candidate):\n    assert candidate(nums = [4, 5, 6, 7, 8, 9], k = 0) == 4\n",
    }
    source = tmp_path / "pick.jsonl"
    source.write_text(json.dumps(row) + "\n", encoding="utf-8")
    problems_ingest(source="leetcodedataset", path=source)
    problem = Problem.objects.get(source_id="pick-at-index")
    assert problem.generator_origin == GeneratorOrigin.DERIVED
    out = StringIO()
    call_command("derive_generators", "--problem", problem.slug, stdout=out, verbosity=0)
    assert "1 generators checked: 1 no generator" in out.getvalue()
    problem.refresh_from_db()
    assert problem.generator == "" and problem.generator_origin == GeneratorOrigin.NONE
    assert "the reference rejects every family" in problem.generator_note
    assert "ValueError" in problem.generator_note

    out = StringIO()
    call_command("verify_solutions", "--problem", problem.slug, stdout=out)
    text = out.getvalue()
    assert "1 problem(s) without an input generator:" in text
    assert f"NO GENERATOR {problem.slug}: the reference rejects every family" in text


def test_problems_where_no_generator_can_be_derived_say_why_at_import(tmp_path: Path) -> None:
    row = {
        "task_id": "dict-thing",
        "difficulty": "Easy",
        "problem_description": "Count the keys.\n",
        "starter_code": "class Solution:\n    def count(self, things) -> int:\n",
        "entry_point": "Solution().count",
        "prompt": "from typing import *\n",
        "completion": "class Solution:\n    def count(self, things) -> int:\n        return len(things)\n",
        "test": "def check(candidate):\n    assert candidate(things = {'a': 1}) == 1\n",
    }
    source = tmp_path / "dict.jsonl"
    source.write_text(json.dumps(row) + "\n", encoding="utf-8")
    problems_ingest(source="leetcodedataset", path=source)
    problem = Problem.objects.get(source_id="dict-thing")
    assert problem.generator == "" and problem.generator_origin == GeneratorOrigin.NONE
    assert problem.generator_note == "things holds dict values, which no generator makes"
    assert ReferenceSolution.objects.filter(problem=problem).exists()


PLUS_ONE = """
class Solution:
    def plusOne(self, digits):
        for i in range(len(digits) - 1, -1, -1):
            digits[i] += 1
            digits[i] %= 10
            if digits[i] != 0:
                return digits
        return [1] + digits
"""


def _plus_one_spec() -> dict[str, object]:
    derivation = inputgen.derive(
        shape=CallShape(
            entry_kind="method",
            entry_point="plusOne",
            signature="def plusOne(self, digits: List[int]) -> List[int]:",
        ),
        tests=[([], {"digits": [1, 2, 9]})],
        constraints="- 1 <= digits.length <= 100\n- 0 <= digits[i] <= 9",
    )
    assert derivation.spec is not None
    return derivation.spec


@pytest.mark.sandbox
def test_the_family_chosen_is_the_reference_s_worst_case_and_degenerate_ones_never_stand_alone() -> (
    None
):
    # Random digits end plus-one's carry at once; all 9s carry through every digit.
    spec = _plus_one_spec()
    shape = CallShape(entry_kind="method", entry_point="plusOne")
    check = generator_check(spec=spec, reference=PLUS_ONE, preamble="", shape=shape)
    assert check.ok and check.family == "high", check.notes
    assert "most counted work" in check.note

    # a reference that accepts only all-0 digits: the "low" family alone survives, and its
    # degenerate inputs are no generator
    picky = PLUS_ONE.replace(
        "    def plusOne(self, digits):\n",
        "    def plusOne(self, digits):\n        if any(digits):\n            raise ValueError('no')\n",
    )
    check = generator_check(spec=spec, reference=picky, preamble="", shape=shape)
    assert not check.ok
    assert check.reason.startswith("the reference rejects every family"), check.reason


SUM_DIGITS = """
class Solution:
    def plusOne(self, digits):
        return [sum(digits) % 10]
"""


@pytest.mark.sandbox
def test_a_tie_between_classic_families_is_broken_by_a_fixed_order_not_by_timing_noise() -> None:
    # one pass on every input: the counted work ties on all five classic families, so the
    # choice is the same on every derivation (the first in FAMILIES order), whichever ran
    # slowest by a few microseconds
    spec = {**_plus_one_spec(), "families": list(inputgen.FAMILIES)}
    shape = CallShape(entry_kind="method", entry_point="plusOne")
    families = {
        generator_check(spec=spec, reference=SUM_DIGITS, preamble="", shape=shape).family
        for _ in range(3)
    }
    assert families == {inputgen.FAMILIES[0]}


def test_among_tied_families_a_clearly_slower_one_still_wins_over_the_fixed_order() -> None:
    times = {"random": 1.0, "sorted": 1.6, "equal": 3.0}
    assert _clearly_slowest(["random", "sorted", "equal"], times) == "sorted"
    assert _clearly_slowest(["random", "equal"], times) == "equal"
    assert _clearly_slowest(["random", "sorted"], times) == "random"
    assert _clearly_slowest(["sorted", "random"], {**times, "sorted": float("inf")}) == "sorted"


ALL_EQUAL_REFERENCE = """
class Solution:
    def allEqual(self, nums):
        return all(x == nums[0] for x in nums)
"""
# the same answer in n^2 steps where every value is equal, in one where the first two differ
ALL_EQUAL_PAIRS = """
class Solution:
    def allEqual(self, nums):
        for i in range(len(nums)):
            for j in range(i + 1, len(nums)):
                if nums[i] != nums[j]:
                    return False
        return True
"""


def _all_equal_generator(family: str) -> str:
    derivation = inputgen.derive(
        shape=CallShape(
            entry_kind="method",
            entry_point="allEqual",
            signature="def allEqual(self, nums: List[int]) -> bool:",
        ),
        tests=[([], {"nums": [1, 2, 9]})],
        constraints="- 1 <= nums.length <= 1000\n- 0 <= nums[i] <= 10^9",
    )
    assert derivation.spec is not None
    spec = {**derivation.spec, "families": ["random", "equal"]}
    return inputgen.generator_source(inputgen.with_family(spec, family))


@pytest.mark.sandbox
def test_a_candidate_is_measured_on_the_family_that_is_its_own_worst_case() -> None:
    # random values end both scans at once; the reference's family (random) would measure
    # the candidate's best case. All values equal make the pair scan do n^2 steps.
    inputs = growth_inputs(
        generator_source=_all_equal_generator("random"), sizes=[64, 128, 256, 512, 1000]
    )
    shape = CallShape(entry_kind="method", entry_point="allEqual")
    common: dict[str, Any] = {"preamble": "", "shape": shape, "inputs": inputs}
    assert worst_family(code=ALL_EQUAL_PAIRS, **common) == "equal"
    assert worst_family(code=ALL_EQUAL_REFERENCE, **common) == "equal"  # n steps, not 1
    flat = "class Solution:\n    def allEqual(self, nums):\n        return len(nums) > 0\n"
    assert worst_family(code=flat, **common) is None  # the same work everywhere: its own
    # the pair scan up to n = 256 only; past it a scan that equal values end at once: they
    # are the worst case at small sizes, not at the largest, so no family is taken
    shortcut = ALL_EQUAL_PAIRS.replace(
        "    def allEqual(self, nums):\n",
        "    def allEqual(self, nums):\n"
        "        if len(nums) > 256:\n"
        "            return all(x != nums[0] for x in nums[1:])\n",
    )
    assert worst_family(code=shortcut, **common) is None
    report = measure_growth(code=ALL_EQUAL_PAIRS, worst_case=True, max_n=1000, **common)
    assert report.family == "equal" and report.label == QUADRATIC, report.fit
    assert GrowthReport.from_dict(report.to_dict()).family == "equal"
    best_case = measure_growth(code=ALL_EQUAL_PAIRS, max_n=1000, **common)
    assert best_case.family == "" and best_case.label != QUADRATIC


@pytest.mark.sandbox
@pytest.mark.timeout(300)
def test_the_room_compares_a_candidate_with_the_reference_on_the_candidate_s_worst_case(
    tmp_path: Path,
) -> None:
    problem = problem_create(
        slug="all-equal",
        entry_point="allEqual",
        tests=[([[3, 3, 3]], True), ([[1, 2]], False)],
        signature="def allEqual(self, nums: List[int]) -> bool:",
        generator=_all_equal_generator("random"),
        generator_origin=GeneratorOrigin.DERIVED,
        growth_sizes=[64, 128, 256, 512, 1000],
        max_size=1000,
    )
    ReferenceSolution.objects.filter(problem=problem).update(
        code=ALL_EQUAL_REFERENCE, time_complexity="O(n)"
    )
    problem = Problem.objects.get(pk=problem.pk)  # as the room loads it
    facts = problem_growth_compare(problem=problem, code=ALL_EQUAL_PAIRS)
    assert facts["details"]["candidate"]["family"] == "equal", facts["details"]["candidate"]
    assert facts["details"]["reference"]["family"] == ""  # measured on the same inputs
    assert facts["observed"] == QUADRATIC and facts["optimal"] == LINEAR, facts["sentence"]
    assert facts["slower"] is True
    # the reference's growth on that family is stored beside its own, and used again
    stored = ReferenceSolution.objects.get(problem=problem, kind="optimal").growth
    assert "equal" in stored.get("families", {}), stored.keys()
    again = problem_growth_compare(problem=problem, code=ALL_EQUAL_PAIRS)
    assert again["details"]["reference"] == facts["details"]["reference"]
    # the command line says so too
    source = tmp_path / "pairs.py"
    source.write_text(ALL_EQUAL_PAIRS, encoding="utf-8")
    out = StringIO()
    call_command("measure_growth", str(source), "--problem", "all-equal", "--json", stdout=out)
    summary = json.loads(out.getvalue())
    assert summary["family"] == "equal" and summary["class"] == QUADRATIC, summary


@pytest.mark.sandbox
def test_a_family_the_reference_cannot_finish_at_any_size_on_a_second_run_is_too_slow(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # equal values at the largest size never end: the reference's worst case, whose sizes are
    # lowered; where none passes on the second probe (a busy machine), no generator is kept
    stuck = ALL_EQUAL_REFERENCE.replace(
        "    def allEqual(self, nums):\n",
        "    def allEqual(self, nums):\n"
        "        while len(nums) > 500 and len(set(nums)) == 1:\n"
        "            pass\n",
    )
    spec = inputgen.spec_of(_all_equal_generator("random"))
    assert spec is not None
    monkeypatch.setattr(derivation, "_sizes_within", lambda *args: [])
    shape = CallShape(entry_kind="method", entry_point="allEqual")
    check = generator_check(spec=spec, reference=stuck, preamble="", shape=shape)
    assert not check.ok
    assert check.reason == "the reference is too slow to measure growth (equal family)"
