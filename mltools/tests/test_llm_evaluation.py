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
