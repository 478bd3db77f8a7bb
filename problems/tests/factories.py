"""Small builders for problems in tests (plain functions; no factory library needed)."""

from __future__ import annotations

from typing import Any

from problems.judge.codec import STANDARD_PREAMBLE
from problems.models import Hint, Problem, ReferenceSolution, Tag, TestCase

ADD_OPTIMAL = "class Solution:\n    def add(self, a: int, b: int) -> int:\n        return a + b\n"


def problem_create(
    *,
    slug: str = "add-two",
    title: str = "Add Two Numbers Plainly",
    difficulty: str = "easy",
    tags: tuple[str, ...] = ("math",),
    tests: list[tuple[list[Any], Any]] | None = None,
    samples: int = 2,
    hints: int = 3,
    **fields: Any,
) -> Problem:
    problem = Problem.objects.create(
        slug=slug,
        title=title,
        difficulty=difficulty,
        statement=fields.pop("statement", "Return `a + b`."),
        entry_point=fields.pop("entry_point", "add"),
        signature=fields.pop("signature", "def add(self, a: int, b: int) -> int:"),
        preamble=fields.pop("preamble", STANDARD_PREAMBLE),
        source=fields.pop("source", "bank"),
        source_id=fields.pop("source_id", slug),
        examples=[{"input": "a = 1, b = 2", "output": "3", "explanation": ""}],
        **fields,
    )
    for name in tags:
        tag, _ = Tag.objects.get_or_create(
            slug=name, defaults={"name": name.replace("-", " ").title()}
        )
        problem.tags.add(tag)
    rows = tests if tests is not None else [([i, i + 1], 2 * i + 1) for i in range(6)]
    TestCase.objects.bulk_create(
        TestCase(problem=problem, order=i, args=args, expected=expected, is_sample=i < samples)
        for i, (args, expected) in enumerate(rows)
    )
    for rung in range(1, hints + 1):
        Hint.objects.create(problem=problem, rung=rung, text=f"Hint number {rung}.")
    ReferenceSolution.objects.create(
        problem=problem, code=ADD_OPTIMAL, kind="optimal", time_complexity="O(1)"
    )
    return problem
