"""Download the public problem sets, record their hashes, and copy them to a bucket.

The student project's pipeline began with a download (Kaggle) and an upload of
the raw files; this module is those two steps for the sources that have a
public home:

- LeetCodeDataset (`newfacade/LeetCodeDataset`) through `huggingface_hub`, at a
  pinned revision by default: a commit, so every deployment imports the same
  rows. `HF_ENDPOINT` (the Hub's own variable) points it at a mirror. The
  download resumes by file: a run that stops part-way fetches, when run again,
  only the files it lacks (`hf_hub_download` with `local_dir` keeps what
  arrived), and a connection dropped mid-file is retried by the client. Each
  file is checked against the sha256 (or git blob id) the Hub lists for it.
- Kaggle's `erichartford/leetcode-solutions` through the `kaggle` package with the
  user's own token (`KAGGLE_USERNAME`/`KAGGLE_KEY`, `KAGGLE_API_TOKEN`, or
  `kaggle.json`); the archive's JSON files are extracted beside it.

Each download writes `manifest.yaml` beside the files: where they came from,
the resolved revision, and every file's size and sha256. Nothing here deletes
what an earlier run fetched, and a failure is a `FetchError` with one line.
Both clients are imported inside the functions: they are heavy and only these
commands need them.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import logging
import os
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from mltools import storage

LEETCODEDATASET_REPO = "newfacade/LeetCodeDataset"
# A commit of the dataset repository (its v0.3.1 files), so that a fresh deployment
# imports exactly the rows this project was tested with; --revision main for the newest.
LEETCODEDATASET_REVISION = "215604aeed660029df7de2fea5a4d7b6ed476a08"
KAGGLE_DATASET = "erichartford/leetcode-solutions"
DATA_SUFFIXES = (".jsonl", ".jsonl.gz", ".json", ".json.gz")
MANIFEST = "manifest.yaml"
KAGGLE_TOKEN_HELP = (
    "set KAGGLE_USERNAME and KAGGLE_KEY, or save your token as ~/.kaggle/kaggle.json "
    "(kaggle.com > Settings > API > Create New Token)"
)


class FetchError(Exception):
    """A download that cannot be done or did not arrive intact; the message is one line."""


@dataclass(frozen=True)
class FetchedFile:
    path: str  # relative to the download folder, '/'-separated
    size: int
    sha256: str


@dataclass(frozen=True)
class FetchResult:
    source: str  # the ingest source the files are for
    origin: str  # e.g. hf://datasets/newfacade/LeetCodeDataset
    revision: str  # the commit the Hub resolved, or the Kaggle version asked for ('' = latest)
    folder: Path  # where the files are
    data_path: Path  # what `ingest_problems --path` reads: the folder holding the data files
    files: tuple[FetchedFile, ...]
    dry_run: bool = False
    uploaded: tuple[str, ...] = ()  # gs:// URLs written by `upload`

    @property
    def manifest(self) -> Path:
        return self.folder / MANIFEST

    def untracked_data_files(self) -> tuple[str, ...]:
        """Data files in `data_path` that this download did not bring (an earlier revision's,
        or the user's): `ingest_problems` reads the whole folder, so they are imported too."""
        if not self.data_path.is_dir():
            return ()
        ours = {(self.folder / f.path).resolve() for f in self.files}
        return tuple(
            sorted(
                p.name
                for p in self.data_path.iterdir()
                if p.is_file() and p.name.endswith(DATA_SUFFIXES) and p.resolve() not in ours
            )
        )


def leetcodedataset_fetch(
    *, to: Path, revision: str | None = None, progress: bool = True, dry_run: bool = False
) -> FetchResult:
    """The dataset's .jsonl(.gz) files at `revision` (default: the pinned commit) into `to`."""
    from huggingface_hub import HfApi, hf_hub_download
    from huggingface_hub.errors import (
        HfHubHTTPError,
        RepositoryNotFoundError,
        RevisionNotFoundError,
    )
    from huggingface_hub.hf_api import RepoFile

    revision = revision or LEETCODEDATASET_REVISION
    endpoint = os.environ.get("HF_ENDPOINT") or None  # read now, not when the Hub was imported
    where = endpoint or "the Hugging Face Hub"
    api = HfApi(endpoint=endpoint)
    repo = LEETCODEDATASET_REPO
    try:
        with _hub_progress(progress):
            commit = api.dataset_info(repo, revision=revision).sha or revision
            tree = api.list_repo_tree(repo, repo_type="dataset", revision=commit, recursive=True)
            listed = [f for f in tree if isinstance(f, RepoFile) and f.path.endswith(DATA_SUFFIXES)]
    except RevisionNotFoundError:
        raise FetchError(
            f"{repo} has no revision {revision!r} on {where} (404); "
            "give a commit, tag or branch that exists, or leave --revision out for the pinned one"
        ) from None
    except RepositoryNotFoundError:
        raise FetchError(f"no dataset {repo} on {where} (404)") from None
    except HfHubHTTPError as exc:
        raise FetchError(f"{where} refused the listing of {repo}: {_first_line(exc)}") from None
    except OSError as exc:  # connection errors (httpx's are OSErrors in huggingface_hub)
        raise FetchError(f"cannot reach {where}: {_first_line(exc)}") from None
    if not listed:
        raise FetchError(f"{repo} at {commit} holds no {'/'.join(DATA_SUFFIXES)} file")
    files = tuple(
        FetchedFile(path=f.path, size=f.size, sha256=f.lfs.sha256 if f.lfs else "")
        for f in sorted(listed, key=lambda f: f.path)
    )
    result = FetchResult(
        source="leetcodedataset",
        origin=f"hf://datasets/{repo}",
        revision=commit,
        folder=Path(to),
        data_path=_data_folder(Path(to), files),
        files=files,
        dry_run=dry_run,
    )
    if dry_run:
        return result
    fetched = []
    with _hub_progress(progress):
        for entry in sorted(listed, key=lambda f: f.path):
            try:
                path = hf_hub_download(
                    repo,
                    entry.path,
                    repo_type="dataset",
                    revision=commit,
                    local_dir=to,
                    endpoint=endpoint,
                )
            except OSError as exc:  # the Hub's HTTP errors and lost connections alike
                raise FetchError(f"cannot download {entry.path}: {_first_line(exc)}") from None
            sha256 = entry.lfs.sha256 if entry.lfs else None
            fetched.append(_checked(Path(path), entry.path, sha256, entry.blob_id))
    result = replace(result, files=tuple(fetched))
    write_manifest(result)
    return result


def kaggle_leetcode_fetch(
    *, to: Path, revision: str | None = None, progress: bool = True, dry_run: bool = False
) -> FetchResult:
    """Kaggle's leetcode-solutions archive into `to`, its JSON files extracted beside it.

    `revision` is a Kaggle dataset version number (default: the latest)."""
    if not kaggle_credentials():
        raise FetchError(f"no Kaggle token: {KAGGLE_TOKEN_HELP}")
    dataset = KAGGLE_DATASET + (f"/versions/{revision}" if revision else "")
    to = Path(to)
    result = FetchResult(
        source="kaggle-leetcode",
        origin=f"kaggle://{KAGGLE_DATASET}",
        revision=revision or "",
        folder=to,
        data_path=to,
        files=(),
        dry_run=dry_run,
    )
    if dry_run:
        return result
    import requests

    archive = to / f"{KAGGLE_DATASET.rsplit('/', 1)[1]}.zip"
    # The package prints its banner and auth help on stdout: keep the command's report clean.
    with contextlib.redirect_stdout(sys.stderr):
        from kaggle.api.kaggle_api_extended import KaggleApi

        api = KaggleApi()
        try:
            api.authenticate()
            api.dataset_download_files(dataset, path=str(to), quiet=not progress, unzip=False)
        except SystemExit:  # authenticate() exits when it finds no usable credentials
            raise FetchError(f"Kaggle did not accept the token: {KAGGLE_TOKEN_HELP}") from None
        except requests.HTTPError as exc:
            status = exc.response.status_code if exc.response is not None else 0
            if status in (401, 403):
                raise FetchError(
                    f"Kaggle refused the token ({status}): check KAGGLE_USERNAME/KAGGLE_KEY "
                    "or kaggle.json"
                ) from None
            if status == 404:
                raise FetchError(f"no dataset {dataset} on Kaggle (404)") from None
            raise FetchError(f"Kaggle refused the download: {_first_line(exc)}") from None
        except requests.RequestException as exc:
            raise FetchError(f"cannot reach Kaggle: {_first_line(exc)}") from None
    files = extract_archive(archive, to)
    result = replace(result, files=(_hashed(archive, archive.name), *files))
    write_manifest(result)
    return result


def extract_archive(archive: Path, to: Path) -> tuple[FetchedFile, ...]:
    """The archive's JSON(L) members written flat into `to`; a corrupt archive is removed
    (so that the next run downloads it again) and reported."""
    try:
        with zipfile.ZipFile(archive) as zipped:
            broken = zipped.testzip()
            if broken is not None:
                raise zipfile.BadZipFile(f"member {broken} fails its CRC check")
            members = [m for m in zipped.infolist() if m.filename.endswith(DATA_SUFFIXES)]
            if not members:
                names = ", ".join(m.filename for m in zipped.infolist()[:5]) or "nothing"
                raise FetchError(f"{archive.name} holds no JSON file (it holds {names})")
            extracted = []
            for member in members:
                name = Path(member.filename).name  # flat: no path from the archive is trusted
                (to / name).write_bytes(zipped.read(member))
                extracted.append(_hashed(to / name, name))
    except (zipfile.BadZipFile, EOFError) as exc:
        archive.unlink(missing_ok=True)
        raise FetchError(
            f"{archive.name} is not a readable zip archive ({_first_line(exc)}); "
            "removed, run again to download it afresh"
        ) from None
    return tuple(extracted)


def kaggle_credentials() -> bool:
    """Whether a Kaggle token is configured where the kaggle package looks for one."""
    if os.environ.get("KAGGLE_USERNAME") and os.environ.get("KAGGLE_KEY"):
        return True
    if os.environ.get("KAGGLE_API_TOKEN"):
        return True
    home = Path.home()
    folders = [os.environ.get("KAGGLE_CONFIG_DIR"), home / ".kaggle"]
    folders.append(Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config") / "kaggle")
    return any(folder and (Path(folder) / "kaggle.json").is_file() for folder in folders)


def upload(result: FetchResult, prefix: str) -> FetchResult:
    """The fetched files and their manifest copied under `gs://bucket/prefix/`."""
    prefix = prefix.rstrip("/")
    storage.parse_gs_url(prefix + "/")  # the URL's shape, before anything is sent
    uploaded = []
    for path in [f.path for f in result.files] + [MANIFEST]:
        url = f"{prefix}/{path}"
        storage.write_bytes(url, storage.read_bytes(result.folder / path))
        uploaded.append(url)
    return replace(result, uploaded=tuple(uploaded))


def write_manifest(result: FetchResult) -> None:
    """Write `manifest.yaml` into the download folder: source, origin, resolved revision,
    the time of the fetch (UTC) and each file's path, size in bytes and sha256."""
    manifest = {
        "source": result.source,
        "origin": result.origin,
        "revision": result.revision,
        "fetched_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "files": [{"path": f.path, "size": f.size, "sha256": f.sha256} for f in result.files],
    }
    text = yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True)
    storage.write_bytes(result.manifest, text.encode("utf-8"))


def _checked(path: Path, name: str, sha256: str | None, blob_id: str | None) -> FetchedFile:
    """The file's hashes against the Hub's listing; a mismatch removes it and says so."""
    fetched = _hashed(path, name)
    data = path.read_bytes()
    git_blob = hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()
    if (sha256 and fetched.sha256 != sha256) or (not sha256 and blob_id and git_blob != blob_id):
        path.unlink()
        expected = f"sha256 {sha256}" if sha256 else f"git blob {blob_id}"
        raise FetchError(
            f"{name} does not match the Hub's {expected} (a corrupt download); "
            "removed, run again to download it afresh"
        )
    return fetched


def _hashed(path: Path, name: str) -> FetchedFile:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return FetchedFile(path=name, size=path.stat().st_size, sha256=digest.hexdigest())


def _data_folder(folder: Path, files: tuple[FetchedFile, ...]) -> Path:
    parents = {str(Path(f.path).parent) for f in files}
    if len(parents) != 1:
        raise FetchError(f"the data files are in several folders ({', '.join(sorted(parents))})")
    return folder / parents.pop()


@contextlib.contextmanager
def _hub_progress(show: bool) -> Iterator[None]:
    """The Hub client's file bars when `show`; never its HTTP client's line per request."""
    from huggingface_hub.utils import (
        are_progress_bars_disabled,
        disable_progress_bars,
        enable_progress_bars,
    )

    was_disabled = are_progress_bars_disabled()
    if not show:
        disable_progress_bars()
    requests_log = logging.getLogger("httpx2")
    level = requests_log.level
    requests_log.setLevel(max(level, logging.WARNING))
    try:
        yield
    finally:
        requests_log.setLevel(level)
        if not show and not was_disabled:
            enable_progress_bars()


def _first_line(exc: BaseException) -> str:
    lines = [line for line in str(exc).strip().splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__
