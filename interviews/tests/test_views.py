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
    # 422: swapped beside the editor by htmx (base.html), left alone by django-htmx's DEBUG script.
    assert empty.status_code == 422 and b"Write some code" in empty.content
    huge = client.post(url, {"code": "#" * 1_000_000, "kind": "submit"}, headers=htmx)
    assert huge.status_code == 422 and b"too large" in huge.content
    invalid_utf8 = client.post(
        url,
        b"code=%FF%FE%FD&kind=run",
        content_type="application/x-www-form-urlencoded",
        headers=htmx,
    )
    assert invalid_utf8.status_code in (200, 422)
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
    assert waiting.status_code == 200 and b"Built from the tests and your code." in waiting.content
    assert b"Accepted: 2 of 2 sample tests pass." in waiting.content  # complete at once
    Feedback.objects.filter(pk=feedback.pk).update(updated=timezone.now() - timedelta(minutes=5))
    given_up = client.get(url, headers={"HX-Request": "true"})
    assert given_up.status_code == 286  # htmx stops polling
    assert b"AI interviewer unavailable: this feedback is built from" in given_up.content
    # One text, not the facts twice in two wordings.
    assert given_up.content.count(b"Accepted: 2 of 2 sample tests pass.") == 1


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


def test_scripts_get_a_401_when_logged_out(client: Client, setup: dict[str, object]) -> None:
    """htmx and fetch would follow a redirect and show (or count as saved) the login page."""
    for method, url in _urls(setup)[1:]:
        for headers in ({"HX-Request": "true"}, {"X-Requested-With": "fetch"}):
            response = getattr(client, method)(url, {"code": "pass"}, headers=headers)
            assert response.status_code == 401, url
            assert b"You are logged out" in response.content and b"<html" not in response.content


def test_a_stale_tab_cannot_overwrite_what_another_tab_saved(client: Client, owner: User) -> None:
    problem_create()
    interview = services.interview_start(candidate=owner)
    client.login(username="owner", password="pw-123456789")
    url = reverse("draft_save", args=[interview.pk, 1])
    fetch = {"X-Requested-With": "fetch"}
    first = client.post(url, {"code": "tab A", "explanation": "A", "version": 0}, headers=fetch)
    assert first.status_code == 200 and '"version": 1' in first["HX-Trigger"]
    stale = client.post(url, {"code": "tab B", "explanation": "B", "version": 0}, headers=fetch)
    assert stale.status_code == 409 and b"another tab" in stale.content
    item = interview.items.get()
    assert (item.code, item.explanation, item.version) == ("tab A", "A", 1)
    same = client.post(url, {"code": "tab A", "explanation": "A", "version": 0}, headers=fetch)
    assert same.status_code == 200 and '"version": 1' in same["HX-Trigger"]  # nothing lost
    fresh = client.post(url, {"code": "tab B", "explanation": "B", "version": 1}, headers=fetch)
    assert fresh.status_code == 200 and '"version": 2' in fresh["HX-Trigger"]


def test_a_finished_interview_refuses_every_change(client: Client, owner: User) -> None:
    problem_create()
    interview = services.interview_start(candidate=owner)
    item = interview.items.get()
    services.draft_save(item=item, code="before", explanation="")
    services.interview_finish(interview=interview)
    client.login(username="owner", password="pw-123456789")
    htmx = {"HX-Request": "true"}
    save = client.post(
        reverse("draft_save", args=[interview.pk, 1]), {"code": "after", "version": 1}, headers=htmx
    )
    assert save.status_code == 410 and b"has ended" in save.content
    submit = client.post(
        reverse("submission_create", args=[interview.pk, 1]), {"code": "after"}, headers=htmx
    )
    assert submit.status_code == 422 and b"has ended" in submit.content
    assert b"See the scorecard" in submit.content
    client.post(reverse("hint_reveal", args=[interview.pk, 1]), headers=htmx)
    item.refresh_from_db()
    assert item.code == "before" and not item.submissions.exists()
    assert not item.hint_reveals.exists()
    assert [s.code for s in item.snapshots.all()] == ["before"]  # the replay has no late draft


def test_unpublished_problems_and_problems_without_tests_cannot_be_started(
    client: Client, owner: User
) -> None:
    problem_create(slug="hidden", is_published=False)
    problem_create(slug="untested", title="No Tests Here At All", tests=[])
    problem_create(slug="fine", title="A Fine Problem To Start")
    client.login(username="owner", password="pw-123456789")
    for slug in ("hidden", "untested", "no-such-problem"):
        page = client.get(reverse("interview_new"), {"problem": slug})
        response = client.post(reverse("interview_new"), {
            "problem": slug, "language": "python3", "problem_count": 1, "time_limit_min": 30,
        })  # fmt: skip
        assert response.status_code == 200 and page.status_code == 200, slug
        assert b"not available for interviews" in response.content, slug
    assert not owner.interviews.exists()
    started = client.post(reverse("interview_new"), {
        "problem": "fine", "language": "python3", "problem_count": 1, "time_limit_min": 30,
    })  # fmt: skip
    assert started.status_code == 302
    assert owner.interviews.get().items.get().problem.slug == "fine"


def test_unicode_in_results_reads_as_text(client: Client, owner: User) -> None:
    problem_create()
    item = services.interview_start(candidate=owner).items.get()
    test = {
        "index": 0, "is_sample": True, "verdict": "WA", "input": {"args": ["naïve", 1]},
        "expected": "naïve café", "actual": "naive cafe", "cpu_s": 0.01, "mem_kb": 10,
    }  # fmt: skip
    submission = Submission.objects.create(
        item=item, kind="run", code="pass", status="done", verdict="WA", passed=0, total=1,
        report={"tests": [test]},
    )  # fmt: skip
    client.login(username="owner", password="pw-123456789")
    page = client.get(reverse("submission_detail", args=[submission.pk])).content.decode()
    assert "&quot;naïve café&quot;" in page and "\\u00ef" not in page
