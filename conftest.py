"""Fixtures shared by every app's tests."""

from __future__ import annotations

import os
import sys
from collections.abc import Generator
from pathlib import Path

import pytest

SHARED_DATA = Path(
    os.environ.get(
        "MOCKMATE_SHARED_DATA", Path(__file__).resolve().parent.parent / "shared" / "data"
    )
)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """A failed browser test keeps its pages and last responses (tests/browser.py)."""
    report = yield
    browser = sys.modules.get("tests.browser")
    if report.when == "call" and browser is not None:
        evidence = browser.failure_evidence(item.nodeid)
        if evidence and report.failed:
            report.sections.append(("browser evidence", evidence))
    return report


@pytest.fixture
def shared_data() -> Path:
    """The real datasets beside the checkout; tests that need them skip clearly without them."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared datasets not found at {SHARED_DATA} (set MOCKMATE_SHARED_DATA)")
    return SHARED_DATA


@pytest.fixture
def sync_tasks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run django-q2 tasks in-line (tests that also capture on_commit callbacks)."""
    from django_q.conf import Conf

    monkeypatch.setattr(Conf, "SYNC", True)
