"""The AI interviewer's facade: frozen dataclasses in, frozen dataclasses out.

Called from the django-q2 `llm` cluster. Importing this module imports no torch,
transformers or onnxruntime: the runtime loads them on the first generation.

Honesty, in one place:
- Narratives and summaries open with a true sentence built from the facts, then the
  model continues; each completed sentence is checked before it is shown, and the first
  contradiction stops the model and puts the facts-only text in its place
  (`replaced=True`, `reasons` say why). Timeouts, crashes and a missing model do the same.
- Chat answers are built from the problem's own text without a model (`clarify`); the
  model may only reword them (`phrase`), kept when `grounding.check_phrasing` finds no
  claim the evidence lacks. Hints never show text that overlaps the reference solution.
- Nothing here produces a score.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from mltools import complexity
from mltools.contracts import (
    ChatResult,
    ChatTurn,
    ClarifyAnswer,
    Contradiction,
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
UNAVAILABLE_NOTICE = "AI interviewer unavailable: feedback from tests only."
_BOUNDARY = re.compile(r"[.!?](?=\s)")


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


# --- guarded streaming --------------------------------------------------------------------


@dataclass
class _Guard:
    """Shows only complete, checked sentences; stops the model at the first bad one."""

    prefix: str
    check: Callable[[str], list[Contradiction]]
    on_text: OnText | None
    topic: str | None = None  # titles the text is about; None: no off-topic cut (chat)
    shown: str = ""
    problems: list[Contradiction] = field(default_factory=list)
    cut_at: int | None = None  # where the model's text is cut (a loop, or a drift)

    def __call__(self, text: str) -> bool:
        model_text = text[len(self.prefix) :]
        words = model_text.split()
        if len(words) >= 16 and " ".join(words[-6:]) in " ".join(words[:-6]):
            self.cut_at = _loop_start(model_text, words[-6:])
            return True  # a loop that never ends a sentence
        ends = [m.end() for m in _BOUNDARY.finditer(model_text)]
        if not ends:
            return False
        complete = model_text[: ends[-1]]
        said = honesty.sentences(complete)
        if len(said) != len(set(said)):  # small models loop: keep the first occurrence
            seen: set[str] = set()
            for sentence in said:
                if sentence in seen:
                    self.cut_at = complete.find(sentence, complete.find(sentence) + 1)
                    break
                seen.add(sentence)
            return True
        self.problems = self.check(self.prefix + complete)
        if self.problems:
            return True
        drift = self._drift_at(complete)
        if drift is not None:  # noise, not a lie: keep what came before, drop the rest
            self.cut_at = drift
            return True
        candidate = (self.prefix + complete).strip()
        if candidate != self.shown:
            self.shown = candidate
            if self.on_text is not None:
                self.on_text(candidate)
        return False

    def final_text(self, result: GenerationResult, *, cut_drift: bool = True) -> str:
        model_text = result.text[len(self.prefix) :]
        if self.cut_at is not None:
            model_text = model_text[: self.cut_at]
        elif result.finish_reason in ("length", "timeout", "aborted"):
            ends = [m.end() for m in _BOUNDARY.finditer(model_text)]
            model_text = model_text[: ends[-1]] if ends else ""  # no half sentence
        # The last sentence, which no boundary followed (only once the checker has read it).
        drift = self._drift_at(model_text) if cut_drift else None
        if drift is not None:
            model_text = model_text[:drift]
        if self.cut_at is not None or drift is not None:
            model_text = _without_dangling_intro(model_text)
        return (self.prefix + model_text).strip()

    def _drift_at(self, model_text: str) -> int | None:
        """Where the first sentence about nothing in the interview starts, if any."""
        if self.topic is None:
            return None
        for sentence in honesty.sentences(model_text):
            if honesty.off_topic(sentence, self.topic):
                return model_text.find(sentence)
        return None


def _without_dangling_intro(model_text: str) -> str:
    """Drop a cut text's trailing list markers and introductions ("Here is how:", "1.")."""
    said = honesty.sentences(model_text)
    while said and (said[-1].endswith(":") or not re.search(r"[A-Za-z]", said[-1])):
        model_text = model_text[: model_text.rfind(said.pop())]
    return model_text


def _loop_start(model_text: str, tail: list[str]) -> int:
    """Where the looping phrase first appears, cut back to the last sentence before it."""
    first = model_text.find(tail[0])
    ends = [m.end() for m in _BOUNDARY.finditer(model_text[: max(first, 0)])]
    return ends[-1] if ends else 0


def _guarded(
    messages: tuple[ChatTurn, ...],
    prefix: str,
    check: Callable[[str], list[Contradiction]],
    on_text: OnText | None,
    config: RuntimeConfig,
    max_new_tokens: int | None = None,
    *,
    topic: str | None = None,
) -> tuple[GenerationResult, str, list[Contradiction]]:
    guard = _Guard(prefix, check, on_text, topic)
    request = GenerationRequest(
        messages=messages, assistant_prefix=prefix, stop=STOPS, max_new_tokens=max_new_tokens
    )
    result = runtime.generate(request, None, config=config, should_stop=guard)
    text = guard.final_text(result, cut_drift=False)
    problems = guard.problems or check(text)
    if not problems:
        text = guard.final_text(result)
    return result, text, problems


def _said_nothing(text: str, lead: str) -> bool:
    """Under three words of the model's own after the true lead sentence."""
    return len(text[len(lead.strip()) :].split()) < 3


def _failure_reason(result: GenerationResult) -> str:
    if result.finish_reason == "timeout":
        return f"timeout after {result.total_s:.1f} s"
    if result.finish_reason == "error":
        return f"model error: {result.error}"
    return ""


# --- feedback -----------------------------------------------------------------------------


def feedback_narrative(
    facts: SubmissionFacts, on_text: OnText | None = None, *, config: RuntimeConfig | None = None
) -> NarrativeResult:
    """The interviewer's narrative for one judged submission, plus a follow-up question."""
    config = config or RuntimeConfig()
    lead = facts_text.lead_sentence(facts)
    fallback = facts_text.facts_only_narrative(facts)
    if on_text is not None:
        on_text(lead.strip())  # true already; the page has text before the model speaks
    if not model_ready(config):
        # The page shows UNAVAILABLE_NOTICE beside the text when model_available is False.
        if on_text is not None:
            on_text(fallback)
        return NarrativeResult(
            text=fallback,
            follow_up_question=facts_text.facts_follow_up(facts),
            replaced=True,
            reasons=("model unavailable",),
            model_available=False,
        )
    prompt = prompts.load("feedback")
    messages = prompt.messages(
        title=facts.problem_title or "(untitled)",
        facts=facts_text.facts_block(facts),
        task=_feedback_task(facts),
    )
    result, text, problems = _guarded(
        messages,
        lead,
        lambda t: honesty.check_narrative(t, facts),
        on_text,
        config,
        topic=facts.problem_title,
    )
    reasons = [f"{p.rule}: {p.detail}" for p in problems]
    failure = _failure_reason(result)
    if failure:
        reasons.append(failure)
    if not reasons and _said_nothing(text, lead):
        reasons.append("the model said nothing beyond the facts")
    replaced = bool(reasons)
    shown = fallback if replaced else text
    if on_text is not None:
        on_text(shown)
    return NarrativeResult(
        text=shown,
        follow_up_question=follow_up_question(facts, config=config),
        replaced=replaced,
        reasons=tuple(reasons),
        model_available=True,
        raw_text=result.text,
        contradictions=tuple(problems),
        generation=result,
    )


def _feedback_task(facts: SubmissionFacts) -> str:
    """The instruction for this verdict, with the concrete facts a small model should repeat."""
    measured = facts_text.measured_growth(facts)
    optimal = complexity.canonical(facts.optimal_growth) if facts.optimal_growth else ""
    test = f"test {facts.failing_test_index}" if facts.failing_test_index is not None else "a test"
    if facts.verdict == honesty.ACCEPTED:
        if measured and optimal and measured != optimal:
            return f"say that its running time grows as {measured} and how it could reach {optimal}"
        if measured:
            return (
                f"say that its running time grows as {measured} and what is good about the approach"
            )
        return "say what is good about the approach and one way to make the code clearer"
    if facts.verdict in ("EMPTY", "CE"):
        return "say what to do first to get a running solution"
    if facts.verdict == "TLE":
        growth = f" (it grows as {measured})" if measured else ""
        return f"say why it is too slow on {test}{growth} and which idea could make it faster"
    return f"say why it likely fails on {test} and one thing to check"


def follow_up_question(facts: SubmissionFacts, *, config: RuntimeConfig | None = None) -> str:
    """After an Accepted: the problem's follow-up, else one from the model, checked."""
    fallback = facts_text.facts_follow_up(facts)
    if facts.verdict != honesty.ACCEPTED or facts.problem_follow_up:
        return fallback
    config = config or RuntimeConfig()
    measured = facts_text.measured_growth(facts) or "not measured"
    optimal = complexity.canonical(facts.optimal_growth) or "unknown"
    messages = prompts.load("follow_up").messages(
        title=facts.problem_title or "the problem", growth=measured, optimal=optimal
    )
    result = runtime.generate(
        GenerationRequest(messages=messages, stop=STOPS, max_new_tokens=48), config=config
    )
    if result.finish_reason in ("error", "timeout"):
        return fallback
    question = result.text.strip().split("?")[0].strip()
    question = re.sub(r"^(follow[- ]up( question)?:\s*)", "", question, flags=re.I)
    if (
        not question
        or "?" not in result.text
        or len(question) > 220
        or honesty.off_topic(question, facts.problem_title)
        or honesty.check_narrative(question + "?", facts)
    ):
        return fallback
    return question + "?"


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
) -> PhrasedText:
    """Let the model reword `built`; keep its words only when `check_phrasing` finds no new claim.

    `evidence`: what `built` rests on (quoted statement pieces, facts). The built text is
    always a complete answer: with the model missing, slow, crashing, silent, leaking the
    reference solution or adding a claim, `text` is `built` and `reasons` say why.
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
    """A few sentences over the whole interview for the scorecard."""
    config = config or RuntimeConfig()
    lead = facts_text.session_lead(session)
    fallback = facts_text.facts_only_summary(session)
    if on_text is not None:
        on_text(lead.strip())
    if not model_ready(config):
        if on_text is not None:
            on_text(fallback)
        return SummaryResult(
            text=fallback, replaced=True, reasons=("model unavailable",), model_available=False
        )
    results = "\n".join(
        f"- {f.problem_title or 'Problem'}: {facts_text.verdict_label(f.verdict)}, "
        f"{f.passed}/{f.total} tests"
        + (f", growth {facts_text.measured_growth(f)}" if facts_text.measured_growth(f) else "")
        for f in session.submissions
    )
    messages = prompts.load("summary").messages(results=results or "- no submission")
    result, text, problems = _guarded(
        messages,
        lead,
        lambda t: honesty.check_summary(t, session),
        on_text,
        config,
        96,
        topic=" ".join(f.problem_title for f in session.submissions),
    )
    reasons = [f"{p.rule}: {p.detail}" for p in problems]
    failure = _failure_reason(result)
    if failure:
        reasons.append(failure)
    if not reasons and _said_nothing(text, lead):
        reasons.append("the model said nothing beyond the facts")
    replaced = bool(reasons)
    shown = fallback if replaced else text
    if on_text is not None:
        on_text(shown)
    return SummaryResult(
        text=shown,
        replaced=replaced,
        reasons=tuple(reasons),
        raw_text=result.text,
        generation=result,
    )
