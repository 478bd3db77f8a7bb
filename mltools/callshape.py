"""How a problem is called and what is compared: the judge's tests.json contract, in one place.

LeetCode's conventions, which the `judge` command, the Problem model, the bank
loader, the importers and the sandbox all speak (README, "The judge"):

- `entry_kind` "method" (a method of `class Solution`), "function" (a free
  function) or "design": `entry_point` is then a class, and a test's `args` is
  `[["Cls", "op1", ...], [[ctor args], [op1 args], ...]]` with `expected` the
  list of results (`null` for the constructor and for methods returning nothing).
- `returns_argument` K: an in-place problem; what is compared is argument K
  (0-based) after the call, whatever the call returns.
- `signature`: the problem's Python `def` line (for a design problem the class
  skeleton: its `class X:` line and each method's `def` line). Parameters and
  results annotated `ListNode` / `TreeNode` (or lists of them) are converted
  from and to plain lists by it, whatever annotations the candidate writes.
- `tolerance`: for the "float" checker, absolute or relative (the looser);
  LeetCode's 1e-5 when a problem states none.

Stdlib only and free of Django: `mltools` importers and `problems.judge` both
use it; the sandbox receives `CallShape.job()`, plain JSON.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

ENTRY_KINDS = ("method", "function", "design")
DEFAULT_TOLERANCE = 1e-5  # LeetCode's, for answers that are floats
NODE_KINDS = ("ListNode", "TreeNode", "List[ListNode]", "List[TreeNode]")
IN_PLACE_DOCSTRING = "Do not return anything, modify {name} in-place instead."
_WRAPPERS = re.compile(r"^(?:typing\.)?Optional\[(.*)\]$")


class ShapeError(ValueError):
    """A call shape or a test that does not follow the contract; the message says what."""


def node_kind(annotation: str) -> str | None:
    """'Optional[ListNode]' -> 'ListNode', 'List[Optional[TreeNode]]' -> 'List[TreeNode]', else None."""
    text = annotation.replace(" ", "").replace("typing.", "").strip("'\"")
    text = re.sub(r"\|None$|^None\|", "", text)
    while match := _WRAPPERS.match(text):
        text = match.group(1)
    if text in ("ListNode", "TreeNode"):
        return text
    match = re.fullmatch(r"[Ll]ist\[(?:Optional\[)?(ListNode|TreeNode)\]?(?:\|None)?\]", text)
    return f"List[{match.group(1)}]" if match else None


@dataclass(frozen=True)
class MethodShape:
    """One callable's parameters (name, node kind or None) and its result's node kind."""

    name: str
    params: tuple[tuple[str, str | None], ...] = ()
    returns: str | None = None
    returns_none: bool = False  # annotated `-> None`

    def job(self) -> dict[str, Any]:
        return {"params": [list(p) for p in self.params], "returns": self.returns}


def _annotation(node: ast.expr | None) -> str:
    return ast.unparse(node) if node is not None else ""


def _method(func: ast.FunctionDef, *, skip_self: bool) -> MethodShape:
    params = [*func.args.posonlyargs, *func.args.args]
    if skip_self and params and params[0].arg in ("self", "cls"):
        params = params[1:]
    params += func.args.kwonlyargs
    returns = _annotation(func.returns)
    return MethodShape(
        name=func.name,
        params=tuple((p.arg, node_kind(_annotation(p.annotation))) for p in params),
        returns=node_kind(returns) if returns else None,
        returns_none=returns == "None",
    )


def signature_node(signature: str) -> ast.FunctionDef | ast.ClassDef:
    """The AST of a def line or class skeleton (the one reading of a problem's signature:
    `parse_signature` and `problems.judge.typemap` read its parts); ShapeError if unreadable.

    Bodies may be left out: each `def` line gets `...` added before parsing.
    """
    lines = []
    for line in signature.strip("\n").splitlines():
        lines.append(line.rstrip())
        if line.strip().startswith("def ") and line.rstrip().endswith(":"):
            indent = len(line) - len(line.lstrip())
            lines.append(" " * (indent + 4) + "...")
    source = "\n".join(lines)
    if source.startswith((" ", "\t")):
        source = "\n".join(line[len(source) - len(source.lstrip()) :] for line in lines)
    try:
        module = ast.parse(source)
    except SyntaxError as exc:
        raise ShapeError(f"the signature does not parse: {exc.msg}") from exc
    if len(module.body) != 1 or not isinstance(module.body[0], ast.FunctionDef | ast.ClassDef):
        raise ShapeError("the signature must be one def line or one class skeleton")
    return module.body[0]


def parse_signature(
    signature: str, *, skip_self: bool = True
) -> tuple[str, tuple[MethodShape, ...]]:
    """('def' | class name, the methods) of a def line or class skeleton; ShapeError if unreadable."""
    node = signature_node(signature)
    if isinstance(node, ast.FunctionDef):
        return "def", (_method(node, skip_self=skip_self),)
    if isinstance(node, ast.ClassDef):
        methods = tuple(
            _method(n, skip_self=True) for n in node.body if isinstance(n, ast.FunctionDef)
        )
    return node.name, methods


@dataclass(frozen=True)
class CallShape:
    """How the judge calls a problem's entry point and reads its answer (see the module doc)."""

    entry_kind: str = "method"
    entry_point: str = ""
    signature: str = ""
    returns_argument: int | None = None

    def __post_init__(self) -> None:
        if self.entry_kind not in ENTRY_KINDS:
            raise ShapeError(f"entry_kind must be one of {', '.join(ENTRY_KINDS)}")
        if not self.entry_point.isidentifier():
            raise ShapeError(
                f"entry_point must name a method, function or class, not {self.entry_point!r}"
            )
        if self.returns_argument is not None:
            if self.entry_kind == "design":
                raise ShapeError("a design problem cannot return an argument")
            if not isinstance(self.returns_argument, int) or self.returns_argument < 0:
                raise ShapeError("returns.argument must be a non-negative integer")

    def methods(self) -> dict[str, MethodShape]:
        """The signature's callables by name ({} when there is no signature); ShapeError when
        the signature does not parse or does not fit the entry point and `returns_argument`."""
        methods = dict(self._methods)
        if self.entry_kind == "design" and self.signature.strip() and not methods:
            raise ShapeError("a design problem's signature must be its class skeleton")
        if self.returns_argument is not None and self.entry_point in methods:
            params = methods[self.entry_point].params
            if self.returns_argument >= len(params):
                raise ShapeError(
                    f"returns.argument {self.returns_argument} but the signature has "
                    f"{len(params)} parameter(s)"
                )
        return methods

    def _known_methods(self) -> dict[str, MethodShape]:
        """`methods()`, or {} when the signature cannot be read (the candidate's own
        annotations then decide): judging never fails on a stored signature."""
        try:
            return self.methods()
        except ShapeError:
            return {}

    @cached_property
    def _methods(self) -> dict[str, MethodShape]:
        if not self.signature.strip():
            return {}
        owner, methods = parse_signature(self.signature, skip_self=self.entry_kind != "function")
        if self.entry_kind == "design":
            if owner == "def":
                raise ShapeError("a design problem's signature must be its class skeleton")
            if owner != self.entry_point:
                raise ShapeError(
                    f"the signature's class is {owner!r}, the entry point {self.entry_point!r}"
                )
            return {m.name: m for m in methods}
        if owner != "def" or methods[0].name != self.entry_point:
            raise ShapeError(f"the signature must be the def line of {self.entry_point!r}")
        return {methods[0].name: methods[0]}

    @property
    def returns_node(self) -> str | None:
        """The node kind of the compared value (ListNode/TreeNode, lists of them) or None."""
        methods = self._known_methods()
        if self.entry_kind == "design" or self.entry_point not in methods:
            return None
        method = methods[self.entry_point]
        if self.returns_argument is not None:
            params = method.params
            return params[self.returns_argument][1] if self.returns_argument < len(params) else None
        return method.returns

    def job(self) -> dict[str, Any]:
        """What the sandbox's codec needs, as plain JSON."""
        methods = self._known_methods()
        return {
            "kind": self.entry_kind,
            "entry_point": self.entry_point,
            "returns_argument": self.returns_argument,
            "methods": {name: m.job() for name, m in methods.items()} if methods else None,
        }

    def check_test(self, args: Any, expected: Any) -> None:
        """ShapeError unless a test's args (and expected) fit this shape."""
        if not isinstance(args, list):
            raise ShapeError("args must be a list")
        if self.entry_kind != "design":
            return
        if len(args) != 2 or not all(isinstance(a, list) for a in args):
            raise ShapeError(
                'a design test\'s args must be [["Cls", "op", ...], [[ctor args], ...]]'
            )
        ops, arg_lists = args
        if not ops or len(ops) != len(arg_lists):
            raise ShapeError("a design test needs one argument list per operation")
        if not all(isinstance(op, str) and op.isidentifier() for op in ops):
            raise ShapeError("a design test's operations must be method names")
        if ops[0] != self.entry_point:
            raise ShapeError(f"a design test's first operation must be {self.entry_point!r}")
        if any(op.startswith("_") for op in ops[1:]):
            raise ShapeError("a design test may not call private methods")
        if not all(isinstance(a, list) for a in arg_lists):
            raise ShapeError("each operation's arguments must be a list")
        if not isinstance(expected, list) or len(expected) != len(ops):
            raise ShapeError("a design test's expected must hold one result per operation")
        methods = self._known_methods()
        unknown = sorted({op for op in ops[1:] if methods and op not in methods})
        if unknown:
            raise ShapeError(f"operations not in the signature: {', '.join(unknown)}")

    def starter_code(self) -> str:
        """The room's starting code, as LeetCode's Python 3 template writes it."""
        if self.entry_kind == "design":
            if not self.signature.strip():
                return f"class {self.entry_point}:\n\n    def __init__(self):\n        pass\n"
            return _with_bodies(self.signature)
        signature = self.signature.strip() or (
            f"def {self.entry_point}(self, *args):"
            if self.entry_kind == "method"
            else f"def {self.entry_point}(*args):"
        )
        body = "pass"
        if self.returns_argument is not None:
            method = self._known_methods().get(self.entry_point)
            name = (
                method.params[self.returns_argument][0]
                if method and self.returns_argument < len(method.params)
                else f"argument {self.returns_argument}"
            )
            body = f'"""\n{IN_PLACE_DOCSTRING.format(name=name)}\n"""'
        if self.entry_kind == "function":
            return f"{signature}\n{_indent(body, 4)}\n"
        return f"class Solution:\n    {signature}\n{_indent(body, 8)}\n"


def _indent(text: str, width: int) -> str:
    return "\n".join(" " * width + line for line in text.splitlines())


def _with_bodies(skeleton: str) -> str:
    """The class skeleton with `pass` bodies and a blank line before each method, as
    LeetCode's Python 3 template writes it."""
    out: list[str] = []
    lines = [line.rstrip() for line in skeleton.strip("\n").splitlines() if line.strip()]
    for line in lines:
        if line.strip().startswith("def ") and out:
            out.append("")
        out.append(line)
        if line.strip().startswith("def ") and line.endswith(":"):
            out.append(" " * (len(line) - len(line.lstrip()) + 4) + "pass")
    return "\n".join(out) + "\n"


CHECKERS = ("exact", "any_order", "any_order_nested", "float")


@dataclass(frozen=True)
class Contract:
    """The top-level keys of a tests.json or bank YAML document: shape, default checker, tolerance."""

    shape: CallShape
    checker: str = "exact"
    tolerance: float | None = None


def read_contract(data: Mapping[str, Any]) -> Contract:
    """Read `entry_kind`, `entry_point`, `signature`, `returns: {argument: K}`, `checker` and
    `tolerance` from a document; ShapeError naming the key that is wrong."""
    entry_kind = data.get("entry_kind") or "method"
    entry_point = data.get("entry_point")
    signature = data.get("signature") or ""
    if not isinstance(entry_point, str):
        raise ShapeError("entry_point must name a method, function or class")
    if not isinstance(entry_kind, str):
        raise ShapeError(f"entry_kind must be one of {', '.join(ENTRY_KINDS)}")
    if not isinstance(signature, str):
        raise ShapeError("signature must be a string")
    returns = data.get("returns")
    argument = None
    if returns is not None:
        if not isinstance(returns, Mapping) or set(returns) != {"argument"}:
            raise ShapeError('returns must be {"argument": K}')
        argument = returns["argument"]
        if not isinstance(argument, int) or isinstance(argument, bool):
            raise ShapeError("returns.argument must be a non-negative integer")
    checker = data.get("checker") or "exact"
    if checker not in CHECKERS:
        raise ShapeError(f"unknown checker {checker!r}; known: {', '.join(CHECKERS)}")
    tolerance = data.get("tolerance")
    if isinstance(tolerance, str):
        # YAML 1.1 reads `1e-5` (no dot) as a string
        try:
            tolerance = float(tolerance)
        except ValueError:
            raise ShapeError("tolerance must be a number between 0 and 1 (e.g. 1e-5)") from None
    if tolerance is not None and (
        isinstance(tolerance, bool)
        or not isinstance(tolerance, (int, float))
        or not 0 < tolerance < 1
    ):
        raise ShapeError("tolerance must be a number between 0 and 1 (e.g. 1e-5)")
    shape = CallShape(
        entry_kind=entry_kind,
        entry_point=entry_point,
        signature=signature.strip("\n"),
        returns_argument=argument,
    )
    shape.methods()  # the signature must parse and match the entry point
    return Contract(
        shape=shape, checker=checker, tolerance=float(tolerance) if tolerance is not None else None
    )


@dataclass(frozen=True)
class TestDoc:
    """One test of a tests.json or bank YAML document, checked against its contract."""

    __test__ = False  # not a pytest class, whatever its name

    args: list[Any]
    kwargs: dict[str, Any]
    expected: Any
    checker: str
    sample: bool
    note: str


def read_test(index: int, value: Any, contract: Contract) -> TestDoc:
    """Read test `index` of a document: `args` (a list), `kwargs` (an object, optional),
    `expected`, `checker` (the contract's by default), `sample`, `note`; ShapeError
    starting "test {index}: " when a key is missing or wrong, or the values do not fit
    the shape (`CallShape.check_test`)."""
    if not isinstance(value, Mapping) or not isinstance(value.get("args"), list):
        raise ShapeError(f'test {index} needs "args" (a list) and "expected"')
    if "expected" not in value:
        raise ShapeError(f'test {index} needs "args" (a list) and "expected"')
    checker = value.get("checker") or contract.checker
    if checker not in CHECKERS:
        raise ShapeError(f"test {index}: unknown checker {checker!r}")
    kwargs = value.get("kwargs") or {}
    if not isinstance(kwargs, Mapping):
        raise ShapeError(f"test {index}: kwargs must be an object")
    try:
        contract.shape.check_test(value["args"], value["expected"])
    except ShapeError as exc:
        raise ShapeError(f"test {index}: {exc}") from None
    return TestDoc(
        args=value["args"],
        kwargs=dict(kwargs),
        expected=value["expected"],
        checker=str(checker),
        sample=bool(value.get("sample", False)),
        note=str(value.get("note") or ""),
    )
