"""Argument and result conversion shared by the sandbox harness and trusted tooling.

Stdlib only: this module is copied into the sandbox next to the harness.
Tests store plain JSON values. `prepare_call` follows the problem's call shape
(`mltools.callshape.CallShape.job()`): it builds ListNode/TreeNode arguments from
lists where the problem's signature declares them (the candidate's own annotations
are used only when a problem has no signature), drives a design class through its
list of calls, and reads an in-place problem's answer from the mutated argument.
Results become plain JSON again (nodes as lists, as LeetCode writes them).

Integers are exact at any size up to `MAX_INT_DIGITS` digits: Python refuses to
convert ints of more than 4,300 digits to or from text by default, which would
make a correct big-number answer crash. The bound stays finite because the
conversion is quadratic and the host reads what the sandbox returns.
"""

from __future__ import annotations

import inspect
import sys
import types
from collections import deque
from collections.abc import Callable
from typing import Any

MAX_INT_DIGITS = 100_000


def allow_big_integers() -> None:
    """Let this process convert ints of up to MAX_INT_DIGITS digits to and from text."""
    if sys.get_int_max_str_digits() != 0:
        sys.set_int_max_str_digits(max(MAX_INT_DIGITS, sys.get_int_max_str_digits()))


allow_big_integers()
# Prepended to every bank problem's candidate code: the imports and node
# classes an interview candidate expects to find, as on common judges.
STANDARD_PREAMBLE = """\
from typing import *
import bisect
import collections
import functools
import heapq
import itertools
import math
import string
from collections import Counter, defaultdict, deque, OrderedDict
from functools import cache, lru_cache
from heapq import heappush, heappop, heapify


class ListNode:
    def __init__(self, val=0, next=None):
        self.val = val
        self.next = next


class TreeNode:
    def __init__(self, val=0, left=None, right=None):
        self.val = val
        self.left = left
        self.right = right
"""


def list_to_linked(values: list[Any] | None, node_cls: type) -> Any:
    head = None
    for value in reversed(values or []):
        head = node_cls(value, head)
    return head


def linked_to_list(head: Any, limit: int = 1_000_000) -> list[Any]:
    out: list[Any] = []
    seen: set[int] = set()
    while head is not None:
        if id(head) in seen or len(out) >= limit:
            raise ValueError("the returned linked list has a cycle or is too long")
        seen.add(id(head))
        out.append(head.val)
        head = head.next
    return out


def list_to_tree(values: list[Any] | None, node_cls: type) -> Any:
    """Build a tree from LeetCode's level-order list, where None marks a missing child."""
    if not values or values[0] is None:
        return None
    root = node_cls(values[0])
    queue = deque([root])
    i = 1
    while queue and i < len(values):
        node = queue.popleft()
        if i < len(values) and values[i] is not None:
            node.left = node_cls(values[i])
            queue.append(node.left)
        i += 1
        if i < len(values) and values[i] is not None:
            node.right = node_cls(values[i])
            queue.append(node.right)
        i += 1
    return root


def tree_to_list(root: Any, limit: int = 1_000_000) -> list[Any]:
    out: list[Any] = []
    queue = deque([root])
    while queue:
        node = queue.popleft()
        if len(out) >= limit:
            raise ValueError("the returned tree is too large")
        if node is None:
            out.append(None)
            continue
        out.append(node.val)
        queue.append(node.left)
        queue.append(node.right)
    while out and out[-1] is None:
        out.pop()
    return out


def _annotation_kind(annotation: Any) -> str | None:
    """Node kind from a candidate's own annotation (only when the problem has no signature)."""
    if annotation is inspect.Parameter.empty or annotation is inspect.Signature.empty:
        return None
    text = (annotation if isinstance(annotation, str) else repr(annotation)).replace("typing.", "")
    for name in ("ListNode", "TreeNode"):
        if name in text:
            return f"List[{name}]" if text.lower().startswith("list[") else name
    return None


def to_node(value: Any, kind: str | None, namespace: dict[str, Any]) -> Any:
    """A JSON value as the argument a parameter of node kind `kind` receives."""
    if kind is None or not (value is None or isinstance(value, list)):
        return value
    if kind.startswith("List["):
        inner = kind[5:-1]
        return [to_node(v, inner, namespace) for v in value] if isinstance(value, list) else value
    if kind not in namespace:
        return value
    if kind == "ListNode":
        return list_to_linked(value, namespace["ListNode"])
    return list_to_tree(value, namespace["TreeNode"])


def from_node(value: Any, kind: str | None) -> Any:
    """A result as JSON; None is the empty list where a ListNode/TreeNode is declared."""
    if kind is not None:
        if value is None and kind in ("ListNode", "TreeNode"):
            return []
        if kind.startswith("List[") and isinstance(value, (list, tuple)):
            return [from_node(v, kind[5:-1]) for v in value]
    return encode_result(value)


def _param_kinds(func: Any, method: dict[str, Any] | None) -> tuple[list[Any], dict[str, Any]]:
    """(kinds by position, kinds by name): the problem's when known, else the candidate's."""
    if method is not None:
        params = method["params"]
        return [kind for _, kind in params], {name: kind for name, kind in params}
    try:
        params = [
            p
            for p in inspect.signature(func).parameters.values()
            if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        ]
    except (TypeError, ValueError):
        return [], {}
    kinds = [_annotation_kind(p.annotation) for p in params]
    return kinds, {p.name: k for p, k in zip(params, kinds, strict=True)}


def _return_kind(func: Any, method: dict[str, Any] | None) -> str | None:
    if method is not None:
        return method["returns"]
    try:
        return _annotation_kind(inspect.signature(func).return_annotation)
    except (TypeError, ValueError):
        return None


def _convert(
    func: Any,
    method: dict[str, Any] | None,
    args: list[Any],
    kwargs: dict[str, Any],
    namespace: dict[str, Any],
) -> tuple[list[Any], dict[str, Any], list[Any]]:
    by_position, by_name = _param_kinds(func, method)
    kinds = [by_position[i] if i < len(by_position) else None for i in range(len(args))]
    new_args = [to_node(a, k, namespace) for a, k in zip(args, kinds, strict=True)]
    new_kwargs = {k: to_node(v, by_name.get(k), namespace) for k, v in kwargs.items()}
    return new_args, new_kwargs, kinds


def _callable(namespace: dict[str, Any], shape: dict[str, Any]) -> Any:
    name = shape["entry_point"]
    if shape["kind"] == "function":
        func = namespace.get(name)
        if not callable(func):
            raise NameError(f"no function named {name!r} is defined")
        return func
    if shape["kind"] == "design":
        cls = namespace.get(name)
        if not isinstance(cls, type):
            raise NameError(f"no class named {name!r} is defined")
        return cls
    cls = namespace.get("Solution")
    if not isinstance(cls, type):
        raise NameError("no class named 'Solution' is defined")
    func = getattr(cls(), name, None)
    if not callable(func):
        raise AttributeError(f"class Solution has no method {name!r}")
    return func


def prepare_call(
    namespace: dict[str, Any], shape: dict[str, Any], args: list[Any], kwargs: dict[str, Any]
) -> tuple[Callable[[], Any], Callable[[Any], Any]]:
    """(invoke, encode): `invoke()` makes the call (the part that is timed) and `encode(raw)`
    turns what it gave into the JSON value that is compared.

    Arguments are converted before `invoke`. For a design problem `invoke` constructs
    the class and makes every call in turn, writing out each result as it comes; an
    exception is noted with the call's index and operation. Errors in the test itself
    raise ValueError.
    """
    methods = shape.get("methods")
    target = _callable(namespace, shape)
    if shape["kind"] == "design":
        return _prepare_design(target, methods, args, namespace)
    method = methods.get(shape["entry_point"]) if methods else None
    call_args, call_kwargs, kinds = _convert(target, method, args, kwargs, namespace)
    argument = shape.get("returns_argument")
    if argument is not None:
        return _prepare_in_place(target, method, argument, call_args, call_kwargs, kinds)
    returns = _return_kind(target, method)
    return lambda: target(*call_args, **call_kwargs), lambda raw: from_node(raw, returns)


def _prepare_in_place(
    target: Any,
    method: dict[str, Any] | None,
    argument: int,
    call_args: list[Any],
    call_kwargs: dict[str, Any],
    kinds: list[Any],
) -> tuple[Callable[[], Any], Callable[[Any], Any]]:
    """The answer is argument `argument` after the call, given by position or by name."""
    if argument < len(call_args):
        kind = kinds[argument]

        def read() -> Any:
            return call_args[argument]

    else:
        names = [name for name, _ in method["params"]] if method else []
        if not names:
            try:
                names = [
                    p.name
                    for p in inspect.signature(target).parameters.values()
                    if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
                ]
            except (TypeError, ValueError):
                names = []
        name = names[argument] if argument < len(names) else None
        if name is None or name not in call_kwargs:
            raise ValueError(f"the test has no argument {argument} to read the answer from")
        kind = method["params"][argument][1] if method else None

        def read() -> Any:
            return call_kwargs[name]

    def invoke() -> Any:
        target(*call_args, **call_kwargs)
        return read()

    return invoke, lambda raw: from_node(raw, kind)


_PLAIN = frozenset({type(None), bool, int, float, str})


def _design_kinds(cls: type, op: str, spec: dict[str, Any] | None) -> tuple[list[Any], str | None]:
    """(parameter kinds by position, result kind) of method `op`, read before any call.

    The problem's signature when it has one; else the candidate's annotations, read from
    the class (a plain function's first parameter is `self`). An operation the class does
    not define statically gets no conversion: calling it raises as it always did.
    """
    if spec is not None:
        return [kind for _, kind in spec["params"]], spec["returns"]
    func = getattr(cls, op, None)
    if func is None:
        return [], None
    try:
        signature = inspect.signature(func)
    except (TypeError, ValueError):
        return [], None
    params = [
        p for p in signature.parameters.values() if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]
    if isinstance(inspect.getattr_static(cls, op, None), types.FunctionType):
        params = params[1:]
    return [_annotation_kind(p.annotation) for p in params], _annotation_kind(
        signature.return_annotation
    )


def _prepare_design(
    cls: type, methods: dict[str, Any] | None, args: list[Any], namespace: dict[str, Any]
) -> tuple[Callable[[], Any], Callable[[Any], Any]]:
    """Every argument is converted here, before `invoke`: what `invoke` runs (and the
    harness times) is the constructor, each call and an O(size of its result) copy of
    what it returned, nothing that grows with the test's other calls."""
    if not (isinstance(args, list) and len(args) == 2 and all(isinstance(a, list) for a in args)):
        raise ValueError('a design test\'s args must be [["Cls", "op", ...], [[args], ...]]')
    ops, arg_lists = args
    if not ops or len(ops) != len(arg_lists) or not all(isinstance(a, list) for a in arg_lists):
        raise ValueError("a design test needs one argument list per operation")
    if not all(isinstance(op, str) and op.isidentifier() for op in ops):
        raise ValueError("a design test's operations must be method names")

    init_args, _, _ = _convert(
        cls, methods.get("__init__") if methods else None, arg_lists[0], {}, namespace
    )
    # the calls before a private one still run: the error belongs to that call
    private = next((i for i, op in enumerate(ops) if i and op.startswith("__")), len(ops))
    kinds: dict[str, tuple[list[Any], str | None]] = {}
    calls: list[tuple[str, list[Any], str | None]] = []
    for op, op_args in zip(ops[1:private], arg_lists[1:private], strict=True):
        if op not in kinds:
            kinds[op] = _design_kinds(cls, op, methods.get(op) if methods else None)
        by_position, returns = kinds[op]
        if any(kind is not None for kind in by_position):
            op_args = [
                to_node(a, by_position[i] if i < len(by_position) else None, namespace)
                for i, a in enumerate(op_args)
            ]
        calls.append((op, op_args, returns))

    def invoke() -> list[Any]:
        # Each result is written out as it comes (as LeetCode does): a later call must not
        # change what an earlier one returned. Plain values need no copy.
        index = 0
        try:
            obj = cls(*init_args)
            results: list[Any] = [None]
            append = results.append
            for index, (op, op_args, returns) in enumerate(calls, start=1):  # noqa: B007 - read below
                value = getattr(obj, op)(*op_args)
                plain = returns is None and type(value) in _PLAIN
                append(value if plain else from_node(value, returns))
            if private < len(ops):
                index = private
                raise AttributeError(f"{ops[private]!r} is not an operation of the class")
        except BaseException as exc:  # noqa: B036 - noted, then re-raised unchanged
            if isinstance(exc, Exception):
                try:
                    exc.add_note(f"during call {index} ({ops[index]})")
                except Exception:
                    pass
            raise
        return results

    return invoke, lambda results: results


def encode_result(value: Any) -> Any:
    """Turn a returned value into plain JSON-able data (nodes become lists)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if hasattr(value, "val") and hasattr(value, "next"):
        return linked_to_list(value)
    if hasattr(value, "val") and hasattr(value, "left") and hasattr(value, "right"):
        return tree_to_list(value)
    if isinstance(value, (list, tuple)):
        return [encode_result(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((encode_result(v) for v in value), key=repr)
    if isinstance(value, dict):
        return {str(k): encode_result(v) for k, v in value.items()}
    raise TypeError(f"cannot compare a returned value of type {type(value).__name__}")


def call_in_process(
    namespace: dict[str, Any], shape: dict[str, Any], args: list[Any], kwargs: dict[str, Any]
) -> Any:
    """Call and encode as the sandbox does, in this process: for trusted code only
    (the bank's and datasets' reference solutions, in tests and tooling)."""
    invoke, encode = prepare_call(namespace, shape, args, kwargs)
    return encode(invoke())
