"""Checkers compare a returned value with the expected one, outside the sandbox.

They register by name, as DMOJ registers its checkers; a TestCase names one.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

Checker = Callable[[Any, Any], bool]
CHECKERS: dict[str, Checker] = {}

FLOAT_TOLERANCE = 1e-6


def register(name: str) -> Callable[[Checker], Checker]:
    def decorator(func: Checker) -> Checker:
        CHECKERS[name] = func
        return func

    return decorator


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


@register("exact")
def exact(actual: Any, expected: Any) -> bool:
    # bool is an int in Python: True must not pass for 1, nor 1.0 for 1.
    return (
        type(actual) is type(expected)
        and _canonical(actual) == _canonical(expected)
        or (
            isinstance(actual, (int, float))
            and not isinstance(actual, bool)
            and isinstance(expected, (int, float))
            and not isinstance(expected, bool)
            and actual == expected
        )
    )


@register("any_order")
def any_order(actual: Any, expected: Any) -> bool:
    if not isinstance(actual, list) or not isinstance(expected, list):
        return exact(actual, expected)
    return sorted(map(_canonical, actual)) == sorted(map(_canonical, expected))


def _sort_nested(value: Any) -> Any:
    if isinstance(value, list):
        return sorted((_sort_nested(v) for v in value), key=_canonical)
    return value


@register("any_order_nested")
def any_order_nested(actual: Any, expected: Any) -> bool:
    return _canonical(_sort_nested(actual)) == _canonical(_sort_nested(expected))


@register("float")
def float_tolerance(actual: Any, expected: Any) -> bool:
    if isinstance(expected, list):
        return (
            isinstance(actual, list)
            and len(actual) == len(expected)
            and all(float_tolerance(a, e) for a, e in zip(actual, expected, strict=True))
        )
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        if not isinstance(actual, (int, float)) or isinstance(actual, bool):
            return False
        return math.isclose(actual, expected, rel_tol=FLOAT_TOLERANCE, abs_tol=FLOAT_TOLERANCE)
    return exact(actual, expected)


def check(name: str, actual: Any, expected: Any) -> bool:
    try:
        checker = CHECKERS[name]
    except KeyError:
        raise ValueError(
            f"unknown checker {name!r}; known: {', '.join(sorted(CHECKERS))}"
        ) from None
    if (actual is None and expected == []) or (actual == [] and expected is None):
        # An empty linked list or tree is None in Python and [] when written out
        # (as LeetCode writes it); datasets store either, and a candidate who
        # leaves out the return annotation returns None: all mean the same.
        return True
    return checker(actual, expected)
