"""Candidates may import sortedcontainers, as on LeetCode; nothing else from outside the stdlib."""

from pathlib import Path

import pytest

from mltools.callshape import CallShape
from problems.judge.api import TestSpec, judge_code
from problems.judge.codec import STANDARD_PREAMBLE
from problems.judge.sandbox import Limits

pytestmark = pytest.mark.sandbox


def _judge(code: str) -> str:
    tests = [TestSpec(id=None, args=[3, 1], kwargs={}, expected=4, checker="exact", is_sample=True)]
    report = judge_code(
        language="python3", code=code, preamble=STANDARD_PREAMBLE,
        shape=CallShape(entry_kind="method", entry_point="add"), tests=tests, limits=Limits(),
    )  # fmt: skip
    return report.verdict


@pytest.mark.skipif(
    not Path("/usr/lib/python3/dist-packages/sortedcontainers").is_dir(),
    reason="Debian's python3-sortedcontainers is not installed (make system-deps installs it)",
)
def test_sortedcontainers_is_importable() -> None:
    code = "from sortedcontainers import SortedList\nclass Solution:\n    def add(self, a, b):\n        return sum(SortedList([a, b]))\n"
    assert _judge(code) == "AC"


def test_the_apps_own_packages_are_not() -> None:
    code = "import django\nclass Solution:\n    def add(self, a, b):\n        return a + b\n"
    assert _judge(code) == "RE"
