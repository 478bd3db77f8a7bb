"""`problem_judge` on database problems, and `manage.py judge` for staff and scripts."""

from __future__ import annotations

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from problems.judge.service import problem_judge, problem_limits
from problems.tests.factories import ADD_OPTIMAL, problem_create

pytestmark = [pytest.mark.sandbox, pytest.mark.django_db, pytest.mark.timeout(120)]

WRONG_ON_HIDDEN = "class Solution:\n    def add(self, a: int, b: int) -> int:\n        return a + b if a < 3 else 0\n"


def test_run_judges_samples_only_and_submit_every_test() -> None:
    problem = problem_create(samples=2)
    run = problem_judge(problem=problem, code=WRONG_ON_HIDDEN, include_hidden=False)
    assert (run.verdict, run.passed, run.total) == ("AC", 2, 2)
    assert all(t.is_sample and t.input is not None for t in run.tests)

    submit = problem_judge(problem=problem, code=WRONG_ON_HIDDEN, include_hidden=True)
    assert submit.verdict == "WA"
    assert (submit.passed, submit.total, submit.first_failure) == (3, 6, 3)
    assert len(submit.tests) == 4, "a submission stops at its first failure"
    failed = submit.tests[3]
    assert failed.test_id == problem.tests.get(order=3).pk
    assert (failed.input, failed.expected, failed.actual) == (None, None, None)


def test_problem_limits_follow_the_problem() -> None:
    problem = problem_create(time_limit_s=1.5, memory_limit_mb=64)
    limits = problem_limits(problem=problem)
    assert (limits.cpu_s, limits.mem_mb) == (1.5, 64)
    assert limits.wall_s > limits.cpu_s


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_json_tests_file_and_json_output(tmp_path: Path) -> None:
    code = write(tmp_path, "sol.py", "def add(a, b):\n    print('adding')\n    return a + b\n")
    tests = write(
        tmp_path,
        "tests.json",
        json.dumps(
            {
                "entry_point": "add",
                "entry_kind": "function",
                "limits": {"cpu_s": 1, "wall_s": 3, "mem_mb": 128, "out_kb": 16},
                "tests": [
                    {"args": [1, 2], "expected": 3},
                    {"args": [2], "kwargs": {"b": 2}, "expected": 5},
                ],
            }
        ),
    )
    out = StringIO()
    call_command("judge", code, "--tests", tests, "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["verdict"] == "WA"
    assert [t["verdict"] for t in result["tests"]] == ["AC", "WA"]
    assert result["tests"][1]["expected"] == 5 and result["tests"][1]["actual"] == 4
    assert result["tests"][0]["stdout"] == "adding\n"
    assert result["tests"][0]["cpu_s"] > 0


def test_problem_table_output(tmp_path: Path) -> None:
    problem_create(slug="add-two")
    code = write(tmp_path, "sol.py", ADD_OPTIMAL)
    out = StringIO()
    call_command("judge", code, "--problem", "add-two", stdout=out)
    text = out.getvalue()
    assert "Accepted: 6/6 tests passed" in text
    assert text.count("hidden") == 4


@pytest.mark.parametrize(
    ("tests", "message"),
    [
        ("not json", "is not valid JSON"),
        (json.dumps({"tests": [{"args": [1], "expected": 1}]}), "entry_point must name"),
        (json.dumps({"entry_point": "f", "tests": []}), "tests must be a non-empty list"),
        (json.dumps({"entry_point": "f", "tests": [{"args": 1, "expected": 1}]}), 'needs "args"'),
        (
            json.dumps(
                {"entry_point": "f", "limits": {"cpu": 1}, "tests": [{"args": [], "expected": 1}]}
            ),
            "limits must be",
        ),
        (
            json.dumps(
                {"entry_point": "f", "checker": "fuzzy", "tests": [{"args": [], "expected": 1}]}
            ),
            "unknown checker",
        ),
    ],
)
def test_bad_input_is_a_one_line_error(tmp_path: Path, tests: str, message: str) -> None:
    code = write(tmp_path, "sol.py", "def f():\n    return 1\n")
    path = write(tmp_path, "tests.json", tests)
    with pytest.raises(CommandError, match=message) as caught:
        call_command("judge", code, "--tests", path, stdout=StringIO())
    assert "\n" not in str(caught.value)


def test_unknown_problem_and_missing_file(tmp_path: Path) -> None:
    code = write(tmp_path, "sol.py", ADD_OPTIMAL)
    with pytest.raises(CommandError, match="no problem with slug"):
        call_command("judge", code, "--problem", "nope", stdout=StringIO())
    with pytest.raises(CommandError, match="cannot read"):
        call_command("judge", str(tmp_path / "missing.py"), "--problem", "nope", stdout=StringIO())


def test_a_json_file_with_a_5000_digit_answer_is_judged_exactly(tmp_path: Path) -> None:
    big = 3**10_480  # 5,001 digits
    tests = write(
        tmp_path,
        "tests.json",
        json.dumps(
            {
                "entry_point": "power",
                "signature": "def power(self, base: int, exponent: int) -> int:",
                "tests": [{"args": [3, 10_480], "expected": big}],
            }
        ),
    )
    for body, verdict in (("base ** exponent", "AC"), ("base ** exponent + 1", "WA")):
        code = write(
            tmp_path,
            "sol.py",
            f"class Solution:\n    def power(self, base, exponent):\n        return {body}\n",
        )
        out = StringIO()
        call_command("judge", code, "--tests", tests, "--json", stdout=out)
        report = json.loads(out.getvalue())
        assert report["verdict"] == verdict, report["message"]
        assert report["tests"][0]["actual"] == big + (verdict == "WA")


@pytest.mark.parametrize(
    ("contract", "message"),
    [
        (
            {
                "entry_kind": "design",
                "entry_point": "Cache",
                "tests": [{"args": [["Cache"]], "expected": [None]}],
            },
            "design test's args",
        ),
        (
            {
                "entry_point": "f",
                "returns": {"argument": -1},
                "tests": [{"args": [[1]], "expected": [1]}],
            },
            "non-negative integer",
        ),
        (
            {"entry_point": "f", "returns": 0, "tests": [{"args": [[1]], "expected": [1]}]},
            'returns must be {"argument": K}',
        ),
        (
            {
                "entry_point": "f",
                "checker": "float",
                "tolerance": 2,
                "tests": [{"args": [], "expected": 1.0}],
            },
            "tolerance must be",
        ),
        (
            {
                "entry_point": "f",
                "signature": "def g(self):",
                "tests": [{"args": [], "expected": 1}],
            },
            "the def line of 'f'",
        ),
    ],
)
def test_a_json_file_that_breaks_the_contract_is_a_one_line_error(
    tmp_path: Path, contract: dict, message: str
) -> None:
    code = write(tmp_path, "sol.py", "pass\n")
    tests = write(tmp_path, "tests.json", json.dumps(contract))
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("judge", code, "--tests", tests, "--json", stdout=StringIO())


def test_a_stored_5000_digit_test_round_trips_through_the_database() -> None:
    big = 7 * 10**5000 + 3
    problem = problem_create(
        slug="double-big",
        entry_point="double",
        signature="def double(self, x: int) -> int:",
        tests=[([big], 2 * big), ([1], 2)],
    )
    problem.refresh_from_db()
    assert problem.tests.get(order=0).expected == 2 * big  # read back exactly
    right = "class Solution:\n    def double(self, x):\n        return x * 2\n"
    assert problem_judge(problem=problem, code=right, include_hidden=True).verdict == "AC"
    off = "class Solution:\n    def double(self, x):\n        return x * 2 - 1\n"
    assert problem_judge(problem=problem, code=off, include_hidden=True).verdict == "WA"


ADD_IN = {
    "cpp": ("sol.cpp", "class Solution {\npublic:\n    long long add(long long a, long long b) { return a + b; }\n};\n"),
    "java": ("Sol.java", "class Solution {\n    public long add(long a, long b) {\n        return a + b;\n    }\n}\n"),
    "javascript": ("sol.js", "var add = function(a, b) {\n    return a + b;\n};\n"),
    "typescript": ("sol.ts", "function add(a: number, b: number): number {\n    return a + b;\n}\n"),
}  # fmt: skip


@pytest.mark.parametrize("language", sorted(ADD_IN))
def test_other_languages_from_the_command_line(language: str, tmp_path: Path) -> None:
    """--tests with the top-level signature drives the generated driver; --problem judges
    a bank problem's hidden tests in the language."""
    name, text = ADD_IN[language]
    code = write(tmp_path, name, text)
    tests = write(
        tmp_path,
        "tests.json",
        json.dumps(
            {
                "entry_point": "add",
                "signature": "def add(self, a: int, b: int) -> int:",
                "tests": [
                    {"args": [1, 2], "expected": 3},
                    {"args": [2, 40], "expected": 42},
                    {"args": [2, 2], "expected": 5},
                ],
            }
        ),
    )
    out = StringIO()
    call_command("judge", code, "--tests", tests, "--language", language, "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["verdict"] == "WA"
    assert [t["verdict"] for t in data["tests"]] == ["AC", "AC", "WA"]
    assert data["tests"][1]["actual"] == 42

    problem = problem_create(signature="def add(self, a: int, b: int) -> int:")
    out = StringIO()
    call_command(
        "judge", code, "--problem", problem.slug, "--language", language, "--json", stdout=out
    )
    data = json.loads(out.getvalue())
    assert data["verdict"] == "AC", data
    assert data["passed"] == data["total"] > 2
