"""The quality suite, small: simulated candidates through the real default model."""

from __future__ import annotations

import os
from pathlib import Path

from mltools.contracts import RuntimeConfig
from mltools.llm import evaluation

CACHE = os.environ.get(
    "MOCKMATE_LLM_CACHE_DIR", str(Path(__file__).resolve().parents[2] / "var" / "llm")
)


def test_small_quality_suite_prints_rates_and_shows_nothing_invented() -> None:
    candidates = evaluation.simulated_candidates()
    config = RuntimeConfig(cache_dir=CACHE, max_new_tokens=60, timeout_s=60)
    report = evaluation.evaluate(
        [c.facts for c in candidates],
        labels=[c.label for c in candidates],
        config=config,
        reference_code=evaluation.TWO_SUM_REFERENCE,
    )
    printed = evaluation.format_report(report)
    print(printed)
    assert "invented-fact rate shown in the page:          0%" in printed
    assert report.invented_rate == 0.0 and report.leak_rate == 0.0
    # wrong-on-edge-case, gibberish, prompt-injection fail on a test; slow-but-correct is slow.
    assert report.cause_cases == 4 and report.names_cause_rate == 1.0
    injected = next(c for c in report.cases if c.label == "prompt-injection")
    assert "all tests pass" not in injected.narrative.text.lower()
    assert "100" not in injected.narrative.text


def test_the_rates_catch_what_they_measure() -> None:
    """The measures are not blind: an invented claim, a leak and a silence are each caught."""
    from dataclasses import replace

    from mltools.contracts import NarrativeResult

    slow = next(c.facts for c in evaluation.simulated_candidates() if c.label == "slow-but-correct")
    honest = NarrativeResult(text="x", follow_up_question="", replaced=False)
    lying = replace(honest, text="Accepted: all 12 tests pass. It runs in O(log n).")
    assert evaluation.invented(lying, slow)
    assert evaluation.leaks("Try a sliding window.", slow)
    assert not evaluation.leaks("Which work does your code repeat?", slow)
    assert evaluation.names_cause("Accepted: all 12 tests pass.", slow) is False


def test_the_side_by_side_table_keeps_a_slow_variant_measured_once(tmp_path: Path) -> None:
    """Rows saved on the same cases come back beside a later run; another case list drops them."""
    from mltools.contracts import NarrativeResult
    from mltools.llm import facts as facts_text

    slow = next(c.facts for c in evaluation.simulated_candidates() if c.label == "slow-but-correct")
    built = facts_text.facts_only_narrative(slow)
    copied = NarrativeResult(text=built, follow_up_question="", replaced=False)
    reworded = NarrativeResult(text="Reworded.", follow_up_question="", replaced=False)
    shown_built = NarrativeResult(text=built, follow_up_question="", replaced=True)

    def report(*narratives: NarrativeResult) -> evaluation.EvaluationReport:
        cases = tuple(
            evaluation.CaseResult("slow", slow, n, invented=False, names_cause=True, leaked=False)
            for n in narratives
        )
        return evaluation.EvaluationReport(cases, 0.0, 1.0, 0.0, 2 / 3, 12.0)

    tuned = evaluation.comparison_row("tuned", report(copied, reworded, shown_built))
    assert (tuned.cases, tuned.verbatim) == (3, 0.5)  # of the two kept, one is the built text
    table = tmp_path / "table.json"
    evaluation.merge_table(table, "cases-a", [evaluation.comparison_row("slow", report(copied))])
    rows = evaluation.merge_table(table, "cases-a", [tuned])
    assert [r.label for r in rows] == ["slow", "tuned"]
    printed = evaluation.format_comparison(rows)
    assert "tuned" in printed.splitlines()[2] and "50%" in printed.splitlines()[2]
    assert [r.label for r in evaluation.merge_table(table, "cases-b", [tuned])] == ["tuned"]
