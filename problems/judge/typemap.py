"""The problem's Python signature as each language's types: starter code and drivers.

A problem states its call once, as a Python `def` line or a design class skeleton
(`mltools.callshape`); LeetCode shows the same call in every language. `PyType`
reads an annotation (`List[List[int]]`, `Optional[TreeNode]`, `str`, ...) and
`render()` writes it as C++, Java or TypeScript. Where a Python type has two
usual spellings in a language (a list of one-character strings is `vector<char>`
on LeetCode's C++, a word list `vector<string>`), the starter takes the usual one
and the drivers accept what the candidate declares (C++ and Java read the
declared types; JavaScript has none to read).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from mltools.callshape import CallShape, ShapeError, signature_node

_ALIASES = {
    "int": "int", "float": "float", "bool": "bool", "str": "str", "None": "None",
    "ListNode": "ListNode", "TreeNode": "TreeNode",
    "List": "list", "list": "list", "Sequence": "list", "Tuple": "list", "tuple": "list",
    "Set": "list", "set": "list", "Optional": "optional",
}  # fmt: skip


@dataclass(frozen=True)
class PyType:
    """int | float | bool | str | None | ListNode | TreeNode | list[item] | any."""

    name: str
    item: PyType | None = None

    @property
    def depth(self) -> int:
        return 1 + self.item.depth if self.name == "list" and self.item else 0

    def render(self, language: str, *, param: bool = True) -> str:
        return _RENDER[language](self, param)


ANY = PyType("any")


def read_type(node: ast.expr | None) -> PyType:
    """A PyType from an annotation's AST (anything unknown is `any`)."""
    if node is None:
        return ANY
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            return read_type(ast.parse(node.value, mode="eval").body)
        except SyntaxError:
            return ANY
    if isinstance(node, ast.Constant) and node.value is None:
        return PyType("None")
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):  # X | None
        left, right = read_type(node.left), read_type(node.right)
        return right if left.name == "None" else left
    name = node.id if isinstance(node, ast.Name) else getattr(node, "attr", "")
    if isinstance(node, ast.Subscript):
        outer = _ALIASES.get(
            node.value.id if isinstance(node.value, ast.Name) else getattr(node.value, "attr", "")
        )
        inner = node.slice
        if outer == "optional":
            return read_type(inner)
        if outer == "list":
            first = inner.elts[0] if isinstance(inner, ast.Tuple) and inner.elts else inner
            return PyType("list", read_type(first))
        return ANY
    kind = _ALIASES.get(name)
    if kind == "list":
        return PyType("list", ANY)
    return PyType(kind) if kind and kind != "optional" else ANY


@dataclass(frozen=True)
class Method:
    name: str
    params: tuple[tuple[str, PyType], ...] = ()
    returns: PyType = ANY


@dataclass(frozen=True)
class Signature:
    """The problem's callables with their Python types; `owner` is "def" or the design class."""

    owner: str
    methods: tuple[Method, ...] = field(default=())

    def method(self, name: str) -> Method | None:
        return next((m for m in self.methods if m.name == name), None)


def read_signature(shape: CallShape) -> Signature | None:
    """The typed signature of a problem, or None when it has none (or it does not parse)."""
    if not shape.signature.strip():
        return None
    try:
        shape.methods()  # the contract's own checks
        node = signature_node(shape.signature)
    except ShapeError:
        return None

    def method(func: ast.FunctionDef, skip_self: bool) -> Method:
        params = [*func.args.posonlyargs, *func.args.args, *func.args.kwonlyargs]
        if skip_self and params and params[0].arg in ("self", "cls"):
            params = params[1:]
        return Method(
            name=func.name,
            params=tuple((p.arg, read_type(p.annotation)) for p in params),
            returns=read_type(func.returns) if func.returns is not None else ANY,
        )

    if isinstance(node, ast.FunctionDef):
        return Signature("def", (method(node, shape.entry_kind != "function"),))
    if isinstance(node, ast.ClassDef):
        funcs = [n for n in node.body if isinstance(n, ast.FunctionDef)]
        return Signature(node.name, tuple(method(f, True) for f in funcs))
    return None


# ---------------------------------------------------------------- per language


def _cpp(t: PyType, param: bool) -> str:
    simple = {"int": "int", "float": "double", "bool": "bool", "str": "string", "None": "void"}
    if t.name in simple:
        return simple[t.name]
    if t.name in ("ListNode", "TreeNode"):
        return f"{t.name}*"
    if t.name == "list" and t.item is not None:
        item = t.item
        if param and item.name == "list" and item.item and item.item.name == "str":
            return "vector<vector<char>>"  # a board of one-character cells, as LeetCode writes it
        return f"vector<{_cpp(item, param)}>"
    return "int"


def _java(t: PyType, param: bool) -> str:
    simple = {"int": "int", "float": "double", "bool": "boolean", "str": "String", "None": "void"}
    if t.name in simple:
        return simple[t.name]
    if t.name in ("ListNode", "TreeNode"):
        return t.name
    if t.name == "list" and t.item is not None:
        item = t.item
        if param and item.name in ("int", "float", "bool", "str", "ListNode", "TreeNode"):
            return f"{_java(item, param)}[]"
        if param and item.name == "list" and item.item and item.item.name in ("int", "str"):
            return "char[][]" if item.item.name == "str" else "int[][]"
        if not param and item.name == "int":
            return "int[]" if t.depth == 1 else "List<Integer>"
        return f"List<{_boxed(item)}>"
    return "int"


def _boxed(t: PyType) -> str:
    boxed = {"int": "Integer", "float": "Double", "bool": "Boolean", "str": "String"}
    if t.name in boxed:
        return boxed[t.name]
    if t.name == "list" and t.item is not None:
        return f"List<{_boxed(t.item)}>"
    return t.name if t.name in ("ListNode", "TreeNode") else "Object"


def _ts(t: PyType, param: bool) -> str:
    simple = {
        "int": "number",
        "float": "number",
        "bool": "boolean",
        "str": "string",
        "None": "void",
    }
    if t.name in simple:
        return simple[t.name]
    if t.name in ("ListNode", "TreeNode"):
        return f"{t.name} | null"
    if t.name == "list" and t.item is not None:
        inner = _ts(t.item, param)
        return f"({inner})[]" if "|" in inner else f"{inner}[]"
    return "any"


def _jsdoc(t: PyType, param: bool) -> str:
    return _ts(t, param).replace("void", "void")


_RENDER = {"cpp": _cpp, "java": _java, "typescript": _ts, "javascript": _jsdoc}
