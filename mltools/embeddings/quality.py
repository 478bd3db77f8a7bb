"""Retrieval quality: does a query written like a user's find the problem it describes?

The query for a problem is its own tags plus a paraphrase of its statement's
opening. The paraphrase is rule-based (no model, deterministic):
- only the first two sentences, the way a user recalls a problem;
- common words swapped for synonyms ("array" -> "list", "return" -> "output"),
  so an exact-wording match is not what is measured;
- the title is never used.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from mltools.contracts import ProblemRecord
from mltools.data import cleaning, doocs
from mltools.embeddings import api

SYNONYMS = {
    "given": "provided",
    "array": "list",
    "arrays": "lists",
    "integer": "number",
    "integers": "numbers",
    "return": "output",
    "returns": "outputs",
    "find": "compute",
    "string": "text",
    "strings": "texts",
    "minimum": "smallest",
    "maximum": "largest",
    "number": "count",
    "element": "item",
    "elements": "items",
    "each": "every",
    "determine": "decide",
    "contains": "holds",
    "consisting": "made up",
    "length": "size",
    "index": "position",
    "indices": "positions",
}
_WORD = re.compile(r"[A-Za-z]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def paraphrase(statement: str) -> str:
    opening = api._EXAMPLES_START.split(statement, maxsplit=1)[0].replace("\xa0", " ")
    sentences = _SENTENCE_END.split(" ".join(opening.split()))
    text = " ".join(sentences[:2])
    return _WORD.sub(lambda m: SYNONYMS.get(m.group(0).lower(), m.group(0)), text)


def query_for(problem: ProblemRecord) -> str:
    tags = ", ".join(t.replace("-", " ") for t in problem.tags)
    return f"{tags}: {paraphrase(problem.statement)}" if tags else paraphrase(problem.statement)


@dataclass(frozen=True)
class RecallReport:
    sample: int
    k: int
    hits: int
    misses: tuple[str, ...]

    @property
    def recall(self) -> float:
        return self.hits / self.sample if self.sample else 0.0


def recall_at_k(
    problems: Sequence[ProblemRecord],
    matrix: np.ndarray,
    *,
    sample: int = 200,
    k: int = 5,
    seed: int = 0,
    model_name: str = api.DEFAULT_MODEL,
) -> RecallReport:
    """Share of a random sample whose own query ranks them in the top `k` of `matrix`.

    `matrix[i]` is the embedding of `problems[i]`.
    """
    rows = random.Random(seed).sample(range(len(problems)), min(sample, len(problems)))
    queries = api.encode([query_for(problems[i]) for i in rows], model_name=model_name)
    misses = []
    for row, vec in zip(rows, queries, strict=True):
        if row not in {h.key for h in api.search(vec, matrix, k)}:
            misses.append(problems[row].slug)
    return RecallReport(sample=len(rows), k=k, hits=len(rows) - len(misses), misses=tuple(misses))


def shared_leetcodedataset(root: Path) -> Iterator[ProblemRecord]:
    """The ~2,100 unique LeetCodeDataset problems from `root` (the shared data folder).

    A minimal reader for benchmarks and this check (slug, title, difficulty,
    statement, tags joined from the doocs index); the full ingestion with tests
    and solutions lives with the other sources in `mltools/data`.
    """
    path = root / "doocs" / "doocs_leetcode_en.jsonl.gz"
    index = doocs.load_index(path).entries if path.exists() else {}
    seen: set[str] = set()
    for path in sorted((root / "leetcodedataset").glob("LeetCodeDataset-*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                slug = row["task_id"]
                if slug in seen:
                    continue
                seen.add(slug)
                meta = row.get("meta") or {}
                yield ProblemRecord(
                    source="leetcodedataset",
                    source_id=str(meta.get("question_id", slug)),
                    slug=slug,
                    title=index[slug].title if slug in index else cleaning.title_from_slug(slug),
                    difficulty=str(meta.get("difficulty", "medium")).lower(),
                    statement=str(meta.get("question_title") or row.get("query") or ""),
                    entry_point=str(row.get("entry_point", "")).rsplit(".", 1)[-1],
                    tags=index[slug].tags if slug in index else (),
                )
