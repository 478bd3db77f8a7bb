"""The bridge from a Submission to the judge's facts, and from facts to words.

`judge_submission` runs in the judge worker. Everything the feedback and the
scorecard say comes from what it stores: verdicts per test, growth measured
against the optimal reference, and lint facts.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from interviews.models import (
    Interview,
    InterviewProblem,
    Scorecard,
    Submission,
    SubmissionKind,
    TurnRole,
)
from interviews.scoring import ItemFacts
from mltools import complexity
from mltools.contracts import SessionFacts, SubmissionFacts
from problems.rendering import arguments_text, value_text
from problems.selectors import problem_reference

logger = logging.getLogger(__name__)


@dataclass
class JudgedFacts:
    verdict: str
    passed: int
    total: int
    report: dict[str, Any]
    growth: dict[str, Any] = field(default_factory=dict)
    quality: dict[str, Any] = field(default_factory=dict)
    test_rows: list[dict[str, Any]] = field(default_factory=list)


def judge_submission(submission: Submission) -> JudgedFacts:
    from problems.judge.service import problem_judge

    problem = submission.item.problem
    include_hidden = submission.kind == SubmissionKind.SUBMIT
    report = problem_judge(
        problem=problem,
        code=submission.code,
        language=submission.language,
        include_hidden=include_hidden,
    )
    rows = [
        {
            "index": t.index,
            "test_id": t.test_id,
            "is_sample": t.is_sample,
            "verdict": t.verdict,
            "cpu_ms": round(t.cpu_s * 1000, 3),
            "wall_ms": round(t.wall_s * 1000, 3),
            "mem_kb": int(t.mem_kb or 0),
            "message": (t.message or "")[:2000],
        }
        for t in report.tests
    ]
    facts = JudgedFacts(
        verdict=report.verdict,
        passed=report.passed,
        total=report.total,
        report=report.to_dict(),
        test_rows=rows,
    )
    if report.verdict != "CE":
        facts.quality = (
            _quality(submission.code)
            if submission.language == "python3"
            else compiler_quality(submission.language, report.compile_warnings)
        )
    return facts


def wants_growth(submission: Submission, verdict: str) -> bool:
    """Growth is measured for accepted submits of problems with an input generator."""
    problem = submission.item.problem
    return (
        submission.kind == SubmissionKind.SUBMIT
        and verdict == "AC"
        and bool(problem.generator and problem.growth_sizes)
    )


def compiler_quality(language: str, warnings: str) -> dict[str, Any]:
    """Code-quality facts for a compiled language: its compiler's warnings, as lint findings
    (g++ -Wall -Wextra, javac -Xlint:all, tsc's checks)."""
    from problems.judge.languages import get_language

    findings = get_language(language).warnings(warnings)
    return {"lint": findings, "findings": findings, "functions": [], "tool": "compiler warnings"}


def _quality(code: str) -> dict[str, Any]:
    try:
        from problems.judge.quality import code_quality

        return code_quality(code).to_dict()
    except Exception:  # quality facts are a bonus; never fail the verdict for them
        logger.exception("quality facts failed")
        return {}


def measure_submission_growth(submission: Submission) -> dict[str, Any]:
    """Growth facts for this code; the same code on the same problem is measured once."""
    earlier = (
        Submission.objects.filter(
            item__problem_id=submission.item.problem_id,
            code=submission.code,
            language=submission.language,
            growth_pending=False,
        )
        .exclude(pk=submission.pk)
        .exclude(growth={})
        .order_by("-judged_at")
        .values_list("growth", flat=True)
        .first()
    )
    if earlier and "error" not in earlier:
        return dict(earlier)
    try:
        from problems.growth import problem_growth_compare

        return problem_growth_compare(
            problem=submission.item.problem, code=submission.code, language=submission.language
        )
    except Exception:
        logger.exception("growth measurement failed for submission %s", submission.pk)
        return {"error": "The growth measurement failed; the verdict stands."}


# --- facts to words -----------------------------------------------------------------


def _failing_test(report: dict[str, Any]) -> dict[str, Any] | None:
    index = report.get("first_failure")
    for test in report.get("tests", []):
        if test.get("index") == index:
            return dict(test)
    return None


def _unchanged_argument(problem: Any, row: Any, failing: dict[str, Any], names: list[str]) -> str:
    """In-place problems: the compared argument's name when the code left it as it was."""
    k = problem.returns_argument
    args = list(row.args or [])
    if k is None or k >= len(args) or failing.get("verdict") != "WA":
        return ""
    if failing.get("actual") != args[k] or row.expected == args[k]:
        return ""
    return names[k] if k < len(names) else f"argument {k + 1}"


def _input_facts(submission: Submission, failing: dict[str, Any]) -> dict[str, Any]:
    """Traits of the failing test's input, computed from its stored values (hidden too)."""
    from mltools.llm import evidence

    problem = submission.item.problem
    if problem.entry_kind == "design":
        # A design test's arguments are the call names and their arguments, not inputs
        # with traits ("argument 1 has duplicate values" would be about "put", "put").
        return {"failing_call": str(failing.get("failing_call") or "")}
    names = evidence.parameter_names(problem.signature)
    tests = {t.pk: t for t in problem.tests.all()}
    row = tests.get(failing.get("test_id") or -1)
    if row is None:
        return {}
    unchanged = _unchanged_argument(problem, row, failing, names)
    if unchanged:
        return {"unchanged_argument": unchanged}
    if failing.get("verdict") == "TLE":
        small = evidence.small_input(list(row.args or []), dict(row.kwargs or {}), names)
        if small:  # its traits ("the largest input") would point away from the cause
            return {"tle_small_input": small}
    inputs = [(list(t.args or []), dict(t.kwargs or {})) for t in tests.values()]
    largest = evidence.largest_sizes(inputs, names)
    index = failing.get("index", 0)
    passed_rows = [
        tests[t["test_id"]]
        for t in submission.report.get("tests", [])
        if t.get("verdict") == "AC" and t.get("index", 0) < index and t.get("test_id") in tests
    ]

    def traits(test: Any) -> list[str]:
        return evidence.input_traits(
            list(test.args or []), dict(test.kwargs or {}), names=names, largest_sizes=largest
        )

    mine = traits(row)
    before = [traits(t) for t in passed_rows]
    ordered = evidence.special_first(mine, before)
    seen = {t for one in before for t in one}
    return {
        "failing_traits": tuple(ordered),
        "failing_traits_new": sum(1 for t in ordered if t not in seen),
        "failing_shape": ""
        if ordered
        else evidence.describe_size(list(row.args or []), dict(row.kwargs or {}), names),
        "passed_before": len(passed_rows),
    }


def submission_facts(submission: Submission) -> SubmissionFacts:
    """The one mapper from a judged Submission to the facts every text is built from.

    Returns `mltools.contracts.SubmissionFacts`: the verdict and counts, the first failing
    test (samples in full, hidden ones only by the traits computed from their values), the
    error, growth and lint facts, the stated complexity, where the time goes (read from
    the code) and, once the interview is over, the editorial's technique.
    """
    from mltools.llm import evidence

    report, growth = submission.report, submission.growth
    item = submission.item
    problem = item.problem
    failing = _failing_test(report)
    verdict = submission.verdict or "IE"
    if not submission.code.strip():
        verdict = "EMPTY"
    message = ""
    if verdict == "CE":
        message = str(report.get("compile_error", ""))
    elif failing and failing.get("message"):
        message = str(failing["message"]).strip().splitlines()[-1]
    sample = bool(failing and failing.get("is_sample"))
    over = not item.interview.is_open
    inputs = _input_facts(submission, failing) if failing and verdict not in ("AC", "CE") else {}
    stated, stated_as = complexity.stated_total(
        submission.explanation, per_call_problem=problem.entry_kind == "design"
    )
    hot = tuple(str(h.get("sentence", "")) for h in growth.get("hot_lines") or [])
    lines = (
        str((growth.get("lines") or {}).get("sentence", ""))
        if growth.get("slower_by_lines")
        else ""
    )
    inconclusive = growth.get("observed") == complexity.INCONCLUSIVE
    return SubmissionFacts(
        verdict=verdict,
        passed=submission.passed,
        total=submission.total,
        problem_title=problem.title,
        problem_follow_up=problem.follow_up,
        failing_test_index=(int(failing["index"]) + 1) if failing and verdict != "AC" else None,
        failing_test_kind=("sample" if sample else "hidden") if failing else "",
        # Values are written as the candidate's language writes them (`null`, `nullptr`, `None`).
        failing_input=(
            arguments_text(problem.signature, failing.get("input"), language=submission.language)
            if sample and failing
            else ""
        ),
        failing_expected=(
            value_text(failing.get("expected"), language=submission.language)
            if sample and failing
            else ""
        ),
        failing_actual=(
            value_text(failing.get("actual"), language=submission.language)
            if sample and failing
            else ""
        ),
        error_message=message[:300],
        observed_growth=str(growth.get("observed", "")),
        growth_inconclusive=_inconclusive_reason(growth) if inconclusive else "",
        # Measured on an Accepted; otherwise the reference's stated growth (a time-out is
        # compared with it).
        optimal_growth=_optimal_growth(growth, item),
        time_ratio=growth.get("time_ratio"),
        lint_findings=tuple(
            f"line {f.get('line')}: {f.get('message')}"
            for f in (submission.quality.get("findings") or [])[:5]
        ),
        stated_complexity=stated,
        stated_as=stated_as if stated_as != stated else "",
        explanation=submission.explanation[:1000],
        compile_line=report.get("compile_line"),
        hot_lines=hot,
        lines_compared=lines,
        # the static reading only where nothing was counted
        time_spent=() if hot else tuple(evidence.time_spent(submission.code)),
        code=submission.code,
        interview_over=over,
        technique=evidence.editorial_technique(problem.editorial) if over else "",
        **inputs,
    )


def _inconclusive_reason(growth: dict[str, Any]) -> str:
    candidate = (growth.get("details") or {}).get("candidate") or {}
    return str((candidate.get("fit") or {}).get("reason") or candidate.get("error") or "")


def feedback_built(submission: Submission) -> tuple[str, list[list[str]]]:
    """The built feedback text and its [sentence, evidence] pairs (shown at once, always)."""
    from mltools.llm import facts as facts_text

    sentences = facts_text.feedback_sentences(submission_facts(submission))
    return " ".join(s.text for s in sentences), [[s.text, s.evidence] for s in sentences]


def item_best_submission(item: InterviewProblem) -> Submission | None:
    """The submit that passed most tests (the latest among equals)."""
    submits = [
        s
        for s in item.submissions.all()
        if s.kind == SubmissionKind.SUBMIT and s.status == "done" and s.rejudge_of_id is None
    ]
    if not submits:
        return None
    return max(submits, key=lambda s: (s.passed / s.total if s.total else 0, s.created))


def session_facts(interview: Interview) -> SessionFacts:
    """The records of one interview for its summary: every problem, submitted or not."""
    finals = []
    unsubmitted = []
    hints = 0
    items = list(interview.items.select_related("problem"))
    for item in items:
        hints += item.hint_reveals.count()
        best = item_best_submission(item)
        if best is not None:
            finals.append(submission_facts(best))
        else:
            unsubmitted.append(item.problem.title)
    end = interview.finished_at or interview.deadline
    card = getattr(interview, "scorecard", None)
    scores = (
        tuple((name, int(getattr(card, name))) for name in ("overall", *Scorecard.DIMENSIONS))
        if card is not None
        else ()
    )
    return SessionFacts(
        submissions=tuple(finals),
        problems=len(items),
        unsubmitted=tuple(unsubmitted),
        scores=scores,
        hints_used=hints,
        duration_s=(end - interview.started_at).total_seconds(),
        time_limit_s=interview.time_limit_min * 60.0,
        chat_questions=interview.turns.filter(role=TurnRole.CANDIDATE).count(),
    )


def summary_built(interview: Interview) -> str:
    """The built summary of a finished interview (what the scorecard shows at once)."""
    from mltools.llm import facts as facts_text

    return facts_text.facts_only_summary(session_facts(interview))


def interview_item_facts(interview: Interview) -> list[ItemFacts]:
    items = interview.items.select_related("problem").prefetch_related(
        "submissions", "hint_reveals"
    )
    facts: list[ItemFacts] = []
    for item in items:
        best = item_best_submission(item)
        rungs = tuple(sorted(h.rung for h in item.hint_reveals.all()))
        if best is None:
            facts.append(
                ItemFacts(
                    title=item.problem.title,
                    submitted=False,
                    explanation=item.explanation,
                    per_call=item.problem.entry_kind == "design",
                    hint_rungs=rungs,
                )
            )
            continue
        complexity = [c.get("complexity", 0) for c in best.quality.get("functions", [])]
        facts.append(
            ItemFacts(
                title=item.problem.title,
                submitted=True,
                passed=best.passed,
                total=best.total,
                compiled=best.verdict != "CE",
                observed_growth=best.growth.get("observed", ""),
                optimal_growth=_optimal_growth(best.growth, item),
                time_ratio=best.growth.get("time_ratio"),
                lint_findings=len(best.quality.get("findings", [])),
                max_cyclomatic=max(complexity, default=0),
                # The latest explanation written (autosaved), even if never submitted.
                explanation=item.explanation or best.explanation,
                per_call=item.problem.entry_kind == "design",
                hint_rungs=rungs,
                submission_id=best.pk,
            )
        )
    return facts


def _optimal_growth(growth: dict[str, Any], item: InterviewProblem) -> str:
    """The reference's measured class; its stated one where none was measured or the
    measurement was inconclusive (too quick to tell within the constraints)."""
    measured = str(growth.get("optimal", ""))
    return measured if measured in complexity.RANK else _stated_optimal(item)


def _stated_optimal(item: InterviewProblem) -> str:
    solution = problem_reference(problem=item.problem, language=item.language)
    return complexity.stated_complexities(solution.time_complexity)[0] if solution else ""
