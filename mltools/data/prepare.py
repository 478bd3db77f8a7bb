"""Alpaca-format training data for the interviewer, prepared with a Dask bag.

    python -m mltools.data.prepare var/data/problems var/data/alpaca

Input: JSONL partitions of `TrainingProblem` records (written by
`write_partitions`; the Django side exports them with the judge's facts
already attached). Output: `train/*.jsonl` and `validation/*.jsonl` with
`instruction`, `input`, `output`, plus `report.json`.

Decisions:
- Three tasks per problem: explain the optimal solution; write feedback on a
  judged variant (reference, slow, broken) from the judge's facts only; ask a
  follow-up. Targets are built from stored, verified data, never generated.
- The split is by problem (a hash of the slug), so no problem is in both.
- Invalid records are counted by reason and reported, not dropped silently.
- Partitions are read and written as files by the workers, one task per file
  (MEASURED.md: a bag built from an in-memory list is 3x slower); only counts
  travel back. A `dask.distributed` LocalCluster with 2
  processes by default; `DASK_SCHEDULER_ADDRESS` points at a real cluster.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from mltools.contracts import JudgedVariant, PreparationReport, TrainingExample, TrainingProblem

MAX_INPUT_CHARS = 6000
MAX_OUTPUT_CHARS = 4000

EXPLAIN = "Explain an optimal solution to this interview problem, then state its time and space complexity."
FEEDBACK = (
    "You are the interviewer. Write short feedback on the candidate's submission, "
    "using only the judge's facts below. Do not invent results."
)
FOLLOW_UP = (
    "You are the interviewer. The candidate has solved this problem. Ask one follow-up question."
)


# --- Records --------------------------------------------------------------------


def problem_to_dict(problem: TrainingProblem) -> dict[str, Any]:
    return asdict(problem)


def problem_from_dict(data: dict[str, Any]) -> TrainingProblem:
    judged = tuple(JudgedVariant(**v) for v in data.get("judged") or ())
    fields = {k: v for k, v in data.items() if k != "judged"}
    fields["tags"] = tuple(fields.get("tags") or ())
    return TrainingProblem(**fields, judged=judged)


def write_partitions(
    problems: Iterable[TrainingProblem], out_dir: Path, partitions: int
) -> list[Path]:
    """Write problems round-robin into `partitions` JSONL files (replacing old ones)."""
    out_dir = Path(out_dir)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    paths = [out_dir / f"part-{i:04d}.jsonl" for i in range(partitions)]
    handles = [p.open("w", encoding="utf-8") for p in paths]
    try:
        for i, problem in enumerate(problems):
            handles[i % partitions].write(json.dumps(problem_to_dict(problem)) + "\n")
    finally:
        for h in handles:
            h.close()
    return paths


# --- Examples -------------------------------------------------------------------


def _problem_input(p: TrainingProblem) -> str:
    tags = f"\nTopics: {', '.join(p.tags)}" if p.tags else ""
    return f"# {p.title} ({p.difficulty}){tags}\n\n{p.statement.strip()}"


def _explanation(p: TrainingProblem) -> str:
    return (
        f"{p.editorial.strip()}\n\n```python\n{p.solution_code.strip()}\n```\n\n"
        f"Time: {p.time_complexity}. Space: {p.space_complexity}."
    )


def _facts(v: JudgedVariant) -> str:
    lines = [f"Verdict: {v.verdict}", f"Tests passed: {v.passed}/{v.total}"]
    if v.failing_input:
        lines.append(
            f"First failing test: input {v.failing_input}; expected {v.expected}; got {v.actual}"
        )
    if v.message:
        lines.append(f"Message: {v.message}")
    if v.time_complexity:
        lines.append(f"Time complexity of this code: {v.time_complexity}")
    return "\n".join(lines)


def _feedback(p: TrainingProblem, v: JudgedVariant) -> str:
    """The target feedback, stated only from facts; the bullets say why it reads so:
    - the verdict and test count first, as the candidate will check them;
    - a failing case is quoted exactly, never guessed at;
    - complexity is compared only when both sides are known."""
    if v.verdict.lower() == "accepted":
        text = f"Your solution is correct: it passed all {v.total} tests."
        if v.time_complexity and p.time_complexity and v.time_complexity != p.time_complexity:
            text += (
                f" It runs in {v.time_complexity}, while {p.time_complexity} is possible; "
                "think about what repeated work you could avoid."
            )
        elif v.time_complexity:
            text += f" It runs in {v.time_complexity}, which is optimal for this problem."
        return text
    text = f"Your solution is not correct yet ({v.verdict.lower()}): it passed {v.passed} of {v.total} tests."
    if v.failing_input:
        text += (
            f" On input {v.failing_input} it returned {v.actual}, but {v.expected} was expected."
        )
    if v.message and v.message.lower() != v.verdict.lower():
        text += f" The judge reported: {v.message}."
    return text + " Trace that case by hand before changing the code."


def _follow_up(p: TrainingProblem) -> str:
    if p.follow_up.strip():
        return p.follow_up.strip()
    if p.time_complexity:
        return (
            f"Your solution runs in {p.time_complexity} time and {p.space_complexity or 'some'} space. "
            "How would it change if the input no longer fitted in memory?"
        )
    return ""


def examples_for(p: TrainingProblem) -> Iterator[TrainingExample]:
    problem_input = _problem_input(p)
    yield TrainingExample(
        EXPLAIN, problem_input, _explanation(p) if p.editorial else "", "explain", p.slug
    )
    for v in p.judged:
        code = f"{problem_input}\n\nCandidate's code:\n```python\n{v.code.strip()}\n```\n\nJudge facts:\n{_facts(v)}"
        yield TrainingExample(FEEDBACK, code, _feedback(p, v), f"feedback_{v.kind}", p.slug)
    solved = f"{problem_input}\n\nCandidate's accepted solution:\n```python\n{p.solution_code.strip()}\n```"
    yield TrainingExample(FOLLOW_UP, solved, _follow_up(p), "follow_up", p.slug)


def invalid_reason(example: TrainingExample) -> str | None:
    if not example.input.strip() or not example.instruction.strip():
        return f"{example.task}: empty input"
    if not example.output.strip():
        return f"{example.task}: empty output"
    if "```python\n\n```" in example.input or "```python\n\n```" in example.output:
        return f"{example.task}: missing code"
    if len(example.input) > MAX_INPUT_CHARS:
        return f"{example.task}: input too long"
    if len(example.output) > MAX_OUTPUT_CHARS:
        return f"{example.task}: output too long"
    return None


def split_of(slug: str, validation_percent: int) -> str:
    """Stable across machines and runs (not Python's salted hash)."""
    bucket = int(hashlib.sha256(slug.encode()).hexdigest()[:8], 16) % 100
    return "validation" if bucket < validation_percent else "train"


def process_line(line: str, validation_percent: int) -> list[dict[str, Any]]:
    """One partition line -> tagged rows: {"split": ..., "example": ...} or {"invalid": reason}."""
    try:
        problem = problem_from_dict(json.loads(line))
    except (ValueError, TypeError) as exc:
        return [{"invalid": f"unreadable record: {type(exc).__name__}"}]
    split = split_of(problem.slug, validation_percent)
    rows: list[dict[str, Any]] = []
    for example in examples_for(problem):
        reason = invalid_reason(example)
        if reason:
            rows.append({"invalid": reason})
        else:
            alpaca = {
                "instruction": example.instruction,
                "input": example.input,
                "output": example.output,
            }
            rows.append({"split": split, "example": alpaca, "problem": problem.slug})
    return rows


# --- The pipeline -----------------------------------------------------------------


def dask_client(n_workers: int = 2) -> Any:
    """A client on `DASK_SCHEDULER_ADDRESS`, or on a new LocalCluster of `n_workers` processes."""
    from dask.distributed import Client, LocalCluster

    address = os.environ.get("DASK_SCHEDULER_ADDRESS")
    if address:
        return Client(address)
    cluster = LocalCluster(
        n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None
    )
    return Client(cluster)


def prepare_file(path: str, out_dir: str, validation_percent: int) -> dict[str, Any]:
    """One input partition -> its train and validation part files; returns small counts.

    Each task reads and writes its own files, so only these counts travel
    between processes (shipping the rows themselves made Dask slower than a loop).
    """
    stem = Path(path).stem
    counts = {"train": 0, "validation": 0}
    invalid: dict[str, int] = {}
    problems: dict[str, set[str]] = {"train": set(), "validation": set()}
    outputs = {split: Path(out_dir) / split / f"{stem}.jsonl" for split in counts}
    with (
        Path(path).open(encoding="utf-8") as fh,
        outputs["train"].open("w", encoding="utf-8") as train,
        outputs["validation"].open("w", encoding="utf-8") as validation,
    ):
        files = {"train": train, "validation": validation}
        for line in fh:
            for row in process_line(line, validation_percent):
                if "invalid" in row:
                    invalid[row["invalid"]] = invalid.get(row["invalid"], 0) + 1
                    continue
                files[row["split"]].write(json.dumps(row["example"], ensure_ascii=False) + "\n")
                counts[row["split"]] += 1
                problems[row["split"]].add(row["problem"])
    digests = {split: hashlib.sha256(outputs[split].read_bytes()).hexdigest() for split in counts}
    return {"counts": counts, "invalid": invalid, "problems": problems, "digests": digests}


def _clean(out_dir: Path) -> None:
    for split in ("train", "validation"):
        shutil.rmtree(out_dir / split, ignore_errors=True)
        (out_dir / split).mkdir(parents=True)


def _report(parts: list[dict[str, Any]], out_dir: Path, started: float) -> PreparationReport:
    invalid: dict[str, int] = {}
    digest = hashlib.sha256()
    for part in parts:  # in input-file order, so the version is stable
        for reason, n in part["invalid"].items():
            invalid[reason] = invalid.get(reason, 0) + n
        digest.update((part["digests"]["train"] + part["digests"]["validation"]).encode())
    report = PreparationReport(
        train=sum(p["counts"]["train"] for p in parts),
        validation=sum(p["counts"]["validation"] for p in parts),
        invalid=dict(sorted(invalid.items())),
        train_problems=len(set().union(*(p["problems"]["train"] for p in parts))),
        validation_problems=len(set().union(*(p["problems"]["validation"] for p in parts))),
        out_dir=str(out_dir),
        data_version=digest.hexdigest()[:16],
        seconds=time.perf_counter() - started,
    )
    (out_dir / "report.json").write_text(
        json.dumps(asdict(report), indent=2) + "\n", encoding="utf-8"
    )
    return report


def prepare(
    in_dir: Path, out_dir: Path, *, validation_percent: int = 10, client: Any | None = None
) -> PreparationReport:
    """Run the bag pipeline over the partition files `in_dir/*.jsonl` (one task per file);
    pass a `client` to reuse a cluster."""
    import dask.bag as db

    started = time.perf_counter()
    out_dir = Path(out_dir)
    _clean(out_dir)
    paths = [str(p) for p in sorted(Path(in_dir).glob("*.jsonl"))]
    own_client = client is None
    client = client or dask_client()
    try:
        bag = db.from_sequence(paths, npartitions=max(len(paths), 1))
        parts = bag.map(prepare_file, str(out_dir), validation_percent).compute()
    finally:
        if own_client:
            cluster = getattr(client, "cluster", None)
            client.close()
            if cluster is not None:
                cluster.close()
    return _report(list(parts), out_dir, started)


def prepare_loop(in_dir: Path, out_dir: Path, validation_percent: int = 10) -> PreparationReport:
    """The same work in one process, file after file: the benchmark's baseline."""
    started = time.perf_counter()
    out_dir = Path(out_dir)
    _clean(out_dir)
    parts = [
        prepare_file(str(p), str(out_dir), validation_percent)
        for p in sorted(Path(in_dir).glob("*.jsonl"))
    ]
    return _report(parts, out_dir, started)


def read_examples(split_dir: Path) -> list[dict[str, str]]:
    """All examples of one split, in a stable order."""
    rows: list[dict[str, str]] = []
    for part in sorted(Path(split_dir).glob("*.jsonl")):
        with part.open(encoding="utf-8") as fh:
            rows.extend(json.loads(line) for line in fh if line.strip())
    return rows


if __name__ == "__main__":
    print(prepare(Path(sys.argv[1]), Path(sys.argv[2])))
