"""Writes to the problem bank: importing cleaned problems from a source, exporting them.

Import is idempotent and keyed by (source, source_id): a content hash of the
cleaned record tells unchanged problems from updated ones without touching
their rows. Each batch of problems is written in one transaction with bulk
queries; a batch the database refuses is retried one problem per transaction,
so one bad record is reported and never costs the others.

Slugs: the bank owns plain slugs. A problem from another source whose slug is
already held by a different source gets `<slug>-<source>`; a bank problem
whose slug is held by another source takes it back and renames the holder.
"""

from __future__ import annotations

import dataclasses
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from tqdm import tqdm

from mltools import inputgen, storage
from mltools.contracts import ProblemRecord, SkippedRecord
from mltools.data import doocs, sources
from mltools.data import io as data_io
from mltools.data.io import Located
from problems import mappers
from problems.judge.codec import STANDARD_PREAMBLE
from problems.models import (
    Checker,
    Hint,
    Problem,
    ReferenceSolution,
    SolutionKind,
    Source,
    Tag,
    TestCase,
)

Outcome = Literal["created", "updated", "unchanged"]
BATCH_SIZE = 250
SLUG_MAX = 120
TAG_NAMES = {"bfs": "BFS", "dfs": "DFS", "bst": "BST", "dp": "DP"}


class IngestError(Exception):
    """A source, path or URL that cannot be used; the message is one line."""


@dataclass(frozen=True)
class IngestSummary:
    source: str
    location: str
    dry_run: bool
    created: int
    updated: int
    unchanged: int
    skipped: tuple[SkippedRecord, ...]
    notes: tuple[str, ...]  # problems imported with something dropped (tests, ...)
    superseded: int  # rows replaced by a later row for the same problem in this run
    tests: int  # test cases written (created and updated problems)
    seconds: float
    enriched: int = 0  # problems given a title, editorial, hints or tags by --enrich-from

    @property
    def problems(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass(frozen=True)
class _BatchResult:
    outcomes: Counter[str]
    skipped: tuple[SkippedRecord, ...] = ()
    tests: int = 0


def problems_ingest(
    *,
    source: str,
    path: str | Path | None = None,
    limit: int | None = None,
    dry_run: bool = False,
    progress: bool = False,
    enrich_from: str | Path | None = None,
) -> IngestSummary:
    """Import a source into the bank; `dry_run` reports what would change and writes nothing.

    `enrich_from` names a doocs/leetcode index whose titles, editorials and hints fill
    what the source's problems lack (see `mltools.data.doocs`).
    """
    started = time.perf_counter()
    if path is None and source == Source.BANK:
        path = settings.MOCKMATE_BANK_DIR
    if limit is not None and limit < 1:
        raise IngestError("--limit must be at least 1")
    try:
        items = sources.parse_located(source, path, preamble=STANDARD_PREAMBLE)
        index = sources.enrichment_index(enrich_from) if enrich_from is not None else None
        located, skipped, superseded = _collect(items, limit=limit, progress=progress)
    except sources.SourceError as exc:
        raise IngestError(str(exc)) from exc
    enriched = 0
    if index is not None:
        located, enriched = doocs.enrich_all(located, index)

    outcomes: Counter[str] = Counter()
    tests = 0
    with tqdm(
        total=len(located),
        desc="checking" if dry_run else "importing",
        unit="problem",
        file=sys.stderr,
        disable=not progress,
    ) as bar:
        for start in range(0, len(located), BATCH_SIZE):
            batch = located[start : start + BATCH_SIZE]
            result = _ingest_batch(batch, dry_run=dry_run)
            outcomes.update(result.outcomes)
            skipped.extend(result.skipped)
            tests += result.tests
            bar.update(len(batch))
    notes = tuple(
        f"{item.where()} {item.record.slug}: {note}" for item in located for note in item.notes
    ) + tuple(
        f"enrichment index line {s.line}: {s.reason}" for s in (index.skipped if index else ())
    )
    return IngestSummary(
        source=source,
        location=str(path) if path is not None else "(default)",
        dry_run=dry_run,
        created=outcomes["created"],
        updated=outcomes["updated"],
        unchanged=outcomes["unchanged"],
        skipped=tuple(skipped),
        notes=notes,
        superseded=superseded,
        tests=tests,
        seconds=time.perf_counter() - started,
        enriched=enriched,
    )


def problem_upsert(*, record: ProblemRecord) -> Outcome:
    """Create or update one problem from its record; ValidationError when it is not valid."""
    result = _ingest_batch([Located(record=record, line=0)], dry_run=False)
    if result.skipped:
        raise ValidationError(result.skipped[0].reason)
    outcome = next(iter(result.outcomes))
    assert outcome in ("created", "updated", "unchanged")
    return outcome  # type: ignore[return-value]


def problems_export(*, out: str | Path, source: str | None = None) -> int:
    """Write the bank (or one source) as JSONL of ProblemRecords; returns the problem count."""
    if source is not None and source not in Source.values:
        raise IngestError(f"unknown source {source!r}; choose one of: {', '.join(Source.values)}")
    problems = Problem.objects.prefetch_related("tests", "solutions", "hints", "tags").order_by(
        "source", "source_id", "id"
    )
    if source is not None:
        problems = problems.filter(source=source)
    rows = (
        data_io.record_to_dict(mappers.problem_to_record(p))
        for p in problems.iterator(chunk_size=500)
    )
    try:
        return data_io.write_jsonl(str(out), rows)
    except storage.StorageError as exc:
        raise IngestError(str(exc)) from exc


# --- reading ------------------------------------------------------------------------


def _collect(
    items: Iterator[Located | SkippedRecord], *, limit: int | None, progress: bool
) -> tuple[list[Located], list[SkippedRecord], int]:
    """Problems in first-seen order, a later row for the same problem replacing the earlier."""
    by_key: dict[tuple[str, str], Located] = {}
    skipped: list[SkippedRecord] = []
    superseded = 0
    for item in tqdm(items, desc="reading", unit=" rows", file=sys.stderr, disable=not progress):
        if isinstance(item, SkippedRecord):
            skipped.append(item)
            continue
        key = (item.record.source, item.record.source_id)
        superseded += item.replaces
        if key in by_key:
            superseded += 1
        elif limit is not None and len(by_key) >= limit:
            break
        by_key[key] = item
    # A generator for growth and the stress test: the record's own, else derived (no code
    # runs here; `manage.py derive_generators` checks it against the reference).
    located = [
        dataclasses.replace(item, record=inputgen.record_with_generator(item.record))
        for item in by_key.values()
    ]
    return located, skipped, superseded


# --- writing ------------------------------------------------------------------------


def _ingest_batch(batch: list[Located], *, dry_run: bool) -> _BatchResult:
    """One transaction for the batch; if the database refuses it, one per problem."""
    try:
        with transaction.atomic():
            return _write_batch(batch, dry_run=dry_run)
    except DatabaseError as exc:
        if len(batch) == 1:
            item = batch[0]
            reason = f"{item.record.source_id}: the database refused it ({_one_line(exc)})"
            return _BatchResult(Counter(), (_skip(item, reason),))
    outcomes: Counter[str] = Counter()
    skipped: list[SkippedRecord] = []
    tests = 0
    for item in batch:
        result = _ingest_batch([item], dry_run=dry_run)
        outcomes.update(result.outcomes)
        skipped.extend(result.skipped)
        tests += result.tests
    return _BatchResult(outcomes, tuple(skipped), tests)


def _write_batch(batch: list[Located], *, dry_run: bool) -> _BatchResult:
    hashes = {_key(i.record): data_io.record_hash(i.record) for i in batch}
    existing = _existing(list(hashes))
    outcomes: Counter[str] = Counter()
    skipped: list[SkippedRecord] = []
    creates: list[Located] = []
    updates: list[tuple[Located, int]] = []
    for item in batch:
        key = _key(item.record)
        stored = existing.get(key)
        if stored is not None and stored[1] == hashes[key]:
            outcomes["unchanged"] += 1
            continue
        reason = _invalid_reason(item.record)
        if reason:
            skipped.append(_skip(item, f"{item.record.source_id}: {reason}"))
            continue
        if stored is None:
            creates.append(item)
        else:
            updates.append((item, stored[0]))
    outcomes["created"] += len(creates)
    outcomes["updated"] += len(updates)
    tests = sum(len(i.record.tests) for i in creates) + sum(len(i.record.tests) for i, _ in updates)
    if dry_run or not (creates or updates):
        return _BatchResult(+outcomes, tuple(skipped), 0 if dry_run else tests)

    tag_ids = _tag_ids(
        {t for i in creates for t in i.record.tags} | {t for i, _ in updates for t in i.record.tags}
    )
    created = _create(creates, hashes)
    updated = _update(updates, hashes)
    through = Problem.tags.through
    through.objects.filter(problem_id__in=[p.pk for _, p in updated]).delete()
    through.objects.bulk_create(
        [
            through(problem_id=problem.pk, tag_id=tag_ids[tag])
            for record, problem in created + updated
            for tag in set(record.tags)
        ]
    )
    return _BatchResult(+outcomes, tuple(skipped), tests)


def _create(
    items: list[Located], hashes: dict[tuple[str, str], str]
) -> list[tuple[ProblemRecord, Problem]]:
    slugs = _assign_slugs([i.record for i in items])
    problems = [
        Problem(
            slug=slugs[_key(i.record)],
            content_hash=hashes[_key(i.record)],
            **mappers.record_problem_fields(i.record),
        )
        for i in items
    ]
    Problem.objects.bulk_create(problems)
    pairs = [(i.record, p) for i, p in zip(items, problems, strict=True)]
    TestCase.objects.bulk_create([t for r, p in pairs for t in mappers.record_tests(r, p)])
    ReferenceSolution.objects.bulk_create(
        [s for r, p in pairs for s in mappers.record_solutions(r, p)]
    )
    Hint.objects.bulk_create([h for r, p in pairs for h in mappers.record_hints(r, p)])
    return pairs


def _update(
    items: list[tuple[Located, int]], hashes: dict[tuple[str, str], str]
) -> list[tuple[ProblemRecord, Problem]]:
    """Update problems in place; tests, hints and solutions are matched to existing rows
    (by position, rung, and language+kind) so that their ids, which results point at, stay."""
    if not items:
        return []
    by_id = Problem.objects.in_bulk([pk for _, pk in items])
    now = timezone.now()
    pairs: list[tuple[ProblemRecord, Problem]] = []
    for item, pk in items:
        problem = by_id[pk]
        for name, value in mappers.record_problem_fields(item.record).items():
            setattr(problem, name, value)
        problem.content_hash = hashes[_key(item.record)]
        problem.updated = now
        pairs.append((item.record, problem))
    fields = [*mappers.PROBLEM_FIELDS, "examples", "growth_sizes", "content_hash", "updated"]
    Problem.objects.bulk_update([p for _, p in pairs], fields)
    ids = [p.pk for _, p in pairs]

    tests = _grouped(TestCase.objects.filter(problem_id__in=ids).order_by("order", "id"))
    hints = _grouped(Hint.objects.filter(problem_id__in=ids).order_by("rung", "id"))
    solutions = _grouped(ReferenceSolution.objects.filter(problem_id__in=ids))
    test_rows: list[TestCase] = []
    hint_rows: list[Hint] = []
    solution_rows: list[ReferenceSolution] = []
    new_tests: list[TestCase] = []
    new_hints: list[Hint] = []
    new_solutions: list[ReferenceSolution] = []
    stale: dict[type[Any], list[int]] = defaultdict(list)
    for record, problem in pairs:
        _match_by_position(
            tests[problem.pk], mappers.record_tests(record, problem), mappers.TEST_FIELDS,
            test_rows, new_tests, stale[TestCase],
        )  # fmt: skip
        _match_by_position(
            hints[problem.pk], mappers.record_hints(record, problem), ("rung", "text"),
            hint_rows, new_hints, stale[Hint],
        )  # fmt: skip
        current = {(s.language, s.kind): s for s in solutions[problem.pk]}
        for wanted in mappers.record_solutions(record, problem):
            row = current.pop((wanted.language, wanted.kind), None)
            if row is None:
                new_solutions.append(wanted)
                continue
            if row.code != wanted.code:
                row.verified, row.verified_at, row.verification_note = False, None, ""
            for name in mappers.SOLUTION_FIELDS:
                setattr(row, name, getattr(wanted, name))
            solution_rows.append(row)
        stale[ReferenceSolution].extend(s.pk for s in current.values())
    for model, ids_ in stale.items():
        if ids_:
            model.objects.filter(pk__in=ids_).delete()
    TestCase.objects.bulk_update(test_rows, mappers.TEST_FIELDS, batch_size=500)
    Hint.objects.bulk_update(hint_rows, ["text"], batch_size=500)
    ReferenceSolution.objects.bulk_update(
        solution_rows,
        [*mappers.SOLUTION_FIELDS, "verified", "verified_at", "verification_note"],
        batch_size=500,
    )
    TestCase.objects.bulk_create(new_tests)
    Hint.objects.bulk_create(new_hints)
    ReferenceSolution.objects.bulk_create(new_solutions)
    return pairs


def _match_by_position(
    rows: list[Any],
    wanted: list[Any],
    fields: Iterable[str],
    to_update: list[Any],
    to_create: list[Any],
    to_delete: list[int],
) -> None:
    fields = tuple(fields)
    for row, new in zip(rows, wanted, strict=False):
        for name in fields:
            setattr(row, name, getattr(new, name))
        to_update.append(row)
    to_create.extend(wanted[len(rows) :])
    to_delete.extend(row.pk for row in rows[len(wanted) :])


def _grouped(rows: Iterable[Any]) -> defaultdict[int, list[Any]]:
    groups: defaultdict[int, list[Any]] = defaultdict(list)
    for row in rows:
        groups[row.problem_id].append(row)
    return groups


def _existing(keys: list[tuple[str, str]]) -> dict[tuple[str, str], tuple[int, str]]:
    """(source, source_id) -> (pk, content_hash) for the keys already stored."""
    by_source: defaultdict[str, list[str]] = defaultdict(list)
    for source, source_id in keys:
        by_source[source].append(source_id)
    found: dict[tuple[str, str], tuple[int, str]] = {}
    for source, ids in by_source.items():
        rows = Problem.objects.filter(source=source, source_id__in=ids).values_list(
            "pk", "source_id", "content_hash"
        )
        for pk, source_id, content_hash in rows:
            found[(source, source_id)] = (pk, content_hash)
    return found


def _assign_slugs(records: list[ProblemRecord]) -> dict[tuple[str, str], str]:
    """Slugs for new problems: plain when free; the bank takes plain slugs back from others."""
    holders = dict(
        Problem.objects.filter(slug__in={r.slug for r in records}).values_list("slug", "source")
    )
    taken: set[str] = set(holders)
    assigned: dict[tuple[str, str], str] = {}
    for record in records:
        slug, holder = record.slug, holders.get(record.slug)
        if slug in taken and record.source == Source.BANK and holder not in (None, Source.BANK):
            renamed = _free_slug(f"{slug}-{holder}", taken)
            Problem.objects.filter(slug=slug).update(slug=renamed)
            taken.add(renamed)
            holders.pop(slug)
        elif slug in taken:
            slug = _free_slug(f"{slug}-{record.source}", taken)
        taken.add(slug)
        assigned[_key(record)] = slug
    return assigned


def _free_slug(base: str, taken: set[str]) -> str:
    base = base[: SLUG_MAX - 4].rstrip("-")
    used = taken | set(Problem.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in used:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _tag_ids(slugs: set[str]) -> dict[str, int]:
    if not slugs:
        return {}
    ids = dict(Tag.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    missing = slugs - set(ids)
    if missing:
        Tag.objects.bulk_create(
            [Tag(slug=s, name=_tag_name(s)) for s in sorted(missing)], ignore_conflicts=True
        )
        ids.update(Tag.objects.filter(slug__in=missing).values_list("slug", "pk"))
    return ids


def _tag_name(slug: str) -> str:
    return " ".join(TAG_NAMES.get(w, w.capitalize()) for w in slug.split("-"))[:64]


_CHECKERS = set(Checker.values)
_KINDS = set(SolutionKind.values)


def _invalid_reason(record: ProblemRecord) -> str:
    """Why the database would refuse the record ('' when it would not), without querying it."""
    problem = Problem(slug=record.slug, **mappers.record_problem_fields(record))
    try:
        problem.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        return f"invalid {field}: {messages[0]}"
    if record.source not in Source.values:
        return f"unknown source {record.source!r}"
    for index, test in enumerate(record.tests):
        if test.checker not in _CHECKERS:
            return f"test {index}: unknown checker {test.checker!r}"
        if (
            len(test.note) > 200
            or not isinstance(test.args, list)
            or not isinstance(test.kwargs, dict)
        ):
            return f"test {index}: args must be a list, kwargs a dict, note at most 200 characters"
    seen = set()
    for solution in record.solutions:
        if solution.kind not in _KINDS or not 0 < len(solution.language) <= 20:
            return f"solution {solution.language!r}/{solution.kind!r}: unknown kind or bad language"
        if max(len(solution.time_complexity), len(solution.space_complexity)) > 40:
            return "solution complexity longer than 40 characters"
        if (solution.language, solution.kind) in seen:
            return f"two {solution.language} {solution.kind} solutions"
        seen.add((solution.language, solution.kind))
    if any(not isinstance(h, str) or not h.strip() for h in record.hints):
        return "empty hint"
    return ""


def _key(record: ProblemRecord) -> tuple[str, str]:
    return (record.source, record.source_id)


def _skip(item: Located, reason: str) -> SkippedRecord:
    return SkippedRecord(
        line=item.line, reason=f"{item.origin}: {reason}" if item.origin else reason
    )


def _one_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
