"""A problem's constraint lines read as facts: bounds, equalities, alphabets, distinctness.

The one home of constraint arithmetic (`number`: "3 * 10^4", "2^31 - 1"), used by the
interviewer's clarifications (`mltools.llm.clarify`, which reads bounds into sentences)
and by the input generators derived from a problem (`mltools.inputgen`, which reads
them into `Constraints`).

`read_constraints(text)` -> `Constraints`, keyed by *subjects*:
- `len:nums` the length of `nums` (`nums.length`, `len(nums)`, `n == nums.length`);
- `len2:grid` the length of each item of `grid` (`grid[i].length`, `words[i].length`);
- `val:nums` the values inside `nums` at any depth (`nums[i]`, `grid[i][j]`, `edges[i][0]`);
- `var:k` a scalar parameter (`k`, `n`);
- `len:@node` / `val:@node` a linked list's or tree's node count and node values
  ("The number of nodes in the tree is in the range [0, 10^4]", `-100 <= Node.val <= 100`).
A bound's side is an `Expr`: a constant, or a subject times a factor plus an offset
(`nums.length`, `n - 1`, `2 * n`). Lines that say something else are ignored.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from functools import lru_cache


@lru_cache(maxsize=4096)
def number(text: str) -> float | None:
    """'3 * 10^4' -> 30000.0, '2^31 - 1' -> 2147483647.0; None for anything but arithmetic."""
    source = text.strip().replace("^", "**")
    if not re.fullmatch(r"[-+*/ .\d()]+", source) or not re.search(r"\d", source):
        return None
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError:
        return None
    allowed = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Constant, ast.operator, ast.unaryop)
    if not all(isinstance(node, allowed) for node in ast.walk(tree)):
        return None
    try:
        value = _arith(tree.body)
    except (ArithmeticError, ValueError):
        return None
    return float(value)


def _arith(node: ast.expr) -> float:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return float(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_arith(node.operand)
    if isinstance(node, ast.BinOp):
        left, right = _arith(node.left), _arith(node.right)
        if isinstance(node.op, ast.Pow) and abs(right) <= 64:
            return float(left**right)
        ops = {ast.Add: left + right, ast.Sub: left - right, ast.Mult: left * right}
        if type(node.op) in ops:
            return ops[type(node.op)]
    raise ValueError("not plain arithmetic")


@dataclass(frozen=True)
class Expr:
    """`factor * subject + offset`, or the constant `offset` when `subject` is empty."""

    subject: str = ""
    factor: float = 1.0
    offset: float = 0.0

    def value(self, known: dict[str, float]) -> float | None:
        if not self.subject:
            return self.offset
        base = known.get(self.subject)
        return None if base is None else self.factor * base + self.offset

    def to_json(self) -> list[object]:
        return [self.subject, self.factor, self.offset]

    @classmethod
    def from_json(cls, data: list[object]) -> Expr:
        subject, factor, offset = data
        return cls(str(subject), float(factor), float(offset))  # type: ignore[arg-type]


@dataclass
class Constraints:
    """What the constraint lines say, by subject (see the module doc)."""

    low: dict[str, list[Expr]] = field(default_factory=dict)
    high: dict[str, list[Expr]] = field(default_factory=dict)
    equal: list[tuple[str, Expr]] = field(default_factory=list)
    alphabet: dict[str, str] = field(default_factory=dict)  # a string parameter's characters
    distinct: set[str] = field(default_factory=set)  # parameters whose values are unique
    sorted: set[str] = field(default_factory=set)  # parameters sorted ascending

    def const_high(self, subject: str) -> float | None:
        values = [e.offset for e in self.high.get(subject, []) if not e.subject]
        return min(values) if values else None

    def const_low(self, subject: str) -> float | None:
        values = [e.offset for e in self.low.get(subject, []) if not e.subject]
        return max(values) if values else None


_OPS = re.compile(r"(<=|>=|==|≤|≥|<|>|=)")
_NODE_COUNT = re.compile(
    r"number of (?:nodes|elements)\b.*?\bis\s+(?:in the range\s*)?\[\s*([^,\]]+),\s*([^\]]+)\]",
    re.I,
)
_NODE_COUNT_VAR = re.compile(r"number of nodes\b.*?\bis\s+`?([a-z]\w*)`?\s*\.?\s*$", re.I)
_NODE_VALUE_RANGE = re.compile(r"\bnode(?:'s|s'?)? values?\b.*?\[\s*([^,\]]+),\s*([^\]]+)\]", re.I)
_ALPHABETS = (
    (
        re.compile(r"lower-?case English letters|lowercase letters", re.I),
        "abcdefghijklmnopqrstuvwxyz",
    ),
    (
        re.compile(r"upper-?case English letters|uppercase letters", re.I),
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    ),
    (
        re.compile(r"(?<!lower)(?<!lower-)(?<!upper)(?<!upper-)(?<!case )English letters", re.I),
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    ),
    (re.compile(r"\bdigits\b", re.I), "0123456789"),
)


def subject(text: str) -> str | None:
    """The subject key of one side of a comparison ('nums.length' -> 'len:nums'), or None."""
    t = text.strip().strip("`").strip()
    t = re.sub(r"\s+", "", t)
    if re.fullmatch(r"(?i)node\.val", t):
        return "val:@node"
    m = re.fullmatch(r"(?:len\((\w+)\)|(\w+)\.(?:length|size\(\)|size))", t)
    if m:
        return f"len:{m.group(1) or m.group(2)}"
    m = re.fullmatch(r"(?:len\((\w+)\[\w+\]\)|(\w+)\[\w+\]\.length)", t)
    if m:
        return f"len2:{m.group(1) or m.group(2)}"
    m = re.fullmatch(r"(\w+)(?:\[[\w+\-]+\])+", t)
    if m:
        return f"val:{m.group(1)}"
    if re.fullmatch(r"[A-Za-z_]\w*", t):
        return f"var:{t}"
    return None


def expression(text: str) -> Expr | None:
    """One side of a comparison: a number or `[c *] subject [± c]`; None for anything else."""
    t = text.strip().strip("`").strip().rstrip(".").strip()
    value = number(t)
    if value is not None:
        return Expr(offset=value)
    # `2 * n`, and `2n` as written in math (a number right before a name multiplies it)
    m = re.fullmatch(r"(?:(\d+)\s*\*?\s*(?=[A-Za-z_]))?([\w.\[\]()]+?)\s*(?:([+-])\s*(\d+))?", t)
    if not m:
        return None
    key = subject(m.group(2))
    if key is None:
        return None
    factor = float(m.group(1)) if m.group(1) else 1.0
    offset = float(m.group(4)) * (-1 if m.group(3) == "-" else 1) if m.group(4) else 0.0
    return Expr(key, factor, offset)


def _sides(text: str) -> list[Expr] | None:
    """'m, n' -> two subjects; '10^4' -> one constant."""
    parts = [p for p in text.split(",") if p.strip()]
    if len(parts) > 1:
        found = [expression(p) for p in parts]
        if all(e is not None and e.subject for e in found):
            return [e for e in found if e is not None]
        whole = expression(text.replace(",", ""))  # "10,000"
        return [whole] if whole is not None else None
    one = expression(text)
    return [one] if one is not None else None


def _add(bounds: dict[str, list[Expr]], key: str, expr: Expr) -> None:
    if expr.subject != key:
        bounds.setdefault(key, []).append(expr)


def _comparison(line: str, out: Constraints) -> None:
    pieces = _OPS.split(line)
    if len(pieces) < 3:
        return
    sides = [_sides(p) for p in pieces[0::2]]
    ops = pieces[1::2]
    for i, op in enumerate(ops):
        left, right = sides[i], sides[i + 1]
        if not left or not right:
            continue
        if op in ("<", ">"):
            strict = 1.0
        else:
            strict = 0.0
        if op in ("<=", "≤", "<"):
            small, big = left, right
        elif op in (">=", "≥", ">"):
            small, big = right, left
        else:  # == / =
            for a in left:
                for b in right:
                    if a.subject and a.factor == 1 and a.offset == 0:
                        out.equal.append((a.subject, b))
                    elif b.subject and b.factor == 1 and b.offset == 0:
                        out.equal.append((b.subject, a))
            continue
        for s in small:
            for b in big:
                if s.subject and s.factor == 1 and s.offset == 0:
                    _add(out.high, s.subject, Expr(b.subject, b.factor, b.offset - strict))
        for b in big:
            for s in small:
                if b.subject and b.factor == 1 and b.offset == 0:
                    _add(out.low, b.subject, Expr(s.subject, s.factor, s.offset + strict))


def _names(line: str) -> list[str]:
    return re.findall(r"`?\b([A-Za-z_]\w*)\b(?:\[\w+\])*`?", line)


def read_constraints(text: str) -> Constraints:
    """Parse markdown or plain constraint lines (see the module doc); never raises."""
    out = Constraints()
    for raw in text.splitlines():
        line = re.sub(r"^\s*[-*•]\s+", "", raw).replace("`", "").replace("\\", "").strip()
        line = line.rstrip(".")
        if not line:
            continue
        count = _NODE_COUNT.search(line)
        if count:
            low, high = number(count.group(1)), number(count.group(2))
            if low is not None:
                out.low.setdefault("len:@node", []).append(Expr(offset=low))
            if high is not None:
                out.high.setdefault("len:@node", []).append(Expr(offset=high))
            continue
        count_var = _NODE_COUNT_VAR.search(line)
        if count_var:
            out.equal.append(("len:@node", Expr(f"var:{count_var.group(1)}")))
            continue
        node_values = _NODE_VALUE_RANGE.search(line)
        if node_values:
            low, high = number(node_values.group(1)), number(node_values.group(2))
            if low is not None and high is not None:
                out.low.setdefault("val:@node", []).append(Expr(offset=low))
                out.high.setdefault("val:@node", []).append(Expr(offset=high))
            continue
        lowered = line.lower()
        if "consist" in lowered or "only" in lowered or "contain" in lowered:
            chars = "".join(letters for pattern, letters in _ALPHABETS if pattern.search(line))
            chars += "".join(re.findall(r"'(.)'", line))
            if chars:
                head = re.split(r"\bconsists?\b|\bcontains?\b|\bis\b|\bare\b", line, maxsplit=1)[0]
                for name in _names(head):
                    out.alphabet[name] = "".join(dict.fromkeys(out.alphabet.get(name, "") + chars))
        if re.search(r"\b(unique|distinct)\b", lowered) and not re.search(
            r"\b(answer|solution|output)\b", lowered
        ):
            for name in _names(line):
                out.distinct.add(name)
        if re.search(r"sorted in (?:non-decreasing|ascending|increasing)", lowered):
            for name in _names(line.split("sorted")[0]):
                out.sorted.add(name)
        _choice(line, out)
        _comparison(line, out)
    return out


_CHOICE = re.compile(
    r"^(.+?)\s+(?:is|are)\s+(?:either\s+)?(-?\d+)\s*(?:,\s*-?\d+\s*)*,?\s*or\s+(-?\d+)$"
)


def _choice(line: str, out: Constraints) -> None:
    """`grid[i][j] is 0 or 1`, `nums[i] is either 0, 1 or 2`: the values' bounds."""
    m = _CHOICE.match(line)
    if not m:
        return
    values = [float(v) for v in re.findall(r"-?\d+", line[m.start(2) :])]
    for side in _sides(m.group(1)) or []:
        if side.subject and side.factor == 1 and side.offset == 0:
            _add(out.low, side.subject, Expr(offset=min(values)))
            _add(out.high, side.subject, Expr(offset=max(values)))
