"""`build_doocs_index` writes the index `--enrich-from` reads; `--enrich-from` takes a checkout."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from mltools.data import doocs
from problems.models import Hint, Problem

from .conftest import FIXTURES, GcsEmulator

CHECKOUT = FIXTURES / "doocs_checkout"
LCD = FIXTURES / "lcd_shape_meta.synthetic.jsonl"


def _run(name: str, *args: str, **options: object) -> str:
    out = StringIO()
    call_command(name, *args, no_progress=True, stdout=out, **options)
    return out.getvalue()


def test_the_command_writes_the_index_and_reports_languages(tmp_path: Path) -> None:
    out = tmp_path / "doocs.jsonl.gz"

    report = _run("build_doocs_index", str(CHECKOUT), out=str(out))

    assert "2 problems indexed into" in report and "0 skipped" in report
    assert "code per language: Python3 2, C++ 1, Go 1, Java 1" in report
    assert set(doocs.load_index(out).entries) == {
        "drop-every-second-node",
        "pairs-adding-to-target",
    }


def test_a_dry_run_writes_nothing(tmp_path: Path) -> None:
    report = _run("build_doocs_index", str(CHECKOUT), out=str(tmp_path / "x.jsonl"), dry_run=True)

    assert report.startswith("DRY RUN, nothing written: 2 problems")
    assert not (tmp_path / "x.jsonl").exists()


def test_the_index_can_go_to_a_bucket(gcs_emulator: GcsEmulator) -> None:
    _run("build_doocs_index", str(CHECKOUT), out=gcs_emulator.url("doocs/index.jsonl.gz"))

    index = doocs.load_index(gcs_emulator.url("doocs/index.jsonl.gz"))
    assert "pairs-adding-to-target" in index.entries


def test_another_repository_is_one_line_and_keeps_the_old_index(tmp_path: Path) -> None:
    out = tmp_path / "doocs.jsonl"
    out.write_text("kept\n")
    (tmp_path / "other" / "solution").mkdir(parents=True)

    with pytest.raises(CommandError, match=r"is not a doocs/leetcode checkout: no solution/"):
        _run("build_doocs_index", str(tmp_path / "other"), out=str(out))

    assert out.read_text() == "kept\n"


@pytest.mark.django_db
def test_enrich_from_a_checkout_folder_fills_titles_and_hints() -> None:
    report = _run(
        "ingest_problems", source="leetcodedataset", path=str(LCD), enrich_from=str(CHECKOUT)
    )

    assert "2 problems enriched from the doocs index" in report
    drop = Problem.objects.get(slug="drop-every-second-node")
    assert drop.hints.first() is not None
    assert drop.hints.order_by("rung").first().text == (  # type: ignore[union-attr]
        "Think about an approach based on: Two Pointers."
    )
    assert Problem.objects.get(slug="pairs-adding-to-target").title == "Pairs Adding to Target"


@pytest.mark.django_db
def test_enrich_from_a_folder_that_is_no_checkout_loses_nothing_imported(tmp_path: Path) -> None:
    _run("ingest_problems", source="leetcodedataset", path=str(LCD), enrich_from=str(CHECKOUT))
    before = (Problem.objects.count(), Hint.objects.count())

    with pytest.raises(CommandError) as error:
        _run("ingest_problems", source="leetcodedataset", path=str(LCD), enrich_from=str(tmp_path))

    assert str(error.value) == (
        f"{tmp_path} is neither a doocs/leetcode index file nor a checkout (no solution/ in it)"
    )
    assert (Problem.objects.count(), Hint.objects.count()) == before
