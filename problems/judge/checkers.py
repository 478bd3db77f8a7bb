"""Checkers compare a returned value with the expected one, outside the sandbox.

They register by name, as DMOJ registers its checkers; a TestCase names one:
- "exact": equal JSON values; an int equals the same float, never a bool.
- "any_order": the outer list may come in any order, each element compared exactly
  (the boards of N-Queens, a list of coordinates: their insides are positions).
- "any_order_nested": every list at every level in any order (3Sum's triplets).
- "float": numbers within `tolerance`, absolute or relative, the looser (as LeetCode
  accepts); lists element by element; anything else exactly.
`None` is never `[]`: the judge writes an empty ListNode/TreeNode result as `[]`
itself (see `codec.from_node`), so the checkers need no exception for it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any, Protocol

from mltools.callshape import DEFAULT_TOLERANCE


class Checker(Protocol):
    def __call__(self, actual: Any, expected: Any, *, tolerance: float = ...) -> bool: ...


CHECKERS: dict[str, Checker] = {}


def register(name: str) -> Callable[[Checker], Checker]:
    def decorator(func: Checker) -> Checker:
        CHECKERS[name] = func
        return func

    return decorator


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@register("exact")
def exact(actual: Any, expected: Any, *, tolerance: float = DEFAULT_TOLERANCE) -> bool:
    # bool is an int in Python: True must not pass for 1 (1.0 for 1 does, as on LeetCode).
    return (
        type(actual) is type(expected)
        and _canonical(actual) == _canonical(expected)
        or (_number(actual) and _number(expected) and actual == expected)
    )


@register("any_order")
def any_order(actual: Any, expected: Any, *, tolerance: float = DEFAULT_TOLERANCE) -> bool:
    if not isinstance(actual, list) or not isinstance(expected, list):
        return exact(actual, expected)
    return sorted(map(_canonical, actual)) == sorted(map(_canonical, expected))


def _sort_nested(value: Any) -> Any:
    if isinstance(value, list):
        return sorted((_sort_nested(v) for v in value), key=_canonical)
    return value


@register("any_order_nested")
def any_order_nested(actual: Any, expected: Any, *, tolerance: float = DEFAULT_TOLERANCE) -> bool:
    return _canonical(_sort_nested(actual)) == _canonical(_sort_nested(expected))


@register("float")
def float_tolerance(actual: Any, expected: Any, *, tolerance: float = DEFAULT_TOLERANCE) -> bool:
    if isinstance(expected, list):
        return (
            isinstance(actual, list)
            and len(actual) == len(expected)
            and all(
                float_tolerance(a, e, tolerance=tolerance)
                for a, e in zip(actual, expected, strict=True)
            )
        )
    if _number(expected):
        if not _number(actual):
            return False
        try:
            return math.isclose(actual, expected, rel_tol=tolerance, abs_tol=tolerance)
        except OverflowError:  # an int too large for a float: only an exact match counts
            return actual == expected
    return exact(actual, expected)


def check(name: str, actual: Any, expected: Any, *, tolerance: float | None = None) -> bool:
    """Whether `actual` passes for `expected` under checker `name`; ValueError if unknown."""
    try:
        checker = CHECKERS[name]
    except KeyError:
        raise ValueError(
            f"unknown checker {name!r}; known: {', '.join(sorted(CHECKERS))}"
        ) from None
    return checker(
        actual, expected, tolerance=DEFAULT_TOLERANCE if tolerance is None else tolerance
    )
