"""Languages the judge can run, registered against a small base (as DMOJ registers executors).

A language says what the sandbox must show read-only and which warm worker to start
inside it. The worker speaks the frame protocol of `harness.py` on two inherited
fds, so C++, Java or JavaScript can be added with their own worker (a compiler step
in `job`, then one forked child per call) without touching `sandbox.py`.
"""

from __future__ import annotations

import glob
import os
from abc import ABC, abstractmethod
from functools import cache
from pathlib import Path
from typing import ClassVar

LANGUAGES: dict[str, type[Language]] = {}


class Language(ABC):
    key: ClassVar[str]
    label: ClassVar[str]

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


def get_language(key: str) -> Language:
    try:
        return LANGUAGES[key]()
    except KeyError:
        raise ValueError(
            f"unknown language {key!r}; known: {', '.join(sorted(LANGUAGES))}"
        ) from None
