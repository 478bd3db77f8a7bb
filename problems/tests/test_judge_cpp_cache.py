"""C++'s precompiled directory (languages.Cpp.precompiled): made once per key, by one maker
at a time, published by a rename, never replaced while current; a stand-in compiler
records its runs, so that no real precompiled header is built here."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from mltools.callshape import CallShape
from problems.judge import languages

FAKE_GXX = """#!/bin/sh
if [ "$1" = --version ]; then echo "fake g++ {version}"; exit 0; fi
echo "$*" >> "{log}"
sleep 0.3
{fail}
case "$*" in
  *c++-header*) echo pch > prelude.hpp.gch ;;
  *driver.o*) echo obj > driver.o ;;
esac
"""


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def compiler(version: str = "1", fail: bool = False) -> Path:
        path = tmp_path / f"g++-{version}-{int(fail)}"
        path.write_text(
            FAKE_GXX.format(
                version=version, log=tmp_path / "runs.log", fail="exit 1" if fail else ""
            )
        )
        path.chmod(0o755)
        monkeypatch.setattr(languages.Cpp, "compiler", str(path))
        return path

    monkeypatch.setattr(languages, "CACHE", tmp_path / "judge")
    compiler()
    return compiler


def _runs(tmp_path: Path) -> list[str]:
    log = tmp_path / "runs.log"
    return log.read_text().splitlines() if log.exists() else []


def test_concurrent_judges_make_it_once_and_share_it(cache, tmp_path: Path) -> None:
    found: list[Path | None] = []
    threads = [
        threading.Thread(target=lambda: found.append(languages.Cpp().precompiled()))
        for _ in range(3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(found)) == 1 and found[0] is not None
    target = found[0]
    runs = _runs(tmp_path)
    assert len(runs) == 2 and "c++-header" in runs[0] and "driver.o" in runs[1]
    assert {p.name for p in target.iterdir()} == {
        "prelude.hpp", "prelude.hpp.gch", "driver.hpp", "driver.cpp", "driver.o", "stamp",
    }  # fmt: skip
    assert all(oct(p.stat().st_mode)[-3:] == "644" for p in target.iterdir())
    assert not list((tmp_path / "judge").glob(".cpp-*"))  # no maker's directory left
    assert languages.Cpp().precompiled() == target and len(_runs(tmp_path)) == 2


def test_a_new_compiler_or_flags_make_a_new_directory_and_old_ones_go(
    cache, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = languages.Cpp().precompiled()
    cache(version="2")
    second = languages.Cpp().precompiled()
    assert first and second and first != second
    assert first.exists()  # under an hour old: a judge of the old code may be using it
    old = time.time() - 7200
    os.utime(first, (old, old))
    monkeypatch.setattr(languages.Cpp, "flags", (*languages.Cpp.flags, "-DNDEBUG"))
    third = languages.Cpp().precompiled()
    assert third and third not in (first, second)
    assert not first.exists() and second.exists()


def test_a_failed_build_leaves_nothing_and_the_submission_compiles_it(cache, tmp_path) -> None:
    cache(version="3", fail=True)
    cpp = languages.Cpp()
    assert cpp.precompiled() is None
    assert not [p for p in (tmp_path / "judge").iterdir() if p.name != "cpp.lock"]
    shape = CallShape("method", "f")
    assert cpp.compile_argvs(shape)[0][-1] == "main.cpp"
    files = cpp.files("int f() { return 0; }", shape)
    assert {"prelude.hpp", "driver.hpp", "driver.cpp"} <= set(files)
    assert files["main.cpp"].endswith('#include "driver.cpp"\n')
