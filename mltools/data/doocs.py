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
- tags, only when the source has none;
- the reference solutions' time and space complexity, when they have none, from
  what the first approach states ("The time complexity is O(n)"), read by
  `mltools.complexity` (only classes of one n: "O(m × n)" is left out).

A record's own title is replaced only when it was derived from the slug; its
own editorial, hints and tags are never overwritten. The attribution gains
the doocs credit whenever something was taken from it.

The index is built here too (`build_index`, `manage.py build_doocs_index`) from
a doocs/leetcode checkout: each `solution/<range>/<NNNN.Title>/README_EN.md`
becomes one row (`row_from_readme`) in the shape `load_index` reads, so that
`--enrich-from` takes either the built file or the checkout itself. Rows keep
each approach's code per language for the languages feature.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from mltools import complexity, storage
from mltools.contracts import ProblemRecord, SkippedRecord, SolutionRecord
from mltools.data import cleaning
from mltools.data.io import Located, PathOrLines, json_objects

CHECKOUT_README = "README_EN.md"
CHECKOUT_GLOB = f"solution/*/*/{CHECKOUT_README}"

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
    python: str = ""  # this approach's Python3 code (the growth accuracy bench measures it)


@dataclass(frozen=True)
class Entry:
    slug: str
    title: str
    tags: tuple[str, ...]
    approaches: tuple[Approach, ...]
    # The first approach's code in each language the judge runs besides Python ({"cpp": ...}).
    code: tuple[tuple[str, str], ...] = ()


# doocs's language tabs -> the judge's language keys (problems.judge.languages).
CODE_LANGUAGES = {
    "C++": "cpp",
    "Java": "java",
    "JavaScript": "javascript",
    "TypeScript": "typescript",
}


@dataclass(frozen=True)
class Index:
    entries: dict[str, Entry]
    skipped: tuple[SkippedRecord, ...]


def load_index(path_or_lines: PathOrLines) -> Index:
    """The index by slug; lines that are not usable entries are listed, never fatal.

    A doocs/leetcode checkout (a folder holding `solution/`) is read directly."""
    entries: dict[str, Entry] = {}
    skipped: list[SkippedRecord] = []
    rows: Iterator[tuple[str, int, dict[str, Any]] | SkippedRecord]
    if is_checkout(path_or_lines):
        assert isinstance(path_or_lines, str | Path)
        rows = _numbered(build_index(Path(path_or_lines)))
    else:
        rows = json_objects(path_or_lines)
    for item in rows:
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
    code: dict[str, str] = {}
    for raw in _listish(row.get("approaches")):
        if not isinstance(raw, dict):
            continue
        for tab, text in (raw.get("code") or {}).items():
            key = CODE_LANGUAGES.get(tab)
            if key and key not in code and isinstance(text, str) and text.strip():
                code[key] = text if text.endswith("\n") else text + "\n"
        explanation = cleaning.normalize_space(plain_math(str(raw.get("explanation_md") or "")))
        if not explanation:
            continue
        name = _APPROACH_NAME.sub("", str(raw.get("name") or "")).strip()
        python = (raw.get("code") or {}).get("Python3")
        python = python if isinstance(python, str) and python.strip() else ""
        approaches.append(Approach(name=name, explanation=explanation, python=python))
    return Entry(
        slug=slug,
        title=cleaning.normalize_space(str(row.get("title") or "").replace("🔒", "")),
        tags=cleaning.tag_slugs([str(t) for t in _listish(row.get("tags"))]),
        approaches=tuple(approaches),
        code=tuple(sorted(code.items())),
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
    if entry.approaches and any(not s.time_complexity for s in record.solutions):
        time, space = complexity.stated_complexities(entry.approaches[0].explanation)
        if time:
            changes["solutions"] = tuple(
                s
                if s.time_complexity
                else dataclasses.replace(
                    s, time_complexity=time, space_complexity=s.space_complexity or space
                )
                for s in record.solutions
            )
    solutions = changes.get("solutions", record.solutions)
    have = {s.language for s in solutions}
    time, space = (
        complexity.stated_complexities(entry.approaches[0].explanation)
        if entry.approaches
        else ("", "")
    )
    added = tuple(
        SolutionRecord(
            code=text,
            language=language,
            kind="optimal",
            time_complexity=time,
            space_complexity=space,
        )
        for language, text in entry.code
        if language not in have
    )
    if added:  # references in other languages: `verify_solutions --language L` runs them
        changes["solutions"] = (*solutions, *added)
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


# --- Building the index from a doocs/leetcode checkout -----------------------------

# The checkout's solution files, by extension, under the names its README tabs use.
FILE_LANGUAGES = {
    "py": "Python3",
    "cpp": "C++",
    "java": "Java",
    "ts": "TypeScript",
    "js": "JavaScript",
    "go": "Go",
}
_FOLDER = re.compile(r"^\d{4,}\.")
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
_TITLE = re.compile(r"^# \[(\d+)\. (.+?)\]\((\S+?)\)\s*$", re.M)
_DESCRIPTION = re.compile(r"<!-- description:start -->(.*?)<!-- description:end -->", re.S)
_SOLUTIONS = re.compile(r"^## Solutions?\s*$", re.M)
_APPROACH = re.compile(r"^### (.*)$", re.M)
_CODE_TAB = re.compile(r"^#### (.+?)[ \t]*\n+```[^\n]*\n(.*?)^```", re.S | re.M)
_SOLUTION_FILE = re.compile(r"^Solution(\d*)\.(\w+)$")


class CheckoutError(ValueError):
    """A folder that is not a doocs/leetcode checkout; the message is one line."""


@dataclass(frozen=True)
class BuiltIndex:
    """Index rows built from a checkout, in folder order, and the folders that gave none."""

    rows: tuple[dict[str, Any], ...]
    skipped: tuple[SkippedRecord, ...]  # line: the folder's position; reason names the folder

    def languages(self) -> dict[str, int]:
        """How many problems have code in each language, most first."""
        counts: dict[str, int] = {}
        for row in self.rows:
            for language in {lang for a in row["approaches"] for lang in a["code"]}:
                counts[language] = counts.get(language, 0) + 1
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def is_checkout(location: Any) -> bool:
    """A local folder holding doocs/leetcode's `solution/` folder."""
    return (
        isinstance(location, str | Path)
        and not storage.is_gs_url(location)
        and (Path(location) / "solution").is_dir()
    )


def checkout_folders(checkout: Path) -> list[Path]:
    """The problem folders (`solution/<range>/<NNNN.Title>/`) that hold an English README."""
    if not Path(checkout).is_dir():
        raise CheckoutError(f"no such folder: {checkout}")
    folders = sorted(
        readme.parent
        for readme in Path(checkout).glob(CHECKOUT_GLOB)
        if _FOLDER.match(readme.parent.name)
    )
    if not folders:
        raise CheckoutError(
            f"{checkout} is not a doocs/leetcode checkout: no "
            f"solution/<range>/<NNNN.Title>/{CHECKOUT_README} in it"
        )
    return folders


def build_index(
    checkout: Path,
    *,
    on_plan: Callable[[int], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> BuiltIndex:
    """One index row per problem folder of the checkout; a folder that cannot be read is
    listed with its reason and costs no other."""
    folders = checkout_folders(checkout)
    if on_plan is not None:
        on_plan(len(folders))
    rows: list[dict[str, Any]] = []
    skipped: list[SkippedRecord] = []
    for number, folder in enumerate(folders, start=1):
        relative = folder.relative_to(checkout).as_posix()
        try:
            rows.append(row_from_folder(folder, path=relative))
        except (ValueError, OSError) as exc:  # UnicodeDecodeError is a ValueError
            skipped.append(SkippedRecord(line=number, reason=f"{relative}: {_first_line(exc)}"))
        if on_progress is not None:
            on_progress(1)
    return BuiltIndex(rows=tuple(rows), skipped=tuple(skipped))


def row_from_folder(folder: Path, *, path: str) -> dict[str, Any]:
    """A problem folder as an index row: the README's text and tabs, and the solution files.

    The README's code tabs are what the published index holds (the files are the same
    code before the site's formatter ran); a `Solution<N>.<ext>` file fills approach N
    only when its README section has no code at all."""
    files = sorted(
        p.name for p in folder.iterdir() if p.is_file() and p.name.startswith("Solution")
    )
    row = row_from_readme((folder / CHECKOUT_README).read_text(encoding="utf-8"), path=path)
    row["solution_files"] = files
    approaches = row["approaches"]
    tabbed = any(approach["code"] for approach in approaches)
    for name in files:
        match = _SOLUTION_FILE.match(name)
        if not match or match.group(2) not in FILE_LANGUAGES:
            continue
        position = int(match.group(1) or 1) - 1
        if position < len(approaches) and not tabbed:
            code = (folder / name).read_text(encoding="utf-8")
            approaches[position]["code"][FILE_LANGUAGES[match.group(2)]] = code.rstrip("\n") + "\n"
    return row


def row_from_readme(text: str, *, path: str = "") -> dict[str, Any]:
    """A `README_EN.md` as an index row (all fields but `solution_files`); ValueError names
    what is missing."""
    meta, body = front_matter(text)
    title = _TITLE.search(body)
    if title is None:
        raise ValueError("no '# [N. Title](https://leetcode.com/problems/<slug>)' heading")
    slug = title.group(3).rstrip("/").rsplit("/", 1)[-1]
    description = _DESCRIPTION.search(body)
    rating = meta.get("rating")
    return {
        "frontend_id": int(title.group(1)),
        "title": title.group(2).strip(),
        "slug": slug,
        "difficulty": meta.get("difficulty"),
        "tags": [str(tag) for tag in meta.get("tags") or []],
        "rating": float(rating) if isinstance(rating, int | float) else None,
        "source": str(meta["source"]) if meta.get("source") else None,
        "description_html": description.group(1).strip() if description else "",
        "approaches": approaches_from_markdown(body),
        "solution_files": [],
        "path": path,
    }


def front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The YAML between the leading `---` lines, and the text after it; ValueError if broken."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        raise ValueError("no front matter (the '---' block with difficulty and tags)")
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        raise ValueError(f"front matter is not YAML: {_first_line(exc)}") from None
    if not isinstance(meta, dict):
        raise ValueError("front matter is not a mapping")
    return meta, text[match.end() :]


def approaches_from_markdown(body: str) -> list[dict[str, Any]]:
    """Each `### ` section of the Solutions part: its name, the explanation before its code
    tabs, and the code of each `#### Language` tab (the first tab of a language wins)."""
    solutions = _SOLUTIONS.split(body, maxsplit=1)
    if len(solutions) < 2:
        return []
    parts = _APPROACH.split(solutions[1])
    approaches = []
    for name, section in zip(parts[1::2], parts[2::2], strict=True):
        section = section.split("<!-- solution:end -->", 1)[0]
        code: dict[str, str] = {}
        for language, block in _CODE_TAB.findall(section):
            code.setdefault(language.strip(), block)
        explanation = section.split("<!-- tabs:start -->", 1)[0].strip()
        approaches.append({"name": name.strip(), "explanation_md": explanation, "code": code})
    return approaches


def _numbered(built: BuiltIndex) -> Iterator[tuple[str, int, dict[str, Any]] | SkippedRecord]:
    yield from built.skipped
    for number, row in enumerate(built.rows, start=1):
        yield "", number, row


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
