"""Cleaning shared by every source: text, literals, examples and test values.

Decisions behind the heuristics:
- Values are read with a small evaluator over Python's `ast` (literals, JSON's
  null/true/false, unary minus and arithmetic on numbers), never with `eval`.
- Test values must survive JSON: tuples become lists; infinities, NaN, sets
  given as arguments, bytes and non-string dict keys are refused with a reason,
  and the caller drops that one test.
- Flattened exponents (`104` for 10^4, `231` for 2^31) are restored only where
  the pattern is clear: bounds in constraint lines, `2^31 - 1` style ranges and
  `O(n2)`.
- "Return in any order" is read from the statement's own words, not guessed
  from the data.
"""

from __future__ import annotations

import ast
import json
import math
import re
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mltools.contracts import ExampleRecord


class NotJsonable(ValueError):
    """A test value that cannot be stored as JSON; the message says why."""


class NotLiteral(ValueError):
    """An expression that is not a plain literal value."""


# --- literals -----------------------------------------------------------------

_NAMES: dict[str, Any] = {
    "None": None,
    "True": True,
    "False": False,
    "null": None,
    "true": True,
    "false": False,
    "inf": math.inf,  # LeetCodeDataset's prompt defines it; refused later with a clear reason
}
_BINOPS: dict[type[ast.operator], Any] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
    ast.FloorDiv: lambda a, b: a // b,
    ast.Mod: lambda a, b: a % b,
    ast.Pow: lambda a, b: a**b,
}


def literal_value(node: ast.AST, calls: Mapping[str, Callable[[Any], Any]] | None = None) -> Any:
    """Evaluate a literal expression: constants, containers, null/true/false, simple arithmetic.

    `calls` maps a helper's name to how its single literal argument becomes a
    value (`list_node([1, 2])` -> `[1, 2]`).
    """

    def value(n: ast.AST) -> Any:
        return literal_value(n, calls)

    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name) and node.id in _NAMES:
        return _NAMES[node.id]
    if isinstance(node, ast.List):
        return [value(e) for e in node.elts]
    if isinstance(node, ast.Tuple):
        return tuple(value(e) for e in node.elts)
    if isinstance(node, ast.Set):
        return {value(e) for e in node.elts}
    if isinstance(node, ast.Dict):
        if any(k is None for k in node.keys):
            raise NotLiteral("dict unpacking")
        return {value(k): value(v) for k, v in zip(node.keys, node.values, strict=True)}  # type: ignore[arg-type]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        operand = value(node.operand)
        if isinstance(operand, (int, float)) and not isinstance(operand, bool):
            return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
        left, right = value(node.left), value(node.right)
        numbers = all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in (left, right)
        )
        same_kind = type(left) is type(right) and isinstance(left, (str, list, tuple))
        if isinstance(node.op, ast.Pow) and numbers and abs(right) > 256:
            raise NotLiteral("exponent too large")
        if numbers or (same_kind and isinstance(node.op, ast.Add)):
            try:
                return _BINOPS[type(node.op)](left, right)
            except (ArithmeticError, ValueError) as exc:
                raise NotLiteral(str(exc)) from exc
    if (
        calls
        and isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in calls
        and len(node.args) == 1
        and not node.keywords
    ):
        return calls[node.func.id](value(node.args[0]))
    raise NotLiteral(f"not a literal: {_short(ast.unparse(node))}")


def parse_literal(text: str) -> Any:
    """A value written as JSON or as a Python literal (`[1,null]`, `"a"`, `(1, 2)`)."""
    text = text.strip()
    try:
        return json.loads(text)
    except ValueError:
        pass
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise NotLiteral(f"cannot parse {_short(text)!r}") from exc
    return literal_value(tree.body)


def to_json_value(value: Any, *, role: str = "argument") -> Any:
    """The JSON form of a test value, or NotJsonable with the reason."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise NotJsonable(f"{role} holds {value!r}, which JSON cannot store")
        return value
    if isinstance(value, (list, tuple)):
        return [to_json_value(v, role=role) for v in value]
    if isinstance(value, (set, frozenset)):
        if role == "argument":
            raise NotJsonable("a set argument would reach the solution as a list")
        # the judge encodes returned sets as lists sorted by repr; match that
        return sorted((to_json_value(v, role=role) for v in value), key=repr)
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise NotJsonable(f"{role} is a dict with non-string keys")
        return {k: to_json_value(v, role=role) for k, v in value.items()}
    raise NotJsonable(f"{role} of type {type(value).__name__} cannot be stored as JSON")


def contains_float(value: Any) -> bool:
    if isinstance(value, float):
        return True
    if isinstance(value, list):
        return any(contains_float(v) for v in value)
    if isinstance(value, dict):
        return any(contains_float(v) for v in value.values())
    return False


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


_NEXT_ASSIGNMENT = re.compile(r"\s*[A-Za-z_]\w*\s*=(?!=)")
_ASSIGNMENT = re.compile(r"\s*([A-Za-z_]\w*)\s*=(?!=)(.*)$", re.S)


def split_assignments(text: str) -> list[tuple[str, str]] | None:
    """Split `a = 1, b = [2, 3], s = "x, y"` into [(name, value text), ...]; None if not that shape."""
    parts: list[str] = []
    depth, quote, start, i = 0, "", 0, 0
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "," and depth == 0 and _NEXT_ASSIGNMENT.match(text, i + 1):
            parts.append(text[start:i])
            start = i + 1
        i += 1
    parts.append(text[start:])
    pairs = []
    for part in parts:
        match = _ASSIGNMENT.match(part)
        if not match:
            return None
        pairs.append((match.group(1), match.group(2).strip()))
    return pairs


def parse_kwargs(text: str) -> dict[str, Any] | None:
    """`nums = [1,2], target = 3` as JSON-able kwargs; None where that is not the shape."""
    pairs = split_assignments(text)
    if not pairs:
        return None
    try:
        return {name: to_json_value(parse_literal(value)) for name, value in pairs}
    except (NotLiteral, NotJsonable):
        return None


# --- check(candidate) asserts --------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One test read from an assert: JSON-able arguments and expected value."""

    args: list[Any]
    kwargs: dict[str, Any]
    expected: Any
    checker: str = ""  # what the assert compares: "float" (abs(... - x) < eps), "any_order" ...
    eps: float | None = None  # the tolerance of an abs(candidate(...) - x) < eps assert
    truthy: bool = False  # written as `assert candidate(...)` / `assert not candidate(...)`

    def key(self) -> str:
        return canonical_json([self.args, self.kwargs])


def _plain(value: Any) -> Any:
    return value


def _expected_list(value: Any) -> Any:
    return value if value else None  # list_node([]) is None, as the judge encodes it


def _expected_tree(value: Any) -> Any:
    return canonical_tree(value) if isinstance(value, list) else value


_ARG_CALLS: dict[str, Callable[[Any], Any]] = {"list_node": _plain, "tree_node": _plain}
_EXPECTED_CALLS: dict[str, Callable[[Any], Any]] = {
    "list_node": _expected_list,
    "tree_node": _expected_tree,
}


def cases_from_check(source: str, *, candidate: str = "candidate") -> tuple[list[Case], list[str]]:
    """Tests from a human-eval style `def check(candidate): assert ...` block.

    Understood shapes: `candidate(...) == x` (either side), `is None/True/False`,
    bare `candidate(...)` (True) and `not candidate(...)` (False),
    `is_same_list(candidate(...), list_node(x))`, `is_same_tree(..., tree_node(x))`
    and `abs(candidate(...) - x) < eps`. Anything else is reported, not guessed.
    Truthiness asserts are marked `truthy`: callers keep them only for functions
    known to return a bool.
    """
    try:
        module = ast.parse(source)
    except SyntaxError as exc:
        return [], [f"test code does not parse ({exc.msg})"]
    check = next(
        (n for n in module.body if isinstance(n, ast.FunctionDef) and n.name == "check"), None
    )
    if check is None:
        return [], ["no check(candidate) function in the test code"]
    cases: list[Case] = []
    reasons: list[str] = []
    for statement in check.body:
        if not isinstance(statement, ast.Assert):
            nested = [n for n in ast.walk(statement) if isinstance(n, ast.Assert)]
            reasons.extend(f"assert on line {n.lineno}: inside a loop or block" for n in nested)
            continue
        if isinstance(statement.test, ast.Constant):
            continue  # `assert True, "..."` fillers
        try:
            cases.append(_case_from_assert(statement.test, candidate))
        except (NotLiteral, NotJsonable) as exc:
            reasons.append(f"assert on line {statement.lineno}: {exc}")
    return cases, reasons


def _call_arguments(call: ast.AST, candidate: str) -> tuple[list[Any], dict[str, Any]]:
    if not (
        isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == candidate
    ):
        raise NotLiteral(f"not a call of {candidate}: {_short(ast.unparse(call))}")
    if any(isinstance(a, ast.Starred) for a in call.args) or any(
        k.arg is None for k in call.keywords
    ):
        raise NotLiteral("argument unpacking")
    args = [to_json_value(literal_value(a, _ARG_CALLS)) for a in call.args]
    kwargs = {str(k.arg): to_json_value(literal_value(k.value, _ARG_CALLS)) for k in call.keywords}
    return args, kwargs


def _is_candidate_call(node: ast.AST, candidate: str) -> bool:
    return (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == candidate
    )


def _unwrap(node: ast.expr) -> ast.expr:
    """`tuple(x)` / `list(x)` -> `x`: the judge compares sequences as lists anyway."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in {"tuple", "list"}
        and len(node.args) == 1
        and not node.keywords
    ):
        return node.args[0]
    return node


def _unwrap_order(node: ast.expr) -> tuple[ast.expr, str]:
    """`sorted(x)` / `set(x)` -> (x, "any_order"); `sorted(map(sorted, x))` -> (x, nested)."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in {"sorted", "set"}
        and len(node.args) == 1
        and not node.keywords
    ):
        inner = node.args[0]
        if (
            isinstance(inner, ast.Call)
            and isinstance(inner.func, ast.Name)
            and inner.func.id == "map"
            and len(inner.args) == 2
            and isinstance(inner.args[0], ast.Name)
            and inner.args[0].id in {"sorted", "set", "tuple"}
        ):
            order = "any_order" if inner.args[0].id == "tuple" else "any_order_nested"
            return inner.args[1], order
        return inner, "any_order"
    return node, ""


def _case_from_assert(test: ast.expr, candidate: str) -> Case:
    def expected(node: ast.AST) -> Any:
        return to_json_value(literal_value(node, _EXPECTED_CALLS), role="expected value")

    if _is_candidate_call(test, candidate):
        return Case(*_call_arguments(test, candidate), expected=True, truthy=True)
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        if _is_candidate_call(test.operand, candidate):
            return Case(*_call_arguments(test.operand, candidate), expected=False, truthy=True)
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        left, op, right = _unwrap(test.left), test.ops[0], _unwrap(test.comparators[0])
        if isinstance(op, (ast.Eq, ast.Is)):
            if _is_candidate_call(right, candidate) and not _is_candidate_call(left, candidate):
                left, right = right, left
            if _is_candidate_call(left, candidate):
                return Case(*_call_arguments(left, candidate), expected=expected(right))
            # sorted(candidate(...)) == sorted(x), set(...) == set(...): the order is free
            (left, order), (right, _) = _unwrap_order(left), _unwrap_order(right)
            if _is_candidate_call(right, candidate) and not _is_candidate_call(left, candidate):
                left, right = right, left
            if order and _is_candidate_call(left, candidate):
                value = expected(right)
                if isinstance(value, list):
                    return Case(*_call_arguments(left, candidate), expected=value, checker=order)
        if isinstance(op, (ast.Lt, ast.LtE)) and isinstance(left, ast.Call):
            # abs(candidate(...) - x) < eps
            if (
                isinstance(left.func, ast.Name)
                and left.func.id == "abs"
                and len(left.args) == 1
                and isinstance(left.args[0], ast.BinOp)
                and isinstance(left.args[0].op, ast.Sub)
            ):
                inner = left.args[0]
                call, other = inner.left, inner.right
                if _is_candidate_call(other, candidate):
                    call, other = other, call
                if _is_candidate_call(call, candidate):
                    eps = literal_value(right) if isinstance(right, ast.Constant) else None
                    return Case(
                        *_call_arguments(call, candidate),
                        expected=expected(other),
                        checker="float",
                        eps=float(eps) if isinstance(eps, (int, float)) and 0 < eps < 1 else None,
                    )
    if isinstance(test, ast.Call) and isinstance(test.func, ast.Name) and len(test.args) == 2:
        name = test.func.id
        if name in {"is_same_list", "is_same_tree"}:
            call, other = test.args
            if _is_candidate_call(other, candidate):
                call, other = other, call
            args, kwargs = _call_arguments(call, candidate)
            value = literal_value(other, _EXPECTED_CALLS)
            if name == "is_same_tree" and isinstance(value, list):
                value = canonical_tree(value)
            return Case(args, kwargs, expected=to_json_value(value, role="expected value"))
    raise NotLiteral(f"unsupported assert: {_short(ast.unparse(test))}")


# --- trees ----------------------------------------------------------------------


def canonical_tree(values: list[Any]) -> list[Any] | None:
    """A level-order tree list as the judge writes a returned tree (trailing Nones trimmed)."""
    if not values or values[0] is None:
        return None
    nodes: list[list[Any]] = []  # [val, left index, right index]
    nodes.append([values[0], None, None])
    queue = deque([0])
    i = 1
    while queue and i < len(values):
        parent = queue.popleft()
        for side in (1, 2):
            if i < len(values) and values[i] is not None:
                nodes.append([values[i], None, None])
                nodes[parent][side] = len(nodes) - 1
                queue.append(len(nodes) - 1)
            i += 1
    out: list[Any] = []
    order: deque[int | None] = deque([0])
    while order:
        index = order.popleft()
        if index is None:
            out.append(None)
            continue
        out.append(nodes[index][0])
        order.append(nodes[index][1])
        order.append(nodes[index][2])
    while out and out[-1] is None:
        out.pop()
    return out


# --- text -------------------------------------------------------------------------

_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~\"'])")
_BRACKET_ESCAPE = re.compile(r"\\([\[\](){}])")


def normalize_space(text: str) -> str:
    """Non-breaking spaces to spaces, no trailing blanks, at most one blank line in a row."""
    text = text.replace("\xa0", " ").replace("\r\n", "\n").replace("\u200b", "")
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def unescape_brackets(text: str) -> str:
    """Undo `\\[`, `\\]` and friends, which the Kaggle dump adds to markdown text."""
    return _BRACKET_ESCAPE.sub(r"\1", text)


def unescape_markdown(text: str) -> str:
    """Undo every markdown backslash escape (for example inputs, which are code-like)."""
    return _MD_ESCAPE.sub(r"\1", text)


def strip_string_padding(text: str) -> str:
    """`"ana "` -> `"ana"`: the Kaggle dump adds one space before each closing quote."""
    return re.sub(r'"([^"\n]*?) "', r'"\1"', text)


_TEN_POWER = re.compile(r"(?<![\w.^])10(1[0-8]|[2-9])(?![\w^]|\.\d)")
_TWO_POWER = re.compile(r"(?<![\w.^])2(31|32|63|64)(?![\w^]|\.\d)")
_BOUND_LINE = re.compile(
    r"<=|>=|<|>|≤|≥|\brange\b|\bat (?:most|least)\b|\bexceed|\b(?:less|greater) than\b"
    r"|\blength\b|\*\s*10\d",
    re.I,
)
_BIG_O = re.compile(r"O\(([^()]*)\)")


def restore_exponents(text: str, *, bounds: bool) -> str:
    """Put back exponents that lost their superscript: `10^4`, `2^31`, `O(n^2)`.

    With `bounds`, every comparison line (constraints) gets `10^k` and `2^31`;
    without it only the unmistakable shapes are touched: `-231 ... 231 - 1`
    ranges and big-O terms.
    """
    lines = []
    for line in text.split("\n"):
        if bounds and _BOUND_LINE.search(line):
            line = _TEN_POWER.sub(r"10^\1", line)
            line = _TWO_POWER.sub(r"2^\1", line)
        else:
            line = re.sub(r"(?<![\w.^])2(31|32|63|64)(\s*-\s*1)\b", r"2^\1\2", line)
            line = re.sub(r"-2(31|32|63|64)(?![\w.^])", r"-2^\1", line)
        line = _BIG_O.sub(
            lambda m: "O(" + re.sub(r"\b([nmkNVE])([2-4])\b", r"\1^\2", m.group(1)) + ")", line
        )
        lines.append(line)
    return "\n".join(lines)


def paragraphs(text: str) -> str:
    """Plain text whose lines are paragraphs, as markdown (a blank line between lines)."""
    return re.sub(r"(?<=\S)\n(?=\S)", "\n\n", text)


def constraints_markdown(text: str) -> str:
    """One markdown bullet per constraint line."""
    items = [re.sub(r"^\s*(?:[-*•]|\d+\.)\s+", "", line).strip() for line in text.split("\n")]
    return "\n".join(f"- {item}" for item in items if item)


# Section markers in statements, after bold markers have been removed.
_SECTION = re.compile(
    r"^[ \t]*(?P<name>Example\s*\d*|Examples|Constraints|Follow[- ]?up|Note)s?\s*:",
    re.I | re.M,
)


def split_statement(text: str) -> dict[str, Any]:
    """Split a LeetCode-style statement into statement, examples, constraints and follow-up.

    `text` is plain text whose sections start with `Example 1:`, `Constraints:`,
    `Follow-up:` (bold markers already removed). A `Note:` after the examples
    stays with the statement.
    """
    matches = list(_SECTION.finditer(text))
    statement = text[: matches[0].start()] if matches else text
    examples: list[ExampleRecord] = []
    constraints, follow_up, notes = "", "", []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        body = text[match.end() : end].strip()
        name = match.group("name").lower()
        if name.startswith("example"):
            example = parse_example(body)
            if example is not None:
                examples.append(example)
        elif name.startswith("constraint"):
            constraints = body
        elif name.startswith("follow"):
            follow_up = body
        else:
            notes.append(f"Note: {body}")
    statement = "\n\n".join([normalize_space(statement), *notes]).strip()
    return {
        "statement": statement,
        "examples": tuple(examples),
        "constraints": normalize_space(constraints),
        "follow_up": normalize_space(follow_up),
    }


_EXAMPLE_FIELD = re.compile(r"^[ \t]*(Input|Output|Explanation)\s*:?[ \t]*", re.I | re.M)


def parse_example(body: str) -> ExampleRecord | None:
    """`Input: ... Output: ... Explanation: ...` into an ExampleRecord; None without Input/Output."""
    fields: dict[str, str] = {}
    matches = [m for m in _EXAMPLE_FIELD.finditer(body)]
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(body)
        key = match.group(1).lower()
        fields.setdefault(key, normalize_space(body[match.end() : end]))
    if "input" not in fields or "output" not in fields:
        return None
    return ExampleRecord(
        input=fields["input"], output=fields["output"], explanation=fields.get("explanation", "")
    )


_ANY_ORDER = re.compile(
    r"\bin any order\b"
    r"|\breturn(?:ed)?\b[^.\n]{0,40}\bin any arbitrary order\b"
    r"|\border of (?:the )?(?:output|answer|result|returned|elements|triplets|quadruplets|pairs)"
    r"[^.\n]{0,80}\bdo(?:es)? not matter"
    r"|\border (?:that|in which)[^.\n]{0,60}\breturned[^.\n]{0,20}\bdoes not matter",
    re.I,
)


# Answers whose elements are themselves sets: their insides may come in any order too.
_SET_ELEMENTS = re.compile(
    r"\b(?:combinations|triplets|quadruplets|subsets|anagrams|connections)\b", re.I
)
# "the integers in the lists may be returned in any order": the inner order is free.
_INNER_ANY_ORDER = re.compile(
    r"\b(?:integers|numbers|values|elements|indices)\b[^.\n]{0,50}\bin (?:the|each|both) "
    r"(?:lists?|arrays?|groups?)\b[^.\n]{0,40}\bin any order"
    r"|\bindices of the \w+ in any order",
    re.I,
)
# "Return all possible palindrome partitionings": an enumeration whose order the statement
# leaves open (LeetCode accepts it in any order) unless it speaks of an order anywhere.
_ALL_OF = re.compile(
    r"\b(?:return|returns|find|generate|list|output)\b[^.\n]{0,30}?\ball\b(?:\s+[\w-]+){0,3}?\s+"
    r"(?:partition\w*|combinations|permutations|subsets|paths|solutions|sequences|sentences|"
    r"subsequences|ip addresses|anagrams|ways|expressions)\b",
    re.I,
)
_ORDERED = re.compile(
    r"\border\b|\bsorted\b|\blexicographic\w*|\bascending\b|\bdescending\b|\bincreasing\b"
    r"|\bdecreasing\b",
    re.I,
)
_TOLERANCE = re.compile(
    r"\b(?:within|less than|at most|error|differ\w*|precision|accurate|tolerance)\b[^.\n]{0,60}?"
    r"(?:10\s*(?:\^|\*\*)?\s*\(?\s*[-−]\s*(?P<flat>\d{1,2})\b|10<sup>\s*[-−](?P<sup>\d{1,2})\s*</sup>"
    r"|1(?:\.0)?e-0?(?P<e>\d{1,2})\b|10⁻(?P<uni>[¹²³⁴⁵⁶⁷⁸⁹]))",
    re.I,
)
_SUPERSCRIPT_DIGITS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹", "123456789")


def says_any_order(text: str) -> bool:
    """The statement accepts answers "in any order"."""
    return bool(_ANY_ORDER.search(text.replace("\xa0", " ")))


def answer_order(text: str) -> str | None:
    """The order checker a statement asks for, or None (the order matters).

    A statement that says "in any order", or asks for all the partitions, paths,
    combinations... of something without speaking of an order anywhere, leaves the
    order of the answers open.

    "any_order" by default: the list of answers in any order, each answer as written
    (an N-Queens board, a coordinate, a permutation, a segment: their insides are
    positions). "any_order_nested" only where each answer is itself a set
    (combinations, triplets, subsets, anagram groups, undirected connections) or the
    statement frees the order inside the lists.
    """
    text = text.replace("\xa0", " ")
    if not says_any_order(text) and not (_ALL_OF.search(text) and not _ORDERED.search(text)):
        return None
    if _SET_ELEMENTS.search(text) or _INNER_ANY_ORDER.search(text):
        return "any_order_nested"
    return "any_order"


def tolerance_from_statement(text: str) -> float | None:
    """The float tolerance a statement accepts ("within 10^-5", flattened "10-5", "1e-5")."""
    match = _TOLERANCE.search(text.replace("\xa0", " "))
    if match is None:
        return None
    digits = match.group("flat") or match.group("sup") or match.group("e")
    if digits is None:
        digits = match.group("uni").translate(_SUPERSCRIPT_DIGITS)
    return float(f"1e-{int(digits)}")


def checker_for(expected: Any, *, order: str | None = None, check: str = "") -> str:
    """exact, any_order, any_order_nested or float for one test.

    `check` is what the dataset's own assert compares (sorted or set values, a
    tolerance) and wins; `order` is the statement's (`answer_order`).
    """
    if check:
        return check
    if order and isinstance(expected, list):
        if order == "any_order_nested" and any(isinstance(v, list) for v in expected):
            return "any_order_nested"
        return "any_order"
    if contains_float(expected):
        return "float"
    return "exact"


_IN_PLACE = re.compile(
    r"\bdo not return anything,?\s*modify (?:the )?(?:input )?(?:\w+ )?`?(?P<name>\w+)`? in[- ]place",
    re.I,
)


def in_place_argument(text: str, params: Sequence[str], *, returns_nothing: bool) -> int | None:
    """The argument an in-place problem's answer is read from (0-based), or None.

    LeetCode's template says "Do not return anything, modify nums in-place instead."
    Otherwise a solution that returns nothing, for a statement that says "in-place",
    is read from the argument the statement names next to it (the first one if none).
    """
    text = text.replace("\xa0", " ")
    match = _IN_PLACE.search(text)
    if match and match.group("name") in params:
        return list(params).index(match.group("name"))
    if match or (returns_nothing and re.search(r"\bin[- ]place\b", text, re.I)):
        for name in params:
            if re.search(rf"`?\b{re.escape(name)}\b`?[^.\n]{{0,40}}\bin[- ]place", text, re.I):
                return list(params).index(name)
        return 0 if params else None
    return None


def split_lists(text: str) -> list[str]:
    """The top-level bracketed lists in `text`, as written: '["A", "b"]\n[[1], []]' -> two."""
    out: list[str] = []
    depth, start, quote = 0, -1, ""
    for index, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "[":
            depth += 1
            start = index if depth == 1 else start
        elif char == "]" and depth:
            depth -= 1
            if depth == 0:
                out.append(text[start : index + 1])
    return out


def design_calls(example_input: str, example_output: str) -> tuple[list[Any], Any] | None:
    """A design example's test: (args [[ops], [[args], ...]], expected results), or None.

    LeetCode writes them as two lists of operations and arguments, then the results.
    """
    lists = split_lists(example_input)
    if len(lists) != 2:
        return None
    try:
        ops, arg_lists = (parse_literal(text) for text in lists)
        expected = parse_literal(example_output.strip())
    except NotLiteral:
        return None
    if not (isinstance(ops, list) and ops and all(isinstance(op, str) for op in ops)):
        return None
    ops = [op.strip() for op in ops]
    if not all(op.isidentifier() for op in ops) or not isinstance(arg_lists, list):
        return None
    if len(arg_lists) != len(ops) or not isinstance(expected, list) or len(expected) != len(ops):
        return None
    try:
        return [ops, to_json_value(arg_lists)], to_json_value(expected, role="expected value")
    except NotJsonable:
        return None


def mark_samples(
    kwargs_list: list[dict[str, Any]], examples: Sequence[ExampleRecord], *, limit: int = 3
) -> set[int]:
    """Indexes of the tests whose arguments are those of the statement's examples (at most `limit`).

    Falls back to the first tests when no example parses, so that candidates
    always see something.
    """
    wanted = []
    for example in examples:
        kwargs = parse_kwargs(example.input)
        if kwargs is not None:
            wanted.append(canonical_json(kwargs))
    chosen: list[int] = []
    for index, kwargs in enumerate(kwargs_list):
        key = canonical_json(kwargs)
        if key in wanted and len(chosen) < limit:
            chosen.append(index)
            wanted.remove(key)
    if not chosen:
        chosen = list(range(min(limit, len(examples) or 2, len(kwargs_list))))
    return set(chosen)


# --- names ------------------------------------------------------------------------

_ROMAN = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"}
_SMALL = {
    "a",
    "an",
    "and",
    "as",
    "at",
    "by",
    "for",
    "from",
    "in",
    "of",
    "on",
    "or",
    "the",
    "to",
    "with",
}


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:100].rstrip("-")


def title_from_slug(slug: str) -> str:
    """`two-sum-ii` -> `Two Sum II`: the best title when a source has none."""
    words = [w for w in re.split(r"[-_\s]+", slug) if w]
    out = []
    for index, word in enumerate(words):
        if word in _ROMAN and index > 0:
            out.append(word.upper())
        elif word in _SMALL and index > 0:
            out.append(word)
        else:
            out.append(word[:1].upper() + word[1:])
    return " ".join(out)


def difficulty(value: Any) -> str:
    """Normalise `Easy`, `MEDIUM`, and the dataset's `Meidum` typo; '' when unknown."""
    text = str(value or "").strip().lower()
    return {"e": "easy", "m": "medium", "h": "hard"}.get(text[:1], "")


def tag_slugs(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({slugify(v) for v in values if slugify(v)}))


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."
