from pathlib import Path

import pytest
from django.conf import settings

from mltools import complexity
from problems.growth import _as_fast_as_reference, problem_growth_compare
from problems.judge import hotlines
from problems.judge.complexity import BASIS_LINES
from problems.judge.growth import GrowthComparison
from problems.models import Problem
from problems.services import problems_ingest

BANK = Path(settings.BASE_DIR) / "problems" / "bank"


def _comparison(observed: str, optimal: str, ratio: float | None) -> GrowthComparison:
    return GrowthComparison(
        observed=observed, optimal=optimal, slower_class=None, largest_n=8000,
        ratio_at_largest=ratio, at_n=None, candidate_at_n_s=None, reference_at_n_s=None, sentence="",
    )  # fmt: skip


def test_neighbouring_class_at_the_reference_speed_counts_as_optimal() -> None:
    assert _as_fast_as_reference(_comparison("O(n log n)", "O(n)", 0.95))
    assert _as_fast_as_reference(_comparison("O(n)", "O(n log n)", 1.6))


def test_slower_code_or_a_distant_class_keeps_its_measured_class() -> None:
    assert not _as_fast_as_reference(_comparison("O(n log n)", "O(n)", 3.5))
    assert not _as_fast_as_reference(_comparison("O(n^2)", "O(n)", 1.2))
    assert not _as_fast_as_reference(_comparison("unknown", "O(n)", 1.0))
    assert not _as_fast_as_reference(_comparison("O(n log n)", "O(n)", None))


# --- the bank's design problems, measured in the sandbox ------------------------------------

# Optimal answers a candidate might write, other than the references.
ORDERED_DICT_LRU = """
class LRUCache:
    def __init__(self, capacity: int):
        self.capacity = capacity
        self.items = OrderedDict()

    def get(self, key: int) -> int:
        if key not in self.items:
            return -1
        self.items.move_to_end(key)
        return self.items[key]

    def put(self, key: int, value: int) -> None:
        self.items[key] = value
        self.items.move_to_end(key)
        if len(self.items) > self.capacity:
            self.items.popitem(last=False)
"""
PAIRS_MIN_STACK = """
class MinStack:
    def __init__(self):
        self.pairs = []

    def push(self, val: int) -> None:
        self.pairs.append((val, min(val, self.pairs[-1][1]) if self.pairs else val))

    def pop(self) -> None:
        self.pairs.pop()

    def top(self) -> int:
        return self.pairs[-1][0]

    def getMin(self) -> int:
        return self.pairs[-1][1]
"""


@pytest.mark.sandbox
@pytest.mark.django_db
@pytest.mark.timeout(600)
@pytest.mark.parametrize(
    ("slug", "optimal"),
    [("lru-cache", ORDERED_DICT_LRU), ("min-stack", PAIRS_MIN_STACK), ("online-stock-span", None)],
)
def test_a_design_problem_s_optimal_answer_is_told_optimal_and_its_slow_one_slower(
    slug: str, optimal: str | None
) -> None:
    # The calls themselves are timed: the judge's argument conversion once made an O(1)
    # cache read as O(n log n) or worse against its own O(n) statement.
    problems_ingest(source="bank", path=BANK / f"{slug}.yaml")
    problem = Problem.objects.get(slug=slug)
    reference = problem.solutions.get(kind="optimal")
    stated = complexity.growth_class(reference.time_complexity)
    code = optimal or reference.code
    facts = problem_growth_compare(problem=problem, code=code)
    assert facts["slower_class"] is False, facts["sentence"]
    assert facts["observed"] == facts["optimal"] == stated, facts["sentence"]
    slow = problem_growth_compare(problem=problem, code=problem.solutions.get(kind="slow").code)
    assert slow["slower_class"] is True, slow["sentence"]
    assert slow["time_ratio"] > 5, slow["sentence"]


@pytest.mark.sandbox
@pytest.mark.django_db
@pytest.mark.timeout(300)
def test_growth_is_measured_only_up_to_the_constraints_largest_n() -> None:
    # climbing-stairs allows n <= 45: its O(n) reference is under a microsecond there, too
    # quick to time (it was once measured up to n = 496 and called O(n) by its timings), so
    # its class, and the same code's as a candidate, is read from the lines each executes;
    # the exponential recursion keeps its timed class.
    problems_ingest(source="bank", path=BANK / "climbing-stairs.yaml")
    problem = Problem.objects.get(slug="climbing-stairs")
    assert problem.max_size == 45
    same = problem_growth_compare(problem=problem, code=problem.solutions.get(kind="optimal").code)
    for side in ("candidate", "reference"):
        sizes = [n for n, _ in same["details"][side]["points"]]
        assert sizes and max(sizes) <= 45, (side, sizes)
    assert same["observed"] == same["optimal"] == complexity.LINEAR, same["sentence"]
    assert not same["inconclusive"] and "read from the lines your code executes" in same["sentence"]
    assert same["details"]["reference"]["fit"]["basis"] == BASIS_LINES
    slow = problem_growth_compare(problem=problem, code=problem.solutions.get(kind="slow").code)
    assert max(n for n, _ in slow["details"]["candidate"]["points"]) <= 45
    assert slow["observed"] == complexity.EXPONENTIAL, slow["sentence"]


@pytest.mark.sandbox
@pytest.mark.django_db
@pytest.mark.timeout(300)
def test_the_same_class_many_times_slower_is_called_slower_by_its_line_counts() -> None:
    # permutations: the slow backtracking is O(n * n!) like the reference, about 60x its
    # time: the classes alone do not tell them apart, the line executions do (no clock).
    problems_ingest(source="bank", path=BANK / "permutations.yaml")
    problem = Problem.objects.get(slug="permutations")
    slow = problem_growth_compare(problem=problem, code=problem.solutions.get(kind="slow").code)
    assert slow["observed"] == slow["optimal"], slow["sentence"]
    assert slow["slower"] is True and slow["slower_by_lines"] is True, slow
    lines = slow["lines"]
    assert lines["ratio"] >= hotlines.LINES_SLOWER_RATIO and lines["sentence"] in slow["sentence"]
    assert slow["hot_lines"], slow
    # the reference's counts are stored beside its growth: counted once
    stored = problem.solutions.get(kind="optimal").growth["lines"]
    assert stored[str(lines["at_n"])] == lines["reference"]
    same = problem_growth_compare(problem=problem, code=problem.solutions.get(kind="optimal").code)
    assert same["slower"] is False and "slower_by_lines" not in same, same
