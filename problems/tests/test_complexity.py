"""Growth classification: synthetic timings for every class, and real sandboxed measurements.

The synthetic series carry seeded noise (multiplicative jitter, a constant
overhead, one slow outlier), so these tests are deterministic. The sandboxed
ones assert classes, never durations.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Callable
from typing import Any

import pytest

from mltools import inputgen
from mltools.callshape import CallShape
from problems.judge import hotlines
from problems.judge.codec import STANDARD_PREAMBLE
from problems.judge.complexity import (
    BASIS_COUNTS_FLOOR,
    BASIS_LINES,
    BASIS_QUICK_LINES,
    BASIS_TIME,
    BASIS_TIME_AND_COUNTS,
    BASIS_TIME_CHECKED,
    CLASSES,
    CONSTANT,
    CUBIC,
    EXPONENTIAL,
    INCONCLUSIVE,
    LINEAR,
    LINEARITHMIC,
    LOG,
    QUADRATIC,
    GrowthFit,
    fit_growth,
    slope_allows,
)
from problems.judge.growth import (
    GrowthReport,
    GrowthStatus,
    _class_by_counts,
    _counted_work,
    _grows_far_less,
    _tie_sizes,
    compare_growth,
    growth_inputs,
    measure_growth,
)

SHAPES: dict[str, Callable[[float], float]] = {
    CONSTANT: lambda n: 1.0,
    LOG: math.log2,
    LINEAR: lambda n: n,
    LINEARITHMIC: lambda n: n * math.log2(n),
    QUADRATIC: lambda n: n * n,
    CUBIC: lambda n: n**3,
    EXPONENTIAL: lambda n: 2.0**n,
}
GEOMETRIC = [250, 500, 1000, 2000, 4000, 8000]
# (sizes, seconds at the largest size) as the bank uses them for each class
SETTINGS: dict[str, tuple[list[int], float]] = {
    CONSTANT: (GEOMETRIC, 3e-6),
    LOG: ([10_000, 20_000, 50_000, 100_000, 300_000, 1_000_000], 3e-6),
    LINEAR: (GEOMETRIC, 5e-4),
    LINEARITHMIC: (GEOMETRIC, 2e-3),
    QUADRATIC: (GEOMETRIC, 0.8),
    CUBIC: ([20, 40, 80, 140, 220, 360], 0.9),
    EXPONENTIAL: ([10, 12, 14, 16, 18, 20, 22], 0.3),
}


def synthetic(
    label: str, *, seed: int, noise: float = 0.04, outlier: bool = True
) -> list[tuple[int, float]]:
    """Timings shaped like `label`, with jitter, a 0.2 µs overhead and one 1.6x outlier."""
    rng = random.Random(seed)
    sizes, top = SETTINGS[label]
    shape = SHAPES[label]
    scale = top / shape(sizes[-1])
    points = []
    slow = rng.randrange(len(sizes)) if outlier else -1
    for i, n in enumerate(sizes):
        t = scale * shape(n) * (1 + abs(rng.gauss(0, noise))) + 2e-7
        points.append((n, t * (1.6 if i == slow else 1.0)))
    return points


@pytest.mark.parametrize("label", CLASSES)
@pytest.mark.parametrize("seed", range(6))
def test_every_class_is_recognised_through_noise_and_an_outlier(label: str, seed: int) -> None:
    fit = fit_growth(synthetic(label, seed=seed), overhead_s=2e-7)
    assert fit.label == label, fit.errors


@pytest.mark.parametrize("label", CLASSES)
def test_repeated_samples_collapse_to_their_minimum(label: str) -> None:
    noisy = [p for seed in range(5) for p in synthetic(label, seed=100 + seed, noise=0.3)]
    assert fit_growth(noisy, overhead_s=2e-7).label == label


def test_linear_and_quadratic_differ_even_when_overhead_dominates_small_sizes() -> None:
    linear = [(n, 2e-6 + 1e-9 * n) for n in GEOMETRIC]
    quadratic = [(n, 2e-6 + 1e-11 * n * n) for n in GEOMETRIC]
    assert fit_growth(linear).label == LINEAR
    assert fit_growth(quadratic).label == QUADRATIC


def test_linear_code_slowed_a_little_by_memory_effects_stays_linear() -> None:
    # per-element cost 15% higher at the largest size than at the smallest, as a
    # dict-heavy O(n) solution shows; O(n log n) would be 63% higher
    points = [(n, 5e-8 * n * (1 + 0.15 * math.log(n / 250) / math.log(32))) for n in GEOMETRIC]
    assert fit_growth(points).label == LINEAR
    sorting = [(n, 5e-9 * n * math.log2(n) * 1.1) for n in GEOMETRIC]
    assert fit_growth(sorting).label == LINEARITHMIC


def test_a_known_class_stands_against_its_neighbour_but_not_against_the_timings() -> None:
    # An O(n) reference whose per-element cost grows 40% over the sizes (a busy machine's
    # caches): the fit alone reads O(n log n); the stated O(n) fits about as well.
    busy = [(n, 5e-8 * n * (1 + 0.4 * math.log(n / 250) / math.log(32))) for n in GEOMETRIC]
    assert fit_growth(busy).label == LINEARITHMIC
    assert fit_growth(busy, prefer=LINEAR).label == LINEAR
    # A stated class the timings refute is not taken: a sort stays O(n log n), quadratic
    # timings stay quadratic.
    sorting = [(n, 5e-9 * n * math.log2(n) * 1.1) for n in GEOMETRIC]
    assert fit_growth(sorting, prefer=LINEAR).label == LINEARITHMIC
    quadratic = synthetic(QUADRATIC, seed=0)
    assert fit_growth(quadratic, overhead_s=2e-7, prefer=LINEAR).label == QUADRATIC
    assert fit_growth(quadratic, overhead_s=2e-7, prefer=LINEARITHMIC).label == QUADRATIC


def test_a_binary_search_slowed_by_cache_misses_still_reads_logarithmic() -> None:
    # measured in the sandbox on this machine: 1.5 µs at 10^4, 9.4 µs at 10^6
    points = list(
        zip(SETTINGS[LOG][0], [1.5e-6, 1.5e-6, 2.3e-6, 5.0e-6, 8.7e-6, 9.4e-6], strict=True)
    )
    assert fit_growth(points).label == LOG


def test_factorial_growth_counts_as_exponential() -> None:
    points = [(n, 1e-7 * math.factorial(n) * n) for n in range(2, 9)]
    assert fit_growth(points).label == EXPONENTIAL


def test_too_few_sizes_or_too_narrow_a_range_is_inconclusive() -> None:
    few = fit_growth([(100, 1e-3), (200, 2e-3), (400, 4e-3)])
    assert few.label == INCONCLUSIVE and not few.known
    assert "only 3 usable sizes" in few.reason
    narrow = fit_growth([(100, 1e-3), (110, 1.1e-3), (120, 1.2e-3), (130, 1.3e-3)])
    assert narrow.label == INCONCLUSIVE


@pytest.mark.parametrize("pattern", [(1, 10, 1, 10, 1, 10), (10, 1, 1, 10, 10, 1)])
def test_timings_no_class_fits_are_inconclusive_not_a_guess(pattern: tuple[int, ...]) -> None:
    # Linear work with every other size slowed 10x (a machine far busier than the
    # repeated minimum can hide): no class explains it, so none is claimed.
    points = [(n, 1e-7 * n * k) for n, k in zip(GEOMETRIC, pattern, strict=True)]
    fit = fit_growth(points)
    assert fit.label == INCONCLUSIVE, (fit.errors, fit.slope)
    assert "too noisy" in fit.reason
    assert GrowthFit.from_dict(json.loads(json.dumps(fit.to_dict()))) == fit


def test_a_stored_unknown_fit_reads_as_inconclusive() -> None:
    stored = {"label": "unknown", "intercept": 0, "coefficient": 0, "rel_error": "inf"}
    assert GrowthFit.from_dict({**stored, "slope": "nan", "n_ref": 0}).label == INCONCLUSIVE


def test_predict_extrapolates_the_fitted_model() -> None:
    fit = fit_growth([(n, 1e-9 * n * n) for n in GEOMETRIC])
    assert fit.label == QUADRATIC
    assert fit.predict(80_000) == pytest.approx(6.4, rel=0.02)
    exp = fit_growth([(n, 1e-6 * 2.0**n) for n in SETTINGS[EXPONENTIAL][0]])
    assert exp.label == EXPONENTIAL
    assert exp.predict(30) == pytest.approx(1e-6 * 2.0**30, rel=0.1)


def test_fit_round_trips_through_json() -> None:
    fit = fit_growth(synthetic(LINEARITHMIC, seed=1))
    again = GrowthFit.from_dict(json.loads(json.dumps(fit.to_dict())))
    assert again == fit
    assert again.predict(10**5) == fit.predict(10**5)


def test_an_undecided_fit_and_an_endless_estimate_are_stored_as_strict_json() -> None:
    # An inconclusive reference (infinite error, no slope) was refused by the database's
    # JSON check, and the submission's growth never appeared.
    undecided = fit_growth([(10, 1e-6), (11, 1e-6)])
    assert undecided.label == INCONCLUSIVE
    stored = json.dumps(undecided.to_dict(), allow_nan=False)
    again = GrowthFit.from_dict(json.loads(stored))
    assert again.label == INCONCLUSIVE and again.rel_error == math.inf and math.isnan(again.slope)
    fast = _report(LINEAR, [(n, 1e-8 * n) for n in GEOMETRIC])
    endless = GrowthReport(
        status=GrowthStatus.OK,
        fit=fit_growth(synthetic(EXPONENTIAL, seed=0)),
        points=tuple(synthetic(EXPONENTIAL, seed=0)),
    )
    comparison = compare_growth(endless, fast, at_n=10**6)
    json.dumps(comparison.to_dict(), allow_nan=False)


def _report(label: str, points: list[tuple[int, float]]) -> GrowthReport:
    fit = fit_growth(points)
    assert fit.label == label
    return GrowthReport(status=GrowthStatus.OK, fit=fit, points=tuple(points))


def test_comparison_states_classes_an_estimate_and_the_ratio() -> None:
    mine = _report(QUADRATIC, [(n, 6.4e-8 * n * n) for n in GEOMETRIC])
    best = _report(LINEAR, [(n, 2e-7 * n) for n in GEOMETRIC])
    facts = compare_growth(mine, best)
    assert (facts.observed, facts.optimal, facts.slower_class) == (QUADRATIC, LINEAR, True)
    assert facts.largest_n == 8000
    assert facts.ratio_at_largest == pytest.approx(6.4e-8 * 8000 / 2e-7)
    assert facts.at_n == 10**5
    assert facts.candidate_at_n_s == pytest.approx(640, rel=0.05)
    assert facts.sentence.startswith("Observed ~O(n^2), the optimal is O(n); at n=10^5 yours")
    assert "an estimate" in facts.sentence
    assert "10.7 min vs 20 ms" in facts.sentence
    assert json.loads(json.dumps(facts.to_dict()))["observed"] == QUADRATIC
    same = compare_growth(best, best)
    assert same.slower_class is False
    assert "the same as the optimal O(n)" in same.sentence


def test_the_estimate_is_made_at_the_largest_n_the_constraints_allow() -> None:
    mine = _report(QUADRATIC, [(n, 6.4e-8 * n * n) for n in GEOMETRIC])
    best = _report(LINEAR, [(n, 2e-7 * n) for n in GEOMETRIC])
    facts = compare_growth(mine, best, limit_n=10**4)
    assert facts.at_n == 10**4
    assert facts.candidate_at_n_s == pytest.approx(6.4, rel=0.05)
    assert "at n=10^4, the largest the constraints allow, yours would take 6.4 s" in facts.sentence
    # sizes that reached the limit (code too quick to time is measured up to it): the
    # estimate stays there, never at 10^5, past what the constraints allow
    reached = compare_growth(mine, best, limit_n=8000)
    assert (
        reached.at_n == 8000 and "at n=8,000, the largest the constraints allow" in reached.sentence
    )


def test_report_round_trips_through_json() -> None:
    report = _report(LINEAR, [(n, 2e-7 * n) for n in GEOMETRIC])
    assert GrowthReport.from_dict(json.loads(json.dumps(report.to_dict()))) == report


def test_inputs_are_deterministic_and_sorted() -> None:
    source = "def generate(n, rng):\n    return [[rng.randint(0, 9) for _ in range(n)]]\n"
    first = growth_inputs(generator_source=source, sizes=[40, 10, 20])
    assert first.sizes == (10, 20, 40)
    assert [len(a[0]) for a in first.args] == [10, 20, 40]
    assert growth_inputs(generator_source=source, sizes=[10, 20, 40]) == first
    assert growth_inputs(generator_source=source, sizes=[10, 20, 40], seed=1) != first


# ---------------------------------------------------------------- in the sandbox

LINEAR_CODE = """
class Solution:
    def hasPair(self, nums: List[int]) -> bool:
        seen = set()
        for x in nums:
            if x in seen:
                return True
            seen.add(x)
        return False
"""
QUADRATIC_CODE = """
class Solution:
    def hasPair(self, nums: List[int]) -> bool:
        for i in range(len(nums)):
            for j in range(i + 1, len(nums)):
                if nums[i] == nums[j]:
                    return True
        return False
"""
DISTINCT = "def generate(n, rng):\n    return [rng.sample(range(10 * n), n)]\n"
SIZES = [100, 200, 400, 800, 1600]


def _measure(code: str, **kwargs: object) -> GrowthReport:
    options: dict = {"sizes": SIZES, "generator_source": DISTINCT, **kwargs}
    return measure_growth(
        code=code,
        preamble=STANDARD_PREAMBLE,
        shape=CallShape(entry_kind="method", entry_point="hasPair"),
        **options,
    )


@pytest.mark.sandbox
@pytest.mark.timeout(180)
def test_sandboxed_linear_and_quadratic_code_classify_apart() -> None:
    inputs = growth_inputs(generator_source=DISTINCT, sizes=SIZES)
    linear = _measure(LINEAR_CODE, inputs=inputs)
    quadratic = _measure(QUADRATIC_CODE, inputs=inputs)
    assert linear.status == quadratic.status == GrowthStatus.OK
    assert linear.label in (LINEAR, LINEARITHMIC)
    assert quadratic.label == QUADRATIC
    assert [n for n, _ in quadratic.points] == SIZES
    facts = compare_growth(quadratic, linear)
    assert facts.slower_class is True
    assert facts.ratio_at_largest is not None and facts.ratio_at_largest > 1


@pytest.mark.sandbox
@pytest.mark.timeout(180)
def test_sizes_stop_growing_once_a_call_exceeds_the_budget() -> None:
    report = _measure(QUADRATIC_CODE, sizes=[1000, 4000, 16_000, 64_000, 256_000], budget_s=0.05)
    assert report.stopped_at is not None
    assert 256_000 not in [n for n, _ in report.points]
    assert report.status == GrowthStatus.INCONCLUSIVE
    assert report.label == INCONCLUSIVE
    assert "budget of 0.05 s" in report.fit.reason


@pytest.mark.sandbox
@pytest.mark.timeout(60)
def test_code_that_does_not_compile_or_raises_is_reported() -> None:
    assert _measure("class Solution:\n    def hasPair(self,\n").status == GrowthStatus.COMPILE_ERROR
    failing = _measure("class Solution:\n    def hasPair(self, nums):\n        return 1 / 0\n")
    assert failing.status == GrowthStatus.FAILED
    assert "ZeroDivisionError" in failing.error


@pytest.mark.sandbox
@pytest.mark.timeout(120)
def test_code_too_quick_at_tiny_sizes_is_measured_further() -> None:
    tiny = [5, 10, 15, 20, 25, 30]
    report = _measure(LINEAR_CODE, sizes=tiny)
    assert report.status == GrowthStatus.OK
    assert [n for n, _ in report.points][: len(tiny)] == tiny
    assert report.largest_n is not None and report.largest_n > 30
    assert report.label in (LINEAR, LINEARITHMIC)


@pytest.mark.sandbox
@pytest.mark.timeout(120)
def test_sizes_never_pass_the_constraints_bound_and_too_quick_code_is_classed_by_its_lines() -> (
    None
):
    # climbing-stairs: n <= 45. Linear code there takes about a microsecond: measured further
    # it would read as O(n), but only beyond what the constraints allow (up to n = 480 here).
    # Its timings cannot tell; the lines it executes, counted on the same inputs, can.
    report = _measure(LINEAR_CODE, sizes=[5, 10, 15, 20, 30, 60], max_n=45)
    sizes = [n for n, _ in report.points]
    assert max(sizes) == 45 and 60 not in sizes
    assert report.status == GrowthStatus.OK and report.label == LINEAR
    # the lines decide (on a slow machine, where 45 items take over TELL_BELOW_S, they raise
    # or check the timed class instead)
    assert report.fit.basis != BASIS_TIME
    assert GrowthReport.from_dict(report.to_dict()).fit.basis == report.fit.basis
    assert report.fit.predict(90) > report.fit.predict(45)  # still answers in seconds


@pytest.mark.sandbox
@pytest.mark.timeout(120)
def test_too_quick_code_whose_work_is_in_builtins_is_inconclusive() -> None:
    # set() builds its set in C, unseen by the counts: the counted work is flat, and no
    # class is claimed for it (O(1) would be wrong).
    builtin = (
        "class Solution:\n    def hasPair(self, nums):\n        return len(set(nums)) < len(nums)\n"
    )
    report = _measure(builtin, sizes=[5, 10, 15, 20, 30, 60], max_n=45)
    assert report.status == GrowthStatus.INCONCLUSIVE and report.label == INCONCLUSIVE
    assert "too quick to tell at every size the constraints allow (n <= 45)" in report.fit.reason
    assert "what the counts do not see may grow: `len(...)`" not in report.fit.reason
    assert "what the counts do not see may grow: `set(...)`" in report.fit.reason


@pytest.mark.sandbox
@pytest.mark.timeout(120)
def test_sublinear_code_too_quick_at_large_sizes_is_classed_by_its_lines() -> None:
    # A binary search takes under 5 µs even at n = 16,384: its timings are all fixed cost,
    # while its loop runs log2(n) times.
    search = (
        "class Solution:\n"
        "    def hasPair(self, nums):\n"
        "        lo, hi = 0, len(nums)\n"
        "        while lo < hi:\n"
        "            mid = (lo + hi) // 2\n"
        "            if nums[mid] < 0:\n"
        "                lo = mid + 1\n"
        "            else:\n"
        "                hi = mid\n"
        "        return lo > 0\n"
    )
    sizes = [1024, 2048, 4096, 8192, 16_384]
    report = _measure(search, sizes=sizes)
    # (on a slower machine the timings may tell it, above TELL_BELOW_S)
    assert report.label == LOG, report.fit
    constant = _measure(
        "class Solution:\n    def hasPair(self, nums):\n        return nums[0] == nums[-1]\n",
        sizes=sizes,
    )
    # flat counted work, and nothing in the code the counts cannot see: O(1)
    assert constant.label == CONSTANT and constant.fit.basis == BASIS_LINES
    # `in` on a list scans it in C: measurable at n = 16,384 (timed: O(n)); at n <= 45 its
    # counted steps (the items it visits) tell the class
    member = "class Solution:\n    def hasPair(self, nums):\n        return -1 in nums\n"
    assert _measure(member, sizes=sizes).label == LINEAR
    small = _measure(member, sizes=[5, 10, 15, 20, 30, 45], max_n=45)
    assert small.label == LINEAR and small.fit.basis == BASIS_LINES, small.fit
    # `set(nums)` builds a set in C, unseen by the counts: flat counts say nothing there
    hashed = "class Solution:\n    def hasPair(self, nums):\n        return len(set(nums)) < 9\n"
    small = _measure(hashed, sizes=[5, 10, 15, 20, 30, 45], max_n=45)
    assert small.label == INCONCLUSIVE
    assert "`set(...)`" in small.fit.reason


@pytest.mark.sandbox
@pytest.mark.timeout(120)
def test_a_list_searched_once_per_item_is_quadratic_when_too_quick_to_time() -> None:
    # `x not in seen` on a list visits every item seen so far: n^2 / 2 steps in C, a line
    # run n times. Under 5 µs a call at n <= 45, the counted steps tell the class.
    code = (
        "class Solution:\n    def hasPair(self, nums):\n        seen = []\n"
        "        for x in nums:\n            if x not in seen:\n                seen.append(x)\n"
        "        return len(seen) < len(nums)\n"
    )
    report = _measure(code, sizes=[5, 10, 15, 20, 30, 45], max_n=45)
    assert report.label == QUADRATIC, (report.fit, report.points)


@pytest.mark.sandbox
@pytest.mark.timeout(120)
def test_slow_code_within_the_constraints_bound_keeps_its_class() -> None:
    report = _measure(QUADRATIC_CODE, sizes=[100, 200, 400, 800, 1600, 3200], max_n=1600)
    assert [n for n, _ in report.points] == [100, 200, 400, 800, 1600]
    assert report.label == QUADRATIC


# A design class whose calls do almost nothing, but whose arguments are costly to convert
# (a 300-node tree each) and which is off the CPU for a while in each call, as a call is
# when the judge machine is busy.
PROBE_SHAPE = CallShape(
    entry_kind="design",
    entry_point="Probe",
    signature=(
        "class Probe:\n    def __init__(self):\n"
        "    def look(self, root: Optional[TreeNode]) -> int:\n    def nap(self) -> None:\n"
    ),
)
PROBE_CODE = """
import time

class Probe:
    def __init__(self):
        self.seen = 0

    def look(self, root):
        self.seen += 1
        return self.seen

    def nap(self):
        time.sleep(0.0001)
"""
PROBE_CALLS = """
def generate(n, rng):
    ops, args = ["Probe"], [[]]
    for i in range(n):
        ops.append("look" if i % 2 else "nap")
        args.append([list(range(300))] if i % 2 else [])
    return [ops, args]
"""


@pytest.mark.sandbox
@pytest.mark.timeout(180)
def test_a_design_class_is_timed_by_the_cpu_its_own_calls_take() -> None:
    # Converting a tree (about 100 µs) and sleeping (100 µs), each in every other call, are
    # not the class's work: timed, either would be most of what is measured.
    report = measure_growth(
        code=PROBE_CODE,
        preamble=STANDARD_PREAMBLE,
        shape=PROBE_SHAPE,
        generator_source=PROBE_CALLS,
        sizes=[200, 400, 800, 1600],
    )
    assert report.status == GrowthStatus.OK, report.error
    assert [n for n, _ in report.points][:4] == [200, 400, 800, 1600]
    per_call = {n: t / n for n, t in report.points}
    assert max(per_call.values()) < 40e-6, per_call  # about 8 µs: the sleep's system call
    assert report.label in (LINEAR, LINEARITHMIC), report.points


@pytest.mark.sandbox
@pytest.mark.timeout(180)
def test_a_sort_in_c_under_a_linear_loop_is_n_log_n_by_its_counted_work() -> None:
    # The sort's comparisons happen in C: the timings show a slope near 1, the lines O(n).
    # The counted work (lines, and k log k for a sort of k) decides O(n) against O(n log n).
    sort_then_scan = (
        "class Solution:\n"
        "    def hasPair(self, nums):\n"
        "        nums = sorted(nums)\n"
        "        for i in range(1, len(nums)):\n"
        "            if nums[i] == nums[i - 1]:\n"
        "                return True\n"
        "        return False\n"
    )
    in_place = sort_then_scan.replace("nums = sorted(nums)", "nums.sort()")
    heap = (
        "import heapq\n"
        "class Solution:\n"
        "    def hasPair(self, nums):\n"
        "        heap = []\n"
        "        for x in nums:\n"
        "            heapq.heappush(heap, x)\n"
        "        return False\n"
    )
    sizes = [1000, 2000, 4000, 8000, 16_000, 32_000]
    for code in (sort_then_scan, in_place, heap):
        report = _measure(code, sizes=sizes)
        assert report.label == LINEARITHMIC, (code, report.fit)
        assert report.fit.basis == BASIS_TIME_AND_COUNTS
    linear = _measure(LINEAR_CODE, sizes=sizes)
    assert linear.label == LINEAR and linear.fit.basis == BASIS_TIME_AND_COUNTS


@pytest.mark.sandbox
@pytest.mark.timeout(120)
def test_linear_work_in_a_builtin_method_is_counted_when_too_quick_to_time() -> None:
    # list.count visits every item in C: under a microsecond at n <= 45, and one line of
    # Python, but the counted work (its list's length each call) grows as O(n).
    counted = (
        "class Solution:\n    def hasPair(self, nums):\n        return nums.count(nums[0]) > 1\n"
    )
    summed = "class Solution:\n    def hasPair(self, nums):\n        return sum(nums) < 0\n"
    for code in (counted, summed):
        report = _measure(code, sizes=[5, 10, 15, 20, 30, 45], max_n=45)
        assert report.label == LINEAR and report.fit.basis == BASIS_LINES, report.fit


def test_counted_work_with_a_fixed_part_is_classed() -> None:
    # Three lines run once per call beside one per item: at n = 5..45 the fixed part is
    # large, and the total is still O(n); a sort of n adds n log n; flat is O(1).
    sizes = [5, 8, 13, 20, 30, 45]
    assert hotlines.total_order({n: 3 + n for n in sizes}) == (LINEAR, None)
    assert hotlines.total_order({n: 3 + round(n * math.log2(n)) for n in sizes}) == (
        LINEARITHMIC,
        None,
    )
    assert hotlines.total_order({n: 9 for n in sizes}) == (CONSTANT, None)
    assert hotlines.total_order({n: 4 + n * n for n in sizes}) == (QUADRATIC, None)
    assert hotlines.total_order({5: 9, 10: 40}) is None  # too few sizes
    assert hotlines.total_order({n: (n * 7919) % 97 + 1 for n in sizes}) is None  # no class


def test_linear_work_less_a_lower_order_part_is_not_linearithmic() -> None:
    # A Morris in-order traversal counted on random trees of n = 12..100 (measured): it walks
    # each right edge off the tree's rightmost path twice, n - O(log n) in all, so its totals
    # grow a little faster than n there; a loop of ten lines per item beside a sort of n
    # (n log n steps) stays O(n log n), as does a sort alone.
    morris = {12: 118, 18: 194, 28: 302, 43: 471, 65: 712, 100: 1147}
    assert hotlines.total_order(morris) == (LINEAR, None)
    sizes = list(morris)
    loop_and_sort = {n: 10 * n + round(n * math.log2(n)) for n in sizes}
    assert hotlines.total_order(loop_and_sort) == (LINEARITHMIC, None)
    assert hotlines.total_order({n: round(n * math.log2(n)) for n in sizes}) == (
        LINEARITHMIC,
        None,
    )
    assert hotlines.total_order({n: 3 * (n - 1) + 2 for n in sizes}) == (LINEAR, None)
    # count-subarrays-with-median-k's two passes, split where k lies (measured): 3 and 4
    # steps an item, so the totals wander; O(n) and O(n log n) miss them alike
    split = {512: 2884, 1024: 5310, 2048: 11076, 4096: 23285, 8192: 45122}
    assert hotlines.total_order(split) == (LINEAR, None)
    assert hotlines.total_order(split, near_tie=LINEARITHMIC) == (LINEARITHMIC, None)


@pytest.mark.sandbox
@pytest.mark.timeout(60)
def test_work_counted_once_is_not_counted_again() -> None:
    # The quick-code rule counts every size; where it declines, the O(n) vs O(n log n) rule
    # asks for some of the same sizes: those come from what was counted (a count is
    # deterministic), only the new ones run in the sandbox.
    inputs = growth_inputs(generator_source=DISTINCT, sizes=[100, 200])
    counting: dict[str, Any] = {
        "code": LINEAR_CODE, "preamble": STANDARD_PREAMBLE, "language": "python3",
        "shape": CallShape(entry_kind="method", entry_point="hasPair"), "mem_mb": 256,
        "inputs": inputs, "extra": None,
    }  # fmt: skip
    known = {100: 7}  # not what the code would count: proof that it was not counted again
    work = _counted_work(**counting, sizes=[100, 200], known=known)
    assert work is not None and work[100] == 7 and work[200] > 200
    assert known == work
    assert _counted_work(**counting, sizes=[200], known=known) == {200: work[200]}


MORRIS_INORDER = """class Solution:
    def inorderTraversal(self, root: Optional[TreeNode]) -> List[int]:
        ans = []
        while root:
            if root.left is None:
                ans.append(root.val)
                root = root.right
            else:
                prev = root.left
                while prev.right and prev.right != root:
                    prev = prev.right
                if prev.right is None:
                    prev.right = root
                    root = root.left
                else:
                    ans.append(root.val)
                    prev.right = None
                    root = root.right
        return ans
"""


@pytest.mark.sandbox
@pytest.mark.timeout(120)
def test_a_morris_traversal_on_random_trees_of_at_most_100_nodes_is_linear() -> None:
    # Under 10 µs a call at n <= 100: the class is read from the counted lines.
    spec = {
        "version": 1,
        "kind": "call",
        "family": "random",
        "families": ["random"],
        "distinct": [],
        "sorted": [],
        "max_n": 100,
        "params": [
            {
                "name": "root",
                "type": {
                    "t": "tree",
                    "len": {
                        "eq": [],
                        "hi": [["", 1.0, 100.0]],
                        "lo": [["", 1.0, 0.0]],
                        "scale": True,
                    },
                    "of": {"t": "int", "hi": [["", 1.0, 100.0]], "lo": [["", 1.0, -100.0]]},
                },
            }
        ],
    }
    report = measure_growth(
        code=MORRIS_INORDER,
        preamble=STANDARD_PREAMBLE,
        shape=CallShape(entry_kind="method", entry_point="inorderTraversal"),
        generator_source=inputgen.generator_source(spec),
        sizes=[12, 18, 28, 43, 65, 100],
        max_n=100,
    )
    assert report.label == LINEAR, (report.fit, report.points)


def test_a_class_the_slope_rules_out_wins_where_every_allowed_one_misses_badly() -> None:
    # Measured: a Counter of up to 676 two-letter words, then a loop over its keys. The work
    # levels off, the slope is 0.62, where only O(log n) is allowed; it misses by 43%, O(n)
    # with its fixed part by 13%.
    points = [
        (256, 4.24e-05),
        (512, 7.05e-05),
        (1024, 1.133e-04),
        (2048, 1.611e-04),
        (4096, 2.398e-04),
        (8192, 3.798e-04),
    ]
    fit = fit_growth(points)
    assert fit.label == LINEAR and fit.errors[LOG] > 0.4 and 0.55 < fit.slope < 0.7


def test_o_n_against_o_n_log_n_is_counted_at_halved_sizes_when_few_are_quick_enough() -> None:
    # 10-25 ms calls from n = 256 (count-palindromic-subsequences' 100 steps per character):
    # only two measured sizes are quick enough to count; halvings below them make four.
    points = ((256, 0.004), (512, 0.009), (1024, 0.02), (2048, 0.044), (4096, 0.09))
    assert _tie_sizes(points) == [64, 128, 256, 512]
    assert _tie_sizes(((256, 0.5), (512, 1.0), (1024, 2.0), (2048, 4.0))) == []
    assert _tie_sizes(((32, 0.001), (64, 0.002), (128, 0.004), (256, 0.008))) == [
        32,
        64,
        128,
        256,
    ]


NUMBER = "def generate(n, rng):\n    return [n]\n"


def _measure_number(code: str) -> GrowthReport:
    return measure_growth(
        code=code,
        preamble=STANDARD_PREAMBLE,
        shape=CallShape(entry_kind="method", entry_point="f"),
        generator_source=NUMBER,
        sizes=[256, 512, 1024, 2048, 4096, 8192],
        max_n=10**15,
    )


@pytest.mark.sandbox
@pytest.mark.timeout(120)
def test_a_number_as_n_is_measured_up_to_its_bound_and_its_digits_show_o_log_n() -> None:
    # n is a number given to the code (n <= 10^15): nothing grows in memory with it, so the
    # sizes go on far past 8,192, where a loop over its digits has room to show O(log n).
    digits = (
        "class Solution:\n"
        "    def f(self, n):\n"
        "        total = 0\n"
        "        while n:\n"
        "            total += n % 10\n"
        "            n //= 10\n"
        "        return total\n"
    )
    report = _measure_number(digits)
    assert report.label == LOG and report.fit.basis == BASIS_LINES, report.fit
    assert report.largest_n is not None and report.largest_n > 10**9
    # a modular power's multiplications (one per bit of the exponent) are counted
    power = "class Solution:\n    def f(self, n):\n        return pow(5, n, 10**9 + 7)\n"
    assert _measure_number(power).label == LOG
    # a closed form is O(1) at any n
    closed = "class Solution:\n    def f(self, n):\n        return n * (n + 1) // 2\n"
    assert _measure_number(closed).label == CONSTANT


@pytest.mark.sandbox
@pytest.mark.timeout(120)
def test_flat_counts_beside_unseen_work_are_o_1_when_the_call_is_far_quicker_than_a_pass() -> None:
    # find-center-of-star-graph: `x in edges[1]` is a pair, not the input; 0.1 µs at 16,384
    # numbers is far below what any pass over them in C costs, so flat counts are O(1).
    pairs = "def generate(n, rng):\n    return [[[1, i + 2] for i in range(n)]]\n"
    center = (
        "class Solution:\n"
        "    def hasPair(self, edges):\n"
        "        return edges[0][0] if edges[0][0] in edges[1] else edges[0][1]\n"
    )
    report = _measure(center, generator_source=pairs, sizes=[1024, 2048, 4096, 8192])
    assert report.label == CONSTANT and report.fit.basis == BASIS_LINES, report.fit


def test_a_class_the_slope_rules_out_is_checked_against_counts_that_see_all_the_work() -> None:
    # median-of-two-sorted-arrays' binary search over 10^6 items, slowed by cache misses: a
    # slope of 0.6, timings that fit O(n) best; its counted steps (128 at n = 20,000, 137 at
    # n = 10^6, ending where the data lets it) grow far less than O(n) does, so the slope's own
    # band (O(log n)) stands.
    search = {20_000: 128, 50_000: 148, 100_000: 128, 300_000: 177, 1_000_000: 137}
    assert _grows_far_less(search, LINEAR)
    # a Counter of words then a loop over at most 676 keys: its work grows (as n, plus a part
    # that levels off), and the timings' O(n) is kept
    assert not _grows_far_less({512: 1_400, 1024: 2_600, 8192: 11_572}, LINEAR)
    assert slope_allows(LOG, 0.6) and not slope_allows(LINEAR, 0.6)
    assert slope_allows(LINEAR, 0.7) and slope_allows(LOG, 0.7)


QUADRATIC_LOOPS = (
    "class Solution:\n"
    "    def hasPair(self, nums):\n"
    "        count = 0\n"
    "        for x in nums:\n"
    "            for y in nums:\n"
    "                if x + y == 0:\n"
    "                    count += 1\n"
    "        return count > 0\n"
)


@pytest.mark.sandbox
@pytest.mark.timeout(120)
def test_calls_too_quick_to_time_reliably_are_classed_by_the_lines_of_code_the_counts_see_whole() -> (
    None
):
    # n <= 30: 900 steps take 10-40 µs, timings a busy machine bends either way; the counts
    # see every step of this code and do not vary between runs
    sizes = [8, 12, 16, 20, 25, 30]
    labels = {_measure(QUADRATIC_LOOPS, sizes=sizes, max_n=30).label for _ in range(3)}
    assert labels == {QUADRATIC}
    report = _measure(QUADRATIC_LOOPS, sizes=sizes, max_n=30)
    assert report.fit.basis in (BASIS_QUICK_LINES, BASIS_LINES), report.fit
    assert report.fit.predict(60) > 3 * report.fit.predict(30)  # still answers in seconds
    other = _measure(QUADRATIC_LOOPS, sizes=sizes, max_n=30)
    assert "counted at each size" in compare_growth(report, other).sentence


def _timed_fit(label: str, slope: float) -> GrowthFit:
    return GrowthFit(
        label=label, intercept=0.0, coefficient=1e-6, rel_error=0.1, slope=slope,
        n_ref=8192.0, errors={label: 0.1},
    )  # fmt: skip


def test_counted_work_raises_a_timed_class_below_it_and_never_lowers_one_beside_hidden_work() -> (
    None
):
    linear_counts = {256: 2_600, 512: 5_150, 1024: 10_300, 2048: 20_500, 4096: 41_000}
    flat = dict.fromkeys(linear_counts, 13)
    # a pass over 8,192 items whose timings read O(log n) on a loaded machine: the counted
    # steps are a floor on the work
    raised = _class_by_counts(_timed_fit(LOG, 0.45), linear_counts, "x = 1")
    assert raised == (LINEAR, None, BASIS_COUNTS_FLOOR)
    assert _class_by_counts(_timed_fit(QUADRATIC, 2.0), linear_counts, "x = 1") is None
    # a timed O(n) whose slope (0.69) rules it out, flat counts: O(1) only where the counts
    # see everything; `set(nums)` beside them is a pass they miss
    banned = _timed_fit(LINEAR, 0.69)
    assert _class_by_counts(banned, flat, "x = 1") == (CONSTANT, None, BASIS_TIME_CHECKED)
    assert _class_by_counts(banned, flat, "s = set(nums)", hidden_pass=True) is None
