"""LeetCodeDataset (newfacade/LeetCodeDataset) rows -> ProblemRecord.

Reads both shapes of the dataset: v0.1/v0.2 keep `difficulty`, `question_id`,
the description (`question_title`) and the starter (`lang_code`) under `meta`;
v0.3 has them at the top level as `difficulty`, `problem_description`,
`starter_code` and `tags` (a JSON array or a Python-literal string).

- Tests come from the `check(candidate)` asserts, then from `input_output`
  pairs whose arguments the asserts do not already cover. A problem without
  one convertible test is skipped: every imported problem must be runnable.
- `prompt` is kept as the preamble, with `from builtins import pow` appended:
  its `from math import *` shadows the three-argument `pow`.
- The checker follows the dataset's own assert where it compares sorted or set
  values or within a tolerance; otherwise statements saying answers may come "in
  any order" get any_order (the list of answers, each compared exactly: boards,
  coordinates) or any_order_nested where each answer is itself a set
  (`cleaning.answer_order`).
- Float answers take the statement's tolerance ("within 10^-5", flattened to
  "10-5"), else the assert's, else LeetCode's 1e-5.
- The signature is the verified completion's def line (the starter's when it has
  none): it decides which arguments become ListNode/TreeNode.
- In-place problems ("Do not return anything, modify nums in-place instead.")
  compare the argument they name (`returns_argument`). The dataset holds no
  design problems (its entry points are all `Solution().method`).
- The first tests whose arguments are those of the description's examples are
  samples.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mltools import callshape
from mltools.callshape import CallShape, ShapeError
from mltools.contracts import ProblemRecord, SkippedRecord, SolutionRecord, TestRecord
from mltools.data import cleaning
from mltools.data.io import Located, Parsed, PathOrLines, json_objects, skipped

_PROJECT = Path(__file__).resolve().parents[2]
# Where `ingest_problems --source leetcodedataset` reads without --path, first found wins:
# what `fetch_problems leetcodedataset` downloaded, then the development data beside the
# checkout (`../shared/data/leetcodedataset`).
DEFAULT_FOLDERS = (
    _PROJECT / "var" / "data" / "raw" / "leetcodedataset",
    _PROJECT.parent / "shared" / "data" / "leetcodedataset",
)


def default_path() -> str | None:
    """The first of DEFAULT_FOLDERS that holds .jsonl or .jsonl.gz files; None when none does."""
    for folder in DEFAULT_FOLDERS:
        if folder.is_dir() and any(folder.glob("*.jsonl*")):
            return str(folder)
    return None


SOURCE = "leetcodedataset"
LICENCE = "MIT (tests, solutions); statement (c) LeetCode"
ATTRIBUTION = (
    "Tests and reference solution from LeetCodeDataset by Yunhui Xia et al. "
    "(https://github.com/newfacade/LeetCodeDataset), MIT licence. "
    "Problem statement (c) LeetCode, https://leetcode.com/problems/{slug}/."
)
POW_FIX = (
    "\n# The wildcard imports above shadow the builtin pow; keep its three-argument form.\n"
    "from builtins import pow\n"
)


def parse(path_or_lines: PathOrLines) -> Iterator[ProblemRecord | SkippedRecord]:
    """Problems and skipped lines; of several rows for one task_id, the last one wins."""
    for item in parse_located(path_or_lines):
        yield item.record if isinstance(item, Located) else item


def parse_located(path_or_lines: PathOrLines) -> Iterator[Parsed]:
    """Like `parse`, with lines and notes.

    The dataset's versions overlap (3,835 rows for 2,091 problems), so rows are
    read first and only the last row of each task_id is cleaned; an earlier row
    stands in when the last cannot be used. `Located.replaces` counts the rows
    a problem's row supersedes.
    """
    items = list(json_objects(path_or_lines))
    rows_of: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        if not isinstance(item, SkippedRecord):
            rows_of.setdefault(_text(item[2], "task_id"), []).append(index)
    for index, item in enumerate(items):
        if isinstance(item, SkippedRecord):
            yield item
            continue
        task_id = _text(item[2], "task_id")
        indexes = rows_of[task_id] if task_id else [index]
        if index != indexes[-1]:
            continue  # a later row for the same problem updates this one
        for candidate in reversed(indexes):
            origin, number, row = items[candidate]  # type: ignore[misc]
            try:
                record, notes = row_to_record(row)
            except ValueError as exc:
                yield skipped(origin, number, f"{task_id or 'row'}: {exc}")
                continue
            yield Located(
                record=record, line=number, origin=origin, notes=notes, replaces=len(indexes) - 1
            )
            break


def row_to_record(row: dict[str, Any]) -> tuple[ProblemRecord, tuple[str, ...]]:
    """One dataset row as a ProblemRecord and notes on what was dropped; ValueError if unusable."""
    meta: dict[str, Any] = row["meta"] if isinstance(row.get("meta"), dict) else {}
    task_id = _text(row, "task_id")
    if not task_id:
        raise ValueError("no task_id")
    entry = _text(row, "entry_point")
    match = re.fullmatch(r"Solution\(\)\.(\w+)", entry)
    if match:
        entry_kind, entry_point = "method", match.group(1)
    elif entry.isidentifier():
        entry_kind, entry_point = "function", entry
    else:
        raise ValueError(f"unsupported entry point {entry!r}")
    level = cleaning.difficulty(row.get("difficulty") or meta.get("difficulty"))
    if not level:
        raise ValueError(f"unknown difficulty {row.get('difficulty') or meta.get('difficulty')!r}")
    description = str(row.get("problem_description") or meta.get("question_title") or "")
    if not description.strip():
        raise ValueError("no problem description")
    starter = str(row.get("starter_code") or meta.get("lang_code") or "").rstrip()
    # The verified completion's def line first: it converts the tests' node arguments, and
    # a few starters misspell them ("root: reeNode").
    signature = next(
        (
            ln.strip()
            for code in (str(row.get("completion") or ""), starter)
            for ln in code.splitlines()
            if ln.lstrip().startswith(f"def {entry_point}(") and ln.rstrip().endswith(":")
        ),
        "",
    )
    if starter.endswith(":"):
        starter += "\n        "
    sections = cleaning.split_statement(description)
    order = cleaning.answer_order(description)
    tests, notes, eps = _tests(row, signature, order, sections["examples"])
    if not tests:
        raise ValueError("no executable test: " + ("; ".join(notes) or "no asserts"))
    prompt = str(row.get("prompt") or "")
    preamble = prompt.rstrip() + "\n" + (POW_FIX if "import *" in prompt else "")
    completion = str(row.get("completion") or "")
    shape = _shape(entry_kind, entry_point, signature, description)
    floats = any(t.checker == "float" for t in tests)
    tolerance = cleaning.tolerance_from_statement(description) or eps
    record = ProblemRecord(
        source=SOURCE,
        source_id=task_id,
        slug=cleaning.slugify(task_id),
        title=cleaning.title_from_slug(task_id),
        difficulty=level,
        statement=cleaning.paragraphs(
            cleaning.restore_exponents(sections["statement"], bounds=False)
        ),
        entry_point=entry_point,
        entry_kind=entry_kind,
        signature=signature,
        returns_argument=shape.returns_argument,
        tolerance=(tolerance or callshape.DEFAULT_TOLERANCE) if floats else None,
        starter_code={"python3": starter if starter else shape.starter_code()},
        preamble=preamble.lstrip("\n"),
        examples=sections["examples"],
        constraints=cleaning.constraints_markdown(
            cleaning.restore_exponents(sections["constraints"], bounds=True)
        ),
        follow_up=cleaning.restore_exponents(sections["follow_up"], bounds=False),
        tags=cleaning.tag_slugs(_tags(row.get("tags") or meta.get("tags"))),
        tests=tuple(tests),
        solutions=(SolutionRecord(code=completion, kind="optimal"),) if completion else (),
        source_url=f"https://leetcode.com/problems/{task_id}/",
        licence=LICENCE,
        attribution=ATTRIBUTION.format(slug=task_id),
    )
    return record, tuple(notes)


def _shape(entry_kind: str, entry_point: str, signature: str, description: str) -> CallShape:
    """The call shape; an in-place problem ("Do not return anything, modify nums in-place")
    compares the argument it names. A signature that does not parse is left out."""
    try:
        shape = CallShape(entry_kind=entry_kind, entry_point=entry_point, signature=signature)
        method = shape.methods().get(entry_point)
    except ShapeError:
        return CallShape(entry_kind=entry_kind, entry_point=entry_point)
    if method is None:
        return shape
    argument = cleaning.in_place_argument(
        description, [name for name, _ in method.params], returns_nothing=method.returns_none
    )
    return dataclasses.replace(shape, returns_argument=argument)


def _tests(
    row: dict[str, Any], signature: str, order: str | None, examples: tuple[Any, ...]
) -> tuple[list[TestRecord], list[str], float | None]:
    cases, reasons = cleaning.cases_from_check(_text(row, "test"))
    if not signature.endswith("-> bool:"):
        dropped = [c for c in cases if c.truthy]
        cases = [c for c in cases if not c.truthy]
        reasons += ["truthiness assert on a function not returning bool"] * len(dropped)
    seen = {case.key() for case in cases}
    returns = signature.rpartition("->")[2]
    unreadable = 0
    pairs = _io_pairs(row.get("input_output"))
    if len(pairs) == len(cases) and not reasons:
        pairs = []  # the dataset writes one pair per assert: nothing new to learn from them
    for pair in pairs:
        case = _io_case(pair, returns)
        if case is None:
            unreadable += 1
        elif case.key() not in seen:
            seen.add(case.key())
            cases.append(case)
    if unreadable and not cases:
        reasons.append(f"{unreadable} input_output pair(s) not literal")
    samples = cleaning.mark_samples([c.kwargs for c in cases], list(examples))
    tests = [
        TestRecord(
            args=case.args,
            kwargs=case.kwargs,
            expected=case.expected,
            is_sample=index in samples,
            checker=cleaning.checker_for(case.expected, order=order, check=case.checker),
        )
        for index, case in enumerate(cases)
    ]
    notes = (
        [f"{len(reasons)} assert(s) not converted: {reasons[0]}"] if reasons and tests else reasons
    )
    eps = max((c.eps for c in cases if c.eps is not None), default=None)
    return tests, notes, eps


def _io_pairs(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, str):
        try:
            value = cleaning.parse_literal(value)
        except cleaning.NotLiteral:
            return []
    if not isinstance(value, list):
        return []
    return [p for p in value if isinstance(p, dict) and "input" in p and "output" in p]


def _io_case(pair: dict[str, Any], returns: str) -> cleaning.Case | None:
    kwargs = cleaning.parse_kwargs(str(pair["input"]))
    if kwargs is None:
        return None
    try:
        expected = cleaning.parse_literal(str(pair["output"]))
        if (
            "TreeNode" in returns
            and isinstance(expected, list)
            and not returns.strip().startswith("List")
        ):
            expected = cleaning.canonical_tree(expected)
        elif "ListNode" in returns and expected == [] and not returns.strip().startswith("List"):
            expected = None
        expected = cleaning.to_json_value(expected, role="expected value")
    except (cleaning.NotLiteral, cleaning.NotJsonable):
        return None
    return cleaning.Case(args=[], kwargs=kwargs, expected=expected)


def _tags(value: Any) -> list[str]:
    if isinstance(value, str):
        try:
            value = cleaning.parse_literal(value)
        except cleaning.NotLiteral:
            value = [t for t in re.split(r"[,;]", value)]
    if not isinstance(value, (list, tuple)):
        return []
    return [str(t) for t in value if str(t).strip()]


def _text(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    return value.strip() if isinstance(value, str) else ""
