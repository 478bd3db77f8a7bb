from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import timezone

from interviews import services
from interviews.models import Interview, Submission
from problems.tests.factories import problem_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def candidate() -> User:
    return User.objects.create_user("ada", password="pw-123456789")


def test_start_never_repeats_a_problem_until_the_pool_is_exhausted(candidate: User) -> None:
    for i in range(3):
        problem_create(slug=f"p{i}", title=f"P{i}")
    seen = []
    for _ in range(3):
        interview = services.interview_start(candidate=candidate)
        seen.append(interview.items.get().problem.slug)
    assert sorted(seen) == ["p0", "p1", "p2"]
    again = services.interview_start(candidate=candidate)  # pool exhausted: starts over
    assert again.items.count() == 1


def test_start_filters_by_topic_and_difficulty_and_explains_an_empty_pool(candidate: User) -> None:
    problem_create(slug="graphs", tags=("graph",), difficulty="hard")
    problem_create(slug="arrays", tags=("array",), difficulty="easy")
    interview = services.interview_start(candidate=candidate, topics=["graph"], difficulty="hard")
    assert interview.items.get().problem.slug == "graphs"
    with pytest.raises(ValidationError, match="No problem matches"):
        services.interview_start(candidate=candidate, topics=["graph"], difficulty="easy")


def test_job_description_picks_a_relevant_problem(candidate: User) -> None:
    problem_create(slug="routes", title="Cheapest Routes", tags=("graph", "shortest-path"))
    problem_create(slug="pal", title="Palindrome Check", tags=("string",))
    interview = services.interview_start(
        candidate=candidate, job_description="Backend engineer for our routing and network team"
    )
    assert interview.items.get().problem.slug == "routes"


def test_submission_rules(candidate: User) -> None:
    problem_create()
    interview = services.interview_start(candidate=candidate)
    item = interview.items.get()
    with pytest.raises(ValidationError, match="Write some code"):
        services.submission_create(item=item, kind="run", code="   ")
    with pytest.raises(ValidationError, match="larger than 64 KB"):
        services.submission_create(item=item, kind="run", code="x = 1\n" * 200_000)
    first = services.submission_create(item=item, kind="run", code="pass", client_token="t1")
    again = services.submission_create(item=item, kind="run", code="pass", client_token="t1")
    assert first.pk == again.pk and Submission.objects.count() == 1
    Interview.objects.filter(pk=interview.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    item.interview.refresh_from_db()
    with pytest.raises(ValidationError, match="has ended"):
        services.submission_create(item=item, kind="submit", code="pass")
    assert Submission.objects.count() == 1


def test_hints_come_in_order_and_run_out(candidate: User) -> None:
    problem_create()
    item = services.interview_start(candidate=candidate).items.get()
    assert [services.hint_reveal(item=item).rung for _ in range(3)] == [1, 2, 3]
    with pytest.raises(ValidationError, match="All hints"):
        services.hint_reveal(item=item)


def test_finishing_twice_keeps_one_scorecard(candidate: User) -> None:
    problem_create()
    interview = services.interview_start(candidate=candidate)
    first = services.interview_finish(interview=interview)
    second = services.interview_finish(interview=interview)
    assert first.pk == second.pk
    interview.refresh_from_db()
    assert interview.status == "finished" and first.overall == 0


def test_autosave_keeps_the_draft_and_snapshots_for_the_replay(candidate: User) -> None:
    problem_create()
    item = services.interview_start(candidate=candidate).items.get()
    services.draft_save(item=item, code="print(1)", explanation="O(1)")
    item.refresh_from_db()
    assert item.code == "print(1)" and item.snapshots.count() == 1


def test_an_explanation_written_but_never_submitted_counts_at_time_up(candidate: User) -> None:
    problem_create()
    interview = services.interview_start(candidate=candidate)
    item = interview.items.get()
    services.submission_create(item=item, kind="submit", code="pass")  # no explanation yet
    services.draft_save(item=item, code="pass", explanation="Add them: O(1) time.", version=1)
    Interview.objects.filter(pk=interview.pk).update(deadline=timezone.now())
    card = services.interview_finish(interview=interview)
    texts = [p["text"] for p in card.improvements + card.strengths]
    assert not any("no explanation" in t for t in texts), texts
    assert card.communication > 0


def test_a_draft_after_the_interview_is_finished_is_refused(candidate: User) -> None:
    problem_create()
    interview = services.interview_start(candidate=candidate)
    item = interview.items.get()
    services.interview_finish(interview=interview)
    with pytest.raises(ValidationError, match="has ended"):
        services.draft_save(item=item, code="late", explanation="")
    item.refresh_from_db()
    assert item.code != "late" and not item.snapshots.exists()
