"""gs:// input and output against a real GCS emulator (gcp-storage-emulator), no mocked client."""

from __future__ import annotations

import gzip
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from mltools import storage
from problems.models import Problem, TestCase
from problems.services import problems_ingest

from .conftest import FIXTURES, GcsEmulator

LCD = FIXTURES / "lcd_shape_meta.synthetic.jsonl"


def _upload(url: str, data: bytes) -> None:
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import storage as gcs

    bucket, name = url.removeprefix("gs://").split("/", 1)
    client = gcs.Client(project="mockmate-test", credentials=AnonymousCredentials())
    client.bucket(bucket).blob(name).upload_from_string(data)


def test_local_and_gs_round_trips_with_gzip_detected_by_content(
    gcs_emulator: GcsEmulator, tmp_path: Path
) -> None:
    payload = gzip.compress(b'{"a": 1}\n')
    for location in (str(tmp_path / "sub" / "x.bin"), gcs_emulator.url("sub/x.bin")):
        storage.write_bytes(location, payload)
        assert storage.read_bytes(location) == payload
        assert storage.read_text(location) == '{"a": 1}\n'  # gzip whatever the name says


def test_storage_errors_are_one_line(gcs_emulator: GcsEmulator) -> None:
    with pytest.raises(storage.StorageError, match="not found"):
        storage.read_bytes(gcs_emulator.url("missing.jsonl"))
    with pytest.raises(storage.StorageError, match="not found"):
        storage.read_bytes("gs://no-such-bucket/x.jsonl")
    with pytest.raises(storage.StorageError, match="bad GCS URL"):
        storage.parse_gs_url("gs:///x")


@pytest.mark.django_db
def test_ingest_from_gs_then_export_to_gs_and_read_it_back(gcs_emulator: GcsEmulator) -> None:
    source_url = gcs_emulator.url("raw/leetcodedataset.jsonl.gz")
    _upload(source_url, gzip.compress(LCD.read_bytes()))

    out = StringIO()
    call_command(
        "ingest_problems", source="leetcodedataset", path=source_url, no_progress=True, stdout=out
    )
    assert "5 created" in out.getvalue()
    rows = (Problem.objects.count(), TestCase.objects.count())

    export_url = gcs_emulator.url("clean/problems.jsonl.gz")
    call_command("export_problems", out=export_url, stdout=StringIO())
    exported = [json.loads(line) for line in storage.read_text(export_url).splitlines()]
    assert sorted(r["source_id"] for r in exported) == sorted(
        Problem.objects.values_list("source_id", flat=True)
    )
    assert storage.read_bytes(export_url)[:2] == b"\x1f\x8b"

    again = problems_ingest(source="export", path=export_url)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    assert (Problem.objects.count(), TestCase.objects.count()) == rows


@pytest.mark.django_db
def test_a_gs_prefix_reads_every_file_under_it_in_name_order(gcs_emulator: GcsEmulator) -> None:
    lines = LCD.read_text().splitlines()
    first = json.loads(lines[0])
    _upload(gcs_emulator.url("lcd/v1.jsonl"), "\n".join(lines[:2]).encode())
    first["meta"]["difficulty"] = "Hard"  # a later file updates an earlier one
    _upload(gcs_emulator.url("lcd/v2.jsonl.gz"), gzip.compress(json.dumps(first).encode()))
    _upload(gcs_emulator.url("lcd/notes.txt"), b"not data")

    summary = problems_ingest(source="leetcodedataset", path=gcs_emulator.url("lcd/"))

    assert (summary.created, summary.superseded) == (2, 1)
    assert Problem.objects.get(slug="drop-every-second-node").difficulty == "hard"


@pytest.mark.django_db
def test_a_missing_object_is_a_one_line_command_error(gcs_emulator: GcsEmulator) -> None:
    with pytest.raises(CommandError) as error:
        call_command(
            "ingest_problems",
            source="leetcodedataset",
            path=gcs_emulator.url("nothing-here.jsonl"),
            no_progress=True,
            stdout=StringIO(),
        )
    assert str(error.value) == (
        f"cannot read {gcs_emulator.url('nothing-here.jsonl')}: not found (no such bucket or object)"
    )
    assert Problem.objects.count() == 0


@pytest.mark.django_db
def test_enrichment_index_is_read_from_gs(gcs_emulator: GcsEmulator) -> None:
    index_url = gcs_emulator.url("raw/doocs.jsonl")
    _upload(index_url, (FIXTURES / "doocs_shape.synthetic.jsonl").read_bytes())

    summary = problems_ingest(source="leetcodedataset", path=LCD, enrich_from=index_url)

    assert summary.enriched == 2
    assert Problem.objects.get(slug="drop-every-second-node").hints.count() == 3
