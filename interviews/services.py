"""Writes of the interview flow: start, autosave, submit, judge, hints, chat, finish.

Views and tasks call these; they validate, save and enqueue background work
after commit. Judging runs in the `judge` cluster, the model in the `llm` one.
"""

from __future__ import annotations

import logging
import random
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django_q.tasks import async_task

from interviews import jobs
from interviews.models import (
    CodeSnapshot,
    Feedback,
    FeedbackStatus,
    HintReveal,
    Interview,
    InterviewProblem,
    InterviewStatus,
    JobKind,
    PhrasingStatus,
    Scorecard,
    Submission,
    SubmissionKind,
    SubmissionStatus,
    TestResult,
    Turn,
    TurnRole,
    TurnStatus,
)
from mltools.contracts import ClarifyAnswer
from mltools.llm import clarify
from problems.judge.languages import get_language
from problems.judge.languages import offered as offered_languages
from problems.models import Problem

logger = logging.getLogger(__name__)

MAX_CODE_BYTES = 64 * 1024
MAX_EXPLANATION_CHARS = 5000
MAX_CHAT_CHARS = 2000
SNAPSHOT_EVERY = timedelta(seconds=20)
# The page saves once more when its timer reaches zero; that last save may land a
# moment after the deadline, but never after the interview is finished.
DRAFT_GRACE = timedelta(seconds=15)

MSG_EMPTY = "Write some code before running it."
MSG_LANGUAGE = "That language is not offered here."
MSG_TOO_LARGE = f"Your code is larger than {MAX_CODE_BYTES // 1024} KB; please trim it."
MSG_CLOSED = "This interview has ended; no more submissions are accepted."
MSG_NO_PROBLEMS = "No problem matches these choices. Try other topics or difficulty."
MSG_NO_MORE_HINTS = "All hints for this problem are already shown."
MSG_EMPTY_QUESTION = "Type a question first."
MSG_DUPLICATE = "This submission was already received."
MSG_STALE = (
    "This problem was changed in another tab or window since this page loaded, so this "
    "copy was not saved (this browser keeps it). Reload to see the latest copy; you can "
    "then choose this one instead."
)
MSG_UNAVAILABLE = "This problem is not available for interviews."
MSG_INTERVIEWER_DOWN = (
    "The AI interviewer is unavailable right now; the statement, examples and constraints "
    "above are the ground truth."
)


# --- starting -----------------------------------------------------------------


def _seen_problem_ids(candidate: User) -> set[int]:
    return set(
        InterviewProblem.objects.filter(interview__candidate=candidate).values_list(
            "problem_id", flat=True
        )
    )


def _startable_problems() -> QuerySet[Problem]:
    """Problems an interview may use: published, with tests to judge against."""
    return Problem.objects.filter(is_published=True).exclude(tests__isnull=True)


def problem_startable(*, problem: Problem) -> bool:
    """Whether an interview may start on `problem`: published, with tests to judge by."""
    return _startable_problems().filter(pk=problem.pk).exists()


def problems_pick(
    *,
    candidate: User,
    count: int,
    topics: list[str],
    difficulty: str,
    job_description: str = "",
) -> list[Problem]:
    """Choose problems the candidate has not seen, until the pool is exhausted.

    With a job description, problems are ranked by relevance (embeddings when
    they are built, else keyword and tag overlap); otherwise chosen at random
    among those matching the topics and difficulty.
    """
    pool = _startable_problems()
    if difficulty:
        pool = pool.filter(difficulty=difficulty)
    if topics:
        pool = pool.filter(tags__slug__in=topics)
    pool = pool.distinct()
    seen = _seen_problem_ids(candidate)
    unseen = pool.exclude(id__in=seen)
    exhausted = not unseen.exists()
    candidates = pool if exhausted else unseen  # start over once the pool is exhausted
    if job_description.strip():
        from interviews.relevance import problems_rank_for_text

        ranked = problems_rank_for_text(
            text=job_description,
            queryset=candidates,
            limit=count,
            difficulty=difficulty,
            topics=tuple(topics),
            exclude_ids=() if exhausted else tuple(seen),
        )
        if ranked:
            return ranked
    ids = list(candidates.values_list("id", flat=True))
    chosen = random.sample(ids, min(count, len(ids)))
    by_id = Problem.objects.in_bulk(chosen)
    return [by_id[i] for i in chosen]


@transaction.atomic
def interview_start(
    *,
    candidate: User,
    topics: list[str] | None = None,
    difficulty: str = "",
    language: str = "python3",
    problem_count: int = 1,
    time_limit_min: int = 45,
    job_description: str = "",
    problem: Problem | None = None,
) -> Interview:
    if problem is not None and not problem_startable(problem=problem):
        raise ValidationError(MSG_UNAVAILABLE)
    problems = (
        [problem]
        if problem is not None
        else problems_pick(
            candidate=candidate,
            count=problem_count,
            topics=topics or [],
            difficulty=difficulty,
            job_description=job_description,
        )
    )
    if not problems:
        raise ValidationError(MSG_NO_PROBLEMS)
    now = timezone.now()
    interview = Interview(
        candidate=candidate,
        language=language,
        difficulty=difficulty,
        topics=topics or [],
        job_description=job_description,
        time_limit_min=time_limit_min,
        started_at=now,
        deadline=now + timedelta(minutes=time_limit_min),
    )
    _check_language(language)
    interview.full_clean()
    interview.save()
    for order, chosen in enumerate(problems, start=1):
        InterviewProblem.objects.create(
            interview=interview,
            problem=chosen,
            order=order,
            language=language,
            code=starter_code(chosen, language),
        )
    return interview


def starter_code(problem: Problem, language: str = "python3") -> str:
    """The problem's own starter in `language` when it has one; else LeetCode's shape made
    from its signature: a class with its methods for design problems, "do not return
    anything" for in-place ones, the def line (or its C++/Java/JS/TS form) otherwise."""
    own = (problem.starter_code or {}).get(language)
    if own:
        return str(own)
    return get_language(language).starter_code(problem.call_shape)


def _check_language(language: str) -> None:
    if language not in dict(offered_languages()):
        raise ValidationError(MSG_LANGUAGE)


def item_language_set(*, item: InterviewProblem, language: str) -> InterviewProblem:
    """Switch this problem's draft to `language`: the code becomes the new language's
    starter; the old draft stays in the replay's timeline."""
    _check_language(language)
    if not item.interview.is_open:
        raise ValidationError(MSG_CLOSED)
    if language == item.language:
        return item
    if item.code.strip():
        CodeSnapshot.objects.create(item=item, code=item.code, explanation=item.explanation)
    code, now = starter_code(item.problem, language), timezone.now()
    # A new version: a tab still showing the old language's draft cannot save over it.
    InterviewProblem.objects.filter(pk=item.pk).update(
        language=language, code=code, saved_at=now, version=F("version") + 1
    )
    item.language, item.code, item.saved_at = language, code, now
    item.refresh_from_db(fields=["version"])
    return item


# --- drafts and submissions -----------------------------------------------------


def _check_code(code: str) -> None:
    if not code.strip():
        raise ValidationError(MSG_EMPTY)
    if len(code.encode("utf-8", errors="replace")) > MAX_CODE_BYTES:
        raise ValidationError(MSG_TOO_LARGE)


def _check_open(interview: Interview) -> None:
    if not interview.is_open:
        raise ValidationError(MSG_CLOSED)


def draft_save(
    *, item: InterviewProblem, code: str, explanation: str, version: int | None = None
) -> InterviewProblem:
    """Autosave: keep the latest draft, and a snapshot now and then for the replay.

    `version` is the draft version the page started from: a save from a tab that
    missed another tab's save is refused (MSG_STALE) rather than overwrite it.
    Submissions pass None: pressing Submit saves what was submitted.
    """
    still_open = Interview.objects.filter(
        pk=item.interview_id,
        status=InterviewStatus.ACTIVE,
        deadline__gte=timezone.now() - DRAFT_GRACE,
    )
    if not still_open.exists():  # read afresh: another tab may have just finished it
        raise ValidationError(MSG_CLOSED, code="closed")
    if len(code.encode("utf-8", errors="replace")) > MAX_CODE_BYTES:
        raise ValidationError(MSG_TOO_LARGE)
    explanation = explanation[:MAX_EXPLANATION_CHARS]
    if code == item.code and explanation == item.explanation:
        return item  # nothing to overwrite (e.g. a reload racing its own unload beacon)
    if version is not None and version != item.version:
        raise ValidationError(MSG_STALE, code="stale")
    now = timezone.now()
    rows = InterviewProblem.objects.filter(pk=item.pk)
    if version is not None:
        rows = rows.filter(version=version)
    if not rows.update(code=code, explanation=explanation, saved_at=now, version=F("version") + 1):
        raise ValidationError(MSG_STALE, code="stale")  # another save won the race
    item.code, item.explanation, item.saved_at = code, explanation, now
    item.refresh_from_db(fields=["version"])
    last = item.snapshots.order_by("-created").first()
    if last is None or now - last.created >= SNAPSHOT_EVERY:
        CodeSnapshot.objects.create(item=item, code=code, explanation=explanation, created=now)
    return item


def submission_create(
    *, item: InterviewProblem, kind: str, code: str, explanation: str = "", client_token: str = ""
) -> Submission:
    """Save the code, then judge it in the background (after the transaction commits)."""
    _check_open(item.interview)
    _check_code(code)
    if kind not in SubmissionKind.values:
        raise ValidationError("Unknown submission kind.")
    explanation = explanation[:MAX_EXPLANATION_CHARS]
    if client_token:
        existing = Submission.objects.filter(item=item, client_token=client_token).first()
        if existing is not None:  # a double click: hand back the first one
            return existing
    try:
        with transaction.atomic():
            submission = Submission.objects.create(
                item=item,
                kind=kind,
                language=item.language,
                code=code,
                explanation=explanation,
                client_token=client_token,
            )
            draft_save(item=item, code=code, explanation=explanation)
            _enqueue_judge(submission)
    except IntegrityError:
        return Submission.objects.get(item=item, client_token=client_token)
    return submission


def _enqueue_judge(submission: Submission) -> None:
    """In the caller's transaction: judged after it commits, and again if a worker dies."""
    jobs.job_create(kind=JobKind.JUDGE, submission=submission, target_id=submission.pk)


def submission_rejudge(*, submission: Submission) -> Submission:
    """Staff action: judge the same code again as a new submission; the old one is kept."""
    with transaction.atomic():
        again = Submission.objects.create(
            item=submission.item,
            kind=submission.kind,
            language=submission.language,
            code=submission.code,
            explanation=submission.explanation,
            rejudge_of=submission,
        )
        _enqueue_judge(again)
    return again


def submission_judge(*, submission: Submission) -> Submission:
    """Run the tests and store the verdict (judge worker); growth is measured next.

    Safe to run twice (a retry after a worker died, or two workers at once): the
    verdict and the test rows are stored once, under the submission's row lock.
    """
    from interviews import judging

    unfinished = Submission.objects.filter(
        pk=submission.pk, status__in=[SubmissionStatus.QUEUED, SubmissionStatus.RUNNING]
    )
    if not unfinished.update(status=SubmissionStatus.RUNNING):
        submission.refresh_from_db()
        return submission  # a retried task must not judge twice
    submission.status = SubmissionStatus.RUNNING
    try:
        facts = judging.judge_submission(submission)
    except DatabaseError:
        raise  # the database, not the code: interviews.jobs judges it again
    except Exception:
        logger.exception("judge failed for submission %s", submission.pk)
        submission.status = SubmissionStatus.ERROR
        submission.verdict = "IE"
        submission.judged_at = timezone.now()
        unfinished.update(status=submission.status, verdict="IE", judged_at=submission.judged_at)
        return submission
    measure = judging.wants_growth(submission, facts.verdict)
    with transaction.atomic():
        stored = Submission.objects.select_for_update().get(pk=submission.pk)
        if stored.is_final:
            return stored  # another attempt stored its verdict first
        submission.verdict = facts.verdict
        submission.passed, submission.total = facts.passed, facts.total
        submission.report, submission.quality = facts.report, facts.quality
        submission.status = SubmissionStatus.DONE
        submission.growth_pending = measure
        submission.judged_at = timezone.now()
        submission.save(
            update_fields=[
                "verdict",
                "passed",
                "total",
                "report",
                "quality",
                "status",
                "growth_pending",
                "judged_at",
            ]  # fmt: skip
        )
        TestResult.objects.filter(submission=submission).delete()
        TestResult.objects.bulk_create(
            TestResult(submission=submission, **row) for row in facts.test_rows
        )
        # The interviewer starts at once; growth facts join the feedback when measured.
        _feedback_start(submission)
        if measure:
            jobs.job_create(kind=JobKind.MEASURE, submission=submission, target_id=submission.pk)
    return submission


def submission_measure(*, submission: Submission) -> Submission:
    """Measure how an accepted solution's cost grows against the optimal one (measure worker).

    The built feedback is shown from the verdict on and gains the growth when it
    lands; the model's phrasing and the follow-up question, which depend on the
    growth, are queued only then.
    """
    from interviews import judging

    if not submission.growth_pending:
        return submission
    growth = judging.measure_submission_growth(submission)
    with transaction.atomic():
        if not Submission.objects.select_for_update().get(pk=submission.pk).growth_pending:
            return submission  # another attempt stored it first: growth is stored once
        submission.growth, submission.growth_pending = growth, False
        submission.save(update_fields=["growth", "growth_pending"])
        feedback = Feedback.objects.filter(submission=submission).first()
        if feedback is not None:
            # The built text gains the growth; the phrasing and the follow-up, which
            # depend on it, start only now.
            text, evidence = judging.feedback_built(submission)
            feedback.facts_text, feedback.evidence = text, evidence
            feedback.save(update_fields=["facts_text", "evidence", "updated"])
            jobs.job_create(kind=JobKind.NARRATIVE, submission=submission, target_id=feedback.pk)
    return submission


def _feedback_start(submission: Submission) -> Feedback:
    """Write the built feedback now; the model's phrasing follows in the llm cluster.

    An accepted submit whose growth is being measured waits for it: the follow-up
    question depends on the measured growth.
    """
    from interviews import judging

    text, evidence = judging.feedback_built(submission)
    feedback, _ = Feedback.objects.get_or_create(
        submission=submission, defaults={"facts_text": text, "evidence": evidence}
    )
    if not submission.growth_pending:
        jobs.job_create(kind=JobKind.NARRATIVE, submission=submission, target_id=feedback.pk)
    return feedback


# --- hints and chat ---------------------------------------------------------------


def hint_reveal(*, item: InterviewProblem) -> HintReveal:
    _check_open(item.interview)
    shown = set(item.hint_reveals.values_list("rung", flat=True))
    available = list(item.problem.hints.order_by("rung").values_list("rung", flat=True))
    remaining = [r for r in available if r not in shown]
    if not remaining:
        raise ValidationError(MSG_NO_MORE_HINTS)
    try:
        with transaction.atomic():
            return HintReveal.objects.create(item=item, rung=remaining[0])
    except IntegrityError:  # two clicks at once: the first one won
        return item.hint_reveals.get(rung=remaining[0])


def chat_answer_build(*, problem: Problem, question: str) -> ClarifyAnswer:
    """The interviewer's answer to `question`, built from the problem's own text (no model).

    What the room shows the moment the question is asked and what `ask_interviewer`
    prints: `ClarifyAnswer(answer, evidence, kind)` (see `mltools.llm.clarify`). Raises
    ValidationError(MSG_EMPTY_QUESTION) for a blank question.
    """
    from mltools.llm import api
    from problems.mappers import problem_brief

    question = question.strip()[:MAX_CHAT_CHARS]
    if not question:
        raise ValidationError(MSG_EMPTY_QUESTION)
    return api.clarify(problem_brief(problem), question)


def chat_ask(*, interview: Interview, item: InterviewProblem, question: str) -> Turn:
    """File the question and its built answer under `item`; the model may reword it later.

    The answer is complete when this returns, so the chat never waits on the `llm`
    cluster; with `MOCKMATE_CHAT_PHRASING` on, a rewording is queued there and replaces
    the text only if `grounding.check_phrasing` keeps it.
    """
    question = question.strip()[:MAX_CHAT_CHARS]
    _check_open(interview)
    built = chat_answer_build(problem=item.problem, question=question)
    phrase = settings.MOCKMATE_CHAT_PHRASING and built.kind in clarify.PHRASED_KINDS
    with transaction.atomic():
        Turn.objects.create(interview=interview, item=item, role=TurnRole.CANDIDATE, text=question)
        answer = Turn.objects.create(
            interview=interview,
            item=item,
            role=TurnRole.INTERVIEWER,
            text=built.answer,
            built_text=built.answer,
            evidence=list(built.evidence),
            phrasing=PhrasingStatus.PENDING if phrase else "",
        )
        if phrase:
            transaction.on_commit(
                lambda: async_task("interviews.tasks.chat_answer_task", answer.pk, cluster="llm")
            )
    return answer


# --- finishing ----------------------------------------------------------------------


def interview_finish(*, interview: Interview) -> Scorecard:
    """Close the interview (button or time up) and compute its scorecard once."""
    from interviews import judging
    from interviews.scoring import rubric_compute

    with transaction.atomic():
        interview = Interview.objects.select_for_update().get(pk=interview.pk)
        existing = Scorecard.objects.filter(interview=interview).first()
        if existing is not None:
            return existing
        if interview.status != InterviewStatus.FINISHED:
            interview.status = InterviewStatus.FINISHED
            interview.finished_at = min(timezone.now(), interview.deadline)
            interview.save(update_fields=["status", "finished_at"])
        rubric = rubric_compute(judging.interview_item_facts(interview))
        scorecard = Scorecard.objects.create(
            interview=interview,
            overall=rubric.overall,
            strengths=[_point(p) for p in rubric.strengths],
            improvements=[_point(p) for p in rubric.improvements],
            **rubric.scores,
        )
        # The built summary is shown at once; the model may only phrase it later.
        scorecard.summary = judging.summary_built(interview)
        scorecard.save(update_fields=["summary"])
        transaction.on_commit(
            lambda: async_task(
                "interviews.tasks.summary_generate_task", scorecard.pk, cluster="llm"
            )
        )
    return scorecard


def _point(point: Any) -> dict[str, str]:
    return {"text": point.text, "evidence": point.evidence}


def interviews_expire() -> int:
    """Finish every interview whose time is up (scheduled, and checked on page loads)."""
    due = Interview.objects.filter(status=InterviewStatus.ACTIVE, deadline__lte=timezone.now())
    count = 0
    for interview in due:
        interview_finish(interview=interview)
        count += 1
    return count


def llm_work_expire(
    *,
    feedback: Feedback | None = None,
    turns: list[Turn] | None = None,
    scorecard: Scorecard | None = None,
) -> None:
    """Mark model work nobody picked up in time as unavailable, so pages stop waiting.

    The llm worker shows its first words within seconds; work still pending
    after LLM_PICKUP_TIMEOUT_S means the `llm` cluster is down or swamped. The
    facts-only feedback stands, and the worker skips rows already final. A chat
    answer or summary still being written after the llm cluster's task timeout
    lost its worker (django-q2 kills a task past it); the feedback's narrative is
    retried instead (interviews.jobs).
    """
    cutoff = timezone.now() - timedelta(seconds=settings.LLM_PICKUP_TIMEOUT_S)
    llm_timeout = settings.Q_CLUSTER["ALT_CLUSTERS"]["llm"]["timeout"]  # type: ignore[index]
    lost = timezone.now() - timedelta(seconds=llm_timeout + 30)
    if (
        feedback is not None
        and feedback.status == FeedbackStatus.PENDING
        and not feedback.submission.growth_pending
        and feedback.updated < cutoff
    ):
        Feedback.objects.filter(pk=feedback.pk, status=FeedbackStatus.PENDING).update(
            status=FeedbackStatus.UNAVAILABLE
        )
        feedback.refresh_from_db()
    for turn in turns or []:
        if (turn.status == TurnStatus.PENDING and turn.created < cutoff) or (
            turn.status == TurnStatus.STREAMING and turn.created < lost
        ):  # rows from before answers were built at once
            Turn.objects.filter(pk=turn.pk, status=turn.status).update(
                status=TurnStatus.UNAVAILABLE, text=turn.built_text or MSG_INTERVIEWER_DOWN
            )
            turn.refresh_from_db()
        if turn.phrasing == PhrasingStatus.PENDING and turn.created < cutoff:
            # The built answer has been on the page all along; it simply stays.
            Turn.objects.filter(pk=turn.pk, phrasing=PhrasingStatus.PENDING).update(
                phrasing=PhrasingStatus.SKIPPED,
                phrasing_reasons=[f"not picked up within {settings.LLM_PICKUP_TIMEOUT_S} s"],
            )
            turn.refresh_from_db()
    if scorecard is not None and (
        (scorecard.summary_status == FeedbackStatus.PENDING and scorecard.created < cutoff)
        or (scorecard.summary_status == FeedbackStatus.STREAMING and scorecard.created < lost)
    ):
        Scorecard.objects.filter(pk=scorecard.pk, summary_status=scorecard.summary_status).update(
            summary_status=FeedbackStatus.UNAVAILABLE
        )
        scorecard.refresh_from_db()


def feedback_mark(
    *, feedback: Feedback, status: str, narrative: str | None = None, **fields: Any
) -> None:
    """Write the model's progress onto the feedback row (used while streaming)."""
    feedback.status = status
    update = ["status", "updated"]
    if narrative is not None:
        feedback.narrative = narrative
        update.append("narrative")
    for name, value in fields.items():
        setattr(feedback, name, value)
        update.append(name)
    feedback.save(update_fields=update)


__all__ = ["FeedbackStatus"]
