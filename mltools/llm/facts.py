"""Deterministic text from the judge's facts: the fallback narrative and the prompt's facts.

Decisions:
- The facts-only narrative is what the page shows when the model is down, slow or
  caught contradicting the facts, so it says everything a reader needs in plain words:
  verdict, the failing case (samples in full, hidden tests only by kind), the error,
  measured vs optimal growth, time ratio, lint, and the candidate's own claim.
- Its first sentence (`lead_sentence`) also opens the model's answer: the model
  continues a sentence that is already right, which both grounds a 135M model and puts
  text in the page before the first token.
- Candidate-written text (explanation) is quoted, cut short and never obeyed.
"""

from __future__ import annotations

from mltools import complexity
from mltools.contracts import SessionFacts, SubmissionFacts
from mltools.llm.honesty import ACCEPTED, VERDICT_LABELS

MAX_QUOTE = 160


def verdict_label(verdict: str) -> str:
    return VERDICT_LABELS.get(verdict, verdict)


def _clip(text: str, limit: int = MAX_QUOTE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def measured_growth(facts: SubmissionFacts) -> str:
    return (
        ""
        if facts.observed_growth in ("", "unknown")
        else complexity.canonical(facts.observed_growth)
    )


def failing_case(facts: SubmissionFacts) -> str:
    """'test 3 (a sample: input [1, 2], expected 3, got 4)' or 'test 12 (a hidden edge test)'."""
    if facts.failing_test_index is None:
        return ""
    kind = facts.failing_test_kind or "hidden"
    if kind == "sample" and facts.failing_input:
        detail = f"a sample: input {_clip(facts.failing_input, 120)}"
        if facts.failing_expected:
            detail += f", expected {_clip(facts.failing_expected, 80)}"
        if facts.failing_actual:
            detail += f", got {_clip(facts.failing_actual, 80)}"
        return f"test {facts.failing_test_index} ({detail})"
    noun = "a hidden test" if kind == "hidden" else f"a hidden {kind} test"
    return f"test {facts.failing_test_index} ({noun})"


def lead_sentence(facts: SubmissionFacts) -> str:
    label = verdict_label(facts.verdict)
    if facts.verdict == "EMPTY" or (facts.total == 0 and facts.verdict != ACCEPTED):
        return "The submission was empty, so there is nothing to run yet. "
    if facts.verdict == "CE":
        return f"The code did not compile ({label}), so no test ran. "
    if facts.verdict == ACCEPTED:
        return f"Your solution was Accepted: all {facts.total} tests passed. "
    case = failing_case(facts)
    where = f", and the first failure is {case}" if case else ""
    return f"The verdict is {label}: {facts.passed} of {facts.total} tests passed{where}. "


def _growth_sentence(facts: SubmissionFacts) -> str:
    measured = measured_growth(facts)
    optimal = complexity.canonical(facts.optimal_growth) if facts.optimal_growth else ""
    if not measured:
        return ""
    text = f"The running time grows as {measured}"
    if optimal and optimal != measured:
        text += f", while the best known solution is {optimal}"
    elif optimal:
        text += ", which matches the best known solution"
    if facts.time_ratio is not None and facts.time_ratio > 0:
        text += f"; on the largest tests it took {facts.time_ratio:.1f}x the reference time"
    return text + ". "


def _stated_sentence(facts: SubmissionFacts) -> str:
    stated = complexity.canonical(facts.stated_complexity) if facts.stated_complexity else ""
    measured = measured_growth(facts)
    if not stated:
        return ""
    if not measured:
        return f"You stated {stated}; it could not be measured on this run. "
    if stated == measured:
        return f"Your stated complexity, {stated}, matches the measurement. "
    return f"You stated {stated}, but the measurement shows {measured}. "


def facts_only_narrative(facts: SubmissionFacts) -> str:
    """The whole feedback from facts alone: always true, used as the fallback."""
    parts = [lead_sentence(facts)]
    if facts.error_message and facts.verdict in ("RE", "CE", "TLE", "MLE", "OLE", "IE"):
        parts.append(f"The error was: {_clip(facts.error_message)}. ")
    if facts.verdict == "WA" and facts.failing_test_kind == "sample" and facts.failing_input:
        parts.append("Trace that sample by hand to see where the output diverges. ")
    elif facts.verdict == "WA":
        parts.append("Think about which edge cases (empty input, duplicates, extremes) it misses. ")
    elif facts.verdict == "TLE":
        parts.append("Look for a data structure that avoids the repeated work. ")
    parts.append(_growth_sentence(facts))
    parts.append(_stated_sentence(facts))
    if facts.lint_findings:
        parts.append(f"Code quality notes: {_clip('; '.join(facts.lint_findings[:3]))}. ")
    return "".join(parts).strip()


def facts_follow_up(facts: SubmissionFacts) -> str:
    """A follow-up question that needs no model."""
    if facts.verdict == ACCEPTED:
        if facts.problem_follow_up:
            return facts.problem_follow_up.strip()
        measured = measured_growth(facts)
        optimal = complexity.canonical(facts.optimal_growth) if facts.optimal_growth else ""
        if measured and optimal and measured != optimal:
            return f"Can you bring the running time from {measured} down to {optimal}? What would you change?"
        return "How would your solution change if the input did not fit in memory?"
    if facts.verdict in ("EMPTY", "CE"):
        return "Can you describe your approach in words before writing the code?"
    if facts.failing_test_index is not None:
        return f"What is special about the input of test {facts.failing_test_index}, and how should your code handle it?"
    return "Which input would you test first to find the problem?"


def facts_block(facts: SubmissionFacts) -> str:
    """The facts as short lines for the prompt."""
    lines = [
        f"Verdict: {verdict_label(facts.verdict)} ({facts.passed} of {facts.total} tests passed)"
    ]
    case = failing_case(facts)
    if case:
        lines.append(f"First failing test: {case}")
    if facts.error_message:
        lines.append(f"Error: {_clip(facts.error_message)}")
    measured = measured_growth(facts)
    if measured:
        lines.append(f"Measured time growth: {measured}")
    if facts.optimal_growth:
        lines.append(f"Optimal time growth: {complexity.canonical(facts.optimal_growth)}")
    if facts.time_ratio is not None:
        lines.append(f"Time vs reference: {facts.time_ratio:.1f}x")
    if facts.lint_findings:
        lines.append(f"Lint: {_clip('; '.join(facts.lint_findings[:3]))}")
    stated = complexity.canonical(facts.stated_complexity) if facts.stated_complexity else ""
    if stated:
        lines.append(f"Candidate's stated complexity: {stated}")
    return "\n".join(f"- {line}" for line in lines)


def session_lead(session: SessionFacts) -> str:
    solved = sum(1 for s in session.submissions if s.verdict == ACCEPTED)
    total = len(session.submissions)
    minutes = round(session.duration_s / 60)
    hints = f"{session.hints_used} hint" + ("" if session.hints_used == 1 else "s")
    return f"You solved {solved} of {total} problem{'s' if total != 1 else ''} in {minutes} minutes with {hints}. "


def facts_only_summary(session: SessionFacts) -> str:
    parts = [session_lead(session)]
    for facts in session.submissions:
        title = facts.problem_title or "A problem"
        label = verdict_label(facts.verdict)
        measured = measured_growth(facts)
        growth = f", running in {measured}" if measured else ""
        parts.append(f"{title}: {label}, {facts.passed}/{facts.total} tests{growth}. ")
    return "".join(parts).strip()
