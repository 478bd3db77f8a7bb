"""Facts read from values and code, for the feedback's sentences: no model, no Django.

- `input_traits`: what is special about a test's input, computed from its values
  (empty, one element, duplicates, negative values, already sorted, all equal, the
  largest size among the problem's tests). Hidden inputs are never quoted: only
  these traits leave this module.
- `time_spent`: where the time goes, read from the code with `ast`: loops nested
  in loops (with the lines and what each one walks over), linear work hidden in a
  loop (`x in some_list`, `.index`, `sorted`, slices...), and functions that call
  themselves more than once.
- `technique_terms`: the technique names a text uses, so that feedback given before
  the interview ends can be checked for naming the solution.

Decisions:
- Traits are computed for every sized argument (list or string), named by its
  parameter name, so "`intervals` has one element" needs no guess about which
  argument matters. A trait the passing tests also had is less telling, so the
  caller orders traits the passed tests lacked first (`special_first`).
- Loop facts are structural, not a complexity claim: "the loop at lines 5-8 is
  nested in the loop at line 4" is true of the code whatever the growth; the
  measured growth, when there is one, is the claim.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

MAX_TRAITS = 3
MAX_LOOP_FACTS = 3
# An input this small runs out of time only when something never ends (even 10! steps
# fit), and its size is never what makes an answer wrong.
SMALL_INPUT = 10


# --- inputs -------------------------------------------------------------------------------


def parameter_names(signature: str) -> list[str]:
    """`def f(self, nums: List[int], k: int) -> int:` -> ["nums", "k"]."""
    try:
        tree = ast.parse(signature.strip().rstrip(":") + ": pass")
    except SyntaxError:
        return []
    func = tree.body[0]
    if not isinstance(func, ast.FunctionDef):
        return []
    return [a.arg for a in func.args.args if a.arg != "self"]


def _named_values(
    args: Sequence[Any], kwargs: dict[str, Any], names: Sequence[str]
) -> list[tuple[str, Any]]:
    named = [(names[i] if i < len(names) else f"argument {i + 1}", v) for i, v in enumerate(args)]
    return named + list(kwargs.items())


def _size(value: Any) -> int | None:
    return len(value) if isinstance(value, list | str | dict | tuple) else None


def _hashable(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    return value


def _sortable(values: list[Any]) -> bool:
    try:
        sorted(values)
    except TypeError:
        return False
    return True


def value_traits(name: str, value: Any, *, largest: int | None = None) -> list[str]:
    """Traits of one argument, each a clause about `name` ("`nums` is empty")."""
    label = f"`{name}`"
    traits: list[str] = []
    if isinstance(value, bool) or value is None:
        return traits
    if isinstance(value, int | float):
        if value < 0:
            traits.append(f"{label} is negative")
        elif value == 0:
            traits.append(f"{label} is zero")
        elif value == 1:
            traits.append(f"{label} is 1, the smallest positive value")
        if largest is not None and value == largest and value > 1:
            traits.append(f"{label} is the largest value among the tests ({value:,})")
        return traits
    size = _size(value)
    if size is None:
        return traits
    if size == 0:
        return [f"{label} is empty"]
    # Size is a cause only past a tiny input: among three samples, 6 items is "the largest"
    # but says nothing (the duplicates in it do).
    if largest is not None and size == largest and size > SMALL_INPUT:
        traits.append(f"{label} is the largest input among the tests ({size:,} items)")
    if size == 1:
        traits.append(
            f"{label} has one element"
            if not isinstance(value, str)
            else f"{label} is one character"
        )
    items = list(value.values()) if isinstance(value, dict) else list(value)
    flat = [v for v in items if not isinstance(v, list | dict)]
    keys = [_hashable(v) for v in items]
    if size > 1 and len(set(keys)) == 1:
        traits.append(f"{label} has all {size:,} elements equal")
    elif len(set(keys)) < len(keys):
        traits.append(f"{label} has duplicate values")
    numbers = [v for v in flat if isinstance(v, int | float) and not isinstance(v, bool)]
    nested_numbers = [
        x for v in items if isinstance(v, list) for x in v if isinstance(x, int | float)
    ]
    if any(v < 0 for v in numbers + nested_numbers):
        traits.append(f"{label} has negative values")
    if size > 2 and len(set(keys)) > 1 and _sortable(keys) and not isinstance(value, dict):
        if keys == sorted(keys):
            traits.append(f"{label} is already sorted")
        elif keys == sorted(keys, reverse=True):
            traits.append(f"{label} is sorted in decreasing order")
    return traits


def input_traits(
    args: Sequence[Any],
    kwargs: dict[str, Any] | None = None,
    *,
    names: Sequence[str] = (),
    largest_sizes: dict[str, int] | None = None,
) -> list[str]:
    """Every trait of one test's input; `largest_sizes` maps a parameter to its largest size."""
    traits: list[str] = []
    for name, value in _named_values(args, kwargs or {}, names):
        traits += value_traits(name, value, largest=(largest_sizes or {}).get(name))
    return traits


def largest_sizes(
    inputs: Iterable[tuple[Sequence[Any], dict[str, Any]]], names: Sequence[str]
) -> dict[str, int]:
    """The largest size of each sized parameter (the largest value of an integer one)."""
    found: dict[str, int] = {}
    for args, kwargs in inputs:
        for name, value in _named_values(args, kwargs, names):
            size = _size(value)
            if isinstance(value, int) and not isinstance(value, bool):
                size = value  # a number's "size" is its value: n = 45 is the largest n
            if size is not None:
                found[name] = max(found.get(name, 0), size)
    return found


def special_first(traits: Sequence[str], passed_traits: Sequence[Sequence[str]]) -> list[str]:
    """Traits none of the passed tests had come first; at most MAX_TRAITS."""
    seen = {t for traits_of_one in passed_traits for t in traits_of_one}
    ordered = [t for t in traits if t not in seen] + [t for t in traits if t in seen]
    return ordered[:MAX_TRAITS]


def small_input(args: Sequence[Any], kwargs: dict[str, Any] | None, names: Sequence[str]) -> str:
    """The neutral description of an input whose every size and number is at most
    SMALL_INPUT ("`head` has 5 elements"); "" for a larger one."""
    for _, value in _named_values(args, kwargs or {}, names):
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, int | float):
            if abs(value) > SMALL_INPUT:
                return ""
        elif _size(value) is None or (_size(value) or 0) > SMALL_INPUT:
            return ""
        elif any(isinstance(v, list | dict | str) and len(v) > SMALL_INPUT for v in value):
            return ""
    return describe_size(args, kwargs, names)


def describe_size(args: Sequence[Any], kwargs: dict[str, Any] | None, names: Sequence[str]) -> str:
    """A neutral description when no trait stands out: "`nums` has 4 elements", "`n` is 3"."""
    parts = []
    for name, value in _named_values(args, kwargs or {}, names):
        size = _size(value)
        if isinstance(value, int) and not isinstance(value, bool):
            parts.append(f"`{name}` is {value:,}")
        elif size is not None:
            noun = "character" if isinstance(value, str) else "element"
            parts.append(f"`{name}` has {size:,} {noun}{'s' if size != 1 else ''}")
    return ", ".join(parts[:2])


# --- code ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Loop:
    line: int
    end_line: int
    over: str  # the name it walks over, or "" when not a plain name
    parent: Loop | None = None

    def lines(self) -> str:
        return (
            f"line {self.line}"
            if self.end_line == self.line
            else f"lines {self.line}-{self.end_line}"
        )


_LINEAR_METHODS = {"index", "count", "remove", "insert"}
_LINEAR_CALLS = {"sorted", "min", "max", "sum", "list", "reversed", "any", "all"}


def _iter_name(node: ast.expr) -> str:
    """What a `for` walks over: `intervals`, `range(len(nums))` -> nums, `enumerate(s)` -> s."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return ast.unparse(node)
    if isinstance(node, ast.Call) and node.args:
        func = node.func.id if isinstance(node.func, ast.Name) else ""
        if func in ("range", "enumerate", "reversed", "sorted", "zip", "len", "list", "set"):
            first = node.args[-1] if func == "range" else node.args[0]
            return _iter_name(first)
    if isinstance(node, ast.BinOp):
        return _iter_name(node.left) or _iter_name(node.right)
    if isinstance(node, ast.Subscript):
        return _iter_name(node.value)
    return ""


class _Walker(ast.NodeVisitor):
    def __init__(self, params: set[str], looping: dict[str, int]) -> None:
        self.params = params
        self.looping = looping  # function name -> line of its first loop
        self.top: list[Loop] = []
        self.functions: list[str] = []
        self.stack: list[Loop] = []
        self.nested: list[Loop] = []
        self.hidden: list[tuple[int, str, Loop]] = []
        self.lists: set[str] = set()

    def _loop(self, node: ast.For | ast.While, over: str) -> None:
        # The iterable (or condition) is evaluated by the enclosing code, not per pass.
        self.visit(node.iter if isinstance(node, ast.For) else node.test)
        parent = self.stack[-1] if self.stack else None
        loop = Loop(node.lineno, node.end_lineno or node.lineno, over, parent)
        if parent is not None:
            self.nested.append(loop)
        else:
            self.top.append(loop)
        self.stack.append(loop)
        for child in [*node.body, *node.orelse]:
            self.visit(child)
        self.stack.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self.functions.append(node.name)
        self.generic_visit(node)
        self.functions.pop()

    def visit_For(self, node: ast.For) -> None:
        self._loop(node, _iter_name(node.iter))

    def visit_While(self, node: ast.While) -> None:
        self._loop(node, "")

    def visit_Assign(self, node: ast.Assign) -> None:
        if isinstance(node.value, ast.List | ast.ListComp) or (
            isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Name)
            and node.value.func.id == "list"
        ):
            self.lists.update(t.id for t in node.targets if isinstance(t, ast.Name))
        self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        if self.stack:
            for op, right in zip(node.ops, node.comparators, strict=False):
                if isinstance(op, ast.In | ast.NotIn) and isinstance(
                    right, ast.Name | ast.Subscript
                ):
                    name = _iter_name(right)
                    if name in self.lists or name in self.params:
                        self.hidden.append(
                            (
                                node.lineno,
                                f"`{ast.unparse(node)}` searches `{name}` one element at a time",
                                self.stack[-1],
                            )
                        )
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        if self.stack:
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in _LINEAR_METHODS:
                self.hidden.append(
                    (
                        node.lineno,
                        f"`.{func.attr}(...)` on `{ast.unparse(func.value)}` walks it again",
                        self.stack[-1],
                    )
                )
            elif (
                isinstance(func, ast.Attribute)
                and func.attr == "pop"
                and node.args
                and ast.unparse(node.args[0]) == "0"
            ):
                self.hidden.append(
                    (
                        node.lineno,
                        f"`{ast.unparse(func.value)}.pop(0)` shifts every remaining element",
                        self.stack[-1],
                    )
                )
            elif (
                isinstance(func, ast.Name)
                and func.id in self.looping
                and func.id not in self.functions
            ):
                self.hidden.append(
                    (
                        node.lineno,
                        f"`{func.id}(...)` runs its own loop (line {self.looping[func.id]}) on every pass",
                        self.stack[-1],
                    )
                )
            elif isinstance(func, ast.Attribute) and func.attr == "sort":
                self.hidden.append(
                    (
                        node.lineno,
                        f"`{ast.unparse(func.value)}.sort()` sorts again on every pass",
                        self.stack[-1],
                    )
                )
            elif isinstance(func, ast.Name) and func.id in _LINEAR_CALLS and len(node.args) == 1:
                arg = node.args[0]
                if not isinstance(arg, ast.Constant) and _iter_name(arg):
                    self.hidden.append(
                        (
                            node.lineno,
                            f"`{func.id}(...)` goes over `{_iter_name(arg)}` again",
                            self.stack[-1],
                        )
                    )
        self.generic_visit(node)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        if self.stack and isinstance(node.slice, ast.Slice) and isinstance(node.ctx, ast.Load):
            self.hidden.append(
                (
                    node.lineno,
                    f"the slice `{ast.unparse(node)}` copies part of `{_iter_name(node.value)}`",
                    self.stack[-1],
                )
            )
        self.generic_visit(node)


def _is_self_call(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Call) and (
        (isinstance(node.func, ast.Name) and node.func.id == name)
        or (isinstance(node.func, ast.Attribute) and node.func.attr == name)
    )


def _self_calls(tree: ast.AST) -> list[str]:
    """Recursion that branches: two calls of itself, or one inside a loop, with no cache."""
    found = []
    for func in ast.walk(tree):
        if not isinstance(func, ast.FunctionDef):
            continue
        cached = any(
            ast.unparse(d).split("(")[0].endswith(("cache", "lru_cache"))
            for d in func.decorator_list
        )
        if cached:
            continue
        calls = [
            n.lineno
            for n in ast.walk(func)
            if isinstance(n, ast.Call) and _is_self_call(n, func.name)
        ]
        in_loop = [
            (loop.lineno, n.lineno)
            for loop in ast.walk(func)
            if isinstance(loop, ast.For | ast.While)
            for n in ast.walk(loop)
            if isinstance(n, ast.Call) and _is_self_call(n, func.name)
        ]
        if in_loop:
            loop_line, line = in_loop[0]
            found.append(
                f"`{func.name}` calls itself at line {line}, inside the loop at line "
                f"{loop_line}, so every pass starts a new search, and nothing remembers answers "
                "already computed"
            )
        elif len(calls) >= 2:
            lines = sorted(set(calls))
            where = " and ".join(f"line {c}" for c in lines[:2])
            found.append(
                f"`{func.name}` makes {len(calls)} calls to itself ({where}), "
                "and nothing remembers answers already computed"
            )
    return found


def _looping_functions(tree: ast.AST) -> dict[str, int]:
    found = {}
    for func in ast.walk(tree):
        if isinstance(func, ast.FunctionDef):
            loops = [n.lineno for n in ast.walk(func) if isinstance(n, ast.For | ast.While)]
            if loops:
                found[func.name] = min(loops)
    return found


def time_spent(code: str) -> list[str]:
    """Where the time goes, one sentence per fact (at most MAX_LOOP_FACTS); [] when unparsable."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return []
    params = {
        a.arg for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) for a in f.args.args
    } - {"self"}
    walker = _Walker(params, _looping_functions(tree))
    walker.visit(tree)
    facts: list[str] = []
    for loop in walker.nested:
        parent = loop.parent
        assert parent is not None
        kind = "loop"
        if loop.over and loop.over == parent.over:
            over = f", both over `{loop.over}`"
        else:
            named = [f"`{x}`" for x in (loop.over, parent.over) if x]
            over = f" (over {' and '.join(named)})" if named else ""
        facts.append(
            f"The {kind} at {loop.lines()} is nested in the loop at line {parent.line}{over}."
        )
    for line, what, loop in walker.hidden:
        facts.append(f"Inside the loop at line {loop.line}, line {line}: {what}.")
    facts += [f"{s[0].upper()}{s[1:]}." for s in _self_calls(tree)]
    if not facts:  # no nesting: the single passes are where the time goes
        for loop in walker.top:
            over = f" over `{loop.over}`" if loop.over else ""
            facts.append(f"The loop at {loop.lines()} makes one pass{over}.")
    unique = list(dict.fromkeys(facts))
    return unique[:MAX_LOOP_FACTS]


# --- techniques ---------------------------------------------------------------------------

TECHNIQUES = (
    "hash map", "hash table", "hash set", "hashmap", "dictionary", "two pointers", "two-pointer",
    "sliding window", "binary search", "dynamic programming", "memoization", "memoisation",
    "heap", "priority queue", "monotonic stack", "monotonic queue", "stack", "queue", "deque",
    "prefix sum", "prefix sums", "sorting", "sort the", "sort them", "sort it", "sort by",
    "sorted by", "greedy",
    "breadth-first", "depth-first", "bfs", "dfs", "union find", "union-find", "disjoint set",
    "trie", "backtracking", "bit manipulation", "xor", "topological", "kadane", "dijkstra",
    "divide and conquer", "counting sort", "bucket", "recursion", "fast and slow",
)  # fmt: skip
_TECHNIQUE = re.compile(
    r"\b(" + "|".join(re.escape(t) for t in sorted(TECHNIQUES, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)


def technique_terms(text: str) -> set[str]:
    """The technique names in `text`, lower-cased ("two pointers", "heap")."""
    return {m.group(1).lower() for m in _TECHNIQUE.finditer(text)}


def editorial_technique(editorial: str) -> str:
    """The editorial's first bold phrase ("Sort the periods by start"), else its first sentence."""
    bold = re.search(r"\*\*([^*]{3,120})\*\*", editorial)
    if bold:
        return " ".join(bold.group(1).split()).rstrip(".")
    first = re.split(r"(?<=[.!?])\s", " ".join(editorial.split()), maxsplit=1)[0]
    return first[:160].rstrip(".")
