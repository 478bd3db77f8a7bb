"""One vocabulary for complexity labels: every spelling people write, one class and one rank."""

from __future__ import annotations

import pytest

from mltools import complexity
from mltools.complexity import (
    CONSTANT,
    CUBIC,
    EXPONENTIAL,
    INCONCLUSIVE,
    LINEAR,
    LINEARITHMIC,
    LOG,
    QUADRATIC,
    UNKNOWN,
)

SPELLINGS = [
    ("O(1)", CONSTANT),
    ("O(26)", CONSTANT),
    ("o(1)", CONSTANT),
    ("O(log n)", LOG),
    ("O(logn)", LOG),
    ("O(log(n))", LOG),
    ("O(lg n)", LOG),
    ("O(log2 n)", LOG),
    ("O(n)", LINEAR),
    ("O(N)", LINEAR),
    ("O(2n)", LINEAR),
    ("O(len(s))", LINEAR),
    ("O(n + m)", LINEAR),
    ("O(V + E)", LINEAR),
    ("Θ(n)", LINEAR),
    ("O(n log n)", LINEARITHMIC),
    ("O(nlogn)", LINEARITHMIC),
    ("O(n * log(n))", LINEARITHMIC),
    ("O(N*logN)", LINEARITHMIC),
    ("O(n·log n)", LINEARITHMIC),
    ("O(n*n)", QUADRATIC),
    ("O(n²)", QUADRATIC),
    ("O(N^2)", QUADRATIC),
    ("O(n**2)", QUADRATIC),
    ("O(n2)", QUADRATIC),  # a flattened superscript
    ("O(n^2 log n)", QUADRATIC),
    ("O(n^2 + n)", QUADRATIC),
    ("O(n³)", CUBIC),
    ("o(n3)", CUBIC),
    ("O(n*n*n)", CUBIC),
    ("O(2^n)", EXPONENTIAL),
    ("O(n * 2^n)", EXPONENTIAL),
    ("O(n!)", EXPONENTIAL),
    ("O(3^n)", EXPONENTIAL),
    ("O(m*n)", UNKNOWN),  # a product of sizes is not a class of one n
    ("O(k log n)", UNKNOWN),
    ("O(sqrt(n))", UNKNOWN),
    ("O(n^4)", UNKNOWN),
    ("linear", UNKNOWN),
    ("", UNKNOWN),
]


@pytest.mark.parametrize(("text", "label"), SPELLINGS)
def test_each_spelling_is_one_class(text: str, label: str) -> None:
    assert complexity.growth_class(text) == label


def test_ranks_order_the_classes_and_agree_for_every_spelling() -> None:
    assert [complexity.rank(c) for c in complexity.CLASSES] == list(range(7))
    assert complexity.rank("O(n*n)") == complexity.rank("O(n^2)") == complexity.rank("O(N²)")
    assert complexity.rank("O(nlogn)") < complexity.rank("O(n*n)")  # type: ignore[operator]
    assert complexity.rank("O(m*n)") is None
    assert complexity.rank("unknown") is None


def test_canonical_keeps_what_is_not_a_class_comparable() -> None:
    assert complexity.canonical("O(N²)") == "O(n^2)"
    assert complexity.canonical("O(M * N)") == "O(m*n)"
    assert complexity.canonical("linear") == ""


def test_the_time_and_space_stated_in_prose() -> None:
    stated = complexity.stated_complexities
    assert stated("time O(n²), space O(1)") == (QUADRATIC, CONSTANT)
    assert stated("It is O(n*log(n)) overall") == (LINEARITHMIC, "")
    assert stated("O(m*n) cells, so O(n) in the grid's size") == (LINEAR, "")
    assert stated("Uses O(1) extra space and runs in O(n) time.") == (LINEAR, CONSTANT)
    assert stated("O(n) memory, O(n log n) runtime") == (LINEARITHMIC, LINEAR)
    assert stated("The space complexity is O(n), the time complexity O(n^2).") == (
        QUADRATIC,
        LINEAR,
    )
    # a class said to be the time wins over one that says neither
    assert stated("Brute force is O(n^3). Mine: the time complexity is O(n^2)") == (QUADRATIC, "")
    # the concluding cost, not a dismissed naive one
    assert stated(
        "Checking every pair takes O(n^2) time, too slow. With a hash map the time "
        "complexity is O(n) and the space complexity O(n)."
    ) == (LINEAR, LINEAR)
    assert stated("no idea") == ("", "")
    # a declared complexity stands against a cost said in passing after it
    assert stated(
        "The time complexity is `O(n^2)`, where n is the length of the array: for each `i`, "
        "we need `O(n)` time to find the longest subarray. The space complexity is `O(1)`."
    ) == (QUADRATIC, CONSTANT)


def test_a_class_said_of_space_is_never_compared_as_the_time() -> None:
    """A candidate who writes the space first is held to the time they stated."""
    assert complexity.stated_total("Uses O(1) extra space and runs in O(n) time.") == (
        LINEAR,
        LINEAR,
    )
    assert complexity.stated_total("space O(n); O(n log n) time") == (LINEARITHMIC, LINEARITHMIC)
    assert complexity.stated_total("only O(1) memory") == ("", "")


def test_a_design_problems_cost_per_call_is_counted_over_n_calls() -> None:
    """LRU cache "O(1) per call" is O(n) over the n calls the growth measurement makes."""

    def total(text: str) -> tuple[str, str]:
        return complexity.stated_total(text, per_call_problem=True)

    assert total("OrderedDict: O(1) per call, O(capacity) space.") == (
        LINEAR,
        "O(1) per call, O(n) over n calls",
    )
    assert total("each operation is O(log n)")[0] == LINEARITHMIC
    assert total("O(1) amortized")[0] == LINEAR
    assert total("get and put are O(1)")[0] == LINEAR  # n calls never cost O(1) in all
    assert total("a list scan: O(n) per call")[0] == QUADRATIC
    assert total("O(n) in total") == (LINEAR, LINEAR)  # said of all the calls
    assert total("no idea") == ("", "")
    # Not a design problem: what is written is what is compared.
    assert complexity.stated_total("O(1) per element") == ("O(1)", "O(1)")


@pytest.mark.parametrize(
    ("text", "written", "label", "skipped"),
    [
        ("The time complexity is `O(n)`, the space complexity `O(n)`.", "O(n)", LINEAR, ""),
        (
            "The space complexity is O(1), and the time complexity is O(N log N).",
            "O(N log N)",
            LINEARITHMIC,
            "",
        ),
        ("It is O(2^n) overall.", "O(2^n)", EXPONENTIAL, ""),
        (
            "Walking up k times is O(k) time, too slow. The time complexity is O(n log n).",
            "O(n log n)",
            LINEARITHMIC,
            "",
        ),
        (
            "Time O(m × n), where m and n are the sides; it is O(n) per row.",
            "O(m × n)",
            "",
            complexity.SEVERAL_SIZES,
        ),
        ("The time complexity is O(n + m).", "O(n + m)", "", complexity.SEVERAL_SIZES),
        ("Time O(n × log M), M the largest value.", "O(n × log M)", "", complexity.SEVERAL_SIZES),
        ("The time complexity is O(n × α(n)).", "O(n × α(n))", "", complexity.NO_CLASS),
        ("The time complexity is O(√n).", "O(√n)", "", complexity.NO_CLASS),
        (
            "The time complexity is `O(n^2)`. For each `i`, we need `O(n)` time to extend it.",
            "O(n^2)",
            QUADRATIC,
            "",
        ),
        ("Uses O(1) extra space.", "", "", complexity.NO_TIME_STATED),
        ("Sort, then walk two pointers.", "", "", complexity.NO_TIME_STATED),
    ],
)
def test_a_stated_time_is_kept_only_when_it_is_a_class_of_one_size(
    text: str, written: str, label: str, skipped: str
) -> None:
    stated = complexity.stated_time(text)
    assert (stated.written, stated.label, stated.skipped) == (written, label, skipped)


def test_size_variables_are_counted_across_sums_and_products() -> None:
    assert complexity.size_variables("O(n + m)") == {"n", "m"}
    assert complexity.size_variables("O(m*n*log(m*n))") == {"m", "n"}
    assert complexity.size_variables("O(N^2 log N)") == {"n"}
    assert complexity.size_variables("O(1)") == frozenset()


def test_inconclusive_and_unmeasured_runs_are_misses_and_every_run_counts() -> None:
    result = complexity.tally_classes(
        [
            (LINEAR, [LINEAR, LINEARITHMIC, LINEAR]),  # agrees twice, confused once, unstable
            (LINEARITHMIC, [LINEARITHMIC] * 3),
            (QUADRATIC, [INCONCLUSIVE] * 3),  # never agrees, but stable
            (CONSTANT, [CONSTANT, UNKNOWN, CONSTANT]),
        ]
    )
    assert (result.approaches, result.measurements) == (4, 12)
    assert result.agree == 7 and result.agreement == pytest.approx(7 / 12)
    assert result.inconclusive == 3 and result.inconclusive_share == pytest.approx(3 / 12)
    assert (result.linear_confused, result.linear_pairs) == (1, 6)
    assert result.stable == 2 and result.stability == pytest.approx(0.5)
    assert (
        result.table[(LINEAR, LINEARITHMIC)] == 1 and result.table[(QUADRATIC, INCONCLUSIVE)] == 3
    )


def test_only_the_neighbouring_class_is_linear_confusion() -> None:
    result = complexity.tally_classes(
        [(LINEAR, [QUADRATIC]), (LINEARITHMIC, [LINEAR]), (QUADRATIC, [LINEARITHMIC])]
    )
    assert (result.linear_confused, result.linear_pairs) == (1, 2)
    assert result.stable is None and result.stability is None  # one run says nothing of it


def test_rows_with_different_numbers_of_runs_are_refused() -> None:
    with pytest.raises(ValueError, match="different numbers of runs"):
        complexity.tally_classes([(LINEAR, [LINEAR]), (LINEAR, [LINEAR, LINEAR])])
