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
    assert sorted(solutions) == ["cpp", "java", "javascript", "python3"]
    assert solutions["python3"].startswith("from itertools import accumulate\n\ndef runningMax(")
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


SHAPES = FIXTURES / "kaggle_shape_shapes.synthetic.jsonl"  # ours: design, in-place, tolerance


@pytest.mark.django_db
def test_design_in_place_and_tolerance_are_read_from_the_row(reference_failures: Any) -> None:
    summary = problems_ingest(source="kaggle-leetcode", path=SHAPES)
    assert (summary.created, summary.skipped) == (3, ())

    cache = Problem.objects.get(slug="recent-cache")
    assert (cache.entry_kind, cache.entry_point) == ("design", "RecentCache")
    assert cache.signature == (
        "class RecentCache:\n"
        "    def __init__(self, capacity: int):\n"
        "    def get(self, key: int) -> int:\n"
        "    def put(self, key: int, value: int) -> None:"
    )
    first = cache.tests.order_by("order").first()
    assert first is not None
    assert first.args == [
        ["RecentCache", "put", "put", "get", "put", "get"],
        [[2], [5, 50], [6, 60], [5], [7, 70], [6]],
    ]
    assert first.expected == [None, None, None, 50, None, -1]
    assert cache.starter_code["python3"].startswith("class RecentCache:\n\n    def __init__")

    shades = Problem.objects.get(slug="group-shades")
    assert (shades.entry_kind, shades.returns_argument) == ("function", 0)
    assert [t.expected for t in shades.tests.order_by("order")] == [[0, 1, 2], [0, 1, 1]]

    mean = Problem.objects.get(slug="mean-of-marks")
    assert mean.tolerance == 1e-3
    assert set(mean.tests.values_list("checker", flat=True)) == {"float"}

    for problem in (cache, shades, mean):
        assert reference_failures(problem) == [], problem.slug
