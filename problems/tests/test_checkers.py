from problems.judge.checkers import check


def test_exact_is_strict_about_types_but_not_int_float() -> None:
    assert check("exact", [0, 1], [0, 1])
    assert not check("exact", True, 1)
    assert not check("exact", [1, 0], [0, 1])


def test_any_order_levels() -> None:
    assert check("any_order", [[3], [1, 2]], [[1, 2], [3]])
    assert not check("any_order", [[2, 1], [3]], [[1, 2], [3]])
    assert check("any_order_nested", [[2, 1], [3]], [[1, 2], [3]])


def test_float_tolerance() -> None:
    assert check("float", 0.1 + 0.2, 0.3)
    assert not check("float", 0.31, 0.3)


def test_an_empty_list_or_tree_may_come_back_as_none() -> None:
    assert check("exact", None, [])  # `return None` for an empty linked list, no annotation needed
    assert check("exact", [], None)  # datasets that write an empty tree as null
    assert not check("exact", None, [1])
    assert not check("exact", [0], None)
