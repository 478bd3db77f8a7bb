"""Importing the bundled YAML bank, and who owns a slug that several sources want."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from problems.judge.codec import STANDARD_PREAMBLE
from problems.models import Problem
from problems.services import problems_ingest

from .conftest import FIXTURES

ONE_FILE = FIXTURES / "bank" / "sum-of-pair.yaml"


@pytest.mark.django_db
def test_a_bank_file_becomes_a_complete_problem(reference_failures: Any) -> None:
    summary = problems_ingest(source="bank", path=ONE_FILE)

    assert summary.created == 1
    problem = Problem.objects.get(slug="sum-of-pair")
    assert (problem.source, problem.source_id, problem.licence) == (
        "bank",
        "sum-of-pair",
        "Mockmate project",
    )
    assert problem.preamble == STANDARD_PREAMBLE
    assert problem.starter_code["python3"] == (
        "class Solution:\n    def add(self, a: int, b: int) -> int:\n        pass\n"
    )
    assert sorted(problem.tags.values_list("slug", "name")) == [("bfs", "BFS"), ("math", "Math")]
    assert list(problem.hints.values_list("rung", flat=True)) == [1, 2, 3]
    solutions = {s.kind: s for s in problem.solutions.all()}
    assert (solutions["optimal"].time_complexity, solutions["slow"].time_complexity) == (
        "O(1)",
        "O(n)",
    )
    tests = list(problem.tests.values_list("is_sample", "checker", "note"))
    assert tests == [
        (True, "exact", ""),
        (True, "exact", "opposites"),
        (False, "exact", ""),
        (False, "float", ""),
    ]
    assert problem.growth_sizes == [100, 1000] and "def generate(n, rng)" in problem.generator
    assert reference_failures(problem) == []


@pytest.mark.django_db
def test_the_default_bank_folder_imports_every_file() -> None:
    files = sorted(Path(settings.MOCKMATE_BANK_DIR).glob("*.yaml"))
    summary = problems_ingest(source="bank")

    assert (summary.created, summary.skipped) == (len(files), ())
    assert set(Problem.objects.values_list("slug", flat=True)) == {f.stem for f in files}


@pytest.mark.django_db
def test_a_broken_file_is_reported_with_its_name_and_line(tmp_path: Path) -> None:
    (tmp_path / "sum-of-pair.yaml").write_text(ONE_FILE.read_text())
    (tmp_path / "broken.yaml").write_text("slug: broken\ntitle: [unclosed\n")
    (tmp_path / "partial.yaml").write_text("slug: partial\ntitle: Partial\n")

    summary = problems_ingest(source="bank", path=tmp_path)

    assert summary.created == 1
    reasons = sorted((s.reason, s.line) for s in summary.skipped)
    assert reasons[0][0].startswith("broken.yaml: YAML error") and reasons[0][1] == 3
    assert reasons[1][0].startswith("partial.yaml: missing fields: difficulty, tags")


@pytest.mark.django_db
def test_the_bank_owns_plain_slugs_whichever_is_imported_first(tmp_path: Path) -> None:
    other = FIXTURES / "lcd_shape_meta.synthetic.jsonl"
    (tmp_path / "swap-children.yaml").write_text(
        ONE_FILE.read_text().replace("sum-of-pair", "swap-children")
    )
    (tmp_path / "power-tower-mod.yaml").write_text(
        ONE_FILE.read_text().replace("sum-of-pair", "power-tower-mod")
    )
    problems_ingest(source="bank", path=tmp_path / "swap-children.yaml")
    problems_ingest(source="leetcodedataset", path=other)  # wants swap-children too
    problems_ingest(source="bank", path=tmp_path / "power-tower-mod.yaml")  # takes its slug back

    slugs = dict(Problem.objects.values_list("slug", "source"))
    assert slugs["swap-children"] == "bank"
    assert slugs["swap-children-leetcodedataset"] == "leetcodedataset"
    assert slugs["power-tower-mod"] == "bank"
    assert slugs["power-tower-mod-leetcodedataset"] == "leetcodedataset"
    # a re-import keeps the suffixed slugs and duplicates nothing
    again = problems_ingest(source="leetcodedataset", path=other)
    assert again.unchanged == 5 and Problem.objects.count() == 7


DESIGN = FIXTURES / "shapes" / "stack-with-minimum.yaml"
IN_PLACE = FIXTURES / "shapes" / "shade-sort.yaml"


@pytest.mark.django_db
def test_a_design_and_an_in_place_file_keep_their_shape(reference_failures: Any) -> None:
    problems_ingest(source="bank", path=DESIGN)
    problems_ingest(source="bank", path=IN_PLACE)

    stack = Problem.objects.get(slug="stack-with-minimum")
    assert (stack.entry_kind, stack.entry_point, stack.returns_argument) == (
        "design",
        "MinStack",
        None,
    )
    assert stack.signature.startswith("class MinStack:\n    def __init__(self):")
    assert stack.starter_code["python3"] == (
        "class MinStack:\n\n"
        "    def __init__(self):\n        pass\n\n"
        "    def push(self, val: int) -> None:\n        pass\n\n"
        "    def pop(self) -> None:\n        pass\n\n"
        "    def top(self) -> int:\n        pass\n\n"
        "    def getMin(self) -> int:\n        pass\n"
    )
    assert stack.max_size == 100000
    shades = Problem.objects.get(slug="shade-sort")
    assert (shades.entry_kind, shades.returns_argument) == ("method", 0)
    assert shades.starter_code["python3"] == (
        "class Solution:\n"
        "    def sortShades(self, shades: List[int]) -> None:\n"
        '        """\n'
        "        Do not return anything, modify shades in-place instead.\n"
        '        """\n'
    )
    assert reference_failures(stack) == [] and reference_failures(shades) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (("entry_kind: design", "entry_kind: designer"), "entry_kind must be one of"),
        (("entry_point: MinStack", "entry_point: MaxStack"), "the signature's class is 'MinStack'"),
        (
            ("[[MinStack, push, getMin], [[], [4], []]]", "[[MinStack, push, getMin], [[], [4]]]"),
            "one argument list per operation",
        ),
        (("expected: [null, null, 4]", "expected: [null, 4]"), "one result per operation"),
        (
            ("[[MinStack, push, getMin]", "[[MinStack, push, peek]"),
            "operations not in the signature: peek",
        ),
    ],
)
def test_a_design_file_that_breaks_the_contract_is_skipped_with_the_reason(
    tmp_path: Path, change: tuple[str, str], reason: str
) -> None:
    broken = tmp_path / "stack-with-minimum.yaml"
    text = DESIGN.read_text()
    assert change[0] in text
    broken.write_text(text.replace(change[0], change[1], 1))
    summary = problems_ingest(source="bank", path=broken)
    assert summary.created == 0
    assert reason in summary.skipped[0].reason


@pytest.mark.django_db
def test_an_in_place_argument_past_the_signature_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "shade-sort.yaml"
    broken.write_text(
        IN_PLACE.read_text().replace("returns: {argument: 0}", "returns: {argument: 2}")
    )
    summary = problems_ingest(source="bank", path=broken)
    assert "returns.argument 2 but the signature has 1 parameter(s)" in summary.skipped[0].reason
