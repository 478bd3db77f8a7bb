"""History's weak topics: ranked from each problem's rubric scores, never a well-scored topic."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from interviews import history, services
from interviews.models import Submission
from problems.models import Problem
from problems.tests.factories import problem_create

pytestmark = pytest.mark.django_db


def _interview_with(user: User, problems: list[Problem], passed: dict[str, int]) -> None:
    """One finished interview; each problem gets a judged submit passing `passed[slug]` of 6."""
    interview = services.interview_start(candidate=user, problem=problems[0])
    for order, problem in enumerate(problems[1:], start=2):
        interview.items.create(problem=problem, order=order)
    for item in interview.items.select_related("problem"):
        Submission.objects.create(
            item=item, kind="submit", code="x = 1", status="done", verdict="AC"
            if passed[item.problem.slug] == 6 else "WA", passed=passed[item.problem.slug],
            total=6, explanation="One pass, O(n) time.", quality={"findings": []},
        )  # fmt: skip
    services.interview_finish(interview=interview)


def test_topics_whose_problems_all_scored_well_are_never_weak() -> None:
    user = User.objects.create_user("ada")
    strong = [problem_create(slug=f"strong-{i}", title=f"Strong {i}", tags=(f"solid-{i}",)) for i in range(3)]  # fmt: skip
    weak = problem_create(slug="weak", title="Weak One", tags=("graphs",))
    problem_create(slug="next-graph", title="Next Graph", tags=("graphs",))
    # One interview where the three strong topics scored 100 on correctness next to a
    # failed problem: the interview's correctness is 75, but their problems scored well.
    _interview_with(user, [*strong, weak], {"strong-0": 6, "strong-1": 6, "strong-2": 6, "weak": 1})

    topics = history.weak_topics(candidate=user)

    assert [t.tag for t in topics] == ["graphs"]
    graphs = topics[0]
    assert graphs.count == 1 and graphs.average < history.WELL_SCORED
    assert graphs.weakest in ("correctness", "efficiency")
    assert graphs.suggestion is not None and graphs.suggestion.slug == "next-graph"


def test_weak_topics_are_ranked_weakest_first() -> None:
    user = User.objects.create_user("grace")
    a = problem_create(slug="a", title="Problem A", tags=("arrays",))
    b = problem_create(slug="b", title="Problem B", tags=("trees",))
    _interview_with(user, [a, b], {"a": 3, "b": 0})
    assert [t.tag for t in history.weak_topics(candidate=user)] == ["trees", "arrays"]
