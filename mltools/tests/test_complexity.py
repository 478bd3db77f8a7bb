"""One vocabulary for complexity labels: every spelling people write, one class and one rank."""

from __future__ import annotations

import pytest

from mltools import complexity
from mltools.complexity import (
    CONSTANT,
    CUBIC,
    EXPONENTIAL,
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
    assert stated("no idea") == ("", "")


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
