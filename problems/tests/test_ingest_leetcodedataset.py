"""Importing LeetCodeDataset: asserts become runnable tests, and the shared files import whole."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import Count

from problems.models import Problem, TestCase
from problems.services import problems_ingest

from .conftest import FIXTURES

META = FIXTURES / "lcd_shape_meta.synthetic.jsonl"  # v0.1/v0.2 shape, invented problems
FLAT = FIXTURES / "lcd_shape_v031.synthetic.jsonl"  # v0.3 shape, from shared/data/fixtures


def _tests(slug: str) -> list[Any]:
    return list(
        TestCase.objects.filter(problem__slug=slug)
        .order_by("order")
        .values("args", "kwargs", "expected", "is_sample", "checker")
    )


@pytest.mark.django_db
def test_both_dataset_shapes_import_with_runnable_tests(reference_failures: Any) -> None:
    meta = problems_ingest(source="leetcodedataset", path=META)
    flat = problems_ingest(source="leetcodedataset", path=FLAT)

    assert (meta.created, flat.created) == (5, 2)
    for problem in Problem.objects.filter(source="leetcodedataset"):
        assert problem.tests.exists(), problem.slug
        assert reference_failures(problem) == [], problem.slug
    running = Problem.objects.get(slug="running-maximum")
    assert (running.entry_kind, running.entry_point) == ("method", "runningMax")
    assert running.starter_code["python3"].startswith("class Solution:\n    def runningMax(self")
    assert sorted(t.slug for t in Problem.objects.get(slug="count-vowel-words").tags.all()) == [
        "array",
        "string",
    ]


@pytest.mark.django_db
def test_linked_list_and_tree_asserts_become_plain_lists() -> None:
    problems_ingest(source="leetcodedataset", path=META)

    drop = _tests("drop-every-second-node")
    assert drop[0]["kwargs"] == {"head": [1, 2, 3, 4, 5]} and drop[0]["expected"] == [1, 3, 5]
    assert drop[1]["kwargs"] == {"head": []} and drop[1]["expected"] is None  # list_node([])
    assert len(drop) == 4  # the input_output pair the asserts lack is added, duplicates are not
    swap = _tests("swap-children")
    # the expected tree is written as the judge writes a returned tree: trailing Nones trimmed
    assert [t["expected"] for t in swap] == [[2, 3, 1], [1, None, 2, None, 3], [5, 6]]


@pytest.mark.django_db
def test_checkers_samples_and_cleaned_text() -> None:
    problems_ingest(source="leetcodedataset", path=META)

    pairs = _tests("pairs-adding-to-target")
    # "every pair [a, b] ... with a < b ... in any order": the pairs in any order, each
    # pair as written (sorting inside it would accept [b, a])
    assert [t["checker"] for t in pairs] == ["any_order", "any_order", "any_order"]
    assert [t["is_sample"] for t in pairs] == [True, True, False]  # the two described examples
    assert {t["checker"] for t in _tests("reciprocal-or-infinity")} == {"float"}
    power = Problem.objects.get(slug="power-tower-mod")
    assert power.difficulty == "hard"
    assert power.constraints == "- 1 <= a, b <= 10^18\n- 2 <= m <= 10^9 + 7"
    assert "[-2^31, 2^31 - 1]" in power.statement
    assert power.follow_up == "Can you beat O(b) and reach O(log b), not O(n^2)?"
    assert power.examples == [
        {"input": "a = 2, b = 10, m = 1000", "output": "24", "explanation": ""}
    ]
    assert _tests("power-tower-mod")[1]["args"] == [3, 200, 13]  # positional call kept positional
    assert Problem.objects.get(slug="swap-children").difficulty == "medium"  # "Meidum" in the data


@pytest.mark.django_db
def test_the_preamble_keeps_three_argument_pow() -> None:
    problems_ingest(source="leetcodedataset", path=META)
    preamble = Problem.objects.get(slug="power-tower-mod").preamble
    assert "from math import *" in preamble

    namespace: dict[str, Any] = {}
    exec(preamble + "\nresult = pow(3, 200, 13)\n", namespace)
    assert namespace["result"] == 9


@pytest.mark.django_db
def test_unconvertible_tests_are_reported_and_problems_without_any_are_skipped() -> None:
    summary = problems_ingest(source="leetcodedataset", path=META)

    assert [(s.line, s.reason.split(":")[0]) for s in summary.skipped] == [(6, "only-loop-asserts")]
    assert "inside a loop" in summary.skipped[0].reason
    assert not Problem.objects.filter(source_id="only-loop-asserts").exists()
    # x = 0 expects infinity, which JSON cannot hold: that one test is dropped and reported
    assert [t["kwargs"] for t in _tests("reciprocal-or-infinity")] == [{"x": 4}, {"x": -2}]
    assert any("reciprocal-or-infinity" in n and "inf" in n for n in summary.notes)


@pytest.mark.shared_data
@pytest.mark.django_db
def test_shared_leetcodedataset_imports_2091_runnable_problems_and_reimports_unchanged(
    shared_data: Path,
) -> None:
    folder = shared_data / "leetcodedataset"
    out = StringIO()
    call_command(
        "ingest_problems", source="leetcodedataset", path=str(folder), no_progress=True, stdout=out
    )

    problems = Problem.objects.filter(source="leetcodedataset")
    assert problems.count() == 2091
    assert not problems.annotate(n=Count("tests")).filter(n=0).exists()
    assert "2091 created, 0 updated, 0 unchanged, 0 skipped" in out.getvalue()
    two_sum = problems.get(source_id="two-sum")
    assert {t.checker for t in two_sum.tests.all()} == {"any_order"}  # "in any order"
    assert problems.filter(preamble__contains="from builtins import pow").count() == 2091
    rows = (TestCase.objects.count(), problems.count())

    again = problems_ingest(source="leetcodedataset", path=folder)
    assert (again.created, again.updated, again.unchanged, len(again.skipped)) == (0, 0, 2091, 0)
    assert (TestCase.objects.count(), problems.count()) == rows


@pytest.mark.shared_data
@pytest.mark.django_db
def test_shared_doocs_index_gives_most_imported_problems_a_hint_ladder(shared_data: Path) -> None:
    summary = problems_ingest(
        source="leetcodedataset",
        path=shared_data / "leetcodedataset",
        enrich_from=shared_data / "doocs" / "doocs_leetcode_en.jsonl.gz",
    )

    problems = Problem.objects.filter(source="leetcodedataset")
    with_hints = problems.annotate(n=Count("hints")).filter(n__gte=2).count()
    print(f"enriched {summary.enriched} of 2091; {with_hints} with a hint ladder")
    assert summary.enriched > 2000
    assert with_hints > 0.75 * 2091  # some doocs entries have code but no explanation
    assert problems.get(source_id="3sum").title == "3Sum"
    assert problems.exclude(editorial="").count() >= with_hints


@pytest.mark.shared_data
def test_shared_leetcodedataset_references_pass_their_converted_tests(shared_data: Path) -> None:
    """Every 10th problem's verified reference passes the tests ingestion made for it.

    Runs the dataset's own reference code in this process (trusted, as in test_bank);
    candidates' code only ever runs in the judge.
    """
    from mltools.callshape import CallShape
    from mltools.data import leetcodedataset
    from mltools.data.io import Located
    from problems.judge.checkers import check
    from problems.judge.codec import call_in_process

    located = [
        item
        for item in leetcodedataset.parse_located(shared_data / "leetcodedataset")
        if isinstance(item, Located)
    ]
    records = sorted((i.record for i in located), key=lambda r: r.source_id)[::10]
    failures = []
    for record in records:
        namespace: dict[str, Any] = {"__name__": "solution"}
        exec(record.preamble + "\n" + record.solutions[0].code, namespace)
        for index, test in enumerate(record.tests):
            shape = CallShape(
                entry_kind=record.entry_kind,
                entry_point=record.entry_point,
                signature=record.signature,
                returns_argument=record.returns_argument,
            )
            actual = call_in_process(namespace, shape.job(), list(test.args), dict(test.kwargs))
            expected = test.expected
            if expected is None and shape.returns_node in ("ListNode", "TreeNode"):
                expected = []
            if not check(test.checker, actual, expected, tolerance=record.tolerance):
                failures.append(f"{record.source_id} test {index}: {actual!r} != {test.expected!r}")
    assert len(records) > 200
    assert failures == []
