"""`bank_report`: what the bank holds per source, as `make bank-full` ends by printing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from problems.services import problems_ingest

from .conftest import FIXTURES


def _report() -> str:
    out = StringIO()
    call_command("bank_report", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_an_empty_bank_says_so() -> None:
    assert _report() == "the bank is empty: run ingest_problems or fetch_problems\n"


@pytest.mark.django_db
def test_each_source_reports_tests_hints_editorials_and_references_per_language() -> None:
    problems_ingest(
        source="leetcodedataset",
        path=FIXTURES / "lcd_shape_meta.synthetic.jsonl",
        enrich_from=FIXTURES / "doocs_checkout",
    )
    problems_ingest(source="kaggle-leetcode", path=FIXTURES / "kaggle_shape.synthetic.jsonl")

    lines = _report().splitlines()

    assert lines == [
        "leetcodedataset: 5 problems, 5 with tests, 2 with hints, 2 with an editorial; "
        "references: python3 5, cpp 1, java 1",
        "kaggle-leetcode: 2 problems, 2 with tests, 0 with hints, 2 with an editorial; "
        "references: cpp 2, java 2, javascript 2, python3 2",
    ]
