"""The call-shape contract: signatures read into node kinds, starter code, test checks."""

from __future__ import annotations

from typing import Any

import pytest

from mltools.callshape import CallShape, ShapeError, node_kind, read_contract


@pytest.mark.parametrize(
    ("annotation", "kind"),
    [
        ("ListNode", "ListNode"),
        ("Optional[ListNode]", "ListNode"),
        ("typing.Optional[TreeNode]", "TreeNode"),
        ("TreeNode | None", "TreeNode"),
        ("'TreeNode'", "TreeNode"),
        ("List[ListNode]", "List[ListNode]"),
        ("List[Optional[TreeNode]]", "List[TreeNode]"),
        ("list[Optional[ListNode]]", "List[ListNode]"),
        ("List[int]", None),
        ("int", None),
        ("", None),
    ],
)
def test_node_kinds_from_annotations(annotation: str, kind: str | None) -> None:
    assert node_kind(annotation) == kind


def test_a_def_line_gives_parameter_and_result_kinds() -> None:
    shape = CallShape(
        entry_point="mergeKLists",
        signature="def mergeKLists(self, lists: List[Optional[ListNode]], k: int) -> Optional[ListNode]:",
    )
    assert shape.job()["methods"] == {
        "mergeKLists": {"params": [["lists", "List[ListNode]"], ["k", None]], "returns": "ListNode"}
    }
    assert shape.returns_node == "ListNode"
    function = CallShape(
        entry_kind="function", entry_point="f", signature="def f(self, head: ListNode):"
    )
    assert function.job()["methods"]["f"]["params"] == [["self", None], ["head", "ListNode"]]


def test_starter_code_follows_the_shape() -> None:
    method = CallShape(entry_point="add", signature="def add(self, a: int, b: int) -> int:")
    assert method.starter_code() == (
        "class Solution:\n    def add(self, a: int, b: int) -> int:\n        pass\n"
    )
    in_place = CallShape(
        entry_point="rotate",
        signature="def rotate(self, nums: List[int], k: int) -> None:",
        returns_argument=0,
    )
    assert in_place.starter_code() == (
        "class Solution:\n    def rotate(self, nums: List[int], k: int) -> None:\n"
        '        """\n        Do not return anything, modify nums in-place instead.\n        """\n'
    )
    design = CallShape(
        entry_kind="design",
        entry_point="Trie",
        signature="class Trie:\n\n    def __init__(self):\n\n    def insert(self, word: str) -> None:\n",
    )
    assert design.starter_code() == (
        "class Trie:\n\n    def __init__(self):\n        pass\n\n"
        "    def insert(self, word: str) -> None:\n        pass\n"
    )
    function = CallShape(entry_kind="function", entry_point="f", signature="def f(xs):")
    assert function.starter_code() == "def f(xs):\n    pass\n"


def test_design_tests_are_checked_against_the_skeleton() -> None:
    shape = CallShape(
        entry_kind="design",
        entry_point="Trie",
        signature="class Trie:\n    def __init__(self):\n    def insert(self, word: str) -> None:",
    )
    shape.check_test([["Trie", "insert"], [[], ["a"]]], [None, None])
    for args, expected, message in [
        ([["Trie", "insert"], [[]]], [None, None], "one argument list per operation"),
        ([["Trie", "insert"], [[], ["a"]]], [None], "one result per operation"),
        ([["Other", "insert"], [[], ["a"]]], [None, None], "first operation must be 'Trie'"),
        ([["Trie", "__class__"], [[], []]], [None, None], "may not call private methods"),
        ([["Trie", "search"], [[], ["a"]]], [None, None], "not in the signature: search"),
        ([["Trie"]], [None], "design test's args"),
    ]:
        with pytest.raises(ShapeError, match=message):
            shape.check_test(args, expected)


def test_a_contract_is_read_with_clear_errors() -> None:
    contract = read_contract(
        {"entry_point": "f", "returns": {"argument": 1}, "checker": "float", "tolerance": "1e-4",
         "signature": "def f(self, a: int, nums: List[int]) -> None:"}
    )  # fmt: skip
    assert (contract.shape.returns_argument, contract.checker, contract.tolerance) == (
        1,
        "float",
        1e-4,
    )
    cases: list[tuple[dict[str, Any], str]] = [
        ({}, "entry_point must name"),
        ({"entry_point": "f", "entry_kind": "class"}, "entry_kind must be one of"),
        ({"entry_point": "f", "returns": {"argument": True}}, "non-negative integer"),
        ({"entry_point": "f", "tolerance": 0}, "tolerance must be"),
        ({"entry_point": "f", "checker": "sorted"}, "unknown checker"),
        ({"entry_point": "f", "signature": "def f(self:"}, "does not parse"),
        (
            {"entry_point": "f", "entry_kind": "design", "signature": "def f(self):"},
            "class skeleton",
        ),
        ({"entry_point": "f", "entry_kind": "design", "returns": {"argument": 0}}, "cannot return"),
    ]
    for data, message in cases:
        with pytest.raises(ShapeError, match=message):
            read_contract(data)


def test_a_stored_signature_that_does_not_parse_never_stops_judging() -> None:
    shape = CallShape(entry_point="f", signature="def f(self, a,")  # cut by an importer
    with pytest.raises(ShapeError):
        shape.methods()
    assert shape.job()["methods"] is None  # the candidate's own annotations decide
