"""The AI interviewer's facade: frozen dataclasses in, frozen dataclasses out.

Called from the django-q2 `llm` cluster. Importing this module imports no torch,
transformers or onnxruntime: the runtime loads them on the first generation.

Honesty, in one place:
- Feedback and summaries are built from the facts, one fact per sentence
  (`mltools.llm.facts`); the model may only reword them (`phrase`), and its words are
  kept only when `grounding.check_phrasing` finds no claim the evidence lacks
  (`replaced=True` and `reasons` otherwise). Timeouts, crashes and a missing model leave
  the built text, which is complete on its own.
- Chat answers are built from the problem's own text without a model (`clarify`); the
  model may only reword them (`phrase`), kept when `grounding.check_phrasing` finds no
  claim the evidence lacks. Hints never show text that overlaps the reference solution.
- Nothing here produces a score.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from mltools.contracts import (
    ChatResult,
    ClarifyAnswer,
    Contradiction,
    FactSentence,
    GenerationRequest,
    GenerationResult,
    NarrativeResult,
    PhrasedText,
    ProblemBrief,
    RuntimeConfig,
    SessionFacts,
    SubmissionFacts,
    SummaryResult,
)
from mltools.llm import clarify as clarify_text
from mltools.llm import facts as facts_text
from mltools.llm import grounding, honesty, prompts, runtime

OnText = Callable[[str], None]

STOPS = ("<|im_end|>", "<|im_start|>", "\n\n\n")


def generate(
    request: GenerationRequest,
    on_text: OnText | None = None,
    *,
    config: RuntimeConfig | None = None,
) -> GenerationResult:
    """Stream any request through the configured backend (growing text to `on_text`)."""
    return runtime.generate(request, on_text, config=config)


def facts_only_narrative(facts: SubmissionFacts) -> str:
    return facts_text.facts_only_narrative(facts)


def check_narrative(text: str, facts: SubmissionFacts) -> list[Contradiction]:
    return honesty.check_narrative(text, facts)


def leaks_solution(text: str, reference_code: str, *, interview_over: bool = False) -> bool:
    return honesty.leaks_solution(text, reference_code, interview_over=interview_over)


def model_ready(config: RuntimeConfig | None = None) -> bool:
    """Load the model now (a worker may call this at start); False when it cannot."""
    try:
        runtime.load_model(config or RuntimeConfig())
    except runtime.ModelUnavailable:
        return False
    return True


def _failure_reason(result: GenerationResult) -> str:
    if result.finish_reason == "timeout":
        return f"timeout after {result.total_s:.1f} s"
    if result.finish_reason == "error":
        return f"model error: {result.error}"
    return ""


# --- feedback: built from facts, phrased by the model only when the checker agrees -------


def _evidence_items(sentences: Sequence[FactSentence], *extra: str) -> tuple[str, ...]:
    return tuple(
        [s.text for s in sentences] + [s.evidence for s in sentences] + [e for e in extra if e]
    )


def feedback_narrative(
    facts: SubmissionFacts,
    on_text: OnText | None = None,
    *,
    config: RuntimeConfig | None = None,
    reference_code: str = "",
) -> NarrativeResult:
    """The feedback for one judged submission: the built text, or its checked phrasing.

    The built text (`facts.feedback_sentences`) is complete on its own and is what the
    page shows while the model runs, when it is missing or slow, and whenever `phrase`
    rejects the model's words (`replaced=True`, `reasons` say why). The follow-up
    question is always built from the facts.
    """
    sentences = facts_text.feedback_sentences(facts)
    built = facts_text.facts_only_narrative(facts)
    if on_text is not None:
        on_text(built)
    evidence = _evidence_items(sentences, facts.code, facts.explanation, facts.problem_title)
    required = facts_text.cause_phrases(facts)
    phrased = phrase(
        built, evidence, reference_code=reference_code, config=config, required=required
    )
    if on_text is not None and phrased.kept:
        on_text(phrased.text)
    return NarrativeResult(
        text=phrased.text,
        follow_up_question=facts_text.facts_follow_up(facts),
        replaced=not phrased.kept,
        reasons=phrased.reasons,
        model_available=phrased.model_available,
        raw_text=phrased.raw_text,
        generation=phrased.generation,
    )


def follow_up_question(facts: SubmissionFacts) -> str:
    """After an Accepted: a question built from the facts (never the optimum reached)."""
    return facts_text.facts_follow_up(facts)


# --- chat and hints -----------------------------------------------------------------------


def clarify(problem: ProblemBrief, question: str) -> ClarifyAnswer:
    """The grounded answer to a clarifying question (no model): see `mltools.llm.clarify`.

    What the room shows at once and what `ask_interviewer` prints. Raises ValueError for
    an empty question.
    """
    return clarify_text.answer_question(problem, question)


def phrase(
    built: str,
    evidence: Sequence[str],
    *,
    reference_code: str = "",
    config: RuntimeConfig | None = None,
    required: Sequence[str] = (),
) -> PhrasedText:
    """Let the model reword `built`; keep its words only when `check_phrasing` finds no new claim.

    `evidence`: what `built` rests on (quoted statement pieces, facts). `required`: facts
    that `built` states and a rewording must keep, word for word (a failing submission's
    cause: `facts.cause_phrases`); those `built` does not hold are not asked for. The built
    text is always a complete answer: with the model missing, slow, crashing, silent,
    leaking the reference solution, adding a claim or dropping a required fact, `text` is
    `built` and `reasons` say why.
    """
    config = config or RuntimeConfig()
    if not model_ready(config):
        return PhrasedText(
            text=built,
            built=built,
            kept=False,
            reasons=("model unavailable",),
            model_available=False,
        )
    messages = prompts.load("phrase").messages(text=built)
    budget = min(config.max_new_tokens, 24 + 2 * len(built.split()))
    result = runtime.generate(
        GenerationRequest(messages=messages, stop=STOPS, max_new_tokens=budget), config=config
    )
    failure = _failure_reason(result)
    if failure or result.finish_reason == "length":
        reason = failure or "the model did not finish within its token budget"
        return PhrasedText(
            text=built,
            built=built,
            kept=False,
            reasons=(reason,),
            raw_text=result.text,
            generation=result,
        )
    candidate = result.text.strip()
    check = grounding.check_phrasing(candidate, evidence=(built, *evidence))
    reasons = list(check.reasons)
    reasons += [
        f"dropped: the built text's {fact!r} is missing"
        for fact in _dropped(candidate, built, required)
    ]
    if candidate and honesty.leaks_solution(candidate, reference_code):
        reasons.append("leak: overlaps the reference solution or contains code")
    kept = not reasons
    return PhrasedText(
        text=candidate if kept else built,
        built=built,
        kept=kept,
        reasons=tuple(reasons),
        raw_text=result.text,
        generation=result,
    )


def _dropped(text: str, built: str, required: Sequence[str]) -> list[str]:
    """The `required` facts `built` holds and `text` does not (case and spacing aside)."""

    def squashed(value: str) -> str:
        return " ".join(value.split()).lower()

    said, source = squashed(text), squashed(built)
    return [f for f in required if f.strip() and squashed(f) in source and squashed(f) not in said]


def hint(problem: ProblemBrief, rung: int) -> ChatResult:
    """Rung `rung` (1-based) of the bank's hint ladder; no model, checked for overlap.

    The bank's hints are curated (the third rung may be near-pseudocode), so only overlap
    with the reference solution withholds one, not the code-shape rule.
    """
    if not problem.hints:
        return ChatResult(text="", blocked=True, reasons=("the problem has no hints",))
    text = problem.hints[min(max(rung, 1), len(problem.hints)) - 1]
    if honesty.leaks_solution(text, problem.reference_code, interview_over=True):
        return ChatResult(text="", blocked=True, reasons=("hint overlaps the reference solution",))
    return ChatResult(text=text, blocked=False)


# --- summary ------------------------------------------------------------------------------


def interview_summary(
    session: SessionFacts, on_text: OnText | None = None, *, config: RuntimeConfig | None = None
) -> SummaryResult:
    """The scorecard's summary: the built text from the records, or its checked phrasing.

    Every count, time, verdict and score comes from `session`; a phrasing is kept only
    when `grounding.check_phrasing` finds nothing in it that the built sentences lack.
    """
    sentences = facts_text.session_sentences(session)
    built = facts_text.facts_only_summary(session)
    if on_text is not None:
        on_text(built)
    phrased = phrase(built, _evidence_items(sentences), config=config)
    if on_text is not None and phrased.kept:
        on_text(phrased.text)
    return SummaryResult(
        text=phrased.text,
        replaced=not phrased.kept,
        reasons=phrased.reasons,
        model_available=phrased.model_available,
        raw_text=phrased.raw_text,
        generation=phrased.generation,
    )
