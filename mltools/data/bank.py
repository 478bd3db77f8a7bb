"""The bundled bank's YAML files (format: problems/bank/README.md) -> ProblemRecord.

One file per problem; a location is a folder of `*.yaml` files, one file, or a
`gs://` object or prefix. The file's problems are the project's own, so
`source_id` is the slug and the licence is the project's. A file that fails
to load or lacks required fields is skipped with the file name, the YAML line
where known, and the reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from mltools import callshape, storage
from mltools.contracts import (
    ExampleRecord,
    ProblemRecord,
    SkippedRecord,
    SolutionRecord,
    TestRecord,
)
from mltools.data import cleaning
from mltools.data.io import Located, Parsed, PathOrLines, skipped

SOURCE = "bank"
LICENCE = "Mockmate project"
ATTRIBUTION = "Written for Mockmate by the project's contributors."
SUFFIXES = (".yaml", ".yml")
REQUIRED = (
    "slug", "title", "difficulty", "tags", "entry_point", "signature", "statement",
    "examples", "constraints", "follow_up", "hints", "editorial", "reference", "slow",
    "tests", "generator",
)  # fmt: skip
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~10x faster


def parse(
    path_or_lines: PathOrLines, *, preamble: str = ""
) -> Iterator[ProblemRecord | SkippedRecord]:
    """Problems and skipped files; `preamble` is the judge's standard preamble (codec)."""
    for item in parse_located(path_or_lines, preamble=preamble):
        yield item.record if isinstance(item, Located) else item


def parse_located(path_or_lines: PathOrLines, *, preamble: str = "") -> Iterator[Parsed]:
    for origin, text in _documents(path_or_lines):
        try:
            data = yaml.load(text, Loader=_LOADER)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else 1
            problem = getattr(exc, "problem", None) or "invalid YAML"
            yield skipped(origin, line, f"YAML error: {problem}")
            continue
        try:
            record = data_to_record(data, preamble=preamble)
        except ValueError as exc:
            yield skipped(origin, 1, str(exc))
            continue
        if origin and Path(origin).stem != record.slug:
            yield skipped(origin, 1, f"file name does not match slug {record.slug!r}")
            continue
        yield Located(record=record, line=1, origin=origin)


def _documents(path_or_lines: PathOrLines) -> Iterator[tuple[str, str]]:
    if isinstance(path_or_lines, (str, Path)):
        for location in storage.list_files(path_or_lines, SUFFIXES):
            yield location.rsplit("/", 1)[-1], storage.read_text(location)
        return
    yield "", "\n".join(line.rstrip("\n") for line in path_or_lines)


def data_to_record(data: Any, *, preamble: str = "") -> ProblemRecord:
    """One loaded YAML document as a ProblemRecord; ValueError naming what is wrong."""
    if not isinstance(data, dict):
        raise ValueError("expected a mapping of fields")
    missing = [key for key in REQUIRED if not data.get(key)]
    if missing:
        raise ValueError(f"missing fields: {', '.join(missing)}")
    level = cleaning.difficulty(data["difficulty"])
    if level != str(data["difficulty"]).strip().lower():
        raise ValueError(f"difficulty must be easy, medium or hard, not {data['difficulty']!r}")
    try:
        contract = callshape.read_contract(data)
    except callshape.ShapeError as exc:
        raise ValueError(str(exc)) from exc
    shape = contract.shape
    max_size = data.get("max_size")
    if max_size is not None and (not isinstance(max_size, int) or max_size < 1):
        raise ValueError("max_size must be a positive integer")
    return ProblemRecord(
        source=SOURCE,
        source_id=str(data["slug"]),
        slug=str(data["slug"]),
        title=str(data["title"]),
        difficulty=level,
        statement=str(data["statement"]).strip(),
        entry_point=shape.entry_point,
        entry_kind=shape.entry_kind,
        signature=shape.signature,
        returns_argument=shape.returns_argument,
        tolerance=contract.tolerance,
        starter_code={"python3": shape.starter_code()},
        preamble=preamble,
        examples=tuple(_example(i, e) for i, e in enumerate(_list(data, "examples"), start=1)),
        constraints=str(data["constraints"]).strip(),
        follow_up=str(data["follow_up"]).strip(),
        editorial=str(data["editorial"]).strip(),
        tags=cleaning.tag_slugs(str(t) for t in _list(data, "tags")),
        tests=tuple(_test(i, t, contract) for i, t in enumerate(_list(data, "tests"), start=1)),
        solutions=(_solution(data, "reference", "optimal"), _solution(data, "slow", "slow")),
        hints=tuple(str(h).strip() for h in _list(data, "hints")),
        generator=str(data["generator"]),
        growth_sizes=tuple(int(n) for n in data.get("growth_sizes") or ()),
        max_size=max_size,
        time_limit_s=float(data.get("time_limit_s") or 2.0),
        memory_limit_mb=int(data.get("memory_limit_mb") or 256),
        licence=LICENCE,
        attribution=ATTRIBUTION,
    )


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data[key]
    if not isinstance(value, list):
        raise ValueError(f"{key} must be a list")
    return value


def _example(index: int, value: Any) -> ExampleRecord:
    if not isinstance(value, dict) or "input" not in value or "output" not in value:
        raise ValueError(f"example {index} needs input and output")
    return ExampleRecord(
        input=str(value["input"]),
        output=str(value["output"]),
        explanation=str(value.get("explanation") or ""),
    )


def _test(index: int, value: Any, contract: callshape.Contract) -> TestRecord:
    test = callshape.read_test(index, value, contract)  # ShapeError is a ValueError
    try:
        args = cleaning.to_json_value(test.args)
        kwargs = cleaning.to_json_value(test.kwargs)
        expected = cleaning.to_json_value(test.expected, role="expected value")
    except cleaning.NotJsonable as exc:
        raise ValueError(f"test {index}: {exc}") from exc
    return TestRecord(
        args=args,
        kwargs=kwargs,
        expected=expected,
        is_sample=test.sample,
        checker=test.checker,
        note=test.note,
    )


def _solution(data: dict[str, Any], key: str, kind: str) -> SolutionRecord:
    value = data[key]
    if not isinstance(value, dict) or not value.get("code"):
        raise ValueError(f"{key} needs code")
    return SolutionRecord(
        code=str(value["code"]),
        kind=kind,
        time_complexity=str(value.get("time") or ""),
        space_complexity=str(value.get("space") or ""),
    )
