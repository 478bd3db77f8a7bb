"""Derived input generators: coverage on the shared data sets, and slower code caught.

    .venv/bin/python bench/generators.py coverage [--sample N] [--seed 0] [--jobs 2] [--json out.json]
    .venv/bin/python bench/generators.py slower [--sample 60] [--seed 0] [--jobs 2] [--json out.json]
    .venv/bin/python bench/generators.py accuracy [--sample 40] [--seed 0] [--runs 3] [--load] [--only SLUGS] [--json out.json]

**coverage** (issue 14, item 1): for every LeetCodeDataset problem in
`../shared/data/leetcodedataset` and every HumanEval problem in `../shared/data/humaneval`,
derives a generator exactly as import does (`mltools.inputgen.record_with_generator`) and
checks it exactly as `manage.py derive_generators` does (`problems.judge.derivation.
generator_check`: the reference runs in the sandbox on every family at three growth
sizes, then once at the constraints' largest n). A problem *has a working generator*
when some family survives the reference. Prints the share per data set (target: at
least 90% each) and the reasons for the rest, counted. `--sample N` checks N problems
of each set drawn with `--seed` (say so when quoting the figures).

**slower** (issue 14, "slower than the reference caught"): growth is measured exactly
as for a candidate (`measure_growth` on `growth_inputs` of the problem's generator, in the
family that is the candidate's worst case, then `compare_growth` against the reference
measured on the same inputs) for
- the bank's `slow` solutions against their `reference` (hand-written generators);
- deliberately slowed references of imported problems (a seeded sample of LeetCodeDataset
  problems whose derived generator works): `slowed(code)` adds, at the start of the entry
  point, one pass over the largest list, string or grid (its cells) argument, at the
  largest growth size, for each of its elements
  (Θ(n²) extra work, nothing else changed), applied where the reference's measured class
  is below O(n²) (or inconclusive: too quick to tell within the constraints), so that
  the slowed code does Θ(n²) more work by construction;
- and the references themselves, measured a second time against their first
  measurement (a false alarm is a reference called slower than itself).
Sizes never pass the problem's `max_size` (the constraints' largest n).
Flagged: what the feedback calls slower (`problems.growth.slower_than_reference`):
`compare_growth(...)` finds a slower class, and not merely the neighbouring class at the
same speed (within `SAME_SPEED_RATIO` of the reference's time at the largest size); or,
where the room counts lines (`needs_counting`: over 1.5x the reference's time), at least
`hotlines.LINES_SLOWER_RATIO` times the reference's line executions on the same input
(deterministic: the bank's slow backtracking is the same class as its reference, 14-76x
slower). Printed too: the class rule alone, and "the class rule or more than
`FLAG_RATIO` times the reference's time" (not load-proof).
Target: at least 98% of slow/slowed flagged, at most 2% of references.

**accuracy** (issue 14, "Accuracy" and "Stability"): for a seeded sample of
LeetCodeDataset problems whose derived generator works (`derived_check`, as above), the
doocs index entry (`../shared/data/doocs/`, `mltools.data.doocs`: each approach's
explanation and its Python3 code) gives approaches with a stated time complexity
(`mltools.complexity.stated_time`: the explanation's concluding time big-O). Kept: those
whose statement is a class of one size variable; left out, counted by reason and listed as
written: several size variables (`O(m × n)`, `O(n + m)`, `O(n × log M)`), no class
(`O(√n)`, `O(n × α(n))`), none stated, no Python code. Each kept approach's code is
measured exactly as a candidate's (`measure_growth` on `growth_inputs` of the problem's
generator at its checked growth sizes, in the family where that code does clearly the most
counted work, `worst_case=True`; never past `max_size`, memory as `problems.growth` gives
it). Printed (`mltools.complexity.tally_classes`, every run counted):
agreement of the measured class with the stated one (inconclusive a miss; target at
least 92%), O(n)/O(n log n) confusion as a share of the measurements stated O(n) or
O(n log n) (at most 10%), inconclusive (at most 10%), the confusion table, and every
disagreement with the sizes, timings and fit errors behind it. Code that does not run on
the generator's inputs (an unstated precondition) is listed apart, not counted.
`--runs 3` measures everything three times (run 1 of all, then run 2, ...) and prints
stability: the share of approaches with the same label in every run (target at least
95%); `--load` keeps a CPU-burning Python process running beside the measurements
("with another process loading the machine"). The load average is printed before and
after.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
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

from mltools import inputgen  # noqa: E402
from mltools.callshape import CallShape  # noqa: E402
from mltools.complexity import (  # noqa: E402
    CLASSES,
    INCONCLUSIVE,
    QUADRATIC,
    RANK,
    UNKNOWN,
    stated_time,
    tally_classes,
)
from mltools.contracts import ProblemRecord  # noqa: E402
from mltools.data import doocs, humaneval, leetcodedataset  # noqa: E402
from problems.growth import (  # noqa: E402
    LINES_CHECK_RATIO,
    SAME_SPEED_RATIO,
    needs_counting,
    slower_than_reference,
)
from problems.judge import hotlines  # noqa: E402
from problems.judge.codec import STANDARD_PREAMBLE  # noqa: E402
from problems.judge.derivation import GeneratorCheck, generator_check  # noqa: E402
from problems.judge.growth import (  # noqa: E402
    GrowthReport,
    compare_growth,
    family_inputs,
    growth_inputs,
    measure_growth,
)
from problems.judge.sandbox import sandbox_problem  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
BANK = ROOT / "problems" / "bank"
DOOCS = DATA / "doocs" / "doocs_leetcode_en.jsonl.gz"
FLAG_RATIO = 3.0  # the second rule: also flagged when this many times the reference's time
SETS = {
    "leetcodedataset": (leetcodedataset, DATA / "leetcodedataset"),
    "humaneval": (humaneval, DATA / "humaneval"),
}


def _records(name: str) -> list[ProblemRecord]:
    module, path = SETS[name]
    if not path.exists():
        raise SystemExit(f"{path} is absent: the shared data sets are needed for this bench")
    kwargs = {"preamble": STANDARD_PREAMBLE} if name == "humaneval" else {}
    try:
        parsed = module.parse(str(path), **kwargs)
    except TypeError:
        parsed = module.parse(str(path))
    return [r for r in parsed if isinstance(r, ProblemRecord)]


def _reference(record: ProblemRecord) -> str:
    return next((s.code for s in record.solutions if s.kind == "optimal"), "")


def _category(reason: str) -> str:
    """A reason without its specifics, for counting."""
    text = re.sub(r"\bn = \d+", "n = N", reason)
    text = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", text)
    text = re.sub(r"\d+", "N", text)
    if text.startswith("the reference rejects every family"):
        tail = text.split(": ", 1)[-1]
        tail = re.sub(r"n = N: ", "", tail)
        return "the reference rejects every family: " + tail.split(":")[0][:60]
    return text.split(":")[0][:90]


def derived_check(
    record: ProblemRecord,
) -> tuple[str, GeneratorCheck | None, dict[str, Any], str]:
    """The record's generator derived as import does and checked as `derive_generators`
    does: (its origin, the check, the spec, "") or (its origin, None, {}, why there is
    none to check)."""
    derived = inputgen.record_with_generator(record)
    origin = derived.generator_origin
    if origin != inputgen.ORIGIN_DERIVED:
        return origin, None, {}, derived.generator_note
    if not _reference(record):
        return origin, None, {}, "no reference solution to check it with"
    spec = inputgen.spec_of(derived.generator)
    assert spec is not None
    check = generator_check(
        spec=spec,
        reference=_reference(record),
        preamble=record.preamble or STANDARD_PREAMBLE,
        shape=inputgen.record_shape(record),
    )
    return origin, check, spec, ""


def check_one(record: ProblemRecord) -> dict[str, Any]:
    started = time.perf_counter()
    origin, check, spec, why = derived_check(record)
    out: dict[str, Any] = {"slug": record.slug, "origin": origin}
    if check is None:
        out.update(ok=False, reason=why)
    else:
        out.update(
            ok=check.ok,
            reason=check.reason,
            family=check.family,
            max_n=spec.get("max_n"),
            max_size=check.max_size,
            notes=list(check.notes),
        )
    out["seconds"] = time.perf_counter() - started
    return out


def coverage(args: argparse.Namespace) -> dict[str, Any]:
    report: dict[str, Any] = {}
    for name in args.sets.split(","):
        records = _records(name)
        total = len(records)
        if args.sample and args.sample < total:
            records = random.Random(args.seed).sample(records, args.sample)
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            rows = []
            for row in pool.map(check_one, records):
                rows.append(row)
                if args.verbose:
                    state = (
                        "ok " + str(row.get("family")) if row["ok"] else "NO " + row["reason"][:100]
                    )
                    print(
                        f"  [{len(rows)}/{len(records)}] {row['slug']}: {state} ({row['seconds']:.1f} s)",
                        flush=True,
                    )
        ok = sum(r["ok"] for r in rows)
        reasons = Counter(_category(r["reason"]) for r in rows if not r["ok"])
        lowered = sum(
            1 for r in rows if r["ok"] and r.get("max_n") and r.get("max_size") != r.get("max_n")
        )
        no_max = sum(1 for r in rows if r["ok"] and not r.get("max_size"))
        families = Counter(r.get("family") for r in rows if r["ok"])
        print(
            f"\n{name}: {len(rows)} problems checked"
            + (f" (a sample of {total}, seed {args.seed})" if len(rows) < total else "")
        )
        print(f"  working generator: {ok}/{len(rows)} = {ok / len(rows):.1%} (target >= 90%)")
        print(f"  families chosen: {dict(families.most_common())}")
        print(
            f"  stress-test size below the constraints' largest n: {lowered}; no stress size (no bound, or the reference too slow): {no_max}"
        )
        print(f"  median seconds per problem: {statistics.median(r['seconds'] for r in rows):.2f}")
        print("  without one, by reason:")
        for reason, count in reasons.most_common():
            print(f"    {count:4d}  {reason}")
        report[name] = {
            "checked": len(rows),
            "total": total,
            "working": ok,
            "share": ok / len(rows),
            "reasons": dict(reasons),
            "rows": rows,
        }
    return report


# ---------------------------------------------------------------- slower caught


def slowed(code: str, entry_point: str, params: list[str], pick: str, grid: bool = False) -> str:
    """The reference with Θ(n²) extra work at the start of its entry point: for each
    element of argument `pick` (each cell, for a `grid`), one pass over it (the result is
    unchanged)."""
    lines = code.splitlines()
    for i, line in enumerate(lines):
        if re.match(rf"\s*def {re.escape(entry_point)}\(", line):
            j = i
            while not lines[j].rstrip().endswith(":"):
                j += 1
            body = lines[j + 1] if j + 1 < len(lines) else "    "
            indent = body[: len(body) - len(body.lstrip())]
            items = f"[__mm_c for __mm_r in {pick} for __mm_c in __mm_r]" if grid else pick
            extra = [
                f"{indent}__mm_seen = 0",
                f"{indent}__mm_items = {items}",
                f"{indent}for __mm_a in __mm_items:",
                f"{indent}    for __mm_b in __mm_items:",
                f"{indent}        __mm_seen += 1",
            ]
            return "\n".join(lines[: j + 1] + extra + lines[j + 1 :]) + "\n"
    raise ValueError("entry point not found")


def _pair(
    code: str,
    other: str,
    preamble: str,
    shape: CallShape,
    generator: str,
    sizes: list[int],
    max_n: int | None,
) -> tuple[Any, Any, Any, Any]:
    """Both codes measured as the room measures a candidate (`problems.growth`): the timed
    series within the constraints' `max_n`, compared; then, where `needs_counting`, the line
    executions of both at the same sizes. (reference, other, comparison, line comparison)."""
    inputs = growth_inputs(generator_source=generator, sizes=sizes)
    cand = measure_growth(
        code=other, preamble=preamble, shape=shape, inputs=inputs, max_n=max_n, worst_case=True
    )
    inputs = family_inputs(inputs, cand.family)  # the candidate's worst case, for both
    generator = inputs.generator_source
    ref = measure_growth(code=code, preamble=preamble, shape=shape, inputs=inputs, max_n=max_n)
    comparison = compare_growth(cand, ref, limit_n=max_n)
    lines = None
    supported = hotlines.counting_supported(language="python3", entry_kind=shape.entry_kind)
    if supported and needs_counting(comparison):
        at = hotlines.count_sizes_shared(cand.points, ref.points)
        common: dict[str, Any] = {
            "preamble": preamble,
            "shape": shape,
            "generator_source": generator,
            "sizes": at,
        }
        lines = hotlines.compare_line_totals(
            hotlines.line_totals(hotlines.measured_counts(code=other, **common)),
            hotlines.line_totals(hotlines.measured_counts(code=code, **common)),
        )
    return ref, cand, comparison, lines


def _flagged_by_class(comparison: Any) -> bool:
    """The class rule alone: a slower class, unless it is the neighbouring class and the
    times at the largest size are within SAME_SPEED_RATIO."""
    if not comparison.slower_class:
        return False
    ranks = RANK.get(comparison.observed, 0) - RANK.get(comparison.optimal, 0)
    ratio = comparison.ratio_at_largest
    return not (ranks == 1 and ratio is not None and ratio <= SAME_SPEED_RATIO)


def slower(args: argparse.Namespace) -> dict[str, Any]:
    cases: list[dict[str, Any]] = []
    for path in sorted(BANK.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not (data.get("generator") and data.get("growth_sizes") and data.get("slow")):
            continue
        cases.append(
            {
                "kind": "bank slow",
                "slug": data["slug"],
                "reference": data["reference"]["code"],
                "other": data["slow"]["code"],
                "preamble": STANDARD_PREAMBLE,
                "shape": CallShape(
                    entry_kind=data.get("entry_kind") or "method",
                    entry_point=data["entry_point"],
                    signature=data.get("signature") or "",
                    returns_argument=(data.get("returns") or {}).get("argument"),
                ),
                "generator": data["generator"],
                "sizes": list(data["growth_sizes"]),
                "max_n": data.get("max_size"),
            }
        )
    records = [r for r in _records("leetcodedataset") if _reference(r)]
    random.Random(args.seed).shuffle(records)
    imported = 0
    for record in records:
        if imported >= args.sample:
            break
        derived = inputgen.record_with_generator(record)
        spec = inputgen.spec_of(derived.generator)
        if spec is None or spec["kind"] != "call":
            continue
        growing = [
            p["name"]
            for p in spec["params"]
            if (p["type"]["t"] in ("list", "str") and p["type"]["len"]["scale"])
            or (p["type"]["t"] == "grid" and p["type"]["rows"]["scale"])  # a list of rows
        ]
        if not growing:
            continue
        check = generator_check(
            spec=spec,
            reference=_reference(record),
            preamble=record.preamble,
            shape=inputgen.record_shape(record),
        )
        if not check.ok:
            continue
        # the largest list or string argument at the largest growth size (a price list of at
        # most 6 beside 100 offers is no pass over the input)
        chosen = inputgen.spec_of(check.source) or spec
        top = inputgen.generate_from_spec(chosen, check.growth_sizes[-1], random.Random(0))
        names = [p["name"] for p in spec["params"]]
        grids = {p["name"] for p in spec["params"] if p["type"]["t"] == "grid"}
        items = {
            name: sum(len(row) for row in value) if name in grids else len(value)
            for name, value in zip(names, top, strict=True)
            if name in growing
        }
        pick = max(growing, key=items.__getitem__)
        imported += 1
        cases.append(
            {
                "kind": "slowed reference",
                "slug": record.slug,
                "reference": _reference(record),
                "other": slowed(_reference(record), record.entry_point, [], pick, pick in grids),
                "preamble": record.preamble,
                "shape": inputgen.record_shape(record),
                "generator": check.source,
                "sizes": list(check.growth_sizes),
                "max_n": check.max_size,  # Problem.max_size, as derive_generators stores it
            }
        )

    def run(case: dict[str, Any]) -> dict[str, Any]:
        started = time.perf_counter()
        common = (case["preamble"], case["shape"], case["generator"], case["sizes"], case["max_n"])
        ref, cand, comparison, lines = _pair(case["reference"], case["other"], *common)
        _, again, self_comparison, self_lines = _pair(case["reference"], case["reference"], *common)
        return {
            "kind": case["kind"],
            "slug": case["slug"],
            "max_n": case["max_n"],
            "reference": ref.label,
            "other": cand.label,
            "largest_n": max((n for n, _ in [*ref.points, *cand.points]), default=None),
            "ratio": comparison.ratio_at_largest,
            "lines": lines.to_dict() if lines else None,
            "flagged": slower_than_reference(comparison, lines),
            "flagged_by_class": _flagged_by_class(comparison),
            "false_alarm": slower_than_reference(self_comparison, self_lines),
            "false_alarm_by_class": _flagged_by_class(self_comparison),
            "flagged_or_time": _flagged_by_class(comparison)
            or (comparison.ratio_at_largest or 0) > FLAG_RATIO,
            "false_alarm_or_time": _flagged_by_class(self_comparison)
            or (self_comparison.ratio_at_largest or 0) > FLAG_RATIO,
            "reference_again": again.label,
            "self_ratio": self_comparison.ratio_at_largest,
            "self_lines": self_lines.to_dict() if self_lines else None,
            "seconds": time.perf_counter() - started,
        }

    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        rows = list(pool.map(run, cases))
    report: dict[str, Any] = {"rows": rows}
    for kind in ("bank slow", "slowed reference"):
        group = [r for r in rows if r["kind"] == kind]
        if kind == "slowed reference":
            # An inconclusive reference (too quick to tell within the constraints) stays in:
            # the slowed code does Θ(n²) more work all the same, and the counts can say so.
            excluded = [
                r
                for r in group
                if r["reference"] == UNKNOWN
                or (r["reference"] in RANK and RANK[r["reference"]] >= RANK[QUADRATIC])
            ]
            group = [r for r in group if r not in excluded]
            undecided = sum(r["reference"] == INCONCLUSIVE for r in group)
            print(
                f"\nslowed references: {len(excluded)} left out (reference measured O(n^2) or above, or not measured);"
                f" {undecided} of those kept have an inconclusive reference"
            )
        flagged = sum(r["flagged"] for r in group)
        by_class = sum(r["flagged_by_class"] for r in group)
        print(
            f"{kind}: {flagged}/{len(group)} flagged = {flagged / max(len(group), 1):.1%} (target >= 98%);"
            f" by the class alone {by_class}/{len(group)}"
        )
        for r in group:
            if not r["flagged"]:
                counted = r["lines"]["sentence"] if r["lines"] else "lines not counted"
                print(
                    f"    missed {r['slug']}: reference {r['reference']}, other {r['other']}, "
                    f"time ratio {r['ratio']}, up to n = {r['largest_n']} (max_n {r['max_n']}); {counted}"
                )
        either = sum(r["flagged_or_time"] for r in group)
        print(
            f"  ... or more than {FLAG_RATIO:g}x the reference's time: {either}/{len(group)} = {either / max(len(group), 1):.1%}"
        )
        report[kind] = {"flagged": flagged, "flagged_or_time": either, "total": len(group)}
    alarms = sum(r["false_alarm"] for r in rows)
    by_class = sum(r["false_alarm_by_class"] for r in rows)
    counted = sum(r["self_lines"] is not None for r in rows)
    print(
        f"references called slower than themselves: {alarms}/{len(rows)} = {alarms / max(len(rows), 1):.1%} (target <= 2%);"
        f" by the class alone {by_class}; lines counted for {counted} (over {LINES_CHECK_RATIO:g}x its own time)"
    )
    for r in rows:
        if r["false_alarm"]:
            print(
                f"    false alarm {r['slug']}: {r['reference']} then {r['reference_again']}"
                f" ({r['self_ratio']}x)"
            )
    print(
        f"median seconds per case (two comparisons): {statistics.median(r['seconds'] for r in rows):.1f}"
    )
    either = sum(r["false_alarm_or_time"] for r in rows)
    print(
        f"  ... or more than {FLAG_RATIO:g}x its own time: {either}/{len(rows)} = {either / max(len(rows), 1):.1%}"
    )
    report["false_alarms"] = {"flagged": alarms, "flagged_or_time": either, "total": len(rows)}
    return report


# ---------------------------------------------------------------- accuracy


def _burner() -> subprocess.Popen[bytes]:
    """Another process loading the machine: one core's worth of pure-Python busy work."""
    return subprocess.Popen([sys.executable, "-c", "while True: pass"])


def _why(report: GrowthReport, stated: str) -> str:
    """What a measurement that is not the stated class found, in a few words."""
    sizes = f"n = {report.points[0][0]}..{report.points[-1][0]}" if report.points else "no sizes"
    if report.label == INCONCLUSIVE:
        return f"{sizes}: {report.fit.reason or report.error}"[:200]
    if report.label == UNKNOWN:
        return f"not measured: {report.error}"[:200]
    stated_error = report.fit.errors.get(stated)
    also = f", {stated} {stated_error:.1%}" if stated_error is not None else ""
    return (
        f"{sizes} over {len(report.points)} sizes, {report.points[-1][1] * 1e3:.3g} ms at the"
        f" largest; slope {report.fit.slope:.2f}; fit error {report.label} {report.fit.rel_error:.1%}{also}"
    )


def accuracy(args: argparse.Namespace) -> dict[str, Any]:
    index = doocs.load_index(str(DOOCS))
    records = [r for r in _records("leetcodedataset") if _reference(r)]
    total = len(records)
    if args.sample and args.sample < total:
        records = random.Random(args.seed).sample(records, args.sample)
    if args.only:
        wanted = set(args.only.split(","))
        records = [r for r in records if r.slug in wanted]
    problems: Counter[str] = Counter()  # why a sampled problem gives no approach to measure
    skipped: Counter[str] = Counter()  # why an approach is not measured
    skipped_written: Counter[str] = Counter()

    def prepare(record: ProblemRecord) -> list[dict[str, Any]] | str:
        entry = index.entries.get(record.source_id) or index.entries.get(record.slug)
        if entry is None:
            return "no doocs entry"
        if not entry.approaches:
            return "the doocs entry has no approach with an explanation"
        _, check, _, why = derived_check(record)
        if check is None or not check.ok:
            return "no working generator: " + _category(check.reason if check else why)
        inputs = growth_inputs(generator_source=check.source, sizes=list(check.growth_sizes))
        cases: list[dict[str, Any]] = []
        for number, approach in enumerate(entry.approaches, start=1):
            stated = stated_time(approach.explanation)
            if not stated.label:
                cases.append({"skipped": stated.skipped, "written": stated.written})
            elif not approach.python:
                cases.append({"skipped": "no Python code", "written": ""})
            else:
                cases.append(
                    {
                        "slug": record.slug,
                        "approach": number,
                        "name": approach.name,
                        "stated": stated.label,
                        "written": stated.written,
                        "code": approach.python,
                        "preamble": record.preamble or STANDARD_PREAMBLE,
                        "shape": inputgen.record_shape(record),
                        "inputs": inputs,
                        "max_n": check.max_size,  # Problem.max_size, as derive_generators stores it
                        "mem_mb": max(record.memory_limit_mb, 256),  # as problems.growth does
                        "runs": [],
                    }
                )
        return cases

    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        prepared = list(pool.map(prepare, records))
    cases = []
    for outcome in prepared:
        if isinstance(outcome, str):
            problems[outcome] += 1
            continue
        for case in outcome:
            if "skipped" in case:
                skipped[case["skipped"]] += 1
                if case["written"]:
                    skipped_written[case["written"]] += 1
            else:
                cases.append(case)
        if not any("skipped" not in case for case in outcome):
            problems["no approach with a stated class of one n and Python code"] += 1
    print(
        f"\naccuracy: {len(records)} LeetCodeDataset problems"
        + (f" (a sample of {total}, seed {args.seed})" if len(records) < total else "")
        + f"; {len(records) - sum(problems.values())} with approaches to measure"
    )
    for why, count in problems.most_common():
        print(f"    {count:4d}  {why}")
    print(f"  approaches left out: {sum(skipped.values())}")
    for why, count in skipped.most_common():
        print(f"    {count:4d}  {why}")
    print(f"    as written: {dict(skipped_written.most_common(12))}")

    def measure(case: dict[str, Any]) -> None:
        report = measure_growth(
            code=case["code"],
            preamble=case["preamble"],
            shape=case["shape"],
            inputs=case["inputs"],
            max_n=case["max_n"],
            mem_mb=case["mem_mb"],
            worst_case=True,  # as a candidate's code is measured
        )
        case["runs"].append(report)

    burner = _burner() if args.load else None
    started = time.perf_counter()
    print(f"  load average before measuring: {os.getloadavg()[0]:.2f}", flush=True)
    try:
        for run in range(args.runs):  # run 1 of everything, then run 2: a burst hits one run
            with ThreadPoolExecutor(max_workers=args.jobs) as pool:
                list(pool.map(measure, cases))
            if args.verbose:
                print(f"  run {run + 1} done", flush=True)
        after = os.getloadavg()
    finally:
        if burner is not None:
            burner.kill()
            burner.wait()
    failed = [c for c in cases if all(r.label == UNKNOWN for r in c["runs"])]
    measured = [c for c in cases if c not in failed]
    result = tally_classes([(c["stated"], [r.label for r in c["runs"]]) for c in measured])
    load = "with a CPU-burning process beside it" if args.load else "no extra load"
    print(
        f"\napproaches measured: {result.approaches} ({args.runs} run(s) each, {load});"
        f" {len(failed)} more whose code did not run on the generator's inputs"
    )
    for case in failed:
        print(f"    not run {case['slug']} #{case['approach']}: {case['runs'][0].error[:120]}")

    def percent(share: float | None) -> str:
        return "n/a" if share is None else f"{share:.1%}"

    print(
        f"agreement:      {result.agree}/{result.measurements} = {percent(result.agreement)}"
        " (target >= 92%, inconclusive a miss)"
    )
    print(
        f"O(n)/O(n log n) confusion: {result.linear_confused}/{result.linear_pairs} ="
        f" {percent(result.confusion)} of those stated O(n) or O(n log n) (target <= 10%)"
    )
    print(
        f"inconclusive:   {result.inconclusive}/{result.measurements} ="
        f" {percent(result.inconclusive_share)} (target <= 10%)"
    )
    if result.stable is not None:
        print(
            f"stability:      {result.stable}/{result.approaches} = {percent(result.stability)}"
            f" with the same class in all {args.runs} runs (target >= 95%)"
        )
    labels = [c for c in (*CLASSES, INCONCLUSIVE, UNKNOWN) if any(c in k for k in result.table)]
    width = max(len(c) for c in labels) if labels else 10
    print("\nconfusion table (rows stated, columns measured; every run counted):")
    print(" " * (width + 2) + " ".join(f"{c:>{width}}" for c in labels))
    for stated in labels:
        if any(k[0] == stated for k in result.table):
            counts = " ".join(f"{result.table.get((stated, m), 0):>{width}}" for m in labels)
            print(f"  {stated:<{width}}{counts}")
    print("\ndisagreements (slug #approach: stated as written -> measured per run; why):")
    for case in measured:
        labels_run = [r.label for r in case["runs"]]
        if all(label == case["stated"] for label in labels_run):
            continue
        wrong = next(r for r in case["runs"] if r.label != case["stated"])
        print(
            f"    {case['slug']} #{case['approach']}: {case['written']} -> {', '.join(labels_run)};"
            f" {_why(wrong, case['stated'])}"
        )
    seconds = [r.elapsed_s for c in measured for r in c["runs"]]
    if seconds:
        print(f"median seconds per measurement: {statistics.median(seconds):.2f}")
    print(
        f"measuring took {time.perf_counter() - started:.0f} s;"
        f" load average after it {after[0]:.2f} (5 min {after[1]:.2f})"
    )
    return {
        "sample": len(records),
        "seed": args.seed,
        "runs": args.runs,
        "load": bool(args.load),
        "load_average_after": list(after),
        "problems_left_out": dict(problems),
        "approaches_left_out": dict(skipped),
        "left_out_as_written": dict(skipped_written),
        "approaches": result.approaches,
        "measurements": result.measurements,
        "agreement": result.agreement,
        "confusion": result.confusion,
        "inconclusive": result.inconclusive_share,
        "stability": result.stability,
        "table": {f"{s} -> {m}": n for (s, m), n in result.table.items()},
        "rows": [
            {
                "slug": c["slug"],
                "approach": c["approach"],
                "stated": c["stated"],
                "written": c["written"],
                "measured": [r.label for r in c["runs"]],
                "reports": [r.to_dict() for r in c["runs"]],
            }
            for c in cases
        ],
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("what", choices=("coverage", "slower", "accuracy"))
    parser.add_argument(
        "--sample", type=int, default=0, help="problems per set (0: all; slower: 60)"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--sets", default=",".join(SETS), help="coverage: which data sets")
    parser.add_argument(
        "--runs", type=int, default=1, help="accuracy: measurements of each approach"
    )
    parser.add_argument(
        "--load", action="store_true", help="accuracy: a CPU-burning process runs beside"
    )
    parser.add_argument(
        "--only", default="", help="accuracy: of the sample, only these slugs (comma-separated)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="a line per problem")
    args = parser.parse_args()
    problem = sandbox_problem()
    if problem:
        raise SystemExit(f"the sandbox cannot run: {problem}")
    if args.what == "slower" and not args.sample:
        args.sample = 60
    if args.what == "accuracy" and not args.sample:
        args.sample = 40
    started = time.perf_counter()
    report = {"coverage": coverage, "slower": slower, "accuracy": accuracy}[args.what](args)
    print(f"\n{time.perf_counter() - started:.0f} s in all")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
