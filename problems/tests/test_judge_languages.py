"""C++, Java, JavaScript and TypeScript judged as Python is: same verdicts, same shapes.

Each language's solutions under languages/ are correct (Accepted); the failures
below are written per language so that each verdict comes from that language's
own mechanism (its compiler, its exception, its allocator, its output).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mltools.callshape import CallShape
from problems.judge import sandbox
from problems.judge.api import TestSpec, judge_code
from problems.judge.languages import LANGUAGES, Cpp, get_language
from problems.judge.sandbox import Limits, sandbox_problem

pytestmark = [pytest.mark.sandbox, pytest.mark.timeout(300)]

HERE = Path(__file__).resolve().parent / "languages"
EXTENSIONS = {"cpp": "cpp", "java": "java", "javascript": "js", "typescript": "ts"}
LANGS = sorted(EXTENSIONS)
LIMITS = Limits(cpu_s=2.0, wall_s=6.0, mem_mb=128, out_kb=64)

TWO_SUM = CallShape(
    entry_kind="method",
    entry_point="twoSum",
    signature="def twoSum(self, nums: List[int], target: int) -> List[int]:",
)
TWO_SUM_TESTS = [
    TestSpec(id=0, args=[[2, 7, 11, 15], 9], expected=[0, 1], is_sample=True),
    TestSpec(id=1, args=[[3, 2, 4], 6], expected=[1, 2]),
    TestSpec(id=2, args=[[3, 3], 6], expected=[0, 1]),
]


@pytest.fixture(scope="module", autouse=True)
def languages_ready() -> None:
    for key in LANGS:
        problem = sandbox_problem(key)
        if problem:
            pytest.fail(f"the judge cannot run {key} here: {problem}")


@pytest.fixture(autouse=True)
def no_spares(monkeypatch) -> None:
    monkeypatch.setattr(sandbox, "KEEP_SPARE", False)


def judge(language: str, code: str, shape: CallShape = TWO_SUM, tests=None, limits=LIMITS):
    return judge_code(
        language=language,
        code=code,
        preamble="",
        shape=shape,
        tests=tests or TWO_SUM_TESTS,
        limits=limits,
    )


def source(name: str, language: str) -> str:
    return (HERE / f"{name}.{EXTENSIONS[language]}").read_text()


def test_the_registry_offers_every_language() -> None:
    assert {"python3", *LANGS} <= set(LANGUAGES)
    for key in LANGS:
        assert get_language(key).missing() is None


@pytest.mark.parametrize("language", LANGS)
def test_a_correct_solution_is_accepted(language: str) -> None:
    report = judge(language, source("two_sum", language))
    assert report.verdict == "AC", report.tests
    assert report.passed == 3
    assert report.tests[0].actual == [0, 1]


WRONG = {
    "cpp": "class Solution {\npublic:\n    vector<int> twoSum(vector<int>& nums, int target) {\n        return {0, 1};\n    }\n};\n",
    "java": "class Solution {\n    public int[] twoSum(int[] nums, int target) {\n        return new int[] {0, 1};\n    }\n}\n",
    "javascript": "var twoSum = function(nums, target) {\n    return [0, 1];\n};\n",
    "typescript": "function twoSum(nums: number[], target: number): number[] {\n    return [0, 1];\n}\n",
}


@pytest.mark.parametrize("language", LANGS)
def test_a_wrong_answer_is_wrong(language: str) -> None:
    report = judge(language, WRONG[language])
    assert report.verdict == "WA"
    assert [t.verdict for t in report.tests] == ["AC", "WA", "AC"]


BROKEN = {  # an error on line 3 of the candidate's file
    "cpp": ("class Solution {\npublic:\n    vector<int> twoSum(vector<int>& nums, int target) { return undefined_name; }\n};\n", "undefined_name"),
    "java": ("class Solution {\n    public int[] twoSum(int[] nums, int target) {\n        return undefinedName;\n    }\n}\n", "undefinedName"),
    "javascript": ("var twoSum = function(nums, target) {\n    let x = 1;\n    return [0, 1;\n};\n", "SyntaxError"),
    "typescript": ("function twoSum(nums: number[], target: number): number[] {\n    const x: number = 1;\n    const y: number = 'text';\n    return [x, y];\n}\n", "TS2322"),
}  # fmt: skip


@pytest.mark.parametrize("language", LANGS)
def test_a_compile_error_names_the_candidates_line(language: str) -> None:
    code, needle = BROKEN[language]
    report = judge(language, code)
    assert report.verdict == "CE"
    assert report.compile_line == 3, report.compile_error
    assert needle in report.compile_error
    assert "/build" not in report.compile_error and "main.cpp" not in report.compile_error
    assert report.tests == []


CRASHING = {  # (code, what the message says, the line in the trace or None)
    "cpp": ("class Solution {\npublic:\n    vector<int> twoSum(vector<int>& nums, int target) {\n        return {nums.at(100), 0};\n    }\n};\n", "std::out_of_range", None),
    "java": ("class Solution {\n    public int[] twoSum(int[] nums, int target) {\n        int[] a = new int[1];\n        return new int[] {a[5], 0};\n    }\n}\n", "ArrayIndexOutOfBoundsException", "Solution.java:4"),
    "javascript": ("var twoSum = function(nums, target) {\n    const m = null;\n    return m.get(1);\n};\n", "TypeError", "solution.js:3"),
    "typescript": ("function twoSum(nums: number[], target: number): number[] {\n\n    throw new RangeError('bad ' + target);\n}\n", "RangeError: bad 9", "solution.ts:3"),
}  # fmt: skip


@pytest.mark.parametrize("language", LANGS)
def test_a_runtime_error_names_the_exception_and_line(language: str) -> None:
    code, message, where = CRASHING[language]
    report = judge(language, code)
    assert report.verdict == "RE"
    sample = report.tests[0]
    assert message in sample.message, sample
    if where:
        assert where in sample.traceback, sample.traceback
        assert "Main.java" not in sample.traceback and "driver.js" not in sample.traceback
    hidden = report.tests[1]
    assert "bad 9" not in hidden.message and "100" not in hidden.message


LOOPING = {
    "cpp": "class Solution {\npublic:\n    vector<int> twoSum(vector<int>& nums, int target) {\n        volatile long x = 0; while (true) x++;\n    }\n};\n",
    "java": "class Solution {\n    public int[] twoSum(int[] nums, int target) {\n        long x = 0; while (x >= 0) x = (x + 1) % 7;\n        return null;\n    }\n}\n",
    "javascript": "var twoSum = function(nums, target) {\n    while (true) {}\n};\n",
    "typescript": "function twoSum(nums: number[], target: number): number[] {\n    while (true) {}\n}\n",
}
HOGGING = {
    "cpp": "class Solution {\npublic:\n    vector<int> twoSum(vector<int>& nums, int target) {\n        vector<vector<int>> all;\n        while (true) all.emplace_back(1 << 20, 7);\n    }\n};\n",
    "java": "class Solution {\n    public int[] twoSum(int[] nums, int target) {\n        List<int[]> all = new ArrayList<>();\n        while (true) all.add(new int[1 << 20]);\n    }\n}\n",
    "javascript": "var twoSum = function(nums, target) {\n    const all = [];\n    while (true) all.push(new Array(1 << 20).fill(7));\n};\n",
    "typescript": "function twoSum(nums: number[], target: number): number[] {\n    const all: number[][] = [];\n    while (true) all.push(new Array(1 << 20).fill(7));\n}\n",
}
PRINTING = {
    "cpp": 'class Solution {\npublic:\n    vector<int> twoSum(vector<int>& nums, int target) {\n        while (true) cout << "spam spam spam spam" << endl;\n    }\n};\n',
    "java": 'class Solution {\n    public int[] twoSum(int[] nums, int target) {\n        while (true) System.out.println("spam spam spam spam");\n    }\n}\n',
    "javascript": "var twoSum = function(nums, target) {\n    while (true) console.log('spam spam spam spam');\n};\n",
    "typescript": "function twoSum(nums: number[], target: number): number[] {\n    while (true) console.log('spam spam spam spam');\n}\n",
}


@pytest.mark.parametrize("language", LANGS)
@pytest.mark.parametrize(
    ("codes", "verdict"), [(LOOPING, "TLE"), (HOGGING, "MLE"), (PRINTING, "OLE")],
    ids=["tle", "mle", "ole"],
)  # fmt: skip
def test_limits_give_the_same_verdicts_as_python(language: str, codes, verdict: str) -> None:
    limits = Limits(cpu_s=1.0, wall_s=3.0, mem_mb=128, out_kb=64)
    report = judge(language, codes[language], tests=TWO_SUM_TESTS[:1], limits=limits)
    assert report.verdict == verdict, report.tests


MIN_STACK = CallShape(
    entry_kind="design",
    entry_point="MinStack",
    signature=(
        "class MinStack:\n    def __init__(self):\n    def push(self, val: int) -> None:\n"
        "    def pop(self) -> None:\n    def top(self) -> int:\n    def getMin(self) -> int:"
    ),
)
MIN_STACK_TESTS = [
    TestSpec(
        id=0,
        args=[
            ["MinStack", "push", "push", "push", "getMin", "pop", "top", "getMin"],
            [[], [-2], [0], [-3], [], [], [], []],
        ],
        expected=[None, None, None, None, -3, None, 0, -2],
        is_sample=True,
    )
]


@pytest.mark.parametrize("language", LANGS)
def test_a_design_class_is_driven_by_its_calls(language: str) -> None:
    report = judge(language, source("min_stack", language), MIN_STACK, MIN_STACK_TESTS)
    assert report.verdict == "AC", report.tests


@pytest.mark.parametrize("language", LANGS)
def test_an_in_place_answer_is_read_from_the_argument(language: str) -> None:
    shape = CallShape(
        entry_kind="method",
        entry_point="sortColors",
        signature="def sortColors(self, nums: List[int]) -> None:",
        returns_argument=0,
    )
    tests = [TestSpec(id=0, args=[[2, 0, 2, 1, 1, 0]], expected=[0, 0, 1, 1, 2, 2])]
    report = judge(language, source("sort_colors", language), shape, tests)
    assert report.verdict == "AC", report.tests


@pytest.mark.parametrize("language", LANGS)
def test_linked_lists_and_trees_come_from_the_signature(language: str) -> None:
    lists = CallShape(
        entry_kind="method",
        entry_point="reverseList",
        signature="def reverseList(self, head: Optional[ListNode]) -> Optional[ListNode]:",
    )
    report = judge(
        language,
        source("reverse_list", language),
        lists,
        [
            TestSpec(id=0, args=[[1, 2, 3]], expected=[3, 2, 1]),
            TestSpec(id=1, args=[[]], expected=[]),
        ],
    )
    assert report.verdict == "AC", report.tests
    trees = CallShape(
        entry_kind="method",
        entry_point="invertTree",
        signature="def invertTree(self, root: Optional[TreeNode]) -> Optional[TreeNode]:",
    )
    report = judge(
        language,
        source("invert_tree", language),
        trees,
        [
            TestSpec(id=0, args=[[4, 2, 7, 1, 3, 6, 9]], expected=[4, 7, 2, 9, 6, 3, 1]),
            TestSpec(id=1, args=[[1, None, 2]], expected=[1, 2]),
            TestSpec(id=2, args=[[]], expected=[]),
        ],
    )
    assert report.verdict == "AC", report.tests


@pytest.mark.parametrize("language", LANGS)
def test_starter_code_compiles_in_each_language(language: str) -> None:
    """The room's starting code is LeetCode's shape: it compiles but for the bodies that
    the candidate writes (as on LeetCode, Java and TypeScript want a return statement)."""
    lang = get_language(language)
    for shape in (TWO_SUM, MIN_STACK):
        starter = lang.starter_code(shape)
        assert shape.entry_point in starter
        report = judge(
            language, starter, shape, TWO_SUM_TESTS[:1] if shape is TWO_SUM else MIN_STACK_TESTS
        )
        if report.verdict == "CE":
            errors = [ln for ln in report.compile_error.splitlines() if "error" in ln]
            assert errors, report.compile_error
            for line in errors:
                assert (
                    "missing return" in line
                    or "TS2355" in line
                    or re.fullmatch(r"\d+ errors?", line)
                ), (
                    starter,
                    report.compile_error,
                )


@pytest.mark.parametrize("language", LANGS)
def test_keyword_arguments_follow_the_signature(language: str) -> None:
    """Imported tests often name their arguments ({"nums": ..., "target": ...})."""
    tests = [
        TestSpec(id=0, args=[], kwargs={"target": 9, "nums": [2, 7, 11, 15]}, expected=[0, 1]),
        TestSpec(id=1, args=[[3, 2, 4]], kwargs={"target": 6}, expected=[1, 2]),
    ]
    report = judge(language, source("two_sum", language), tests=tests)
    assert report.verdict == "AC", report.tests


def test_java_has_leetcodes_pair_and_a_candidates_own_pair_wins() -> None:
    uses = (
        "class Solution {\n    public int[] twoSum(int[] nums, int target) {\n"
        "        Map<Integer, Pair<Integer, Integer>> seen = new HashMap<>();\n"
        "        for (int i = 0; i < nums.length; i++) {\n"
        "            Pair<Integer, Integer> p = seen.get(target - nums[i]);\n"
        "            if (p != null) return new int[] {p.getValue(), i};\n"
        "            seen.put(nums[i], new Pair<>(nums[i], i));\n        }\n"
        "        return null;\n    }\n}\n"
    )
    assert judge("java", uses).verdict == "AC"
    own = "class Pair { int i, j; }\n" + uses.replace("Pair<Integer, Integer>", "Pair").replace(
        "new Pair<>(nums[i], i)", "new Pair()"
    ).replace("p.getValue()", "p.j")
    report = judge("java", own)
    assert report.verdict == "WA", report.compile_error  # compiles: its own Pair, j == 0


KTH_LARGEST = CallShape(
    entry_kind="method",
    entry_point="findKthLargest",
    signature="def findKthLargest(self, nums: List[int], k: int) -> int:",
)
KTH_LARGEST_TESTS = [
    TestSpec(id=0, args=[[3, 2, 1, 5, 6, 4], 2], expected=5, is_sample=True),
    TestSpec(id=1, args=[[3, 2, 3, 1, 2, 4, 5, 5, 6], 4], expected=4),
]
# LeetCode's globals (@datastructures-js/priority-queue 6): Min/MaxPriorityQueue and a
# PriorityQueue with a comparator; a call that breaks the library's prototypes or reaches for
# the constructor's Function finds its own context's, and the next call a fresh library.
USES_PRIORITY_QUEUES = {
    "javascript": (
        "var findKthLargest = function(nums, k) {\n"
        "    const minQ = new MinPriorityQueue();\n"
        "    for (const x of nums) { minQ.enqueue(x); if (minQ.size() > k) minQ.dequeue(); }\n"
        "    const maxQ = new MaxPriorityQueue();\n"
        "    const pq = new PriorityQueue((a, b) => b[0] - a[0]);\n"
        "    for (const x of nums) { pq.enqueue([x]); maxQ.push(x); }\n"
        "    const host = minQ.constructor.constructor('return typeof process')();\n"
        "    MinPriorityQueue.prototype.enqueue = null;\n"
        "    if (host !== 'undefined' || pq.front()[0] !== maxQ.pop()) return -1;\n"
        "    return minQ.front();\n"
        "};\n"
    ),
    "typescript": (
        "function findKthLargest(nums: number[], k: number): number {\n"
        "    const minQ = new MinPriorityQueue<number>();\n"
        "    for (const x of nums) { minQ.enqueue(x); if (minQ.size() > k) minQ.dequeue(); }\n"
        "    const maxQ = new MaxPriorityQueue<number>();\n"
        "    const pq = new PriorityQueue<[number]>((a, b) => b[0] - a[0]);\n"
        "    for (const x of nums) { pq.enqueue([x]); maxQ.push(x); }\n"
        "    const host: string = minQ.constructor.constructor('return typeof process')();\n"
        "    (MinPriorityQueue.prototype as any).enqueue = null;\n"
        "    if (host !== 'undefined' || pq.front()[0] !== maxQ.pop()) return -1;\n"
        "    return minQ.front();\n"
        "}\n"
    ),
}


@pytest.mark.parametrize("language", ["javascript", "typescript"])
def test_leetcodes_priority_queues_are_globals_in_each_call(language: str) -> None:
    code = USES_PRIORITY_QUEUES[language]
    report = judge(language, code, shape=KTH_LARGEST, tests=KTH_LARGEST_TESTS)
    assert report.verdict == "AC", (report.compile_error, report.tests)
    assert report.passed == 2 and report.tests[0].actual == 5
    wrong = code.replace("minQ.size() > k", "minQ.size() > k + 1")
    assert judge(language, wrong, shape=KTH_LARGEST, tests=KTH_LARGEST_TESTS).verdict == "WA"


def test_a_candidates_own_priority_queue_wins_over_leetcodes() -> None:
    own = (
        "class MinPriorityQueue {\n"
        "    constructor() { this.items = []; }\n"
        "    enqueue(x) { this.items.push(x); this.items.sort((a, b) => a - b); }\n"
        "    dequeue() { return this.items.shift(); }\n"
        "    size() { return this.items.length; }\n"
        "    front() { return this.items[0] + 100; }\n"
        "}\n"
    ) + USES_PRIORITY_QUEUES["javascript"]
    report = judge("javascript", own, shape=KTH_LARGEST, tests=KTH_LARGEST_TESTS)
    assert report.verdict == "WA" and report.tests[0].actual == 105, report.tests


MANY_TYPES = CallShape(
    entry_kind="method",
    entry_point="f",
    signature=(
        "def f(self, grid: List[List[str]], words: List[str], x: float, flag: bool, big: int,"
        " cube: List[List[List[int]]]) -> List[str]:"
    ),
)
# vector<vector<char>>, vector<string>, double and bool are compiled once per machine
# (drivers/driver.cpp); size_t and a three-deep vector are decoded by the submission itself.
MANY_TYPES_CPP = (
    "class Solution {\npublic:\n"
    "    vector<string> f(vector<vector<char>>& grid, vector<string>& words, double x, bool flag,\n"
    "                     size_t big, vector<vector<vector<int>>> cube) {\n"
    "        vector<string> out = words;\n"
    "        out.push_back(string(1, grid[0][1]));\n"
    "        out.push_back(to_string((long long)(x * 2)));\n"
    '        out.push_back(flag ? "yes" : "no");\n'
    "        out.push_back(to_string(big + 1));\n"
    "        out.push_back(to_string(cube[1][0][2]));\n"
    "        return out;\n"
    "    }\n};\n"
)


@pytest.mark.parametrize("precompiled", [True, False], ids=["precompiled", "compiled-with-it"])
def test_cpp_passes_the_types_a_candidate_declares(monkeypatch, precompiled: bool) -> None:
    """The usual types' decoders come precompiled, others are compiled with the submission;
    without the precompiled directory (a read-only data folder) the same program compiles."""
    if not precompiled:
        monkeypatch.setattr(Cpp, "precompiled", lambda self: None)
    assert (Cpp().precompiled() is not None) == precompiled
    args = [[["a", "b"]], ["w\u00e9", 'q"x'], 1.5, True, 10**12, [[[1]], [[4, 5, 6]]]]
    expected = ["w\u00e9", 'q"x', "b", "3", "yes", str(10**12 + 1), "6"]
    report = judge(
        "cpp", MANY_TYPES_CPP, MANY_TYPES, [TestSpec(id=0, args=args, expected=expected)]
    )
    assert report.verdict == "AC", (report.compile_error, report.tests)
    unknown = MANY_TYPES_CPP.replace("size_t big", "map<int, int> big").replace("big + 1", "0")
    report = judge("cpp", unknown, MANY_TYPES, [TestSpec(id=0, args=args, expected=expected)])
    assert report.verdict == "CE"
    assert "the_judge_cannot_pass_a_test_value_as<std::map<int, int> >" in report.compile_error
