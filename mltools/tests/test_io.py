"""Reading JSONL sources line by line: a bad line is reported once and nothing else is lost."""

from __future__ import annotations

from mltools.contracts import SkippedRecord
from mltools.data.io import json_objects


def test_a_malformed_line_is_reported_and_not_replaced_by_the_line_before() -> None:
    lines = ['{"id": 1}', "{not json", '{"id": 3}', "not json at all"]
    items = list(json_objects(lines))
    assert [i[2] if not isinstance(i, SkippedRecord) else i.line for i in items] == [
        {"id": 1},
        2,
        {"id": 3},
        4,
    ]
