"""The attack corpus: every file under malicious/ is a real hostile submission.

Each file's first line names the verdict it must get (`# verdict: TLE`); AC
means "the attack found nothing" (an information attack returns -1 when it
succeeds). The problem is `solve(n) -> n` on n = 0 and n = 1, so a submission
that carries any state from the first test into the second answers 1 and passes:
state attacks must end in WA. After each attack: no internal error (the worker
survived), no sandbox process left behind, the host's server saw no connection,
and the host's own files are untouched.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from pathlib import Path

import pytest

from mltools.callshape import CallShape
from problems.judge import sandbox
from problems.judge.api import TestSpec, judge_code
from problems.judge.codec import STANDARD_PREAMBLE
from problems.judge.sandbox import SANDBOX_UID, Limits, sandbox_problem

pytestmark = [pytest.mark.sandbox, pytest.mark.timeout(120)]

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CORPUS = sorted((HERE / "malicious").glob("*.py"))
# The same attacks written in each other language: malicious/<language>/<attack>.<ext>.
LANGUAGE_CORPUS = sorted((HERE / "malicious").glob("*/*.*"))
SOLVE_SIGNATURE = "def solve(self, n: int) -> int:"
# JavaScript/TypeScript attacks that first look for a way out of the test's V8 context take
# the routes from one file (languages/node_escape_routes.js or .ts), put in at this line.
ESCAPE_ROUTES = re.compile(r"^// __NODE_ESCAPE_ROUTES__.*$", re.M)
LIMITS = Limits(cpu_s=1.0, wall_s=2.5, mem_mb=128, out_kb=64)
TESTS = [
    TestSpec(id=i, args=[i], kwargs={}, expected=i, checker="exact", is_sample=i == 0)
    for i in range(2)
]
SECRET = "django-insecure-this-must-never-reach-the-sandbox"


@pytest.fixture(scope="module", autouse=True)
def sandbox_ready() -> None:
    problem = next(
        filter(None, map(sandbox_problem, ("python3", "cpp", "java", "javascript", "typescript"))),
        None,
    )
    if problem:
        pytest.fail(f"the judge sandbox is unavailable here: {problem}")


@pytest.fixture(autouse=True)
def no_spare_sandbox(monkeypatch) -> None:
    """No sandbox started ahead: every sandbox process seen after a test is a leftover."""
    monkeypatch.setattr(sandbox, "KEEP_SPARE", False)
    sandbox._discard_spares()


@pytest.fixture(scope="module")
def host_server():
    """A server on the judge host's loopback that records every connection."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    connections: list[bytes] = []
    done = threading.Event()

    def accept() -> None:
        while not done.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            with conn:
                connections.append(conn.recv(100) or b"<connected>")

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], connections
    done.set()
    thread.join()
    server.close()


@pytest.fixture(autouse=True)
def sandbox_tags(monkeypatch) -> list[str]:
    """The tags of every sandbox this test starts (each of its processes carries one)."""
    tags: list[str] = []
    spawn = sandbox._Worker.spawn

    def recording_spawn(self) -> None:
        tags.append(self.tag)
        spawn(self)

    monkeypatch.setattr(sandbox._Worker, "spawn", recording_spawn)
    return tags


def sandbox_processes(tags: list[str]) -> list[str]:
    """Live processes of these sandboxes (zombies included), as their host uid sees them."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        uid = re.search(r"^Uid:\s+(\d+)", status, re.M)
        if any(tag in cmdline for tag in tags):
            assert uid and int(uid.group(1)) == SANDBOX_UID, "sandboxes never run as root"
            found.append(f"{entry.name}: {cmdline[:80]}")
    return found


def wait_no_sandbox_processes(tags: list[str], timeout: float = 5.0) -> list[str]:
    deadline = time.monotonic() + timeout
    while (left := sandbox_processes(tags)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def expected_verdict(path: Path) -> str:
    match = re.match(r"(?:#|//) verdict: (\w+)", path.read_text())
    assert match, f"{path.name} must start with '# verdict: XX' (or // in C-like languages)"
    return match.group(1)


def test_corpus_is_large_enough() -> None:
    assert len(CORPUS) >= 30
    by_language: dict[str, set[str]] = {}
    for path in LANGUAGE_CORPUS:
        by_language.setdefault(path.parent.name, set()).add(path.stem)
    assert set(by_language) == {"cpp", "java", "javascript", "typescript"}
    kinds = {"fork_bomb", "thread_bomb", "read_files", "env_secrets", "socket_to_localhost",
             "shell_exec", "kill_parent", "memory_bomb", "huge_output", "infinite_loop",
             "state_carry"}  # fmt: skip
    for language, attacks in by_language.items():
        assert kinds <= attacks, (language, kinds - attacks)


@pytest.mark.parametrize(
    "path", CORPUS + LANGUAGE_CORPUS, ids=[p.stem for p in CORPUS] + [
        f"{p.parent.name}-{p.stem}" for p in LANGUAGE_CORPUS
    ]
)  # fmt: skip
def test_attack_is_contained(path: Path, host_server, sandbox_tags, monkeypatch, tmp_path) -> None:
    language = "python3" if path.suffix == ".py" else path.parent.name
    port, connections = host_server
    monkeypatch.setenv("DJANGO_SECRET_KEY", SECRET)
    canary = tmp_path / "canary"
    canary.write_text("untouched")
    code = path.read_text().replace("__PORT__", str(port)).replace("__REPO__", str(REPO))
    code = ESCAPE_ROUTES.sub(
        lambda _: (HERE / "languages" / f"node_escape_routes{path.suffix}").read_text(), code
    )
    before = len(connections)

    report = judge_code(
        language=language,
        code=code,
        preamble=STANDARD_PREAMBLE,
        shape=CallShape(
            entry_kind="method",
            entry_point="solve",
            signature="" if language == "python3" else SOLVE_SIGNATURE,
        ),
        tests=TESTS,
        limits=LIMITS,
    )

    summary = [(t.verdict, t.message) for t in report.tests]
    assert report.verdict == expected_verdict(path), summary
    assert all(t.verdict != "IE" for t in report.tests), summary
    assert len(report.tests) == len(TESTS), (
        "the worker must judge every test, whatever the first did"
    )
    assert connections[before:] == []
    assert canary.read_text() == "untouched"
    assert not Path("/tmp/pwned").exists()
    assert os.environ["DJANGO_SECRET_KEY"] == SECRET
    assert SECRET not in repr(report.to_dict())
    assert sandbox_tags, "the judge started a sandbox"
    assert wait_no_sandbox_processes(sandbox_tags) == []


def test_honest_code_still_passes_after_the_corpus() -> None:
    report = judge_code(
        language="python3",
        code="class Solution:\n    def solve(self, n: int) -> int:\n        return n\n",
        preamble=STANDARD_PREAMBLE,
        shape=CallShape(entry_kind="method", entry_point="solve"),
        tests=TESTS,
        limits=LIMITS,
    )
    assert report.verdict == "AC"
    assert report.passed == 2
