"""Growth classification on the bundled bank: agreement with the stated complexity, and stability.

    .venv/bin/python bench/growth.py [--runs 3] [--jobs 2] [--only two-sum,binary-search] [--json out.json]

For every `problems/bank/*.yaml` with a generator, measures the optimal
(`reference`) and the deliberately slower (`slow`) solution in the sandbox at the
file's `growth_sizes`, exactly as the judge measures a candidate
(`problems.judge.growth.measure_growth`), and prints per solution the stated
class against the observed one in each run. Then:
- agreement: the share of measurements whose class is the stated one
  (target, issue "The judge": at least 90%);
- stability: the share of solutions whose runs all gave the same class (the
  issue asks that three measurements of the same code agree);
- the median seconds per measurement;
- the median seconds per measured submission, as the room spends them on an accepted
  submit (the reference's measurement is stored, so it costs nothing): the candidate's
  timed series, plus the line counts (`problems.judge.hotlines`) where the room counts
  them (`problems.growth.needs_counting`: a slower class, or over 1.5x the reference's
  time), here the slow solutions, against the reference measured in the same run; the
  reference's own counts are stored in the room and so not in the figure. Sizes never
  pass the problem's `max_size` (the constraints' largest n). Printed beside BigO(Bench)'s published settings (10 repeats per size,
  inputs expanded up to x3100), which this measurement does not copy: it repeats each size
  until about 0.15 s is spent (3-40 times) and stops a size past 1 s per call.
Runs go over the whole bank in turn (run 1 of everything, then run 2, ...), so a
burst of load from another process does not hit all runs of one solution. Two
measurements run at a time by default (`--jobs`): the growth timings are CPU
time, which a busy neighbour hardly changes, so the bench fits in about ten
minutes on two cores.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mockmate_site.settings.local")

import django  # noqa: E402

django.setup()

import yaml  # noqa: E402

from mltools.callshape import CallShape  # noqa: E402
from mltools.complexity import growth_class  # noqa: E402
from problems.growth import needs_counting, slower_than_reference  # noqa: E402
from problems.judge.codec import STANDARD_PREAMBLE  # noqa: E402
from problems.judge.growth import (  # noqa: E402
    GrowthReport,
    compare_growth,
    growth_inputs,
    measure_growth,
)
from problems.judge.hotlines import (  # noqa: E402
    compare_line_totals,
    count_sizes_shared,
    hot_lines,
    line_totals,
    measured_counts,
)
from problems.judge.sandbox import sandbox_problem  # noqa: E402

BANK = ROOT / "problems" / "bank"
KINDS = ("reference", "slow")


def _load(only: set[str]) -> list[dict[str, Any]]:
    problems = []
    for path in sorted(BANK.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if only and data.get("slug") not in only:
            continue
        if data.get("generator") and data.get("growth_sizes"):
            problems.append(data)
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="", help="comma-separated slugs")
    parser.add_argument("--budget", type=float, default=1.0, help="seconds per call")
    parser.add_argument("--jobs", type=int, default=2, help="measurements at a time")
    parser.add_argument("--json", type=Path, help="write every measurement here")
    args = parser.parse_args()

    problem = sandbox_problem()
    if problem:
        print(f"the sandbox is unavailable: {problem}")
        return 1
    problems = _load({s for s in args.only.split(",") if s})
    started = time.perf_counter()
    # Inputs once per problem, shared by both solutions and every run.
    inputs = {
        d["slug"]: growth_inputs(generator_source=d["generator"], sizes=d["growth_sizes"])
        for d in problems
    }
    tasks = [(run, d, kind) for run in range(1, args.runs + 1) for d in problems for kind in KINDS]

    def shape(data: dict[str, Any]) -> CallShape:
        return CallShape(
            entry_kind=data.get("entry_kind", "method"),
            entry_point=data["entry_point"],
            signature=data.get("signature", ""),
            returns_argument=(data.get("returns") or {}).get("argument"),
        )

    def measure(task: tuple[int, dict[str, Any], str]) -> dict[str, Any]:
        run, data, kind = task
        report = measure_growth(
            code=data[kind]["code"],
            preamble=data.get("preamble") or STANDARD_PREAMBLE,
            shape=shape(data),
            inputs=inputs[data["slug"]],
            budget_s=args.budget,
            max_n=data.get("max_size"),
        )
        return {"slug": data["slug"], "kind": kind, "run": run, **report.to_dict()}

    def count(pair: tuple[dict[str, Any], dict[str, Any], dict[str, Any]]) -> dict[str, Any]:
        """Line counts for a slow solution, as the room counts them (`problems.growth`):
        where `needs_counting`, its lines at the sizes both series share; the reference's
        counts at those sizes (stored in the room, so not in `counted_s`) to compare."""
        data, slow, reference = pair
        mine, theirs = GrowthReport.from_dict(slow), GrowthReport.from_dict(reference)
        facts = compare_growth(mine, theirs, limit_n=data.get("max_size"))
        if shape(data).entry_kind == "design" or not needs_counting(facts):
            return {"counted_s": 0.0, "hot_lines": [], "slower": slower_than_reference(facts, None)}
        common: dict[str, Any] = {
            "preamble": data.get("preamble") or STANDARD_PREAMBLE,
            "shape": shape(data),
            "generator_source": data["generator"],
            "sizes": count_sizes_shared(mine.points, theirs.points),
        }
        started = time.perf_counter()
        counts = measured_counts(code=data["slow"]["code"], **common)
        counted_s = time.perf_counter() - started
        lines = compare_line_totals(
            line_totals(counts),
            line_totals(measured_counts(code=data["reference"]["code"], **common)),
        )
        hot = hot_lines(counts, at_n=mine.largest_n or 1) if counts else ()
        return {
            "counted_s": counted_s,
            "hot_lines": [h.sentence() for h in hot],
            "lines": lines.to_dict() if lines else None,
            "slower": slower_than_reference(facts, lines),
        }

    print(f"{len(tasks)} measurements, {args.jobs} at a time ...", flush=True)
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        records = list(pool.map(measure, tasks))
    observed: dict[tuple[str, str], list[str]] = {}
    for record in records:
        observed.setdefault((record["slug"], record["kind"]), []).append(record["label"])
    seconds = [record["elapsed_s"] for record in records]
    by_key = {(r["slug"], r["kind"], r["run"]): r for r in records}
    by_slug = {d["slug"]: d for d in problems}
    slow_runs = [r for r in records if r["kind"] == "slow"]
    pairs = [(by_slug[r["slug"]], r, by_key[(r["slug"], "reference", r["run"])]) for r in slow_runs]
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        counted = list(pool.map(count, pairs))
    for record, extra in zip(slow_runs, counted, strict=True):
        record.update(extra)
    per_submission = [r["elapsed_s"] + r.get("counted_s", 0.0) for r in records]
    with_hot = [r for r in slow_runs if r.get("hot_lines")]

    agree = Counter[bool]()
    stable = Counter[bool]()
    print(f"\n{'problem':34} {'solution':9} {'stated':11} observed")
    for data in problems:
        for kind in KINDS:
            labels = observed[(data["slug"], kind)]
            stated = growth_class(str(data[kind]["time"]))
            hits = [label == stated for label in labels]
            agree.update(hits)
            stable[len(set(labels)) == 1] += 1
            mark = "ok" if all(hits) else ("MISMATCH" if not any(hits) else "partly")
            print(f"{data['slug']:34} {kind:9} {stated:11} {'  '.join(labels):40} {mark}")

    total = sum(agree.values())
    print()
    print(
        f"measurements:  {total} ({len(problems)} problems x {len(KINDS)} solutions x {args.runs} runs)"
    )
    print(f"agreement:     {agree[True] / max(total, 1):.1%} with the stated class (target >= 90%)")
    print(
        f"stability:     {stable[True] / max(sum(stable.values()), 1):.1%} of solutions gave one "
        f"class in all {args.runs} runs"
    )
    print(f"median time:   {statistics.median(seconds) if seconds else 0:.2f} s per measurement")
    submission_s = statistics.median(per_submission) if per_submission else 0.0
    slow_s = statistics.median(
        [r["elapsed_s"] + r.get("counted_s", 0.0) for r in slow_runs] or [0.0]
    )
    print(
        f"per submission: {submission_s:.2f} s median (target <= 5 s; slow solutions with their "
        f"line counts: {slow_s:.2f} s; BigO(Bench): 10 repeats per size, inputs up to x3100)"
    )
    counted_s = [r["counted_s"] for r in slow_runs if r.get("counted_s")]
    print(
        f"hot lines:     {len(with_hot)} of {len(slow_runs)} slow measurements have counted hot "
        f"lines; counting took {statistics.median(counted_s) if counted_s else 0:.2f} s median"
    )
    slower = sum(bool(r.get("slower")) for r in slow_runs)
    print(
        f"slower:        {slower} of {len(slow_runs)} slow measurements called slower than the "
        "reference (a slower class, or many times its line executions)"
    )
    for r in slow_runs:
        if not r.get("slower"):
            print(f"    not called slower: {r['slug']} ({r['label']})")
    print(f"total time:    {time.perf_counter() - started:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(records, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
