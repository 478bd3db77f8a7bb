"""django-q2 entry points: take primitive ids, load rows, call a service.

Judge tasks run in the `judge` cluster; the model's tasks in the `llm` cluster,
whose single worker process loads the model once and keeps it. `leased` tasks
are delivered at least once and store their result once (interviews.jobs).
"""

from __future__ import annotations

from interviews import interviewer, services
from interviews.jobs import leased
from interviews.models import Feedback, JobKind, Scorecard, Submission, Turn


@leased(JobKind.JUDGE)
def submission_judge_task(submission_id: int) -> str:
    submission = Submission.objects.select_related("item__problem", "item__interview").get(
        pk=submission_id
    )
    return services.submission_judge(submission=submission).verdict


@leased(JobKind.MEASURE)
def submission_measure_task(submission_id: int) -> str:
    submission = Submission.objects.select_related("item__problem").get(pk=submission_id)
    return str(services.submission_measure(submission=submission).growth.get("observed", ""))


@leased(JobKind.NARRATIVE)
def feedback_generate_task(feedback_id: int) -> str:
    feedback = Feedback.objects.select_related("submission__item__problem").get(pk=feedback_id)
    return interviewer.feedback_write(feedback=feedback).status


def chat_answer_task(turn_id: int) -> str:
    turn = Turn.objects.select_related("interview", "item__problem").get(pk=turn_id)
    return interviewer.chat_answer(turn=turn).phrasing


def summary_generate_task(scorecard_id: int) -> str:
    scorecard = Scorecard.objects.select_related("interview").get(pk=scorecard_id)
    return interviewer.summary_write(scorecard=scorecard).summary_status


def interviews_expire_task() -> int:
    return services.interviews_expire()
