"""Model folders on Google Cloud Storage, and the DVC remote, configured from the environment.

Single files go through `mltools.storage` (gs:// or local); this module adds
what models need: whole folders, and DVC's remote and pull/push.

- `MOCKMATE_DVC_REMOTE` (e.g. gs://mockmate-dvc/store) becomes the default DVC
  remote, written to `.dvc/config.local` so no bucket name is committed.
- `MOCKMATE_MODEL_BUCKET_URL` (e.g. gs://mockmate-models/) is where finished
  adapters are uploaded; a ModelVersion's `adapter_uri` then names that folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from mltools import storage

MODEL_FILE_SUFFIXES = (".json", ".safetensors", ".jinja", ".txt", ".model", ".png")
REMOTE_NAME = "storage"


def upload_folder(local: Path, url: str) -> list[str]:
    """Copy the model files directly inside `local` to the gs:// (or local) folder `url`."""
    base = url.rstrip("/") + "/"
    written = []
    for path in storage.list_files(local, MODEL_FILE_SUFFIXES):
        target = base + Path(path).name
        storage.write_bytes(target, Path(path).read_bytes())
        written.append(target)
    return written


def download_folder(url: str, local: Path) -> list[Path]:
    """Copy the model files of the gs:// (or local) folder `url` into `local`."""
    local.mkdir(parents=True, exist_ok=True)
    folder = url if url.endswith("/") or not storage.is_gs_url(url) else url + "/"
    paths = []
    for source in storage.list_files(folder, MODEL_FILE_SUFFIXES):
        target = local / source.rstrip("/").rsplit("/", 1)[-1]
        target.write_bytes(storage.read_bytes(source))
        paths.append(target)
    return paths


def _dvc(repo: Path, *args: str) -> str:
    dvc = Path(sys.executable).with_name("dvc")
    command = [str(dvc) if dvc.exists() else "dvc", *args]
    done = subprocess.run(command, cwd=repo, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise storage.StorageError(
            f"dvc {' '.join(args)}: {(done.stderr or done.stdout).strip()[-300:]}"
        )
    return done.stdout


def dvc_remote_configure(repo: Path, url: str | None = None) -> str | None:
    """Make `url` (default: $MOCKMATE_DVC_REMOTE) the default remote, locally only."""
    url = url or os.environ.get("MOCKMATE_DVC_REMOTE")
    if not url:
        return None
    _dvc(repo, "remote", "add", "--local", "--force", "--default", REMOTE_NAME, url)
    return url


def dvc_push(repo: Path, *targets: str) -> str:
    return _dvc(repo, "push", *targets)


def dvc_pull(repo: Path, *targets: str) -> str:
    return _dvc(repo, "pull", *targets)
