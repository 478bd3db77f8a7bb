"""Kaggle `erichartford/leetcode-solutions` rows -> ProblemRecord (free functions).

Each row: `id`, `slug`, `title`, `difficulty`, `content` (markdown with bold
`Example N:` / `Input:` / `Output:` / `Constraints:` / `Follow-up:` markers,
backslash-escaped brackets and flattened exponents) and `answer` with a fenced
solution in c++, java, python and javascript plus an `explanation`.

- The content is split into statement, examples, constraints and follow-up;
  escapes are undone, and the dump's extra space before closing quotes in
  example strings (`"ana "`) is removed.
- The solutions are free functions: entry kind "function", entry point the
  Python function that no other function calls (the others are helpers).
- All four languages are kept as "optimal" reference solutions (one approach,
  four languages); the explanation becomes the editorial.
- Tests are the examples whose input (`nums = [1,2], target = 3`) and output
  parse as literals; a problem with none is still imported, and reported.
- A design problem (the Python answer is one class, the examples lists of calls
  such as `["LRUCache", "put", ...]` / `[[2], [1, 1], ...]`) becomes entry kind
  "design" with the class skeleton as its signature; an in-place one (the
  statement says "in-place" and the solution returns nothing) compares the
  argument the statement names. Float answers take the statement's tolerance
  ("within 10^-5"), else LeetCode's 1e-5; "in any order" is read as
  `cleaning.answer_order` says.
  Linked-list and tree problems get no tests: their un-annotated free functions
  give the judge no type hints to build nodes from lists.
- The caller passes the judge's standard preamble (imports, ListNode, TreeNode),
  as for the bank: the dump's solutions assume those names exist.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from typing import Any

from mltools.callshape import DEFAULT_TOLERANCE, CallShape, ShapeError
from mltools.contracts import (
    ExampleRecord,
    ProblemRecord,
    SkippedRecord,
    SolutionRecord,
    TestRecord,
)
from mltools.data import cleaning
from mltools.data.io import Located, Parsed, PathOrLines, json_objects, skipped

SOURCE = "kaggle-leetcode"
LICENCE = "See the Kaggle dataset's terms; statement (c) LeetCode"
ATTRIBUTION = (
    "Solutions and explanation from the Kaggle dataset erichartford/leetcode-solutions "
    "(https://www.kaggle.com/datasets/erichartford/leetcode-solutions). "
    "Problem statement (c) LeetCode, https://leetcode.com/problems/{slug}/."
)
LANGUAGES = {"python": "python3", "c++": "cpp", "java": "java", "javascript": "javascript"}
_FENCE = re.compile(r"```[\w+#-]*[ \t]*\n(.*?)```", re.S)
_BOLD_MARKER = re.compile(
    r"\*\*\s*(Example\s*\d*|Examples|Constraints|Follow[- ]?up|Note|Input|Output|Explanation)\s*:?\s*\*\*\s*:?",
    re.I,
)


def parse(
    path_or_lines: PathOrLines, *, preamble: str = ""
) -> Iterator[ProblemRecord | SkippedRecord]:
    """Problems and skipped lines; `preamble` is run before candidates' code (the judge's imports)."""
    for item in parse_located(path_or_lines, preamble=preamble):
        yield item.record if isinstance(item, Located) else item


def parse_located(path_or_lines: PathOrLines, *, preamble: str = "") -> Iterator[Parsed]:
    for item in json_objects(path_or_lines):
        if isinstance(item, SkippedRecord):
            yield item
            continue
        origin, number, row = item
        try:
            record, notes = row_to_record(row, preamble=preamble)
        except ValueError as exc:
            yield skipped(origin, number, f"{row.get('slug') or 'row'}: {exc}")
            continue
        yield Located(record=record, line=number, origin=origin, notes=notes)


def row_to_record(
    row: dict[str, Any], *, preamble: str = ""
) -> tuple[ProblemRecord, tuple[str, ...]]:
    slug = str(row.get("slug") or "").strip()
    title = str(row.get("title") or "").strip()
    content = row.get("content")
    answer = row.get("answer")
    if not slug or not title:
        raise ValueError("needs slug and title")
    if not isinstance(content, str) or not content.strip():
        raise ValueError("no content")
    if not isinstance(answer, dict):
        raise ValueError("answer is not an object")
    level = cleaning.difficulty(row.get("difficulty"))
    if not level:
        raise ValueError(f"unknown difficulty {row.get('difficulty')!r}")
    python = _code(answer.get("python"))
    if not python:
        raise ValueError("no python solution")
    sections = cleaning.split_statement(_BOLD_MARKER.sub(r"\1:", content))
    statement = cleaning.unescape_brackets(sections["statement"])
    examples = tuple(
        ExampleRecord(
            input=cleaning.strip_string_padding(cleaning.unescape_markdown(e.input)),
            output=cleaning.strip_string_padding(cleaning.unescape_markdown(e.output)),
            explanation=cleaning.strip_string_padding(cleaning.unescape_brackets(e.explanation)),
        )
        for e in sections["examples"]
    )
    design = _design_class(python, examples)
    if design is not None:
        shape, tests, notes = design
    else:
        entry = _entry_function(python)
        params = [a.arg for a in entry.args.posonlyargs + entry.args.args]
        argument = cleaning.in_place_argument(
            content, params, returns_nothing=not _returns_value(entry)
        )
        shape = CallShape(
            entry_kind="function",
            entry_point=entry.name,
            signature=_def_line(python, entry),
            returns_argument=argument,
        )
        tests, notes = _tests(examples, entry, order=cleaning.answer_order(content))
        if tests and re.search(r"\b(ListNode|TreeNode)\b|\.next\b|\.left\b", python):
            # Un-annotated free functions: the judge cannot know to build nodes from lists.
            tests, notes = [], ["no executable test: linked list or tree arguments"]
    floats = any(t.checker == "float" for t in tests)
    tolerance = cleaning.tolerance_from_statement(content) or DEFAULT_TOLERANCE
    solutions = tuple(
        SolutionRecord(code=code, language=language, kind="optimal")
        for key, language in LANGUAGES.items()
        if (code := _code(answer.get(key)))
    )
    record = ProblemRecord(
        source=SOURCE,
        source_id=str(row.get("id") or slug),
        slug=cleaning.slugify(slug),
        title=title,
        difficulty=level,
        statement=cleaning.restore_exponents(statement, bounds=False),
        entry_point=shape.entry_point,
        entry_kind=shape.entry_kind,
        signature=shape.signature,
        returns_argument=shape.returns_argument,
        tolerance=tolerance if floats else None,
        starter_code={"python3": shape.starter_code()},
        preamble=preamble,
        examples=examples,
        constraints=cleaning.constraints_markdown(
            cleaning.restore_exponents(
                cleaning.unescape_brackets(sections["constraints"]), bounds=True
            )
        ),
        follow_up=cleaning.restore_exponents(
            cleaning.unescape_brackets(sections["follow_up"]), bounds=False
        ),
        editorial=cleaning.normalize_space(str(answer.get("explanation") or "")),
        tests=tuple(tests),
        solutions=solutions,
        source_url=f"https://leetcode.com/problems/{slug}/",
        licence=LICENCE,
        attribution=ATTRIBUTION.format(slug=slug),
    )
    return record, tuple(notes)


def _code(value: Any) -> str:
    """The code inside the first fenced block (or the whole text when there is no fence)."""
    if not isinstance(value, str):
        return ""
    match = _FENCE.search(value)
    return (match.group(1) if match else value).strip("\n") + "\n" if value.strip() else ""


def _entry_function(code: str) -> ast.FunctionDef:
    """The top-level function that no other top-level function calls."""
    try:
        module = ast.parse(code)
    except SyntaxError as exc:
        raise ValueError(f"python solution does not parse ({exc.msg}, line {exc.lineno})") from exc
    functions = [n for n in module.body if isinstance(n, ast.FunctionDef)]
    if not functions:
        raise ValueError("python solution has no top-level function")
    called = {
        n.func.id
        for f in functions
        for n in ast.walk(f)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id != f.name
    }
    roots = [f for f in functions if f.name not in called]
    return roots[-1] if roots else functions[-1]


def _def_line(code: str, func: ast.FunctionDef) -> str:
    lines = code.splitlines()
    end = func.body[0].lineno - 1 if func.body else func.lineno
    header = " ".join(line.strip() for line in lines[func.lineno - 1 : end])
    return header if header.endswith(":") else lines[func.lineno - 1].strip()


def _returns_value(func: ast.FunctionDef) -> bool:
    """Whether the function returns something other than None somewhere (nested defs aside)."""
    stack: list[ast.AST] = list(func.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(node, ast.Return) and node.value is not None:
            if not (isinstance(node.value, ast.Constant) and node.value.value is None):
                return True
        stack.extend(ast.iter_child_nodes(node))
    return False


def _design_class(
    code: str, examples: tuple[ExampleRecord, ...]
) -> tuple[CallShape, list[TestRecord], list[str]] | None:
    """A design problem: the answer is a class, the examples are lists of calls on it.

    The signature is the class skeleton (its `class` line and each public method's
    `def` line, `__init__` first); a test per example whose calls parse.
    """
    try:
        module = ast.parse(code)
    except SyntaxError:
        return None
    classes = [n for n in module.body if isinstance(n, ast.ClassDef)]
    if any(isinstance(n, ast.FunctionDef) for n in module.body) or len(classes) != 1:
        return None
    cls = classes[0]
    methods = [
        n
        for n in cls.body
        if isinstance(n, ast.FunctionDef) and (n.name == "__init__" or not n.name.startswith("_"))
    ]
    lines = code.splitlines()
    skeleton = "\n".join(
        [lines[cls.lineno - 1].strip(), *("    " + _def_line(code, m) for m in methods)]
    )
    shape = CallShape(entry_kind="design", entry_point=cls.name, signature=skeleton)
    tests: list[TestRecord] = []
    dropped = 0
    for example in examples:
        calls = cleaning.design_calls(example.input, example.output)
        if calls is None:
            dropped += 1
            continue
        try:
            shape.check_test(*calls)  # the contract: the first call is the class, and so on
        except ShapeError:
            dropped += 1
            continue
        args, expected = calls
        tests.append(
            TestRecord(
                args=args,
                expected=expected,
                is_sample=len(tests) < 3,
                checker=cleaning.checker_for(expected, check=""),
            )
        )
    if not tests:
        return None
    notes = [f"{dropped} example(s) not a list of calls on {cls.name}"] if dropped else []
    return shape, tests, notes


def _tests(
    examples: tuple[Any, ...], entry: ast.FunctionDef, *, order: str | None
) -> tuple[list[TestRecord], list[str]]:
    params = [a.arg for a in entry.args.posonlyargs + entry.args.args]
    required = params[: len(params) - len(entry.args.defaults)]
    cases: list[tuple[list[Any], dict[str, Any], Any]] = []
    dropped = 0
    for example in examples:
        kwargs = cleaning.parse_kwargs(example.input)
        try:
            expected = cleaning.to_json_value(
                cleaning.parse_literal(example.output), role="expected"
            )
        except (cleaning.NotLiteral, cleaning.NotJsonable):
            kwargs = None
        if kwargs is None:
            dropped += 1
        elif set(kwargs) <= set(params) and set(required) <= set(kwargs):
            cases.append(([], kwargs, expected))
        elif len(kwargs) == len(params):
            # the example names the arguments differently from the solution: keep their order
            cases.append((list(kwargs.values()), {}, expected))
        else:
            dropped += 1
    samples = cleaning.mark_samples([c[1] for c in cases], list(examples))
    tests = [
        TestRecord(
            args=args,
            kwargs=kwargs,
            expected=expected,
            is_sample=index in samples,
            checker=cleaning.checker_for(expected, order=order),
        )
        for index, (args, kwargs, expected) in enumerate(cases)
    ]
    notes = []
    if not tests:
        notes.append("no executable test: no example has literal input and output")
    elif dropped:
        notes.append(f"{dropped} example(s) not literal or not matching the solution's arguments")
    return tests, notes
