"""Judge a source file from the command line, in the same sandbox as candidates' code.

Staff use it to check a problem's tests against a solution; scripts use `--json`.

    manage.py judge solution.py --problem two-sum
    manage.py judge solution.py --tests tests.json --json

TESTS.json follows the judge's contract (README, "The judge"; `mltools.callshape`):
{"entry_point": "twoSum", "entry_kind": "method" | "function" | "design",
"signature" (optional: the def line, or a design problem's class skeleton; its
ListNode/TreeNode annotations convert arguments and results), "returns":
{"argument": K} (optional: in-place problems compare argument K after the call),
"checker" (optional, "exact" by default), "tolerance" (optional, for "float"),
"limits": {"cpu_s", "wall_s", "mem_mb", "out_kb"} (optional), "preamble" (optional,
the standard imports and ListNode/TreeNode by default), "tests": [{"args": [...],
"kwargs": {...}, "expected": ..., "checker": ...}]}. A design test's args are
[["Cls", "op1", ...], [[ctor args], [op1 args], ...]] and its expected the list of
results (null for the constructor and for methods returning nothing). The tests of
a JSON file are the caller's own, so they are shown in full; a problem's hidden
tests stay hidden.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mltools.callshape import ShapeError, read_contract, read_test
from problems.judge.api import JudgeReport, TestSpec, judge_code
from problems.judge.codec import STANDARD_PREAMBLE
from problems.judge.languages import LANGUAGES
from problems.judge.sandbox import Limits
from problems.judge.service import problem_judge
from problems.judge.verdicts import Verdict
from problems.management.cli import problem_by_slug, read_source


class Command(BaseCommand):
    help = "Judge FILE against a problem's tests (--problem) or a JSON test file (--tests)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the source file to judge")
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--problem", metavar="SLUG", help="judge against this problem")
        source.add_argument("--tests", metavar="TESTS.json", help="judge against these tests")
        parser.add_argument("--language", default="python3", choices=sorted(LANGUAGES))
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        code = read_source(options["file"])
        if options["problem"]:
            problem = problem_by_slug(options["problem"])
            report = problem_judge(
                problem=problem,
                code=code,
                language=options["language"],
                include_hidden=True,
                stop_on_first_failure=False,
            )
        else:
            report = _judge_json(code, options["tests"], options["language"])
        if options["json"]:
            self.stdout.write(json.dumps(_summary(report)))
        else:
            self._print_table(report)

    def _print_table(self, report: JudgeReport) -> None:
        label = Verdict(report.verdict).label
        style = self.style.SUCCESS if report.verdict == Verdict.AC else self.style.ERROR
        self.stdout.write(style(f"{label}: {report.passed}/{report.total} tests passed"))
        if report.compile_error:
            self.stdout.write(f"  {report.compile_error}")
        elif report.message and report.verdict == Verdict.IE:
            self.stdout.write(f"  {report.message}")
        if report.tests:
            self.stdout.write(
                f"{'#':>3}  {'kind':6}  {'verdict':7}  {'cpu ms':>8}  {'wall ms':>8}  {'mem KB':>8}  message"
            )
        for t in report.tests:
            kind = "sample" if t.is_sample else "hidden"
            self.stdout.write(
                f"{t.index:>3}  {kind:6}  {t.verdict:7}  {t.cpu_s * 1000:8.1f}  "
                f"{t.wall_s * 1000:8.1f}  {t.mem_kb:8d}  {t.message}"
            )
            if t.verdict == Verdict.WA and t.is_sample:
                self.stdout.write(f"       expected {_short(t.expected)}, got {_short(t.actual)}")
            for line in t.stdout.splitlines()[:20]:
                self.stdout.write(f"       | {line}")
            if t.traceback and t.verdict == Verdict.RE:
                for line in t.traceback.splitlines():
                    self.stdout.write(f"       {line}")


def _judge_json(code: str, path: str, language: str) -> JudgeReport:
    try:
        spec = json.loads(read_source(path))
    except json.JSONDecodeError as exc:
        raise CommandError(f"{path} is not valid JSON: {exc}") from exc
    if not isinstance(spec, dict):
        raise CommandError(f"{path} must hold a JSON object")
    try:
        contract = read_contract(spec)
    except ShapeError as exc:
        raise CommandError(f"{path}: {exc}") from exc
    given = spec.get("limits") or {}
    names = {"cpu_s", "wall_s", "mem_mb", "out_kb"}
    if not isinstance(given, dict) or not set(given) <= names:
        raise CommandError(f"{path}: limits must be numbers among cpu_s, wall_s, mem_mb, out_kb")
    try:
        defaults = Limits()
        limits = Limits(
            cpu_s=float(given.get("cpu_s", defaults.cpu_s)),
            wall_s=float(given.get("wall_s", defaults.wall_s)),
            mem_mb=int(given.get("mem_mb", defaults.mem_mb)),
            out_kb=int(given.get("out_kb", defaults.out_kb)),
        )
    except (TypeError, ValueError) as exc:
        raise CommandError(
            f"{path}: limits must be numbers among cpu_s, wall_s, mem_mb, out_kb"
        ) from exc
    if min(limits.cpu_s, limits.wall_s, limits.mem_mb, limits.out_kb) <= 0:
        raise CommandError(f"{path}: limits must be positive")
    tests = spec.get("tests")
    if not isinstance(tests, list) or not tests:
        raise CommandError(f"{path}: tests must be a non-empty list")
    specs = []
    for i, value in enumerate(tests):
        try:
            test = read_test(i, value, contract)
        except ShapeError as exc:
            raise CommandError(f"{path}: {exc}") from exc
        specs.append(
            TestSpec(
                id=None,
                args=test.args,
                kwargs=test.kwargs,
                expected=test.expected,
                checker=test.checker,
                is_sample=True,
            )
        )
    return judge_code(
        language=language,
        code=code,
        preamble=spec.get("preamble", STANDARD_PREAMBLE),
        shape=contract.shape,
        tests=specs,
        limits=limits,
        tolerance=contract.tolerance,
    )


def _summary(report: JudgeReport) -> dict[str, Any]:
    return {
        "verdict": report.verdict,
        "label": Verdict(report.verdict).label,
        "passed": report.passed,
        "total": report.total,
        "compile_error": report.compile_error,
        "compile_line": report.compile_line,
        "message": report.message,
        "max_cpu_s": report.max_cpu_s,
        "max_mem_kb": report.max_mem_kb,
        "tests": [
            {
                "index": t.index,
                "test_id": t.test_id,
                "is_sample": t.is_sample,
                "verdict": t.verdict,
                "cpu_s": round(t.cpu_s, 6),
                "wall_s": round(t.wall_s, 6),
                "mem_kb": t.mem_kb,
                "message": t.message,
                **(
                    {"expected": t.expected, "actual": t.actual, "stdout": t.stdout}
                    if t.is_sample
                    else {}
                ),
                **({"traceback": t.traceback} if t.traceback else {}),
            }
            for t in report.tests
        ],
    }


def _short(value: Any, limit: int = 200) -> str:
    text = json.dumps(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
