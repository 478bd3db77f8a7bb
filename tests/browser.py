"""Debian's Chromium driven by Playwright, for the browser tests (one home for the launch)."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from conftest import SHARED_DATA

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "browser"
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
            yield context
            context.close()
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


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
