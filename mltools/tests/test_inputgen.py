"""Input generators derived from a problem's signature, tests and constraints (issue 14)."""

from __future__ import annotations

import random
from typing import Any

from mltools import inputgen
from mltools.callshape import CallShape
from mltools.constraints import Expr, read_constraints
from mltools.contracts import ProblemRecord, TestRecord


def _derive(
    signature: str, tests: list[dict[str, Any]], constraints: str, entry: str
) -> dict[str, Any]:
    shape = CallShape(entry_kind="method", entry_point=entry, signature=signature)
    derivation = inputgen.derive(
        shape=shape, tests=[([], t) for t in tests], constraints=constraints
    )
    assert derivation.spec is not None, derivation.reason
    return derivation.spec


def _make(spec: dict[str, Any], n: int, family: str = "random", seed: int = 0) -> list[Any]:
    return inputgen.generate_from_spec(inputgen.with_family(spec, family), n, random.Random(seed))


def test_constraint_lines_become_bounds_equalities_alphabets_and_flags() -> None:
    facts = read_constraints(
        "- 1 <= nums.length <= 3 * 10^4\n"
        "- -2^31 <= nums[i] <= 2^31 - 1\n"
        "- 1 <= k <= nums.length\n"
        "- m == grid.length\n"
        "- 1 <= m, n <= 200\n"
        "- s consists of lowercase English letters and digits.\n"
        "- All the integers of nums are unique.\n"
        "- The number of nodes in the tree is in the range [0, 10^4].\n"
        "- -100 <= Node.val <= 100"
    )
    assert facts.const_high("len:nums") == 30000
    assert facts.const_low("val:nums") == -(2**31) and facts.const_high("val:nums") == 2**31 - 1
    assert Expr("len:nums") in facts.high["var:k"]
    assert ("var:m", Expr("len:grid")) in facts.equal
    assert facts.const_high("var:m") == facts.const_high("var:n") == 200
    assert set(facts.alphabet["s"]) == set("abcdefghijklmnopqrstuvwxyz0123456789")
    assert "nums" in facts.distinct
    assert facts.const_high("len:@node") == 10_000 and facts.const_low("val:@node") == -100


def test_ints_with_relations_stay_inside_the_bounds_a_length_sets() -> None:
    spec = _derive(
        "def longestEqualSubarray(self, nums: List[int], k: int) -> int:",
        [{"nums": [1, 3, 2, 3, 1, 3], "k": 3}, {"nums": [1, 1, 2, 2, 1, 1], "k": 2}],
        "- 1 <= nums.length <= 10^5\n- 1 <= nums[i] <= nums.length\n- 0 <= k <= nums.length",
        "longestEqualSubarray",
    )
    assert spec["max_n"] == 100_000
    for seed in range(20):
        nums, k = _make(spec, 500, seed=seed)
        assert len(nums) == 500
        assert all(1 <= x <= 500 for x in nums)  # values bounded by the length
        assert 0 <= k <= 500 and isinstance(k, int)
    assert _make(spec, 10**6)[0].__len__() == 100_000  # clamped to the constraint


def test_a_relation_only_the_tests_keep_is_kept_and_said() -> None:
    shape = CallShape(
        entry_kind="method",
        entry_point="f",
        signature="def f(self, nums: List[int], k: int) -> int:",
    )
    derivation = inputgen.derive(
        shape=shape, tests=[([[5, 1, 4, 2], 3], {}), ([[9, 8, 7, 6, 5], 5], {})]
    )
    assert derivation.spec is not None
    assert any("k <= len(nums)" in note for note in derivation.notes)
    for seed in range(10):
        nums, k = _make(derivation.spec, 40, seed=seed)
        assert k <= len(nums) == 40
    assert derivation.spec["max_n"] is None  # no constraint bounds the list


def test_families_sort_reverse_spread_and_repeat_the_values() -> None:
    spec = _derive(
        "def threeSum(self, nums: List[int]) -> List[List[int]]:",
        [{"nums": [-1, 0, 1, 2, -1, -4]}],
        "- 3 <= nums.length <= 3000\n- -10^5 <= nums[i] <= 10^5",
        "threeSum",
    )
    assert spec["families"] == list(inputgen.FAMILIES) and spec["max_n"] == 3000
    (nums,) = _make(spec, 1000, "sorted")
    assert nums == sorted(nums)
    (nums,) = _make(spec, 1000, "reversed")
    assert nums == sorted(nums, reverse=True)
    (nums,) = _make(spec, 1000, "distinct")
    assert len(set(nums)) == 1000
    (nums,) = _make(spec, 1000, "equal")
    assert len(set(nums)) == 1
    assert inputgen.growth_sizes(spec) == [64, 128, 256, 512, 1024, 2048]


def test_a_constraint_that_values_are_distinct_rules_out_the_equal_family() -> None:
    spec = _derive(
        "def findMin(self, nums: List[int]) -> int:",
        [{"nums": [3, 4, 5, 1, 2]}],
        "- n == nums.length\n- 1 <= n <= 5000\n- -5000 <= nums[i] <= 5000\n"
        "- All the integers of nums are unique.",
        "findMin",
    )
    assert "equal" not in spec["families"] and spec["max_n"] == 5000
    (nums,) = _make(spec, 3000)
    assert len(set(nums)) == 3000  # distinct in every family


def test_strings_use_the_stated_alphabet_or_the_tests_own() -> None:
    spec = _derive(
        "def isValid(self, s: str) -> bool:",
        [{"s": "()"}, {"s": "()[]{}"}, {"s": "(]"}],
        "- 1 <= s.length <= 10^4\n- s consists of parentheses only '()[]{}'.",
        "isValid",
    )
    (s,) = _make(spec, 800)
    assert len(s) == 800 and set(s) <= set("()[]{}")
    spec = _derive(
        "def countBinary(self, s: str) -> int:",
        [{"s": "0011"}, {"s": "10101"}],
        "- 1 <= s.length <= 10^5",
        "countBinary",
    )
    (s,) = _make(spec, 300)
    assert set(s) <= {"0", "1"}
    (s,) = _make(spec, 300, "equal")
    assert len(set(s)) == 1


def test_grids_have_equal_rows_and_about_n_cells() -> None:
    spec = _derive(
        "def numIslands(self, grid: List[List[str]]) -> int:",
        [
            {"grid": [["1", "1", "0"], ["0", "1", "0"]]},
            {"grid": [["1", "0", "0", "1"], ["0", "0", "0", "1"], ["1", "1", "1", "1"]]},
        ],
        "- m == grid.length\n- n == grid[i].length\n- 1 <= m, n <= 300\n"
        "- grid[i][j] is '0' or '1'.",
        "numIslands",
    )
    assert spec["params"][0]["type"]["t"] == "grid" and spec["max_n"] == 90_000
    (grid,) = _make(spec, 1024)
    assert len(grid) == 32 and {len(row) for row in grid} == {32}
    assert {cell for row in grid for cell in row} <= {"0", "1"}


def test_fixed_length_rows_are_pairs_not_a_grid() -> None:
    spec = _derive(
        "def merge(self, intervals: List[List[int]]) -> List[List[int]]:",
        [{"intervals": [[1, 3], [2, 6], [8, 10]]}, {"intervals": [[1, 4], [4, 5]]}],
        "- 1 <= intervals.length <= 10^4\n- intervals[i].length == 2\n"
        "- 0 <= intervals[i][0] <= intervals[i][1] <= 10^4",
        "merge",
    )
    (intervals,) = _make(spec, 200)
    assert len(intervals) == 200 and {len(pair) for pair in intervals} == {2}
    assert all(0 <= v <= 10_000 for pair in intervals for v in pair)


def test_trees_are_level_order_lists_and_sorted_makes_a_search_tree() -> None:
    spec = _derive(
        "def kthSmallest(self, root: Optional[TreeNode], k: int) -> int:",
        [{"root": [3, 1, 4, None, 2], "k": 1}, {"root": [5, 3, 6, 2, 4, None, None, 1], "k": 3}],
        "- The number of nodes in the tree is n.\n- 1 <= k <= n <= 10^4\n- 0 <= Node.val <= 10^4",
        "kthSmallest",
    )
    assert spec["params"][0]["type"]["t"] == "tree" and spec["max_n"] == 10_000
    (root, k) = _make(spec, 300, "sorted")
    values = [v for v in root if v is not None]
    assert len(values) == 300 and 1 <= k <= 300
    assert _inorder(root) == sorted(values)  # a binary search tree
    (path, _) = _make(spec, 50, "reversed")
    assert path.count(None) == 49  # a path: each node the right child of the one before


def _inorder(level: list[Any]) -> list[Any]:
    nodes: list[list[Any]] = [[v, None, None] for v in level]
    queue = [0] if level else []
    i = 1
    head = 0
    while head < len(queue) and i < len(level):
        parent = queue[head]
        head += 1
        for side in (1, 2):
            if i < len(level):
                if level[i] is not None:
                    nodes[parent][side] = i
                    queue.append(i)
                i += 1
    out: list[Any] = []

    def walk(index: int | None) -> None:
        if index is None:
            return
        walk(nodes[index][1])
        out.append(nodes[index][0])
        walk(nodes[index][2])

    walk(0 if level else None)
    return out


def test_linked_lists_take_the_node_count_and_values_from_the_constraints() -> None:
    spec = _derive(
        "def numComponents(self, head: Optional[ListNode], nums: List[int]) -> int:",
        [
            {"head": [0, 1, 2, 3], "nums": [0, 1, 3]},
            {"head": [0, 1, 2, 3, 4], "nums": [0, 3, 1, 4]},
        ],
        "- The number of nodes in the linked list is n.\n- 1 <= n <= 10^4\n- 0 <= Node.val < n\n"
        "- 1 <= nums.length <= n\n- 0 <= nums[i] < n\n- All the values of nums are unique.",
        "numComponents",
    )
    assert spec["params"][0]["type"]["t"] == "linked" and spec["max_n"] == 10_000
    head, nums = _make(spec, 100)
    assert len(head) == 100 and all(0 <= v < 100 for v in head)
    assert len(nums) <= 100 and len(set(nums)) == len(nums) and all(0 <= v < 100 for v in nums)


def test_a_design_problem_gets_n_calls_in_the_tests_proportions() -> None:
    shape = CallShape(
        entry_kind="design",
        entry_point="MinStack",
        signature="class MinStack:\n    def __init__(self):\n    def push(self, val: int) -> None:\n"
        "    def pop(self) -> None:\n    def getMin(self) -> int:",
    )
    test = [
        ["MinStack", "push", "push", "push", "getMin", "pop", "getMin"],
        [[], [-2], [0], [-3], [], [], []],
    ]
    derivation = inputgen.derive(
        shape=shape, tests=[(test, {})], constraints="- At most 3 * 10^4 calls will be made."
    )
    spec = derivation.spec
    assert spec is not None and spec["kind"] == "design" and spec["max_n"] == 30_000
    ops, args = _make(spec, 600)
    assert ops[0] == "MinStack" and len(ops) == len(args) == 601
    assert set(ops[1:]) == {"push", "pop", "getMin"}
    assert 0.35 < ops.count("push") / 600 < 0.65  # 3 of the tests' 6 calls
    assert all(isinstance(a[0], int) for op, a in zip(ops, args, strict=True) if op == "push")


def test_no_generator_is_derived_where_no_test_shows_the_argument() -> None:
    shape = CallShape(entry_point="f", signature="def f(self, things) -> int:")
    derivation = inputgen.derive(shape=shape, tests=[([], {"other": 1})])
    assert derivation.spec is None and derivation.reason == "no test passes every parameter"
    derivation = inputgen.derive(shape=shape, tests=[([[{"a": 1}]], {})])
    assert derivation.spec is None
    assert derivation.reason == "things holds dict values, which no generator makes"


def test_the_derived_source_runs_as_a_hand_written_generator_does_and_a_written_one_wins() -> None:
    record = ProblemRecord(
        source="leetcodedataset",
        source_id="x",
        slug="x",
        title="X",
        difficulty="easy",
        statement="s",
        entry_point="f",
        signature="def f(self, nums: List[int]) -> int:",
        constraints="- 1 <= nums.length <= 10^4\n- 0 <= nums[i] <= 9",
        tests=(TestRecord(args=[[1, 2, 3]], expected=6),),
    )
    derived = inputgen.record_with_generator(record)
    assert derived.generator_origin == "derived" and derived.max_size == 10_000
    assert derived.growth_sizes == (256, 512, 1024, 2048, 4096, 8192)
    namespace: dict[str, Any] = {}
    exec(derived.generator, namespace)
    (nums,) = namespace["generate"](300, random.Random(1))
    assert len(nums) == 300 and set(nums) <= set(range(10))
    assert inputgen.spec_of(derived.generator) is not None

    written = inputgen.record_with_generator(
        ProblemRecord(
            **{**record.__dict__, "generator": "def generate(n, rng):\n    return [[1] * n]\n"}
        )
    )
    assert written.generator_origin == "hand-written" and written.generator.startswith(
        "def generate"
    )
    assert inputgen.spec_of(written.generator) is None
