"""Run candidate code in a bubblewrap + seccomp sandbox, one warm worker per submission.

`execute()` is the only entry point. It starts one sandbox per submission with
the language's warm worker inside (`harness.py` for Python), sends it the code
once, then one call at a time, and reads one size-capped JSON frame back per
call. The worker forks a fresh child per call, so nothing a test does survives
into the next one. Expected values never enter the sandbox.

Layers, outermost first (see docs/judge.md):
- the host side runs the sandbox as uid 65534 when started as root (bubblewrap
  is never run privileged), with an empty environment, in its own session and,
  when one is writable, in its own cgroup (v2 or v1) capping memory and pids;
- bubblewrap: new user/pid/net/ipc/uts/cgroup namespaces, no nested user
  namespaces, read-only binds of the interpreter and its libraries only, no
  /etc and no /proc, a small private tmpfs /tmp, a read-only /dev;
- inside: seccomp filters and rlimits (see harness.py).

If the sandbox cannot be set up, every call comes back as an internal error with
the reason (also logged); code never runs unsandboxed.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import math
import os
import select
import shlex
import shutil
import signal
import struct
import subprocess
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from mltools.callshape import CallShape

from . import codec  # noqa: F401 - importing it lifts the int/str digit limit for the JSON below
from .languages import Language, get_language

logger = logging.getLogger(__name__)

SANDBOX_UID = 65534  # nobody: the host uid of every sandboxed process when the judge runs as root
RESULT_CAP = 16 << 20  # largest returned value, in bytes of JSON
CODE_CAP = 256 << 10  # largest source accepted
HEADER_CAP = 1 << 20
TMP_BYTES = 16 << 20
STDERR_CAP = 64 << 10
START_TIMEOUT_S = 15.0  # start + compile; generous because CI machines are busy
MARGIN_S = 5.0  # beyond a call's wall limit before the worker itself is presumed stuck
MAX_RESTARTS = 3
CGROUP_NAME = "mockmate-judge"
CGROUP_HEADROOM = 96 << 20  # the worker, bubblewrap and the tmpfs besides the child


@dataclass(frozen=True)
class Limits:
    cpu_s: float = 2.0
    wall_s: float = 5.0
    mem_mb: int = 256
    out_kb: int = 64


@dataclass(frozen=True)
class Call:
    """One call of the entry point. Limits cover the whole call, all repeats included."""

    args: list[Any]
    kwargs: dict[str, Any] = field(default_factory=dict)
    repeat: int = 1  # time the call this many times on fresh copies of args, report the min


@dataclass(frozen=True)
class CallResult:
    status: str  # "ok" | "runtime_error" | "tle" | "mle" | "ole" | "internal_error"
    value: Any = None  # JSON-decoded returned value (nodes as lists); None unless ok
    cpu_s: float = 0.0
    wall_s: float = 0.0
    call_s: float = 0.0  # perf_counter around the call only, min over repeats
    call_cpu_s: float = 0.0  # the child's CPU clock around the call only, min over repeats
    mem_kb: int = 0  # peak resident memory of the test's process
    error: str = ""  # exception type and message, or which limit was hit
    traceback: str = ""  # trimmed to the candidate's own lines
    stdout: str = ""  # first 4 KB of what the call printed (stdout and stderr)


@dataclass(frozen=True)
class CompileResult:
    ok: bool
    message: str = ""
    line: int | None = None
    warnings: str = ""  # a compiled language's warnings (trimmed to the candidate's file)


STATUSES = ("ok", "runtime_error", "tle", "mle", "ole", "internal_error")


class SandboxError(Exception):
    """The sandbox could not be started or its worker misbehaved."""


def internal_error(reason: str) -> CallResult:
    return CallResult(status="internal_error", error=reason)


# ---------------------------------------------------------------- set-up checks


@cache
def _bwrap() -> str | None:
    return shutil.which("bwrap") or next(
        (p for p in ("/usr/bin/bwrap", "/bin/bwrap") if os.access(p, os.X_OK)), None
    )


_probe_cache: dict[str, tuple[float, str | None]] = {}


def sandbox_problem(language: str = "python3") -> str | None:
    """Why the sandbox cannot run `language` here (admin-visible), or None when it can.

    Checked by really starting a sandbox once; a success is remembered for the
    process, a failure for 60 s (an admin may be installing the missing piece).
    """
    cached = _probe_cache.get(language)
    if cached and (cached[1] is None or time.monotonic() - cached[0] < 60):
        return cached[1]
    problem = _probe(language)
    _probe_cache[language] = (time.monotonic(), problem)
    if problem:
        logger.error("judge sandbox unavailable: %s", problem)
    return problem


def _probe(language: str) -> str | None:
    try:
        lang = get_language(language)
    except ValueError as exc:
        return str(exc)
    if _bwrap() is None:
        return "bubblewrap is not installed (Debian package bubblewrap)"
    if os.geteuid() == 0 and not shutil.which("setpriv"):
        return "setpriv is missing (Debian package util-linux), needed to drop root before bwrap"
    missing = lang.missing()
    if missing:
        return missing
    try:
        with _Worker(lang, Limits()) as worker:
            code, kind = lang.probe
            compiled = worker.start(
                code=code, preamble="", shape=CallShape(entry_kind=kind, entry_point="f")
            )
    except SandboxError as exc:
        return f"the sandbox does not start: {exc}"
    return (
        None
        if compiled.ok
        else f"the sandbox does not compile a trivial program: {compiled.message}"
    )


# ---------------------------------------------------------------- cgroups


@cache
def _cgroup_root() -> tuple[str, list[Path]] | None:
    """Where per-sandbox cgroups are made: ("v2", [base]) or ("v1", [memory, pids])."""
    root = Path("/sys/fs/cgroup")
    try:
        if (root / "cgroup.controllers").exists():
            base = Path(os.environ.get("MOCKMATE_JUDGE_CGROUP") or root / CGROUP_NAME)
            base.mkdir(exist_ok=True)
            controls = (base / "cgroup.subtree_control").read_text().split()
            if not {"memory", "pids"} <= set(controls):
                (base / "cgroup.subtree_control").write_text("+memory +pids")
            return "v2", [base]
        bases = [root / "memory" / CGROUP_NAME, root / "pids" / CGROUP_NAME]
        for base in bases:
            base.mkdir(exist_ok=True)
        return "v1", bases
    except OSError as exc:
        logger.warning(
            "judge: no writable cgroup (%s); memory and processes are limited by rlimits "
            "and seccomp only. On cgroup v2 run the judge with systemd Delegate=yes and set "
            "MOCKMATE_JUDGE_CGROUP to a delegated directory.",
            exc,
        )
        return None


class _Cgroup:
    def __init__(self, name: str, mem_bytes: int, pids: int = 16) -> None:
        self.dirs: list[Path] = []
        self.version = ""
        found = _cgroup_root()
        if found is None:
            return
        version, bases = found
        self.version = version
        try:
            for base in bases:
                path = base / name
                path.mkdir()
                self.dirs.append(path)
            if version == "v2":
                (self.dirs[0] / "memory.max").write_text(str(mem_bytes))
                with contextlib.suppress(OSError):
                    (self.dirs[0] / "memory.swap.max").write_text("0")
                (self.dirs[0] / "pids.max").write_text(str(pids))
            else:
                (self.dirs[0] / "memory.limit_in_bytes").write_text(str(mem_bytes))
                with contextlib.suppress(OSError):
                    (self.dirs[0] / "memory.memsw.limit_in_bytes").write_text(str(mem_bytes))
                (self.dirs[1] / "pids.max").write_text(str(pids))
        except OSError as exc:
            logger.warning(
                "judge: cannot set up a cgroup (%s); using rlimits and seccomp only", exc
            )
            self.remove()

    def set_memory(self, mem_bytes: int) -> None:
        if not self.dirs:
            return
        name = "memory.max" if self.version == "v2" else "memory.limit_in_bytes"
        try:
            if self.version == "v1":
                # v1 keeps memory <= memory+swap: raise the pair's upper one first.
                with contextlib.suppress(OSError):
                    (self.dirs[0] / "memory.memsw.limit_in_bytes").write_text(str(mem_bytes))
            (self.dirs[0] / name).write_text(str(mem_bytes))
            if self.version == "v1":
                with contextlib.suppress(OSError):
                    (self.dirs[0] / "memory.memsw.limit_in_bytes").write_text(str(mem_bytes))
        except OSError as exc:
            logger.warning("judge: cannot set the cgroup's memory limit (%s)", exc)

    def procs_files(self) -> list[str]:
        return [str(d / "cgroup.procs") for d in self.dirs]

    def remove(self) -> None:
        for path in reversed(self.dirs):
            for _ in range(50):
                try:
                    path.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    self._kill_members(path)
                    time.sleep(0.01)
            else:
                logger.error("judge: cannot remove cgroup %s", path)
        self.dirs = []

    @staticmethod
    def _kill_members(path: Path) -> None:
        with contextlib.suppress(OSError):
            for pid in (path / "cgroup.procs").read_text().split():
                with contextlib.suppress(ProcessLookupError, ValueError):
                    os.kill(int(pid), signal.SIGKILL)


# ---------------------------------------------------------------- the worker


def _encode_frame(header: dict[str, Any], payload: bytes = b"") -> bytes:
    data = json.dumps(dict(header, payload=len(payload))).encode()
    return struct.pack(">I", len(data)) + data + payload


class _Worker:
    """One sandbox with a warm worker inside; used as a context manager."""

    def __init__(self, language: Language, limits: Limits) -> None:
        self.language = language
        self.limits = limits
        self.proc: subprocess.Popen[bytes] | None = None
        self.buffer = bytearray()
        self.outgoing = bytearray()
        self.stderr = bytearray()
        self.stderr_done = False
        self.cgroup: _Cgroup | None = None
        self.cmd_w = self.out_r = -1
        self.owner = os.getpid()
        self.tag = f"mockmate-sandbox-{uuid.uuid4().hex[:16]}"

    def __enter__(self) -> _Worker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- start and stop

    def _argv(self, cmd_fd: int, out_fd: int) -> list[str]:
        bwrap = _bwrap()
        assert bwrap is not None
        argv = [bwrap]
        argv += ["--unshare-user", "--unshare-pid", "--unshare-net", "--unshare-ipc"]
        argv += ["--unshare-uts", "--unshare-cgroup-try", "--disable-userns"]
        argv += ["--die-with-parent", "--new-session", "--clearenv", "--setenv", "LANG", "C.UTF-8"]
        argv += ["--uid", str(SANDBOX_UID), "--gid", str(SANDBOX_UID), "--hostname", "judge"]
        for src, dst in self.language.mounts():
            argv += ["--ro-bind", src, dst]
        argv += ["--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64"]
        argv += ["--symlink", "usr/bin", "/bin"]
        argv += ["--dev", "/dev", "--remount-ro", "/dev"]
        argv += ["--size", str(TMP_BYTES), "--tmpfs", "/tmp", "--chdir", "/tmp"]
        for path, size in self.language.tmpfs:
            argv += ["--size", str(size), "--tmpfs", path]
        for target, link in getattr(self.language, "symlinks", ()):
            argv += ["--symlink", target, link]
        argv += ["--", *self.language.worker_argv(cmd_fd, out_fd, self.tag)]
        if os.geteuid() == 0:
            # bubblewrap never runs privileged: as nobody, a namespace escape still lands nowhere.
            setpriv = shutil.which("setpriv") or "/usr/bin/setpriv"
            drop = [setpriv, f"--reuid={SANDBOX_UID}", f"--regid={SANDBOX_UID}", "--clear-groups"]
            argv = [*drop, "--no-new-privs", *argv]
        self.cgroup = _Cgroup(self.tag, self._cgroup_bytes(), self.language.pids)
        procs = self.cgroup.procs_files()
        if procs:
            # Join the cgroup before anything of the sandbox exists, so that nothing escapes it.
            script = " && ".join(f"echo $$ > {shlex.quote(p)}" for p in procs)
            argv = ["/bin/sh", "-c", f'{script} && exec "$@"', "sh", *argv]
        return argv

    def spawn(self) -> None:
        """Start the sandbox; it gets ready (interpreter, imports, filters) while we go on."""
        cmd_r, self.cmd_w = os.pipe()
        self.out_r, out_w = os.pipe()
        try:
            self.proc = subprocess.Popen(
                self._argv(cmd_r, out_w),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                pass_fds=(cmd_r, out_w),
                env={},
                start_new_session=True,
                cwd="/",
            )
        except OSError as exc:
            raise SandboxError(f"cannot start bubblewrap: {exc}") from exc
        finally:
            os.close(cmd_r)
            os.close(out_w)
        assert self.proc.stderr is not None
        os.set_blocking(self.proc.stderr.fileno(), False)
        os.set_blocking(self.out_r, False)
        os.set_blocking(self.cmd_w, False)

    def close(self) -> None:
        if self.cmd_w >= 0:
            with contextlib.suppress(OSError):
                os.close(self.cmd_w)
            self.cmd_w = -1
        if self.proc is not None:
            try:
                self.proc.wait(timeout=1.0)
            except subprocess.TimeoutExpired:
                pass
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
            if self.proc.stderr is not None:
                self.proc.stderr.close()
            self.proc = None
        if self.out_r >= 0:
            os.close(self.out_r)
            self.out_r = -1
        if self.cgroup is not None:
            self.cgroup.remove()
            self.cgroup = None

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def retarget(self, limits: Limits) -> None:
        """Give a spare started with default limits this submission's limits."""
        self.limits = limits
        if self.cgroup is not None:
            self.cgroup.set_memory(self._cgroup_bytes())

    def _cgroup_bytes(self) -> int:
        return self.language.cgroup_mem_mb(self.limits.mem_mb) * (1 << 20) + CGROUP_HEADROOM

    def kill(self) -> None:
        if self.proc is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.proc.pid, signal.SIGKILL)
        self.close()

    def reason(self) -> str:
        text = self.stderr.decode("utf-8", "replace").strip()
        return text.splitlines()[-1][:500] if text else "the sandbox worker stopped"

    # -- frames

    def _send(self, header: dict[str, Any], payload: bytes = b"") -> None:
        """Queue a frame; it is written while `_recv` waits, so neither side can block the other."""
        self.outgoing += _encode_frame(header, payload)

    def _recv(self, timeout: float) -> tuple[dict[str, Any], bytes]:
        assert self.proc is not None and self.proc.stderr is not None
        deadline = time.monotonic() + timeout
        err_fd = self.proc.stderr.fileno()
        while True:
            frame = self._parse_frame()
            if frame is not None:
                return frame
            left = deadline - time.monotonic()
            if left <= 0:
                raise SandboxError("the sandbox worker did not answer in time")
            poller = select.poll()
            poller.register(self.out_r, select.POLLIN)
            if not self.stderr_done:
                poller.register(err_fd, select.POLLIN)
            if self.outgoing:
                poller.register(self.cmd_w, select.POLLOUT)
            for fd, event in poller.poll(left * 1000):
                if fd == self.cmd_w:
                    if event & (select.POLLERR | select.POLLHUP):
                        raise SandboxError(self.reason())
                    try:
                        del self.outgoing[: os.write(self.cmd_w, self.outgoing[: 1 << 16])]
                    except BlockingIOError:
                        pass
                    except OSError as exc:
                        raise SandboxError(f"the sandbox worker stopped reading ({exc})") from exc
                    continue
                try:
                    chunk = os.read(fd, 1 << 20)
                except BlockingIOError:
                    continue
                if fd == err_fd:
                    if not chunk:
                        self.stderr_done = True
                    elif len(self.stderr) < STDERR_CAP:
                        self.stderr += chunk
                elif not chunk:
                    raise SandboxError(self.reason())
                else:
                    self.buffer += chunk

    def _parse_frame(self) -> tuple[dict[str, Any], bytes] | None:
        if len(self.buffer) < 4:
            return None
        (size,) = struct.unpack(">I", self.buffer[:4])
        if size > HEADER_CAP:
            raise SandboxError("the sandbox worker sent an oversized frame")
        if len(self.buffer) < 4 + size:
            return None
        try:
            header = json.loads(self.buffer[4 : 4 + size])
            payload_size = int(header["payload"])
        except (ValueError, KeyError, TypeError) as exc:
            raise SandboxError("the sandbox worker sent a malformed frame") from exc
        if payload_size > RESULT_CAP + HEADER_CAP:
            raise SandboxError("the sandbox worker sent an oversized frame")
        end = 4 + size + payload_size
        if len(self.buffer) < end:
            return None
        payload = bytes(self.buffer[4 + size : end])
        del self.buffer[:end]
        return header, payload

    # -- protocol

    def start(self, *, code: str, preamble: str, shape: CallShape) -> CompileResult:
        if self.proc is None:
            self.spawn()
        program = self.language.program(code, shape, self.limits.mem_mb)
        self._send(
            {
                "op": "job",
                "code": code,
                "preamble": preamble,
                "program": program,
                "shape": shape.job(),
                "limits": {
                    "cpu_s": self.limits.cpu_s,
                    "wall_s": self.limits.wall_s,
                    "mem_mb": self.limits.mem_mb,
                    "out_kb": self.limits.out_kb,
                },
                "result_cap": RESULT_CAP,
            }
        )
        header, _ = self._recv(START_TIMEOUT_S)
        if header.get("op") != "compiled":
            raise SandboxError("the sandbox worker answered out of turn")
        line = header.get("line")
        message = str(header.get("message", ""))
        if program is not None:
            message, line = self.language.compile_message(message)
            if header.get("ok"):
                # A compiler's warnings about a program that compiled: facts, never a verdict.
                return CompileResult(ok=True, warnings=message)
        return CompileResult(
            ok=bool(header.get("ok")),
            message=message[:4000],
            line=line if isinstance(line, int) else None,
        )

    def run(self, calls: list[tuple[Call, bytes]]) -> Iterator[tuple[CallResult, bool]]:
        """Send every call (with its JSON payload, `_payloads`) at once and yield each result
        as it comes, with whether the worker may serve the next one (the worker moves on
        without waiting for us)."""
        for call, payload in calls:
            self._send({"op": "run", "repeat": max(1, int(call.repeat))}, payload)
        for _ in calls:
            header, value = self._recv(self.limits.wall_s + MARGIN_S)
            if header.get("op") != "result" or header.get("status") not in STATUSES:
                raise SandboxError("the sandbox worker answered out of turn")
            yield _call_result(header, value), bool(header.get("clean"))


def _call_result(header: dict[str, Any], value: bytes) -> CallResult:
    decoded: Any = None
    status = str(header["status"])
    error = str(header.get("error", ""))
    if status == "ok":
        try:
            decoded = json.loads(value)
        except (ValueError, RecursionError):
            status, error = "runtime_error", "the returned value could not be read back"
    return CallResult(
        status=status,
        value=decoded,
        cpu_s=_number(header.get("cpu_s")),
        wall_s=_number(header.get("wall_s")),
        call_s=_number(header.get("call_s")),
        call_cpu_s=_number(header.get("call_cpu_s")),
        mem_kb=int(_number(header.get("mem_kb"))),
        error=error,
        traceback=str(header.get("traceback", "")),
        stdout=str(header.get("stdout", "")),
    )


def _number(value: Any) -> float:
    return float(value) if isinstance(value, (int, float)) and math.isfinite(value) else 0.0


# ---------------------------------------------------------------- spares

# One sandbox per language is started ahead of need, so that a submission finds its
# interpreter already up (about 80 ms on a quiet 2-core machine). A spare has seen no
# code; it serves exactly one submission, like any other sandbox.
KEEP_SPARE = True
_spares: dict[str, _Worker] = {}
_spares_lock = threading.Lock()


def _take_spare(language: Language, limits: Limits) -> _Worker | None:
    if not KEEP_SPARE:
        return None
    with _spares_lock:
        spare = _spares.pop(language.key, None)
    if spare is None:
        return None
    if spare.owner != os.getpid():
        return None  # inherited through a fork: the parent process owns it
    if not spare.alive():
        spare.kill()
        return None
    spare.retarget(limits)
    return spare


def _restock(language: Language) -> None:
    if not KEEP_SPARE:
        return
    with _spares_lock:
        if language.key in _spares and _spares[language.key].owner == os.getpid():
            return
    worker = _Worker(language, Limits())
    try:
        worker.spawn()
    except SandboxError as exc:
        logger.warning("judge: cannot start a spare sandbox: %s", exc)
        worker.kill()
        return
    with _spares_lock:
        _spares[language.key] = worker


@atexit.register
def _discard_spares() -> None:
    with _spares_lock:
        spares = [w for w in _spares.values() if w.owner == os.getpid()]
        _spares.clear()
    for worker in spares:
        worker.kill()


# ---------------------------------------------------------------- entry point


def _payloads(calls: list[Call], encoded: dict[tuple[Any, ...], tuple[bytes, Call]]) -> list[bytes]:
    """Each call's `[args, kwargs]` as JSON, encoding the same argument objects once.

    Growth measurement sends one size's arguments (10^6-element lists) in several calls:
    encoding them again for each was most of a measurement's time in this process. The
    cache (one per `execute`) keeps the calls it encoded, so an id in its keys cannot be
    taken by another object while it lives; nothing changes the arguments meanwhile.
    """
    out = []
    for call in calls:
        key = (
            tuple(id(a) for a in call.args),
            tuple((name, id(value)) for name, value in call.kwargs.items()),
        )
        if key not in encoded:
            encoded[key] = (json.dumps([call.args, call.kwargs]).encode(), call)
        out.append(encoded[key][0])
    return out


def execute(
    *,
    language: str,
    code: str,
    preamble: str,
    shape: CallShape,
    calls: list[Call],
    limits: Limits,
    stop: Callable[[int, CallResult], bool] | None = None,
) -> tuple[CompileResult, list[CallResult]]:
    """Compile `code` once in a fresh sandbox and run each call in a fresh child.

    `stop(index, result)` may end the run early (e.g. on the first failure); the
    calls not run are then missing from the list. On a sandbox failure the
    compile result is ok and the affected calls are internal errors.
    """
    # A test that is not JSON is the caller's bug: raise now.
    encoded: dict[tuple[Any, ...], tuple[bytes, Call]] = {}
    _payloads(calls, encoded)
    if len(code.encode()) > CODE_CAP:
        return CompileResult(ok=False, message=f"the code is larger than {CODE_CAP // 1024} KB"), []
    results: list[CallResult] = []

    def add(result: CallResult) -> bool:
        """Record a result; True when the caller wants no more."""
        results.append(result)
        return stop is not None and stop(len(results) - 1, result)

    def fail_rest(reason: str) -> None:
        while len(results) < len(calls) and not add(internal_error(reason)):
            pass

    problem = sandbox_problem(language)
    if problem:
        fail_rest(problem)
        return CompileResult(ok=True), results
    lang = get_language(language)
    try:
        calls = [
            Call(args=a, kwargs=k, repeat=c.repeat)
            for c in calls
            for a, k in [lang.positional(shape, list(c.args), dict(c.kwargs))]
        ]
    except ValueError as exc:
        fail_rest(f"the test does not fit the problem's signature: {exc}")
        return CompileResult(ok=True), results
    payloads = _payloads(calls, encoded)
    restarts = 0
    restock = False
    worker: _Worker | None = None
    try:
        while True:
            spare = _take_spare(lang, limits) if restarts == 0 else None
            worker = spare or _Worker(lang, limits)
            try:
                compiled = worker.start(code=code, preamble=preamble, shape=shape)
            except SandboxError as exc:
                worker.kill()
                if spare is not None:
                    logger.warning("judge: a spare sandbox failed (%s); starting a fresh one", exc)
                    restarts += 1
                    continue
                logger.error("judge: sandbox failed to start: %s", exc)
                fail_rest(str(exc))
                return CompileResult(ok=True), results
            restock = True
            if not compiled.ok:
                return compiled, []
            try:
                left = len(results)
                for result, clean in worker.run(list(zip(calls, payloads, strict=True))[left:]):
                    if add(result):
                        worker.kill()
                        return compiled, results
                    if not clean:
                        break
            except SandboxError as exc:
                worker.kill()
                logger.error("judge: sandbox worker failed on call %d: %s", len(results), exc)
                if add(internal_error(str(exc))):
                    return compiled, results
            worker.close()
            if len(results) == len(calls):
                return compiled, results
            restarts += 1
            if restarts > MAX_RESTARTS:
                fail_rest("the sandbox worker failed repeatedly")
                return compiled, results
    finally:
        # The next submission's sandbox boots after this one's calls, not during
        # them: its start-up would otherwise disturb the timings measured here.
        if restock:
            _restock(lang)
        if worker is not None:
            worker.close()
