"""The built texts: feedback and summary from facts, one fact per sentence with its evidence.

    feedback_sentences(facts) -> (FactSentence("Wrong Answer: 9 of 12 tests pass.",
                                               "judge: 9/12"), ...)

Decisions:
- The built text is what the page shows at once, and whenever the model is missing,
  slow, or its phrasing is rejected, so it says everything in plain words, in reading
  order: the verdict; the first failing test (samples in full, hidden ones only by the
  traits computed from their values, `mltools.llm.evidence`); the error; the measured
  growth against the optimal (or that the measurement was inconclusive) and the
  candidate's stated complexity; where the time goes when the code is too slow (line
  executions counted in the sandbox, else loops read from the code); lint; and one
  question about what to think about next.
- No technique is named before the interview ends (`evidence.technique_terms` checks
  the problem's own follow-up too); afterwards the editorial's approach is.
- After an Accepted at the optimal growth, the follow-up never asks for that optimum.
- The summary counts every problem of the interview, submitted or not, and takes its
  times and scores from the records.
- Candidate-written text (explanation, code) is never quoted into a sentence: only the
  complexity class parsed from it, and the line numbers and names read from the code.
"""

from __future__ import annotations

import re

from mltools import complexity
from mltools.contracts import FactSentence, SessionFacts, SubmissionFacts
from mltools.llm.evidence import technique_terms
from mltools.llm.honesty import ACCEPTED, VERDICT_LABELS

MAX_QUOTE = 160
SLOW_RATIO = 3.0  # accepted but this many times the reference's time: say where it goes


def verdict_label(verdict: str) -> str:
    return VERDICT_LABELS.get(verdict, verdict)


def _clip(text: str, limit: int = MAX_QUOTE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def measured_growth(facts: SubmissionFacts) -> str:
    """The measured class; "" when nothing was measured or the measurement was inconclusive."""
    if complexity.rank(facts.observed_growth) is None:
        return ""
    return complexity.canonical(facts.observed_growth)


def lead_sentence(facts: SubmissionFacts) -> str:
    """The verdict sentence that opens the feedback (with a trailing space)."""
    return feedback_sentences(facts)[0].text + " "


def _verdict_sentence(facts: SubmissionFacts) -> FactSentence:
    label = verdict_label(facts.verdict)
    if facts.verdict == "EMPTY" or (facts.total == 0 and facts.verdict not in (ACCEPTED, "CE")):
        return FactSentence("The submission is empty, so no test ran.", "the submitted code")
    if facts.verdict == "CE":
        where = f" (line {facts.compile_line})" if facts.compile_line else ""
        return FactSentence(
            f"The code does not compile{where}, so no test ran.", "judge: compile error"
        )
    if facts.verdict == ACCEPTED:
        return FactSentence(
            f"Accepted: all {facts.total} tests pass.", f"judge: {facts.passed}/{facts.total}"
        )
    return FactSentence(
        f"{label}: {facts.passed} of {facts.total} tests pass.",
        f"judge: {facts.passed}/{facts.total}",
    )


def _failing_sentences(facts: SubmissionFacts) -> list[FactSentence]:
    if facts.failing_test_index is None or facts.verdict in (ACCEPTED, "CE", "EMPTY"):
        return []
    number = facts.failing_test_index
    kind = facts.failing_test_kind or "hidden"
    said: list[FactSentence] = []
    if kind == "sample" and facts.failing_input:
        detail = f"input {_clip(facts.failing_input, 120)}"
        if facts.failing_expected:
            detail += f", expected {_clip(facts.failing_expected, 80)}"
        if facts.failing_actual and facts.verdict == "WA":
            detail += f", got {_clip(facts.failing_actual, 80)}"
        said.append(
            FactSentence(
                f"Test {number}, a sample, is the first to fail: {detail}.",
                f"judge: sample test {number}",
            )
        )
    else:
        said.append(
            FactSentence(
                f"Test {number}, a hidden test, is the first to fail.",
                f"judge: hidden test {number}",
            )
        )
    if facts.error_message and facts.verdict in ("RE", "TLE", "MLE", "OLE", "IE"):
        said.append(
            FactSentence(
                f"The error on it: {_clip(facts.error_message)}.", f"judge: test {number}'s error"
            )
        )
    if facts.unchanged_argument:
        # The cause, whatever the input's traits: the answer was returned, not written.
        name = f"`{facts.unchanged_argument}`"
        said.append(
            FactSentence(
                f"{name} is unchanged after the call: this problem checks {name} itself after "
                "the call, and what the function returns is ignored.",
                f"judge: test {number}'s {name} after the call",
            )
        )
    elif facts.tle_small_input:
        said.append(
            FactSentence(
                f"It ran out of time on a small input: {facts.tle_small_input}.",
                f"computed from test {number}'s input values",
            )
        )
    elif facts.failing_call:
        said.append(
            FactSentence(
                f"The first wrong result is at {facts.failing_call}.",
                f"judge: test {number}, call by call",
            )
        )
    elif facts.failing_traits:
        traits = _join(list(facts.failing_traits))
        new = ""
        if facts.failing_traits_new and facts.passed_before:
            count = facts.passed_before
            new = (
                f"; none of the {count} tests that passed before it had that"
                if count > 1
                else "; the test that passed before it did not"
            )
        said.append(
            FactSentence(
                f"What is special about its input: {traits}{new}.",
                f"computed from test {number}'s input values",
            )
        )
    elif facts.failing_shape:
        # Only when no test passes is the fault on the path every input takes.
        every = ", so the fault is on the path every input takes" if facts.passed == 0 else ""
        said.append(
            FactSentence(
                f"Its input is not an edge case: {facts.failing_shape}{every}.",
                f"computed from test {number}'s input values",
            )
        )
    return said


def ratio_text(ratio: float) -> str:
    """'0.95x' or '221x': written as the growth measurement writes it in the page."""
    return f"{ratio:.2f}x" if ratio < 10 else f"{ratio:.0f}x"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


FAILING_VERDICTS = ("WA", "RE", "TLE", "MLE", "OLE")


def wants_cause(facts: SubmissionFacts) -> bool:
    """Failing on a hidden test, or slow: feedback that should name the cause."""
    failing = facts.verdict in FAILING_VERDICTS and facts.failing_test_index is not None
    return failing or is_slow(facts)


def cause_phrases(facts: SubmissionFacts) -> tuple[str, ...]:
    """The facts that name a failing or slow submission's cause, as the built feedback
    writes them: the failing input's computed trait (the unchanged argument, the failing
    call, the small input that timed out; else its traits, else its shape), or, when slow,
    where the time goes (the counted hot lines, else the loops read from the code). () when
    the submission neither fails a test nor is slow. A text names the cause when it
    contains one of them (`evaluation.names_cause`); a rewording must keep those the built
    text holds (`api.phrase`'s `required`)."""
    if not wants_cause(facts):
        return ()
    if facts.verdict in FAILING_VERDICTS and facts.verdict != "TLE":
        return tuple(
            [n for n in (facts.unchanged_argument, facts.failing_call, facts.tle_small_input) if n]
            or list(facts.failing_traits)
            or ([facts.failing_shape] if facts.failing_shape else [])
        )
    return (*facts.hot_lines, *facts.time_spent)


def is_slow(facts: SubmissionFacts) -> bool:
    """Too slow (TLE) or accepted but measured slower than the optimal."""
    if facts.verdict == "TLE":
        return True
    measured = measured_growth(facts)
    optimal = complexity.canonical(facts.optimal_growth) if facts.optimal_growth else ""
    if facts.verdict != ACCEPTED:
        return False
    if (measured and optimal and measured != optimal) or facts.lines_compared:
        return True
    return facts.time_ratio is not None and facts.time_ratio > SLOW_RATIO


def _growth_sentences(facts: SubmissionFacts) -> list[FactSentence]:
    measured = measured_growth(facts)
    optimal = complexity.canonical(facts.optimal_growth) if facts.optimal_growth else ""
    said: list[FactSentence] = []
    stated = complexity.canonical(facts.stated_complexity) if facts.stated_complexity else ""
    said_as = facts.stated_as or stated  # "O(1) per call, O(n) over n calls"
    if facts.growth_inconclusive:
        said.append(
            FactSentence(
                f"The growth measurement was inconclusive ({facts.growth_inconclusive}), so no "
                "growth class is claimed for your code.",
                "growth measured on generated inputs",
            )
        )
    if measured:
        text = f"The running time grows as {measured}"
        if optimal and optimal != measured:
            text += f", while the best known solution is {optimal}"
        elif optimal:
            text += ", as fast as the best known solution"
        if facts.time_ratio is not None and facts.time_ratio > 0:
            text += f"; on the largest tests it took {ratio_text(facts.time_ratio)} the reference's time"
        said.append(FactSentence(text + ".", "growth measured on generated inputs"))
    if stated and measured:
        text = (
            f"You stated {said_as}, which matches the measurement."
            if stated == measured
            else f"You stated {said_as}, but the measurement shows {measured}."
        )
        said.append(FactSentence(text, "your explanation and the growth measurement"))
    elif stated and facts.verdict == "TLE":
        said.append(
            FactSentence(
                _stated_against_timeout(said_as, stated, optimal, facts.failing_test_index),
                "your explanation and the judge",
            )
        )
    if facts.lines_compared:
        said.append(
            FactSentence(
                f"More work than the reference: {facts.lines_compared}.",
                "line executions counted in the sandbox, yours and the reference's",
            )
        )
    if is_slow(facts) and facts.hot_lines:
        for fact in facts.hot_lines:
            said.append(
                FactSentence(
                    f"Where the time goes, counted as your code ran: {fact}.",
                    "line executions counted in the sandbox, extrapolated to the largest size",
                )
            )
    elif is_slow(facts):
        for fact in facts.time_spent:
            said.append(
                FactSentence(
                    f"Where the time goes: {fact[0].lower()}{fact[1:]}",
                    "your code, read line by line",
                )
            )
    return said


def _stated_against_timeout(said_as: str, stated: str, optimal: str, test: int | None) -> str:
    """The stated complexity beside a time-out, with "but" only where they disagree: a
    claim as fast as the best known solution, yet out of time. A stated growth slower than
    the best agrees with the time-out, and with no optimum known nothing is compared."""
    ran_out = f"the code ran out of time on test {test}"
    stated_rank = complexity.rank(stated)
    optimal_rank = complexity.rank(optimal) if optimal else None
    if stated_rank is None or optimal_rank is None:
        return f"You stated {said_as}; {ran_out}."
    if stated_rank > optimal_rank:
        return (
            f"You stated {said_as}, slower than the best known solution's {optimal}, and {ran_out}."
        )
    return f"You stated {said_as}, as fast as the best known solution, but {ran_out}."


def _quality_sentences(facts: SubmissionFacts) -> list[FactSentence]:
    return [
        FactSentence(f"Code quality, {_clip(finding).rstrip('.')}.", "lint of your code")
        for finding in facts.lint_findings[:2]
    ]


def _next_sentence(facts: SubmissionFacts) -> FactSentence | None:
    """What to think about next, as a question; the technique only after the interview."""
    if facts.interview_over and facts.technique and (facts.verdict != ACCEPTED or is_slow(facts)):
        return FactSentence(
            f"The editorial's approach: {facts.technique}.", "the editorial (the interview is over)"
        )
    if facts.verdict == "EMPTY":
        return FactSentence(
            "What would the code for the first example return, step by step?", "the verdict"
        )
    if facts.verdict == "CE":
        where = "that line" if facts.compile_line else "the line it names"
        return FactSentence(f"What does the error say is wrong on {where}?", "judge: compile error")
    if facts.verdict == "WA" and facts.unchanged_argument:
        return FactSentence(
            f"What does your code leave in `{facts.unchanged_argument}` when it returns?",
            f"test {facts.failing_test_index}'s result",
        )
    if facts.verdict == "TLE" and facts.tle_small_input:
        return FactSentence(
            "Does every loop (and every recursive call) in your code reach its end on an input "
            "this small?",
            f"test {facts.failing_test_index}'s input",
        )
    if facts.verdict == "WA" and facts.failing_call:
        return FactSentence(
            f"What does your class hold just before {facts.failing_call}, and what should it?",
            f"test {facts.failing_test_index}, call by call",
        )
    if facts.verdict != ACCEPTED and facts.verdict != "TLE" and facts.failing_traits:
        first = facts.failing_traits[0]
        return FactSentence(
            f"What should your code do when {first}?", f"test {facts.failing_test_index}'s input"
        )
    if is_slow(facts) and facts.hot_lines:
        hot = re.match(r"(lines? [\d-]+) (runs?)", facts.hot_lines[0])
        if hot:
            return FactSentence(
                f"What work do{'es' if hot.group(2) == 'runs' else ''} {hot.group(1)} repeat, and "
                "could it be done once, or kept from one pass to the next?",
                "line executions counted in the sandbox",
            )
    if is_slow(facts):
        loop = re.search(r"loop at lines? (\d+)", " ".join(facts.time_spent))
        if loop:
            return FactSentence(
                f"What work does the loop at line {loop.group(1)} repeat on every pass, and "
                "could you keep it from one pass to the next?",
                "your code, read line by line",
            )
        return FactSentence(
            "Which work does your code repeat, and could it be done once?", "the measurement"
        )
    if facts.verdict != ACCEPTED and facts.failing_test_index is not None:
        return FactSentence(
            f"Which line of your code first behaves differently on test "
            f"{facts.failing_test_index}?",
            "the verdict",
        )
    return None


def feedback_sentences(facts: SubmissionFacts) -> tuple[FactSentence, ...]:
    """The built feedback: one fact per sentence, each with its evidence, in reading order."""
    said = [_verdict_sentence(facts)]
    if facts.verdict == "CE" and facts.error_message:
        said.append(
            FactSentence(
                f"The compiler says: {_clip(facts.error_message)}.", "judge: compile error"
            )
        )
    said += _failing_sentences(facts)
    said += _growth_sentences(facts)
    said += _quality_sentences(facts)
    question = _next_sentence(facts)
    if question is not None:
        said.append(question)
    return tuple(said)


def facts_only_narrative(facts: SubmissionFacts) -> str:
    """The built feedback as one text: what the page shows when no phrasing is kept."""
    return " ".join(s.text for s in feedback_sentences(facts))


def _names_reached_optimum(text: str, facts: SubmissionFacts) -> bool:
    """The text names the growth the candidate already measured (asking for it again)."""
    measured = measured_growth(facts)
    named = {complexity.canonical(g) for g in re.findall(r"O\([^()]*(?:\([^()]*\))?[^()]*\)", text)}
    return bool(measured) and measured in named


def facts_follow_up(facts: SubmissionFacts) -> str:
    """A follow-up question that needs no model.

    After an Accepted at the optimal growth it never asks for that optimum again; the
    problem's own follow-up is used only when it names no technique the candidate's
    code and explanation do not already use (before the interview ends).
    """
    if facts.verdict == ACCEPTED:
        measured = measured_growth(facts)
        optimal = complexity.canonical(facts.optimal_growth) if facts.optimal_growth else ""
        if measured and optimal and measured != optimal:
            return (
                f"Can you bring the running time from {measured} down to {optimal}? "
                "What would you change?"
            )
        if measured and measured == optimal:
            # The bank's follow-ups ask for the optimum; this candidate already has it.
            return (
                f"Your code already runs in {measured}, as fast as the best known solution: "
                "how would it change if the input arrived as a stream too large to keep in memory?"
            )
        own = facts.problem_follow_up.strip()
        leaks = technique_terms(own) - technique_terms(f"{facts.code} {facts.explanation}")
        if own and not _names_reached_optimum(own, facts) and (facts.interview_over or not leaks):
            return own
        return "Which input would you add to the tests to convince yourself the code is right, and why?"
    if facts.verdict in ("EMPTY", "CE"):
        return "Can you describe your approach in words before writing the code?"
    if facts.failing_test_index is not None:
        return (
            f"What is special about the input of test {facts.failing_test_index}, "
            "and how should your code handle it?"
        )
    return "Which input would you test first to find the problem?"


def session_sentences(session: SessionFacts) -> tuple[FactSentence, ...]:
    """The built summary: counts, times, verdicts and scores from the records only."""
    solved = sum(1 for s in session.submissions if s.verdict == ACCEPTED)
    count = session.problems or len(session.submissions)
    minutes = round(session.duration_s / 60)
    limit = round(session.time_limit_s / 60)
    hints = f"{session.hints_used} hint" + ("" if session.hints_used == 1 else "s")
    noun = "problem" if count == 1 else "problems"
    spent = "less than a minute" if session.duration_s < 60 else f"{minutes}"
    unit = "" if session.duration_s < 60 else " minutes"
    took = f"{spent} of the {limit} minutes" if limit else f"{spent}{unit}"
    said = [
        FactSentence(
            f"You solved {solved} of {count} {noun} in {took}, with {hints}.",
            "the interview's records",
        )
    ]
    for facts in session.submissions:
        title = facts.problem_title or "A problem"
        label = verdict_label(facts.verdict)
        measured = measured_growth(facts)
        growth = f", running in {measured}" if measured else ""
        said.append(
            FactSentence(
                f"{title}: {label}, {facts.passed} of {facts.total} tests pass{growth}.",
                f"the best submission on {title}",
            )
        )
    for title in session.unsubmitted:
        said.append(FactSentence(f"{title}: nothing was submitted.", f"no submission on {title}"))
    if session.scores:
        scores = dict(session.scores)
        rest = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in session.scores if k != "overall")
        said.append(
            FactSentence(
                f"The scorecard gives {scores.get('overall', 0)} overall ({rest}).",
                "the scorecard's formulas",
            )
        )
    if session.chat_questions:
        said.append(
            FactSentence(
                f"You asked {session.chat_questions} clarifying question"
                f"{'s' if session.chat_questions != 1 else ''}.",
                "the chat",
            )
        )
    return tuple(said)


def session_lead(session: SessionFacts) -> str:
    return session_sentences(session)[0].text + " "


def facts_only_summary(session: SessionFacts) -> str:
    """The built summary as one text: what the scorecard shows when no phrasing is kept."""
    return " ".join(s.text for s in session_sentences(session))
