"""Input generators derived from what a problem has: signature, tests, constraints.

`derive(...)` reads a problem's call shape (`mltools.callshape`), the values its tests
pass, and its constraint lines (`mltools.constraints`), and returns a `Derivation`: a
JSON spec of every argument, or the reason none can be built. `generator_source(spec)`
turns a spec into the `generate(n, rng)` text that `problems.judge.growth.growth_inputs`
runs, exactly as it runs a hand-written one, so the judge, the stress test and growth
need nothing new.

Decisions:
- **Types come from the tests' values first**, the annotation second: a value says
  `int` vs `float`, the alphabet of a string, whether the rows of a nested list are
  equal (a grid) or fixed-length (`[[a, b], ...]` pairs); `ListNode`/`TreeNode`
  annotations (callshape's `node_kind`) say that a list is a linked list or a tree.
  A parameter no test shows a value of, and whose annotation is not a plain type, has
  no generator ("no test shows what X holds").
- **n is the input's size.** Every top-level collection grows with n (a grid has about
  n cells; a tree or linked list n nodes; a design problem n calls), clamped to its
  constraint bounds; an integer that a length equals (`nums.length == n`) or that bounds
  values (`0 <= edges[i][j] <= n - 1`) is n itself; with no collection at all, the
  integer argument is n (`climbStairs(n)`). Other integers are drawn within their bounds,
  which may name lengths (`1 <= k <= nums.length`).
- **Bounds:** constraints first; a relation the tests always keep when the constraints
  say nothing (`k <= len(nums)`, values that index into the list or below `n`); else the
  tests' own range. A length without an upper bound grows freely and leaves `max_n`
  unknown.
- **Families** (`FAMILIES`): random within bounds, sorted, reverse-sorted, all
  distinct, all equal, applied to each growing collection's values (a tree's "sorted"
  is a binary search tree). Families a constraint rules out ("distinct", "sorted") are
  not offered. Which one a problem uses is chosen by running its reference
  (`problems.judge.derivation`): inputs the reference rejects are discarded.
- `max_n`: the n at the largest input the constraints allow (every growing length at
  its bound), the size of the hidden stress test and of the extrapolation.
"""

from __future__ import annotations

import ast
import copy
import json
import math
import random
import re
import string
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from mltools.callshape import CallShape, ShapeError
from mltools.constraints import Constraints, Expr, number, read_constraints
from mltools.contracts import ProblemRecord

SPEC_VERSION = 1
FAMILIES = ("random", "sorted", "reversed", "distinct", "equal")
# Worst cases the classic families never build, offered beside them (never alone: an input
# that only these make, the reference rejecting every other, is no generator): every value at
# its lower or upper bound (a carry through 9, 9, ..., 9; a scan for a 1 in all 0s), two
# values alternating (every neighbour of another parity), and every argument of one type a
# copy of the first (s1 == s2: a comparison that never stops early).
WORST_CASE_FAMILIES = ("low", "high", "alternating", "copy")
DEFAULT_VALUE_RANGE = (-(10**4), 10**4)  # an int no constraint or test bounds
MAX_GROWTH_SIZE = 8192  # growth is measured at powers of two up to this (or max_n)
COORDINATE_RATIO = 1000  # an integer this much above a collection's largest length ranges values
MAX_SQUARE_SIDE = 256  # ... and a square grid (n x n: n is its side) up to this side
MIN_GROWTH_SIZES = 3
MAX_ELEMENTS = 10**6  # the largest collection a derived generator makes
ORIGIN_HAND_WRITTEN = "hand-written"
ORIGIN_DERIVED = "derived"
ORIGIN_NONE = "none"
_SCALAR = ("int", "float", "bool", "str")


class CannotDerive(ValueError):
    """The problem's inputs cannot be generated; the message is the reason, one line."""


@dataclass(frozen=True)
class Derivation:
    """A spec (JSON, see `generate_from_spec`) or the reason there is none."""

    spec: dict[str, Any] | None
    reason: str = ""
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.spec is not None


# ---------------------------------------------------------------- reading the tests


def _annotation_type(text: str) -> dict[str, Any] | None:
    """'List[List[int]]' -> a type node with no bounds; None when it is not plain."""
    t = text.replace(" ", "").replace("typing.", "")
    t = re.sub(r"^Optional\[(.*)\]$", r"\1", t)
    if t in ("int", "float", "bool", "str"):
        return {"t": t}
    m = re.fullmatch(r"(?:List|list|Sequence)\[(.*)\]", t)
    if m:
        inner = _annotation_type(m.group(1))
        return {"t": "list", "of": inner} if inner else None
    return None


def _merge_scalar(kinds: set[str]) -> str | None:
    if kinds <= {"bool"}:
        return "bool"
    if kinds <= {"int"}:
        return "int"
    if kinds <= {"int", "float"}:
        return "float"
    if kinds <= {"str"}:
        return "str"
    return None


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    if isinstance(value, list):
        return "list"
    return type(value).__name__


@dataclass
class _Seen:
    """What the tests show at one place of an argument (its values, its lengths)."""

    kinds: set[str] = field(default_factory=set)
    numbers: list[float] = field(default_factory=list)
    chars: set[str] = field(default_factory=set)
    lengths: list[int] = field(default_factory=list)  # of lists and strings here
    rows_equal: bool = True  # each list here has items of equal length
    items: _Seen | None = None


def _observe(seen: _Seen, value: Any) -> None:
    if value is None:
        return
    kind = _kind(value)
    seen.kinds.add(kind)
    if kind in ("int", "float"):
        seen.numbers.append(float(value))
    elif kind == "str":
        seen.chars.update(value)
        seen.lengths.append(len(value))
    elif kind == "list":
        seen.lengths.append(len(value))
        if seen.items is None:
            seen.items = _Seen()
        inner = [len(v) for v in value if isinstance(v, (list, str))]
        if len(set(inner)) > 1:
            seen.rows_equal = False
        for item in value:
            _observe(seen.items, item)


def _test_values(
    tests: Sequence[tuple[Sequence[Any], Mapping[str, Any]]], names: list[str]
) -> list[dict[str, Any]]:
    """Each test's arguments by parameter name (positional ones matched by position)."""
    out = []
    for args, kwargs in tests:
        values = {names[i]: v for i, v in enumerate(args) if i < len(names)}
        values.update({k: v for k, v in kwargs.items() if k in names})
        if len(values) == len(names):
            out.append(values)
    return out


# ---------------------------------------------------------------- building the spec


@dataclass
class _Context:
    facts: Constraints
    names: list[str]
    notes: list[str]


def _bounds(facts: Constraints, subject: str) -> tuple[list[Expr], list[Expr]]:
    return list(facts.low.get(subject, [])), list(facts.high.get(subject, []))


def _expr_list(exprs: list[Expr]) -> list[list[Any]]:
    return [e.to_json() for e in exprs]


def _number_node(
    kind: str, subject: str, seen: _Seen, ctx: _Context, name: str, node_subject: str = ""
) -> dict[str, Any]:
    lows, highs = _bounds(ctx.facts, subject)
    if node_subject:
        more_low, more_high = _bounds(ctx.facts, node_subject)
        lows, highs = lows + more_low, highs + more_high
    if kind == "bool":
        return {"t": "bool"}
    if not any(not e.subject for e in lows) or not any(not e.subject for e in highs):
        if seen.numbers:
            lo, hi = min(seen.numbers), max(seen.numbers)
            if kind == "int" and hi - lo < 10 and not highs:
                hi = lo + max(10.0, (hi - lo))  # a few values seen: allow a few more
            lows = lows or [Expr(offset=lo)]
            highs = highs or [Expr(offset=hi)]
        else:
            lows = lows or [Expr(offset=DEFAULT_VALUE_RANGE[0])]
            highs = highs or [Expr(offset=DEFAULT_VALUE_RANGE[1])]
            ctx.notes.append(f"{name}: no bound on its values; assumed {DEFAULT_VALUE_RANGE}")
    return {"t": kind, "lo": _expr_list(lows), "hi": _expr_list(highs)}


def _dim(ctx: _Context, subject: str, lengths: list[int], *, scale: bool) -> dict[str, Any]:
    lows, highs = _bounds(ctx.facts, subject)
    eq = [e for s, e in ctx.facts.equal if s == subject]
    eq += [Expr(s) for s, e in ctx.facts.equal if e.subject == subject and e.factor == 1 and e.offset == 0 and s.startswith(("len:", "var:"))]  # fmt: skip
    known = {f"{k}:{n}" for n in ctx.names for k in ("len", "len2", "var")}
    eq = [
        e for e in eq if not e.subject or e.subject in known
    ]  # `n == nums.length`: n is no parameter
    if not lows:
        lows = [Expr(offset=min(lengths) if lengths else 0)]
    if not highs and not scale:
        highs = [Expr(offset=max(lengths) if lengths else 10)]
    dim = {"lo": _expr_list(lows), "hi": _expr_list(highs), "eq": _expr_list(eq), "scale": scale}
    if scale and _fixed(dim) is not None:
        dim["scale"] = False  # `s.length == 5`: it does not grow with n
    return dim


def _string_node(
    name: str, seen: _Seen, ctx: _Context, subject: str, scale: bool
) -> dict[str, Any]:
    alphabet = ctx.facts.alphabet.get(name, "")
    if not alphabet:
        alphabet = "".join(sorted(seen.chars)) or string.ascii_lowercase
        if set(alphabet) <= set(string.ascii_lowercase) and len(alphabet) > 3:
            alphabet = string.ascii_lowercase  # a sample of words: any lowercase letter
    return {"t": "str", "len": _dim(ctx, subject, seen.lengths, scale=scale), "alphabet": alphabet}


def _node(
    name: str, seen: _Seen, annotation: dict[str, Any] | None, ctx: _Context, depth: int
) -> dict[str, Any]:
    """The type node of the values at `seen` (depth 0: the argument itself)."""
    kinds = seen.kinds - {"NoneType"}
    if not kinds and annotation is not None:
        kinds = {annotation["t"]}
    if not kinds:
        raise CannotDerive(f"no test shows what {name} holds")
    if kinds == {"list"}:
        items = seen.items or _Seen()
        inner_ann = annotation.get("of") if annotation and annotation["t"] == "list" else None
        len_subject = f"len:{name}" if depth == 0 else f"len2:{name}"
        if depth >= 2:
            raise CannotDerive(f"{name} nests lists three deep")
        item_kinds = items.kinds - {"NoneType"}
        if item_kinds == {"list"} and depth == 0:
            inner_items = items.items or _Seen()
            inner_kinds = inner_items.kinds - {"NoneType"}
            if not inner_kinds and inner_ann and inner_ann.get("of"):
                inner_kinds = {inner_ann["of"]["t"]}
            scalar = _merge_scalar(inner_kinds)
            if scalar is None:
                raise CannotDerive(f"{name}: its rows hold {sorted(inner_kinds) or 'nothing'}")
            elem = (
                _string_node(name, inner_items, ctx, f"len3:{name}", False)
                if scalar == "str"
                else _number_node(scalar, f"val:{name}", inner_items, ctx, name)
            )
            row_lengths = sorted(set(items.lengths))
            fixed = _dim(ctx, f"len2:{name}", items.lengths, scale=False)
            fixed_const = _fixed(fixed)
            if (
                seen.rows_equal
                and fixed_const is None
                and (len(row_lengths) > 1 or _has_range(fixed))
            ):
                grid: dict[str, Any] = {
                    "t": "grid",
                    "rows": _dim(ctx, len_subject, seen.lengths, scale=True),
                    "cols": _dim(ctx, f"len2:{name}", items.lengths, scale=True),
                    "of": elem,
                }
                if _square(ctx.facts, name):
                    grid["square"] = True
                return grid
            return {
                "t": "list",
                "len": _dim(ctx, len_subject, seen.lengths, scale=True),
                "of": {"t": "list", "len": fixed, "of": elem},
            }
        item = _node(name, items, inner_ann, ctx, depth + 1)
        return {
            "t": "list",
            "len": _dim(ctx, len_subject, seen.lengths, scale=depth == 0),
            "of": item,
        }
    scalar = _merge_scalar(kinds)
    if scalar is None and len(kinds) == 1:
        raise CannotDerive(f"{name} holds {kinds.pop()} values, which no generator makes")
    if scalar is None:
        raise CannotDerive(f"{name} holds values of several types ({', '.join(sorted(kinds))})")
    if scalar == "str":
        subject = f"len:{name}" if depth == 0 else f"len2:{name}"
        return _string_node(name, seen, ctx, subject, scale=depth == 0)
    subject = f"var:{name}" if depth == 0 else f"val:{name}"
    return _number_node(scalar, subject, seen, ctx, name)


def _square(facts: Constraints, name: str) -> bool:
    """Whether the constraints make grid `name` square (`n == grid.length == grid[i].length`,
    or `grid.length == grid[i].length`): its n is then its side, the variable the problem's
    own complexities are stated in (O(n^2) for a pass over an n x n grid)."""
    sides = {f"len:{name}", f"len2:{name}"}
    same: dict[str, set[str]] = {}
    for subject, expr in facts.equal:
        if expr.factor != 1 or expr.offset != 0:
            continue
        if {subject, expr.subject} == sides:
            return True
        for a, b in ((subject, expr.subject), (expr.subject, subject)):
            if a in sides and b.startswith("var:"):
                same.setdefault(b, set()).add(a)
    return any(found == sides for found in same.values())


def _fixed(dim: dict[str, Any]) -> float | None:
    lows = [e[2] for e in dim["lo"] if not e[0]]
    highs = [e[2] for e in dim["hi"] if not e[0]]
    eqs = [e[2] for e in dim["eq"] if not e[0]]
    if eqs:
        return eqs[0]
    if lows and highs and max(lows) == min(highs):
        return max(lows)
    return None


def _has_range(dim: dict[str, Any]) -> bool:
    lows = [e[2] for e in dim["lo"] if not e[0]]
    highs = [e[2] for e in dim["hi"] if not e[0]]
    return bool(highs) and (max(lows) if lows else 0) < min(highs)


def _close_equalities(facts: Constraints) -> None:
    """`n == nums.length` and `1 <= n <= 10^5`: nums.length gets n's constant bounds."""
    for _ in range(3):
        for a, expr in list(facts.equal):
            if expr.factor != 1:
                continue
            b = expr.subject
            if not b:
                facts.low.setdefault(a, []).append(expr)
                facts.high.setdefault(a, []).append(expr)
                continue
            for src, dst, off in ((b, a, expr.offset), (a, b, -expr.offset)):
                for table in (facts.low, facts.high):
                    for e in table.get(src, []):
                        if not e.subject:
                            shifted = Expr(offset=e.offset + off)
                            if shifted not in table.get(dst, []):
                                table.setdefault(dst, []).append(shifted)


def _parameter_names(shape: CallShape) -> list[str]:
    """The entry point's parameters, in order ([] for a design class or an unreadable one)."""
    try:
        method = shape.methods().get(shape.entry_point)
    except ShapeError:
        return []
    return [p for p, _ in method.params] if method else []


def _alias_sizes(facts: Constraints, params: set[str]) -> None:
    """`n == nums.length` where n is no parameter: every bound naming n names nums.length."""
    alias: dict[str, Expr] = {}
    for a, expr in facts.equal:
        if a.startswith("var:") and a[4:] not in params and expr.subject.startswith("len"):
            alias.setdefault(a, expr)
        elif (
            expr.subject.startswith("var:")
            and expr.subject[4:] not in params
            and expr.factor == 1
            and a.startswith("len")
        ):
            alias.setdefault(expr.subject, Expr(a, 1.0, -expr.offset))
    if not alias:
        return
    for table in (facts.low, facts.high):
        for key, exprs in table.items():
            table[key] = [
                Expr(
                    alias[e.subject].subject,
                    e.factor * alias[e.subject].factor,
                    e.factor * alias[e.subject].offset + e.offset,
                )
                if e.subject in alias and alias[e.subject].subject != key
                else e
                for e in exprs
            ]


def _nested_lists(
    names: list[str], tests: Sequence[tuple[Sequence[Any], Mapping[str, Any]]]
) -> set[str]:
    """The parameters (`names`, in order) the tests pass lists of lists (edge lists,
    intervals, grids)."""
    return {
        name
        for values in _test_values(tests, names)
        for name, value in values.items()
        if isinstance(value, list) and value and isinstance(value[0], list)
    }


def _element_names(
    facts: Constraints,
    params: set[str],
    text: str,
    nested: Collection[str] = (),
) -> None:
    """`roads[i].length == 2` with `0 <= ai, bi <= n - 1`: ai and bi are no parameters but
    the items of each pair, so their bounds are those of `roads`' values (an `n` that bounds
    them then grows with n: `_sizes_of`). The list is the one written `edges[i] = [ai, bi]`,
    else the one parameter whose items have a stated length or that the tests give as a
    list of lists (`nested`). The first name's bounds are taken: a weight `wi` shares the
    list but not the node range."""
    names = [
        s[4:] for s in (*facts.low, *facts.high) if s.startswith("var:") and s[4:] not in params
    ]
    if not names:
        return
    owner: dict[str, str] = {}
    for listed in re.finditer(r"\b(\w+)\[i\]\s*==?\s*\[([^\]]+)\]", text.replace("`", "")):
        for item in listed.group(2).split(","):
            owner.setdefault(item.strip(), listed.group(1))
    paired = {s[5:] for s, _ in facts.equal if s.startswith("len2:")}
    paired |= {s[5:] for s in (*facts.low, *facts.high) if s.startswith("len2:")}
    paired = (paired | set(nested)) & params

    def first_seen(name: str) -> int:
        found = re.search(rf"\b{re.escape(name)}\b", text)
        return found.start() if found else len(text)

    order = sorted(set(names), key=lambda n: (first_seen(n), n))
    for name in order:
        target = owner.get(name) or (
            next(iter(paired)) if len(paired) == 1 and re.fullmatch(r"[a-z]+i", name) else None
        )
        if target is None or target not in params:
            continue
        subject = f"val:{target}"
        if subject in facts.low or subject in facts.high:
            continue  # its own bounds, or an earlier name's
        for table in (facts.low, facts.high):
            if f"var:{name}" in table:
                table[subject] = list(table[f"var:{name}"])


def _test_relations(
    ctx: _Context, params: dict[str, dict[str, Any]], values: list[dict[str, Any]]
) -> None:
    """Bounds the constraints do not state but every test keeps: `k <= len(nums)`, values
    that index into their list or stay below an integer argument `n`."""
    collections = [n for n, p in params.items() if p["t"] in ("list", "str", "grid")]
    for name, node in params.items():
        if node["t"] == "int" and not any(not e[0] for e in node["hi"] if e in node["hi"]):
            pass
        if node["t"] == "int" and not ctx.facts.high.get(f"var:{name}"):
            for other in collections:
                pairs = [
                    (v[name], len(v[other])) for v in values if isinstance(v[other], (list, str))
                ]
                if pairs and all(0 <= a <= b for a, b in pairs) and any(a > 1 for a, _ in pairs):
                    node["hi"] = [Expr(f"len:{other}").to_json()]
                    ctx.notes.append(f"{name} <= len({other}) in every test")
                    break
        if (
            node["t"] == "list"
            and node["of"]["t"] == "int"
            and not ctx.facts.high.get(f"val:{name}")
        ):
            rows = [v[name] for v in values if isinstance(v[name], list) and v[name]]
            flat = [(x, len(r)) for r in rows for x in r if isinstance(x, int)]
            if (
                flat
                and all(0 <= x < size for x, size in flat)
                and max(size for _, size in flat) > 2
            ):
                node["of"]["lo"], node["of"]["hi"] = (
                    [["", 1.0, 0.0]],
                    [Expr(f"len:{name}", 1, -1).to_json()],
                )
                ctx.notes.append(f"{name}'s values index into it in every test")
                continue
            for other, onode in params.items():
                if onode["t"] != "int" or other == name:
                    continue
                pairs2 = [
                    (x, v[other])
                    for v in values
                    if isinstance(v[name], list)
                    for x in _flat(v[name])
                ]
                if pairs2 and all(isinstance(x, int) and 0 <= x < b for x, b in pairs2):
                    node["of"]["lo"], node["of"]["hi"] = (
                        [["", 1.0, 0.0]],
                        [Expr(f"var:{other}", 1, -1).to_json()],
                    )
                    ctx.notes.append(f"{name}'s values stay below {other} in every test")
                    break


def _flat(value: Any) -> list[Any]:
    if isinstance(value, list):
        return [x for item in value for x in _flat(item)]
    return [value]


def _sizes_of(params: dict[str, dict[str, Any]], facts: Constraints) -> set[str]:
    """The integer parameters that are n: a length equals them, values are bounded by them
    (unless they only range those values: `_coordinate`), or nothing else grows. Then n is
    the integer that bounds most of the others (`maxLength` of `1 <= minLength <= maxLength
    <= 10^5`), else the first, coordinates aside (grid sides of 10^9 beside a step count
    k <= 10^5: k)."""
    ints = [n for n, p in params.items() if p["t"] == "int"]
    growing = [n for n, p in params.items() if p["t"] in ("list", "str", "grid", "tree", "linked")]
    sizes = set()
    coordinates = set()
    for name in ints:
        subject = f"var:{name}"
        if any(e.subject == subject for _, e in facts.equal) or any(
            s == subject and e.subject.startswith("len") for s, e in facts.equal
        ):
            sizes.add(name)
        for other in growing:
            node = params[other]
            inner = node.get("of") or {}
            his = inner.get("hi", []) + (inner.get("of") or {}).get("hi", [])
            if any(h[0] == subject for h in his):
                if _coordinate(params[name], node):
                    coordinates.add(name)
                else:
                    sizes.add(name)
    if sizes or any(_grows(params[name]) for name in growing):
        return sizes
    candidates = [n for n in ints if n not in coordinates] or ints

    def bounded_by(name: str) -> int:
        return sum(
            any(h[0] == f"var:{name}" for h in params[other].get("hi", []))
            for other in ints
            if other != name
        )

    return {max(candidates, key=bounded_by)} if candidates else set()  # the first, on a tie


def _coordinate(number: dict[str, Any], collection: dict[str, Any]) -> bool:
    """Whether an integer that bounds a collection's values is a coordinate range rather than
    its count: `2 <= hBars[i] <= n + 1` with n <= 10^9 beside at most 100 bars (the bars are
    what grows; n is drawn within its bounds), unlike `0 <= edges[i][j] < n` with n <= 10^5
    nodes beside up to 10^5 edges."""
    top = _const(number.get("hi", []), min)
    dim = collection.get("len") or collection.get("rows")
    length = _dim_max(dim) if dim else None
    return top is not None and length is not None and top > COORDINATE_RATIO * length


def derive(
    *,
    shape: CallShape,
    tests: Sequence[tuple[Sequence[Any], Mapping[str, Any]]],
    constraints: str = "",
) -> Derivation:
    """A generator spec for a problem, or why there is none (never raises).

    `tests` are (args, kwargs) pairs as the judge passes them (a design test's args are
    `[ops, arg lists]`); `constraints` the problem's constraint lines (markdown or plain).
    """
    facts = read_constraints(constraints)
    _close_equalities(facts)
    names = _parameter_names(shape)
    _alias_sizes(facts, set(names))
    _element_names(facts, set(names), constraints, _nested_lists(names, tests))
    notes: list[str] = []
    try:
        if shape.entry_kind == "design":
            spec = _derive_design(shape, tests, constraints, notes)
        else:
            spec = _derive_call(shape, tests, facts, notes)
    except CannotDerive as exc:
        return Derivation(spec=None, reason=str(exc), notes=tuple(notes))
    return Derivation(spec=spec, notes=tuple(notes))


def _derive_call(
    shape: CallShape,
    tests: Sequence[tuple[Sequence[Any], Mapping[str, Any]]],
    facts: Constraints,
    notes: list[str],
) -> dict[str, Any]:
    try:
        methods = shape.methods()
    except ShapeError as exc:
        raise CannotDerive(f"the signature cannot be read: {exc}") from None
    method = methods.get(shape.entry_point)
    if method is None:
        raise CannotDerive("no signature names the entry point's parameters")
    names = [p for p, _ in method.params]
    if not names:
        raise CannotDerive("the entry point takes no argument: nothing grows")
    annotations = _annotations(shape.signature, shape.entry_point)
    values = _test_values(tests, names)
    if not values:
        raise CannotDerive("no test passes every parameter")
    ctx = _Context(facts=facts, names=names, notes=notes)
    params: dict[str, dict[str, Any]] = {}
    for name, node_kind in method.params:
        seen = _Seen()
        for v in values:
            _observe(seen, v[name])
        if node_kind in ("ListNode", "TreeNode"):
            items = seen.items or _Seen()
            kind = _merge_scalar(items.kinds - {"NoneType"}) or "int"
            elem = _number_node(kind, f"val:{name}", items, ctx, name, node_subject="val:@node")
            dim = _dim(ctx, "len:@node", seen.lengths, scale=True)
            if not dim["hi"]:
                dim = _dim(ctx, f"len:{name}", seen.lengths, scale=True)
            params[name] = {
                "t": "tree" if node_kind == "TreeNode" else "linked",
                "len": dim,
                "of": elem,
            }
            continue
        if node_kind in ("List[ListNode]", "List[TreeNode]"):
            raise CannotDerive(f"{name} is a list of {node_kind[5:-1]}s")
        params[name] = _node(name, seen, _annotation_type(annotations.get(name, "")), ctx, 0)
    _test_relations(ctx, params, values)
    sizes = _sizes_of(params, facts)
    for name in sizes:
        params[name]["size"] = True
    if not sizes and not any(_grows(p) for p in params.values()):
        raise CannotDerive("nothing in the input grows (no list, string, tree or size argument)")
    spec: dict[str, Any] = {
        "version": SPEC_VERSION,
        "kind": "call",
        "params": [{"name": n, "type": params[n]} for n in names],
        "family": "random",
    }
    spec["families"] = _families(spec, facts)
    spec["max_n"] = max_n(spec)
    if spec["max_n"] is None:
        notes.append("no constraint bounds the growing input: max_n unknown")
    return spec


def _grows(node: dict[str, Any]) -> bool:
    if node["t"] == "grid":
        return bool(node["rows"]["scale"] or node["cols"]["scale"])
    return node["t"] in ("list", "str", "tree", "linked") and bool(node["len"]["scale"])


def _annotations(signature: str, entry_point: str) -> dict[str, str]:
    text = signature.strip()
    if not text.startswith("def "):
        return {}
    try:
        func = ast.parse(text + "\n    ...").body[0]
    except SyntaxError:
        return {}
    if not isinstance(func, ast.FunctionDef) or func.name != entry_point:
        return {}
    return {a.arg: ast.unparse(a.annotation) for a in func.args.args if a.annotation is not None}


def _families(spec: dict[str, Any], facts: Constraints) -> list[str]:
    names = {p["name"] for p in spec["params"]}
    distinct = bool(names & facts.distinct)
    ordered = bool(names & facts.sorted)
    families = list(FAMILIES)
    if distinct:
        families.remove("equal")
    if ordered:
        families = [f for f in families if f not in ("random", "reversed")]
        if "sorted" not in families:
            families.insert(0, "sorted")
    spec["distinct"] = sorted(names & facts.distinct)
    spec["sorted"] = sorted(names & facts.sorted)
    if _numbers_only(spec["params"]):
        families.append("alternating")  # n's bits alternate (`_alternating_bits`)
    elif not ordered:
        others = [p for p in spec["params"] if not p["type"].get("size")]
        if any(_valued(p["type"]) for p in others if p["name"] not in facts.distinct):
            families += ["low", "high", "alternating"]
        nodes = [p["type"] for p in others]
        keys = [_type_key(node) for node in nodes if node["t"] not in _SCALAR or node["t"] == "str"]
        if len(keys) > len(set(keys)):
            families.append("copy")
    return families


def _numbers_only(params: list[dict[str, Any]]) -> bool:
    """Whether every argument is a number (no collection, no string): n is then a number."""
    return all(p["type"]["t"] in _SCALAR and p["type"]["t"] != "str" for p in params)


def _valued(node: dict[str, Any]) -> bool:
    """Whether a worst-case family of values ("low", "high", "alternating") shapes `node`: a
    string, or a list or grid of scalars (nested lists, edge lists among them, and trees keep
    random values)."""
    if node["t"] == "str":
        return True
    if node["t"] in ("list", "grid"):
        return node["of"]["t"] in _SCALAR
    return False


def _derive_design(
    shape: CallShape,
    tests: Sequence[tuple[Sequence[Any], Mapping[str, Any]]],
    constraints: str,
    notes: list[str],
) -> dict[str, Any]:
    ops: dict[str, list[list[Any]]] = {}
    ctor: list[Any] | None = None
    for args, _ in tests:
        if len(args) != 2 or not isinstance(args[0], list) or not isinstance(args[1], list):
            continue
        names, arg_lists = args
        if names and ctor is None and arg_lists:
            ctor = list(arg_lists[0])
        for name, call_args in zip(names[1:], arg_lists[1:], strict=False):
            ops.setdefault(str(name), []).append(list(call_args))
    if ctor is None or not ops:
        raise CannotDerive("no design test shows a sequence of calls")
    facts = read_constraints(constraints)
    ctx = _Context(facts=facts, names=[], notes=notes)
    specs = []
    for name, calls in sorted(ops.items()):
        arity = {len(c) for c in calls}
        if len(arity) != 1:
            raise CannotDerive(f"{name} is called with {sorted(arity)} arguments")
        types = []
        for i in range(arity.pop()):
            seen = _Seen()
            for call in calls:
                _observe(seen, call[i])
            node = _node(f"{name}[{i}]", seen, None, ctx, 1)
            if node["t"] == "int":
                lo = min(seen.numbers) if seen.numbers else 0
                node["lo"], node["hi"] = [["", 1.0, lo]], [["size", 1.0, 0.0]]
            types.append(node)
        specs.append({"name": name, "weight": len(calls), "args": types})
    stated = re.search(r"at most\s+([\d^*\s]+?)\s+calls", constraints.replace("`", ""), re.I)
    limit = number(stated.group(1)) if stated else None
    return {
        "version": SPEC_VERSION,
        "kind": "design",
        "cls": shape.entry_point,
        "ctor": ctor,
        "ops": specs,
        "family": "random",
        "families": ["random"],
        "max_n": int(limit) if limit else None,
    }


# ---------------------------------------------------------------- sizes


def _const(exprs: list[list[Any]], pick: Any) -> float | None:
    values = [e[2] for e in exprs if not e[0]]
    return pick(values) if values else None


def _dim_max(dim: dict[str, Any]) -> float | None:
    eq = _const(dim.get("eq", []), max)
    return eq if eq is not None else _const(dim["hi"], min)


def max_n(spec: dict[str, Any]) -> int | None:
    """n at the largest input the constraints allow; None when a growing length is unbounded."""
    if spec["kind"] == "design":
        return spec.get("max_n")
    biggest = 0.0
    for param in spec["params"]:
        node = param["type"]
        if node.get("size"):
            top = _const(node["hi"], min)
        elif node["t"] == "grid":
            rows, cols = _dim_max(node["rows"]), _dim_max(node["cols"])
            top = rows * cols if rows is not None and cols is not None else None
            if node.get("square") and rows is not None and cols is not None:
                top = min(rows, cols)  # n is the side
        elif node["t"] in ("list", "str", "tree", "linked") and node["len"]["scale"]:
            top = _dim_max(node["len"])
            if top is None and any(e[0] for e in node["len"]["eq"] + node["len"]["hi"]):
                continue  # its length is bounded by another's: that one bounds n
        else:
            continue
        if top is None:
            return None
        biggest = max(biggest, top)
    if biggest > MAX_ELEMENTS and any(
        p["type"]["t"] not in _SCALAR or not p["type"].get("size") for p in spec["params"]
    ):
        biggest = MAX_ELEMENTS  # a hidden test of more values than this is not sent as JSON
    return int(biggest) if biggest >= 1 else None


def growth_sizes(spec: dict[str, Any], top: int | None = None) -> list[int]:
    """Sizes to measure growth at: powers of two up to 8192 (or the largest n allowed; a
    square grid's side up to MAX_SQUARE_SIDE)."""
    square = spec["kind"] != "design" and any(p["type"].get("square") for p in spec["params"])
    cap = MAX_SQUARE_SIDE if square else MAX_GROWTH_SIZE
    top = min(top or max_n(spec) or cap, cap)
    if top >= 512:
        return [2**k for k in range(int(math.log2(top)) - 5, int(math.log2(top)) + 1)]
    low = max(2, top // 8)
    sizes = sorted({round(low * (top / low) ** (i / 5)) for i in range(6)})
    return sizes if len(sizes) >= MIN_GROWTH_SIZES else []


# ---------------------------------------------------------------- generating


def _eval(exprs: list[list[Any]], known: dict[str, float], pick: Any) -> float | None:
    values = []
    for raw in exprs:
        value = Expr.from_json(raw).value(known)
        if value is not None:
            values.append(value)
    return pick(values) if values else None


def _length(dim: dict[str, Any], n: float, known: dict[str, float], rng: random.Random) -> int:
    eq = _eval(dim.get("eq", []), known, max)
    if eq is not None:
        return max(0, min(int(eq), MAX_ELEMENTS))
    lo = _eval(dim["lo"], known, max)
    hi = _eval(dim["hi"], known, min)
    lo = 0 if lo is None else lo
    if dim["scale"]:
        value = n if hi is None else min(n, hi)
        return min(max(int(lo), int(value), 0), MAX_ELEMENTS)
    hi = lo + 10 if hi is None else hi
    return rng.randint(int(lo), max(int(lo), int(min(hi, lo + 20))))


def _range(node: dict[str, Any], known: dict[str, float]) -> tuple[float, float]:
    lo = _eval(node["lo"], known, max)
    hi = _eval(node["hi"], known, min)
    lo = DEFAULT_VALUE_RANGE[0] if lo is None else lo
    hi = max(lo, DEFAULT_VALUE_RANGE[1] if hi is None else hi)
    return lo, hi


def _values(
    node: dict[str, Any], count: int, known: dict[str, float], rng: random.Random, family: str
) -> list[Any]:
    """`count` scalars of `node`'s type, shaped by the family."""
    kind = node["t"]
    if kind == "bool":
        return [rng.random() < 0.5 for _ in range(count)]
    if kind == "str":
        return [_string(node, known, rng, "random") for _ in range(count)]
    lo, hi = _range(node, known)
    if kind == "int":
        lo_i, hi_i = math.ceil(lo), math.floor(hi)
        if family == "equal":
            return [_family_rng(family, lo_i, hi_i).randint(lo_i, hi_i)] * count
        if family == "low":
            return [lo_i] * count
        if family == "high":
            return [max(lo_i, hi_i)] * count
        if family == "alternating":
            first = _family_rng(family, lo_i, hi_i).randint(lo_i, max(lo_i, hi_i - 1))
            return [min(first + i % 2, max(lo_i, hi_i)) for i in range(count)]
        if family == "distinct" and hi_i - lo_i + 1 >= count:
            out = rng.sample(range(lo_i, hi_i + 1), count)
        else:
            out = [rng.randint(lo_i, hi_i) for _ in range(count)]
    else:
        if family == "equal":
            return [round(_family_rng(family, lo, hi).uniform(lo, hi), 5)] * count
        if family in ("low", "high", "alternating"):
            ends = (lo, hi) if family != "high" else (hi, lo)
            return [ends[i % 2] if family == "alternating" else ends[0] for i in range(count)]
        out = [round(rng.uniform(lo, hi), 5) for _ in range(count)]  # type: ignore[misc]
    if family == "sorted":
        out.sort()
    elif family == "reversed":
        out.sort(reverse=True)
    return out


def _alternating_bits(value: int) -> int:
    """The number of `value`'s bit length whose bits alternate, 1 first (0b1010...): where n
    is a number given to the code, its bits are its contents, and a scan over them that
    stops at two equal neighbours (binary-number-with-alternating-bits) runs through."""
    width = value.bit_length()
    return int(("10" * width)[:width], 2) if width else value


def _scalar(node: dict[str, Any], known: dict[str, float], draw: random.Random) -> Any:
    """A number argument that is not n (`k`, `threshold`) at the same place in its range at
    every size (`draw` is the family's, `_family_rng`): drawn afresh per size, a
    threshold of 90 at one size and 5 at the next makes the work jump at random, and a
    `k <= nums.length` drawn as a share of n keeps O(n k) work one curve."""
    share = draw.random()
    if node["t"] == "bool":
        return share < 0.5
    lo, hi = _range(node, known)
    if node["t"] == "int":
        lo_i, hi_i = math.ceil(lo), math.floor(hi)
        return lo_i + min(int(share * (hi_i - lo_i + 1)), max(hi_i - lo_i, 0))
    return round(lo + share * (hi - lo), 5)


def _family_rng(family: str, *bounds: Any) -> random.Random:
    """The draw that shapes a whole family ("equal"'s one value, "alternating"'s first): the
    same at every size, so that the family is one kind of input as n grows (all 0s at
    every size, never all 0s at one and all 1s, ending a scan at once, at the next)."""
    return random.Random(f"mockmate-family:{family}:{bounds!r}")


def _string(
    node: dict[str, Any], known: dict[str, float], rng: random.Random, family: str, n: float = 0
) -> str:
    length = _length(node["len"], n, known, rng)
    alphabet = node["alphabet"] or string.ascii_lowercase
    if family == "equal":
        return _family_rng(family, alphabet).choice(alphabet) * length
    if family == "low":
        return alphabet[0] * length
    if family == "high":
        return alphabet[-1] * length
    if family == "alternating":
        pair = alphabet[:2] if len(alphabet) > 1 else alphabet
        return (pair * (length // len(pair) + 1))[:length]
    if family == "distinct" and len(alphabet) >= length:
        return "".join(rng.sample(alphabet, length))
    chars = [rng.choice(alphabet) for _ in range(length)]
    if family == "sorted":
        chars.sort()
    elif family == "reversed":
        chars.sort(reverse=True)
    return "".join(chars)


def _tree(values: list[Any], rng: random.Random, family: str) -> list[Any]:
    """A binary tree of len(values) nodes in LeetCode's level order (None for gaps).

    "sorted" makes a binary search tree (in-order values ascending); "reversed" a path
    (each node the right child of the one before: the deepest tree); others a random shape.
    """
    count = len(values)
    if not count:
        return []
    left = [-1] * count
    right = [-1] * count
    if family == "reversed":
        for i in range(count - 1):
            right[i] = i + 1
        order = list(range(count))
    else:
        # random shape: each new node hangs on a random free child slot
        free = [(0, 0), (0, 1)]
        for i in range(1, count):
            j = rng.randrange(len(free))
            parent, side = free[j]
            free[j] = free[-1]
            free.pop()
            (left if side == 0 else right)[parent] = i
            free += [(i, 0), (i, 1)]
        order = list(range(count))
    vals = list(values)
    if family == "sorted":
        vals.sort()
        inorder: list[int] = []
        stack: list[int] = []
        node = 0
        while stack or node != -1:
            while node != -1:
                stack.append(node)
                node = left[node]
            node = stack.pop()
            inorder.append(node)
            node = right[node]
        assigned = [0] * count
        for value, index in zip(vals, inorder, strict=True):
            assigned[index] = value
        vals = assigned
    out: list[Any] = []
    queue = [0]
    head = 0
    while head < len(queue):
        index = queue[head]
        head += 1
        if index == -1:
            out.append(None)
            continue
        out.append(vals[order[index]])
        queue += [left[index], right[index]]
    while out and out[-1] is None:
        out.pop()
    return out


def _collection(
    node: dict[str, Any],
    n: float,
    known: dict[str, float],
    rng: random.Random,
    family: str,
    name: str,
) -> Any:
    kind = node["t"]
    if kind == "str":
        return _string(node, known, rng, family, n)
    if kind == "grid":
        rows_dim, cols_dim = node["rows"], node["cols"]
        square = bool(node.get("square"))
        side = max(1, int(n) if square else math.isqrt(int(n)))  # n: the side, or the cells
        rows = _length(rows_dim, side, known, rng)
        known[f"len:{name}"] = rows
        cols = rows if square else _length(cols_dim, max(1, int(n) // max(rows, 1)), known, rng)
        known[f"len2:{name}"] = cols
        cells = (
            _values(node["of"], rows * cols, known, rng, family)
            if node["of"]["t"] != "str"
            else [_string(node["of"], known, rng, family) for _ in range(rows * cols)]
        )
        return [cells[r * cols : (r + 1) * cols] for r in range(rows)]
    length = _length(node["len"], n, known, rng)
    known[f"len:{name}"] = length
    if kind in ("tree", "linked"):
        known["len:@node"] = length
        values = _values(
            node["of"],
            length,
            known,
            rng,
            "random" if kind == "tree" and family != "equal" else family,
        )
        return _tree(values, rng, family) if kind == "tree" else values
    item = node["of"]
    if item["t"] in _SCALAR and item["t"] != "str":
        return _values(item, length, known, rng, family)
    if item["t"] == "str":
        each = family if family in ("low", "high", "alternating") else "random"
        words = [_string(item, known, rng, each) for _ in range(length)]
        if family == "sorted":
            words.sort()
        elif family == "reversed":
            words.sort(reverse=True)
        elif family == "equal" and words:
            words = [words[0]] * length
        elif family == "distinct":
            words = list(dict.fromkeys(words)) or words
        return words
    items: list[Any] = []
    for _ in range(length):
        size = _length(item["len"], n, known, rng)
        items.append(
            _values(item["of"], size, known, rng, "random")
            if item["of"]["t"] != "str"
            else [_string(item["of"], known, rng, "random") for _ in range(size)]
        )
    if family in ("sorted", "reversed"):
        items.sort(reverse=family == "reversed")
    elif family == "equal" and items:
        items = [list(items[0]) for _ in items]
    return items


def generate_from_spec(spec: dict[str, Any], n: int, rng: random.Random) -> list[Any]:
    """The arguments of one call at size n (a design problem: `[ops, arg lists]`)."""
    family = spec.get("family", "random")
    if spec["kind"] == "design":
        return _design(spec, n, rng)
    known: dict[str, float] = {}
    params = spec["params"]
    numbers_only = _numbers_only(params)
    for param in params:
        node = param["type"]
        if node.get("size"):
            lo, hi = _range(node, known)
            value = int(max(lo, min(n, hi)))
            if numbers_only and family == "alternating" and node["t"] == "int":
                value = max(int(lo), _alternating_bits(value))
            known[f"var:{param['name']}"] = value
    values: dict[str, Any] = {}
    pending = [p for p in params if not p["type"].get("size")]
    # collections first (integers may be bounded by their lengths), then the rest
    for param in sorted(pending, key=lambda p: p["type"]["t"] in _SCALAR):
        node, name = param["type"], param["name"]
        if node["t"] in _SCALAR and node["t"] != "str":
            values[name] = _scalar(node, known, _family_rng(family, name))
            known[f"var:{name}"] = values[name]
        else:
            own = "distinct" if name in spec.get("distinct", ()) and family == "random" else family
            original = _copied(spec, name, values) if family == "copy" else None
            if original is not None:
                values[name] = copy.deepcopy(values[original])
                for key in ("len", "len2"):
                    if f"{key}:{original}" in known:
                        known[f"{key}:{name}"] = known[f"{key}:{original}"]
            else:
                own = "random" if family == "copy" else own
                values[name] = _collection(node, n, known, rng, own, name)
            if name in spec.get("sorted", ()) and isinstance(values[name], list):
                values[name] = sorted(values[name])
    return [
        int(known[f"var:{p['name']}"]) if p["type"].get("size") else values[p["name"]]
        for p in params
    ]


def _type_key(node: dict[str, Any], depth: int = 0) -> Any:
    """What two parameters must share for one to be a copy of the other: their types, their
    values' bounds and their items' lengths; not their own lengths (`s1.length ==
    s2.length` names the other). Words of 4..50 letters are no copy of 7-letter puzzles."""
    own = json.dumps(node.get("len")) if depth else ""
    if node["t"] in _SCALAR:
        bounds = json.dumps([node.get("lo"), node.get("hi")])
        return (node["t"], node.get("alphabet"), bounds, own)
    return (node["t"], own, _type_key(node["of"], depth + 1) if "of" in node else None)


def _copied(spec: dict[str, Any], name: str, values: dict[str, Any]) -> str | None:
    """The earlier collection parameter the "copy" family copies into `name`, if any."""
    node = next(p["type"] for p in spec["params"] if p["name"] == name)
    for param in spec["params"]:
        if param["name"] == name:
            return None
        if param["name"] in values and _type_key(param["type"]) == _type_key(node):
            return str(param["name"])
    return None


def _design(spec: dict[str, Any], n: int, rng: random.Random) -> list[Any]:
    ops = spec["ops"]
    weights = [op["weight"] for op in ops]
    names = [spec["cls"]]
    arg_lists: list[list[Any]] = [list(spec["ctor"])]
    known = {"size": float(max(n, 1))}
    for _ in range(n):
        op = rng.choices(ops, weights=weights)[0]
        names.append(op["name"])
        arg_lists.append(
            [
                _values(t, 1, known, rng, "random")[0]
                if t["t"] in _SCALAR and t["t"] != "str"
                else _string(t, known, rng, "random")
                if t["t"] == "str"
                else _collection(t, 4, known, rng, "random", "x")
                for t in op["args"]
            ]
        )
    return [names, arg_lists]


def with_family(spec: dict[str, Any], family: str) -> dict[str, Any]:
    return {**spec, "family": family}


def generator_source(spec: dict[str, Any]) -> str:
    """The `generate(n, rng)` text stored on a problem for this spec (origin: derived)."""
    # One key a line, one parameter a line: readable in the admin, and the C encoder (an
    # indented dump is 10x slower, which import would feel on 2,000 problems).
    lines = []
    for key in sorted(spec):
        value = spec[key]
        if key in ("params", "ops") and isinstance(value, list):
            items = ",\n  ".join(json.dumps(v, sort_keys=True) for v in value)
            lines.append(f"{json.dumps(key)}: [\n  {items}\n ]")
        else:
            lines.append(f"{json.dumps(key)}: {json.dumps(value, sort_keys=True)}")
    text = "{\n " + ",\n ".join(lines) + "\n}"
    literal = f"r'''{text}'''" if "'''" not in text else repr(text)
    return (
        f"# Derived from the signature, tests and constraints by mltools.inputgen "
        f"(family: {spec.get('family', 'random')}).\n"
        "import json\n\n"
        "from mltools.inputgen import generate_from_spec\n\n"
        f"SPEC = json.loads({literal})\n\n\n"
        "def generate(n, rng):\n"
        "    return generate_from_spec(SPEC, n, rng)\n"
    )


def spec_of(source: str) -> dict[str, Any] | None:
    """The spec inside a derived generator's text; None for a hand-written one."""
    if "from mltools.inputgen import generate_from_spec" not in source:
        return None
    match = re.search(r"^SPEC = json\.loads\((.*?)\)$", source, re.S | re.M)
    try:
        value = json.loads(ast.literal_eval(match.group(1))) if match else None
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, dict) else None


def record_shape(record: ProblemRecord) -> CallShape:
    """How the judge calls a record's problem (its Problem row's `call_shape`)."""
    return CallShape(
        entry_kind=record.entry_kind,
        entry_point=record.entry_point,
        signature=record.signature,
        returns_argument=record.returns_argument,
    )


def record_with_generator(record: ProblemRecord) -> ProblemRecord:
    """The record with its generator's origin; one without a hand-written generator gets a
    derived one (random family, growth sizes, max_n) or the reason there is none.

    Pure and quick (no code runs): importers call it on every record. Running the
    reference on the families is `problems.judge.derivation`'s separate step.
    """
    if record.generator.strip():
        # an export read back keeps its origin (a derived generator stays derived)
        return replace(record, generator_origin=record.generator_origin or ORIGIN_HAND_WRITTEN)
    derivation = derive(
        shape=record_shape(record),
        tests=[(t.args, t.kwargs) for t in record.tests],
        constraints=record.constraints,
    )
    if derivation.spec is None:
        return replace(
            record,
            generator="",
            growth_sizes=(),
            max_size=None,
            generator_origin=ORIGIN_NONE,
            generator_note=derivation.reason,
        )
    sizes = growth_sizes(derivation.spec)
    if not sizes:
        return replace(
            record,
            generator_origin=ORIGIN_NONE,
            generator_note=f"too few sizes to measure growth (n is at most {max_n(derivation.spec)})",
        )
    return replace(
        record,
        generator=generator_source(derivation.spec),
        growth_sizes=tuple(sizes),
        max_size=derivation.spec["max_n"],
        generator_origin=ORIGIN_DERIVED,
        generator_note="; ".join(derivation.notes),
    )
