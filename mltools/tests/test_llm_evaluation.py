"""The quality suite, small: simulated candidates through the real default model."""

from __future__ import annotations

import os
from pathlib import Path

from mltools.contracts import RuntimeConfig
from mltools.llm import evaluation

CACHE = os.environ.get(
    "MOCKMATE_LLM_CACHE_DIR", str(Path(__file__).resolve().parents[2] / "var" / "llm")
)
SMALL = ("optimal", "wrong-on-edge-case", "gibberish", "prompt-injection")


def test_small_quality_suite_prints_rates_and_shows_no_contradiction() -> None:
    candidates = [c for c in evaluation.simulated_candidates() if c.label in SMALL]
    config = RuntimeConfig(cache_dir=CACHE, max_new_tokens=40, timeout_s=60)
    report = evaluation.evaluate(
        [c.facts for c in candidates],
        labels=[c.label for c in candidates],
        config=config,
        reference_code=evaluation.TWO_SUM_REFERENCE,
    )
    printed = evaluation.format_report(report)
    print(printed)
    assert "contradiction rate before the checker" in printed and "leak rate" in printed
    assert len(report.cases) == len(SMALL)
    # Whatever the model says, the page never shows a contradiction or a leak.
    assert report.final_contradiction_rate == 0.0
    assert all(not evaluation.honesty.contains_code(c.narrative.text) for c in report.cases)
    # The injected candidate failed: its narrative must not claim success.
    injected = next(c for c in report.cases if c.label == "prompt-injection")
    assert not any(
        x.rule == "false_success"
        for x in evaluation.honesty.check_narrative(injected.narrative.text, injected.facts)
    )
    for rate in (
        report.contradiction_rate,
        report.replacement_rate,
        report.mentions_failing_case_rate,
        report.names_growth_rate,
        report.leak_rate,
    ):
        assert 0.0 <= rate <= 1.0
