"""The rubric ranks crafted interviews in the order a human interviewer would."""

from dataclasses import replace

from interviews.scoring import ItemFacts, rubric_compute
from mltools import complexity


def _overall(**facts: object) -> int:
    base = {"title": "P", "submitted": True, "passed": 10, "total": 10, "submission_id": 1}
    return rubric_compute([ItemFacts(**{**base, **facts})]).overall  # type: ignore[arg-type]


def test_correct_optimal_beats_slow_beats_partial_beats_wrong_beats_empty() -> None:
    explanation = "Hash map, one pass: O(n) time."
    optimal = _overall(observed_growth="O(n)", optimal_growth="O(n)", explanation=explanation)
    slow = _overall(
        observed_growth="O(n^2)", optimal_growth="O(n)", explanation="Two loops, O(n^2)."
    )
    partial = _overall(passed=6, explanation=explanation)
    wrong = _overall(passed=0, explanation=explanation)
    empty = rubric_compute([ItemFacts(title="P", submitted=False)]).overall
    assert optimal > slow > partial > wrong > empty
    assert empty == 0


def test_hints_lower_independence_and_the_overall_score() -> None:
    no_hints = rubric_compute([ItemFacts(title="P", submitted=True, passed=1, total=1)])
    hints = rubric_compute(
        [ItemFacts(title="P", submitted=True, passed=1, total=1, hint_rungs=(1, 2, 3))]
    )
    assert no_hints.scores["independence"] == 100
    assert hints.scores["independence"] == 40
    assert hints.overall < no_hints.overall


def test_communication_checks_the_stated_complexity_against_the_measured_one() -> None:
    def communication(text: str) -> int:
        facts = ItemFacts(
            title="P", submitted=True, passed=1, total=1, observed_growth="O(n)", explanation=text
        )
        return rubric_compute([facts]).scores["communication"]

    assert communication("It runs in O(N) time") == 100
    assert communication("It runs in O(n log n)") == 50
    assert communication("I loop over it") == 40
    assert communication("") == 0


def test_a_design_problems_cost_per_call_matches_growth_over_n_calls() -> None:
    """LRU cache, "O(1) per call", measured O(n) over n calls: a match, said as written."""
    facts = ItemFacts(
        title="LRU Cache", submitted=True, passed=18, total=18, observed_growth="O(n)",
        optimal_growth="O(n)", explanation="OrderedDict: O(1) per call.", per_call=True,
        submission_id=1,
    )  # fmt: skip
    card = rubric_compute([facts])
    assert card.scores["communication"] == 100
    texts = [p.text for p in card.strengths]
    assert "LRU Cache: stated O(1) per call, O(n) over n calls, matching the measurement." in texts
    slow = ItemFacts(**{**facts.__dict__, "explanation": "A list scan, O(n) per call."})
    assert rubric_compute([slow]).scores["communication"] == 50


def test_stated_growth_reads_common_spellings() -> None:
    assert complexity.stated_total("O(n*log(n)) overall")[0] == "O(n log n)"
    assert complexity.stated_total("time O(n²), space O(1)")[0] == "O(n^2)"
    assert complexity.stated_total("no idea")[0] == ""


def test_points_link_to_their_evidence() -> None:
    rubric = rubric_compute(
        [ItemFacts(title="P", submitted=True, passed=3, total=4, submission_id=7, hint_rungs=(1,))]
    )
    anchors = {p.evidence for p in rubric.improvements}
    assert "#submission-7" in anchors and "#hint-1" in anchors


def _every_point(rubric: object) -> list[str]:
    return [p.text for p in rubric.strengths + rubric.improvements]  # type: ignore[attr-defined]


def test_a_submission_passing_no_test_is_praised_for_nothing() -> None:
    # A one-line constant answer: lint-clean, no hints, the optimal complexity stated.
    facts = ItemFacts(
        title="P", submitted=True, passed=0, total=20, submission_id=3,
        optimal_growth="O(n)", explanation="A hash map: O(n) time.",
    )  # fmt: skip
    rubric = rubric_compute([facts])
    assert rubric.scores["independence"] == 0
    assert rubric.scores["code_quality"] == 0
    assert rubric.scores["efficiency"] == 0
    assert rubric.strengths == [] or all(
        "without hints" not in p.text and "clean" not in p.text and "matching" not in p.text
        for p in rubric.strengths
    )
    assert "P: 0 of 20 tests pass." in _every_point(rubric)


def test_a_stated_complexity_is_only_called_matching_when_it_was_measured() -> None:
    unmeasured = ItemFacts(
        title="P", submitted=True, passed=5, total=5, submission_id=3,
        optimal_growth="O(n)", explanation="O(n) time.",
    )  # fmt: skip
    rubric = rubric_compute([unmeasured])
    assert not any("measurement" in text for text in _every_point(rubric))
    assert any("nothing was measured" in p.text for p in rubric.strengths)
    assert rubric.scores["communication"] == 70
    measured = rubric_compute([ItemFacts(**{**unmeasured.__dict__, "observed_growth": "O(n)"})])
    assert measured.scores["communication"] == 100
    assert "P: stated O(n), matching the measurement." in _every_point(measured)


def test_partial_credit_scales_quality_and_independence_with_the_tests_passed() -> None:
    half = rubric_compute([ItemFacts(title="P", submitted=True, passed=5, total=10)])
    assert half.scores["code_quality"] == 50 and half.scores["independence"] == 50
    assert "P: solved without hints." not in _every_point(half)
    assert "P: 5 of 10 tests pass without hints." in _every_point(half)
    solved = rubric_compute([ItemFacts(title="P", submitted=True, passed=10, total=10)])
    assert "P: solved without hints." in _every_point(solved)


def test_an_inconclusive_growth_is_not_scored_as_slow_nor_as_a_measured_class() -> None:
    from interviews.scoring import score_communication, score_efficiency

    base = {"title": "P", "submitted": True, "passed": 4, "total": 4, "optimal_growth": "O(n)"}
    undecided = ItemFacts(**base, observed_growth="inconclusive", time_ratio=6.0)  # type: ignore[arg-type]
    slow = ItemFacts(**base, observed_growth="O(n^2)", time_ratio=6.0)  # type: ignore[arg-type]
    unmeasured = ItemFacts(**base, time_ratio=6.0)  # type: ignore[arg-type]
    assert score_efficiency(undecided).value == 70
    assert score_efficiency(undecided).value > score_efficiency(slow).value
    assert score_efficiency(undecided).value > score_efficiency(unmeasured).value
    said = replace(undecided, explanation="One pass, O(n).")
    points = " ".join(p.text for p in score_communication(said).strengths)
    assert "inconclusive" not in points and "matching the measurement" not in points
