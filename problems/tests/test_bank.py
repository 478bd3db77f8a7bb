"""The bundled bank's data files are complete and their reference solutions are right.

These run the project's own trusted reference code in-process (no sandbox);
candidates' code only ever runs in the judge. Run one file while writing it:
    .venv/bin/python problems/tests/test_bank.py problems/bank/two-sum.yaml
"""

from __future__ import annotations

import copy
import random
import signal
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # for `python <this file>`

import pytest
import yaml

from mltools.callshape import DEFAULT_TOLERANCE, CallShape
from mltools.data.cleaning import tolerance_from_statement
from problems.judge.checkers import CHECKERS, check
from problems.judge.codec import STANDARD_PREAMBLE, call_in_process

BANK = Path(__file__).resolve().parents[1] / "bank"
FILES = sorted(BANK.glob("*.yaml"))
REQUIRED = [
    "slug", "title", "difficulty", "tags", "entry_point", "signature", "statement",
    "examples", "constraints", "follow_up", "hints", "editorial", "reference", "slow",
    "tests", "generator",
]  # fmt: skip
COMPLEXITIES = {"O(1)", "O(log n)", "O(n)", "O(n log n)", "O(n^2)", "O(n^3)", "O(2^n)"}


def _load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _solve(data: dict[str, Any], code: str, args: list[Any]) -> Any:
    namespace: dict[str, Any] = {"__name__": "solution"}
    exec(STANDARD_PREAMBLE + "\n" + code, namespace)
    shape = CallShape(
        entry_kind=data.get("entry_kind", "method"),
        entry_point=data["entry_point"],
        signature=data["signature"],
        returns_argument=(data.get("returns") or {}).get("argument"),
    )
    # An in-place answer modifies its argument: each call gets its own copy of the test's.
    return call_in_process(namespace, shape.job(), copy.deepcopy(list(args)), {})


def _tolerance(data: dict[str, Any]) -> float:
    return float(data.get("tolerance", DEFAULT_TOLERANCE))


def _generate(data: dict[str, Any], n: int, seed: int) -> list[Any]:
    namespace: dict[str, Any] = {}
    exec(data["generator"], namespace)
    return namespace["generate"](n, random.Random(seed))


def test_bank_has_forty_problems_across_difficulties() -> None:
    data = [_load(f) for f in FILES]
    assert len(data) >= 40, f"only {len(data)} bank problems"
    assert {d["difficulty"] for d in data} == {"easy", "medium", "hard"}
    assert len({d["slug"] for d in data}) == len(data)


@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_problem_file_is_complete(path: Path) -> None:
    data = _load(path)
    missing = [k for k in REQUIRED if not data.get(k)]
    assert not missing, f"missing fields: {missing}"
    assert data["slug"] == path.stem
    assert data["difficulty"] in {"easy", "medium", "hard"}
    assert len(data["examples"]) >= 2
    assert len(data["hints"]) == 3
    assert len(data["tests"]) >= 15
    assert 1 <= sum(bool(t.get("sample")) for t in data["tests"]) <= 4
    for kind in ("reference", "slow"):
        assert data[kind]["time"] in COMPLEXITIES, f"{kind} time {data[kind]['time']!r}"
    checkers = {data.get("checker", "exact")} | {t.get("checker", "exact") for t in data["tests"]}
    assert checkers <= set(CHECKERS)
    if "float" in checkers:  # the tolerance the statement states, else LeetCode's 1e-5
        stated = tolerance_from_statement(f"{data['statement']}\n{data['constraints']}")
        assert float(data.get("tolerance", DEFAULT_TOLERANCE)) == (stated or DEFAULT_TOLERANCE)
    # the stress test's size: the largest input the constraints allow, past every growth size
    assert isinstance(data.get("max_size"), int), "max_size (the generator's largest n) is missing"
    assert data["max_size"] >= max(data.get("growth_sizes") or [1])


@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_reference_and_slow_solutions_pass_every_test(path: Path) -> None:
    data = _load(path)
    default_checker = data.get("checker", "exact")
    for kind in ("reference", "slow"):
        for i, test in enumerate(data["tests"]):
            actual = _solve(data, data[kind]["code"], test["args"])
            checker = test.get("checker", default_checker)
            assert check(checker, actual, test["expected"], tolerance=_tolerance(data)), (
                f"{kind} solution fails test {i}: args={test['args']!r} "
                f"expected={test['expected']!r} got={actual!r}"
            )


@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_generator_is_deterministic_and_agrees_with_both_solutions(path: Path) -> None:
    data = _load(path)
    sizes = data.get("growth_sizes") or [100]
    assert _generate(data, sizes[0], 7) == _generate(data, sizes[0], 7)
    args = _generate(data, sizes[0], 7)
    default_checker = data.get("checker", "exact")
    fast = _solve(data, data["reference"]["code"], args)
    slow = _solve(data, data["slow"]["code"], args)
    assert check(default_checker, slow, fast, tolerance=_tolerance(data))


def _main(paths: list[str]) -> int:
    """Check single files quickly while writing them (timeouts guard the slow solutions)."""
    failures = 0
    for name in paths:
        path = Path(name)
        for test in (
            test_problem_file_is_complete,
            test_reference_and_slow_solutions_pass_every_test,
            test_generator_is_deterministic_and_agrees_with_both_solutions,
        ):
            signal.alarm(60)
            try:
                test(path)
            except Exception as exc:  # report and go on to the next check
                failures += 1
                print(f"FAIL {path.name} {test.__name__}: {exc}")
            finally:
                signal.alarm(0)
        print(f"checked {path.name}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
