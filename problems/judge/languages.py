"""Languages the judge can run, registered against a small base (as DMOJ registers executors).

A language says what the sandbox must show read-only, which warm worker to start
inside it, and its own sandbox policy (cgroup pids and memory, the child's
rlimits, whether it may have threads). Python runs in the harness itself. C++,
Java, JavaScript and TypeScript (`ExecLanguage`) run in the harness's exec mode:
the job carries a *program* (the candidate's file, a driver generated from the
problem's signature, the compiler command lines and the run command line); the
worker compiles once per submission and execs the program in a fresh process per
call, so every language keeps Python's guarantees (harness.py, "exec mode").
Each driver reads the call on stdin and writes one result frame on fd 3.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import re
from abc import ABC, abstractmethod
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

from mltools.callshape import CallShape

LANGUAGES: dict[str, type[Language]] = {}


class Language(ABC):
    key: ClassVar[str]
    label: ClassVar[str]
    editor_mode: ClassVar[str] = "python"  # the CodeMirror mode (static/js/room.js)
    pids: ClassVar[int] = 16  # the sandbox cgroup's pids.max
    mem_extra_mb: ClassVar[int] = 0  # the runtime's own memory beyond the problem's limit
    # A trivial program with an entry point `f`, and its entry kind: the set-up check.
    probe: ClassVar[tuple[str, str]] = ("pass", "function")
    # Names the language was stored under before the registry had it (reference solutions).
    aliases: ClassVar[tuple[str, ...]] = ()
    # How a test value's null and booleans are written in this language's code, so that a
    # value quoted to the candidate reads as their own language writes it (`literal`).
    null_literal: ClassVar[str] = "null"
    true_literal: ClassVar[str] = "true"
    false_literal: ClassVar[str] = "false"

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if getattr(cls, "key", None):
            LANGUAGES[cls.key] = cls

    @abstractmethod
    def missing(self) -> str | None:
        """Why this language cannot run on this machine, or None when it can."""

    @abstractmethod
    def mounts(self) -> list[tuple[str, str]]:
        """(host path, sandbox path) pairs bound read-only into the sandbox."""

    @abstractmethod
    def worker_argv(self, cmd_fd: int, out_fd: int, tag: str) -> list[str]:
        """The warm worker's command line inside the sandbox.

        `tag` is an opaque id that must stay in the command line of every process
        of the sandbox, so that the host can find them all (forks keep it).
        """

    tmpfs: ClassVar[tuple[tuple[str, int], ...]] = ()  # (sandbox path, bytes): extra tmpfs

    def cgroup_mem_mb(self, mem_mb: int) -> int:
        """The sandbox cgroup's memory.max besides the headroom: the problem's limit and
        the runtime's own memory (and, for a compiled language, what its compiler needs)."""
        return mem_mb + self.mem_extra_mb

    def program(self, code: str, shape: CallShape, mem_mb: int = 256) -> dict[str, Any] | None:
        """Exec mode's program for the harness (None: the harness runs the code itself)."""
        return None

    def compile_message(self, output: str) -> tuple[str, int | None]:
        """The compiler's output trimmed to the candidate's file, and the first error's line."""
        return output, None

    def starter_code(self, shape: CallShape) -> str:
        return shape.starter_code()

    def warnings(self, text: str) -> list[dict[str, Any]]:
        """Lint findings ({code, message, line, column, url}) from the compiler's warnings."""
        return []

    def positional(
        self, shape: CallShape, args: list[Any], kwargs: dict[str, Any]
    ) -> tuple[list[Any], dict[str, Any]]:
        """A test's arguments as this language passes them (Python takes keywords as they are)."""
        return args, kwargs

    def version(self) -> str:
        """The toolchain's version, as the README and the room show it."""
        return self.label

    def literal(self, value: object) -> str:
        """A judge value (decoded JSON: None, bool, numbers, str, lists, dicts) written with
        this language's null and booleans: `[1, null]` in Java, `[1, None]` in Python,
        `nullptr` in C++. Lists stay `[...]` and strings `"..."`, as the statements'
        examples write them in every language."""
        if value is None:
            return self.null_literal
        if isinstance(value, bool):
            return self.true_literal if value else self.false_literal
        if isinstance(value, list | tuple):
            return "[" + ", ".join(self.literal(v) for v in value) + "]"
        if isinstance(value, dict):
            items = (f"{self.literal(k)}: {self.literal(v)}" for k, v in value.items())
            return "{" + ", ".join(items) + "}"
        return json.dumps(value, ensure_ascii=False, default=str)


def _library_dirs() -> list[str]:
    return [
        d for d in ("/usr/lib64", *sorted(glob.glob("/usr/lib/*-linux-gnu"))) if os.path.isdir(d)
    ]


@cache
def _harness_sources() -> tuple[str, str]:
    here = Path(__file__).resolve().parent
    return (here / "harness.py").read_text(), (here / "codec.py").read_text()


class Python3(Language):
    """CPython 3.11 from Debian, never the app's own interpreter or virtualenv."""

    key = "python3"
    label = "Python 3"
    aliases = ("python", "py")
    null_literal, true_literal, false_literal = "None", "True", "False"
    interpreter = "/usr/bin/python3.11"
    stdlib = "/usr/lib/python3.11"
    dist_packages = "/usr/lib/python3/dist-packages"

    def _seccomp_module(self) -> str | None:
        found = sorted(glob.glob(f"{self.dist_packages}/seccomp.cpython-311-*.so"))
        return found[0] if found else None

    def missing(self) -> str | None:
        if not os.access(self.interpreter, os.X_OK):
            return f"{self.interpreter} is missing (Debian package python3.11)"
        if self._seccomp_module() is None:
            return "the seccomp module for Python 3.11 is missing (Debian package python3-seccomp)"
        return None

    # Pure-Python packages candidates may import, as on LeetCode (Debian packages,
    # bound read-only when installed): sortedcontainers' SortedList and friends.
    extra_packages = ("sortedcontainers",)

    def mounts(self) -> list[tuple[str, str]]:
        module = self._seccomp_module() or ""
        extras = [f"{self.dist_packages}/{name}" for name in self.extra_packages]
        paths = [self.interpreter, self.stdlib, module, *_library_dirs()]
        paths += [p for p in extras if os.path.isdir(p)]
        return [(p, p) for p in paths]

    def worker_argv(self, cmd_fd: int, out_fd: int, tag: str) -> list[str]:
        harness, codec = _harness_sources()
        argv = [self.interpreter, "-I", "-S", "-B", "-c", harness, codec]
        return [*argv, str(cmd_fd), str(out_fd), tag]


# ---------------------------------------------------------------- exec-mode languages

DRIVERS = Path(__file__).resolve().parent / "drivers"
REPO = Path(__file__).resolve().parents[2]
BUILD = "/build"  # harness.BUILD
# Host-made, read-only in the sandbox (the C++ header, precompiled). It lives in the data
# folder (MOCKMATE_DATA_DIR, as the settings read it): a deployed code folder is read-only.
CACHE = REPO / os.environ.get("MOCKMATE_DATA_DIR", "var") / "judge"
PRECOMPILED = "/judge/cpp"  # where the sandbox shows C++'s precompiled directory


@cache
def _compiler_version(compiler: str) -> str:
    """`compiler --version`'s first line and the binary it resolves to ("" if it cannot run)."""
    import subprocess

    try:
        done = subprocess.run([compiler, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ""
    return f"{_real(compiler)}: {done.stdout.splitlines()[0] if done.stdout else ''}"


def _real(path: str) -> str:
    return os.path.realpath(path)


class ExecLanguage(Language):
    """A language whose program the harness compiles once and execs per call (module doc)."""

    source_name: ClassVar[str]
    threads: ClassVar[bool] = False  # the program's process may start threads (JVM, V8)
    pids = 64
    as_extra_mb: ClassVar[int] = 256  # address space beyond the memory limit
    cpu_extra_s: ClassVar[float] = 0.0  # the runtime's start-up, not the candidate's to lose
    nofile: ClassVar[int] = 64
    compile_limits: ClassVar[dict[str, float]] = {"cpu_s": 20, "wall_s": 40, "as_mb": 4096}

    @abstractmethod
    def tools(self) -> list[tuple[str, str]]:
        """(host path, sandbox path) of the toolchain and runtime, bound read-only."""

    @abstractmethod
    def files(self, code: str, shape: CallShape) -> dict[str, str]:
        """The files written into /build: the candidate's and the driver's."""

    @abstractmethod
    def compile_argvs(self, shape: CallShape) -> list[list[str]]: ...

    @abstractmethod
    def run_argv(self, mem_mb: int) -> list[str]: ...

    def lint_argvs(self) -> list[list[str]]:
        """Checks run after a successful compile: their findings are facts, never a CE."""
        return []

    def env(self) -> dict[str, str]:
        return {"PATH": "/usr/bin", "LANG": "C.UTF-8", "HOME": "/tmp", "TMPDIR": "/tmp"}

    # (target, link) pairs made in the sandbox; no /proc is mounted, so a tool that finds
    # itself through /proc/self/exe is given that one link (the native tsc).
    symlinks: ClassVar[tuple[tuple[str, str], ...]] = ()

    def missing(self) -> str | None:
        problem = Python3().missing()
        if problem:
            return problem
        for host, _ in self.tools():
            if not os.path.exists(host):
                return f"{host} is missing ({self.package})"
        return None

    package: ClassVar[str] = ""

    def mounts(self) -> list[tuple[str, str]]:
        python = Python3()
        module = python._seccomp_module() or ""
        paths = [python.interpreter, python.stdlib, module, *_library_dirs()]
        return [(p, p) for p in paths] + self.tools()

    def worker_argv(self, cmd_fd: int, out_fd: int, tag: str) -> list[str]:
        harness, codec = _harness_sources()
        argv = [Python3.interpreter, "-I", "-S", "-B", "-c", harness, codec]
        return [*argv, str(cmd_fd), str(out_fd), tag, "exec", ",".join(self.allow_syscalls)]

    # Syscalls the runtime needs that the common filter denies (harness.ALLOWABLE).
    allow_syscalls: ClassVar[tuple[str, ...]] = ()

    tmpfs = ((BUILD, 64 << 20),)
    compile_mem_mb: ClassVar[int] = 1024

    def cgroup_mem_mb(self, mem_mb: int) -> int:
        return max(mem_mb + self.mem_extra_mb, self.compile_mem_mb)

    def program(self, code: str, shape: CallShape, mem_mb: int = 256) -> dict[str, Any]:
        files = self.files(code, shape)
        files["shape.json"] = json.dumps(shape.job())
        return {
            "files": files,
            "compile": self.compile_argvs(shape),
            "lint": self.lint_argvs(),
            "compile_limits": self.compile_limits,
            "run": self.run_argv(mem_mb),
            "env": self.env(),
            "threads": self.threads,
            "as_extra_mb": self.as_extra_mb,
            "mem_extra_mb": self.mem_extra_mb,
            "cpu_extra_s": self.cpu_extra_s,
            "nofile": self.nofile,
            "nproc": self.pids,
            "result_fd": self.result_fd,
            "mle_markers": list(self.mle_markers),
            "server": self.server,
            "finding_codes": list(self.finding_codes),
        }

    # Compiler diagnostics that are findings, never a compile error (harness.build_program).
    finding_codes: ClassVar[tuple[str, ...]] = ()

    # One process serves every call of a submission (harness.Server), where starting the
    # runtime per call would cost more than the calls: the JVM.
    server: ClassVar[bool] = False

    # What the runtime prints when it stops at its own heap limit (then: MLE).
    mle_markers: ClassVar[tuple[str, ...]] = ()

    result_fd: ClassVar[int] = 3  # where the driver writes its frame (harness.exec_child)

    # Compiler diagnostics: `pattern` finds "file:line" at the start of a diagnostic.
    diagnostic: ClassVar[re.Pattern[str]]

    def compile_message(self, output: str) -> tuple[str, int | None]:
        """Keep the diagnostics about the candidate's file (their source lines and carets);
        when there are none (the driver could not call the code), the errors as they are."""
        text = output.replace(f"{BUILD}/", "")
        lines = text.splitlines()
        kept: list[str] = []
        keep = False
        first_line: int | None = None
        for line in lines:
            match = self.diagnostic.match(line)
            if match:
                keep = match.group("file") == self.source_name
                if keep and first_line is None and "error" in line.lower():
                    first_line = int(match.group("line"))
            if keep:
                kept.append(line)
        if not kept:
            kept = [line for line in lines if "error" in line.lower()][:10] or lines[:20]
        return "\n".join(kept[:60]).strip()[:4000], first_line

    def positional(
        self, shape: CallShape, args: list[Any], kwargs: dict[str, Any]
    ) -> tuple[list[Any], dict[str, Any]]:
        """Keyword arguments in the signature's order after the positional ones: C++, Java and
        JavaScript calls have no keywords (tests stored as {"nums": ..., "k": ...} still run)."""
        if not kwargs:
            return args, kwargs
        method = shape.methods().get(shape.entry_point) if shape.signature.strip() else None
        if method is None:
            # No signature to order them by: the test's own order (the dataset's call's).
            return [*args, *kwargs.values()], {}
        names = [name for name, _ in method.params]
        rest = names[len(args) :]
        if set(kwargs) - set(rest):
            raise ValueError(
                f"the test names arguments {sorted(set(kwargs) - set(rest))} that the "
                "signature does not have after its positional ones"
            )
        return [*args, *(kwargs[name] for name in rest if name in kwargs)], {}

    # A warning line: "file:line:col: warning: text [-Wflag]" (g++), "File.java:3: warning:
    # [rawtypes] text" (javac), "file.ts(3,5): error TS6133: text" (tsc's checks).
    warning_line: ClassVar[re.Pattern[str]] = re.compile(
        r"^(?P<file>[\w./-]+?)(?::(?P<line>\d+)(?::(?P<col>\d+))?:|\((?P<tline>\d+),(?P<tcol>\d+)\):)"
        r" (?:warning|error)(?: (?P<tscode>TS\d+))?: (?:\[(?P<jflag>[\w-]+)\] )?(?P<text>.*?)(?: \[(?P<flag>-W[\w=-]+)\])?$"
    )

    def warnings(self, text: str) -> list[dict[str, Any]]:
        found = []
        for line in text.splitlines():
            match = self.warning_line.match(line)
            if not match or match.group("file") != self.source_name:
                continue
            code = match.group("flag") or match.group("jflag") or match.group("tscode") or "warning"
            found.append(
                {
                    "code": code,
                    "message": match.group("text")[:300],
                    "line": int(match.group("line") or match.group("tline") or 0),
                    "column": int(match.group("col") or match.group("tcol") or 0),
                    "url": "",
                }
            )
        return found[:50]

    def starter_code(self, shape: CallShape) -> str:
        from . import typemap

        signature = typemap.read_signature(shape)
        return self.starter(shape, signature)

    @abstractmethod
    def starter(self, shape: CallShape, signature: Any) -> str: ...


def _design_parts(shape: CallShape, signature: Any, decl: Any) -> list[str]:
    """A design class's constructor and public methods, each as `decl` writes it."""
    parts = []
    for method in signature.methods:
        if method.name == "__init__":
            parts.append(decl(method, shape.entry_point, ctor=True))
        elif not method.name.startswith("_"):
            parts.append(decl(method, method.name))
    return parts


def _missing_signature(shape: CallShape) -> str:
    return (
        f"{shape.entry_point}: this problem has no signature, which this language's driver "
        "needs to call a design class"
    )


class Cpp(ExecLanguage):
    """g++ 12 in its C++23 mode (`-std=c++23`), -O2; the common headers precompiled once
    (drivers/prelude.hpp). LeetCode compiles C++ as C++23 (clang 19, libstdc++ of GCC 14), so
    candidates' LeetCode code uses C++20/23 library parts (`std::ranges`, `contains`); g++ 12
    has most of C++20 and part of C++23 (no deducing `this`, no `std::ranges::to`)."""

    key = "cpp"
    label = "C++23"
    null_literal = "nullptr"
    editor_mode = "text/x-c++src"
    source_name = "solution.cpp"
    package = "Debian package g++"
    aliases = ("c++",)
    mem_extra_mb = 8
    as_extra_mb = 512
    probe = ("int f() { return 0; }", "function")
    compiler = "/usr/bin/g++"
    flags = ("-std=c++23", "-O2", "-Wall", "-Wextra", "-Wno-unused-parameter")
    diagnostic = re.compile(r"^(?P<file>[\w./-]+):(?P<line>\d+):(?:\d+:)? ")

    def version(self) -> str:
        return "g++ 12 (C++23, -O2)"

    # Linked with gold where binutils has it (Debian's does): ~40 ms less than ld.bfd.
    gold = "/usr/bin/ld.gold"
    # The driver's parts a submission does not compile itself (drivers/driver.cpp).
    support = ("prelude.hpp", "driver.hpp", "driver.cpp")

    def tools(self) -> list[tuple[str, str]]:
        found = [(_real(self.compiler), self.compiler)]
        for tool in ("as", "ld", "ld.gold"):
            if os.path.exists(f"/usr/bin/{tool}"):
                found.append((_real(f"/usr/bin/{tool}"), f"/usr/bin/{tool}"))
        for path in ("/usr/lib/gcc", "/usr/libexec/gcc", "/usr/include"):
            if os.path.isdir(path):
                found.append((path, path))
        header = self.precompiled()
        if header:
            found.append((str(header), PRECOMPILED))
        return found

    def _cache_key(self) -> str:
        """What the precompiled files depend on: the compiler's version, the flags and the
        sources of drivers/ they are made from (a change to any of them makes new ones)."""
        sources = [(name, (DRIVERS / name).read_text()) for name in self.support]
        return json.dumps([_compiler_version(self.compiler), self.flags, sources])

    def precompiled(self) -> Path | None:
        """The directory holding prelude.hpp with its precompiled header, and the driver's
        fixed part compiled (driver.o), made once per machine here with the candidate's own
        flags; the sandbox only reads it (at /judge/cpp). None where it cannot be made: a
        submission then compiles them itself (slower, the same program).

        Named by a hash of its key (`_cache_key`), so that a judge never sees another
        key's files: made in a temporary directory and renamed into place (atomic), one
        maker at a time (a lock file), never replaced while its key is current. Older keys'
        directories (another compiler, driver or flags) are removed when a new one is made,
        once an hour old (a judge of the old code may still be compiling with one)."""
        key = self._cache_key()
        digest = hashlib.sha256(key.encode()).hexdigest()[:16]
        target = CACHE / f"cpp-{digest}"
        if (target / "stamp").exists():
            return target
        if not os.access(self.compiler, os.X_OK):
            return None
        import fcntl
        import shutil
        import subprocess
        import tempfile

        try:
            CACHE.mkdir(parents=True, exist_ok=True)
            lock = open(CACHE / "cpp.lock", "a")  # held until the directory is made
        except OSError:
            return None
        with lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # another judge may be making it: wait, then reuse
            if (target / "stamp").exists():
                return target
            with tempfile.TemporaryDirectory(dir=CACHE, prefix=".cpp-") as tmp:
                work = Path(tmp) / "cpp"
                work.mkdir()
                for name in self.support:
                    (work / name).write_text((DRIVERS / name).read_text())
                for argv in (
                    [self.compiler, *self.flags, "-x", "c++-header", "prelude.hpp"],
                    [self.compiler, *self.flags, "-I", ".", "-c", "driver.cpp", "-o", "driver.o"],
                ):
                    done = subprocess.run(argv, cwd=work, capture_output=True, timeout=300)
                    if done.returncode != 0:
                        return None
                (work / "stamp").write_text(key)
                for path in work.iterdir():
                    path.chmod(0o644)
                work.chmod(0o755)
                if target.exists():  # a directory without its stamp: never finished
                    shutil.rmtree(target)
                work.rename(target)
            CACHE.chmod(0o755)
            self._remove_stale(target)
        return target

    @staticmethod
    def _remove_stale(current: Path) -> None:
        import shutil
        import time

        # "cpp": the layout before keys; ".cpp-*": a maker's temporary directory left by a kill.
        for old in [*CACHE.glob("cpp-*"), *CACHE.glob(".cpp-*"), CACHE / "cpp"]:
            try:
                if old != current and time.time() - old.stat().st_mtime > 3600:
                    shutil.rmtree(old)
            except OSError:
                continue

    def files(self, code: str, shape: CallShape) -> dict[str, str]:
        main = '#include "prelude.hpp"\n#include "solution.cpp"\n#include "driver.hpp"\n'
        main += self._main(shape)
        if self.precompiled():
            return {self.source_name: code, "main.cpp": main}
        # Without the precompiled directory, the submission compiles the driver's fixed part
        # itself, in the same file (the standard library's headers are read once).
        support = {name: (DRIVERS / name).read_text() for name in self.support}
        return {**support, self.source_name: code, "main.cpp": main + '#include "driver.cpp"\n'}

    def compile_argvs(self, shape: CallShape) -> list[list[str]]:
        made = self.precompiled()
        link = ["-fuse-ld=gold"] if os.path.exists(self.gold) else []
        argv = [self.compiler, *self.flags, *link, "-o", f"{BUILD}/main", "main.cpp"]
        return [[*argv, "-I", PRECOMPILED, f"{PRECOMPILED}/driver.o"] if made else argv]

    def compile_message(self, output: str) -> tuple[str, int | None]:
        return super().compile_message(output.replace(f"{PRECOMPILED}/", ""))

    def run_argv(self, mem_mb: int) -> list[str]:
        return [f"{BUILD}/main"]

    def _main(self, shape: CallShape) -> str:
        from . import typemap

        in_place = -1 if shape.returns_argument is None else shape.returns_argument
        entry = shape.entry_point
        if shape.entry_kind != "design":
            target = (
                f"mm::invoke((int *)nullptr, &{entry}, args, {in_place}, seconds)"
                if shape.entry_kind == "function"
                else f"mm::invoke(new Solution(), &Solution::{entry}, args, {in_place}, seconds)"
            )
            body = f"    return {target};\n"
        else:
            signature = typemap.read_signature(shape)
            if signature is None:
                return f'\nint main() {{ static_assert(false, "{_missing_signature(shape)}"); }}\n'
            init = signature.method("__init__")
            params = init.params if init else ()
            lines = ["    const mm::J &ops = args.items.at(0), &params = args.items.at(1);"]
            lines.append("    const mm::J &ctor = params.items.at(0);")
            for i, (_, kind) in enumerate(params):
                t = kind.render("cpp")
                lines.append(f"    {t} a{i} = mm::decode<{t}>(ctor.items.at({i}));")
            names = ", ".join(f"a{i}" for i in range(len(params)))
            lines.append("    auto start = std::chrono::steady_clock::now();")
            lines.append(f"    {entry} *obj = new {entry}({names});")
            lines.append(
                "    seconds = std::chrono::duration<double>"
                "(std::chrono::steady_clock::now() - start).count();"
            )
            lines.append('    std::string out = "[null";')
            lines.append("    for (size_t k = 1; k < ops.items.size(); k++) {")
            lines.append("        const std::string &op = ops.items[k].text;")
            lines.append("        double s = 0;")
            lines.append("        out += ',';")
            lines.append("        try {")
            branch = "if"
            for method in signature.methods:
                if method.name.startswith("_"):
                    continue
                lines.append(
                    f'            {branch} (op == "{method.name}") '
                    f"out += mm::invoke(obj, &{entry}::{method.name}, params.items.at(k), -1, s);"
                )
                branch = "else if"
            lines.append(
                '            else throw std::runtime_error("no operation " + op);'
                if branch != "if"
                else '            throw std::runtime_error("no operation " + op);'
            )
            lines.append(
                "        } catch (const std::bad_alloc &) { throw; } catch (const std::exception &e) {"
            )
            lines.append(
                '            throw std::runtime_error(mm::demangle(typeid(e).name()) + ": " + e.what()'
                ' + " (during call " + std::to_string(k) + " (" + op + "))");'
            )
            lines.append("        }")
            lines.append("        seconds += s;")
            lines.append("    }")
            lines.append("    return out + ']';")
            body = "\n".join(lines) + "\n"
        return (
            "\nstatic std::string mm_body(const mm::J &args, double &seconds) {\n"
            + body
            + "}\n\nint main() { return mm::run(mm_body); }\n"
        )

    def starter(self, shape: CallShape, signature: Any) -> str:
        if signature is None:
            if shape.entry_kind == "design":
                return f"class {shape.entry_point} {{\npublic:\n    {shape.entry_point}() {{\n\n    }}\n}};\n"
            return f"class Solution {{\npublic:\n    // {shape.entry_point}(...)\n}};\n"

        def decl(method: Any, name: str, ctor: bool = False) -> str:
            params = ", ".join(
                f"{t.render('cpp')}{'&' if t.name == 'list' else ''} {n}" for n, t in method.params
            )
            ret = "" if ctor else method.returns.render("cpp", param=False) + " "
            if not ctor and method.returns.name == "any":
                ret = "void " if shape.returns_argument is not None else "int "
            return f"{ret}{name}({params}) {{\n\n    }}"

        if shape.entry_kind == "design":
            body = "\n\n    ".join(_design_parts(shape, signature, decl))
            return f"class {shape.entry_point} {{\npublic:\n    {body}\n}};\n"
        method = signature.methods[0]
        if shape.entry_kind == "function":
            return decl(method, method.name).replace("\n    }", "\n}") + "\n"
        return f"class Solution {{\npublic:\n    {decl(method, method.name)}\n}};\n"


class Java(ExecLanguage):
    """OpenJDK 17: javac once; one JVM serves the submission's calls, each with the candidate's
    classes loaded afresh (harness.Server, drivers/Main.java)."""

    key = "java"
    label = "Java 17"
    editor_mode = "text/x-java"
    package = "Debian package openjdk-17-jdk-headless"
    threads = True  # a JVM has its own threads (GC, compiler, signal handling)
    allow_syscalls = ("socketpair",)  # NIO's FileDispatcherImpl, at start-up
    result_fd = 1
    server = True  # a JVM start costs ~0.1-0.3 s: one JVM per submission, classes per call
    mem_extra_mb = 96  # the JVM itself: the heap is capped at the problem's limit
    as_extra_mb = 2048  # reserved, never touched: code cache, class space, thread stacks
    cpu_extra_s = 0.2  # JIT compiler threads' CPU during a call
    nofile = 256
    home = "/usr/lib/jvm/java-17-openjdk-amd64"
    probe = ("class Solution { public int f() { return 0; } }", "method")
    diagnostic = re.compile(r"^(?P<file>[\w.-]+\.java):(?P<line>\d+): ")
    # Imports LeetCode's Java has without asking; on the candidate's first line, so that
    # every line number in a message is the candidate's own.
    imports = (
        "import java.util.*; import java.util.function.*; import java.util.stream.*; "
        "import java.math.*; import javafx.util.*; "
    )
    jvm_flags = (
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xshare:auto",
        "-XX:-UseContainerSupport", "-XX:CICompilerCount=1",
    )  # fmt: skip

    @property
    def source_name(self) -> str:  # type: ignore[override]
        return self._source

    _source = "Solution.java"

    def version(self) -> str:
        return "OpenJDK 17"

    def tools(self) -> list[tuple[str, str]]:
        return [(self.home, self.home), ("/etc/java-17-openjdk", "/etc/java-17-openjdk")]

    def env(self) -> dict[str, str]:
        # The launchers find libjli.so through $ORIGIN, which needs /proc/self/exe: not here.
        return {**super().env(), "LD_LIBRARY_PATH": f"{self.home}/lib"}

    def files(self, code: str, shape: CallShape) -> dict[str, str]:
        # A design class may be public: its file is named after it, as javac requires.
        self._source = (
            f"{shape.entry_point}.java" if shape.entry_kind == "design" else "Solution.java"
        )
        return {
            self._source: self.imports + code,
            "Main.java": (DRIVERS / "Main.java").read_text(),
            "ListNode.java": (DRIVERS / "ListNode.java").read_text(),
            "TreeNode.java": (DRIVERS / "TreeNode.java").read_text(),
            "javafx/util/Pair.java": (DRIVERS / "Pair.java").read_text(),
        }

    def compile_argvs(self, shape: CallShape) -> list[list[str]]:
        javac = [f"{self.home}/bin/javac", *(f"-J{f}" for f in self.jvm_flags), "-J-Xmx512m"]
        source = f"{shape.entry_point}.java" if shape.entry_kind == "design" else "Solution.java"
        lint = ["-Xlint:all", "-Xlint:-serial", "-Xmaxwarns", "20", "-encoding", "UTF-8"]
        support = ["Main.java", "ListNode.java", "TreeNode.java", "javafx/util/Pair.java"]
        return [[*javac, *lint, "-d", BUILD, source, *support]]

    def run_argv(self, mem_mb: int) -> list[str]:
        return [
            f"{self.home}/bin/java", *self.jvm_flags, f"-Xmx{mem_mb}m", "-Xss64m",
            "-XX:ReservedCodeCacheSize=32m", "-XX:CompressedClassSpaceSize=64m",
            "-XX:MaxMetaspaceSize=128m", "-Djava.security.manager=disallow",
            "-cp", BUILD, "Main", self._source, "--serve",
        ]  # fmt: skip

    def program(self, code: str, shape: CallShape, mem_mb: int = 256) -> dict[str, Any]:
        self.files(code, shape)  # names the candidate's file first
        return super().program(code, shape, mem_mb)

    def starter(self, shape: CallShape, signature: Any) -> str:
        if signature is None:
            if shape.entry_kind == "design":
                return f"class {shape.entry_point} {{\n\n    public {shape.entry_point}() {{\n\n    }}\n}}\n"
            return f"class Solution {{\n    // public ... {shape.entry_point}(...)\n}}\n"

        def decl(method: Any, name: str, ctor: bool = False) -> str:
            params = ", ".join(f"{t.render('java')} {n}" for n, t in method.params)
            ret = "" if ctor else method.returns.render("java", param=False) + " "
            if not ctor and method.returns.name == "any":
                ret = "void " if shape.returns_argument is not None else "int "
            return f"public {ret}{name}({params}) {{\n\n    }}"

        if shape.entry_kind == "design":
            parts = _design_parts(shape, signature, decl)
            return f"class {shape.entry_point} {{\n\n    " + "\n\n    ".join(parts) + "\n}\n"
        return f"class Solution {{\n    {decl(signature.methods[0], shape.entry_point)}\n}}\n"


class JavaScript(ExecLanguage):
    """Node.js 20: `node --check` once; one Node process serves the submission's calls, each
    in a fresh V8 context (harness.Server, drivers/driver.js): a Node start-up costs 40-250 ms,
    a context about 2 ms."""

    key = "javascript"
    label = "JavaScript"
    editor_mode = "text/javascript"
    source_name = "solution.js"
    package = "Debian package nodejs"
    aliases = ("js",)
    threads = True  # V8's platform threads and libuv's pool
    mem_extra_mb = 64
    as_extra_mb = 4096  # V8 reserves address space it never touches
    cpu_extra_s = 0.2
    node = "/usr/bin/node"
    probe = ("var f = function() { return 0; };", "function")
    diagnostic = re.compile(r"^(?P<file>[\w./-]+\.js):(?P<line>\d+)")
    mle_markers = ("JavaScript heap out of memory",)
    symlinks = (("/judge/tsc/tsc", "/proc/self/exe"),)
    stack_kb = 131072  # deep recursion, within the child's 256 MB RLIMIT_STACK
    server = True
    # LeetCode's PriorityQueue, MinPriorityQueue, MaxPriorityQueue (@datastructures-js/
    # priority-queue and its heap, pinned in package.json), defined in each call's context.
    library_dir = REPO / "node_modules" / "@datastructures-js"

    def version(self) -> str:
        return "Node.js 20"

    def trailer(self, shape: CallShape) -> str:
        """Appended after the candidate's code (no line moves): hands the entry point to the driver."""
        name = shape.entry_point
        return f"\n;module.exports = {{ {name}: typeof {name} === 'undefined' ? undefined : {name} }};\n"

    def files(self, code: str, shape: CallShape) -> dict[str, str]:
        return {self.source_name: code + self.trailer(shape)}

    def compile_argvs(self, shape: CallShape) -> list[list[str]]:
        return []  # the driver compiles the program (vm.Script): V8's syntax errors are CEs

    # TypeScript's checker reads JavaScript too (--checkJs): unused names, unreachable code,
    # missing returns and fall-through cases are the findings, as a linter would give them.
    check_flags = (
        "--target", "es2022", "--lib", "es2022", "--types", "", "--strict", "false",
        "--noUnusedLocals", "--noUnusedParameters", "--noImplicitReturns",
        "--noFallthroughCasesInSwitch", "--allowUnreachableCode", "false",
    )  # fmt: skip
    lint_flags = ("--noEmit", "--pretty", "false", *check_flags)

    def lint_argvs(self) -> list[list[str]]:
        if not os.path.exists(TypeScript.tsc_dir / "tsc"):
            return []
        return [["/judge/tsc/tsc", *self.lint_flags, "--allowJs", "--checkJs", self.source_name]]

    def tools(self) -> list[tuple[str, str]]:
        found = [(_real(self.node), self.node), (str(DRIVERS / "driver.js"), "/judge/driver.js")]
        if os.path.exists(TypeScript.tsc_dir / "tsc"):
            found.append((_real(str(TypeScript.tsc_dir)), "/judge/tsc"))
        if os.path.isdir(self.library_dir):  # the driver's LIBRARY (LeetCode's globals)
            found.append((_real(str(self.library_dir)), "/judge/node_modules/@datastructures-js"))
        return found

    def node_flags(self, mem_mb: int) -> list[str]:
        return [f"--max-old-space-size={mem_mb}", f"--stack-size={self.stack_kb}"]

    def run_argv(self, mem_mb: int) -> list[str]:
        return [self.node, *self.node_flags(mem_mb), "/judge/driver.js", self.source_name]

    def compile_message(self, output: str) -> tuple[str, int | None]:
        text = output.replace(f"{BUILD}/", "")
        match = re.search(rf"{re.escape(self.source_name)}:(\d+)", text)
        error = next((ln for ln in text.splitlines() if re.match(r"^\w*Error\b", ln)), "")
        line = int(match.group(1)) if match else None
        snippet = text.split("\n\n")[0].strip() if match else ""
        message = "\n".join(part for part in (snippet, error) if part)
        return (message or text.strip())[:4000], line

    def starter(self, shape: CallShape, signature: Any) -> str:
        def doc(method: Any) -> str:
            lines = [f" * @param {{{t.render('javascript')}}} {n}" for n, t in method.params]
            if method.returns.name != "any":
                lines.append(f" * @return {{{method.returns.render('javascript', param=False)}}}")
            return "/**\n" + "\n".join(lines) + "\n */\n" if lines else ""

        if shape.entry_kind == "design":
            name = shape.entry_point
            methods = signature.methods if signature else ()
            init = next((m for m in methods if m.name == "__init__"), None)
            params = ", ".join(n for n, _ in init.params) if init else ""
            parts = [f"{doc(init) if init else ''}var {name} = function({params}) {{\n\n}};\n"]
            for method in methods:
                if method.name.startswith("_"):
                    continue
                args = ", ".join(n for n, _ in method.params)
                parts.append(
                    f"{doc(method)}{name}.prototype.{method.name} = function({args}) {{\n\n}};\n"
                )
            return "\n".join(parts)
        if signature is None:
            return f"var {shape.entry_point} = function(...args) {{\n\n}};\n"
        method = signature.methods[0]
        args = ", ".join(n for n, _ in method.params)
        note = (
            " * Do not return anything, modify it in-place instead.\n"
            if shape.returns_argument is not None
            else ""
        )
        text = doc(method)
        if note:
            text = text.replace(" */\n", note + " */\n") if text else f"/**\n{note} */\n"
        return f"{text}var {shape.entry_point} = function({args}) {{\n\n}};\n"


class TypeScript(JavaScript):
    """TypeScript 7 (the native `tsc`, pinned in package.json), type-checked once and
    compiled to JavaScript; then as JavaScript, with stack traces mapped back to the .ts."""

    key = "typescript"
    label = "TypeScript"
    editor_mode = "text/typescript"
    source_name = "solution.ts"
    package = "npm package typescript (make venv)"
    aliases = ("ts",)
    diagnostic = re.compile(r"^(?P<file>[\w./-]+\.ts)\((?P<line>\d+),\d+\): ")
    tsc_dir = REPO / "node_modules" / "@typescript" / "typescript-linux-x64" / "lib"

    def version(self) -> str:
        try:
            data = json.loads((REPO / "node_modules" / "typescript" / "package.json").read_text())
            return f"TypeScript {data['version']} (on Node.js 20)"
        except (OSError, ValueError, KeyError):
            return "TypeScript"

    def tools(self) -> list[tuple[str, str]]:
        return [*super().tools(), (str(DRIVERS / "prelude.d.ts"), "/judge/prelude.d.ts")]

    def lint_argvs(self) -> list[list[str]]:
        return []  # the compile itself checks (lint_flags, finding_codes)

    # What the lint flags report: findings, not errors (harness.build_program).
    finding_codes = ("TS6133", "TS6138", "TS6192", "TS6196", "TS6198", "TS6199", "TS6205",
                     "TS7027", "TS7029", "TS7030")  # fmt: skip

    def compile_argvs(self, shape: CallShape) -> list[list[str]]:
        # One tsc run type-checks, compiles and lints; --noEmit off, so it emits the .js.
        return [
            ["/judge/tsc/tsc", *self.check_flags, "--module", "commonjs", "--sourceMap",
             "--outDir", BUILD, "--pretty", "false", self.source_name, "/judge/prelude.d.ts"],
        ]  # fmt: skip

    def node_flags(self, mem_mb: int) -> list[str]:
        return [*super().node_flags(mem_mb), "--enable-source-maps"]

    def compile_message(self, output: str) -> tuple[str, int | None]:
        errors = [
            line
            for line in output.splitlines()
            if not any(f"error {code}:" in line for code in self.finding_codes)
        ]
        return ExecLanguage.compile_message(self, "\n".join(errors))

    def starter(self, shape: CallShape, signature: Any) -> str:
        def params(method: Any) -> str:
            return ", ".join(f"{n}: {t.render('typescript')}" for n, t in method.params)

        def ret(method: Any) -> str:
            if shape.returns_argument is not None:
                return "void"
            return (
                "any"
                if method.returns.name == "any"
                else method.returns.render("typescript", param=False)
            )

        if shape.entry_kind == "design":
            methods = signature.methods if signature else ()
            parts = []
            for method in methods:
                if method.name == "__init__":
                    parts.append(f"constructor({params(method)}) {{\n\n    }}")
                elif not method.name.startswith("_"):
                    parts.append(f"{method.name}({params(method)}): {ret(method)} {{\n\n    }}")
            body = "\n\n    ".join(parts) or "constructor() {\n\n    }"
            return f"class {shape.entry_point} {{\n    {body}\n}}\n"
        if signature is None:
            return f"function {shape.entry_point}(...args: any[]): any {{\n\n}};\n"
        method = signature.methods[0]
        note = (
            "    /**\n     Do not return anything, modify it in-place instead.\n     */\n"
            if shape.returns_argument is not None
            else ""
        )
        return f"function {shape.entry_point}({params(method)}): {ret(method)} {{\n{note}\n}};\n"


def get_language(key: str) -> Language:
    try:
        return LANGUAGES[key]()
    except KeyError:
        raise ValueError(
            f"unknown language {key!r}; known: {', '.join(sorted(LANGUAGES))}"
        ) from None


def language_key(name: str) -> str | None:
    """The registry's key for a stored language name ("python" and "c++" included), or None."""
    name = name.strip().lower()
    for key, cls in LANGUAGES.items():
        if name == key or name in cls.aliases:
            return key
    return None


@cache
def offered() -> tuple[tuple[str, str], ...]:
    """(key, label) of the languages whose toolchain is installed here, Python first:
    the ones the room offers (a language that cannot run is never offered)."""
    return tuple((key, cls.label) for key, cls in LANGUAGES.items() if cls().missing() is None)
