"""Local stand-ins for the Hugging Face Hub and the Kaggle API, for the download tests.

The real clients (`huggingface_hub`, `kaggle`) talk to these servers over HTTP
exactly as they talk to the real services; only the far end is ours. Each
server answers the few endpoints the download path uses, in the services' own
shapes (paths, JSON fields, headers, error codes), and records the requests it
saw so a test can tell a resumed download from a fresh one.

- `FakeHub` serves one dataset repository at one commit (`HF_ENDPOINT` points
  the client at it): `GET /api/datasets/<repo>/revision/<rev>` (repo info),
  `GET /api/datasets/<repo>/tree/<rev>` (the file listing, with each LFS
  file's sha256), and `HEAD`/`GET /datasets/<repo>/resolve/<rev>/<path>` (the
  file, with `X-Repo-Commit`, `ETag` and `Range` support; `cut_after` drops the
  connection part-way through a file's first download, `failing` answers 500). An unknown revision
  gets 404 with `X-Error-Code: RevisionNotFound`, like the Hub.
- `FakeKaggle` is an HTTP proxy: the kaggle client, told
  `KAGGLE_API_ENVIRONMENT=LOCALHOST`, addresses `http://localhost/api/v1/...`;
  `HTTP_PROXY` routes those requests here, so no fixed port is ever bound.
  `POST .../datasets.DatasetApiService/DownloadDataset` checks the basic-auth
  token and redirects to the archive, as Kaggle redirects to storage.
"""

from __future__ import annotations

import base64
import hashlib
import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

COMMIT = "0123456789abcdef0123456789abcdef01234567"


@dataclass
class FakeHub:
    repo_id: str
    files: dict[str, bytes]  # path in repo -> content
    commit: str = COMMIT
    branches: tuple[str, ...] = ("main",)
    lfs_sha256: dict[str, str] = field(default_factory=dict)  # overrides: a corrupt serve
    cut_after: dict[str, int] = field(default_factory=dict)  # first GET of a path breaks off
    failing: set[str] = field(default_factory=set)  # paths whose GET answers 500
    requests: list[tuple[str, str, str]] = field(default_factory=list)  # method, path, Range
    url: str = ""

    def knows(self, revision: str) -> bool:
        return revision == self.commit or revision in self.branches

    def tree(self) -> list[dict[str, Any]]:
        rows = []
        for path, data in sorted(self.files.items()):
            row: dict[str, Any] = {
                "type": "file",
                "oid": hashlib.sha1(data).hexdigest(),
                "size": len(data),
                "path": path,
            }
            if path.endswith(".gz") or path.endswith(".jsonl"):
                sha = self.lfs_sha256.get(path) or hashlib.sha256(data).hexdigest()
                row["lfs"] = {"oid": sha, "size": len(data), "pointerSize": 134}
            rows.append(row)
        return rows

    def etag(self, path: str) -> str:
        row = next(r for r in self.tree() if r["path"] == path)
        return str(row["lfs"]["oid"] if "lfs" in row else row["oid"])


@dataclass
class FakeKaggle:
    dataset: str  # owner/slug
    archive: bytes
    username: str
    key: str
    requests: list[tuple[str, str, str]] = field(default_factory=list)  # method, path, user
    url: str = ""


def _hub_handler(hub: FakeHub) -> type[BaseHTTPRequestHandler]:
    prefix_api = f"/api/datasets/{hub.repo_id}/"
    prefix_resolve = f"/datasets/{hub.repo_id}/resolve/"

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # quiet test output
            pass

        def do_HEAD(self) -> None:
            self._serve(body=False)

        def do_GET(self) -> None:
            self._serve(body=True)

        def _serve(self, *, body: bool) -> None:
            path = urlsplit(self.path).path
            hub.requests.append((self.command, path, self.headers.get("Range", "")))
            if path.startswith(prefix_api + "revision/"):
                revision = unquote(path[len(prefix_api + "revision/") :])
                if not self._revision_ok(revision):
                    return
                info = {
                    "id": hub.repo_id,
                    "sha": hub.commit,
                    "private": False,
                    "siblings": [{"rfilename": p} for p in sorted(hub.files)],
                }
                self._json(info, body=body)
            elif path.startswith(prefix_api + "tree/"):
                revision = unquote(path[len(prefix_api + "tree/") :].split("/", 1)[0])
                if self._revision_ok(revision):
                    self._json(hub.tree(), body=body)
            elif path.startswith(prefix_resolve):
                revision, _, name = path[len(prefix_resolve) :].partition("/")
                revision, name = unquote(revision), unquote(name)
                if not self._revision_ok(revision):
                    return
                if name not in hub.files:
                    self._error(404, "EntryNotFound", f"{name} does not exist")
                    return
                self._file(name, body=body)
            else:
                self._error(404, "RepoNotFound", "Repository not found")

        def _revision_ok(self, revision: str) -> bool:
            if hub.knows(revision):
                return True
            self._error(404, "RevisionNotFound", f"Invalid rev id: {revision}")
            return False

        def _file(self, name: str, *, body: bool) -> None:
            data = hub.files[name]
            start = 0
            ranged = self.headers.get("Range", "")
            if ranged.startswith("bytes="):
                start = int(ranged[len("bytes=") :].split("-", 1)[0] or 0)
            chunk = data[start:]
            if body and name in hub.failing:
                self._error(500, "", "Internal Error")
                return
            self.send_response(206 if start else 200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(len(chunk)))
            if start:
                self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
            self.send_header("Accept-Ranges", "bytes")
            self.send_header("ETag", f'"{hub.etag(name)}"')
            self.send_header("X-Repo-Commit", hub.commit)
            self.end_headers()
            if not body:
                return
            cut = hub.cut_after.pop(name, None) if not start else None
            if cut is not None:  # the connection drops mid-file, as networks do
                self.wfile.write(chunk[:cut])
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            self.wfile.write(chunk)

        def _json(self, value: Any, *, body: bool) -> None:
            data = json.dumps(value).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if body:
                self.wfile.write(data)

        def _error(self, status: int, code: str, message: str) -> None:
            data = json.dumps({"error": message}).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            if code:
                self.send_header("X-Error-Code", code)
            self.send_header("X-Error-Message", message)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

    return Handler


def _kaggle_handler(kaggle: FakeKaggle) -> type[BaseHTTPRequestHandler]:
    owner, slug = kaggle.dataset.split("/")
    archive_path = f"/storage/{owner}/{slug}/archive.zip"

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            path = urlsplit(self.path).path  # absolute-form: the client speaks to a proxy
            length = int(self.headers.get("Content-Length") or 0)
            request = json.loads(self.rfile.read(length) or b"{}")
            user = self._user()
            kaggle.requests.append(("POST", path, user))
            if user != kaggle.username:
                self._reply(401, b'{"code": 401, "message": "Unauthenticated"}', "application/json")
                return
            if not path.endswith("/datasets.DatasetApiService/DownloadDataset"):
                self._reply(404, b'{"code": 404, "message": "Not found"}', "application/json")
                return
            if (request.get("ownerSlug"), request.get("datasetSlug")) != (owner, slug):
                self._reply(
                    404, b'{"code": 404, "message": "Dataset not found"}', "application/json"
                )
                return
            self.send_response(302)
            self.send_header("Location", f"http://localhost{archive_path}")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            kaggle.requests.append(("GET", path, ""))
            if path != archive_path:
                self._reply(404, b"not found", "text/plain")
                return
            self._reply(200, kaggle.archive, "application/zip")

        def _user(self) -> str:
            auth = self.headers.get("Authorization", "")
            if not auth.startswith("Basic "):
                return ""
            user, _, key = base64.b64decode(auth[6:]).decode().partition(":")
            return user if key == kaggle.key else ""

        def _reply(self, status: int, data: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler


@contextmanager
def serving(service: FakeHub | FakeKaggle) -> Iterator[str]:
    """Run the service's server on a free 127.0.0.1 port; yields its base URL."""
    handler = _hub_handler(service) if isinstance(service, FakeHub) else _kaggle_handler(service)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    service.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield service.url
    finally:
        server.shutdown()
        server.server_close()
