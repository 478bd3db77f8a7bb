"""The bridge from a Submission to the judge's facts, and from facts to words.

`judge_submission` runs in the judge worker. Everything the feedback and the
scorecard say comes from what it stores: verdicts per test, growth measured
against the optimal reference, and lint facts.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from interviews.models import Interview, InterviewProblem, Submission, SubmissionKind
from interviews.scoring import ItemFacts
from mltools import complexity
from problems.judge.verdicts import Verdict
from problems.rendering import arguments_text

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
        from interviews.growth import problem_growth_compare

        return problem_growth_compare(
            problem=submission.item.problem, code=submission.code, language=submission.language
        )
    except Exception:
        logger.exception("growth measurement failed for submission %s", submission.pk)
        return {"error": "The growth measurement failed; the verdict stands."}


# --- facts to words -----------------------------------------------------------------


def _label(code: str) -> str:
    return Verdict(code).label if code in Verdict.values else code


def _failing_test(report: dict[str, Any]) -> dict[str, Any] | None:
    index = report.get("first_failure")
    for test in report.get("tests", []):
        if test.get("index") == index:
            return dict(test)
    return None


def facts_narrative(submission: Submission) -> str:
    """The facts-only feedback: shown at once, and whenever the model is unavailable."""
    report, growth, quality = submission.report, submission.growth, submission.quality
    verdict = submission.verdict
    label = _label(verdict)
    scope = "sample tests" if submission.kind == SubmissionKind.RUN else "tests"
    lines = [f"{label}: {submission.passed} of {submission.total} {scope} pass."]
    if verdict == "CE":
        where = f" (line {report.get('compile_line')})" if report.get("compile_line") else ""
        lines.append(f"The code does not compile{where}: {report.get('compile_error', '')}".strip())
    failing = _failing_test(report)
    if failing is not None and verdict not in ("AC", "CE"):
        kind = _label(failing.get("verdict", ""))
        number = int(failing.get("index", 0)) + 1
        if failing.get("is_sample"):
            lines.append(
                f"Sample test {number} fails ({kind}): input "
                f"{arguments_text(submission.item.problem.signature, failing.get('input'))}, "
                f"expected {failing.get('expected')}, got {failing.get('actual')}."
            )
        else:
            lines.append(f"Hidden test {number} is the first to fail ({kind}).")
        message = str(failing.get("message") or "").strip()
        if message and message.lower() != kind.lower():
            lines.append(message.splitlines()[-1][:300])
    if growth.get("observed"):
        sentence = growth.get("sentence") or (
            f"Observed growth ~{growth['observed']}; the optimal is {growth.get('optimal', '?')}."
        )
        lines.append(sentence)
    findings = quality.get("findings") or []
    if findings:
        first = findings[0]
        lines.append(
            f"Lint: {len(findings)} finding(s), e.g. line {first.get('line')}: {first.get('message')}."
        )
    return "\n".join(lines)


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
                optimal_growth=best.growth.get("optimal", "") or _stated_optimal(item),
                time_ratio=best.growth.get("time_ratio"),
                lint_findings=len(best.quality.get("findings", [])),
                max_cyclomatic=max(complexity, default=0),
                # The latest explanation written (autosaved), even if never submitted.
                explanation=item.explanation or best.explanation,
                hint_rungs=rungs,
                submission_id=best.pk,
            )
        )
    return facts


def _stated_optimal(item: InterviewProblem) -> str:
    solution = item.problem.solutions.filter(kind="optimal").first()
    return complexity.stated(solution.time_complexity) if solution else ""
