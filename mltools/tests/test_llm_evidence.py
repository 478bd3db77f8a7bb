"""Evidence for the feedback: input traits from values, where the time goes from the code."""

from __future__ import annotations

from mltools.llm import evidence

SLOW_MERGE = """class Solution:
    def merge(self, intervals):
        stretches = []
        for start, end in intervals:
            kept = []
            for s, e in stretches:
                if s <= end and start <= e:
                    start, end = min(start, s), max(end, e)
                else:
                    kept.append([s, e])
            kept.append([start, end])
            stretches = kept
        return sorted(stretches)
"""


def test_traits_are_computed_from_the_values() -> None:
    names = evidence.parameter_names(
        "def merge(self, intervals: List[List[int]]) -> List[List[int]]:"
    )
    assert names == ["intervals"]
    assert evidence.input_traits([[]], names=names) == ["`intervals` is empty"]
    assert evidence.input_traits([[[5, 6]]], names=names) == ["`intervals` has one element"]
    assert evidence.input_traits([[[4, 4], [4, 4]]], names=names) == [
        "`intervals` has all 2 elements equal"
    ]
    assert evidence.input_traits([[3, 1, 3, -2]], names=["nums"]) == [
        "`nums` has duplicate values",
        "`nums` has negative values",
    ]
    assert evidence.input_traits([[1, 2, 5, 9]], names=["nums"]) == ["`nums` is already sorted"]
    big = [20 - i for i in range(20)][::2] + [1, 3, 5]  # 13 items, not sorted
    largest = evidence.largest_sizes([([[1, 2]], {}), ([big], {})], ["nums"])
    assert evidence.input_traits([big], names=["nums"], largest_sizes=largest) == [
        "`nums` is the largest input among the tests (13 items)"
    ]
    # A tiny input is no size cause, even when no test is larger: its other traits speak.
    largest = evidence.largest_sizes([([[1, 2]], {}), ([[-1, 0, 1, 2, -1, -4]], {})], ["nums"])
    assert evidence.input_traits(
        [[-1, 0, 1, 2, -1, -4]], names=["nums"], largest_sizes=largest
    ) == ["`nums` has duplicate values", "`nums` has negative values"]
    assert evidence.input_traits([[2, 7], -3], names=["nums", "target"]) == ["`target` is negative"]


def test_a_number_argument_has_traits_too() -> None:
    largest = evidence.largest_sizes([([3], {}), ([45], {}), ([1], {})], ["n"])
    assert evidence.input_traits([1], names=["n"], largest_sizes=largest) == [
        "`n` is 1, the smallest positive value"
    ]
    assert evidence.input_traits([45], names=["n"], largest_sizes=largest) == [
        "`n` is the largest value among the tests (45)"
    ]
    assert evidence.input_traits([3], names=["n"], largest_sizes=largest) == []
    assert evidence.describe_size([3], {}, ["n"]) == "`n` is 3"


def test_traits_the_passed_tests_lacked_come_first() -> None:
    mine = ["`nums` has duplicate values", "`nums` has one element"]
    assert evidence.special_first(mine, [["`nums` has duplicate values"]]) == mine[::-1]


def test_where_the_time_goes_is_read_from_the_loops() -> None:
    assert evidence.time_spent(SLOW_MERGE) == [
        "The loop at lines 6-10 is nested in the loop at line 4 (over `stretches` and `intervals`)."
    ]
    pairs = "def f(nums):\n    for i in range(len(nums)):\n        for j in range(i):\n            pass\n"
    assert evidence.time_spent(pairs) == [
        "The loop at lines 3-4 is nested in the loop at line 2 (over `i` and `nums`)."
    ]
    hidden = "def f(nums):\n    out = []\n    for x in nums:\n        if x not in out:\n            out.append(x)\n"
    assert evidence.time_spent(hidden) == [
        "Inside the loop at line 3, line 4: `x not in out` searches `out` one element at a time."
    ]
    fib = "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n"
    assert evidence.time_spent(fib) == [
        "`fib` makes 2 calls to itself (line 2), and nothing remembers answers already computed."
    ]
    cached = "@cache\n" + fib
    assert "calls to itself" not in " ".join(evidence.time_spent(cached))
    assert evidence.time_spent("def f(:") == []


def test_the_sort_that_feeds_a_loop_is_not_inside_it() -> None:
    code = "def f(a):\n    for x in sorted(a):\n        pass\n"
    assert evidence.time_spent(code) == ["The loop at lines 2-3 makes one pass over `a`."]


def test_technique_terms_and_the_editorial_technique() -> None:
    assert evidence.technique_terms("Use a Hash Map, or two pointers.") == {
        "hash map",
        "two pointers",
    }
    assert evidence.technique_terms("`nums` is already sorted") == set()
    assert evidence.editorial_technique("**Sort the periods by start**, then sweep.") == (
        "Sort the periods by start"
    )
