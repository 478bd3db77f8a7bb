"""Numbered lines in, JSONL out, and ProblemRecord <-> JSON for export and re-import.

A source is read from a local file, a local folder, a `gs://` object or a
`gs://.../` prefix (see `mltools.storage`), or from an iterable of lines (tests).
Gzip is recognised by its magic bytes, whatever the name says.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mltools import storage
from mltools.contracts import (
    ExampleRecord,
    ProblemRecord,
    SkippedRecord,
    SolutionRecord,
    TestRecord,
)

PathOrLines = str | Path | Iterable[str]
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".json", ".json.gz")


@dataclass(frozen=True)
class Located:
    """A parsed problem with where it came from and what was dropped from it."""

    record: ProblemRecord
    line: int
    origin: str = ""  # file name when a source spans several files
    notes: tuple[str, ...] = ()  # e.g. tests that could not be converted
    replaces: int = 0  # earlier rows for the same problem that this one supersedes

    def where(self) -> str:
        return f"{self.origin}:{self.line}" if self.origin else f"line {self.line}"


Parsed = Located | SkippedRecord


def numbered_lines(
    path_or_lines: PathOrLines, *, suffixes: tuple[str, ...] = JSONL_SUFFIXES
) -> Iterator[tuple[str, int, str]]:
    """(origin, line number from 1, text) for every line; origin is '' for a single file."""
    if isinstance(path_or_lines, (str, Path)):
        files = storage.list_files(path_or_lines, suffixes)
        for location in files:
            origin = location.rsplit("/", 1)[-1] if len(files) > 1 else ""
            text = storage.read_text(location)
            for number, line in enumerate(text.splitlines(), start=1):
                yield origin, number, line
        return
    for number, line in enumerate(path_or_lines, start=1):
        yield "", number, line


def skipped(origin: str, line: int, reason: str) -> SkippedRecord:
    return SkippedRecord(line=line, reason=f"{origin}: {reason}" if origin else reason)


def json_objects(
    path_or_lines: PathOrLines, *, suffixes: tuple[str, ...] = JSONL_SUFFIXES
) -> Iterator[tuple[str, int, dict[str, Any]] | SkippedRecord]:
    """Each non-blank line as a JSON object, or a SkippedRecord saying why it is not one."""
    for origin, number, line in numbered_lines(path_or_lines, suffixes=suffixes):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield skipped(origin, number, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        except ValueError as exc:  # e.g. an integer too long to convert
            yield skipped(origin, number, f"malformed JSON ({exc})")
            continue
        if not isinstance(value, dict):
            yield skipped(origin, number, f"expected a JSON object, got {type(value).__name__}")
            continue
        yield origin, number, value


def write_jsonl(location: str | Path, rows: Iterable[dict[str, Any]]) -> int:
    """Write rows as JSONL (gzip when the name ends with .gz); returns the row count."""
    lines = [json.dumps(row, ensure_ascii=False, sort_keys=True) for row in rows]
    data = ("\n".join(lines) + "\n" if lines else "").encode("utf-8")
    name = str(location)
    if name.endswith(".gz"):
        data = gzip.compress(data, mtime=0)
        content_type = "application/gzip"
    else:
        content_type = "application/x-ndjson"
    storage.write_bytes(location, data, content_type=content_type)
    return len(lines)


# --- ProblemRecord as JSON ---------------------------------------------------------


def record_to_dict(record: ProblemRecord) -> dict[str, Any]:
    """The record as JSON-able data (dataclasses.asdict without its deep copies: 10x faster)."""
    data = {f.name: getattr(record, f.name) for f in dataclasses.fields(ProblemRecord)}
    data["starter_code"] = dict(record.starter_code)
    data["examples"] = [_fields(e) for e in record.examples]
    data["tests"] = [_fields(t) for t in record.tests]
    data["solutions"] = [_fields(s) for s in record.solutions]
    for name in ("tags", "hints", "growth_sizes"):
        data[name] = list(data[name])
    return data


def _fields(value: Any) -> dict[str, Any]:
    return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}


def record_from_dict(data: dict[str, Any]) -> ProblemRecord:
    """The inverse of record_to_dict; ValueError naming the first bad field."""
    fields = {f.name for f in dataclasses.fields(ProblemRecord)}
    unknown = sorted(set(data) - fields)
    if unknown:
        raise ValueError(f"unknown fields: {', '.join(unknown)}")
    values = dict(data)
    try:
        values["examples"] = tuple(ExampleRecord(**e) for e in data.get("examples", ()))
        values["tests"] = tuple(TestRecord(**t) for t in data.get("tests", ()))
        values["solutions"] = tuple(SolutionRecord(**s) for s in data.get("solutions", ()))
    except TypeError as exc:
        raise ValueError(str(exc)) from exc
    for name in ("tags", "hints", "growth_sizes"):
        if name in values:
            values[name] = tuple(values[name])
    try:
        record = ProblemRecord(**values)
    except TypeError as exc:
        raise ValueError(str(exc)) from exc
    for name in ("source", "source_id", "slug", "title", "difficulty", "statement", "entry_point"):
        if not isinstance(getattr(record, name), str) or not getattr(record, name):
            raise ValueError(f"{name} must be a non-empty string")
    return record


def record_hash(record: ProblemRecord) -> str:
    """A content hash that ignores the order of tags and solutions (which storage does not keep)."""
    data = record_to_dict(record)
    data["tags"] = sorted(data["tags"])
    data["solutions"] = sorted(data["solutions"], key=lambda s: (s["language"], s["kind"]))
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_export(path_or_lines: PathOrLines) -> Iterator[Parsed]:
    """Read back what `export_problems` wrote: one ProblemRecord as JSON per line."""
    for item in json_objects(path_or_lines):
        if isinstance(item, SkippedRecord):
            yield item
            continue
        origin, number, data = item
        try:
            yield Located(record=record_from_dict(data), line=number, origin=origin)
        except ValueError as exc:
            yield skipped(origin, number, f"not an exported problem: {exc}")
