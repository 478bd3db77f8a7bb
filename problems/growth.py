"""Growth's Django side: a problem's reference growth (measured once, stored) and the
comparison of a candidate's code with it, with the lines that cost the time.

    problem_growth_compare(problem=problem, code=code)
    -> {"observed": "O(n^2)", "optimal": "O(n)", "inconclusive": False, "slower_class": True,
        "sentence": "Observed ~O(n^2), ...", "time_ratio": 41.0,
        "hot_lines": [{"first": 5, "last": 6, "order": "O(n^2)", "count": 8000000, ...}],
        "slower": True, "lines": {"at_n": 2000, "ratio": 41.0, "sentence": ...}, ...}

The problem bank owns this: the reference is measured once per (code, generator,
sizes) and stored on its ReferenceSolution row, so each candidate costs one
measurement, not two. Interviews only ask for the comparison (`interviews.judging`)
and store what it returns on the Submission; nothing here knows a Submission.
The measuring itself, Django-free, is `problems.judge.growth` (timing) and
`problems.judge.hotlines` (line counts).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from typing import Any

from mltools import complexity, inputgen
from problems.judge import growth, hotlines
from problems.judge.codec import STANDARD_PREAMBLE
from problems.judge.complexity import fit_growth
from problems.judge.growth import (
    GrowthComparison,
    GrowthInputs,
    GrowthReport,
    GrowthStatus,
    compare_growth,
    family_inputs,
    family_source,
    growth_inputs,
    measure_growth,
)
from problems.models import Problem, ReferenceSolution
from problems.selectors import problem_reference

REFERENCE_TRIES = 3
SLOW_RATIO = 3.0  # accepted at this many times the reference's time: count where it goes
# Over this many times the reference's time, its lines are counted against the reference's:
# many times its executions (hotlines.LINES_SLOWER_RATIO) make it slower, whatever the class.
LINES_CHECK_RATIO = 1.5


def _key(problem: Problem, code: str, family: str = "") -> str:
    blob = json.dumps(
        [code, problem.generator, problem.growth_sizes, problem.preamble, problem.max_size]
        + ([family] if family else [])
    )
    return hashlib.sha256(blob.encode()).hexdigest()


def _stored(reference: ReferenceSolution, family: str) -> dict[str, Any]:
    """What is stored of the reference's growth on the generator's own inputs (`family`
    "") or on another family of a derived generator (under "families"): {"key", "report",
    "lines"}, each where measured."""
    if not family:
        return dict(reference.growth)
    return dict((reference.growth.get("families") or {}).get(family) or {})


def _store(reference: ReferenceSolution, family: str, entry: dict[str, Any]) -> None:
    if not family:
        others = reference.growth.get("families")
        reference.growth = {**entry, **({"families": others} if others else {})}
    else:
        reference.growth = {
            **reference.growth,
            "families": {**(reference.growth.get("families") or {}), family: entry},
        }
    reference.save(update_fields=["growth"])


def _measure(
    problem: Problem,
    code: str,
    inputs: GrowthInputs,
    language: str = "python3",
    *,
    worst_case: bool = False,
) -> GrowthReport:
    return measure_growth(
        code=code,
        language=language,
        preamble=problem.preamble or STANDARD_PREAMBLE,
        shape=problem.call_shape,
        inputs=inputs,
        mem_mb=max(problem.memory_limit_mb, 256),
        max_n=problem.max_size,  # never past the constraints' largest n
        worst_case=worst_case,
    )


def reference_growth(
    problem: Problem, inputs: GrowthInputs, family: str = ""
) -> GrowthReport | None:
    """The optimal reference's growth, measured on the same inputs as the candidate
    (`family`: the derived generator's family they were made in, where the candidate's
    worst case is another than the generator's own: `growth.worst_family`).

    A measurement is stored only when it agrees with the reference's stated
    complexity (the bank's growth benchmark checks those statements); one that
    disagrees, say because the machine was busy, is measured again, up to
    REFERENCE_TRIES times, and the last one is used without being stored.
    """
    reference = problem_reference(problem=problem)
    if reference is None:
        return None
    key = _key(problem, reference.code, family)
    stored = _stored(reference, family)
    if stored.get("key") == key:
        return GrowthReport.from_dict(stored["report"])
    stated = complexity.growth_class(reference.time_complexity)
    stated = "" if stated == complexity.UNKNOWN else stated
    report = _measure(problem, reference.code, inputs)
    for _ in range(REFERENCE_TRIES - 1):
        if not stated or report.label == stated:
            break
        report = _measure(problem, reference.code, inputs)
    if not stated or report.label == stated:
        _store(reference, family, {"key": key, "report": report.to_dict()})
    elif report.status == GrowthStatus.OK and report.points:
        # Still another class: the stated one stands where the timings fit it as well
        # (noise between neighbours such as O(n) and O(n log n)); not stored either way.
        fit = fit_growth(report.points, prefer=stated)
        report = replace(report, fit=fit) if fit.known else report
    return report


def problem_growth_compare(
    *, problem: Problem, code: str, language: str = "python3"
) -> dict[str, Any]:
    """Facts for feedback: observed vs optimal class (or "inconclusive", `inconclusive`
    true), the sentence, the time ratio and, for code slower than the reference, the
    counted `hot_lines` (HotLine.to_dict each; absent or [] where nothing was counted).
    `slower` is what the feedback calls slower (`slower_than_reference`); `lines` compares
    the line executions of both codes (`hotlines.LineComparison.to_dict`) where they were
    counted, and `slower_by_lines` marks code only the counts call slower (the sentence
    then says so).

    The reference is the Python optimal one whatever the candidate's language: growth
    classes compare across languages, times do not like for like, so a ratio across
    languages is marked (`across_languages`) and said so in the sentence."""
    inputs = growth_inputs(generator_source=problem.generator, sizes=list(problem.growth_sizes))
    # on the derived generator's family that is the candidate's own worst case, where that
    # is another than the reference's; the reference is measured on it too
    candidate = _measure(problem, code, inputs, language, worst_case=True)
    if candidate.family:
        inputs = family_inputs(inputs, candidate.family)
    reference = reference_growth(problem, inputs, candidate.family)
    if reference is None:
        return {
            "observed": candidate.label,
            "inconclusive": candidate.inconclusive,
            "optimal": "",
            "sentence": f"Observed ~{candidate.label}."
            if not candidate.inconclusive
            else f"The growth measurement was inconclusive ({candidate.fit.reason}).",
            "details": {"candidate": candidate.to_dict()},
        }
    comparison = compare_growth(candidate, reference, limit_n=problem.max_size)
    counts: dict[int, dict[int, int]] = {}
    lines = None
    counted = hotlines.counting_supported(
        language=language, entry_kind=problem.call_shape.entry_kind
    )
    if counted and needs_counting(comparison):
        sizes = hotlines.count_sizes_shared(candidate.points, reference.points)
        counts = _counts(problem, code, sizes, candidate.seed, inputs.generator_source)
        lines = hotlines.compare_line_totals(
            hotlines.line_totals(counts),
            reference_line_totals(
                problem,
                [n for n in sizes if reference.time_at(n) is not None],
                candidate.family,
            ),
        )
    slower = slower_than_reference(comparison, lines)
    by_lines = slower and not comparison.slower_class
    if _as_fast_as_reference(comparison) and not slower:
        # Neighbouring classes (O(n) vs O(n log n)) are hard to tell apart over two
        # orders of magnitude, and dict-heavy O(n) code often reads as O(n log n). When
        # the times match the reference's at the largest size, the code is as
        # efficient as the optimal one: say so, rather than blame a fitting artefact.
        ratio = comparison.ratio_at_largest or 1.0
        comparison = replace(
            comparison,
            observed=comparison.optimal,
            slower_class=False,
            sentence=(
                f"Observed ~{comparison.optimal}, the same as the optimal: at n="
                f"{comparison.largest_n:,}, the largest size both ran, yours took {ratio:.2f}x "
                f"the reference's time (the fitted curve alone read {comparison.observed})."
            ),
        )
    facts = comparison.to_dict()
    facts["time_ratio"] = comparison.ratio_at_largest
    facts["slower"] = slower
    if lines is not None:
        facts["lines"] = lines.to_dict()
    if by_lines and lines is not None:
        facts["slower_by_lines"] = True
        facts["sentence"] = f"{facts['sentence'][:-1]}; {lines.sentence()}."
    slow = slower or (comparison.ratio_at_largest or 0) > SLOW_RATIO
    if slow and counts:
        at_n = candidate.largest_n or max(counts)
        facts["hot_lines"] = [h.to_dict() for h in hotlines.hot_lines(counts, at_n=at_n)]
    if language != "python3":
        facts["across_languages"] = True
        facts["sentence"] = (
            f"{facts['sentence']} (The reference is the Python solution: the time ratio "
            "compares across languages, not like for like.)"
        )
    return facts


def needs_counting(comparison: GrowthComparison) -> bool:
    """Whether the candidate's lines are worth counting: measured a slower class, or more
    than LINES_CHECK_RATIO times the reference's time at the largest size both ran."""
    return bool(comparison.slower_class) or (comparison.ratio_at_largest or 0) > LINES_CHECK_RATIO


def slower_than_reference(
    comparison: GrowthComparison, lines: hotlines.LineComparison | None
) -> bool:
    """What the feedback calls slower than the optimal.

    A slower class, unless it is the neighbouring class at the reference's speed
    (`_as_fast_as_reference`: a fitting artefact); or, whatever the classes say (the same
    class at 14-76x the time, a reference too quick to tell, a Θ(n²) pass small beside the
    rest at the sizes the constraints allow), at least `hotlines.LINES_SLOWER_RATIO` times
    the reference's line executions on the same input while over LINES_CHECK_RATIO times
    its time. The line counts take no clock, so a busy machine cannot make them up: a
    reference against itself counts exactly as many.
    """
    if comparison.slower_class and not _as_fast_as_reference(comparison):
        return True
    return (
        lines is not None
        and lines.many_more
        and (comparison.ratio_at_largest or 0) > LINES_CHECK_RATIO
    )


def _counts(
    problem: Problem, code: str, sizes: list[int], seed: int, generator: str
) -> dict[int, dict[int, int]]:
    return hotlines.measured_counts(
        code=code,
        preamble=problem.preamble or STANDARD_PREAMBLE,
        shape=problem.call_shape,
        generator_source=generator,
        sizes=sizes,
        seed=seed,
        mem_mb=max(problem.memory_limit_mb, 256),
    )


def reference_line_totals(problem: Problem, sizes: list[int], family: str = "") -> dict[int, int]:
    """The optimal reference's line executions in all at `sizes` ({n: count}), on the
    growth inputs (seed 0; `family` as for `reference_growth`); counted once per size and
    stored beside its growth."""
    reference = problem_reference(problem=problem)
    if reference is None or not sizes:
        return {}
    key = _key(problem, reference.code, family)
    entry = _stored(reference, family)
    current = entry.get("key") == key
    stored = {str(n): int(c) for n, c in (entry.get("lines") or {}).items()}
    if not current:
        stored = {}
    missing = [n for n in sizes if str(n) not in stored]
    if missing:
        generator = family_source(problem.generator, family)
        counted = hotlines.line_totals(_counts(problem, reference.code, missing, 0, generator))
        stored.update({str(n): c for n, c in counted.items()})
        if current and counted:
            _store(reference, family, {**entry, "lines": stored})
    return {n: stored[str(n)] for n in sizes if str(n) in stored}


def measure_deadline_s(problem: Problem) -> float:
    """The longest one growth comparison may take on an idle machine, in seconds.

    Both codes at every size (the extension's too), each size's calls up to its budget
    and repeats; the reference may be measured up to REFERENCE_TRIES times when it is not
    stored yet; then the line counts at a few sizes (the candidate's, and the reference's
    where they are not stored); and, for a derived generator, the counts on its families
    that choose the candidate's worst case (`growth.worst_family`).
    """
    sizes = len(problem.growth_sizes) + growth.EXTEND_STEPS
    per_code = sizes * (growth.DEFAULT_BUDGET_S + growth.DEFAULT_TARGET_S) * growth.ROUNDS + 2
    counting = 2 * (hotlines.COUNT_SIZES * hotlines.COUNT_LIMIT_S + 2)  # candidate, reference
    families = len((inputgen.spec_of(problem.generator) or {}).get("families") or ())
    choosing = (2 * families + 2) * growth.WORST_FAMILY_CALL_S + 4 if families > 1 else 0.0
    return per_code * (1 + REFERENCE_TRIES) + counting + choosing


SAME_SPEED_RATIO = 2.0


def _as_fast_as_reference(comparison: GrowthComparison) -> bool:
    ranks = (complexity.RANK.get(comparison.observed), complexity.RANK.get(comparison.optimal))
    ratio = comparison.ratio_at_largest
    return (
        None not in ranks
        and ratio is not None
        and ratio <= SAME_SPEED_RATIO
        and comparison.largest_n is not None
        and abs(ranks[0] - ranks[1]) == 1  # type: ignore[operator]
    )
