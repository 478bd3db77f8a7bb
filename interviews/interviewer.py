"""The interviewer's Django side, in one place: rows to facts, built text to the model, back.

Runs inside the `llm` worker (the tasks in `interviews.tasks` call it). Every text it
handles is already built and shown: the feedback (`judging.feedback_built`, written when
the verdict lands), the chat answer (`services.chat_ask`) and the summary
(`judging.summary_built`). Here the model may only reword them through `api.phrase`,
kept when `grounding.check_phrasing` agrees; whenever the model is missing, crashes or
times out, the built text stands, marked "unavailable", and the interview goes on.
`mltools.llm.api` imports no torch at import time; the model loads on first use and
stays loaded in the worker.
"""

from __future__ import annotations

import logging
from types import ModuleType

from django.db import transaction
from django.utils import timezone

from interviews.judging import session_facts, submission_facts
from interviews.model_registry import runtime_config
from interviews.models import (
    Feedback,
    FeedbackStatus,
    PhrasingStatus,
    Scorecard,
    SubmissionKind,
    Turn,
    TurnRole,
)
from problems.mappers import problem_brief

logger = logging.getLogger(__name__)


def _api() -> ModuleType | None:
    """The model facade, or None when it cannot even be imported (a broken install)."""
    try:
        from mltools.llm import api
    except Exception:
        logger.exception("the interviewer's model facade cannot be imported")
        return None
    return api


def feedback_write(*, feedback: Feedback) -> Feedback:
    """Phrase the built feedback with the model; the phrasing is kept only when checked.

    Runs after growth is measured (the follow-up depends on it). The built text stays
    in `facts_text`; `narrative` holds the kept phrasing, else the built text, with
    `replaced` and `replaced_reasons` recording why the phrasing was not kept. After an
    accepted Submit the follow-up question (built from the facts) is also asked in the
    chat.
    """
    if feedback.is_final:  # expired while queued: the built feedback stands
        return feedback
    api = _api()
    if api is None:
        feedback.status = FeedbackStatus.UNAVAILABLE
        feedback.save(update_fields=["status", "updated"])
        return feedback
    submission = feedback.submission
    result = api.feedback_narrative(submission_facts(submission), config=runtime_config())
    feedback.narrative = result.text
    feedback.replaced = result.replaced
    feedback.replaced_reasons = list(result.reasons)
    wants_follow_up = submission.kind == SubmissionKind.SUBMIT and submission.verdict == "AC"
    feedback.follow_up = " ".join(result.follow_up_question.split()) if wants_follow_up else ""
    feedback.model_name = result.generation.model if result.generation else ""
    feedback.status = FeedbackStatus.DONE if result.model_available else FeedbackStatus.UNAVAILABLE
    fields = ("narrative", "replaced", "replaced_reasons", "follow_up", "model_name", "status")
    with transaction.atomic():
        # Written once: a second delivery of the same work (a worker that died after
        # writing, a duplicate task) finds it done and changes nothing.
        written = (
            Feedback.objects.filter(pk=feedback.pk)
            .exclude(status=FeedbackStatus.DONE)
            .update(updated=timezone.now(), **{name: getattr(feedback, name) for name in fields})
        )
        if written and feedback.follow_up:
            # Asked in the chat too: the candidate answers there in words or with new code.
            Turn.objects.create(
                interview=submission.item.interview,
                item=submission.item,
                role=TurnRole.INTERVIEWER,
                text=f"Follow-up: {feedback.follow_up}",
            )
    feedback.refresh_from_db()
    return feedback


def chat_answer(*, turn: Turn) -> Turn:
    """Reword a chat answer that is already shown; its words replace it only when checked."""
    if turn.phrasing != PhrasingStatus.PENDING:
        return turn
    api = _api()
    if api is None:
        turn.phrasing, turn.phrasing_reasons = PhrasingStatus.SKIPPED, ["model unavailable"]
        turn.save(update_fields=["phrasing", "phrasing_reasons"])
        return turn
    assert turn.item is not None
    brief = problem_brief(turn.item.problem)
    result = api.phrase(
        turn.built_text or turn.text,
        tuple(turn.evidence),
        reference_code=brief.reference_code,
        config=runtime_config(),
    )
    turn.phrasing = PhrasingStatus.KEPT if result.kept else PhrasingStatus.REJECTED
    if not result.model_available:
        turn.phrasing = PhrasingStatus.SKIPPED
    turn.phrasing_reasons = list(result.reasons)
    update = ["phrasing", "phrasing_reasons"]
    if result.kept:
        turn.text = result.text
        update.append("text")
    # Only a turn still waiting is written: the page may have given up on the model.
    Turn.objects.filter(pk=turn.pk, phrasing=PhrasingStatus.PENDING).update(
        **{name: getattr(turn, name) for name in update}
    )
    return turn


def summary_write(*, scorecard: Scorecard) -> Scorecard:
    """Phrase the built summary (counts, times, verdicts, scores from the records)."""
    if scorecard.summary_status != FeedbackStatus.PENDING:
        return scorecard
    api = _api()
    if api is None:
        scorecard.summary_status = FeedbackStatus.UNAVAILABLE
        scorecard.save(update_fields=["summary_status"])
        return scorecard
    result = api.interview_summary(session_facts(scorecard.interview), config=runtime_config())
    scorecard.summary = result.text
    scorecard.summary_status = (
        FeedbackStatus.DONE if result.model_available else FeedbackStatus.UNAVAILABLE
    )
    scorecard.save(update_fields=["summary", "summary_status"])
    return scorecard
