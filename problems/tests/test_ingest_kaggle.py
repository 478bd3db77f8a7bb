"""Importing the Kaggle leetcode-solutions shape: content split, escapes undone, four solutions."""

from __future__ import annotations

from typing import Any

import pytest

from problems.judge.codec import STANDARD_PREAMBLE
from problems.models import Problem
from problems.services import problems_ingest

from .conftest import FIXTURES

KAGGLE = FIXTURES / "kaggle_shape.synthetic.jsonl"  # from shared/data/fixtures
MORE = FIXTURES / "kaggle_shape_more.synthetic.jsonl"  # ours: helpers, exponents, linked list


@pytest.mark.django_db
def test_content_is_split_into_statement_examples_constraints_and_follow_up() -> None:
    summary = problems_ingest(source="kaggle-leetcode", path=KAGGLE)

    assert (summary.created, summary.skipped) == (2, ())
    problem = Problem.objects.get(slug="count-vowel-words")
    assert problem.statement == (
        "Given a list of lowercase strings `words`, return _the number of words that start "
        "**and** end with a vowel_."
    )
    assert problem.examples == [
        {
            "input": 'words = [ "ana", "bob", "eve"]',
            "output": "2",
            "explanation": '"ana" and "eve" qualify.',
        },
        {"input": 'words = [ "xyz"]', "output": "0", "explanation": ""},
    ]
    assert problem.constraints == "- `1 <= words.length <= 1000`\n- `1 <= words[i].length <= 10`"
    assert problem.follow_up == "Can you do it in one pass?"
    assert problem.editorial.startswith("Check the first and last character")
    assert (problem.difficulty, problem.entry_kind, problem.entry_point) == (
        "easy",
        "function",
        "countVowelWords",
    )
    assert problem.preamble == STANDARD_PREAMBLE


@pytest.mark.django_db
def test_four_language_solutions_are_kept_apart_and_the_python_one_passes(
    reference_failures: Any,
) -> None:
    problems_ingest(source="kaggle-leetcode", path=KAGGLE)

    problem = Problem.objects.get(slug="running-maximum")
    solutions = {s.language: s.code for s in problem.solutions.all()}
    assert sorted(solutions) == ["cpp", "java", "javascript", "python"]
    assert solutions["python"].startswith("from itertools import accumulate\n\ndef runningMax(")
    assert solutions["java"].startswith("public int[] runningMax(")
    assert all("```" not in code for code in solutions.values())
    tests = list(problem.tests.values("kwargs", "expected", "is_sample"))
    assert tests == [{"kwargs": {"nums": [1, 3, 2]}, "expected": [1, 3, 3], "is_sample": True}]
    for problem in Problem.objects.filter(source="kaggle-leetcode"):
        assert reference_failures(problem) == []


@pytest.mark.django_db
def test_exponents_escapes_helpers_and_problems_without_runnable_examples(
    reference_failures: Any,
) -> None:
    summary = problems_ingest(source="kaggle-leetcode", path=MORE)

    flat = Problem.objects.get(slug="longest-flat-run")
    assert flat.constraints == "- `1 <= nums.length <= 10^4`\n- `-10^9 <= nums[i] <= 10^9`"
    assert "in the range [-2^31, 2^31 - 1]." in flat.statement
    assert flat.follow_up == "Can you do it in O(1) extra space instead of O(n^2) time?"
    assert flat.entry_point == "longestFlatRun"  # not the helper it calls
    assert flat.tests.count() == 2  # the third example names an argument the solution lacks
    assert reference_failures(flat) == []
    chain = Problem.objects.get(slug="reverse-chain")
    assert not chain.tests.exists()
    assert summary.notes == (
        "line 1 longest-flat-run: 1 example(s) not literal or not matching the solution's arguments",
        "line 2 reverse-chain: no executable test: linked list or tree arguments",
    )
