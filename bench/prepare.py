"""Speed of the Dask preparation: the real corpus, and 100x synthetic records against a loop.

    .venv/bin/python bench/prepare.py [--scale 100]

Targets (issue 6): 2,100 problems prepared in under 10 s; on 100x the records,
Dask on 2 workers beats a plain Python loop (the ratio is printed).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mltools.contracts import JudgedVariant, TrainingProblem  # noqa: E402
from mltools.data import prepare  # noqa: E402
from mltools.embeddings import quality  # noqa: E402

SHARED = Path(os.environ.get("MOCKMATE_SHARED_DATA", ROOT.parent / "shared" / "data"))
VARIANTS = (
    JudgedVariant(kind="reference", code="class Solution:\n    def f(self, nums):\n        return sorted(nums)\n",
                  verdict="Accepted", passed=20, total=20, time_complexity="O(n log n)"),
    JudgedVariant(kind="broken", code="class Solution:\n    def f(self, nums):\n        return None\n",
                  verdict="Wrong Answer", passed=0, total=20, failing_input='{"args": [[3, 1, 2]]}',
                  expected="[1, 2, 3]", actual="null", message="Wrong answer"),
)  # fmt: skip


def corpus() -> list[TrainingProblem]:
    if not SHARED.is_dir():
        sys.exit(f"shared data not found at {SHARED}")
    return [
        TrainingProblem(
            slug=p.slug,
            title=p.title,
            difficulty=p.difficulty,
            statement=p.statement,
            tags=p.tags,
            editorial=f"Explanation of {p.title}.",
            solution_code=VARIANTS[0].code,
            time_complexity="O(n log n)",
            space_complexity="O(n)",
            judged=VARIANTS,
        )  # fmt: skip
        for p in quality.shared_leetcodedataset(SHARED)
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="mockmate-prepare-"))
    problems = corpus()

    started = time.perf_counter()
    client = prepare.dask_client(n_workers=args.workers)
    print(f"LocalCluster with {args.workers} workers up in {time.perf_counter() - started:.1f} s")
    try:
        prepare.write_partitions(problems, work / "real", partitions=args.workers * 2)
        report = prepare.prepare(work / "real", work / "real-out", client=client)
        print(f"prepare {len(problems)} problems -> {report.train + report.validation} examples: "
              f"{report.seconds:.2f} s  target < 10 s")  # fmt: skip

        synthetic = (replace(p, slug=f"{p.slug}-{i}") for i in range(args.scale) for p in problems)
        n = len(problems) * args.scale
        paths = prepare.write_partitions(synthetic, work / "big", partitions=args.workers * 8)
        size = sum(p.stat().st_size for p in paths) / 2**20
        loop = prepare.prepare_loop(work / "big", work / "big-loop")
        dask = prepare.prepare(work / "big", work / "big-dask", client=client)
        assert dask.data_version == loop.data_version  # the same examples, byte for byte
        loop_s, dask_s = loop.seconds, dask.seconds
    finally:
        client.close()
        if client.cluster is not None:
            client.cluster.close()
    print(f"{n:,} synthetic problems ({size:,.0f} MiB): loop {loop_s:.1f} s, Dask {args.workers} workers "
          f"{dask_s:.1f} s; loop/Dask = {loop_s / dask_s:.2f}x"
          f"  (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")  # fmt: skip


if __name__ == "__main__":
    main()
