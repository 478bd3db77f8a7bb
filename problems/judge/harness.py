"""The warm worker that runs INSIDE the sandbox (stdlib only; never imported by Django).

`sandbox.py` starts it as `/usr/bin/python3.11 -I -S -B -c <this file> <codec source> <cmd fd> <out fd>`
inside bubblewrap. It speaks length-prefixed JSON frames on two inherited fds:
commands arrive on one, results leave on the other (their numbers follow the codec source). One worker serves one submission:

1. it installs the worker seccomp filter, reads the job (code, preamble, call
   shape, limits) and compiles, but never runs, the candidate's code;
2. for each call it forks a fresh child that lowers its rlimits, installs a
   stricter filter (no processes, no signals to others, no exec), runs the
   preamble and the candidate's module, makes the call (`codec.prepare_call`:
   a function, a method, or a design class's list of calls) and writes a
   size-capped result frame on its own pipe; stdout/stderr go to another pipe;
3. the worker measures the child from outside (CPU clock, wait4 rusage, wall
   clock), kills it on a limit, wipes /tmp and reports one frame.

Decisions:
- Nothing the child reports is trusted beyond its own return value: CPU, memory,
  wall time and limit verdicts come from the worker, which the child cannot
  signal, trace or write to (seccomp; no /proc is mounted).
- Expected values never come here; the parent outside compares.
- No threads in the child: a thread would also be a way to carry state between
  tests through the pid counter, and no interview problem needs one.
"""

from __future__ import annotations

import errno
import gc
import json
import os
import select
import signal
import struct
import sys
import time
import types
from typing import Any

# argv: <codec source> <cmd fd> <out fd> <tag>; the tag only marks this sandbox's processes.
CMD_FD = int(sys.argv[2]) if len(sys.argv) > 3 else 3
OUT_FD = int(sys.argv[3]) if len(sys.argv) > 3 else 4
HEADER_CAP = 1 << 20
SOLUTION_FILE = "solution.py"
RECURSION_LIMIT = 100_000
TMP = "/tmp"
# Imported while the worker waits for its job: the standard preamble's modules, and
# the ones the harness needs in each child.
WARM_MODULES = (
    "typing", "bisect", "collections", "functools", "heapq", "itertools", "math", "string",
    "inspect", "linecache", "traceback", "shutil",
)  # fmt: skip

# Kept after setup so that a child can never add a new allocation path to this list.
COMMON_DENY = [
    "socket", "socketpair", "unshare", "setns", "mount", "umount2", "pivot_root", "chroot",
    "ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_getfd", "bpf",
    "perf_event_open", "userfaultfd", "keyctl", "add_key", "request_key", "io_uring_setup",
    "io_uring_enter", "io_uring_register", "mq_open", "mq_unlink", "mq_timedsend",
    "mq_timedreceive", "mq_notify", "mq_getsetattr", "shmget", "shmat", "shmctl", "shmdt",
    "semget", "semop", "semctl", "semtimedop", "msgget", "msgsnd", "msgrcv", "msgctl",
    "memfd_create", "sched_setaffinity", "sched_setscheduler", "sched_setparam",
    "sched_setattr", "setpriority", "ioprio_set", "personality", "acct", "swapon", "swapoff",
    "reboot", "init_module", "finit_module", "delete_module", "kexec_load", "kexec_file_load",
    "open_by_handle_at", "name_to_handle_at", "iopl", "ioperm", "syslog", "settimeofday",
    "clock_settime", "adjtimex", "clock_adjtime", "sethostname", "setdomainname", "quotactl",
    "fanotify_init", "migrate_pages", "move_pages", "mbind", "set_mempolicy", "vhangup",
    "uselib", "execve", "execveat", "fsopen", "fsmount", "fsconfig", "fspick", "move_mount",
    "open_tree", "mount_setattr", "lookup_dcookie",
]  # fmt: skip
CHILD_DENY = [
    "clone", "fork", "vfork", "pidfd_open", "pidfd_send_signal", "rt_sigqueueinfo",
    "rt_tgsigqueueinfo", "setsid", "setpgid",
]  # fmt: skip
NAMESPACE_FLAGS = [
    0x00020000,  # CLONE_NEWNS
    0x02000000,  # CLONE_NEWCGROUP
    0x04000000,  # CLONE_NEWUTS
    0x08000000,  # CLONE_NEWIPC
    0x10000000,  # CLONE_NEWUSER
    0x20000000,  # CLONE_NEWPID
    0x40000000,  # CLONE_NEWNET
    0x00000080,  # CLONE_NEWTIME
]


# ---------------------------------------------------------------- framing


def read_exact(fd: int, n: int) -> bytes:
    chunks = []
    while n:
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def read_frame(fd: int) -> tuple[dict[str, Any], bytes]:
    (size,) = struct.unpack(">I", read_exact(fd, 4))
    if size > HEADER_CAP:
        raise ValueError("frame header too large")
    header = json.loads(read_exact(fd, size))
    payload = read_exact(fd, int(header.get("payload", 0)))
    return header, payload


def encode_frame(header: dict[str, Any], payload: bytes = b"") -> bytes:
    header = dict(header, payload=len(payload))
    data = json.dumps(header).encode()
    return struct.pack(">I", len(data)) + data + payload


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


# ---------------------------------------------------------------- seccomp


def load_filter(seccomp: Any, names: list[str], extra: Any = None) -> None:
    deny = seccomp.ERRNO(errno.EPERM)
    flt = seccomp.SyscallFilter(seccomp.ALLOW)
    for name in names:
        try:
            flt.add_rule(deny, name)
        except (RuntimeError, ValueError):
            pass  # not a syscall on this architecture
    # glibc falls back to clone() when clone3() is missing, where flags are visible.
    flt.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")
    if extra is not None:
        extra(flt, deny)
    flt.load()


def worker_rules(seccomp: Any) -> Any:
    def add(flt: Any, deny: Any) -> None:
        for flag in NAMESPACE_FLAGS:
            flt.add_rule(deny, "clone", seccomp.Arg(0, seccomp.MASKED_EQ, flag, flag))

    return add


def child_rules(seccomp: Any, pid: int) -> Any:
    def add(flt: Any, deny: Any) -> None:
        # Signals only to itself: the worker and other processes are out of reach.
        flt.add_rule(deny, "kill", seccomp.Arg(0, seccomp.NE, pid))
        flt.add_rule(deny, "tkill", seccomp.Arg(0, seccomp.NE, pid))
        flt.add_rule(deny, "tgkill", seccomp.Arg(0, seccomp.NE, pid))
        flt.add_rule(deny, "prlimit64", seccomp.Arg(0, seccomp.NE, 0))

    return add


# ---------------------------------------------------------------- the child


def trim_traceback(exc: BaseException) -> str:
    import traceback

    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == SOLUTION_FILE]
    lines = ["Traceback (most recent call last):\n"]
    lines += traceback.format_list(frames[-20:])
    lines += traceback.format_exception_only(type(exc), exc)[-1:]
    return "".join(lines)[-4000:]


def describe(exc: BaseException) -> str:
    try:
        text = str(exc)
    except BaseException:  # noqa: B036 - a candidate's __str__ may raise anything
        text = "<unprintable>"
    name = type(exc).__name__
    notes = getattr(exc, "__notes__", None)
    if isinstance(notes, list) and notes and all(isinstance(n, str) for n in notes):
        text = f"{text} ({'; '.join(notes)})" if text else "; ".join(notes)
    return (f"{name}: {text}" if text else name)[:1000]


class Prepared:
    """What the worker makes once per submission and every child inherits by fork."""

    def __init__(self, job: dict[str, Any], code: Any) -> None:
        import linecache
        import math  # noqa: F401 - warm for the children
        import traceback  # noqa: F401 - warm for the children

        self.code = code
        self.preamble_error = ""
        self.namespace: dict[str, Any] = {"__name__": "solution", "__file__": SOLUTION_FILE}
        source = job["code"]
        linecache.cache[SOLUTION_FILE] = (len(source), None, source.splitlines(True), SOLUTION_FILE)
        try:
            # The problem's own trusted preamble runs once, here, so that its imports are warm.
            exec(compile(job["preamble"], "<preamble>", "exec"), self.namespace)  # noqa: S102
        except BaseException as exc:  # noqa: B036 - reported on every call
            self.preamble_error = describe(exc)


def child_main(
    job: dict[str, Any], prepared: Prepared, codec: Any, call: bytes, repeat: int
) -> tuple[dict[str, Any], bytes]:
    """Run one call; return the result header and the JSON value."""
    perf = time.perf_counter
    namespace = prepared.namespace  # the worker's copy is untouched: this is a forked child
    try:
        if prepared.preamble_error:
            raise RuntimeError(f"the problem's preamble failed: {prepared.preamble_error}")
        exec(prepared.code, namespace)  # noqa: S102 - candidate code, inside the sandbox
        best = float("inf")
        value: Any = None
        encode: Any = None
        for _ in range(max(1, repeat)):
            args, kwargs = json.loads(call)
            invoke, encode = codec.prepare_call(namespace, job["shape"], args, kwargs)
            start = perf()
            value = invoke()
            best = min(best, perf() - start)
        encoded = json.dumps(encode(value), allow_nan=True).encode()
    except MemoryError:
        return {"status": "mle", "error": "MemoryError"}, b""
    except SystemExit as exc:
        return {
            "status": "runtime_error",
            "error": f"the program exited (SystemExit: {describe(exc)}) before returning a value",
            "traceback": trim_traceback(exc),
        }, b""
    except OSError as exc:
        status = (
            "ole" if exc.errno in (errno.EFBIG, errno.ENOSPC, errno.EDQUOT) else "runtime_error"
        )
        return {"status": status, "error": describe(exc), "traceback": trim_traceback(exc)}, b""
    except BaseException as exc:  # noqa: B036 - every failure of candidate code is reported
        return {
            "status": "runtime_error",
            "error": describe(exc),
            "traceback": trim_traceback(exc),
        }, b""
    return {"status": "ok", "call_s": best}, encoded


def child_run(
    job: dict[str, Any],
    prepared: Prepared,
    codec: Any,
    seccomp: Any,
    call: bytes,
    repeat: int,
    result_w: int,
    out_w: int,
    as_bytes: int,
) -> None:
    import resource

    limits = job["limits"]
    os.dup2(out_w, 1)
    os.dup2(out_w, 2)
    null = os.open("/dev/null", os.O_RDONLY)
    os.dup2(null, 0)
    os.closerange(3, result_w)
    os.closerange(result_w + 1, 1 << 16)
    cpu = int(limits["cpu_s"]) + 1
    file_cap = max(int(limits["out_kb"]) * 1024, 1 << 20)
    for name, limit in (
        ("RLIMIT_CPU", (cpu, cpu + 1)),
        ("RLIMIT_AS", (as_bytes, as_bytes)),
        ("RLIMIT_FSIZE", (file_cap, file_cap)),
        ("RLIMIT_NOFILE", (64, 64)),
        ("RLIMIT_NPROC", (1, 1)),
        ("RLIMIT_CORE", (0, 0)),
        ("RLIMIT_MEMLOCK", (0, 0)),
        ("RLIMIT_MSGQUEUE", (0, 0)),
        ("RLIMIT_STACK", (256 << 20, 256 << 20)),
    ):
        resource.setrlimit(getattr(resource, name), limit)
    sys.setrecursionlimit(RECURSION_LIMIT)
    load_filter(seccomp, CHILD_DENY, child_rules(seccomp, os.getpid()))  # on top of the worker's

    header, value = child_main(job, prepared, codec, call, repeat)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:  # noqa: B036 - a candidate may have broken stdout; the result still counts
        pass
    cap = int(job["result_cap"])
    if len(value) > cap:
        header, value = (
            {"status": "ole", "error": f"the returned value is larger than {cap // 1024} KB"},
            b"",
        )
    write_all(result_w, encode_frame(header, value))
    os._exit(0)


# ---------------------------------------------------------------- the worker


def cpu_of(pid: int) -> float:
    try:
        return time.clock_gettime((~pid << 3) | 2)  # the process's CPUCLOCK_SCHED
    except OSError:
        return 0.0


def wipe_tmp() -> bool:
    """Remove everything a test wrote; False if something could not be removed."""
    import shutil

    def fix(func: Any, path: str, _exc: Any) -> None:
        os.chmod(os.path.dirname(path), 0o700)
        os.chmod(path, 0o700) if os.path.isdir(path) else None
        func(path)

    for entry in os.scandir(TMP):
        try:
            if entry.is_dir(follow_symlinks=False):
                os.chmod(entry.path, 0o700)
                shutil.rmtree(entry.path, onerror=fix)
            else:
                os.unlink(entry.path)
        except OSError:
            return False
    return not os.listdir(TMP)


def run_call(
    job: dict[str, Any],
    prepared: Prepared,
    codec: Any,
    seccomp: Any,
    call: bytes,
    repeat: int,
    as_bytes: int,
) -> tuple[dict[str, Any], bytes]:
    limits = job["limits"]
    cpu_limit = float(limits["cpu_s"])
    wall_limit = float(limits["wall_s"])
    out_cap = int(limits["out_kb"]) * 1024
    frame_cap = int(job["result_cap"]) + HEADER_CAP
    mem_limit_kb = int(limits["mem_mb"]) * 1024

    result_r, result_w = os.pipe()
    out_r, out_w = os.pipe()
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns
        try:
            os.close(result_r)
            os.close(out_r)
            child_run(job, prepared, codec, seccomp, call, repeat, result_w, out_w, as_bytes)
        finally:
            os._exit(70)
    os.close(result_w)
    os.close(out_w)
    pidfd = os.pidfd_open(pid)
    for fd in (result_r, out_r):
        os.set_blocking(fd, False)
    poller = select.poll()
    for fd in (result_r, out_r, pidfd):
        poller.register(fd, select.POLLIN)
    result = bytearray()
    output = bytearray()
    out_total = 0
    killed = ""
    open_fds = {result_r, out_r}
    next_cpu_check = cpu_limit
    exited = False

    def kill(reason: str) -> None:
        nonlocal killed
        if not killed:
            killed = reason
            os.kill(pid, signal.SIGKILL)

    while not exited or open_fds:
        elapsed = time.monotonic() - start
        if not killed:
            if elapsed >= next_cpu_check:
                used = cpu_of(pid)
                if used >= cpu_limit:
                    kill("tle")
                # CPU time never runs ahead of the wall clock: sleep until it could reach the limit.
                next_cpu_check = elapsed + max(cpu_limit - used, 0.005)
            if elapsed >= wall_limit:
                kill("tle_wall")
        timeout = max(0.0, min(next_cpu_check, wall_limit) - elapsed)
        if exited:
            timeout = 0.05  # drain what the child left in the pipes
        events = poller.poll(timeout * 1000 + 1)
        for fd, _ in events:
            if fd == pidfd:
                exited = True
                poller.unregister(pidfd)
                continue
            try:
                chunk = os.read(fd, 1 << 16)
            except BlockingIOError:
                continue
            if not chunk:
                poller.unregister(fd)
                open_fds.discard(fd)
                continue
            if fd == result_r:
                result += chunk
                if len(result) > frame_cap:
                    kill("ole_value")
                    result.clear()
            else:
                out_total += len(chunk)
                if len(output) < 4096:
                    output += chunk[: 4096 - len(output)]
                if out_total > out_cap:
                    kill("ole")
        if exited and not events:
            break
    _, status, rusage = os.wait4(pid, 0)
    wall = time.monotonic() - start
    for fd in (result_r, out_r, pidfd):
        os.close(fd)

    cpu = rusage.ru_utime + rusage.ru_stime
    mem_kb = int(rusage.ru_maxrss)
    header: dict[str, Any] = {}
    value = b""
    if result and not killed:
        try:
            (size,) = struct.unpack(">I", result[:4])
            header = json.loads(result[4 : 4 + size])
            if not isinstance(header, dict):
                raise ValueError
            end = 4 + size + int(header.get("payload", 0))
            value = bytes(result[4 + size : end])
            if end != len(result):
                # The harness writes one frame, once; anything else was written by the candidate.
                raise ValueError("more than one frame")
        except (ValueError, struct.error, TypeError):
            header = {"status": "runtime_error", "error": "the result channel was tampered with"}
    reported = header.get("status")
    out: dict[str, Any] = {
        "status": "runtime_error",
        "cpu_s": cpu,
        "wall_s": wall,
        "mem_kb": mem_kb,
        "call_s": 0.0,
        "error": "",
        "traceback": "",
        "stdout": output.decode("utf-8", "replace"),
    }
    signum = os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0
    if killed in ("tle", "tle_wall"):
        what = "CPU" if killed == "tle" else "wall-clock"
        limit = cpu_limit if killed == "tle" else wall_limit
        out.update(status="tle", error=f"{what} time limit of {limit:g} s exceeded")
    elif killed == "ole":
        out.update(status="ole", error=f"printed more than {out_cap // 1024} KB")
    elif killed == "ole_value":
        out.update(status="ole", error="the returned value is too large")
    elif signum == signal.SIGXCPU or cpu >= cpu_limit:
        out.update(status="tle", error=f"CPU time limit of {cpu_limit:g} s exceeded")
    elif mem_kb > mem_limit_kb or reported == "mle":
        out.update(status="mle", error=f"memory limit of {mem_limit_kb // 1024} MB exceeded")
    elif signum:
        try:
            name = signal.Signals(signum).name
        except ValueError:
            name = str(signum)
        out["error"] = f"killed by signal {name}" + (
            " (segmentation fault: a crash in native code or too deep a recursion)"
            if signum == signal.SIGSEGV
            else ""
        )
    elif reported in ("ok", "runtime_error", "ole"):
        out.update(
            status=reported,
            error=str(header.get("error", ""))[:1000],
            traceback=str(header.get("traceback", ""))[:4000],
        )
        if reported == "ok":
            try:
                call_s = float(header.get("call_s", 0.0))
            except (TypeError, ValueError):
                call_s = wall
            out["call_s"] = min(max(call_s, 0.0), wall)  # the child's own clock, kept honest
        else:
            value = b""
    else:
        code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1
        out["error"] = f"the program exited (exit code {code}) before returning a value"
    if out["status"] != "ok":
        value = b""
    return out, value


def main() -> None:
    os.umask(0o077)
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    sys.path.append("/usr/lib/python3/dist-packages")
    import resource

    import seccomp

    for name in WARM_MODULES:
        __import__(name)
    codec = types.ModuleType("codec")
    exec(compile(sys.argv[1], "<codec>", "exec"), codec.__dict__)  # noqa: S102 - our own module
    load_filter(seccomp, COMMON_DENY, worker_rules(seccomp))

    job, _ = read_frame(CMD_FD)
    # The children's address space: what the worker maps now plus the memory limit.
    # The worker keeps the same cap, so that compiling hostile source cannot exhaust memory.
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    as_bytes = max(base * 3, 64 << 20) + int(job["limits"]["mem_mb"]) * (1 << 20)
    resource.setrlimit(resource.RLIMIT_AS, (as_bytes, as_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    try:
        code = compile(job["code"], SOLUTION_FILE, "exec", dont_inherit=True)
    except SyntaxError as exc:
        line = exc.lineno if exc.filename == SOLUTION_FILE else None
        message = f"{type(exc).__name__}: {exc.msg}"  # the line travels on its own, shown once
        write_all(
            OUT_FD, encode_frame({"op": "compiled", "ok": False, "message": message, "line": line})
        )
        return
    except (ValueError, RecursionError, MemoryError) as exc:
        write_all(
            OUT_FD,
            encode_frame({"op": "compiled", "ok": False, "message": describe(exc), "line": None}),
        )
        return
    prepared = Prepared(job, code)
    gc.freeze()  # the children's collector then leaves the worker's pages shared
    write_all(OUT_FD, encode_frame({"op": "compiled", "ok": True, "message": "", "line": None}))

    while True:
        try:
            header, payload = read_frame(CMD_FD)
        except EOFError:
            return
        if header.get("op") != "run":
            return
        result, value = run_call(
            job, prepared, codec, seccomp, payload, int(header.get("repeat", 1)), as_bytes
        )
        result["clean"] = wipe_tmp()
        write_all(OUT_FD, encode_frame(dict(result, op="result"), value))
        if not result["clean"]:
            return


if __name__ == "__main__":
    main()
