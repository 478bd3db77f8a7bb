"""Stress tests of the bank: the reference's time at `max_size`, the time limit it sets,
and what the deliberately slow solution gets on it (it should be Time Limit Exceeded
wherever it is far slower than optimal).

    .venv/bin/python bench/stress.py [--only meeting-rooms-ii,three-sum]

Prints one line per problem: reference CPU seconds on the stress test, the limit
(`service.STRESS_FACTOR` times it, at least `STRESS_FLOOR_S`) and the slow
solution's verdict and CPU time under that limit.
"""

from __future__ import annotations

import argparse
import time

from _django import ROOT, fresh_database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="comma-separated slugs")
    args = parser.parse_args()
    fresh_database("stress")
    from problems.judge.api import judge_code
    from problems.judge.codec import STANDARD_PREAMBLE
    from problems.judge.service import problem_limits, problem_stress_test, stress_spec
    from problems.models import Problem
    from problems.services import problems_ingest

    problems_ingest(source="bank", path=ROOT / "problems" / "bank")
    wanted = {s for s in args.only.split(",") if s}
    print(f"{'problem':48} {'n':>8} {'ref s':>7} {'limit':>6}  slow")
    for problem in Problem.objects.order_by("slug"):
        if wanted and problem.slug not in wanted:
            continue
        started = time.perf_counter()
        stress = problem_stress_test(problem=problem)
        made_s = time.perf_counter() - started
        if stress is None:
            print(f"{problem.slug:48} no stress test")
            continue
        slow = problem.solutions.filter(kind="slow").first()
        verdict = "-"
        if slow is not None:
            report = judge_code(
                language="python3",
                code=slow.code,
                preamble=problem.preamble or STANDARD_PREAMBLE,
                shape=problem.call_shape,
                tests=[stress_spec(stress)],
                limits=problem_limits(problem=problem, stress=stress),
                tolerance=problem.tolerance,
            )
            verdict = f"{report.verdict} ({report.max_cpu_s:.2f} s)"
        print(
            f"{problem.slug:48} {stress.size:>8} {stress.reference_cpu_s:7.3f} "
            f"{stress.time_limit_s:6.2f}  {verdict}   [made in {made_s:.1f} s]",
            flush=True,
        )


if __name__ == "__main__":
    main()
