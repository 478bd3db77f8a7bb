"""Embedding upkeep, semantic search with filters, and the model registry."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from mltools.contracts import SearchFilters
from problems import ml_services
from problems.models import ProblemEmbedding
from problems.tests.factories import problem_create

pytestmark = pytest.mark.django_db

STATEMENTS = {
    "valid-brackets": (
        "easy",
        ("stack", "string"),
        "Given a string of brackets ( ) [ ] { }, decide whether every opening bracket is closed in the right order.",
    ),
    "shortest-path-grid": (
        "medium",
        ("graph", "bfs"),
        "Find the length of the shortest path from the top-left to the bottom-right cell of a grid with walls, moving in four directions.",
    ),
    "course-order": (
        "medium",
        ("graph", "topological-sort"),
        "Given courses and prerequisite pairs, return an order in which all courses can be taken, or an empty list if there is a cycle.",
    ),
    "max-subarray": (
        "medium",
        ("array", "dynamic-programming"),
        "Return the largest sum of a contiguous non-empty subarray of an integer array.",
    ),
    "sql-window": (
        "hard",
        ("database",),
        "Write a query that ranks employees' salaries within each department using window functions.",
    ),
}


@pytest.fixture
def bank() -> dict[str, int]:
    return {
        slug: problem_create(
            slug=slug, title=slug.replace("-", " ").title(), difficulty=d, tags=t, statement=s
        ).pk
        for slug, (d, t, s) in STATEMENTS.items()
    }


def _embed() -> str:
    out = StringIO()
    call_command("embed_problems", "--no-progress", stdout=out)
    return out.getvalue()


def _slugs(problems: list) -> list[str]:
    return [p.slug for p in problems]


def test_embed_problems_only_reembeds_changed_problems(bank: dict[str, int]) -> None:
    assert "embedded 5, unchanged 0" in _embed()
    row = ProblemEmbedding.objects.get(problem_id=bank["max-subarray"])
    assert row.dimensions == 384 and len(bytes(row.vector)) == 384 * 4
    assert "embedded 0, unchanged 5" in _embed()

    problem = row.problem
    problem.statement = "Return the largest product of a contiguous subarray."
    problem.save()
    assert "embedded 1, unchanged 4" in _embed()
    assert ProblemEmbedding.objects.get(pk=row.pk).text_hash != row.text_hash


def test_dry_run_writes_nothing(bank: dict[str, int]) -> None:
    out = StringIO()
    call_command("embed_problems", "--dry-run", stdout=out)
    assert "would embed 5" in out.getvalue()
    assert not ProblemEmbedding.objects.exists()


def test_free_text_search_ranks_the_described_problem_first(bank: dict[str, int]) -> None:
    _embed()
    assert (
        _slugs(ml_services.problems_search_text(text="balanced parentheses checker", k=3))[0]
        == "valid-brackets"
    )
    assert _slugs(ml_services.problems_search_text(text="BFS on a maze", k=1)) == [
        "shortest-path-grid"
    ]


def test_filters_apply_with_the_ranking(bank: dict[str, int]) -> None:
    _embed()
    easy = ml_services.problems_search_text(
        text="shortest path in a grid", k=3, filters=SearchFilters(difficulties=("easy",))
    )
    assert _slugs(easy) == ["valid-brackets"]  # the only easy problem, though it ranks low

    graphs = ml_services.problems_search_text(
        text="anything", k=5, filters=SearchFilters(tags=("graph",))
    )
    assert set(_slugs(graphs)) == {"shortest-path-grid", "course-order"}

    seen = SearchFilters(exclude_ids=(bank["shortest-path-grid"],))
    assert "shortest-path-grid" not in _slugs(
        ml_services.problems_search_text(text="BFS on a maze", k=5, filters=seen)
    )


def test_similar_problems_exclude_the_problem_itself(bank: dict[str, int]) -> None:
    _embed()
    from problems.models import Problem

    similar = ml_services.problems_similar(problem=Problem.objects.get(slug="course-order"), k=4)
    assert "course-order" not in _slugs(similar)
    assert _slugs(similar)[0] == "shortest-path-grid"  # the other graph problem


def test_job_description_picks_matching_topics(bank: dict[str, int]) -> None:
    _embed()
    jd = (
        "We are hiring a backend engineer to build routing for our delivery network. "
        "You will model road networks as graphs, compute shortest paths, and schedule "
        "dependent jobs in the right order. " * 8  # long, as real ones are
    )
    assert set(_slugs(ml_services.problems_for_job_description(text=jd, k=2))) == {
        "shortest-path-grid",
        "course-order",
    }


def test_search_sees_new_embeddings_without_a_restart(bank: dict[str, int]) -> None:
    _embed()
    assert ml_services.problems_search_text(text="topological order", k=1)
    problem_create(
        slug="alien-dictionary",
        title="Alien Dictionary",
        difficulty="hard",
        tags=("graph",),
        statement="Given words sorted in an alien language, derive the order of its letters.",
    )
    _embed()
    hits = ml_services.problems_search_text(text="letter order of an alien language", k=1)
    assert _slugs(hits) == ["alien-dictionary"]
