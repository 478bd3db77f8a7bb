"""How importers read a problem's shape from its own words: order, tolerance, in-place,
design calls, and the dataset's own sorted/set/tolerance asserts."""

from __future__ import annotations

import pytest

from mltools.data import cleaning


@pytest.mark.parametrize(
    ("statement", "order"),
    [
        (
            "Return all distinct board configurations. You may return the answer in any order.",
            "any_order",
        ),
        (
            "Return the k closest points [x, y] to the origin. You may return the answer in any order.",
            "any_order",
        ),
        ("Return all the permutations. You can return the answer in any order.", "any_order"),
        (
            "Return a 2D array of [r1, c1, r2, c2] for each group of farmland, in any order.",
            "any_order",
        ),
        (
            "Return all unique combinations of candidates. You may return the combinations in any order.",
            "any_order_nested",
        ),
        (
            "Return all the triplets. Notice that the order of the output and the order of the triplets does not matter.",
            "any_order_nested",
        ),
        (
            "Group the anagrams together. You can return the answer in any order.",
            "any_order_nested",
        ),
        (
            "answer[0] holds values of nums1 not in nums2. Note that the integers in the lists may be returned in any order.",
            "any_order_nested",
        ),
        ("Return the sorted list of values.", None),
        # an enumeration whose order the statement leaves open
        (
            "Partition s into palindromes. Return all possible palindrome partitioning of s.",
            "any_order",
        ),
        ("Given the root, return all root-to-leaf paths where the sum equals target.", "any_order"),
        (
            "Find all unique combinations in candidates where the numbers sum to target.",
            "any_order_nested",
        ),
        ("Return all the paths in lexicographical order.", None),
        ("Return the state of all the cells after one day.", None),
    ],
)
def test_answer_order_reads_what_the_elements_are(statement: str, order: str | None) -> None:
    assert cleaning.answer_order(statement) == order


def test_checker_for_follows_the_dataset_assert_then_the_statement() -> None:
    boards = [[".Q..", "...Q"], ["..Q.", "Q..."]]
    assert cleaning.checker_for(boards, order="any_order") == "any_order"
    assert cleaning.checker_for([[1, 2]], order="any_order_nested") == "any_order_nested"
    assert cleaning.checker_for([1, 2], order="any_order_nested") == "any_order"
    assert cleaning.checker_for([1, 2], order=None, check="any_order") == "any_order"
    assert cleaning.checker_for(0.5, order=None) == "float"
    assert cleaning.checker_for(3, order=None) == "exact"


@pytest.mark.parametrize(
    ("statement", "tolerance"),
    [
        ("Answers within 10-5 of the actual answer will be accepted.", 1e-5),  # flattened 10^-5
        ("Answers within 10^-5 of the actual answer will be accepted.", 1e-5),
        ("Answers within <code>10<sup>-6</sup></code> of the actual answer", 1e-6),
        ("If it differs from the correct answer by at most 1e-5.", 1e-5),
        ("Any answer with a calculation error less than 10-5 will be accepted.", 1e-5),
        ("Answers within 10⁻⁴ of the answer are accepted.", 1e-4),
        ("The phone number contains 10-13 digits.", None),
        ("Return the average.", None),
    ],
)
def test_tolerance_from_statement(statement: str, tolerance: float | None) -> None:
    assert cleaning.tolerance_from_statement(statement) == tolerance


def test_in_place_argument_from_the_statement() -> None:
    template = "Do not return anything, modify nums1 in-place instead."
    assert (
        cleaning.in_place_argument(template, ["nums1", "m", "nums2", "n"], returns_nothing=True)
        == 0
    )
    board = "Modify board in-place. The function returns nothing."
    assert cleaning.in_place_argument(board, ["grid", "board"], returns_nothing=True) == 1
    assert (
        cleaning.in_place_argument(
            "Rotate the array in-place.", ["nums", "k"], returns_nothing=True
        )
        == 0
    )
    # a solution that returns its answer is not in-place, whatever the statement says
    assert cleaning.in_place_argument("Reverse it in-place.", ["s"], returns_nothing=False) is None
    assert cleaning.in_place_argument("Return the sum.", ["nums"], returns_nothing=True) is None


def test_design_calls_from_an_example() -> None:
    calls = cleaning.design_calls(
        '["RecentCache", "put", "get"]\n[[2], [1, 10], [1]]', "[null, null, 10]"
    )
    assert calls == ([["RecentCache", "put", "get"], [[2], [1, 10], [1]]], [None, None, 10])
    assert cleaning.design_calls("nums = [1, 2]", "3") is None
    assert cleaning.design_calls('["A", "b"]\n[[]]', "[null, 1]") is None  # one argument list short


def test_the_datasets_own_sorted_set_and_tolerance_asserts_choose_the_checker() -> None:
    source = """def check(candidate):
    assert sorted(candidate(nums=[1, 2])) == sorted([[1], [2]])
    assert set(candidate(3)) == set([1, 2, 3])
    assert sorted(map(sorted, candidate(4))) == [[1, 2], [3]]
    assert abs(candidate(5) - 0.5) < 1e-6
    assert candidate(6) == [7, 8]
"""
    cases, reasons = cleaning.cases_from_check(source)
    assert reasons == []
    assert [c.checker for c in cases] == ["any_order", "any_order", "any_order_nested", "float", ""]
    assert [c.eps for c in cases] == [None, None, None, 1e-6, None]
    assert cases[0].expected == [[1], [2]]
