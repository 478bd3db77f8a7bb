"""Problem models <-> `mltools.contracts.ProblemRecord`, in one place.

`record_*` build unsaved model instances or field values from a record;
`problem_to_record` reads a problem (with its tests, solutions, hints and tags
prefetched) back into the record that `export_problems` writes.
"""

from __future__ import annotations

from typing import Any

from mltools.contracts import (
    ExampleRecord,
    ProblemBrief,
    ProblemRecord,
    SolutionRecord,
    TestRecord,
)
from problems.judge.languages import language_key
from problems.models import Hint, Problem, ReferenceSolution, TestCase
from problems.selectors import problem_reference

# Problem fields copied from a record as they are (slug, tags and children aside).
PROBLEM_FIELDS = (
    "title", "difficulty", "statement", "constraints", "follow_up", "editorial",
    "entry_kind", "entry_point", "signature", "returns_argument", "tolerance", "starter_code",
    "preamble", "generator", "generator_origin", "generator_note", "max_size", "time_limit_s", "memory_limit_mb", "source", "source_id", "source_url", "licence",
    "attribution",
)  # fmt: skip
TEST_FIELDS = ("order", "args", "kwargs", "expected", "is_sample", "checker", "size", "note")
SOLUTION_FIELDS = ("code", "explanation", "time_complexity", "space_complexity")


def stored_language(name: str) -> str:
    """The one name a language is stored under: the judge registry's key ("python" and
    "py" are "python3", "c++" is "cpp"); a language the judge does not run keeps its
    name, lower-cased."""
    return language_key(name) or name.strip().lower()


def record_problem_fields(record: ProblemRecord) -> dict[str, Any]:
    """The Problem column values a record sets (everything but slug and content_hash)."""
    values = {name: getattr(record, name) for name in PROBLEM_FIELDS}
    values["starter_code"] = {stored_language(k): v for k, v in record.starter_code.items()}
    values["examples"] = [
        {"input": e.input, "output": e.output, "explanation": e.explanation}
        for e in record.examples
    ]
    values["growth_sizes"] = list(record.growth_sizes)
    return values


def record_test_fields(test: TestRecord, order: int) -> dict[str, Any]:
    return {
        "order": order,
        "args": list(test.args),
        "kwargs": dict(test.kwargs),
        "expected": test.expected,
        "is_sample": test.is_sample,
        "checker": test.checker,
        "size": test.size,
        "note": test.note,
    }


def record_solution_fields(solution: SolutionRecord) -> dict[str, Any]:
    return {name: getattr(solution, name) for name in SOLUTION_FIELDS}


def record_tests(record: ProblemRecord, problem: Problem) -> list[TestCase]:
    return [
        TestCase(problem=problem, **record_test_fields(t, i)) for i, t in enumerate(record.tests)
    ]


def record_solutions(record: ProblemRecord, problem: Problem) -> list[ReferenceSolution]:
    return [
        ReferenceSolution(
            problem=problem,
            language=stored_language(s.language),
            kind=s.kind,
            **record_solution_fields(s),
        )
        for s in record.solutions
    ]


def record_hints(record: ProblemRecord, problem: Problem) -> list[Hint]:
    return [
        Hint(problem=problem, rung=i, text=text) for i, text in enumerate(record.hints, start=1)
    ]


def problem_examples(problem: Problem) -> tuple[ExampleRecord, ...]:
    return tuple(
        ExampleRecord(
            input=str(e.get("input", "")),
            output=str(e.get("output", "")),
            explanation=str(e.get("explanation", "")),
        )
        for e in problem.examples or []
    )


def problem_brief(problem: Problem) -> ProblemBrief:
    """What the interviewer knows of a problem: its text, examples, hints and signature.

    The optimal reference code rides along for leak checks only (never in a prompt).
    """
    reference = problem_reference(problem=problem)
    return ProblemBrief(
        title=problem.title,
        statement=problem.statement,
        examples=problem_examples(problem),
        constraints=problem.constraints,
        follow_up=problem.follow_up,
        hints=tuple(problem.hints.order_by("rung").values_list("text", flat=True)),
        reference_code=reference.code if reference else "",
        signature=problem.signature,
    )


def problem_to_record(problem: Problem) -> ProblemRecord:
    """The record of a stored problem; expects tests, solutions, hints and tags prefetched."""
    return ProblemRecord(
        source=problem.source,
        source_id=problem.source_id or problem.slug,
        slug=problem.slug,
        title=problem.title,
        difficulty=problem.difficulty,
        statement=problem.statement,
        entry_point=problem.entry_point,
        entry_kind=problem.entry_kind,
        signature=problem.signature,
        returns_argument=problem.returns_argument,
        tolerance=problem.tolerance,
        starter_code=dict(problem.starter_code or {}),
        preamble=problem.preamble,
        examples=problem_examples(problem),
        constraints=problem.constraints,
        follow_up=problem.follow_up,
        editorial=problem.editorial,
        tags=tuple(sorted(t.slug for t in problem.tags.all())),
        tests=tuple(
            TestRecord(
                args=t.args,
                kwargs=t.kwargs,
                expected=t.expected,
                is_sample=t.is_sample,
                checker=t.checker,
                size=t.size,
                note=t.note,
            )
            for t in sorted(problem.tests.all(), key=lambda t: (t.order, t.pk))
        ),
        solutions=tuple(
            SolutionRecord(
                code=s.code,
                language=s.language,
                kind=s.kind,
                explanation=s.explanation,
                time_complexity=s.time_complexity,
                space_complexity=s.space_complexity,
            )
            for s in problem.solutions.all()
        ),
        hints=tuple(h.text for h in sorted(problem.hints.all(), key=lambda h: h.rung)),
        generator=problem.generator,
        growth_sizes=tuple(problem.growth_sizes or ()),
        max_size=problem.max_size,
        generator_origin=problem.generator_origin,
        generator_note=problem.generator_note,
        time_limit_s=problem.time_limit_s,
        memory_limit_mb=problem.memory_limit_mb,
        source_url=problem.source_url,
        licence=problem.licence,
        attribution=problem.attribution,
    )
