"""Markdown rendering for problem text, sanitised so data can never inject script."""

from __future__ import annotations

import ast
import json

import markdown
import nh3

_ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub",
    "a", "img", "span", "div", "del",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "code": {"class"}}


def markdown_to_safe_html(text: str) -> str:
    """Render markdown, then keep only harmless tags and attributes (no script, no handlers)."""
    html = markdown.markdown(text or "", extensions=["fenced_code", "tables", "sane_lists"])
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def _literal(value: object, language: str | None) -> str:
    """One value as JSON (language None) or in `language`'s literal syntax (the registry's
    `Language.literal`: `None`/`True` in Python, `null` in Java, `nullptr` in C++)."""
    if language is None:
        return json.dumps(value, ensure_ascii=False, default=str)
    from problems.judge.languages import get_language, language_key

    return get_language(language_key(language) or "python3").literal(value)


def value_text(value: object, *, language: str | None = None, limit: int = 300) -> str:
    """A test value as JSON that reads as written (Unicode as itself, not `\\u00ef`), or
    as `language`'s code writes it when the words are for a candidate of that language."""
    return _cut(_literal(value, language), limit)


def arguments_text(
    signature: str, test_input: object, *, language: str | None = None, limit: int = 300
) -> str:
    """A test's arguments as the statement writes them: `nums = [3, 9], target = 8`; a
    design problem's (signature `class ...`) as its calls: `MinStack(), push(5), getMin()`.

    `test_input` is the judge's `{"args": [...], "kwargs": {...}}`; names come from the
    problem's signature (without `self`). Values are JSON, as in the examples, or in
    `language`'s literal syntax (`value_text`); the text is cut at `limit` characters.
    """
    if not isinstance(test_input, dict):
        return value_text(test_input, language=language, limit=limit)
    args = list(test_input.get("args") or [])
    kwargs = dict(test_input.get("kwargs") or {})
    if signature.lstrip().startswith("class ") and _is_call_list(args):
        return _cut(_calls_text(args, language), limit)
    names = _parameter_names(signature)
    parts = []
    for position, value in enumerate(args):
        name = names[position] if position < len(names) else ""
        text = _literal(value, language)
        parts.append(f"{name} = {text}" if name else text)
    parts += [f"{k} = {_literal(v, language)}" for k, v in kwargs.items()]
    return _cut(", ".join(parts), limit)


def _is_call_list(args: list[object]) -> bool:
    return (
        len(args) == 2
        and isinstance(args[0], list)
        and isinstance(args[1], list)
        and len(args[0]) == len(args[1])
        and all(isinstance(op, str) for op in args[0])
    )


def _calls_text(args: list[object], language: str | None = None) -> str:
    """A design test's calls as code: `MinStack(), push(5), getMin()`."""
    ops, arg_lists = args
    assert isinstance(ops, list) and isinstance(arg_lists, list)
    parts = []
    for op, values in zip(ops, arg_lists, strict=True):
        values = values if isinstance(values, list) else [values]
        inner = ", ".join(_literal(v, language) for v in values)
        parts.append(f"{op}({inner})")
    return ", ".join(parts)


def _parameter_names(signature: str) -> list[str]:
    source = signature.strip()
    if not source.startswith("def "):
        return []
    try:
        tree = ast.parse(source.rstrip(":") + ": ...")
    except SyntaxError:
        return []
    function = tree.body[0]
    if not isinstance(function, ast.FunctionDef):
        return []
    names = [a.arg for a in function.args.posonlyargs + function.args.args]
    return names[1:] if names[:1] == ["self"] else names


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
