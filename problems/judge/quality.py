"""Code-quality facts about a submission: lint findings, cyclomatic complexity, length.

Facts for the feedback step, never a verdict. The code is only parsed, never run:
ruff reads it from stdin in a subprocess, radon and `ast` parse it here.

Decisions:
- ruff runs `--isolated` with a fixed rule set, so that the project's own lint
  configuration never changes what candidates are told. The rules are the ones an
  interviewer would mention: pyflakes (unused and undefined names), bugbear's
  likely bugs, comprehension and simplification hints, performance anti-patterns,
  and the E7 statement rules (bare `except`, `== None`, ambiguous names). Naming
  rules are left out: LeetCode's own signatures are camelCase.
- The candidate's code is linted alone, but it runs after the problem's preamble
  (`from typing import *`, `ListNode`, `defaultdict`, ...). Findings that only say
  a name might be undefined are dropped when the preamble defines that name, so
  nobody is blamed for the judge's imports.
"""

from __future__ import annotations

import ast
import importlib
import json
import re
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .codec import STANDARD_PREAMBLE

RUFF_RULES = ("F", "E7", "E9", "B", "C4", "SIM", "PERF")
RUFF_TIMEOUT_S = 10.0
MAX_CODE_BYTES = 200_000
_NAME_IN_MESSAGE = re.compile(r"`([^`]+)`")
_PREAMBLE_NAME_RULES = {"F821", "F405"}  # undefined name; may be undefined (star imports)


@dataclass(frozen=True)
class LintFinding:
    code: str  # e.g. "F841"
    message: str
    line: int
    column: int
    url: str = ""


@dataclass(frozen=True)
class FunctionFacts:
    name: str  # "Solution.twoSum" for a method
    line: int
    length: int  # lines from `def` to the last line of the body
    complexity: int  # McCabe cyclomatic complexity (radon)
    rank: str  # radon's A (1-5) .. F (41+)


@dataclass(frozen=True)
class QualityFacts:
    lint: tuple[LintFinding, ...] = ()
    functions: tuple[FunctionFacts, ...] = ()
    lines: int = 0  # physical lines
    sloc: int = 0  # source lines (no blanks, comments or docstrings)
    comments: int = 0
    maintainability: float | None = None  # radon's maintainability index, 0-100
    syntax_error: str = ""
    linter_error: str = ""  # why lint findings are missing, if they are

    @property
    def max_complexity(self) -> int:
        return max((f.complexity for f in self.functions), default=0)

    @property
    def longest_function(self) -> FunctionFacts | None:
        return max(self.functions, key=lambda f: f.length, default=None)

    def lint_codes(self) -> list[str]:
        return sorted({finding.code for finding in self.lint})

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        longest = self.longest_function
        data["max_complexity"] = self.max_complexity
        data["longest_function"] = asdict(longest) if longest else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> QualityFacts:
        return cls(
            lint=tuple(LintFinding(**f) for f in data.get("lint", [])),
            functions=tuple(FunctionFacts(**f) for f in data.get("functions", [])),
            lines=int(data.get("lines", 0)),
            sloc=int(data.get("sloc", 0)),
            comments=int(data.get("comments", 0)),
            maintainability=data.get("maintainability"),
            syntax_error=data.get("syntax_error", ""),
            linter_error=data.get("linter_error", ""),
        )


def ruff_path() -> str | None:
    """The ruff next to this interpreter (the virtualenv's), else the one on PATH."""
    beside = Path(sys.executable).parent / "ruff"
    if beside.is_file():
        return str(beside)
    return shutil.which("ruff")


@dataclass(frozen=True)
class _LintRun:
    findings: list[LintFinding] = field(default_factory=list)
    error: str = ""


def _ruff(code: str) -> _LintRun:
    ruff = ruff_path()
    if ruff is None:
        return _LintRun(error="ruff is not installed")
    command = [
        ruff,
        "check",
        "--isolated",
        "--no-cache",
        "--quiet",
        "--exit-zero",
        "--output-format",
        "json",
        "--target-version",
        "py311",
        "--select",
        ",".join(RUFF_RULES),
        "--stdin-filename",
        "solution.py",
        "-",
    ]
    try:
        done = subprocess.run(  # a fixed command line; the code goes to stdin
            command, input=code, capture_output=True, text=True, timeout=RUFF_TIMEOUT_S, check=False
        )
        raw = json.loads(done.stdout or "[]")
    except subprocess.TimeoutExpired:
        return _LintRun(error="ruff took too long")
    except (OSError, ValueError) as exc:
        return _LintRun(error=f"ruff failed: {exc}")
    findings = [
        LintFinding(
            code=item.get("code") or "syntax",
            message=str(item.get("message", "")),
            line=int((item.get("location") or {}).get("row", 0)),
            column=int((item.get("location") or {}).get("column", 0)),
            url=str(item.get("url") or ""),
        )
        for item in raw
    ]
    return _LintRun(findings=findings)


@lru_cache(maxsize=32)
def preamble_names(preamble: str) -> frozenset[str]:
    """Names a preamble defines, read from its syntax (it is not run here).

    A star import of a standard-library module counts as that module's public names.
    """
    try:
        tree = ast.parse(preamble)
    except (SyntaxError, ValueError, RecursionError):
        return frozenset()
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if alias.name == "*":
                    names.update(_star_names(node.module or ""))
                else:
                    names.add(alias.asname or alias.name)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
    return frozenset(names)


def _star_names(module: str) -> set[str]:
    if module.split(".")[0] not in sys.stdlib_module_names:
        return set()
    try:
        mod = importlib.import_module(module)
    except ImportError:
        return set()
    public = getattr(mod, "__all__", None)
    return set(public) if public else {n for n in dir(mod) if not n.startswith("_")}


def _blames_preamble(finding: LintFinding, provided: frozenset[str]) -> bool:
    if finding.code not in _PREAMBLE_NAME_RULES:
        return False
    match = _NAME_IN_MESSAGE.search(finding.message)
    return bool(match and match.group(1) in provided)


def _functions(code: str) -> list[FunctionFacts]:
    from radon.complexity import cc_rank, cc_visit
    from radon.visitors import Function

    return [
        FunctionFacts(
            name=block.fullname,
            line=block.lineno,
            length=block.endline - block.lineno + 1,
            complexity=block.complexity,
            rank=cc_rank(block.complexity),
        )
        for block in cc_visit(code)
        if isinstance(block, Function)
    ]


def code_quality(code: str, *, preamble: str = STANDARD_PREAMBLE) -> QualityFacts:
    """Lint findings, per-function complexity and length of `code` (Python)."""
    if len(code.encode("utf-8", "replace")) > MAX_CODE_BYTES:
        return QualityFacts(syntax_error="the code is too long to analyse")
    lint = _ruff(code)
    provided = preamble_names(preamble)
    findings = tuple(f for f in lint.findings if not _blames_preamble(f, provided))
    lines = len(code.splitlines())
    try:
        ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        line = getattr(exc, "lineno", None)
        where = f" (line {line})" if line else ""
        return QualityFacts(
            lint=findings,
            lines=lines,
            syntax_error=f"{type(exc).__name__}: {getattr(exc, 'msg', exc)}{where}",
            linter_error=lint.error,
        )
    from radon.metrics import mi_visit
    from radon.raw import analyze

    try:
        raw = analyze(code)
        functions = _functions(code)
        maintainability = round(float(mi_visit(code, multi=True)), 1)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        return QualityFacts(lint=findings, lines=lines, syntax_error=f"radon failed: {exc}")
    return QualityFacts(
        lint=findings,
        functions=tuple(functions),
        lines=lines,
        sloc=raw.sloc,
        comments=raw.comments,
        maintainability=maintainability,
        linter_error=lint.error,
    )
