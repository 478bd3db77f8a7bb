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
    assert spec["families"][:5] == list(inputgen.FAMILIES) and spec["max_n"] == 3000
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


def test_worst_case_families_put_values_at_their_bounds_alternate_them_or_copy_an_argument() -> (
    None
):
    # plus-one's worst case is a carry through 9, 9, ..., 9; special-array's, neighbours that
    # alternate; one-string-swap's, two equal strings: random values build none of them.
    digits = _derive(
        "def plusOne(self, digits: List[int]) -> List[int]:",
        [{"digits": [1, 2, 3]}],
        "- 1 <= digits.length <= 100\n- 0 <= digits[i] <= 9",
        "plusOne",
    )
    assert digits["families"] == [*inputgen.FAMILIES, "low", "high", "alternating"]
    assert _make(digits, 50, "high") == [[9] * 50]
    assert _make(digits, 50, "low") == [[0] * 50]
    (values,) = _make(digits, 50, "alternating")
    assert {values[i + 1] - values[i] for i in range(0, 48, 2)} == {1}
    assert len(set(values[0::2])) == len(set(values[1::2])) == 1

    strings = _derive(
        "def areAlmostEqual(self, s1: str, s2: str) -> bool:",
        [{"s1": "bank", "s2": "kanb"}],
        "- 1 <= s1.length, s2.length <= 100\n- s1.length == s2.length\n"
        "- s1 and s2 consist of only lowercase English letters.",
        "areAlmostEqual",
    )
    assert "copy" in strings["families"]
    s1, s2 = _make(strings, 40, "copy")
    assert s1 == s2 and len(s1) == 40
    s1, s2 = _make(strings, 40, "random")
    assert s1 != s2
    assert _make(strings, 6, "alternating") == ["ababab", "ababab"]

    # values that must be distinct are never all at one bound
    unique = _derive(
        "def findMin(self, nums: List[int]) -> int:",
        [{"nums": [3, 4, 5, 1, 2]}],
        "- 1 <= nums.length <= 5000\n- -5000 <= nums[i] <= 5000\n- All the integers of nums are unique.",
        "findMin",
    )
    assert not set(inputgen.WORST_CASE_FAMILIES) & set(unique["families"])


def test_a_square_grid_s_n_is_its_side() -> None:
    # `n == grid.length == grid[i].length`: complexities are stated in the side (O(n^2) for a
    # pass over the grid), the constraints bound the side, and the estimate is made there.
    spec = _derive(
        "def maxDistance(self, grid: List[List[int]]) -> int:",
        [{"grid": [[1, 0, 1], [0, 0, 0], [1, 0, 1]]}, {"grid": [[1, 0], [0, 0]]}],
        "- n == grid.length\n- n == grid[i].length\n- 1 <= n <= 100\n- grid[i][j] is 0 or 1",
        "maxDistance",
    )
    (grid,) = spec["params"]
    assert grid["type"]["square"] is True and spec["max_n"] == 100
    assert inputgen.growth_sizes(spec) == [12, 18, 28, 43, 65, 100]
    (made,) = _make(spec, 30)
    assert len(made) == 30 and {len(row) for row in made} == {30}
    assert {v for row in made for v in row} <= {0, 1}  # "is 0 or 1"
    rectangle = _derive(
        "def f(self, grid: List[List[int]]) -> int:",
        [{"grid": [[1, 0, 1], [0, 0, 0]]}, {"grid": [[1, 0], [0, 0], [1, 1]]}],
        "- m == grid.length\n- n == grid[i].length\n- 1 <= m, n <= 100",
        "f",
    )
    assert "square" not in rectangle["params"][0]["type"] and rectangle["max_n"] == 10_000


def test_element_names_bound_their_list_s_values_and_the_count_grows_with_n() -> None:
    # `0 <= ai, bi <= n - 1` names the items of `roads[i]`: node numbers below n, and n grows.
    spec = _derive(
        "def maximumImportance(self, n: int, roads: List[List[int]]) -> int:",
        [{"n": 5, "roads": [[0, 1], [1, 2], [2, 3], [0, 2], [1, 3], [2, 4]]}],
        "- 2 <= n <= 5 * 10^4\n- 1 <= roads.length <= 5 * 10^4\n- roads[i].length == 2\n"
        "- 0 <= ai, bi <= n - 1\n- ai != bi",
        "maximumImportance",
    )
    n_param, roads = spec["params"]
    assert n_param["type"].get("size") is True
    n, edges = _make(spec, 2000)
    assert n == 2000 and len(edges) == 2000
    assert max(v for edge in edges for v in edge) <= n - 1
    assert max(v for edge in edges for v in edge) > 1000  # not the tests' 0..4


def test_with_only_numbers_n_is_the_one_that_bounds_the_others() -> None:
    spec = _derive(
        "def goodBinaryStrings(self, minLength: int, maxLength: int, oneGroup: int, "
        "zeroGroup: int) -> int:",
        [{"minLength": 2, "maxLength": 3, "oneGroup": 1, "zeroGroup": 2}],
        "- 1 <= minLength <= maxLength <= 10^5\n- 1 <= oneGroup, zeroGroup <= maxLength",
        "goodBinaryStrings",
    )
    sized = [p["name"] for p in spec["params"] if p["type"].get("size")]
    assert sized == ["maxLength"] and spec["max_n"] == 100_000


def test_an_integer_that_only_ranges_values_is_no_size() -> None:
    # `2 <= hBars[i] <= n + 1` with n <= 10^9 beside at most 100 bars: the bars grow, n is a
    # coordinate range drawn within its bounds
    bars = _derive(
        "def maximizeSquareHoleArea(self, n: int, m: int, hBars: List[int], vBars: List[int]) "
        "-> int:",
        [{"n": 2, "m": 1, "hBars": [2, 3], "vBars": [2]}],
        "- 1 <= n <= 10^9\n- 1 <= m <= 10^9\n- 1 <= hBars.length <= 100\n- 2 <= hBars[i] <= n + 1\n"
        "- 1 <= vBars.length <= 100\n- 2 <= vBars[i] <= m + 1",
        "maximizeSquareHoleArea",
    )
    assert not [p["name"] for p in bars["params"] if p["type"].get("size")]
    assert bars["max_n"] == 100
    # nothing grows but numbers: a step count k, not the grid's sides of up to 10^9
    steps = _derive(
        "def numberOfWays(self, n: int, m: int, k: int, source: List[int], dest: List[int]) "
        "-> int:",
        [{"n": 3, "m": 2, "k": 2, "source": [1, 1], "dest": [2, 2]}],
        "- 2 <= n, m <= 10^9\n- 1 <= k <= 10^5\n- source.length == dest.length == 2\n"
        "- 1 <= source[1], dest[1] <= n\n- 1 <= source[2], dest[2] <= m",
        "numberOfWays",
    )
    assert [p["name"] for p in steps["params"] if p["type"].get("size")] == ["k"]


def test_a_number_that_is_not_n_keeps_its_place_in_its_range_at_every_size() -> None:
    # A threshold of 90 at one size and 5 at the next makes the work jump at random; k drawn
    # as a share of its range keeps O(n k) work one curve.
    spec = _derive(
        "def f(self, nums: List[int], k: int, threshold: int) -> int:",
        [{"nums": [1, 2, 3, 4], "k": 2, "threshold": 3}],
        "- 1 <= nums.length <= 10^4\n- 1 <= nums[i] <= 100\n- 1 <= k <= nums.length\n"
        "- 1 <= threshold <= 100",
        "f",
    )
    made = {n: _make(spec, n, seed=n) for n in (500, 1000, 2000, 4000)}
    assert len({threshold for _, _, threshold in made.values()}) == 1
    shares = [k / len(nums) for nums, k, _ in made.values()]
    assert max(shares) - min(shares) < 0.01
    # each family draws its own place; "equal" its one value, the same at every size
    assert _make(spec, 500, "sorted")[2] != _make(spec, 500, "random")[2]
    assert len({_make(spec, n, "equal", seed=n)[0][0] for n in (500, 1000, 2000)}) == 1


def test_numbers_given_as_n_offer_alternating_bits_and_2n_reads_as_twice_n() -> None:
    spec = _derive(
        "def hasAlternatingBits(self, n: int) -> bool:",
        [{"n": 5}],
        "- 1 <= n <= 2^31 - 1",
        "hasAlternatingBits",
    )
    assert "alternating" in spec["families"]
    assert _make(spec, 4096, "alternating") == [0b1010101010101]
    assert _make(spec, 4096, "random") == [4096]
    # `1 <= k <= 2n - 1` (the dataset's rendering of 2^(n-1)): a bound in n, not a constant
    facts = read_constraints("- 1 <= n <= 30\n- 1 <= k <= 2n - 1")
    assert facts.high["var:k"] == [Expr("var:n", 2.0, -1.0)]


def test_lists_whose_items_differ_in_length_are_no_copies() -> None:
    # 7-letter puzzles copied from words of 4..50 letters break a promise the statement makes
    spec = _derive(
        "def findNumOfValidWords(self, words: List[str], puzzles: List[str]) -> List[int]:",
        [{"words": ["aaaa", "asas", "able"], "puzzles": ["aboveyz", "abrodyz"]}],
        "- 1 <= words.length <= 10^5\n- 4 <= words[i].length <= 50\n- 1 <= puzzles.length <= 10^4\n"
        "- puzzles[i].length == 7\n- words[i] and puzzles[i] consist of lowercase English letters.",
        "findNumOfValidWords",
    )
    assert "copy" not in spec["families"]
