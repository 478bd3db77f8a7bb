"""Judging a correct 20-test submission: warm worker vs a fresh sandbox per test.

    .venv/bin/python bench/judge.py [--runs 15]

Uses the judge API directly on an in-file easy problem (two sum, 20 tests), so
no database is needed. Prints the median judge time of a correct submission:
- with the warm worker (one sandbox per submission, one forked child per test),
  as a judge worker runs it: the next submission's sandbox is started as soon
  as the current one's tests are done (`sandbox.KEEP_SPARE`), so it finds its
  interpreter up unless submissions arrive faster than a sandbox boots;
- with the warm worker started on demand (no spare: the first submission after
  an idle spell, or a judge worker with `KEEP_SPARE = False`);
- with a fresh sandboxed interpreter per test (20 sandboxes, no spare);
and the ratios. Targets (issue "The judge"): warm median < 250 ms on a 2-core
machine, at least 5x faster than fresh. All are measured in the same run,
interleaved, so that load on a shared machine hits them alike.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mockmate_site.settings.test")

from mltools.callshape import CallShape
from problems.judge import sandbox
from problems.judge.api import TestSpec, judge_code
from problems.judge.codec import STANDARD_PREAMBLE
from problems.judge.sandbox import Limits, sandbox_problem

SOLUTION = """
class Solution:
    def twoSum(self, nums: List[int], target: int) -> List[int]:
        seen = {}
        for i, x in enumerate(nums):
            if target - x in seen:
                return [seen[target - x], i]
            seen[x] = i
        return []
"""
LIMITS = Limits(cpu_s=2.0, wall_s=5.0, mem_mb=256, out_kb=64)


def two_sum_tests(count: int = 20, seed: int = 7) -> list[TestSpec]:
    rng = random.Random(seed)
    tests = []
    for k in range(count):
        n = 2 + k * 5
        nums = rng.sample(range(-10_000, 10_000), n)
        i, j = sorted(rng.sample(range(n), 2))
        tests.append(
            TestSpec(
                id=k,
                args=[nums, nums[i] + nums[j]],
                kwargs={},
                expected=[i, j],
                checker="any_order",
                is_sample=k < 3,
            )
        )
    return tests


def judge(tests: list[TestSpec]) -> str:
    report = judge_code(
        language="python3",
        code=SOLUTION,
        preamble=STANDARD_PREAMBLE,
        shape=CallShape(entry_kind="method", entry_point="twoSum"),
        tests=tests,
        limits=LIMITS,
    )
    return report.verdict


def timed(func) -> float:
    start = time.perf_counter()
    verdict = func()
    elapsed = time.perf_counter() - start
    assert verdict == "AC" or all(v == "AC" for v in verdict), verdict
    return elapsed * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    problem = sandbox_problem()
    if problem:
        sys.exit(f"the judge sandbox is unavailable: {problem}")
    tests = two_sum_tests()
    for _ in range(2):  # warm the page cache and the probe
        judge(tests)
    warm, cold, fresh = [], [], []
    for run in range(args.runs):
        warm.append(timed(lambda: judge(tests)))
        sandbox.KEEP_SPARE = False
        cold.append(timed(lambda: judge(tests)))
        if run % 3 == 0:  # a fresh run costs 20 sandboxes: fewer samples
            fresh.append(timed(lambda: [judge([t]) for t in tests]))
        sandbox.KEEP_SPARE = True
    warm_ms, cold_ms = statistics.median(warm), statistics.median(cold)
    fresh_ms = statistics.median(fresh)
    print(
        f"20-test submission, warm worker (spare ready)  median {warm_ms:7.1f} ms  (target < 250)"
    )
    print(f"20-test submission, warm worker on demand      median {cold_ms:7.1f} ms")
    print(f"20-test submission, fresh sandbox per test     median {fresh_ms:7.1f} ms")
    print(
        f"speed-up over fresh per test                   {fresh_ms / warm_ms:7.1f}x     (target >= 5)"
    )
    print(f"speed-up over fresh, worker on demand          {fresh_ms / cold_ms:7.1f}x")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
