"""Work whose worker died is done again, stored once, and gives up with a reason after its tries.

Real clusters and real signals are in tests/test_faults.py; these drive the same
services in-process (django-q2's sync mode), with a worker that really died: a
process started and killed here, whose pid the job names as its owner.
"""

from __future__ import annotations

import subprocess
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from interviews import jobs, judging, services
from interviews.models import Feedback, Job, JobKind, Submission, TestResult, Turn
from problems.tests.factories import problem_create

pytestmark = [pytest.mark.django_db, pytest.mark.sandbox]

RIGHT = "class Solution:\n    def add(self, a, b):\n        return a + b\n"


@pytest.fixture
def client_and_item() -> tuple[Client, object]:
    problem_create()
    user = User.objects.create_user("ada", password="pw-123456789")
    client = Client()
    client.force_login(user)
    return client, services.interview_start(candidate=user).items.get()


def _dead_owner() -> str:
    process = subprocess.Popen(["sleep", "30"])
    owner = jobs._owner_of(process.pid)
    process.kill()
    process.wait()
    return owner


def _submit_unsent(item, capture, kind: str = "submit") -> tuple[Submission, Job]:
    """A submission whose first delivery to the judge is lost (its task never enqueued)."""
    with capture(execute=False):
        submission = services.submission_create(item=item, kind=kind, code=RIGHT)
    return submission, Job.objects.get(kind=JobKind.JUDGE, target_id=submission.pk)


def _die_mid_judge(job: Job, attempts: int = 1) -> None:
    Job.objects.filter(pk=job.pk).update(
        status="running", attempts=attempts, owner=_dead_owner(), lease_until=timezone.now()
    )
    Submission.objects.filter(pk=job.target_id).update(status="running")
    job.lease_until = timezone.now() + timedelta(hours=1)  # a long deadline: death alone counts
    Job.objects.filter(pk=job.pk).update(lease_until=job.lease_until)


def _poll(client: Client, submission: Submission):
    return client.get(
        reverse("submission_detail", args=[submission.pk]), headers={"HX-Request": "true"}
    )


def test_a_submission_whose_judge_died_is_judged_again_and_the_page_says_so(
    sync_tasks: None, django_capture_on_commit_callbacks, client_and_item
) -> None:
    client, item = client_and_item
    submission, job = _submit_unsent(item, django_capture_on_commit_callbacks)
    _die_mid_judge(job)
    with django_capture_on_commit_callbacks(execute=True):  # the task runs in-process
        page = _poll(client, submission)
    assert "The judge restarted; judging again (try 2)" in page.content.decode()
    assert page.status_code == 200  # handed back, and polling goes on
    submission.refresh_from_db()
    assert (submission.status, submission.verdict) == ("done", "AC")
    assert submission.results.count() == 6
    job.refresh_from_db()
    assert (job.status, job.attempts, job.deliveries) == ("done", 2, 2)
    assert "worker stopped" in job.reason


def test_after_its_last_try_the_candidate_sees_why_and_can_submit_again(
    sync_tasks: None, django_capture_on_commit_callbacks, client_and_item
) -> None:
    client, item = client_and_item
    submission, job = _submit_unsent(item, django_capture_on_commit_callbacks)
    _die_mid_judge(job, attempts=3)
    with django_capture_on_commit_callbacks(execute=True) as sent:
        page = _poll(client, submission)
    text = page.content.decode()
    assert page.status_code == 286 and not sent  # HTMX_STOP_POLLING: nothing more will change
    assert "Judging failed 3 times: the worker stopped" in text
    assert "You can submit again." in text
    with django_capture_on_commit_callbacks(execute=True):
        again = services.submission_create(item=item, kind="submit", code=RIGHT)
    again.refresh_from_db()
    assert again.verdict == "AC"


def test_work_nobody_picks_up_is_sent_again_then_given_up(
    sync_tasks: None, django_capture_on_commit_callbacks, client_and_item
) -> None:
    _, item = client_and_item
    submission, job = _submit_unsent(item, django_capture_on_commit_callbacks, kind="run")
    Job.objects.filter(pk=job.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=False) as sent:
        assert jobs.jobs_reap() == 1
    job.refresh_from_db()
    assert (job.status, job.deliveries, job.attempts, len(sent)) == ("queued", 2, 0, 1)
    Job.objects.filter(pk=job.pk).update(
        lease_until=timezone.now() - timedelta(seconds=1),
        queued_at=timezone.now() - timedelta(hours=1),
    )
    jobs.jobs_reap()
    submission.refresh_from_db()
    assert (submission.status, submission.verdict) == ("error", "IE")
    assert "no worker picked it up" in submission.report["error"]


def test_judging_twice_at_once_stores_one_verdict_and_one_set_of_results(
    sync_tasks: None, django_capture_on_commit_callbacks, client_and_item, monkeypatch
) -> None:
    _, item = client_and_item
    with django_capture_on_commit_callbacks(execute=False):
        submission = services.submission_create(item=item, kind="submit", code=RIGHT)
    real, raced = judging.judge_submission, list[Submission]()

    def judged_meanwhile_by_another_worker(s: Submission) -> judging.JudgedFacts:
        facts = real(s)
        if not raced:  # the other worker (a retry after a lease ran out) finishes first
            raced.append(s)
            raced[0] = services.submission_judge(submission=Submission.objects.get(pk=s.pk))
        return facts

    monkeypatch.setattr(judging, "judge_submission", judged_meanwhile_by_another_worker)
    with django_capture_on_commit_callbacks(execute=False):
        services.submission_judge(submission=Submission.objects.get(pk=submission.pk))
    assert raced and raced[0].status == "done"
    assert TestResult.objects.filter(submission=submission).count() == 6
    assert Feedback.objects.filter(submission=submission).count() == 1
    assert Job.objects.filter(submission=submission, kind=JobKind.NARRATIVE).count() == 1


def test_a_narrative_cut_short_is_written_again_from_its_start(
    sync_tasks: None, django_capture_on_commit_callbacks, client_and_item
) -> None:
    _, item = client_and_item
    with django_capture_on_commit_callbacks(execute=False):
        submission = services.submission_create(item=item, kind="submit", code=RIGHT)
        services.submission_judge(submission=submission)
    feedback = Feedback.objects.get(submission=submission)
    Feedback.objects.filter(pk=feedback.pk).update(status="streaming", narrative="Half a senten")
    Job.objects.filter(kind=JobKind.NARRATIVE, target_id=feedback.pk).update(
        status="running", attempts=1, owner=_dead_owner()
    )
    with django_capture_on_commit_callbacks(execute=False) as sent:
        assert jobs.jobs_reap() == 1
    feedback.refresh_from_db()
    assert (feedback.status, feedback.narrative, len(sent)) == ("pending", "", 1)


def test_a_chat_answer_whose_worker_died_stops_the_polling(client_and_item) -> None:
    client, item = client_and_item
    answer = Turn.objects.create(
        interview=item.interview, item=item, role="interviewer", status="streaming", text="So th"
    )
    url = reverse("chat", args=[item.interview.pk])
    assert client.get(url, headers={"HX-Request": "true"}).status_code == 200  # still writing
    Turn.objects.filter(pk=answer.pk).update(created=timezone.now() - timedelta(minutes=10))
    page = client.get(url, headers={"HX-Request": "true"})
    assert page.status_code == 286 and services.MSG_INTERVIEWER_DOWN in page.content.decode()


def test_a_narrative_delivered_twice_is_written_once(
    django_capture_on_commit_callbacks, client_and_item
) -> None:
    """Two deliveries of the same narrative work (the second read the row before the first
    wrote it) leave one narrative and one follow-up question in the chat."""
    from interviews import interviewer

    _, item = client_and_item
    with django_capture_on_commit_callbacks(execute=False):
        submission = services.submission_create(item=item, kind="submit", code=RIGHT)
        services.submission_judge(submission=submission)
    first = Feedback.objects.get(submission=submission)
    second = Feedback.objects.get(pk=first.pk)  # read before the first delivery writes
    assert interviewer.feedback_write(feedback=first).status == "done"
    written = Feedback.objects.values("narrative", "updated").get(pk=first.pk)
    follow_ups = Turn.objects.filter(item=item, text__startswith="Follow-up:")
    assert follow_ups.count() == 1
    assert interviewer.feedback_write(feedback=second).status == "done"
    assert follow_ups.count() == 1
    assert Feedback.objects.values("narrative", "updated").get(pk=first.pk) == written
