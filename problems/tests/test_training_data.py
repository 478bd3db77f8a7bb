"""Training records carry the judge's real verdicts for reference, slow and broken variants."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from mltools.data.prepare import read_examples
from problems.ml_services import training_problem_record
from problems.models import ReferenceSolution
from problems.tests.factories import problem_create

pytestmark = [pytest.mark.django_db, pytest.mark.sandbox]

SLOW = "class Solution:\n    def add(self, a: int, b: int) -> int:\n        total = a\n        for _ in range(b):\n            total += 1\n        return total\n"


def test_variants_are_judged_for_real() -> None:
    problem = problem_create(editorial="Add them.", follow_up="What about big integers?")
    ReferenceSolution.objects.create(
        problem=problem, code=SLOW, kind="slow", time_complexity="O(b)"
    )
    record = training_problem_record(problem=problem)
    verdicts = {v.kind: (v.verdict, v.passed, v.total) for v in record.judged}
    assert verdicts["reference"] == ("Accepted", 6, 6)
    assert verdicts["slow"] == ("Accepted", 6, 6)
    assert verdicts["broken"][0] == "Wrong Answer" and verdicts["broken"][1] == 0
    broken = next(v for v in record.judged if v.kind == "broken")
    assert (
        broken.failing_input and broken.actual == "null"
    )  # a sample test, shown as the candidate sees it


def test_prepare_training_data_writes_alpaca_splits(tmp_path: Path) -> None:
    for i in range(6):
        problem_create(slug=f"add-{i}", editorial="Add them.", follow_up="And for floats?")
    out = StringIO()
    call_command(
        "prepare_training_data", "--out", str(tmp_path / "alpaca"), "--partitions-dir", str(tmp_path / "parts"),
        "--partitions", "2", "--validation-percent", "30", stdout=out,
    )  # fmt: skip
    train = read_examples(tmp_path / "alpaca" / "train")
    validation = read_examples(tmp_path / "alpaca" / "validation")
    assert (
        len(train) + len(validation) == 6 * 4
    )  # explain, feedback x2 (reference, broken), follow-up
    assert "train /" in out.getvalue() and "invalid" not in out.getvalue()
