"""The rubric ranks crafted interviews in the order a human interviewer would."""

from interviews.scoring import ItemFacts, rubric_compute, stated_growth


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


def test_stated_growth_reads_common_spellings() -> None:
    assert stated_growth("O(n*log(n)) overall") == "O(n log n)"
    assert stated_growth("time O(n²), space O(1)") == "O(n^2)"
    assert stated_growth("no idea") == ""


def test_points_link_to_their_evidence() -> None:
    rubric = rubric_compute(
        [ItemFacts(title="P", submitted=True, passed=3, total=4, submission_id=7, hint_rungs=(1,))]
    )
    anchors = {p.evidence for p in rubric.improvements}
    assert "#submission-7" in anchors and "#hint-1" in anchors
