"""The Django side of the AI interviewer: models to facts, facts to the model, text back.

Runs inside the `llm` worker. The model only writes words: scores and facts
come from the judge. Whenever the model is missing, crashes or times out, the
facts-only narrative stands, marked "unavailable", and the interview goes on.
"""

from __future__ import annotations

import logging

from interviews.models import (
    Feedback,
    FeedbackStatus,
    PhrasingStatus,
    Scorecard,
    Turn,
)

logger = logging.getLogger(__name__)


def _runtime_available() -> bool:
    try:
        from mltools.llm import api  # noqa: F401
    except Exception:
        return False
    return True


def feedback_write(*, feedback: Feedback) -> Feedback:
    if feedback.is_final:  # expired while queued: the facts-only feedback stands
        return feedback
    if not _runtime_available():
        feedback.status = FeedbackStatus.UNAVAILABLE
        feedback.save(update_fields=["status", "updated"])
        return feedback
    from interviews import llm_bridge

    return llm_bridge.feedback_write(feedback=feedback)


def chat_answer(*, turn: Turn) -> Turn:
    """Reword a chat answer that is already shown; without a model the built text stays."""
    if turn.phrasing != PhrasingStatus.PENDING:
        return turn
    if not _runtime_available():
        turn.phrasing, turn.phrasing_reasons = PhrasingStatus.SKIPPED, ["model unavailable"]
        turn.save(update_fields=["phrasing", "phrasing_reasons"])
        return turn
    from interviews import llm_bridge

    return llm_bridge.chat_answer(turn=turn)


def summary_write(*, scorecard: Scorecard) -> Scorecard:
    if scorecard.summary_status != FeedbackStatus.PENDING:
        return scorecard
    if not _runtime_available():
        scorecard.summary_status = FeedbackStatus.UNAVAILABLE
        scorecard.save(update_fields=["summary_status"])
        return scorecard
    from interviews import llm_bridge

    return llm_bridge.summary_write(scorecard=scorecard)
