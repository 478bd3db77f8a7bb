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

Other languages (C++, Java, JavaScript, TypeScript; `languages.py`) use the same
worker in "exec" mode: the job then carries a `program` (source files, compiler
command lines, the run command line, the child's limits). The worker writes the
files into /build, runs each compiler once in a child of its own (it may fork:
g++ drives cc1plus, as and ld), makes /build read-only, and then, per call, forks
a child exactly as for Python whose last trusted act is to exec the compiled
program (the generated driver reads the call on stdin and writes one frame on fd 3).
What changes in exec mode, and why the guarantees still hold:
- the worker filter allows execve, for the compilers and the per-call exec. The
  child's filter allows exactly one execve: the one whose path argument is at the
  address of a buffer the child made just before (seccomp compares the pointer;
  after the exec nothing of the old image exists at that address, so the program
  cannot exec anything, itself included, short of guessing a random heap address).
- a JVM and Node need threads: the child may clone with CLONE_THREAD (a thread of
  its own process), never without (another process); the cgroup's pids limit and
  RLIMIT_NPROC bound the threads. A thread dies with its process at the end of the call.
- the child cannot chmod (no chmod syscalls) and /build is read-only for it, so a
  test cannot change the program or a class file that the next test loads.
- the runtime's own baseline (a JVM or V8 heap, startup CPU) is allowed on top of
  the problem's limits (`mem_extra_mb`, `cpu_extra_s`), so that the same problem
  limits mean the same for the candidate's own code.
"""

from __future__ import annotations

import errno
import gc
import json
import os
import re
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
START_TIMEOUT_S = 10.0  # a server runtime's start-up
SOLUTION_FILE = "solution.py"
BUILD = "/build"  # exec mode: the program's files; read-only after compiling
COMPILE_OUTPUT_CAP = 64 << 10
EXEC_MODE = len(sys.argv) > 5 and sys.argv[5] == "exec"
# Exec mode: syscalls of COMMON_DENY that this language's runtime cannot start without
# (the JVM's NIO makes an AF_UNIX socketpair at start-up: a pair of connected ends
# inside the process, in a sandbox with no network). Only ones named in ALLOWABLE.
ALLOWABLE = ("socketpair",)
EXTRA_ALLOWED = [n for n in (sys.argv[6].split(",") if len(sys.argv) > 6 else []) if n in ALLOWABLE]
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
CLONE_THREAD = 0x00010000
CHMOD_CALLS = ["chmod", "fchmod", "fchmodat", "fchmodat2"]
# Exec mode: the worker itself may exec (compilers, then each call's program).
EXEC_ALLOWED = ("execve", "execveat")
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


def child_rules(seccomp: Any, pid: int, exec_path: int = 0, threads: bool = False) -> Any:
    """The per-call filter's extra rules. `exec_path`: the address of the one path the
    child may still exec (exec mode); `threads`: clone only with CLONE_THREAD."""

    def add(flt: Any, deny: Any) -> None:
        if exec_path:
            flt.add_rule(deny, "execve", seccomp.Arg(0, seccomp.NE, exec_path))
            for name in CHMOD_CALLS:
                try:
                    flt.add_rule(deny, name)
                except (RuntimeError, ValueError):
                    pass
        if threads:
            # A thread (CLONE_THREAD) of this process only; never another process.
            flt.add_rule(deny, "clone", seccomp.Arg(0, seccomp.MASKED_EQ, CLONE_THREAD, 0))
        for flag in NAMESPACE_FLAGS if threads else ():
            flt.add_rule(deny, "clone", seccomp.Arg(0, seccomp.MASKED_EQ, flag, flag))
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
    perf, cpu = time.perf_counter, time.thread_time
    namespace = prepared.namespace  # the worker's copy is untouched: this is a forked child
    try:
        if prepared.preamble_error:
            raise RuntimeError(f"the problem's preamble failed: {prepared.preamble_error}")
        exec(prepared.code, namespace)  # noqa: S102 - candidate code, inside the sandbox
        best = best_cpu = float("inf")
        value: Any = None
        encode: Any = None
        for _ in range(max(1, repeat)):
            args, kwargs = json.loads(call)
            invoke, encode = codec.prepare_call(namespace, job["shape"], args, kwargs)
            start, start_cpu = perf(), cpu()
            value = invoke()
            spent_cpu, spent = cpu() - start_cpu, perf() - start
            best, best_cpu = min(best, spent), min(best_cpu, spent_cpu)
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
    return {"status": "ok", "call_s": best, "call_cpu_s": best_cpu}, encoded


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


# ---------------------------------------------------------------- exec mode


def run_tool(argv: list[str], env: dict[str, str], limits: dict[str, Any]) -> tuple[bool, str]:
    """Run a compiler in /build: (succeeded, its output, capped). It may fork (g++ does)."""
    return finish_tool(start_tool(argv, env, limits), limits)


def start_tool(
    argv: list[str], env: dict[str, str], limits: dict[str, Any]
) -> tuple[int, int, float]:
    """Start a tool in /build: (pid, its output pipe, its wall-clock deadline)."""
    import resource

    out_r, out_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns
        try:
            os.setpgid(0, 0)  # a compiler's own subprocesses die with it on a timeout
            os.dup2(out_w, 1)
            os.dup2(out_w, 2)
            null = os.open("/dev/null", os.O_RDONLY)
            os.dup2(null, 0)
            os.closerange(3, 1 << 16)
            os.chdir(BUILD)
            cpu = int(limits["cpu_s"])
            as_bytes = int(limits["as_mb"]) << 20
            for name, limit in (
                ("RLIMIT_CPU", (cpu, cpu + 1)),
                ("RLIMIT_AS", (as_bytes, as_bytes)),
                ("RLIMIT_FSIZE", (64 << 20, 64 << 20)),
                ("RLIMIT_CORE", (0, 0)),
            ):
                resource.setrlimit(getattr(resource, name), limit)
            os.execve(argv[0], argv, env)
        finally:
            os._exit(70)
    os.close(out_w)
    os.set_blocking(out_r, False)
    return pid, out_r, time.monotonic() + float(limits["wall_s"])


def finish_tool(started: tuple[int, int, float], limits: dict[str, Any]) -> tuple[bool, str]:
    """Wait for a started tool: (succeeded, its output, capped); killed at its deadline."""
    pid, out_r, deadline = started
    output = bytearray()
    timed_out = False
    poller = select.poll()
    poller.register(out_r, select.POLLIN)
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            timed_out = True
            break
        if not poller.poll(left * 1000):
            continue
        try:
            chunk = os.read(out_r, 1 << 16)
        except BlockingIOError:
            continue
        if not chunk:
            break
        if len(output) < COMPILE_OUTPUT_CAP:
            output += chunk[: COMPILE_OUTPUT_CAP - len(output)]
    if timed_out:
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass
    _, status = os.waitpid(pid, 0)
    os.close(out_r)
    text = output.decode("utf-8", "replace")
    if timed_out or (os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, 9)):
        return False, text + f"\ncompilation took longer than {limits['wall_s']} s"
    return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, text


def build_program(
    program: dict[str, Any],
) -> tuple[bool, str, list[tuple[int, int, float]]]:
    """Write the program's files into /build, compile them once, make /build read-only:
    (compiled, the compilers' output, the checks started on the read-only /build, to be
    collected with `finish_checks` while the program's runtime starts)."""
    for name, text in program["files"].items():
        if name.startswith("/") or ".." in name.split("/"):
            raise ValueError(f"bad file name {name!r}")
        path = os.path.join(BUILD, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
    env = dict(program["env"])
    outputs = []
    # Diagnostics that are findings, not errors (TypeScript's lint checks, made by the
    # compile itself): a compile that reports only these compiled.
    findings = re.compile(r"\berror (TS\d+):")
    finding_codes = set(program.get("finding_codes", ()))
    for argv in program["compile"]:
        ok, output = run_tool(argv, env, program["compile_limits"])
        codes = set(findings.findall(output))
        if not ok and not (finding_codes and codes and codes <= finding_codes):
            return False, output, []
        outputs.append(output)
    for root, dirs, files in os.walk(BUILD):
        for name in files:
            os.chmod(os.path.join(root, name), 0o555)
        for name in dirs:
            os.chmod(os.path.join(root, name), 0o555)
    os.chmod(BUILD, 0o555)
    # Checks whose findings are facts (code quality), never a compile error: they read the
    # read-only /build while the runtime starts.
    checks = [start_tool(argv, env, program["compile_limits"]) for argv in program.get("lint", [])]
    return True, "\n".join(o for o in outputs if o.strip())[:COMPILE_OUTPUT_CAP], checks


def finish_checks(
    program: dict[str, Any], output: str, checks: list[tuple[int, int, float]]
) -> str:
    """The compilers' output with the checks' added; /tmp wiped of the tools' files."""
    outputs = [output, *(finish_tool(check, program["compile_limits"])[1] for check in checks)]
    wipe_tmp()  # the compilers' temporary files
    return "\n".join(o for o in outputs if o.strip())[:COMPILE_OUTPUT_CAP]


def exec_child(
    job: dict[str, Any],
    seccomp: Any,
    call: bytes,
    repeat: int,
    result_w: int,
    out_w: int,
    commands: int = -1,
) -> None:
    """Exec mode's child: the call on stdin (or, for a server, the worker's command pipe),
    the result frame's fd, then the program."""
    import ctypes
    import resource

    program = job["program"]
    limits = job["limits"]
    if commands >= 0:
        fd = commands
    else:
        path = f"{TMP}/.call"
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        write_all(fd, b"%d\n" % max(1, repeat) + call)
        os.lseek(fd, 0, os.SEEK_SET)
        os.unlink(path)  # the program reads its call on stdin; nothing of it stays in /tmp
    os.dup2(fd, 0)
    os.dup2(out_w, 1)
    os.dup2(out_w, 2)
    if int(program.get("result_fd", 3)) == 1:
        # A JVM cannot open an inherited fd by number: its driver writes the frame on
        # stdout and hands the candidate a System.out that writes to fd 2.
        os.dup2(result_w, 1)
    else:
        os.dup2(result_w, 3)
    os.closerange(4, 1 << 16)
    os.chdir(TMP)
    cpu = int(float(limits["cpu_s"]) + float(program["cpu_extra_s"])) + 1
    file_cap = max(int(limits["out_kb"]) * 1024, 1 << 20)
    as_bytes = (int(limits["mem_mb"]) + int(program["as_extra_mb"])) << 20
    nproc = int(program["nproc"])
    for name, limit in (
        ("RLIMIT_CPU", (cpu, cpu + 1)),
        ("RLIMIT_AS", (as_bytes, as_bytes)),
        ("RLIMIT_FSIZE", (file_cap, file_cap)),
        ("RLIMIT_NOFILE", (int(program["nofile"]), int(program["nofile"]))),
        ("RLIMIT_NPROC", (nproc, nproc)),
        ("RLIMIT_CORE", (0, 0)),
        ("RLIMIT_MEMLOCK", (0, 0)),
        ("RLIMIT_MSGQUEUE", (0, 0)),
        ("RLIMIT_STACK", (256 << 20, 256 << 20)),
    ):
        resource.setrlimit(getattr(resource, name), limit)
    argv = [a.encode() for a in program["run"]]
    env = [f"{k}={v}".encode() for k, v in program["env"].items()]
    libc = ctypes.CDLL(None, use_errno=True)
    exe = ctypes.create_string_buffer(argv[0])
    c_argv = (ctypes.c_char_p * (len(argv) + 1))(*argv, None)
    c_env = (ctypes.c_char_p * (len(env) + 1))(*env, None)
    threads = bool(program["threads"])
    deny = [n for n in CHILD_DENY if not (threads and n == "clone")] + ["execveat"]
    load_filter(seccomp, deny, child_rules(seccomp, os.getpid(), ctypes.addressof(exe), threads))
    libc.execve(exe, c_argv, c_env)
    os.write(2, f"cannot start the program: errno {ctypes.get_errno()}".encode())
    os._exit(71)


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


def take_reported(out: dict[str, Any], header: dict[str, Any], wall: float, cpu: float) -> None:
    """What the test's own frame says (ok, runtime_error, ole), with its call times kept honest
    (no more than the wall clock and the CPU time measured from outside)."""
    reported = header.get("status")
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
        try:
            call_cpu_s = float(header.get("call_cpu_s", 0.0))
        except (TypeError, ValueError):
            call_cpu_s = cpu
        out["call_cpu_s"] = min(max(call_cpu_s, 0.0), cpu)


def run_call(
    job: dict[str, Any],
    prepared: Prepared | None,
    codec: Any,
    seccomp: Any,
    call: bytes,
    repeat: int,
    as_bytes: int,
) -> tuple[dict[str, Any], bytes]:
    limits = job["limits"]
    program = job.get("program")
    cpu_limit = float(limits["cpu_s"]) + (float(program["cpu_extra_s"]) if program else 0.0)
    wall_limit = float(limits["wall_s"]) + (float(program["cpu_extra_s"]) if program else 0.0)
    out_cap = int(limits["out_kb"]) * 1024
    frame_cap = int(job["result_cap"]) + HEADER_CAP
    mem_limit_kb = (int(limits["mem_mb"]) + (int(program["mem_extra_mb"]) if program else 0)) * 1024

    result_r, result_w = os.pipe()
    out_r, out_w = os.pipe()
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns
        try:
            os.close(result_r)
            os.close(out_r)
            if prepared is None:
                exec_child(job, seccomp, call, repeat, result_w, out_w)
            else:
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
        "call_cpu_s": 0.0,
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
    elif (
        mem_kb > mem_limit_kb
        or reported == "mle"
        # A runtime that stops itself at its heap limit (V8) says so; a candidate who
        # prints this and dies only earns MLE for RE.
        or (program and not header and any(m.encode() in output for m in program["mle_markers"]))
    ):
        out.update(status="mle", error=f"memory limit of {int(limits['mem_mb'])} MB exceeded")
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
        take_reported(out, header, wall, cpu)
        if reported != "ok":
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
    if EXEC_MODE:
        import ctypes  # noqa: F401 - warm for the children's exec

        allowed = (*EXEC_ALLOWED, *EXTRA_ALLOWED)
        deny = [name for name in COMMON_DENY if name not in allowed]
    else:
        deny = COMMON_DENY
    load_filter(seccomp, deny, worker_rules(seccomp))

    job, _ = read_frame(CMD_FD)
    if EXEC_MODE:
        exec_main(job, codec, seccomp)
        return
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


# ---------------------------------------------------------------- exec mode: a server


class Server:
    """A runtime that serves every call of a submission in one process (the JVM, whose
    start-up would otherwise be paid per test; `program["server"]`).

    The driver reads "repeat length\\n" and the call on stdin and answers one frame per
    call, loading the candidate's classes afresh for each (a new class loader: no static
    field survives) and restoring the JVM's global settings; a call that leaves a thread
    running ends the process after its frame. The worker still measures and kills from
    outside: CPU time is the process's CPU clock over the call, a limit kills the process
    and the next call starts a fresh one; /tmp is wiped between calls. What a call could
    still leave behind is JDK-internal state reachable without reflection into java.base
    (strong encapsulation forbids that); the README says so.
    """

    def __init__(self, job: dict[str, Any], seccomp: Any) -> None:
        self.job = job
        self.seccomp = seccomp
        self.pid = 0
        self.ready = False
        self.compile_error = ""  # the runtime's own compile error, from its first frame

    def spawn(self) -> None:
        """Start the process; it gets ready (the JVM's start-up) while the worker goes on."""
        cmd_r, self.cmd_w = os.pipe()
        self.result_r, result_w = os.pipe()
        self.out_r, out_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child never returns
            try:
                for fd in (self.cmd_w, self.result_r, self.out_r):
                    os.close(fd)
                exec_child(self.job, self.seccomp, b"", 1, result_w, out_w, commands=cmd_r)
            finally:
                os._exit(70)
        for fd in (cmd_r, result_w, out_w):
            os.close(fd)
        self.pid = pid
        self.pidfd = os.pidfd_open(pid)
        for fd in (self.result_r, self.out_r):
            os.set_blocking(fd, False)
        self.buffer = bytearray()
        self.ready = False

    def start(self) -> str:
        """Spawn the process unless it is running, and wait for its ready frame; an error
        text when it fails."""
        if not self.pid:
            self.spawn()
        if self.ready:
            return ""
        header, _, output, why = self.exchange(b"", START_TIMEOUT_S, START_TIMEOUT_S, 1 << 20)
        if header.get("status") == "compile_error":
            self.compile_error = str(header.get("message", ""))[:COMPILE_OUTPUT_CAP]
        if header.get("status") != "ready":
            self.stop()
            return why or output.decode("utf-8", "replace")[-1000:] or "the runtime did not start"
        self.ready = True
        return ""

    def stop(self) -> tuple[int, Any]:
        if not self.pid:
            return 0, None
        try:
            os.kill(self.pid, signal.SIGKILL)
        except OSError:
            pass
        _, status, rusage = os.wait4(self.pid, 0)
        for fd in (self.cmd_w, self.result_r, self.out_r, self.pidfd):
            os.close(fd)
        self.pid = 0
        self.ready = False
        return status, rusage

    def exchange(
        self, command: bytes, cpu_limit: float, wall_limit: float, out_cap: int
    ) -> tuple[dict[str, Any], bytes, bytearray, str]:
        """Send a command; (header, value, output, why it failed) of the one frame it answers."""
        start = time.monotonic()
        cpu_start = cpu_of(self.pid)
        if command:
            try:
                write_all(self.cmd_w, command)
            except OSError:
                return {}, b"", bytearray(), "exited"
        output = bytearray()
        out_total = 0
        poller = select.poll()
        for fd in (self.result_r, self.out_r, self.pidfd):
            poller.register(fd, select.POLLIN)
        while True:
            frame = self._frame()
            if frame is not None:
                header, value = frame
                header["cpu_s"] = max(0.0, cpu_of(self.pid) - cpu_start)
                header["wall_s"] = time.monotonic() - start
                return header, value, output, "tampered" if self.buffer else ""
            elapsed = time.monotonic() - start
            if cpu_of(self.pid) - cpu_start >= cpu_limit:
                return {}, b"", output, "tle"
            if elapsed >= wall_limit:
                return {}, b"", output, "tle_wall"
            for fd, _ in poller.poll(min(50.0, (wall_limit - elapsed) * 1000) + 1):
                if fd == self.pidfd:
                    self._drain(output)
                    if self._frame() is None:
                        return {}, b"", output, "exited"
                    continue
                try:
                    chunk = os.read(fd, 1 << 16)
                except BlockingIOError:
                    continue
                if fd == self.result_r:
                    self.buffer += chunk
                    if len(self.buffer) > int(self.job["result_cap"]) + HEADER_CAP:
                        return {}, b"", output, "ole_value"
                else:
                    out_total += len(chunk)
                    if len(output) < 4096:
                        output += chunk[: 4096 - len(output)]
                    if out_total > out_cap:
                        return {}, b"", output, "ole"

    def _drain(self, output: bytearray) -> None:
        for fd in (self.result_r, self.out_r):
            try:
                while chunk := os.read(fd, 1 << 16):
                    if fd == self.result_r:
                        self.buffer += chunk
                    elif len(output) < 4096:
                        output += chunk[: 4096 - len(output)]
            except BlockingIOError:
                pass

    def _frame(self) -> tuple[dict[str, Any], bytes] | None:
        if len(self.buffer) < 4:
            return None
        (size,) = struct.unpack(">I", self.buffer[:4])
        if len(self.buffer) < 4 + size:
            return None
        try:
            header = json.loads(self.buffer[4 : 4 + size])
            end = 4 + size + int(header.get("payload", 0))
        except (ValueError, TypeError, AttributeError):
            header, end = (
                {"status": "runtime_error", "error": "the result channel was tampered with"},
                len(self.buffer),
            )
        if not isinstance(header, dict):
            header, end = (
                {"status": "runtime_error", "error": "the result channel was tampered with"},
                len(self.buffer),
            )
        if len(self.buffer) < end:
            return None
        value = bytes(self.buffer[4 + size : end])
        del self.buffer[:end]
        return header, value


def serve_call(
    job: dict[str, Any], server: Server, call: bytes, repeat: int
) -> tuple[dict[str, Any], bytes]:
    """One call on the server (started first when it is not running)."""
    limits = job["limits"]
    program = job["program"]
    cpu_limit = float(limits["cpu_s"]) + float(program["cpu_extra_s"])
    wall_limit = float(limits["wall_s"]) + float(program["cpu_extra_s"])
    out_cap = int(limits["out_kb"]) * 1024
    out: dict[str, Any] = {
        "status": "runtime_error", "cpu_s": 0.0, "wall_s": 0.0, "mem_kb": 0, "call_s": 0.0,
        "error": "", "traceback": "", "stdout": "",
    }  # fmt: skip
    if not server.ready:
        problem = server.start()
        if problem:
            out["error"] = f"the runtime did not start: {problem}"[:1000]
            return out, b""
    nonce = os.urandom(12).hex()  # only the driver's own frame carries it (Main.serve)
    command = b"%d %d %s\n" % (max(1, repeat), len(call), nonce.encode()) + call
    header, value, output, why = server.exchange(command, cpu_limit, wall_limit, out_cap)
    if not why and header.get("nonce") != nonce:
        why = "tampered"
    out["stdout"] = output.decode("utf-8", "replace")
    out["cpu_s"] = header.get("cpu_s", cpu_of(server.pid) if server.pid else 0.0)
    out["wall_s"] = header.get("wall_s", 0.0)
    if why or header.get("status") != "ok":
        status, rusage = server.stop() if (why or header.get("end")) else (0, None)
        if rusage is not None:
            out["mem_kb"] = int(rusage.ru_maxrss)
    else:
        status = 0
        if header.get("end"):
            server.stop()  # the call left a thread running: the next call gets a fresh process
    reported = header.get("status")
    signum = os.WTERMSIG(status) if status and os.WIFSIGNALED(status) else 0
    if why in ("tle", "tle_wall"):
        what, limit = ("CPU", cpu_limit) if why == "tle" else ("wall-clock", wall_limit)
        out.update(status="tle", error=f"{what} time limit of {limit:g} s exceeded")
    elif why == "ole":
        out.update(status="ole", error=f"printed more than {out_cap // 1024} KB")
    elif why == "ole_value":
        out.update(status="ole", error="the returned value is too large")
    elif why == "tampered":
        out.update(error="the result channel was tampered with")
    elif (
        reported in ("mle",)
        or (why == "exited" and signum == signal.SIGKILL)
        or (why == "exited" and any(m.encode() in output for m in program["mle_markers"]))
    ):
        # No one else may signal it: a SIGKILL we did not send is the cgroup's OOM killer.
        out.update(status="mle", error=f"memory limit of {int(limits['mem_mb'])} MB exceeded")
    elif why == "exited":
        out["error"] = (
            f"killed by signal {signal.Signals(signum).name}"
            if signum
            else "the program exited before returning a value"
        )
    elif reported in ("ok", "runtime_error", "ole"):
        take_reported(out, header, out["wall_s"], out["cpu_s"])
        if reported == "ok":
            return out, value
    return out, b""


def exec_main(job: dict[str, Any], codec: Any, seccomp: Any) -> None:
    """Exec mode: compile the program once, then run each call in a fresh process."""
    import resource

    program = job.get("program")
    if not isinstance(program, dict):
        raise ValueError("an exec-mode worker needs a program")
    # The worker's own address space stays small; its children set theirs (up to the hard cap).
    limits = program["compile_limits"]
    hard = max(int(limits["as_mb"]), int(job["limits"]["mem_mb"]) + int(program["as_extra_mb"]))
    resource.setrlimit(resource.RLIMIT_AS, (512 << 20, hard << 20))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    ok, output, checks = build_program(program)
    server = Server(job, seccomp) if ok and program.get("server") else None
    if server is not None:
        server.spawn()  # starts up while the checks run; no call's time
        if server.start() and server.compile_error:
            # The runtime compiles the program itself (JavaScript: V8): its error is a CE.
            ok, output = False, server.compile_error
    if checks:
        output = finish_checks(program, output, checks)
    else:
        wipe_tmp()
    write_all(OUT_FD, encode_frame({"op": "compiled", "ok": ok, "message": output, "line": None}))
    if not ok:
        if server is not None:
            server.stop()
        return
    while True:
        try:
            header, payload = read_frame(CMD_FD)
        except EOFError:
            break
        if header.get("op") != "run":
            break
        repeat = int(header.get("repeat", 1))
        if server is not None:
            result, value = serve_call(job, server, payload, repeat)
        else:
            result, value = run_call(job, None, codec, seccomp, payload, repeat, 0)
        result["clean"] = wipe_tmp()
        write_all(OUT_FD, encode_frame(dict(result, op="result"), value))
        if not result["clean"]:
            break
    if server is not None:
        server.stop()


if __name__ == "__main__":
    main()
