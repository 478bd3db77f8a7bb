"""The judge as a candidate meets it: every verdict from a real submission, what samples
and hidden tests show, tracebacks, node types, free functions, and refusing to run
without a sandbox."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from pathlib import Path

import pytest

from mltools.callshape import CallShape
from problems.judge import sandbox
from problems.judge.api import JudgeReport, TestSpec, judge_code
from problems.judge.codec import STANDARD_PREAMBLE
from problems.judge.sandbox import Call, Limits, execute
from problems.judge.verdicts import Verdict

pytestmark = [pytest.mark.sandbox, pytest.mark.timeout(120)]

LIMITS = Limits(cpu_s=1.0, wall_s=3.0, mem_mb=128, out_kb=16)
TWO_SUM = [
    TestSpec(
        id=1, args=[[2, 7, 11, 15], 9], kwargs={}, expected=[0, 1], checker="exact", is_sample=True
    ),
    TestSpec(
        id=2, args=[[3, 2, 4], 6], kwargs={}, expected=[1, 2], checker="any_order", is_sample=False
    ),
    TestSpec(
        id=3, args=[[3, 3], 6], kwargs={}, expected=[0, 1], checker="any_order", is_sample=False
    ),
]
GOOD = """
class Solution:
    def twoSum(self, nums: List[int], target: int) -> List[int]:
        seen = {}
        for i, x in enumerate(nums):
            if target - x in seen:
                return [seen[target - x], i]
            seen[x] = i
"""


def judge(code: str, tests: list[TestSpec] = TWO_SUM, **kwargs) -> JudgeReport:
    options = {
        "language": "python3",
        "preamble": STANDARD_PREAMBLE,
        "entry_kind": "method",
        "entry_point": "twoSum",
        "limits": LIMITS,
        **kwargs,
    }
    shape = CallShape(
        entry_kind=options.pop("entry_kind"),
        entry_point=options.pop("entry_point"),
        signature=options.pop("signature", ""),
        returns_argument=options.pop("returns_argument", None),
    )
    return judge_code(code=code, tests=tests, shape=shape, **options)


def body(lines: str) -> str:
    """A twoSum whose first hidden test (nums == [3, 2, 4]) runs `lines`."""
    indented = "\n".join("            " + line for line in lines.strip().splitlines())
    return GOOD.replace(
        "        seen = {}\n",
        f"        seen = {{}}\n        if nums == [3, 2, 4]:\n{indented}\n",
    )


def test_accepted_with_measurements() -> None:
    report = judge(GOOD)
    assert report.verdict == Verdict.AC
    assert (report.passed, report.total, report.first_failure) == (3, 3, None)
    for test in report.tests:
        assert 0 < test.cpu_s < 1.0
        assert test.wall_s > 0
        assert 1000 < test.mem_kb < 128 * 1024
    assert report.max_mem_kb == max(t.mem_kb for t in report.tests)


@pytest.mark.parametrize(
    ("lines", "verdict"),
    [
        ("return [0, 0]", Verdict.WA),
        ("while True: pass", Verdict.TLE),
        ("import time; time.sleep(30)", Verdict.TLE),
        ("x = [1] * (10 ** 9)", Verdict.MLE),
        ("print('spam' * 100_000)", Verdict.OLE),
        ("return nums[99]", Verdict.RE),
    ],
)
def test_every_failing_verdict_comes_from_a_real_submission(lines: str, verdict: str) -> None:
    report = judge(body(lines))
    assert report.verdict == verdict, report.tests
    assert [t.verdict for t in report.tests] == [Verdict.AC, verdict, Verdict.AC]
    assert report.first_failure == 1
    assert report.passed == 2


def test_compile_error_names_the_line() -> None:
    report = judge("class Solution:\n    def twoSum(self, nums, target)\n        return []\n")
    assert report.verdict == Verdict.CE
    assert report.compile_line == 2
    assert "SyntaxError" in report.compile_error
    assert report.tests == []


@pytest.mark.parametrize(
    "code",
    [
        "x = " + "+".join(["1"] * 100_000),  # the compiler's recursion
        "x = " + "(" * 250 + "1" + ")" * 250,  # the parser's nesting
        "x = '" + "a" * 300_000 + "'",  # too large to accept at all
    ],
    ids=["deep-expression", "nesting", "size"],
)
def test_compile_bombs_are_compile_errors(code: str) -> None:
    report = judge(code + "\n" + GOOD)
    assert report.verdict == Verdict.CE
    assert report.compile_error


def test_internal_error_when_the_sandbox_cannot_start(monkeypatch) -> None:
    monkeypatch.setattr(sandbox, "_bwrap", lambda: None)
    monkeypatch.setattr(sandbox, "_probe_cache", {})
    report = judge(GOOD)
    assert report.verdict == Verdict.IE
    assert "bubblewrap is not installed" in report.message
    assert all(t.verdict == Verdict.IE for t in report.tests)


def test_never_runs_unsandboxed_when_the_sandbox_breaks(monkeypatch, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    monkeypatch.setattr(sandbox, "_probe_cache", {})
    monkeypatch.setattr(sandbox, "_bwrap", lambda: "/bin/false")
    code = f"open({str(marker)!r}, 'w').write('x')\n" + GOOD
    report = judge(code)
    assert report.verdict == Verdict.IE
    assert not marker.exists()


def test_samples_show_everything_hidden_tests_only_the_kind() -> None:
    code = body("print('the hidden input is', nums)\nraise ValueError(f'leak {nums}')")
    report = judge(code.replace("seen = {}", "seen = {}; print('hello from', nums)"))
    sample, hidden = report.tests[0], report.tests[1]
    assert sample.input == {"args": [[2, 7, 11, 15], 9], "kwargs": {}}
    assert (sample.expected, sample.actual) == ([0, 1], [0, 1])
    assert "hello from [2, 7, 11, 15]" in sample.stdout
    assert hidden.verdict == Verdict.RE
    assert (hidden.input, hidden.expected, hidden.actual, hidden.stdout) == (None, None, None, "")
    assert hidden.message == "ValueError on a hidden test"
    assert "3, 2, 4" not in json.dumps(report.to_dict())
    assert 'File "solution.py"' in hidden.traceback


def test_hidden_wrong_answer_never_shows_the_expected_value() -> None:
    report = judge(body("return [4, 2]"))
    hidden = report.tests[1]
    assert hidden.verdict == Verdict.WA
    assert hidden.message == "Wrong answer on a hidden test"
    assert "[1, 2]" not in json.dumps(report.to_dict())


def test_traceback_is_trimmed_to_the_candidates_lines() -> None:
    code = GOOD.replace(
        "        seen = {}\n", "        seen = {}\n        return self.helper(nums)\n"
    )
    code += "\n    def helper(self, nums):\n        return sorted(nums, key=lambda x: 1 / 0)\n"
    tests = [
        TestSpec(
            id=None, args=[[1, 2], 3], kwargs={}, expected=[0, 1], checker="exact", is_sample=True
        )
    ]
    report = judge(code, tests)
    tb = report.tests[0].traceback
    assert report.verdict == Verdict.RE
    assert tb.startswith("Traceback (most recent call last):")
    assert tb.count('File "solution.py"') == 3  # twoSum, helper, the lambda
    assert "harness" not in tb and "<codec>" not in tb and "/usr/lib" not in tb
    assert tb.rstrip().endswith("ZeroDivisionError: division by zero")
    assert report.tests[0].message == "ZeroDivisionError: division by zero"


def test_stop_on_first_failure_skips_the_rest() -> None:
    report = judge(body("return []"), stop_on_first_failure=True)
    assert report.verdict == Verdict.WA
    assert len(report.tests) == 2
    assert (report.passed, report.total) == (1, 3)


def test_report_round_trips_through_json() -> None:
    report = judge(body("return nums[99]"))
    again = JudgeReport.from_dict(json.loads(json.dumps(report.to_dict())))
    assert again == report


LINKED = """
class Solution:
    def reverseList(self, head: Optional[ListNode]) -> Optional[ListNode]:
        prev = None
        while head:
            head.next, prev, head = prev, head, head.next
        return prev
"""
TREES = """
class Solution:
    def invertTree(self, root: Optional[TreeNode]) -> Optional[TreeNode]:
        if root:
            root.left, root.right = self.invertTree(root.right), self.invertTree(root.left)
        return root
"""


def test_linked_lists_and_trees_arrive_as_nodes_and_return_as_lists() -> None:
    lists = [
        TestSpec(
            id=None,
            args=[[1, 2, 3]],
            kwargs={},
            expected=[3, 2, 1],
            checker="exact",
            is_sample=True,
        ),
        TestSpec(id=None, args=[[]], kwargs={}, expected=[], checker="exact", is_sample=True),
    ]
    assert judge(LINKED, lists, entry_point="reverseList").verdict == Verdict.AC
    trees = [
        TestSpec(
            id=None,
            args=[[4, 2, 7, 1, 3, 6, 9]],
            kwargs={},
            expected=[4, 7, 2, 9, 6, 3, 1],
            checker="exact",
            is_sample=True,
        ),
        TestSpec(
            id=None,
            args=[[1, None, 2]],
            kwargs={},
            expected=[1, 2],
            checker="exact",
            is_sample=True,
        ),
    ]
    assert judge(TREES, trees, entry_point="invertTree").verdict == Verdict.AC


def test_free_function_problem_in_humaneval_style() -> None:
    code = '''
from typing import List


def has_close_elements(numbers: List[float], threshold: float) -> bool:
    """Check if in given list of numbers, are any two numbers closer to each other than threshold."""
    return any(abs(a - b) < threshold for i, a in enumerate(numbers) for b in numbers[i + 1 :])
'''
    tests = [
        TestSpec(
            id=None,
            args=[[1.0, 2.0, 3.0], 0.5],
            kwargs={},
            expected=False,
            checker="exact",
            is_sample=True,
        ),
        TestSpec(
            id=None,
            args=[[1.0, 2.8, 3.0]],
            kwargs={"threshold": 0.3},
            expected=True,
            checker="exact",
            is_sample=False,
        ),
    ]
    report = judge(
        code, tests, entry_kind="function", entry_point="has_close_elements", preamble=""
    )
    assert report.verdict == Verdict.AC, report.tests
    missing = judge(code, tests, entry_kind="function", entry_point="nope", preamble="")
    assert missing.verdict == Verdict.RE
    assert "no function named 'nope'" in missing.tests[0].message


def test_float_checker_tolerates_rounding() -> None:
    code = "def mean(xs: list) -> float:\n    return sum(xs) / len(xs) + 1e-9\n"
    tests = [
        TestSpec(
            id=None, args=[[0.1, 0.2]], kwargs={}, expected=0.15, checker="float", is_sample=True
        )
    ]
    assert judge(code, tests, entry_kind="function", entry_point="mean").verdict == Verdict.AC


def test_each_test_starts_from_a_clean_state() -> None:
    code = """
import os
calls = []
class Solution:
    def twoSum(self, nums, target):
        calls.append(1)
        Solution.seen = getattr(Solution, "seen", 0) + 1
        os.makedirs("/tmp/d", exist_ok=True)
        files = len(os.listdir("/tmp/d"))
        open(f"/tmp/d/{len(nums)}", "w").close()
        return [len(calls), Solution.seen, files]
"""
    tests = [
        TestSpec(
            id=None,
            args=[[i] * (i + 1), 0],
            kwargs={},
            expected=[1, 1, 0],
            checker="exact",
            is_sample=True,
        )
        for i in range(3)
    ]
    assert judge(code, tests).verdict == Verdict.AC


def test_repeated_calls_report_the_fastest_on_fresh_arguments() -> None:
    code = "def pop_all(xs: list) -> int:\n    n = 0\n    while xs:\n        xs.pop(); n += 1\n    return n\n"
    compiled, results = execute(
        language="python3",
        code=code,
        preamble="",
        shape=CallShape(entry_kind="function", entry_point="pop_all"),
        calls=[Call(args=[list(range(10_000))], repeat=5)],
        limits=LIMITS,
    )
    assert compiled.ok
    (result,) = results
    assert result.status == "ok"
    assert result.value == 10_000  # every repeat got its own copy of the list
    assert 0 < result.call_s <= result.wall_s


def test_the_sandbox_joins_a_cgroup_when_one_is_writable(monkeypatch) -> None:
    monkeypatch.setattr(sandbox, "KEEP_SPARE", False)
    found = sandbox._cgroup_root()
    if found is None:
        pytest.skip("no writable cgroup on this machine")
    _, bases = found
    tags: list[str] = []
    spawn = sandbox._Worker.spawn

    def recording_spawn(self) -> None:
        tags.append(self.tag)
        spawn(self)

    monkeypatch.setattr(sandbox._Worker, "spawn", recording_spawn)
    seen: set[Path] = set()
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            for tag in list(tags):
                for base in bases:
                    procs = base / tag / "cgroup.procs"
                    with contextlib.suppress(OSError):
                        if procs.read_text().split():
                            seen.add(base / tag)
            time.sleep(0.02)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        report = judge(body("import time; time.sleep(0.5)\nreturn [1, 2]"))
    finally:
        stop.set()
        watcher.join()
    assert report.verdict == Verdict.AC
    # The last sandbox judged the code (an earlier one may be the availability probe).
    assert {base / tags[-1] for base in bases} <= seen, "its processes sit in its own cgroup(s)"
    assert not any(path.exists() for path in seen), "each sandbox's cgroup is removed after it"
