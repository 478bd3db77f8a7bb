"""The scorecard rubric: every number comes from judged facts, never from the model.

Each dimension is a scorer registered by name (as DMOJ registers contest
formats). A scorer sees one problem's `ItemFacts` and returns 0-100 with the
evidence behind it; the interview's score per dimension is the mean over its
problems, and the overall score is the weighted sum in `WEIGHTS`. The README's
"Scorecard" section documents the same formulas.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from mltools import complexity

HINT_PENALTY = {1: 10, 2: 20, 3: 30}
WEIGHTS = {
    "correctness": 0.40,
    "efficiency": 0.20,
    "code_quality": 0.15,
    "communication": 0.10,
    "independence": 0.15,
}


@dataclass(frozen=True)
class ItemFacts:
    """What the judge established about one problem of the interview."""

    title: str
    submitted: bool  # at least one non-empty Submit
    passed: int = 0
    total: int = 0
    compiled: bool = True
    observed_growth: str = ""  # e.g. "O(n^2)", "inconclusive"; "" when not measured
    optimal_growth: str = ""
    time_ratio: float | None = None  # candidate / reference on the largest tests
    lint_findings: int = 0
    max_cyclomatic: int = 0
    explanation: str = ""
    per_call: bool = False  # a design problem: growth is measured over n calls
    hint_rungs: tuple[int, ...] = ()
    submission_id: int | None = None


@dataclass(frozen=True)
class Point:
    text: str
    evidence: str  # an anchor such as "#submission-12" or "#hint-3"


@dataclass
class DimensionScore:
    value: int
    strengths: list[Point] = field(default_factory=list)
    improvements: list[Point] = field(default_factory=list)


Scorer = Callable[[ItemFacts], DimensionScore]
SCORERS: dict[str, Scorer] = {}


def register(name: str) -> Callable[[Scorer], Scorer]:
    def decorator(func: Scorer) -> Scorer:
        SCORERS[name] = func
        return func

    return decorator


def _anchor(facts: ItemFacts) -> str:
    return f"#submission-{facts.submission_id}" if facts.submission_id else "#timeline"


@register("correctness")
def score_correctness(facts: ItemFacts) -> DimensionScore:
    if not facts.submitted or facts.total == 0:
        return DimensionScore(
            0, improvements=[Point(f"{facts.title}: no solution was submitted.", "#timeline")]
        )
    value = round(100 * facts.passed / facts.total)
    if facts.passed == facts.total:
        return DimensionScore(
            value,
            strengths=[Point(f"{facts.title}: all {facts.total} tests pass.", _anchor(facts))],
        )
    return DimensionScore(
        value,
        improvements=[
            Point(f"{facts.title}: {facts.passed} of {facts.total} tests pass.", _anchor(facts))
        ],
    )


@register("efficiency")
def score_efficiency(facts: ItemFacts) -> DimensionScore:
    # Efficiency only means something for a correct solution.
    if not facts.submitted or facts.total == 0 or facts.passed < facts.total:
        return DimensionScore(0)
    observed = complexity.rank(facts.observed_growth)
    optimal = complexity.rank(facts.optimal_growth)
    anchor = _anchor(facts) + "-growth"
    if observed is not None and optimal is not None:
        gap = max(0, observed - optimal)
        value = max(10, 100 - 35 * gap)
        if gap == 0:
            return DimensionScore(
                value,
                strengths=[
                    Point(
                        f"{facts.title}: measured {facts.observed_growth}, as good as the optimal.",
                        anchor,
                    )
                ],
            )
        return DimensionScore(
            value,
            improvements=[
                Point(
                    f"{facts.title}: measured {facts.observed_growth}; the optimal is {facts.optimal_growth}.",
                    anchor,
                )
            ],
        )
    if facts.observed_growth == complexity.INCONCLUSIVE:
        # Measured, but the fit could not decide: never scored as slow on that account.
        fast = facts.time_ratio is not None and facts.time_ratio <= 2
        text = f"{facts.title}: the growth measurement was inconclusive; efficiency is not marked down for it."
        return DimensionScore(100 if fast else 70, strengths=[Point(text, anchor)])
    if facts.time_ratio is not None:
        # No growth fit: judge by the time ratio to the reference on the largest tests.
        value = (
            100 if facts.time_ratio <= 2 else max(10, round(100 - 30 * (facts.time_ratio / 2 - 1)))
        )
        return DimensionScore(value)
    return DimensionScore(70)  # correct, but nothing measured to compare


@register("code_quality")
def score_code_quality(facts: ItemFacts) -> DimensionScore:
    # Tidy code that does not work is not quality: the lint score counts in
    # proportion to the tests passed, so a constant one-liner passing none gets 0.
    if not facts.submitted or facts.total == 0:
        return DimensionScore(0)
    if not facts.compiled:
        return DimensionScore(
            0, improvements=[Point(f"{facts.title}: the code does not compile.", _anchor(facts))]
        )
    lint = 100 - 8 * facts.lint_findings - 5 * max(0, facts.max_cyclomatic - 10)
    value = round(max(0, min(100, lint)) * facts.passed / facts.total)
    anchor = _anchor(facts) + "-quality"
    if facts.lint_findings:
        return DimensionScore(
            value,
            improvements=[Point(f"{facts.title}: {facts.lint_findings} lint finding(s).", anchor)],
        )
    if facts.passed == facts.total:
        return DimensionScore(
            value,
            strengths=[Point(f"{facts.title}: correct, clean code (no lint findings).", anchor)],
        )
    return DimensionScore(value)


@register("communication")
def score_communication(facts: ItemFacts) -> DimensionScore:
    # Only a measurement can confirm a stated complexity; the optimal alone says
    # what the problem allows, not what this code does, so it earns less.
    anchor = _anchor(facts)
    if not facts.explanation.strip():
        return DimensionScore(
            0, improvements=[Point(f"{facts.title}: no explanation of the approach.", anchor)]
        )
    stated, said = complexity.stated_total(facts.explanation, per_call_problem=facts.per_call)
    if not stated:
        return DimensionScore(
            40,
            improvements=[
                Point(f"{facts.title}: the explanation states no time complexity.", anchor)
            ],
        )
    if complexity.rank(facts.observed_growth) is not None:
        measured, growth = facts.observed_growth, anchor + "-growth"
        if stated == measured:
            text = f"{facts.title}: stated {said}, matching the measurement."
            return DimensionScore(100, strengths=[Point(text, growth)])
        text = f"{facts.title}: stated {said}, but {measured} was measured."
        return DimensionScore(50, improvements=[Point(text, growth)])
    if facts.optimal_growth and stated != facts.optimal_growth:
        text = f"{facts.title}: stated {said}; the optimal is {facts.optimal_growth} (nothing was measured)."
        return DimensionScore(50, improvements=[Point(text, anchor)])
    optimal = ", the optimal" if facts.optimal_growth else ""
    text = f"{facts.title}: states its complexity ({said}{optimal}); nothing was measured to confirm it."
    return DimensionScore(70, strengths=[Point(text, anchor)])


@register("independence")
def score_independence(facts: ItemFacts) -> DimensionScore:
    # Independence is credit for progress made without help: it scales with the
    # tests passed, so a submission passing none scores 0 whatever the hints.
    if not facts.submitted or facts.total == 0:
        return DimensionScore(0)
    penalty = sum(HINT_PENALTY.get(r, 30) for r in facts.hint_rungs)
    value = round(max(0, 100 - penalty) * facts.passed / facts.total)
    if facts.hint_rungs:
        return DimensionScore(
            value,
            improvements=[
                Point(
                    f"{facts.title}: {len(facts.hint_rungs)} hint(s) revealed.",
                    f"#hint-{max(facts.hint_rungs)}",
                )
            ],
        )
    if facts.passed == facts.total:
        text = f"{facts.title}: solved without hints."
    elif facts.passed:
        text = f"{facts.title}: {facts.passed} of {facts.total} tests pass without hints."
    else:
        return DimensionScore(value)
    return DimensionScore(value, strengths=[Point(text, _anchor(facts))])


@dataclass
class Rubric:
    scores: dict[str, int]
    overall: int
    strengths: list[Point]
    improvements: list[Point]


def overall_score(scores: dict[str, int]) -> int:
    """The overall 0-100 score: the dimensions' scores weighted by WEIGHTS."""
    return round(sum(WEIGHTS[name] * scores[name] for name in WEIGHTS))


def rubric_compute(items: list[ItemFacts]) -> Rubric:
    scores: dict[str, int] = {}
    strengths: list[Point] = []
    improvements: list[Point] = []
    for name, scorer in SCORERS.items():
        results = [scorer(item) for item in items] or [DimensionScore(0)]
        scores[name] = round(sum(r.value for r in results) / len(results))
        for r in results:
            strengths.extend(r.strengths)
            improvements.extend(r.improvements)
    overall = overall_score(scores)
    return Rubric(scores=scores, overall=overall, strengths=strengths, improvements=improvements)
