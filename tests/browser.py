"""Debian's Chromium driven by Playwright, for the browser tests (one home for the launch)."""

from __future__ import annotations

import gzip
import json
import os
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from conftest import SHARED_DATA

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "browser"
FAILURES = ARTIFACTS.parent / "failures"  # a failed browser test's pages
TRAFFIC_KEPT = 40  # responses printed when a browser test fails
TWO_SUM_RIGHT = """class Solution:
    def twoSum(self, nums, target):
        seen = {}
        for i, x in enumerate(nums):
            if target - x in seen:
                return [seen[target - x], i]
            seen[x] = i
"""


@contextmanager
def chromium(**context_options: Any) -> Iterator[Any]:
    """A fresh browser context (its own cookies) on Debian's chromium; skips when absent."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make system-deps installs it)")
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's loop shares this thread
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM,
                headless=True,
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                ],
            )
            context = browser.new_context(
                **{"viewport": {"width": 1400, "height": 1000}, **context_options}
            )
            context.set_default_timeout(30_000)
            traffic: deque[str] = deque(maxlen=TRAFFIC_KEPT)
            context.on(
                "response",
                lambda r: traffic.append(f"{r.status} {r.request.method} {r.url}"),
            )
            context.on(
                "requestfailed",
                lambda r: traffic.append(f"FAILED {r.method} {r.url}: {r.failure}"),
            )
            _OPEN.append((context, traffic))
            try:
                yield context
            except Exception:  # a test failing inside the block: its pages, while open
                _PENDING.append(_evidence([(context, traffic)]))
                raise
            finally:
                _OPEN.remove((context, traffic))
            context.close()
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


# The browser contexts open now, with their last responses, and the evidence kept from
# contexts a failing test closed (see `failure_evidence`).
_OPEN: list[tuple[Any, deque[str]]] = []
_PENDING: list[str] = []


def failure_evidence(test: str) -> str:
    """For a failed test: each page's screenshot and HTML, saved under
    test-artifacts/failures, and the last responses, as text for the test's report (the root
    conftest calls this after each test's call, while a fixture's context is still open)."""
    kept = [*_PENDING, _evidence(_OPEN, test)] if _OPEN else list(_PENDING)
    _PENDING.clear()
    return "\n".join(text for text in kept if text)


def _evidence(contexts: list[tuple[Any, deque[str]]], test: str = "") -> str:
    test = test or os.environ.get("PYTEST_CURRENT_TEST", "test").split(" ")[0]
    FAILURES.mkdir(parents=True, exist_ok=True)
    stem = "".join(c if c.isalnum() or c in "-_" else "_" for c in test)[-120:]
    lines = []
    for number, (context, traffic) in enumerate(contexts):
        for index, page in enumerate(context.pages):
            name = f"{stem}-{number}-{index}"
            try:
                page.screenshot(path=str(FAILURES / f"{name}.png"), full_page=True)
                (FAILURES / f"{name}.html").write_text(page.content())
                lines.append(f"page {page.url}: saved as {FAILURES / name}.png and .html")
            except Exception as exc:  # a closed or crashed page: keep what the others give
                lines.append(f"page {index}: no evidence ({exc})")
        lines.append(f"the last {len(traffic)} responses:")
        lines.extend(f"  {entry}" for entry in traffic)
    return "\n".join(lines)


def import_leetcodedataset_row(folder: Path, task_id: str) -> str:
    """Import one problem of the shared LeetCodeDataset with `ingest_problems` (its row alone,
    as the dataset ships it); skips when the shared data is absent. Returns its slug."""
    source = SHARED_DATA / "leetcodedataset" / "LeetCodeDataset-v0.2.0-train.jsonl.gz"
    if not source.exists():
        pytest.skip(f"the shared LeetCodeDataset is not at {source.parent}")
    with gzip.open(source, "rt") as rows:
        row = next((line for line in rows if json.loads(line)["task_id"] == task_id), None)
    assert row is not None, f"{task_id} is not in {source.name}"
    path = folder / f"{task_id}.jsonl"
    path.write_text(row)
    call_command("ingest_problems", "--source", "leetcodedataset", "--path", str(path), verbosity=0)
    from problems.models import Problem

    return Problem.objects.get(source="leetcodedataset", source_id=task_id).slug
