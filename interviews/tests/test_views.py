"""Pages work for their owner, are invisible (404) to everyone else, and bad input never 500s."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from interviews import services
from interviews.models import Submission
from problems.tests.factories import problem_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner() -> User:
    return User.objects.create_user("owner", password="pw-123456789")


@pytest.fixture
def setup(owner: User) -> dict[str, object]:
    problem_create()
    interview = services.interview_start(candidate=owner)
    item = interview.items.get()
    submission = Submission.objects.create(item=item, kind="run", code="pass")
    services.interview_finish(interview=services.interview_start(candidate=owner))
    finished = owner.interviews.filter(status="finished").get()
    return {"interview": interview, "submission": submission, "finished": finished}


def _urls(setup: dict[str, object]) -> list[tuple[str, str]]:
    pk = setup["interview"].pk  # type: ignore[attr-defined]
    return [
        ("get", reverse("interview_room", args=[pk])),
        ("post", reverse("draft_save", args=[pk, 1])),
        ("post", reverse("submission_create", args=[pk, 1])),
        ("post", reverse("hint_reveal", args=[pk, 1])),
        ("get", reverse("chat", args=[pk])),
        ("post", reverse("chat", args=[pk])),
        ("post", reverse("interview_finish", args=[pk])),
        ("get", reverse("scorecard", args=[setup["finished"].pk])),  # type: ignore[attr-defined]
        ("get", reverse("submission_detail", args=[setup["submission"].pk])),  # type: ignore[attr-defined]
    ]


def test_every_id_url_is_404_for_another_candidate(
    client: Client, setup: dict[str, object]
) -> None:
    User.objects.create_user("mallory", password="pw-123456789")
    client.login(username="mallory", password="pw-123456789")
    for method, url in _urls(setup):
        response = getattr(client, method)(url, {"code": "pass", "question": "hi"})
        assert response.status_code == 404, url


def test_every_id_url_works_for_its_owner(client: Client, setup: dict[str, object]) -> None:
    client.login(username="owner", password="pw-123456789")
    for method, url in _urls(setup):
        response = getattr(client, method)(url, {"code": "pass", "question": "hi"})
        assert response.status_code in (200, 302), (url, response.status_code)


def test_anonymous_visitors_are_sent_to_log_in(client: Client, setup: dict[str, object]) -> None:
    for method, url in _urls(setup):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_signup_logs_in_and_leads_to_a_new_interview(client: Client) -> None:
    response = client.post(
        reverse("signup"),
        {
            "username": "grace",
            "password1": "a-long-pass-phrase-9",
            "password2": "a-long-pass-phrase-9",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("interview_new")
    assert client.get(reverse("interview_new")).status_code == 200


def test_bad_submissions_get_clear_messages(client: Client, owner: User) -> None:
    problem_create()
    interview = services.interview_start(candidate=owner)
    client.login(username="owner", password="pw-123456789")
    url = reverse("submission_create", args=[interview.pk, 1])
    htmx = {"HX-Request": "true"}
    empty = client.post(url, {"code": "", "kind": "run"}, headers=htmx)
    assert empty.status_code == 400 and b"Write some code" in empty.content
    huge = client.post(url, {"code": "#" * 1_000_000, "kind": "submit"}, headers=htmx)
    assert huge.status_code == 400 and b"too large" in huge.content
    invalid_utf8 = client.post(
        url,
        b"code=%FF%FE%FD&kind=run",
        content_type="application/x-www-form-urlencoded",
        headers=htmx,
    )
    assert invalid_utf8.status_code in (200, 400)
    assert Submission.objects.count() <= 1


def test_missing_csrf_token_is_refused(owner: User) -> None:
    problem_create()
    interview = services.interview_start(candidate=owner)
    strict = Client(enforce_csrf_checks=True)
    strict.login(username="owner", password="pw-123456789")
    response = strict.post(reverse("submission_create", args=[interview.pk, 1]), {"code": "pass"})
    assert response.status_code == 403
    assert Submission.objects.count() == 0


def test_room_after_time_is_up_goes_to_the_scorecard(client: Client, owner: User) -> None:
    problem_create()
    interview = services.interview_start(candidate=owner, time_limit_min=5)
    type(interview).objects.filter(pk=interview.pk).update(deadline=interview.started_at)
    client.login(username="owner", password="pw-123456789")
    response = client.get(reverse("interview_room", args=[interview.pk]))
    assert response.status_code == 302 and response["Location"].endswith("/scorecard/")
    assert client.get(response["Location"]).status_code == 200


def test_when_the_llm_cluster_is_down_the_page_stops_waiting(client: Client, owner: User) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from interviews.models import Feedback

    problem_create()
    interview = services.interview_start(candidate=owner)
    submission = Submission.objects.create(
        item=interview.items.get(), kind="run", code="pass", status="done", verdict="AC"
    )
    feedback = Feedback.objects.create(
        submission=submission, facts_text="Accepted: 2 of 2 sample tests pass."
    )
    client.login(username="owner", password="pw-123456789")
    url = reverse("submission_detail", args=[submission.pk])
    waiting = client.get(url, headers={"HX-Request": "true"})
    assert waiting.status_code == 200 and b"reading your submission" in waiting.content
    Feedback.objects.filter(pk=feedback.pk).update(updated=timezone.now() - timedelta(minutes=5))
    given_up = client.get(url, headers={"HX-Request": "true"})
    assert given_up.status_code == 286  # htmx stops polling
    assert b"AI interviewer unavailable: feedback from tests only" in given_up.content
    assert b"Accepted: 2 of 2 sample tests pass." in given_up.content


def test_password_change_and_reset_pages(client: Client, owner: User) -> None:
    from django.core import mail

    owner.email = "owner@example.com"
    owner.save()
    assert client.get(reverse("password_reset")).status_code == 200
    sent = client.post(reverse("password_reset"), {"email": "owner@example.com"})
    assert sent.status_code == 302 and len(mail.outbox) == 1
    client.login(username="owner", password="pw-123456789")
    changed = client.post(
        reverse("password_change"),
        {
            "old_password": "pw-123456789",
            "new_password1": "a-new-long-phrase-7",
            "new_password2": "a-new-long-phrase-7",
        },
    )
    assert changed.status_code == 302
    client.logout()
    assert client.login(username="owner", password="a-new-long-phrase-7")


def test_the_hint_ladder_counts_the_problems_rungs_and_renders_markdown(
    client: Client, owner: User
) -> None:
    problem = problem_create(hints=2)
    problem.hints.filter(rung=1).update(text="Keep a running `total`.\n\nThen compare.")
    interview = services.interview_start(candidate=owner)
    client.login(username="owner", password="pw-123456789")
    room = client.get(reverse("interview_room", args=[interview.pk])).content.decode()
    assert "Reveal hint 1 of 2" in room

    shown = client.post(
        reverse("hint_reveal", args=[interview.pk, 1]), headers={"HX-Request": "true"}
    ).content.decode()

    assert "<code>total</code>" in shown and "<p>Then compare.</p>" in shown
    assert "Reveal hint 2 of 2" in shown


def test_a_problem_without_hints_says_so(client: Client, owner: User) -> None:
    problem_create(hints=0)
    interview = services.interview_start(candidate=owner)
    client.login(username="owner", password="pw-123456789")

    room = client.get(reverse("interview_room", args=[interview.pk])).content.decode()

    assert "This problem has no hints" in room and 'id="hint-button"' not in room


def test_the_growth_sentence_is_shown_once(client: Client, owner: User) -> None:
    from interviews.models import Feedback

    problem_create()
    item = services.interview_start(candidate=owner).items.get()
    sentence = "Observed ~O(n), the same as the optimal O(n)."
    growth = {"observed": "O(n)", "optimal": "O(n)", "sentence": sentence}
    in_facts, alone = (
        Submission.objects.create(
            item=item, kind="submit", code="pass", status="done", verdict="AC", growth=growth
        )
        for _ in range(2)
    )
    Feedback.objects.create(submission=in_facts, facts_text=f"Accepted.\n{sentence}")
    client.login(username="owner", password="pw-123456789")

    for submission in (in_facts, alone):
        page = client.get(reverse("submission_detail", args=[submission.pk])).content.decode()
        assert page.count(sentence) == 1, submission
