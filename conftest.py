"""Fixtures shared by every app's tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED_DATA = Path(
    os.environ.get(
        "MOCKMATE_SHARED_DATA", Path(__file__).resolve().parent.parent / "shared" / "data"
    )
)


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
