"""`fetch_problems`: the real `huggingface_hub` and `kaggle` clients against local servers.

`local_servers.FakeHub` answers the Hub's API and resolve endpoints for a
fixture dataset repository (`HF_ENDPOINT` points the client at it);
`local_servers.FakeKaggle` answers the Kaggle API's download call behind an
HTTP proxy (`KAGGLE_API_ENVIRONMENT=LOCALHOST` + `HTTP_PROXY`), with a fixture
archive of the Kaggle dataset's shape. Nothing reaches the internet.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import zipfile
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from mltools import storage
from mltools.data import fetch
from problems.models import Problem

from .conftest import FIXTURES, GcsEmulator
from .local_servers import FakeHub, FakeKaggle, serving

REPO = fetch.LEETCODEDATASET_REPO
V01 = "LeetCodeDataset-v0.1.0-train.jsonl"  # the v0.1 shape (fields under `meta`)
V031 = "LeetCodeDataset-v0.3.1-train.jsonl.gz"  # the v0.3 shape, gzipped as on the Hub


def _hub_files() -> dict[str, bytes]:
    return {
        ".gitattributes": b"*.jsonl.gz filter=lfs diff=lfs merge=lfs -text\n",
        "README.md": b"# LeetCodeDataset (fixture)\n",
        V01: (FIXTURES / "lcd_shape_meta.synthetic.jsonl").read_bytes(),
        V031: gzip.compress((FIXTURES / "lcd_shape_v031.synthetic.jsonl").read_bytes(), mtime=0),
    }


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeHub]:
    fake = FakeHub(repo_id=REPO, files=_hub_files(), commit=fetch.LEETCODEDATASET_REVISION)
    with serving(fake) as url:
        monkeypatch.setenv("HF_ENDPOINT", url)
        monkeypatch.setenv("HF_HUB_DISABLE_XET", "1")
        # Loading a model (embeddings, the interviewer) earlier in the same test process
        # switches the Hub client offline for the process (the client reads HF_HUB_OFFLINE
        # once, at import); `fetch_problems` runs in a process of its own, which is online.
        from huggingface_hub import constants

        monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
        yield fake


def _fetch(*args: str, **options: object) -> str:
    out = StringIO()
    call_command("fetch_problems", *args, no_progress=True, stdout=out, **options)
    return out.getvalue()


def _downloads(hub: FakeHub) -> list[tuple[str, str]]:
    return [
        (path.rsplit("/", 1)[1], ranged)
        for m, path, ranged in hub.requests
        if m == "GET" and "/resolve/" in path
    ]


@pytest.mark.django_db
def test_leetcodedataset_is_downloaded_at_the_pinned_revision_hashed_and_imported(
    hub: FakeHub, tmp_path: Path
) -> None:
    report = _fetch("leetcodedataset", to=str(tmp_path))

    asked = [path for _, path, _ in hub.requests if "/revision/" in path]
    assert asked == [f"/api/datasets/{REPO}/revision/{fetch.LEETCODEDATASET_REVISION}"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [V01, V031, "manifest.yaml"]
    manifest = yaml.safe_load((tmp_path / "manifest.yaml").read_text())
    assert manifest["revision"] == fetch.LEETCODEDATASET_REVISION
    assert manifest["origin"] == f"hf://datasets/{REPO}"
    for entry in manifest["files"]:
        data = (tmp_path / entry["path"]).read_bytes()
        assert data == hub.files[entry["path"]]
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert f"leetcodedataset: 2 files (0.0 MB) from hf://datasets/{REPO} at" in report
    assert "leetcodedataset: 7 created, 0 updated, 0 unchanged, 1 skipped" in report
    assert "only-loop-asserts: no executable test" in report  # skipped, with its reason
    assert Problem.objects.filter(slug="running-maximum").exists()


@pytest.mark.django_db
def test_a_second_run_downloads_nothing_and_changes_nothing(hub: FakeHub, tmp_path: Path) -> None:
    _fetch("leetcodedataset", to=str(tmp_path))
    first = len(_downloads(hub))

    report = _fetch("leetcodedataset", to=str(tmp_path))

    assert (first, len(_downloads(hub))) == (2, 2)
    assert "0 created, 0 updated, 7 unchanged" in report


@pytest.mark.django_db
def test_a_data_file_that_the_download_did_not_bring_is_named(hub: FakeHub, tmp_path: Path) -> None:
    (tmp_path / "LeetCodeDataset-v0.0.1-train.jsonl").write_text("")  # an older revision's

    report = _fetch("leetcodedataset", to=str(tmp_path))

    expected = f"{tmp_path / 'LeetCodeDataset-v0.0.1-train.jsonl'} is not from this download"
    assert expected in report
    assert f"{V01} is not from" not in report


@pytest.mark.django_db
def test_a_download_cut_off_midway_is_retried_and_arrives_whole(
    hub: FakeHub, tmp_path: Path
) -> None:
    hub.cut_after[V01] = 1000

    _fetch("leetcodedataset", to=str(tmp_path), no_ingest=True)

    assert [d for d in _downloads(hub) if d[0] == V01] == [(V01, ""), (V01, "")]
    assert (tmp_path / V01).read_bytes() == hub.files[V01]
    assert not Problem.objects.exists()  # --no-ingest


@pytest.mark.django_db
def test_a_run_that_stops_part_way_fetches_only_what_it_lacks_when_run_again(
    hub: FakeHub, tmp_path: Path
) -> None:
    hub.failing.add(V031)
    with pytest.raises(CommandError, match=f"^cannot download {V031}: Server error '500"):
        _fetch("leetcodedataset", to=str(tmp_path))
    assert (tmp_path / V01).is_file() and not Problem.objects.exists()
    hub.failing.clear()
    hub.requests.clear()

    _fetch("leetcodedataset", to=str(tmp_path))

    assert _downloads(hub) == [(V031, "")]
    assert Problem.objects.count() == 7


@pytest.mark.django_db
def test_a_wrong_revision_is_one_line_and_the_bank_keeps_what_it_had(
    hub: FakeHub, tmp_path: Path
) -> None:
    _fetch("leetcodedataset", to=str(tmp_path / "first"))
    before = Problem.objects.count()

    with pytest.raises(CommandError) as error:
        _fetch("leetcodedataset", to=str(tmp_path / "second"), revision="v9.9.9")

    assert str(error.value) == (
        f"{REPO} has no revision 'v9.9.9' on {hub.url} (404); give a commit, tag or branch "
        "that exists, or leave --revision out for the pinned one"
    )
    assert Problem.objects.count() == before == 7
    assert not (tmp_path / "second").exists()


@pytest.mark.django_db
def test_a_file_that_does_not_match_the_hubs_hash_is_removed_and_nothing_imported(
    hub: FakeHub, tmp_path: Path
) -> None:
    hub.lfs_sha256[V031] = "0" * 64  # what the Hub lists is not what arrives

    with pytest.raises(CommandError) as error:
        _fetch("leetcodedataset", to=str(tmp_path))

    assert str(error.value) == (
        f"{V031} does not match the Hub's sha256 {'0' * 64} (a corrupt download); "
        "removed, run again to download it afresh"
    )
    assert not (tmp_path / V031).exists() and not (tmp_path / "manifest.yaml").exists()
    assert not Problem.objects.exists()


def test_a_dry_run_lists_the_files_and_downloads_nothing(hub: FakeHub, tmp_path: Path) -> None:
    report = _fetch("leetcodedataset", to=str(tmp_path / "raw"), revision="main", dry_run=True)

    assert report.splitlines()[0] == (
        f"DRY RUN, nothing downloaded: would fetch hf://datasets/{REPO} at "
        f"{fetch.LEETCODEDATASET_REVISION} into {tmp_path / 'raw'}: 2 files (0.0 MB)"
    )
    assert f"  {V01} ({len(hub.files[V01])} bytes)" in report
    assert _downloads(hub) == [] and not (tmp_path / "raw").exists()


@pytest.mark.django_db
def test_the_raw_files_and_manifest_go_to_the_bucket(
    hub: FakeHub, gcs_emulator: GcsEmulator, settings: object, tmp_path: Path
) -> None:
    settings.MOCKMATE_DATA_DIR = tmp_path / "var"  # type: ignore[attr-defined]  # staging

    report = _fetch("leetcodedataset", to=gcs_emulator.url("raw/lcd"))

    assert f"uploaded 3 files to {gcs_emulator.url('raw/lcd')}/" in report
    assert storage.read_bytes(gcs_emulator.url(f"raw/lcd/{V031}")) == hub.files[V031]
    assert b"sha256" in storage.read_bytes(gcs_emulator.url("raw/lcd/manifest.yaml"))
    assert (tmp_path / "var/data/raw/leetcodedataset" / V01).is_file()
    assert Problem.objects.count() == 7


# --- Kaggle --------------------------------------------------------------------------

USER, KEY = "candidate", "0123456789abcdef"


def _archive(name: str = "leetcode-solutions.jsonl") -> bytes:
    """A Kaggle download of the dataset's shape: a zip holding the JSONL dump."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, (FIXTURES / "kaggle_shape.synthetic.jsonl").read_bytes())
    return buffer.getvalue()


@pytest.fixture
def kaggle(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeKaggle]:
    fake = FakeKaggle(dataset=fetch.KAGGLE_DATASET, archive=_archive(), username=USER, key=KEY)
    with serving(fake) as url:
        for name in ("NO_PROXY", "no_proxy", "KAGGLE_API_TOKEN"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("HTTP_PROXY", url)
        monkeypatch.setenv("http_proxy", url)
        monkeypatch.setenv("KAGGLE_API_ENVIRONMENT", "LOCALHOST")
        monkeypatch.setenv("KAGGLE_CONFIG_DIR", str(tmp_path / "kaggle-config"))
        monkeypatch.setenv("HOME", str(tmp_path / "home"))
        monkeypatch.setenv("KAGGLE_USERNAME", USER)
        monkeypatch.setenv("KAGGLE_KEY", KEY)
        # The package reads KAGGLE_API_ENVIRONMENT and KAGGLE_CONFIG_DIR once, into class
        # attributes, when first imported; apply this test's values as that import would.
        from kaggle.api.kaggle_api_extended import KaggleApi

        config_dir = tmp_path / "kaggle-config"
        config_dir.mkdir(exist_ok=True)
        monkeypatch.setattr(KaggleApi, "args", ["--local"])
        monkeypatch.setattr(KaggleApi, "config_dir", str(config_dir))
        monkeypatch.setattr(KaggleApi, "config", str(config_dir / "kaggle.json"))
        yield fake


@pytest.mark.django_db
def test_kaggle_is_downloaded_with_the_users_token_extracted_hashed_and_imported(
    kaggle: FakeKaggle, tmp_path: Path
) -> None:
    report = _fetch("kaggle-leetcode", to=str(tmp_path / "raw"))

    post = kaggle.requests[0]
    assert post == ("POST", "/api/v1/datasets.DatasetApiService/DownloadDataset", USER)
    manifest = yaml.safe_load((tmp_path / "raw" / "manifest.yaml").read_text())
    assert [f["path"] for f in manifest["files"]] == [
        "leetcode-solutions.zip",
        "leetcode-solutions.jsonl",
    ]
    assert manifest["files"][0]["sha256"] == hashlib.sha256(kaggle.archive).hexdigest()
    assert "kaggle-leetcode: 2 created, 0 updated, 0 unchanged, 0 skipped" in report
    assert Problem.objects.get(slug="count-vowel-words").source == "kaggle-leetcode"


@pytest.mark.django_db
def test_kaggle_without_a_token_is_one_line_and_asks_nothing_of_kaggle(
    kaggle: FakeKaggle, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _fetch("kaggle-leetcode", to=str(tmp_path / "raw"))
    monkeypatch.delenv("KAGGLE_USERNAME")
    monkeypatch.delenv("KAGGLE_KEY")
    asked = len(kaggle.requests)

    with pytest.raises(CommandError) as error:
        _fetch("kaggle-leetcode", to=str(tmp_path / "again"))

    assert str(error.value) == f"no Kaggle token: {fetch.KAGGLE_TOKEN_HELP}"
    assert len(kaggle.requests) == asked
    assert Problem.objects.count() == 2


def test_a_kaggle_json_file_is_a_token(
    kaggle: FakeKaggle, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("KAGGLE_USERNAME")
    monkeypatch.delenv("KAGGLE_KEY")
    (tmp_path / "kaggle-config" / "kaggle.json").write_text(
        f'{{"username": "{USER}", "key": "{KEY}"}}'
    )

    _fetch("kaggle-leetcode", to=str(tmp_path / "raw"), no_ingest=True)

    assert kaggle.requests[0][2] == USER
    assert (tmp_path / "raw" / "leetcode-solutions.jsonl").is_file()


def test_a_kaggle_dry_run_checks_the_token_and_asks_nothing_of_kaggle(
    kaggle: FakeKaggle, tmp_path: Path
) -> None:
    report = _fetch("kaggle-leetcode", to=str(tmp_path / "raw"), dry_run=True)

    assert report == (
        f"DRY RUN, nothing downloaded: would fetch kaggle://{fetch.KAGGLE_DATASET} "
        f"into {tmp_path / 'raw'}\n"
    )
    assert kaggle.requests == [] and not (tmp_path / "raw").exists()


def test_kaggle_refusing_the_token_is_one_line(
    kaggle: FakeKaggle, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("KAGGLE_KEY", "wrong")

    with pytest.raises(CommandError) as error:
        _fetch("kaggle-leetcode", to=str(tmp_path / "raw"))

    assert str(error.value) == (
        "Kaggle refused the token (401): check KAGGLE_USERNAME/KAGGLE_KEY or kaggle.json"
    )


@pytest.mark.django_db
def test_a_corrupt_kaggle_archive_is_removed_and_nothing_imported(
    kaggle: FakeKaggle, tmp_path: Path
) -> None:
    kaggle.archive = _archive()[:200]  # cut short: the central directory is gone

    with pytest.raises(CommandError) as error:
        _fetch("kaggle-leetcode", to=str(tmp_path / "raw"))

    assert str(error.value).startswith("leetcode-solutions.zip is not a readable zip archive (")
    assert str(error.value).endswith("); removed, run again to download it afresh")
    assert not (tmp_path / "raw" / "leetcode-solutions.zip").exists()
    assert not Problem.objects.exists()
