"""Read and write data at a local path or a `gs://bucket/object` URL.

Google Cloud Storage goes through google-cloud-storage. When
`STORAGE_EMULATOR_HOST` is set (tests, local development with
`gcp-storage-emulator`), the client talks to that emulator with anonymous
credentials; otherwise it uses the machine's default credentials.

Every failure a user can cause (missing file, bad URL, missing bucket, no
credentials) is raised as `StorageError` with a one-line message, so that
commands can print it without a traceback.
"""

from __future__ import annotations

import gzip
import os
import re
from pathlib import Path
from typing import Any

GS_PREFIX = "gs://"
GZIP_MAGIC = b"\x1f\x8b"
# Bucket names: 3-63 characters of lowercase letters, digits, '-', '_' and '.'.
_BUCKET_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$")


class StorageError(Exception):
    """A location that cannot be read or written; the message is one line."""


def is_gs_url(location: str | Path) -> bool:
    return isinstance(location, str) and location.startswith(GS_PREFIX)


def parse_gs_url(url: str) -> tuple[str, str]:
    """Split `gs://bucket/path/to/object` into bucket and object name (may end with '/')."""
    if not url.startswith(GS_PREFIX):
        raise StorageError(f"not a gs:// URL: {url!r}")
    bucket, _, name = url[len(GS_PREFIX) :].partition("/")
    if not _BUCKET_RE.match(bucket):
        raise StorageError(f"bad GCS URL {url!r}: expected gs://<bucket>/<object>")
    if not name:
        raise StorageError(f"bad GCS URL {url!r}: no object name after the bucket")
    return bucket, name


def gcs_client() -> Any:
    """A storage client; anonymous against `STORAGE_EMULATOR_HOST` when that is set."""
    from google.cloud import storage  # heavy: imported only when GCS is used

    if os.environ.get("STORAGE_EMULATOR_HOST"):
        from google.auth.credentials import AnonymousCredentials

        project = os.environ.get("GOOGLE_CLOUD_PROJECT", "mockmate-local")
        return storage.Client(project=project, credentials=AnonymousCredentials())
    try:
        return storage.Client()
    except Exception as exc:  # DefaultCredentialsError, missing project, ...
        raise StorageError(f"cannot open Google Cloud Storage: {_one_line(exc)}") from exc


def read_bytes(location: str | Path) -> bytes:
    """The raw bytes at a local path or gs:// URL."""
    if is_gs_url(location):
        assert isinstance(location, str)
        bucket, name = parse_gs_url(location)
        try:
            blob = gcs_client().bucket(bucket).blob(name)
            # raw_download: keep gzip objects compressed; callers sniff the magic bytes
            return bytes(blob.download_as_bytes(raw_download=True))
        except StorageError:
            raise
        except Exception as exc:
            raise StorageError(f"cannot read {location}: {_gcs_reason(exc)}") from exc
    path = Path(location)
    if not path.is_file():
        raise StorageError(f"no such file: {path}")
    return path.read_bytes()


def read_text(location: str | Path) -> str:
    """Decoded UTF-8 text; gzip content (by its magic bytes) is decompressed."""
    data = read_bytes(location)
    if data[:2] == GZIP_MAGIC:
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise StorageError(f"cannot decompress {location}: {_one_line(exc)}") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise StorageError(f"{location} is not UTF-8 text: {_one_line(exc)}") from exc


def write_bytes(
    location: str | Path, data: bytes, *, content_type: str = "application/octet-stream"
) -> None:
    """Write bytes to a local path (creating folders) or a gs:// URL."""
    if is_gs_url(location):
        assert isinstance(location, str)
        bucket, name = parse_gs_url(location)
        if name.endswith("/"):
            raise StorageError(f"bad GCS URL {location!r}: names a folder, not an object")
        try:
            gcs_client().bucket(bucket).blob(name).upload_from_string(
                data, content_type=content_type
            )
        except StorageError:
            raise
        except Exception as exc:
            raise StorageError(f"cannot write {location}: {_gcs_reason(exc)}") from exc
        return
    path = Path(location)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        raise StorageError(f"cannot write {path}: {exc.strerror or exc}") from exc


def list_files(location: str | Path, suffixes: tuple[str, ...]) -> list[str]:
    """The files a location stands for, sorted by name.

    A file or object is itself; a local folder, or a gs:// URL ending with '/',
    stands for the files directly inside it whose names end with one of `suffixes`.
    """
    if is_gs_url(location):
        assert isinstance(location, str)
        bucket, name = parse_gs_url(location)
        if not name.endswith("/"):
            return [location]
        try:
            blobs = gcs_client().list_blobs(bucket, prefix=name, delimiter="/")
            names = sorted(b.name for b in blobs if b.name.endswith(suffixes))
        except StorageError:
            raise
        except Exception as exc:
            raise StorageError(f"cannot list {location}: {_gcs_reason(exc)}") from exc
        if not names:
            raise StorageError(f"no {'/'.join(suffixes)} objects under {location}")
        return [f"{GS_PREFIX}{bucket}/{n}" for n in names]
    path = Path(location)
    if path.is_dir():
        files = sorted(str(p) for p in path.iterdir() if p.is_file() and p.name.endswith(suffixes))
        if not files:
            raise StorageError(f"no {'/'.join(suffixes)} files in {path}")
        return files
    if not path.exists():
        raise StorageError(f"no such file or folder: {path}")
    return [str(path)]


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _gcs_reason(exc: Exception) -> str:
    code = getattr(exc, "code", None)
    if code == 404:
        return "not found (no such bucket or object)"
    if code in (401, 403):
        return "permission denied"
    return _one_line(exc)
