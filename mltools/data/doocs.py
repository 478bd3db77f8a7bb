"""The doocs/leetcode index: titles, editorials and hint ladders for LeetCode problems.

LeetCodeDataset rows carry tests and a reference solution but no title, no
explanation and no hints, so a candidate who draws one of its 2,000 problems
would get an empty hint ladder and no editorial on the scorecard. The
doocs/leetcode project (CC BY-SA 4.0) explains nearly every LeetCode problem
with one or more approaches; `ingest_problems --enrich-from PATH` joins its
index by slug and fills what a record lacks:

- the title ("3Sum" rather than the slug's "3sum");
- the editorial: every approach, its explanation with LaTeX turned into plain
  text in code spans (the site renders markdown, not maths);
- three hints, gentle to strong, from the first approach: its technique, the
  explanation's first sentence, then the explanation without its complexity
  paragraph (near-pseudocode);
- tags, only when the source has none.

A record's own title is replaced only when it was derived from the slug; its
own editorial, hints and tags are never overwritten. The attribution gains
the doocs credit whenever something was taken from it.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from mltools.contracts import ProblemRecord, SkippedRecord
from mltools.data import cleaning
from mltools.data.io import Located, PathOrLines, json_objects

ATTRIBUTION = (
    "Title, editorial and hints adapted from doocs/leetcode "
    "(https://github.com/doocs/leetcode), CC BY-SA 4.0."
)
HINT_MAX_CHARS = 900  # the strongest rung: enough to outline the algorithm, not a transcript

# LaTeX commands of the explanations (counted over the whole index) and their plain forms.
_SYMBOLS = {
    "times": "×",
    "log": "log",
    "leq": "≤",
    "le": "≤",
    "geq": "≥",
    "ge": "≥",
    "lt": "<",
    "gt": ">",
    "neq": "≠",
    "ne": "≠",
    "max": "max",
    "min": "min",
    "Sigma": "Σ",
    "sum": "Σ",
    "oplus": "⊕",
    "bmod": "mod",
    "mod": "mod",
    "lfloor": "⌊",
    "rfloor": "⌋",
    "lceil": "⌈",
    "rceil": "⌉",
    "cdots": "…",
    "ldots": "…",
    "dots": "…",
    "cdot": "·",
    "in": "∈",
    "infty": "∞",
    "sqrt": "√",
    "alpha": "α",
    "beta": "β",
    "leftarrow": "←",
    "rightarrow": "→",
    "to": "→",
    "lor": "∨",
    "land": "∧",
    "quad": " ",
    "qquad": " ",
    "left": "",
    "right": "",
    "displaystyle": "",
}
_TEXT_MACRO = re.compile(r"\\(?:textit|text|texttt|textbf|mathrm|mathit|operatorname)\{([^{}]*)\}")
_FRAC = re.compile(r"\\frac\{([^{}]*)\}\{([^{}]*)\}")
_COMMAND = re.compile(r"\\([A-Za-z]+)")
_ENVIRONMENT = re.compile(r"\\(?:begin|end)\{[^{}]*\}")
_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
_INLINE = re.compile(r"(?<![\\$])\$([^$\n]+?)\$(?!\$)")
_APPROACH_NAME = re.compile(r"^\s*(?:solution|approach|method)\s*\d*\s*[:.：-]\s*", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z`])")


@dataclass(frozen=True)
class Approach:
    name: str  # "Hash Table", without "Solution 1:"
    explanation: str  # markdown, maths already plain


@dataclass(frozen=True)
class Entry:
    slug: str
    title: str
    tags: tuple[str, ...]
    approaches: tuple[Approach, ...]


@dataclass(frozen=True)
class Index:
    entries: dict[str, Entry]
    skipped: tuple[SkippedRecord, ...]


def load_index(path_or_lines: PathOrLines) -> Index:
    """The index by slug; lines that are not usable entries are listed, never fatal."""
    entries: dict[str, Entry] = {}
    skipped: list[SkippedRecord] = []
    for item in json_objects(path_or_lines):
        if isinstance(item, SkippedRecord):
            skipped.append(item)
            continue
        _, number, row = item
        try:
            entry = entry_from_row(row)
        except ValueError as exc:
            skipped.append(SkippedRecord(line=number, reason=f"doocs index: {exc}"))
            continue
        entries[entry.slug] = entry
    return Index(entries=entries, skipped=tuple(skipped))


def entry_from_row(row: dict[str, Any]) -> Entry:
    slug = str(row.get("slug") or "").strip()
    if not slug:
        raise ValueError("no slug")
    approaches = []
    for raw in _listish(row.get("approaches")):
        if not isinstance(raw, dict):
            continue
        explanation = cleaning.normalize_space(plain_math(str(raw.get("explanation_md") or "")))
        if not explanation:
            continue
        name = _APPROACH_NAME.sub("", str(raw.get("name") or "")).strip()
        approaches.append(Approach(name=name, explanation=explanation))
    return Entry(
        slug=slug,
        title=cleaning.normalize_space(str(row.get("title") or "").replace("🔒", "")),
        tags=cleaning.tag_slugs([str(t) for t in _listish(row.get("tags"))]),
        approaches=tuple(approaches),
    )


def enrich(record: ProblemRecord, entry: Entry) -> ProblemRecord:
    """The record with what it lacks filled from the entry (the same record if nothing)."""
    changes: dict[str, Any] = {}
    if entry.title and record.title == cleaning.title_from_slug(record.source_id or record.slug):
        if entry.title != record.title:
            changes["title"] = entry.title
    if not record.editorial.strip() and entry.approaches:
        changes["editorial"] = editorial(entry.approaches)
    if not record.hints and entry.approaches:
        changes["hints"] = hint_ladder(entry.approaches[0])
    if not record.tags and entry.tags:
        changes["tags"] = entry.tags
    if not changes:
        return record
    attribution = f"{record.attribution} {ATTRIBUTION}".strip()
    return dataclasses.replace(record, attribution=attribution, **changes)


def enrich_all(items: list[Located], index: Index) -> tuple[list[Located], int]:
    """Each parsed problem enriched from its index entry (by source id, then slug); and how many
    changed."""
    out, changed = [], 0
    for item in items:
        entry = index.entries.get(item.record.source_id) or index.entries.get(item.record.slug)
        record = enrich(item.record, entry) if entry is not None else item.record
        if record is not item.record:
            changed += 1
            item = dataclasses.replace(item, record=record)
        out.append(item)
    return out, changed


def editorial(approaches: tuple[Approach, ...]) -> str:
    parts = []
    for number, approach in enumerate(approaches, start=1):
        heading = f"Approach {number}" + (f": {approach.name}" if approach.name else "")
        parts.append(f"### {heading}\n\n{approach.explanation}")
    return "\n\n".join(parts)


def hint_ladder(approach: Approach) -> tuple[str, ...]:
    """Three rungs: the technique, the first sentence, the outline without its complexity."""
    paragraphs = [p.strip() for p in approach.explanation.split("\n\n") if p.strip()]
    outline = [p for p in paragraphs if not _is_complexity(p)] or paragraphs
    first = _SENTENCE_END.split(outline[0], maxsplit=1)[0]
    rungs = []
    if approach.name:
        rungs.append(f"Think about an approach based on: {approach.name}.")
    rungs.append(first)
    strongest = ""
    for paragraph in outline:
        if strongest and len(strongest) + len(paragraph) > HINT_MAX_CHARS:
            break
        strongest = f"{strongest}\n\n{paragraph}".strip()
    if strongest != first:
        rungs.append(strongest[: HINT_MAX_CHARS * 2])
    return tuple(rungs)


def plain_math(markdown: str) -> str:
    """`$\\textit{cnt}[c] \\leq 1$` -> `` `cnt[c] ≤ 1` ``; display maths becomes a code block."""
    text = _DISPLAY.sub(lambda m: "\n```\n" + _plain(m.group(1)).strip() + "\n```\n", markdown)
    return _INLINE.sub(lambda m: "`" + _plain(m.group(1)).replace("`", "'") + "`", text)


def _plain(latex: str) -> str:
    text = _ENVIRONMENT.sub("", latex)
    for _ in range(3):  # nested \textit{\text{...}}
        text = _TEXT_MACRO.sub(r"\1", text)
        text = _FRAC.sub(lambda m: f"{_grouped(m.group(1))} / {_grouped(m.group(2))}", text)
    text = text.replace("\\\\", "\n").replace("\\{", "{").replace("\\}", "}").replace("&", " ")
    text = text.replace("\\,", " ").replace("\\;", " ").replace("\\!", "").replace("\\%", "%")
    text = _COMMAND.sub(lambda m: _SYMBOLS.get(m.group(1), m.group(1)), text)
    text = re.sub(r"(?<=[≤≥<>≠∈×·⊕←→∨∧])(?=\w)|(?<=\w)(?=[≤≥≠∈×⊕←→∨∧])", " ", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def _grouped(term: str) -> str:
    term = term.strip()
    return term if re.fullmatch(r"[\w.\[\]]+", term) else f"({term})"


def _is_complexity(paragraph: str) -> bool:
    return bool(re.match(r"(?:the )?(?:time|space) complexity", paragraph.strip("`* "), re.I))


def _listish(value: Any) -> list[Any]:
    """A JSON list, or the Python-literal string of one that the index sometimes holds."""
    if isinstance(value, list):
        return value
    if isinstance(value, str) and value.strip().startswith("["):
        try:
            parsed = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            return []
        return parsed if isinstance(parsed, list) else []
    return []
