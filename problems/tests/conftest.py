"""Fixtures for the ingestion and storage tests: a real GCS emulator, shared data, fixture files."""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EMULATOR_BUCKET = "mockmate-test"


@dataclass(frozen=True)
class GcsEmulator:
    host: str
    bucket: str

    def url(self, name: str) -> str:
        return f"gs://{self.bucket}/{name}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def _gcs_server() -> Iterator[tuple[Any, str]]:
    from gcp_storage_emulator.server import create_server

    logging.getLogger("gcp_storage_emulator").setLevel(logging.WARNING)
    port = _free_port()
    server = create_server("127.0.0.1", port, in_memory=True, default_bucket=EMULATOR_BUCKET)
    server.start()
    try:
        yield server, f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def gcs_emulator(
    _gcs_server: tuple[Any, str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[GcsEmulator]:
    """`gcp-storage-emulator` on 127.0.0.1 (a free port, started once per session, in this
    process), emptied for each test; STORAGE_EMULATOR_HOST points google-cloud-storage at it."""
    server, host = _gcs_server
    server.wipe(keep_buckets=True)
    monkeypatch.setenv("STORAGE_EMULATOR_HOST", host)
    monkeypatch.setenv("GOOGLE_CLOUD_PROJECT", "mockmate-test")
    yield GcsEmulator(host=host, bucket=EMULATOR_BUCKET)


@pytest.fixture
def shared_data() -> Path:
    """../shared/data (or $MOCKMATE_SHARED_DATA); the test is skipped when it is absent."""
    root = Path(
        os.environ.get("MOCKMATE_SHARED_DATA") or Path(settings.BASE_DIR).parent / "shared" / "data"
    )
    if not (root / "leetcodedataset").is_dir():
        pytest.skip(f"shared data not found at {root} (set MOCKMATE_SHARED_DATA to its folder)")
    return root


@pytest.fixture
def reference_failures() -> Any:
    return _reference_failures


def _reference_failures(problem: Any) -> list[str]:
    """Run a stored problem's Python optimal reference against its stored tests, in process.

    Only for fixture and dataset reference code (trusted); candidates' code runs in the judge.
    """
    from problems.judge.checkers import check
    from problems.judge.codec import call_in_process

    solution = problem.solutions.get(language="python3", kind="optimal")
    namespace: dict[str, Any] = {"__name__": "solution"}
    exec(problem.preamble + "\n" + solution.code, namespace)
    failures = []
    for test in problem.tests.all():
        shape = problem.call_shape.job()
        actual = call_in_process(namespace, shape, list(test.args), dict(test.kwargs))
        expected = (
            [] if test.expected is None and problem.call_shape.returns_node else test.expected
        )
        if not check(test.checker, actual, expected, tolerance=problem.tolerance):
            failures.append(f"test {test.order}: expected {test.expected!r}, got {actual!r}")
    return failures
