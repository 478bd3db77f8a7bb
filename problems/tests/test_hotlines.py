"""Where the time goes, counted: line executions in the sandbox, their orders and ranges."""

from __future__ import annotations

import pytest

from mltools.callshape import CallShape
from mltools.complexity import CONSTANT, EXPONENTIAL, LINEAR, LINEARITHMIC, QUADRATIC
from problems.judge import hotlines
from problems.judge.codec import STANDARD_PREAMBLE
from problems.judge.growth import growth_inputs
from problems.judge.hotlines import (
    count_lines,
    count_order,
    count_sizes,
    counting_supported,
    hot_lines,
)

QUADRATIC_CODE = """class Solution:
    def hasPair(self, nums: List[int]) -> bool:
        seen = 0
        for i in range(len(nums)):
            for j in range(i + 1, len(nums)):
                if nums[i] == nums[j]:
                    return True
            seen += 1
        return False
"""
DISTINCT = "def generate(n, rng):\n    return [rng.sample(range(10 * n), n)]\n"


def test_orders_are_read_from_counts_at_a_few_sizes() -> None:
    assert count_order([(100, 4950), (200, 19900), (400, 79800)])[0] == QUADRATIC
    assert count_order([(100, 101), (200, 201), (400, 401)])[0] == LINEAR
    assert count_order([(100, 1), (200, 1), (400, 1)])[0] == CONSTANT
    nlogn = [(n, round(3 * n * (n.bit_length() - 1))) for n in (256, 1024, 4096)]
    assert count_order(nlogn)[0] == LINEARITHMIC
    # close sizes (a constraint of n <= 45): n log n must not pass for n^2
    stairs = [(n, n * (n - 1) // 2 + n) for n in (23, 27, 31)]
    assert count_order(stairs)[0] == QUADRATIC
    # Fibonacci-like recursion: the exponential class with its own base, not 2^n
    label, _, base = count_order([(n, round(1.618**n)) for n in (15, 19, 23)])
    assert label == EXPONENTIAL and base is not None and round(base, 2) == 1.62


def test_adjacent_lines_of_the_fastest_order_are_one_range_extrapolated() -> None:
    counts = {
        100: {4: 101, 5: 5050, 6: 4950, 8: 100, 9: 1},
        200: {4: 201, 5: 20100, 6: 19900, 8: 200, 9: 1},
        400: {4: 401, 5: 80200, 6: 79800, 8: 400, 9: 1},
    }
    (hot,) = hot_lines(counts, at_n=4000)
    assert (hot.first, hot.last, hot.order) == (5, 6, QUADRATIC)
    assert hot.count == 8_000_000  # 0.5 n^2 at n = 4,000, to two significant figures
    assert hot.sentence() == (
        "lines 5-6 run about n^2 times: 8,000,000 at n = 4,000 (counted at n = 100, 200 and 400)"
    )


def test_nothing_is_hot_when_no_line_grows_or_one_size_was_counted() -> None:
    assert hot_lines({100: {3: 1}, 200: {3: 1}}, at_n=1000) == ()
    assert hot_lines({100: {3: 100}}, at_n=1000) == ()


def test_counting_sizes_stay_far_below_the_budget_and_apart() -> None:
    points = [(250, 1e-4), (500, 4e-4), (1000, 1.6e-3), (2000, 6.4e-3), (4000, 2.6e-2)]
    assert count_sizes(points) == [500, 1000, 2000]
    assert count_sizes([(250, 1.0), (500, 2.0)]) == []
    # exponential code is measured a few steps apart: three close sizes still tell an order
    assert count_sizes([(9, 1e-3), (11, 6e-3), (13, 4e-2), (15, 0.3)]) == []  # two, too close
    assert count_sizes([(7, 3e-4), (9, 1e-3), (11, 6e-3), (13, 4e-2)]) == [7, 9, 11]
    assert not counting_supported(language="cpp", entry_kind="method")
    assert not counting_supported(language="python3", entry_kind="design")


@pytest.mark.sandbox
@pytest.mark.timeout(120)
def test_a_double_loop_counted_in_the_sandbox_grows_as_n_squared() -> None:
    inputs = growth_inputs(generator_source=DISTINCT, sizes=[100, 200, 400])
    counts = count_lines(
        code=QUADRATIC_CODE,
        preamble=STANDARD_PREAMBLE,
        shape=CallShape(entry_kind="method", entry_point="hasPair"),
        sizes=inputs.sizes,
        args=inputs.args,
    )
    assert sorted(counts) == [100, 200, 400]
    # all distinct: the inner loop's header runs n(n+1)/2 times, its test n(n-1)/2
    assert counts[400][5] == 400 * 401 // 2 and counts[400][6] == 400 * 399 // 2
    assert counts[400][8] == 400  # the outer loop's body, once per pass
    assert max(counts[400]) <= len(QUADRATIC_CODE.splitlines())  # the wrapper is not counted
    (hot,) = hot_lines(counts, at_n=4000)
    assert (hot.first, hot.last, hot.order) == (5, 6, QUADRATIC)
    assert hot.count == 8_000_000


BUBBLE_SORT_IN_PLACE = """class Solution:
    def sortColors(self, nums: List[int]) -> None:
        n = len(nums)
        for i in range(n):
            for j in range(n - 1 - i):
                if nums[j] > nums[j + 1]:
                    nums[j], nums[j + 1] = nums[j + 1], nums[j]
"""


@pytest.mark.sandbox
@pytest.mark.timeout(120)
def test_an_in_place_answer_s_lines_are_counted_too() -> None:
    # The call's value is the argument after the call, so the counts come back printed.
    inputs = growth_inputs(
        generator_source="def generate(n, rng):\n    return [[rng.randrange(3) for _ in range(n)]]\n",
        sizes=[100, 200, 400],
    )
    counts = count_lines(
        code=BUBBLE_SORT_IN_PLACE,
        preamble=STANDARD_PREAMBLE,
        shape=CallShape(entry_kind="method", entry_point="sortColors", returns_argument=0),
        sizes=inputs.sizes,
        args=inputs.args,
    )
    assert counts[400][6] == 400 * 399 // 2  # the comparison, once per inner pass
    assert hot_lines(counts, at_n=800)[0].order == QUADRATIC


IN_AND_SLICES = """from functools import cache


class Solution:
    def f(self, s: str) -> int:
        seen = []
        for c in s:
            if c not in seen:
                seen.append(c)

        @cache
        def tail(i):
            return s[i:]

        return len(seen) + len(tail(1)) + self.half(s) + ("01" in s)

    @staticmethod
    def half(s):
        return len(s[::2])
"""


@pytest.mark.sandbox
@pytest.mark.timeout(120)
def test_in_and_slice_reads_count_the_items_they_visit() -> None:
    # `x in c` and `s[i:j]` are opcodes no profiler sees: while counted, the code runs
    # compiled anew with each one a call adding its steps, on the same lines, in methods,
    # static methods and cached inner functions alike.
    sizes = [10, 100, 1000]
    counts = count_lines(
        code=IN_AND_SLICES,
        preamble=STANDARD_PREAMBLE,
        shape=CallShape(entry_kind="method", entry_point="f"),
        sizes=sizes,
        args=[["ab" * (n // 2)] for n in sizes],
    )
    for n in sizes:
        # `c not in seen`: 0 items, then 1, then one for "a" and two for "b" each time;
        # the slices copy n - 1 and n / 2 characters; "01" in s visits all n
        in_seen = 0 + 1 + 3 * (n // 2 - 1)
        assert counts[n][hotlines.BUILTIN_STEPS] == in_seen + (n - 1) + n // 2 + n
        assert counts[n][8] == n  # the line itself still runs once per character
    assert hotlines.unseen_work(IN_AND_SLICES) == ()


@pytest.mark.sandbox
@pytest.mark.timeout(120)
def test_counting_in_and_slices_never_changes_what_the_code_does() -> None:
    # `48 in b` on bytes has no length to add for its item: the items are still counted; two
    # lambdas on one line cannot be told apart, so they run as written, uncounted.
    code = (
        "K = lambda s: s[1:]; J = lambda s: s[:2]\n\n\nclass Solution:\n"
        "    def f(self, s: str) -> int:\n        b = s.encode()\n"
        "        return (48 in b) + len(K(s)) + len(J(s))\n"
    )
    sizes = [10, 100]
    counts = count_lines(
        code=code,
        preamble=STANDARD_PREAMBLE,
        shape=CallShape(entry_kind="method", entry_point="f"),
        sizes=sizes,
        args=[["1" * n] for n in sizes],
    )
    assert {n: counts[n][hotlines.BUILTIN_STEPS] for n in sizes} == {10: 10, 100: 100}


def test_line_totals_compare_at_the_largest_size_both_were_counted_at() -> None:
    from problems.judge.hotlines import LINES_SLOWER_RATIO, compare_line_totals, line_totals

    mine = line_totals({8: {3: 100_000, 4: 10_000}, 9: {3: 500_000}})
    theirs = {7: 3_000, 8: 13_750}
    lines = compare_line_totals(mine, theirs)
    assert lines is not None and lines.at_n == 8 and lines.ratio == 8.0 and lines.many_more
    assert lines.sentence() == (
        "at n = 8 your code executes 110,000 lines, the reference 14,000 (counted in the "
        "sandbox on the same input)"
    )
    same = compare_line_totals(theirs, theirs)
    assert same is not None and same.ratio == 1.0 and not same.many_more  # the same code
    assert compare_line_totals(mine, {}) is None
    assert LINES_SLOWER_RATIO > 1


def test_lines_are_compared_at_sizes_both_series_measured_or_at_one_quick_enough() -> None:
    from problems.judge.hotlines import count_sizes_shared

    reference = [(256, 1e-5), (512, 2e-5), (1024, 4e-5), (2048, 8e-5)]
    quadratic = [(256, 3e-3), (512, 1.2e-2), (1024, 5e-2), (2048, 0.2)]
    # no two sizes are quick enough to fit an order (about 40x slower when counted); the
    # largest whose count is expected within the CPU limit still compares the totals
    assert count_sizes_shared(quadratic, reference) == [512]
    linear = [(256, 1e-4), (512, 2e-4), (1024, 4e-4), (2048, 8e-4)]
    assert count_sizes_shared(linear, reference) == [256, 512, 1024]
    assert count_sizes_shared(linear, reference[:2]) == [256, 512, 1024]  # its own sizes
    assert count_sizes_shared([(256, 0.5)], reference) == []


def test_what_the_counted_work_cannot_see_is_named() -> None:
    # Flat counted work is O(1) only where nothing in the code may grow out of the counts' sight.
    unseen = hotlines.unseen_work
    assert unseen("def f(n):\n    return n * (n + 1) // 2 + n ** 2\n") == ()
    # `x in c` and slice reads are counted (the items visited or copied)
    assert unseen("def f(nums):\n    return -1 in nums\n") == ()
    assert unseen("def f(s):\n    return s[1:] + s[:1]\n") == ()
    assert unseen("def f(a, b, c):\n    return a in b in c\n") == ("`in` in a chained comparison",)
    assert unseen("def f(s):\n    s[1:] = []\n") == ("slice assignment",)
    assert unseen("def f(n):\n    return pow(3, n)\n") == ("`pow(...)`",)
    # a modular power's steps are counted; a container written in the code does not grow
    assert unseen("def f(n):\n    return pow(5, n, 7)\n") == ()
    assert unseen("def f(c, a, b):\n    return c in 'aeiou' or c in (a, b)\n") == ()
    assert unseen("def f(n):\n    return 4 ** n\n") == ("a power with a variable exponent",)
    assert unseen("def f(nums):\n    return len(set(nums))\n") == ("`set(...)`",)
    assert unseen("def f(:\n") == ("the code",)
