"""Argument and result conversion shared by the sandbox harness and trusted tooling.

Stdlib only: this module is copied into the sandbox next to the harness.
Tests store plain JSON values; a parameter annotated `ListNode` or `TreeNode`
receives a linked list / level-order binary tree built from a list, and such
return values are turned back into lists before comparison (as LeetCode does).
"""

from __future__ import annotations

import inspect
from collections import deque
from typing import Any

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


def _node_kind(annotation: Any) -> str | None:
    text = annotation if isinstance(annotation, str) else repr(annotation)
    if "ListNode" in text:
        return "list"
    if "TreeNode" in text:
        return "tree"
    return None


def convert_args(
    func: Any, args: list[Any], kwargs: dict[str, Any], namespace: dict[str, Any]
) -> tuple[list[Any], dict[str, Any]]:
    """Turn list values into ListNode/TreeNode where the signature asks for them."""
    try:
        params = list(inspect.signature(func).parameters.values())
    except (TypeError, ValueError):
        return list(args), dict(kwargs)
    builders = {
        "list": lambda v: list_to_linked(v, namespace["ListNode"]),
        "tree": lambda v: list_to_tree(v, namespace["TreeNode"]),
    }

    def convert(param: inspect.Parameter, value: Any) -> Any:
        kind = _node_kind(param.annotation)
        if kind is None:
            return value
        node_cls = "ListNode" if kind == "list" else "TreeNode"
        if node_cls not in namespace or not (value is None or isinstance(value, list)):
            return value
        annotation = (
            param.annotation if isinstance(param.annotation, str) else repr(param.annotation)
        )
        if annotation.replace("typing.", "").lower().startswith("list[") and isinstance(
            value, list
        ):
            # List[ListNode]: each element is a list of values
            return [builders[kind](v) for v in value]
        return builders[kind](value)

    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    new_args = [convert(positional[i], a) if i < len(positional) else a for i, a in enumerate(args)]
    by_name = {p.name: p for p in params}
    new_kwargs = {k: convert(by_name[k], v) if k in by_name else v for k, v in kwargs.items()}
    return new_args, new_kwargs


def encode_returned(func: Any, value: Any) -> Any:
    """encode_result, where a function declared to return a ListNode/TreeNode that
    returns None gives the empty list (LeetCode writes an empty list or tree as [])."""
    if value is None:
        try:
            annotation = inspect.signature(func).return_annotation
        except (TypeError, ValueError):
            annotation = None
        if annotation is not None and _node_kind(annotation) is not None:
            return []
    return encode_result(value)


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
