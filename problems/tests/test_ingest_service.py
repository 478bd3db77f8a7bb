"""Ingestion behaviour every source shares: idempotence, bad lines, dry runs, errors, export."""

from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from mltools.data import leetcodedataset
from mltools.data.io import record_from_dict
from problems.models import Hint, Problem, ReferenceSolution, Tag, TestCase
from problems.services import problem_upsert, problems_ingest

from .conftest import FIXTURES

LCD = FIXTURES / "lcd_shape_meta.synthetic.jsonl"


def _counts() -> tuple[int, ...]:
    return tuple(
        m.objects.count()
        for m in (Problem, TestCase, ReferenceSolution, Hint, Tag, Problem.tags.through)
    )


def _ingest(**options: object) -> str:
    out = StringIO()
    call_command("ingest_problems", no_progress=True, stdout=out, **options)
    return out.getvalue()


@pytest.mark.django_db
def test_reimport_changes_nothing() -> None:
    first = _ingest(source="leetcodedataset", path=str(LCD))
    _ingest(source="bank", path=str(FIXTURES / "bank"))
    rows = _counts()
    stamps = dict(Problem.objects.values_list("slug", "updated"))

    second = _ingest(source="leetcodedataset", path=str(LCD))
    again = problems_ingest(source="bank", path=FIXTURES / "bank")

    assert "5 created, 0 updated, 0 unchanged, 1 skipped" in first
    assert "0 created, 0 updated, 5 unchanged, 1 skipped" in second
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert _counts() == rows
    assert dict(Problem.objects.values_list("slug", "updated")) == stamps


@pytest.mark.django_db
def test_a_changed_row_updates_in_place_keeping_test_ids(tmp_path: Path) -> None:
    problems_ingest(source="leetcodedataset", path=LCD)
    problem = Problem.objects.get(slug="drop-every-second-node")
    test_ids = list(problem.tests.values_list("pk", flat=True))
    rows = [json.loads(line) for line in LCD.read_text().splitlines()]
    rows[0]["test"] = rows[0]["test"].replace(
        "list_node([7, 8])), list_node([7]))", "list_node([7, 8, 9])), list_node([7, 9]))"
    )
    changed = tmp_path / "changed.jsonl"
    changed.write_text("".join(json.dumps(r) + "\n" for r in rows))

    summary = problems_ingest(source="leetcodedataset", path=changed)

    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 4)
    problem.refresh_from_db()
    assert list(problem.tests.values_list("pk", flat=True))[:3] == test_ids[:3]
    assert problem.tests.get(order=2).kwargs == {"head": [7, 8, 9]}
    assert Problem.objects.count() == 5


@pytest.mark.django_db
def test_a_corrupted_line_is_reported_and_everything_else_imports(tmp_path: Path) -> None:
    problems_ingest(source="leetcodedataset", path=FIXTURES / "lcd_shape_v031.synthetic.jsonl")
    lines = LCD.read_text().splitlines()
    lines.insert(2, '{"task_id": "half-a-line", "prompt": "from typ')  # truncated JSON
    lines.insert(4, '{"task_id": "no-entry", "test": ""}')
    lines.insert(5, "[1, 2, 3]")
    corrupted = tmp_path / "corrupted.jsonl"
    corrupted.write_text("\n".join(lines) + "\n")

    output = _ingest(source="leetcodedataset", path=str(corrupted))

    assert Problem.objects.filter(source="leetcodedataset").count() == 7  # 5 new + 2 kept
    assert "5 created, 0 updated, 0 unchanged, 4 skipped" in output
    assert "line 3: malformed JSON" in output
    assert "line 5: no-entry: unsupported entry point ''" in output
    assert "line 6: expected a JSON object, got list" in output
    assert "line 9: only-loop-asserts: no executable test" in output


@pytest.mark.django_db
def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    output = _ingest(source="leetcodedataset", path=str(LCD), dry_run=True)
    assert "DRY RUN" in output and "5 created" in output
    assert _counts() == (0, 0, 0, 0, 0, 0)

    problems_ingest(source="leetcodedataset", path=LCD, limit=2)
    rows = _counts()
    summary = problems_ingest(source="leetcodedataset", path=LCD, dry_run=True)
    assert (summary.created, summary.unchanged) == (3, 2)
    assert _counts() == rows


@pytest.mark.django_db
def test_limit_imports_the_first_problems() -> None:
    summary = problems_ingest(source="leetcodedataset", path=LCD, limit=2)
    assert summary.created == 2
    assert set(Problem.objects.values_list("slug", flat=True)) == {
        "drop-every-second-node",
        "swap-children",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"source": "leetcodedataset", "path": "/no/such/file.jsonl"},
            "no such file or folder: /no/such/file.jsonl",
        ),
        (
            {"source": "stackoverflow", "path": str(LCD)},
            "unknown source 'stackoverflow'; choose one of: bank,",
        ),
        (
            {"source": "leetcodedataset", "path": "gs://Bad_Bucket/x.jsonl"},
            "bad GCS URL 'gs://Bad_Bucket/x.jsonl'",
        ),
        (
            {"source": "leetcodedataset", "path": "gs://bucket-only"},
            "no object name after the bucket",
        ),
        ({"source": "kaggle-leetcode"}, "a path is required for source 'kaggle-leetcode'"),
    ],
)
def test_unusable_input_is_a_one_line_command_error(options: dict[str, str], message: str) -> None:
    with pytest.raises(CommandError) as error:
        _ingest(**options)
    assert message in str(error.value)
    assert "\n" not in str(error.value)
    assert Problem.objects.count() == 0


def test_the_command_line_exits_non_zero_without_a_traceback() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "ingest_problems",
            "--source",
            "leetcodedataset",
            "--path",
            "/no/such.jsonl",
        ],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert result.stderr.strip() == "CommandError: no such file or folder: /no/such.jsonl"


@pytest.mark.django_db
def test_export_then_reimport_is_unchanged(tmp_path: Path) -> None:
    problems_ingest(source="leetcodedataset", path=LCD)
    problems_ingest(source="bank", path=FIXTURES / "bank")
    rows = _counts()
    out = tmp_path / "bank.jsonl.gz"

    call_command("export_problems", out=str(out), stdout=StringIO())
    again = _ingest(source="export", path=str(out))

    assert "0 created, 0 updated, 6 unchanged, 0 skipped" in again
    assert _counts() == rows
    call_command(
        "export_problems",
        out=str(tmp_path / "lcd.jsonl"),
        source="leetcodedataset",
        stdout=StringIO(),
    )
    records = [
        record_from_dict(json.loads(line))
        for line in (tmp_path / "lcd.jsonl").read_text().splitlines()
    ]
    assert sorted(r.source_id for r in records) == sorted(
        Problem.objects.filter(source="leetcodedataset").values_list("source_id", flat=True)
    )
    assert all(r.tests for r in records)


@pytest.mark.django_db
def test_export_refuses_an_unknown_source(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="unknown source 'nope'"):
        call_command(
            "export_problems", out=str(tmp_path / "x.jsonl"), source="nope", stdout=StringIO()
        )


@pytest.mark.django_db
def test_problem_upsert_reports_what_it_did(tmp_path: Path) -> None:
    problems_ingest(source="leetcodedataset", path=LCD, limit=1)
    out = tmp_path / "one.jsonl"
    call_command("export_problems", out=str(out), stdout=StringIO())
    record = record_from_dict(json.loads(out.read_text()))

    assert problem_upsert(record=record) == "unchanged"
    changed = record_from_dict({**json.loads(out.read_text()), "title": "Drop Alternate Nodes"})
    assert problem_upsert(record=changed) == "updated"
    assert Problem.objects.get().title == "Drop Alternate Nodes"
    fresh = record_from_dict(
        {**json.loads(out.read_text()), "source_id": "another", "slug": "another"}
    )
    assert problem_upsert(record=fresh) == "created"


DOOCS = FIXTURES / "doocs_shape.synthetic.jsonl"


@pytest.mark.django_db
def test_enrich_from_doocs_gives_titles_editorials_and_hint_ladders() -> None:
    out = _ingest(source="leetcodedataset", path=str(LCD), enrich_from=str(DOOCS))

    dropping = Problem.objects.get(slug="drop-every-second-node")
    hints = list(dropping.hints.order_by("rung").values_list("text", flat=True))
    assert hints[0] == "Think about an approach based on: Two Pointers."
    assert (
        hints[1]
        == "We walk the list with a pointer `cur` and unlink `cur.next` while `cur ≠ null`."
    )
    assert len(hints) == 3 and "complexity" not in hints[2]
    assert dropping.editorial.startswith("### Approach 1: Two Pointers")
    assert "doocs/leetcode" in dropping.attribution
    pairs = Problem.objects.get(slug="pairs-adding-to-target")
    assert pairs.title == "Pairs Adding to Target"
    assert "### Approach 2: Sort + Two Pointers" in pairs.editorial
    untouched = Problem.objects.get(slug="power-tower-mod")  # doocs has no explanation for it
    assert (untouched.editorial, untouched.hints.count()) == ("", 0)
    assert "2 problems enriched from the doocs index" in out
    assert "enrichment index line 3: malformed JSON" in out
    assert "line 5: doocs index: no slug" in out

    again = problems_ingest(source="leetcodedataset", path=LCD, enrich_from=DOOCS)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)


@pytest.mark.django_db
def test_enriching_an_earlier_import_updates_it_in_place() -> None:
    problems_ingest(source="leetcodedataset", path=LCD)
    assert not Hint.objects.exists()

    summary = problems_ingest(source="leetcodedataset", path=LCD, enrich_from=DOOCS)

    assert (summary.created, summary.updated, summary.unchanged) == (0, 2, 3)
    # a one-sentence explanation makes two rungs: the technique, then that sentence
    assert Hint.objects.filter(problem__slug="pairs-adding-to-target").count() == 2


@pytest.mark.django_db
def test_a_missing_enrichment_index_is_a_one_line_error_that_writes_nothing(
    tmp_path: Path,
) -> None:
    with pytest.raises(CommandError, match="no such file or folder: .*nope.jsonl"):
        _ingest(source="leetcodedataset", path=str(LCD), enrich_from=str(tmp_path / "nope.jsonl"))
    assert not Problem.objects.exists()


@pytest.mark.django_db
def test_a_file_that_is_not_a_doocs_index_is_refused_before_anything_is_written() -> None:
    with pytest.raises(CommandError, match="is not a doocs/leetcode index: no line has a slug"):
        _ingest(
            source="leetcodedataset",
            path=str(LCD),
            enrich_from=str(FIXTURES / "humaneval.synthetic.jsonl"),
        )
    assert not Problem.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_import_applies_the_migrations_a_database_lacks() -> None:
    """A fresh checkout's database lacks migrations: the import applies them and stores the
    problems, instead of reporting each one refused by the database."""
    from io import StringIO

    from django.core.management import call_command

    call_command("migrate", "problems", "0008", verbosity=0)
    err, out = StringIO(), StringIO()
    call_command("ingest_problems", source="bank", no_progress=True, stdout=out, stderr=err)
    assert "migration(s): applying them first" in err.getvalue()
    assert "66 created" in out.getvalue() and "skipped" in out.getvalue()
    assert Problem.objects.count() == 66


@pytest.mark.django_db
def test_leetcodedataset_is_read_from_its_default_folder_or_says_how_to_get_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without --path: what fetch_problems downloaded, else the development data beside the
    # checkout; with neither, a one-line error that names the download command.
    empty, data = tmp_path / "raw", tmp_path / "shared"
    data.mkdir()
    (data / LCD.name).write_bytes(LCD.read_bytes())
    monkeypatch.setattr(leetcodedataset, "DEFAULT_FOLDERS", (empty, data))
    out = _ingest(source="leetcodedataset")
    assert f"reading {data}" in out and Problem.objects.count() > 0
    monkeypatch.setattr(leetcodedataset, "DEFAULT_FOLDERS", (empty,))
    with pytest.raises(CommandError) as error:
        _ingest(source="leetcodedataset")
    assert "a path is required for source 'leetcodedataset'" in str(error.value)
    assert "`manage.py fetch_problems leetcodedataset` downloads it" in str(error.value)
