"""Models to `mltools.llm` contracts, and the model's streamed words back to rows.

Imported only by the `llm` worker (through `interviews.interviewer`): the facade
imports torch lazily, so nothing here loads a model in the web process.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

from interviews.judging import item_best_submission
from interviews.models import (
    Feedback,
    FeedbackStatus,
    Interview,
    PhrasingStatus,
    Scorecard,
    Submission,
    SubmissionKind,
    Turn,
    TurnRole,
)
from mltools import complexity
from mltools.contracts import (
    RuntimeConfig,
    SessionFacts,
    SubmissionFacts,
)
from problems.mappers import problem_brief
from problems.rendering import arguments_text

logger = logging.getLogger(__name__)
WRITE_EVERY_S = 0.2  # how often growing text is written for the polling page


_adapters: dict[int, str] = {}  # ModelVersion id -> local adapter folder, per worker process


def runtime_config() -> RuntimeConfig:
    """Settings, with the adapter of the ModelVersion staff activated in the admin.

    An adapter is pulled (gs:// or DVC) once per worker process; LoRA adapters
    run on the transformers backend.
    """
    from problems.ml_services import model_version_active, model_version_pull

    config = dict(settings.MOCKMATE_LLM)
    active = model_version_active()
    if active is not None and active.adapter_uri:
        if active.pk not in _adapters:
            models_dir = Path(settings.MOCKMATE_DATA_DIR) / "models"
            _adapters[active.pk] = str(model_version_pull(version=active, models_dir=models_dir))
        config["adapter_path"] = _adapters[active.pk]
        config["backend"] = "transformers"
    return RuntimeConfig(**config)  # type: ignore[arg-type]


class Throttled:
    """Receives the growing text and saves it at most every WRITE_EVERY_S."""

    def __init__(self, save: Callable[[str], None]) -> None:
        self.save = save
        self.last = 0.0

    def __call__(self, text: str) -> None:
        now = time.monotonic()
        if now - self.last >= WRITE_EVERY_S:
            self.last = now
            self.save(text)


def submission_facts(submission: Submission) -> SubmissionFacts:
    report, growth = submission.report, submission.growth
    failing = next(
        (t for t in report.get("tests", []) if t.get("index") == report.get("first_failure")),
        None,
    )
    verdict = submission.verdict or "IE"
    if not submission.code.strip():
        verdict = "EMPTY"
    message = ""
    if verdict == "CE":
        message = str(report.get("compile_error", ""))
    elif failing and failing.get("message"):
        message = str(failing["message"]).strip().splitlines()[-1]
    sample = bool(failing and failing.get("is_sample"))
    return SubmissionFacts(
        verdict=verdict,
        passed=submission.passed,
        total=submission.total,
        problem_title=submission.item.problem.title,
        problem_follow_up=submission.item.problem.follow_up,
        failing_test_index=(int(failing["index"]) + 1) if failing and verdict != "AC" else None,
        failing_test_kind=("sample" if sample else "hidden") if failing else "",
        failing_input=(
            arguments_text(submission.item.problem.signature, failing.get("input"))
            if sample and failing
            else ""
        ),
        failing_expected=str(failing.get("expected")) if sample and failing else "",
        failing_actual=str(failing.get("actual")) if sample and failing else "",
        error_message=message[:300],
        observed_growth=str(growth.get("observed", "")),
        optimal_growth=str(growth.get("optimal", "")),
        time_ratio=growth.get("time_ratio"),
        lint_findings=tuple(
            f"line {f.get('line')}: {f.get('message')}"
            for f in (submission.quality.get("findings") or [])[:5]
        ),
        stated_complexity=complexity.stated(submission.explanation),
        explanation=submission.explanation[:1000],
    )


def feedback_write(*, feedback: Feedback) -> Feedback:
    from mltools.llm import api

    submission = feedback.submission
    facts = submission_facts(submission)

    def save(text: str) -> None:
        feedback.narrative, feedback.status = text, FeedbackStatus.STREAMING
        feedback.save(update_fields=["narrative", "status", "updated"])

    result = api.feedback_narrative(facts, on_text=Throttled(save), config=runtime_config())
    feedback.narrative = result.text
    feedback.replaced = result.replaced
    feedback.replaced_reasons = list(result.reasons)
    wants_follow_up = submission.kind == SubmissionKind.SUBMIT and submission.verdict == "AC"
    feedback.follow_up = " ".join(result.follow_up_question.split()) if wants_follow_up else ""
    feedback.model_name = result.generation.model if result.generation else ""
    feedback.status = FeedbackStatus.DONE if result.model_available else FeedbackStatus.UNAVAILABLE
    feedback.save()
    if feedback.follow_up:
        # Asked in the chat too: the candidate answers there in words (the model then
        # sees the question in the history) or with new code through Submit.
        Turn.objects.create(
            interview=submission.item.interview,
            item=submission.item,
            role=TurnRole.INTERVIEWER,
            text=f"Follow-up: {feedback.follow_up}",
        )
    return feedback


def chat_answer(*, turn: Turn) -> Turn:
    """Let the model reword the built answer; its words replace it only when checked."""
    from mltools.llm import api

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


def session_facts(interview: Interview) -> SessionFacts:
    finals = []
    hints = 0
    for item in interview.items.select_related("problem"):
        hints += item.hint_reveals.count()
        best = item_best_submission(item) or item.submissions.order_by("-created").first()
        if best is not None:
            finals.append(submission_facts(best))
    end = interview.finished_at or interview.deadline
    return SessionFacts(
        submissions=tuple(finals),
        hints_used=hints,
        duration_s=(end - interview.started_at).total_seconds(),
        time_limit_s=interview.time_limit_min * 60.0,
        chat_questions=interview.turns.filter(role=TurnRole.CANDIDATE).count(),
    )


def summary_write(*, scorecard: Scorecard) -> Scorecard:
    from mltools.llm import api

    def save(text: str) -> None:
        scorecard.summary, scorecard.summary_status = text, FeedbackStatus.STREAMING
        scorecard.save(update_fields=["summary", "summary_status"])

    result = api.interview_summary(
        session_facts(scorecard.interview), on_text=Throttled(save), config=runtime_config()
    )
    scorecard.summary = result.text
    scorecard.summary_status = (
        FeedbackStatus.DONE if result.model_available else FeedbackStatus.UNAVAILABLE
    )
    scorecard.save(update_fields=["summary", "summary_status"])
    return scorecard
