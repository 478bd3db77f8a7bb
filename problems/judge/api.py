"""The judge facade: run code against tests in the sandbox and turn the results into verdicts.

Expected values stay here, outside the sandbox: `execute()` runs the calls, the
checkers compare. What a candidate may see is decided here too:
- sample tests carry their input, expected and actual values, printed output,
  the full error message and the trimmed traceback;
- hidden tests carry only the kind of failure: no input, expected or actual
  value, no printed output, no exception message, exit code or signal (a
  submission could put a hidden input into any of them); the traceback keeps
  its frames (the candidate's own lines) and the exception's type when it is a
  built-in one. Per-test time and memory are still shown, as the issue asks;
  a determined submission could encode a few bits of a hidden input in them.
"""

from __future__ import annotations

import builtins
import dataclasses
from dataclasses import dataclass, field
from typing import Any

from mltools.callshape import CallShape

from .checkers import check
from .sandbox import Call, CallResult, Limits, execute
from .verdicts import STATUS_VERDICTS, Verdict


@dataclass(frozen=True)
class TestSpec:
    __test__ = False  # not a pytest test class

    id: int | None
    args: list[Any]
    kwargs: dict[str, Any] = field(default_factory=dict)
    expected: Any = None
    checker: str = "exact"
    is_sample: bool = False


@dataclass(frozen=True)
class TestOutcome:
    __test__ = False

    index: int
    test_id: int | None
    verdict: str
    cpu_s: float
    wall_s: float
    mem_kb: int
    is_sample: bool
    input: dict[str, Any] | None = None  # {"args", "kwargs"}, samples only
    expected: Any = None  # samples only
    actual: Any = None  # samples only
    message: str = ""
    traceback: str = ""
    stdout: str = ""  # samples only
    failing_call: str = ""  # design problems' wrong answers: the first wrong call, "call 3 (get)"


@dataclass(frozen=True)
class JudgeReport:
    verdict: str
    compile_error: str = ""
    compile_line: int | None = None
    tests: list[TestOutcome] = field(default_factory=list)
    passed: int = 0
    total: int = 0
    first_failure: int | None = None  # index into `tests`
    max_cpu_s: float = 0.0
    max_mem_kb: int = 0
    message: str = ""  # the first failure's message, or why the judge could not judge
    compile_warnings: str = ""  # a compiled language's warnings about the candidate's file

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> JudgeReport:
        names = {f.name for f in dataclasses.fields(TestOutcome)}
        tests = [TestOutcome(**{k: v for k, v in t.items() if k in names}) for t in data["tests"]]
        own = {f.name for f in dataclasses.fields(cls)} - {"tests"}
        return cls(tests=tests, **{k: v for k, v in data.items() if k in own})


def _hidden_error_name(error: str) -> str:
    name = error.split(":", 1)[0].strip()
    obj = getattr(builtins, name, None)
    return name if isinstance(obj, type) and issubclass(obj, BaseException) else "an exception"


def _hidden_traceback(traceback: str, error: str) -> str:
    lines = [line for line in traceback.splitlines() if line.startswith(("Traceback", "  "))]
    return "\n".join([*lines, _hidden_error_name(error)]) if lines else ""


def _expected_for(shape: CallShape, expected: Any) -> Any:
    """An empty ListNode/TreeNode answer is [] as the judge writes it; datasets also write None."""
    if expected is None and shape.returns_node in ("ListNode", "TreeNode"):
        return []
    return expected


def _compare(
    shape: CallShape, spec: TestSpec, actual: Any, tolerance: float | None
) -> tuple[bool, str, str]:
    """(passed, where it went wrong, the failing call): a design test is compared call by
    call, and its first wrong call is named ("call 3 (get)")."""
    expected = _expected_for(shape, spec.expected)
    if shape.entry_kind != "design":
        return check(spec.checker, actual, expected, tolerance=tolerance), "", ""
    ops = spec.args[0] if spec.args and isinstance(spec.args[0], list) else []
    if not isinstance(actual, list) or not isinstance(expected, list):
        return False, "", ""
    for index, (got, want) in enumerate(zip(actual, expected, strict=False)):
        if not check(spec.checker, got, want, tolerance=tolerance):
            op = ops[index] if index < len(ops) else "?"
            call = f"call {index} ({op})"
            return False, f" at {call}", call
    if len(actual) != len(expected):
        return False, f": {len(actual)} results for {len(expected)} calls", ""
    return True, "", ""


def _outcome(
    index: int,
    spec: TestSpec,
    result: CallResult,
    shape: CallShape,
    tolerance: float | None,
) -> TestOutcome:
    verdict = STATUS_VERDICTS.get(result.status, Verdict.IE)
    message = result.error
    failing_call = ""
    if result.status == "ok":
        try:
            passed, where, failing_call = _compare(shape, spec, result.value, tolerance)
        except (ValueError, TypeError, RecursionError) as exc:
            verdict, message = Verdict.IE, f"the checker failed: {exc}"
        else:
            verdict = Verdict.AC if passed else Verdict.WA
            message = "" if passed else f"Wrong answer{where}"
    common: dict[str, Any] = {
        "index": index,
        "test_id": spec.id,
        "verdict": str(verdict),
        "cpu_s": result.cpu_s,
        "wall_s": result.wall_s,
        "mem_kb": result.mem_kb,
        "is_sample": spec.is_sample,
        "failing_call": failing_call,
    }
    if spec.is_sample:
        return TestOutcome(
            **common,
            input={"args": spec.args, "kwargs": spec.kwargs},
            expected=spec.expected,
            actual=result.value,
            message=message,
            traceback=result.traceback,
            stdout=result.stdout,
        )
    if verdict == Verdict.RE:
        # The candidate chooses exception messages, exit codes and signals: none may carry data out.
        if result.traceback:
            message = f"{_hidden_error_name(result.error)} on a hidden test"
        else:
            message = "the program crashed or exited before returning, on a hidden test"
        return TestOutcome(
            **common, message=message, traceback=_hidden_traceback(result.traceback, result.error)
        )
    if verdict == Verdict.WA:
        message = f"{message} on a hidden test"
    return TestOutcome(**common, message=message)


def judge_code(
    *,
    language: str,
    code: str,
    preamble: str,
    shape: CallShape,
    tests: list[TestSpec],
    limits: Limits,
    tolerance: float | None = None,
    stop_on_first_failure: bool = False,
) -> JudgeReport:
    """Judge `code` on `tests` in one sandbox; the overall verdict is the first failure's.

    `shape` says how the entry point is called and what is compared; `tolerance`
    is the "float" checker's (None: LeetCode's 1e-5).
    """
    if not tests:
        return JudgeReport(verdict=str(Verdict.IE), message="there are no tests to run")
    outcomes: list[TestOutcome] = []

    def stop(index: int, result: CallResult) -> bool:
        outcomes.append(_outcome(index, tests[index], result, shape, tolerance))
        return stop_on_first_failure and outcomes[-1].verdict != Verdict.AC

    compiled, results = execute(
        language=language,
        code=code,
        preamble=preamble,
        shape=shape,
        calls=[Call(args=list(t.args), kwargs=dict(t.kwargs)) for t in tests],
        limits=limits,
        stop=stop,
    )
    if not compiled.ok:
        return JudgeReport(
            verdict=str(Verdict.CE),
            compile_error=compiled.message,
            compile_line=compiled.line,
            total=len(tests),
            message=compiled.message,
        )
    # Results that came back without the callback (the sandbox could not start).
    outcomes += [
        _outcome(i, tests[i], r, shape, tolerance)
        for i, r in enumerate(results)
        if i >= len(outcomes)
    ]
    failures = [o for o in outcomes if o.verdict != Verdict.AC]
    internal = next((o for o in outcomes if o.verdict == Verdict.IE), None)
    first = failures[0] if failures else None
    verdict = Verdict.IE if internal else (Verdict(first.verdict) if first else Verdict.AC)
    shown = internal or first
    return JudgeReport(
        verdict=str(verdict),
        compile_warnings=compiled.warnings,
        tests=outcomes,
        passed=sum(o.verdict == Verdict.AC for o in outcomes),
        total=len(tests),
        first_failure=first.index if first else None,
        max_cpu_s=max((o.cpu_s for o in outcomes), default=0.0),
        max_mem_kb=max((o.mem_kb for o in outcomes), default=0),
        message=shown.message if shown else "",
    )
