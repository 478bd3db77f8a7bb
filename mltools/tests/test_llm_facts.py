"""The built feedback: one fact per sentence with evidence; no technique before the end."""

from __future__ import annotations

from dataclasses import replace

from mltools.contracts import SubmissionFacts
from mltools.llm import facts
from mltools.llm.evidence import technique_terms

LOOP = "The loop at lines 6-10 is nested in the loop at line 4 (over `stretches` and `intervals`)."
SLOW = SubmissionFacts(
    verdict="AC", passed=16, total=16, problem_title="Merge Intervals",
    observed_growth="O(n^2)", optimal_growth="O(n log n)", time_ratio=40.0,
    stated_complexity="O(n log n)", time_spent=(LOOP,),
    problem_follow_up="Once the periods are sorted by start, can a single pass finish the job?",
    technique="Sort the periods by start",
)  # fmt: skip
EDGE = replace(
    SLOW, verdict="WA", passed=2, failing_test_index=3, failing_test_kind="hidden",
    failing_traits=("`intervals` has one element",), failing_traits_new=1, passed_before=2,
    observed_growth="", time_ratio=None, stated_complexity="",
)  # fmt: skip


def test_every_sentence_carries_its_evidence() -> None:
    said = facts.feedback_sentences(SLOW)
    assert all(s.text and s.evidence for s in said)
    assert [s.text for s in said][:4] == [
        "Accepted: all 16 tests pass.",
        "The running time grows as O(n^2), while the best known solution is O(n log n); on the "
        "largest tests it took 40x the reference's time.",
        "You stated O(n log n), but the measurement shows O(n^2).",
        "Where the time goes: t" + LOOP[1:],
    ]


def test_the_failing_input_trait_is_said_and_asked_about() -> None:
    text = facts.facts_only_narrative(EDGE)
    assert "Test 3, a hidden test, is the first to fail." in text
    assert "What is special about its input: `intervals` has one element; none of the 2" in text
    assert text.endswith("What should your code do when `intervals` has one element?")


def test_no_technique_before_the_end_and_the_editorial_after() -> None:
    for case in (SLOW, EDGE):
        assert not technique_terms(facts.facts_only_narrative(case)), case.verdict
        assert "editorial" not in facts.facts_only_narrative(case)
        over = facts.facts_only_narrative(replace(case, interview_over=True))
        assert over.endswith("The editorial's approach: Sort the periods by start.")
    # A slow Accepted is asked to reach the optimum in words that name no technique; the
    # bank's follow-up ("sorted by start") is not used before the end.
    assert technique_terms(SLOW.problem_follow_up) == {"sorted by"}
    question = facts.facts_follow_up(SLOW)
    assert question.startswith("Can you bring the running time from O(n^2) down to O(n log n)?")


def test_a_cost_per_call_is_said_as_written_and_passes_the_facts_checker() -> None:
    from mltools.llm import honesty

    lru = SubmissionFacts(
        verdict="AC", passed=18, total=18, problem_title="LRU Cache", observed_growth="O(n)",
        optimal_growth="O(n)", stated_complexity="O(n)",
        stated_as="O(1) per call, O(n) over n calls",
    )  # fmt: skip
    text = facts.facts_only_narrative(lru)
    assert "You stated O(1) per call, O(n) over n calls, which matches the measurement." in text
    assert "but the measurement shows" not in text
    assert honesty.check_narrative(text, lru) == []


def test_an_optimal_solution_gets_no_where_the_time_goes() -> None:
    optimal = replace(SLOW, observed_growth="O(n log n)", time_ratio=1.1)
    assert "Where the time goes" not in facts.facts_only_narrative(optimal)
    assert "O(n log n)" not in facts.facts_follow_up(optimal).split(":")[-1]


def test_the_built_text_never_trips_the_facts_checker_on_its_own_words() -> None:
    """Counts in the code facts ("2 calls") are not read as a time ratio or a test count."""
    from mltools.llm import evidence, honesty

    fib = "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n"
    slow = replace(
        SLOW, observed_growth="O(2^n)", optimal_growth="O(n)", time_ratio=180000.6,
        stated_complexity="O(2^n)", time_spent=tuple(evidence.time_spent(fib)),
    )  # fmt: skip
    text = facts.facts_only_narrative(slow)
    assert "makes 2 calls to itself" in text and "180001x" in text
    assert honesty.check_narrative(text, slow) == []


def test_the_cause_of_a_failing_design_or_in_place_test_is_named() -> None:
    """Not "`nums` is already sorted" for an answer returned instead of written into `nums`."""
    base = replace(EDGE, failing_traits=(), failing_traits_new=0, passed_before=0, passed=0)
    in_place = facts.facts_only_narrative(replace(base, unchanged_argument="nums"))
    assert "`nums` is unchanged after the call: this problem checks `nums` itself" in in_place
    assert in_place.endswith("What does your code leave in `nums` when it returns?")
    design = facts.facts_only_narrative(replace(base, failing_call="call 5 (get)"))
    assert "The first wrong result is at call 5 (get)." in design
    assert "argument" not in design


def test_a_plain_input_is_called_on_every_path_only_when_no_test_passes() -> None:
    plain = replace(EDGE, failing_traits=(), failing_shape="`nums` has 4 elements")
    assert "every input" not in facts.facts_only_narrative(replace(plain, passed=1))
    assert "every input takes" in facts.facts_only_narrative(replace(plain, passed=0))


def test_out_of_time_on_a_tiny_input_asks_whether_every_loop_ends() -> None:
    """`while True: pass` on 5 items: not "the largest input", not "repeated work per pass"."""
    stuck = replace(
        EDGE, verdict="TLE", passed=0, failing_traits=("`head` is the largest input among the tests (5 items)",),
        tle_small_input="`head` has 5 elements", time_spent=("The loop at lines 3-4 makes one pass.",),
    )  # fmt: skip
    text = facts.facts_only_narrative(stuck)
    assert "It ran out of time on a small input: `head` has 5 elements." in text
    assert "largest input" not in text
    assert text.endswith("reach its end on an input this small?")


def test_only_tiny_inputs_are_called_small() -> None:
    from mltools.llm.evidence import small_input

    assert small_input([[1, 2, 3, 4, 5]], {}, ["head"]) == "`head` has 5 elements"
    assert small_input([list(range(11))], {}, ["nums"]) == ""
    assert small_input([[1, 2], 45], {}, ["nums", "n"]) == ""  # n = 45 is no small input
    assert small_input([[[1] * 20]], {}, ["grid"]) == ""  # one row of 20 cells


def test_contrast_words_only_where_two_facts_disagree() -> None:
    """Across verdicts and growths, "but"/"while" join two facts only when they differ: a
    stated growth slower than the best agrees with a time-out; an unknown optimum compares
    nothing."""
    import itertools

    from mltools import complexity

    growths = ("", "O(n)", "O(n^2)")
    for verdict, stated, measured, optimal in itertools.product(
        ("AC", "TLE"), growths, growths, ("", "O(n)")
    ):
        case = replace(
            SLOW, verdict=verdict, stated_complexity=stated, failing_test_index=4,
            observed_growth=measured if verdict == "AC" else "", optimal_growth=optimal,
            time_ratio=None,
        )  # fmt: skip
        for sentence in facts.feedback_sentences(case):
            text = sentence.text
            if " but " not in text and ", while " not in text:
                continue
            measured_differs = bool(case.observed_growth) and stated != case.observed_growth
            slower = bool(optimal) and case.observed_growth not in ("", optimal)
            claimed_fast_yet_out = (
                verdict == "TLE"
                and bool(optimal)
                and (complexity.rank(stated) or 0) <= (complexity.rank(optimal) or 0)
            )
            assert measured_differs or slower or claimed_fast_yet_out, (case, text)


def test_a_time_out_is_set_beside_the_stated_growth_without_a_false_but() -> None:
    out = replace(EDGE, verdict="TLE", failing_traits=(), failing_test_index=5)
    slow = facts.facts_only_narrative(
        replace(out, stated_complexity="O(n^2)", optimal_growth="O(n)")
    )
    assert (
        "You stated O(n^2), slower than the best known solution's O(n), and the code ran out "
        "of time on test 5." in slow
    )
    fast = facts.facts_only_narrative(replace(out, stated_complexity="O(n)", optimal_growth="O(n)"))
    assert "You stated O(n), as fast as the best known solution, but the code ran out" in fast
    unknown = facts.facts_only_narrative(
        replace(out, stated_complexity="O(n^2)", optimal_growth="")
    )
    assert "You stated O(n^2); the code ran out of time on test 5." in unknown


def test_a_lint_finding_ends_with_one_full_stop() -> None:
    found = replace(
        SLOW, lint_findings=("line 1: 'nums' is declared but its value is never read.",)
    )
    assert "is never read.." not in facts.facts_only_narrative(found)


HOT = "lines 5-6 run about n^2 times: 8,000,000 at n = 4,000 (counted at n = 100, 200 and 400)"


def test_counted_hot_lines_replace_the_reading_of_the_code_and_pass_the_checker() -> None:
    from mltools.llm import honesty

    counted = replace(SLOW, hot_lines=(HOT,), time_spent=())
    said = [s.text for s in facts.feedback_sentences(counted)]
    assert f"Where the time goes, counted as your code ran: {HOT}." in said
    assert not any(LOOP[4:] in s for s in said)
    assert "lines 5-6" in facts.feedback_sentences(counted)[-1].text  # the question
    assert honesty.check_narrative(facts.facts_only_narrative(counted), counted) == []


def test_an_inconclusive_measurement_is_said_and_claims_no_class() -> None:
    reason = "only 3 usable sizes: at least 4, the largest 1.5x the smallest, are needed"
    undecided = replace(
        SLOW, observed_growth="inconclusive", growth_inconclusive=reason, time_ratio=None,
        time_spent=(),
    )  # fmt: skip
    text = " ".join(s.text for s in facts.feedback_sentences(undecided))
    assert f"The growth measurement was inconclusive ({reason})" in text
    assert "grows as" not in text and "the measurement shows" not in text
    assert not facts.is_slow(undecided)


def test_code_the_line_counts_call_slower_is_told_so_with_the_counts() -> None:
    from mltools.llm import honesty

    counted = (
        "at n = 8 your code executes 110,000 lines, the reference 14,000 (counted in the "
        "sandbox on the same input)"
    )
    same_class = replace(
        SLOW, observed_growth="O(2^n)", optimal_growth="O(2^n)", time_ratio=2.5,
        stated_complexity="", time_spent=(), hot_lines=(HOT,),
    )  # fmt: skip
    assert not facts.is_slow(same_class)  # the class and a 2.5x time alone do not say slower
    slower = replace(same_class, lines_compared=counted)
    assert facts.is_slow(slower)
    said = [s.text for s in facts.feedback_sentences(slower)]
    assert f"More work than the reference: {counted}." in said
    assert f"Where the time goes, counted as your code ran: {HOT}." in said
    assert honesty.check_narrative(facts.facts_only_narrative(slower), slower) == []
