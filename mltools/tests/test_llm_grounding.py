"""The phrasing checker: a rewording is kept only when every claim in it is in the evidence."""

from __future__ import annotations

import pytest

from mltools.llm.grounding import check_phrasing, content_stems

BUILT = "The constraints say `1 <= len(nums) <= 10^4`, so `nums` is never empty."
EVIDENCE = (BUILT, "`1 <= len(nums) <= 10^4`")


def test_a_faithful_rewording_is_kept() -> None:
    check = check_phrasing("Per the constraints, `nums` is never empty.", evidence=EVIDENCE)
    assert check.kept and check.reasons == ()


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("", "empty"),
        ("The constraints say `nums` has at least 2 elements.", "number: 2"),
        ("`nums` is never empty, so check `target` first.", "identifier: `target`"),
        ("The list nums_sorted is never empty.", "identifier: `nums_sorted`"),
        ("Call helperFn on nums, which is never empty.", "identifier: `helperFn`"),
        ("Use sorted( on nums, which is never empty.", "identifier: `sorted(`"),
        (
            "The constraints say nums is never empty, so it runs in O(n log n).",
            "complexity: O(n log n)",
        ),
        ("The constraints say nums is never empty; your code was Accepted.", "verdict: 'accepted'"),
        ("nums is never empty:\n```\nx = 1\n```", "code"),
        ("Great question! The constraints say nums is never empty.", "untied"),
        ("The constraints say nums can be empty.", "untied"),  # same words, opposite claim
        ("Arrays are used widely in data analysis.", "untied"),
    ],
)
def test_a_new_claim_rejects_the_rewording(text: str, rule: str) -> None:
    check = check_phrasing(text, evidence=EVIDENCE)
    assert not check.kept
    assert any(reason.startswith(rule) for reason in check.reasons), check.reasons


def test_verdict_codes_are_case_sensitive_words() -> None:
    evidence = ("Your code got Wrong Answer on test 3: you're close.",)
    assert check_phrasing("Your code got Wrong Answer on test 3.", evidence=evidence).kept
    assert "verdict" in check_phrasing("It was TLE on test 3.", evidence=evidence).reasons[0]


def test_stems_meet_plurals_and_identifiers() -> None:
    assert content_stems("Placements touches wordDict") == [
        "placement", "touch", "worddict", "word", "dict",
    ]  # fmt: skip


def test_how_often_a_line_runs_must_be_the_counted_order() -> None:
    counted = "Where the time goes: lines 5-6 run about n^2 times: 8,000,000 at n = 4,000."
    kept = check_phrasing(
        "Lines 5-6 run about n^2 times: 8,000,000 at n = 4,000.", evidence=[counted]
    )
    assert kept.kept, kept.reasons
    wrong = check_phrasing(
        "Lines 5-6 run about n^3 times: 8,000,000 at n = 4,000.", evidence=[counted]
    )
    assert "count: a line running about n^3 times is not in the evidence" in wrong.reasons
    exponential = "Where the time goes: lines 3-5 run about 1.6^n times: 4,400,000 at n = 31."
    assert check_phrasing("Lines 3-5 run about 1.6^n times.", evidence=[exponential]).kept
    assert not check_phrasing("Lines 3-5 run about 2^n times.", evidence=[exponential]).kept
