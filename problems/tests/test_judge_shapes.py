"""Every LeetCode problem shape through the real sandbox: design classes, in-place answers,
node types whatever the candidate's annotations, tolerances, orders and big integers.

Each kind has a correct solution that must be Accepted and a wrong one a sloppy
judge would accept, which must not be.
"""

from __future__ import annotations

from typing import Any

import pytest

from mltools.callshape import CallShape
from problems.judge.api import JudgeReport, TestSpec, judge_code
from problems.judge.codec import STANDARD_PREAMBLE
from problems.judge.sandbox import Limits
from problems.judge.verdicts import Verdict

pytestmark = [pytest.mark.sandbox, pytest.mark.timeout(120)]

LIMITS = Limits(cpu_s=2.0, wall_s=5.0, mem_mb=128, out_kb=16)


def judge(
    code: str,
    tests: list[tuple[list[Any], Any]],
    *,
    shape: CallShape,
    checker: str = "exact",
    tolerance: float | None = None,
    samples: bool = True,
) -> JudgeReport:
    specs = [
        TestSpec(id=i, args=args, expected=expected, checker=checker, is_sample=samples)
        for i, (args, expected) in enumerate(tests)
    ]
    return judge_code(
        language="python3",
        code=code,
        preamble=STANDARD_PREAMBLE,
        shape=shape,
        tests=specs,
        limits=LIMITS,
        tolerance=tolerance,
    )


# --- design problems -------------------------------------------------------------

MIN_STACK = CallShape(
    entry_kind="design",
    entry_point="MinStack",
    signature=(
        "class MinStack:\n"
        "    def __init__(self):\n"
        "    def push(self, val: int) -> None:\n"
        "    def pop(self) -> None:\n"
        "    def top(self) -> int:\n"
        "    def getMin(self) -> int:\n"
    ),
)
MIN_STACK_TESTS = [
    (
        [
            ["MinStack", "push", "push", "getMin", "push", "getMin", "pop", "getMin", "top"],
            [[], [5], [3], [], [7], [], [], [], []],
        ],
        [None, None, None, 3, None, 3, None, 3, 3],
    ),
    (
        [
            ["MinStack", "push", "push", "push", "getMin", "pop", "getMin"],
            [[], [2], [0], [3], [], [], []],
        ],
        [None, None, None, None, 0, None, 0],
    ),
]
MIN_STACK_CODE = """
class MinStack:
    def __init__(self):
        self.items = []

    def push(self, val):
        low = min(val, self.items[-1][1]) if self.items else val
        self.items.append((val, low))

    def pop(self):
        self.items.pop()

    def top(self):
        return self.items[-1][0]

    def getMin(self):
        return self.items[-1][1]
"""


def test_a_design_class_is_driven_by_its_list_of_calls() -> None:
    report = judge(MIN_STACK_CODE, MIN_STACK_TESTS, shape=MIN_STACK)
    assert report.verdict == Verdict.AC, report.message
    assert report.tests[0].actual == [None, None, None, 3, None, 3, None, 3, 3]


def test_a_wrong_value_at_call_3_is_named_with_its_operation() -> None:
    # getMin forgets the minimum after a larger push: right on call 3, wrong on call 5
    wrong = MIN_STACK_CODE.replace(
        "low = min(val, self.items[-1][1]) if self.items else val", "low = val"
    )
    report = judge(wrong, MIN_STACK_TESTS, shape=MIN_STACK)
    assert report.verdict == Verdict.WA
    assert report.message == "Wrong answer at call 5 (getMin)"
    off_at_3 = MIN_STACK_CODE.replace("return self.items[-1][1]", "return self.items[0][1]")
    sample = judge(off_at_3, MIN_STACK_TESTS, shape=MIN_STACK)  # the first minimum, 5, not 3
    assert sample.message == "Wrong answer at call 3 (getMin)"
    assert sample.tests[0].actual == [None, None, None, 5, None, 5, None, 5, 3]
    hidden = judge(off_at_3, MIN_STACK_TESTS[1:], shape=MIN_STACK, samples=False)
    assert hidden.verdict == Verdict.WA
    assert hidden.message == "Wrong answer at call 4 (getMin) on a hidden test"
    assert (sample.tests[0].failing_call, hidden.tests[0].failing_call) == (
        "call 3 (getMin)",
        "call 4 (getMin)",
    )  # a field of the outcome: the feedback reads it, not the message's words


def test_a_crash_inside_a_design_call_says_which_call() -> None:
    crashing = MIN_STACK_CODE.replace(
        "self.items.pop()", "self.items.pop(); raise KeyError('gone')"
    )
    report = judge(crashing, MIN_STACK_TESTS, shape=MIN_STACK)
    assert report.verdict == Verdict.RE
    assert "during call 6 (pop)" in report.message


def test_a_design_problem_without_its_class_is_a_runtime_error_naming_it() -> None:
    report = judge("class Solution:\n    pass\n", MIN_STACK_TESTS, shape=MIN_STACK)
    assert report.verdict == Verdict.RE
    assert "no class named 'MinStack'" in report.message


def test_a_design_method_returning_a_linked_list_is_converted_by_the_signature() -> None:
    shape = CallShape(
        entry_kind="design",
        entry_point="Chain",
        signature="class Chain:\n    def __init__(self, head: Optional[ListNode]):\n    def rest(self) -> Optional[ListNode]:\n",
    )
    code = "class Chain:\n    def __init__(self, head):\n        self.head = head\n    def rest(self):\n        return self.head.next\n"
    report = judge(code, [([["Chain", "rest"], [[[1, 2, 3]], []]], [None, [2, 3]])], shape=shape)
    assert report.verdict == Verdict.AC, report.message


def test_a_design_problem_without_a_signature_converts_by_the_candidate_s_annotations() -> None:
    # the arguments of every call are converted before the calls run, from the class itself
    shape = CallShape(entry_kind="design", entry_point="Chain")
    code = (
        "class Chain:\n"
        "    def __init__(self, head: Optional[ListNode]):\n        self.head = head\n"
        "    def length(self, head: Optional[ListNode]) -> int:\n"
        "        return 0 if head is None else 1 + self.length(head.next)\n"
        "    def rest(self) -> Optional[ListNode]:\n        return self.head.next\n"
        "    @staticmethod\n"
        "    def first(head: ListNode) -> int:\n        return head.val\n"
    )
    ops = ["Chain", "length", "rest", "first", "length"]
    report = judge(
        code,
        [([ops, [[[1, 2, 3]], [[4, 5]], [], [[6, 7]], [[]]]], [None, 2, [2, 3], 6, 0])],
        shape=shape,
    )
    assert report.verdict == Verdict.AC, report.message
    missing = judge(
        code, [([["Chain", "rest", "size"], [[[1]], [], []]], [None, [], 1])], shape=shape
    )
    assert missing.verdict == Verdict.RE
    assert "during call 2 (size)" in missing.message


# --- in-place problems ----------------------------------------------------------

SORT_COLOURS = CallShape(
    entry_point="sortColors",
    signature="def sortColors(self, nums: List[int]) -> None:",
    returns_argument=0,
)
COLOUR_TESTS = [([[2, 0, 2, 1, 1, 0]], [0, 0, 1, 1, 2, 2]), ([[1]], [1]), ([[2, 1]], [1, 2])]


def test_an_in_place_answer_is_the_argument_after_the_call() -> None:
    code = "class Solution:\n    def sortColors(self, nums):\n        nums.sort()\n"
    report = judge(code, COLOUR_TESTS, shape=SORT_COLOURS)
    assert report.verdict == Verdict.AC, report.message
    assert report.tests[0].actual == [0, 0, 1, 1, 2, 2]


def test_a_wrong_in_place_result_is_wrong_whatever_is_returned() -> None:
    returns_sorted = (
        "class Solution:\n    def sortColors(self, nums):\n        return sorted(nums)\n"
    )
    assert judge(returns_sorted, COLOUR_TESTS, shape=SORT_COLOURS).verdict == Verdict.WA
    rebinds = "class Solution:\n    def sortColors(self, nums):\n        nums = sorted(nums)\n"
    assert judge(rebinds, COLOUR_TESTS, shape=SORT_COLOURS).verdict == Verdict.WA
    reversed_ = (
        "class Solution:\n    def sortColors(self, nums):\n        nums.sort(reverse=True)\n"
    )
    report = judge(reversed_, COLOUR_TESTS, shape=SORT_COLOURS)
    assert report.verdict == Verdict.WA
    assert report.tests[0].actual == [2, 2, 1, 1, 0, 0]


def test_an_in_place_second_argument_and_keyword_arguments() -> None:
    shape = CallShape(
        entry_point="merge",
        signature="def merge(self, nums1: List[int], m: int, nums2: List[int], n: int) -> None:",
        returns_argument=0,
    )
    code = (
        "class Solution:\n    def merge(self, nums1, m, nums2, n):\n"
        "        nums1[:] = sorted(nums1[:m] + nums2[:n])\n"
    )
    specs = [
        TestSpec(id=1, args=[[1, 2, 3, 0, 0, 0], 3, [2, 5, 6], 3], expected=[1, 2, 2, 3, 5, 6]),
        TestSpec(
            id=2,
            args=[],
            kwargs={"nums1": [4, 0], "m": 1, "nums2": [1], "n": 1},
            expected=[1, 4],
        ),
    ]
    report = judge_code(
        language="python3",
        code=code,
        preamble=STANDARD_PREAMBLE,
        shape=shape,
        tests=specs,
        limits=LIMITS,
    )
    assert report.verdict == Verdict.AC, report.message


# --- node types from the problem's signature --------------------------------------

REVERSE = CallShape(
    entry_point="reverseList",
    signature="def reverseList(self, head: Optional[ListNode]) -> Optional[ListNode]:",
)
PYTHON2_TEMPLATE = '''
class Solution(object):
    def reverseList(self, head):
        """
        :type head: ListNode
        :rtype: ListNode
        """
        prev = None
        while head:
            head.next, prev, head = prev, head, head.next
        return prev
'''


def test_an_unannotated_linked_list_solution_gets_a_linked_list() -> None:
    report = judge(PYTHON2_TEMPLATE, [([[1, 2, 3]], [3, 2, 1]), ([[]], [])], shape=REVERSE)
    assert report.verdict == Verdict.AC, report.message


def test_the_problem_signature_wins_over_wrong_candidate_annotations() -> None:
    code = PYTHON2_TEMPLATE.replace(
        "def reverseList(self, head):", "def reverseList(self, head: list) -> list:"
    )
    assert judge(code, [([[1, 2]], [2, 1])], shape=REVERSE).verdict == Verdict.AC


def test_an_empty_tree_result_may_be_none_and_a_list_of_trees_is_converted() -> None:
    shape = CallShape(
        entry_point="pruneAll",
        signature="def pruneAll(self, roots: List[Optional[TreeNode]]) -> List[Optional[TreeNode]]:",
    )
    code = "class Solution:\n    def pruneAll(self, roots):\n        return [r.left if r else None for r in roots]\n"
    report = judge(code, [([[[1, 2, 3], [], [4]]], [[2], [], []])], shape=shape)
    assert report.verdict == Verdict.AC, report.message


# --- None is not [] ----------------------------------------------------------------


def test_none_where_an_empty_list_is_expected_is_a_wrong_answer() -> None:
    shape = CallShape(
        entry_point="evens", signature="def evens(self, nums: List[int]) -> List[int]:"
    )
    lazy = "class Solution:\n    def evens(self, nums):\n        out = [x for x in nums if x % 2 == 0]\n        return out or None\n"
    tests = [([[1, 2, 4]], [2, 4]), ([[1, 3]], [])]
    report = judge(lazy, tests, shape=shape)
    assert report.verdict == Verdict.WA
    assert report.first_failure == 1
    right = lazy.replace("return out or None", "return out")
    assert judge(right, tests, shape=shape).verdict == Verdict.AC


# --- order ------------------------------------------------------------------------


def test_partitions_in_another_order_pass_and_a_reordered_partition_does_not() -> None:
    shape = CallShape(
        entry_point="partition", signature="def partition(self, s: str) -> List[List[str]]:"
    )
    expected = [["a", "a", "b"], ["aa", "b"]]
    other_order = "class Solution:\n    def partition(self, s):\n        return [['aa', 'b'], ['a', 'a', 'b']]\n"
    assert (
        judge(other_order, [(["aab"], expected)], shape=shape, checker="any_order").verdict
        == Verdict.AC
    )
    # "b", "aa" is not a partition of "aab": the pieces' order is their position
    scrambled = "class Solution:\n    def partition(self, s):\n        return [['b', 'aa'], ['a', 'a', 'b']]\n"
    assert (
        judge(scrambled, [(["aab"], expected)], shape=shape, checker="any_order").verdict
        == Verdict.WA
    )


# --- floats -------------------------------------------------------------------------

AVERAGE = CallShape(entry_point="average", signature="def average(self, nums: List[int]) -> float:")
ROUNDED = "class Solution:\n    def average(self, nums):\n        return round(sum(nums) / len(nums), DIGITS)\n"


def test_a_float_within_the_stated_tolerance_passes_and_one_outside_does_not() -> None:
    tests = [([[1, 0, 0, 0, 0, 0]], 1 / 6), ([[1, 1, 0]], 2 / 3)]
    five = ROUNDED.replace("DIGITS", "5")
    assert judge(five, tests, shape=AVERAGE, checker="float").verdict == Verdict.AC
    assert judge(five, tests, shape=AVERAGE, checker="float", tolerance=1e-6).verdict == Verdict.WA
    three = ROUNDED.replace("DIGITS", "3")  # 3.3e-4 off: outside LeetCode's 1e-5
    assert judge(three, tests, shape=AVERAGE, checker="float").verdict == Verdict.WA
    assert judge(three, tests, shape=AVERAGE, checker="float", tolerance=1e-3).verdict == Verdict.AC


# --- big integers -------------------------------------------------------------------

FACTOR = CallShape(entry_point="double", signature="def double(self, x: int) -> int:")


def test_a_5000_digit_integer_is_passed_returned_and_compared_exactly() -> None:
    big = 10**5000 + 12345
    right = "class Solution:\n    def double(self, x):\n        return 2 * x\n"
    report = judge(right, [([big], 2 * big)], shape=FACTOR)
    assert report.verdict == Verdict.AC, report.message
    assert report.tests[0].actual == 2 * big
    off_by_one = "class Solution:\n    def double(self, x):\n        return 2 * x + 1\n"
    report = judge(off_by_one, [([big], 2 * big)], shape=FACTOR)
    assert report.verdict == Verdict.WA
    assert report.tests[0].actual == 2 * big + 1


def test_a_big_integer_built_inside_the_sandbox_comes_back_exactly() -> None:
    code = "class Solution:\n    def double(self, x):\n        return int('7' * 5000) + x\n"
    report = judge(code, [([1], int("7" * 5000) + 1)], shape=FACTOR)
    assert report.verdict == Verdict.AC, report.message


def test_each_design_result_is_taken_when_its_call_returns() -> None:
    shape = CallShape(
        entry_kind="design",
        entry_point="Log",
        signature="class Log:\n    def __init__(self):\n    def add(self, x: int) -> List[int]:",
    )
    # returns its own list, which later calls change: the first add returned [1]
    code = "class Log:\n    def __init__(self):\n        self.items = []\n    def add(self, x):\n        self.items.append(x)\n        return self.items\n"
    report = judge(
        code, [([["Log", "add", "add"], [[], [1], [2]]], [None, [1], [1, 2]])], shape=shape
    )
    assert report.verdict == Verdict.AC, report.message
