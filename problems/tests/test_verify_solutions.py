"""`manage.py verify_solutions` and the service behind it, on problems in the test database."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from problems.judge import sandbox
from problems.judge.service import problem_judge
from problems.judge.verification import solutions_verify
from problems.models import ReferenceSolution
from problems.tests.factories import problem_create

pytestmark = [pytest.mark.sandbox, pytest.mark.django_db, pytest.mark.timeout(180)]

WRONG = "class Solution:\n    def add(self, a: int, b: int) -> int:\n        return a + b if a < 4 else a - b\n"
# Correct, but burns about 0.7 s of CPU on one test: over a 0.3 s limit, within verification's.
SLOW_BUT_RIGHT = """
class Solution:
    def add(self, a: int, b: int) -> int:
        if a == 5:
            spin = 0
            for i in range(30_000_000):
                spin += i
        return a + b
"""


def _run(*args: str) -> str:
    out = StringIO()
    call_command("verify_solutions", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_correct_solution_is_verified_and_wrong_one_is_reported_with_its_reason() -> None:
    problem = problem_create()
    wrong = ReferenceSolution.objects.create(problem=problem, code=WRONG, kind="slow")
    output = _run("--problem", problem.slug)

    optimal = problem.solutions.get(kind="optimal")
    wrong.refresh_from_db()
    assert optimal.verified and optimal.verified_at is not None
    assert optimal.verification_note.startswith("Accepted: 6 of 6 tests passed")
    assert not wrong.verified and wrong.verified_at is not None
    assert "Wrong Answer on test 5 of 6" in wrong.verification_note
    assert "args [4, 5]" in wrong.verification_note
    assert "expected 9, got -1" in wrong.verification_note
    assert "add-two [python3, slow]" in output and "Wrong Answer" in output
    assert "1 of 2 reference solutions verified; 1 failed" in output


def test_slow_solutions_pass_under_the_generous_limits() -> None:
    problem = problem_create(time_limit_s=0.3)
    ReferenceSolution.objects.create(problem=problem, code=SLOW_BUT_RIGHT, kind="slow")
    submitted = problem_judge(problem=problem, code=SLOW_BUT_RIGHT, include_hidden=True)
    assert submitted.verdict == "TLE", "as a submission it is too slow"
    summary = solutions_verify(queryset=problem.solutions.all())
    assert (summary.verified, summary.failed) == (2, 0), summary.to_dict()


def test_dry_run_saves_nothing_and_filters_narrow_the_set() -> None:
    first = problem_create()
    problem_create(slug="add-again", title="Add Again")
    output = _run("--source", "bank", "--limit", "1", "--dry-run")
    assert "1 of 1 reference solutions verified (dry run)" in output
    assert not ReferenceSolution.objects.filter(verified=True).exists()
    _run("--problem", first.slug)
    assert list(ReferenceSolution.objects.filter(verified=True)) == [
        first.solutions.get(kind="optimal")
    ]


def test_solutions_in_languages_the_judge_lacks_are_skipped() -> None:
    problem = problem_create()
    ReferenceSolution.objects.create(
        problem=problem, language="go", code="func main() {}", kind="alternative"
    )
    summary = solutions_verify(queryset=problem.solutions.all())
    assert (summary.verified, summary.skipped) == (1, 1)
    assert not problem.solutions.get(language="go").verified_at


def test_exits_non_zero_only_when_the_judge_cannot_run(monkeypatch: pytest.MonkeyPatch) -> None:
    problem = problem_create()
    ReferenceSolution.objects.create(problem=problem, code=WRONG, kind="slow")
    _run("--problem", problem.slug)  # a failing solution is not an error of the command

    monkeypatch.setattr(sandbox, "sandbox_problem", lambda language="python3": "bwrap is missing")
    with pytest.raises(CommandError, match="could not be run"):
        _run("--problem", problem.slug)
    optimal = problem.solutions.get(kind="optimal")
    assert optimal.verified, "an internal error leaves the previous outcome in place"


def test_language_option_runs_the_references_in_that_language() -> None:
    problem = problem_create(signature="def add(self, a: int, b: int) -> int:")
    cpp = ReferenceSolution.objects.create(
        problem=problem,
        language="c++",
        kind="optimal",
        code="class Solution {\npublic:\n    int add(int a, int b) { return a + b; }\n};\n",
    )
    java = ReferenceSolution.objects.create(
        problem=problem,
        language="java",
        kind="optimal",
        code="class Solution {\n    public int add(int a, int b) { return a - b; }\n}\n",
    )
    output = _run("--language", "cpp")
    cpp.refresh_from_db()
    java.refresh_from_db()
    assert cpp.verified and cpp.verification_note.startswith("Accepted")
    assert java.verified_at is None, "only C++ was asked for"
    assert "1 verified" in output or "verified" in output
    output = _run("--language", "java")
    java.refresh_from_db()
    assert not java.verified and "Wrong Answer" in java.verification_note
