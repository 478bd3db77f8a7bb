import pytest

from problems.judge.checkers import check


def test_exact_is_strict_about_types_but_not_int_float() -> None:
    assert check("exact", [0, 1], [0, 1])
    assert not check("exact", True, 1)
    assert not check("exact", [1, 0], [0, 1])


def test_any_order_levels() -> None:
    assert check("any_order", [[3], [1, 2]], [[1, 2], [3]])
    assert not check("any_order", [[2, 1], [3]], [[1, 2], [3]])
    assert check("any_order_nested", [[2, 1], [3]], [[1, 2], [3]])


def test_any_order_keeps_each_board_as_it_is() -> None:
    boards = [[".Q..", "...Q", "Q...", "..Q."], ["..Q.", "Q...", "...Q", ".Q.."]]
    diagonal = ["Q...", ".Q..", "..Q.", "...Q"]  # every queen attacks the next
    assert check("any_order", boards[::-1], boards)
    assert not check("any_order", [diagonal, diagonal], boards)
    assert not check("any_order", [boards[0], boards[0]], boards)  # one board twice


def test_float_tolerance_is_absolute_or_relative_whichever_is_looser() -> None:
    assert check("float", 0.1 + 0.2, 0.3)
    assert not check("float", 0.31, 0.3)
    # LeetCode's 1e-5 by default: 0.16667 for 1/6 is 3.3e-6 away
    assert check("float", 0.16667, 1 / 6)
    assert not check("float", 0.16667, 1 / 6, tolerance=1e-6)
    assert not check("float", 0.1667, 1 / 6)  # 3.3e-5: outside
    # relative for large values: 1e9 * (1 + 5e-6) is 5,000 away but within 1e-5 relative
    assert check("float", 1e9 * (1 + 5e-6), 1e9)
    assert not check("float", 1e9 * (1 + 5e-5), 1e9)
    assert check("float", [0.5, 2.000001], [0.5, 2.0])
    assert not check("float", [0.5], [0.5, 2.0])


def test_none_is_not_an_empty_list() -> None:
    assert not check("exact", None, [])
    assert not check("exact", [], None)
    assert not check("any_order", None, [])
    assert not check("any_order_nested", None, [])
    assert not check("float", None, [])


def test_integers_of_any_size_compare_exactly() -> None:
    big = 10**5000 + 7
    assert check("exact", big, big)
    assert not check("exact", big + 1, big)
    assert not check("float", big + 1, big)  # too large for a float: only exact counts
    assert check("any_order", [big, 1], [1, big])


def test_unknown_checker_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown checker 'fuzzy'"):
        check("fuzzy", 1, 1)


def test_every_checker_a_document_may_name_is_one_the_judge_runs_and_the_admin_offers() -> None:
    from mltools.callshape import CHECKERS as NAMED
    from problems.judge.checkers import CHECKERS as RUN
    from problems.models import Checker

    assert set(NAMED) == set(RUN) == set(Checker.values)
