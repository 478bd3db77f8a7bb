"""Importing all of ../shared/data/leetcodedataset into a fresh database, twice.

    .venv/bin/python bench/ingest.py [--path ../shared/data/leetcodedataset]

The four files (v0.1.0/v0.2.0, train/test) overlap to 2,091 unique problems;
their asserts become test rows. The first run creates everything; the second
finds every problem unchanged by its content hash. Prints problems/s and total
seconds for each run, plus the split between reading (parsing) and writing.
Targets (issue "Foundation"): first run < 30 s, second < 10 s on a 2-core
machine. Uses a throw-away SQLite file (or BENCH_DATABASE_URL=postgres://...).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from _django import ROOT, fresh_database

TARGETS = {"first": 30.0, "second": 10.0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get("MOCKMATE_SHARED_DATA") or str(ROOT.parent / "shared" / "data")
    parser.add_argument("--path", default=str(Path(default) / "leetcodedataset"))
    options = parser.parse_args()
    if not Path(options.path).exists():
        print(f"skipped: no LeetCodeDataset at {options.path}")
        return 0
    url = fresh_database("ingest")
    from django.db import connection

    from mltools.data import sources
    from problems.models import Problem, TestCase
    from problems.services import problems_ingest

    started = time.perf_counter()
    parsed = sum(1 for _ in sources.parse_located("leetcodedataset", options.path))
    read_s = time.perf_counter() - started
    print(
        f"database: {url.split('://')[0]} ({connection.vendor}); parsing alone: {parsed} problems in {read_s:.1f} s"
    )

    failed = False
    for run in ("first", "second"):
        summary = problems_ingest(source="leetcodedataset", path=options.path)
        rate = summary.problems / summary.seconds if summary.seconds else 0.0
        verdict = "ok" if summary.seconds < TARGETS[run] else "SLOWER THAN TARGET"
        failed |= verdict != "ok"
        print(
            f"{run} run: {summary.problems} problems ({summary.created} created, "
            f"{summary.updated} updated, {summary.unchanged} unchanged, {len(summary.skipped)} skipped) "
            f"in {summary.seconds:.1f} s = {rate:.0f} problems/s "
            f"[target < {TARGETS[run]:.0f} s: {verdict}]"
        )
    print(f"rows: {Problem.objects.count()} problems, {TestCase.objects.count()} tests")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
