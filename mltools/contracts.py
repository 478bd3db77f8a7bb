"""Frozen dataclasses exchanged between Django apps and `mltools` facades.

`mltools` never imports Django: apps convert their models to these records in
one mapper function, and facades return these records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ExampleRecord:
    input: str
    output: str
    explanation: str = ""


@dataclass(frozen=True)
class TestRecord:
    __test__ = False  # not a pytest test class

    args: list[Any] = field(default_factory=list)
    kwargs: dict[str, Any] = field(default_factory=dict)
    expected: Any = None
    is_sample: bool = False
    checker: str = "exact"  # exact | any_order | any_order_nested | float
    size: int | None = None
    note: str = ""


@dataclass(frozen=True)
class SolutionRecord:
    code: str
    language: str = "python"
    kind: str = "optimal"  # optimal | slow | alternative
    explanation: str = ""
    time_complexity: str = ""
    space_complexity: str = ""


@dataclass(frozen=True)
class ProblemRecord:
    """One cleaned problem, whatever source it came from."""

    source: str
    source_id: str
    slug: str
    title: str
    difficulty: str  # easy | medium | hard
    statement: str  # markdown
    entry_point: str
    entry_kind: str = "method"  # method | function
    signature: str = ""
    starter_code: dict[str, str] = field(default_factory=dict)
    preamble: str = ""
    examples: tuple[ExampleRecord, ...] = ()
    constraints: str = ""
    follow_up: str = ""
    editorial: str = ""
    tags: tuple[str, ...] = ()
    tests: tuple[TestRecord, ...] = ()
    solutions: tuple[SolutionRecord, ...] = ()
    hints: tuple[str, ...] = ()
    generator: str = ""
    growth_sizes: tuple[int, ...] = ()
    time_limit_s: float = 2.0
    memory_limit_mb: int = 256
    source_url: str = ""
    licence: str = ""
    attribution: str = ""


@dataclass(frozen=True)
class SkippedRecord:
    """A source line that could not become a problem, and why."""

    line: int
    reason: str


# --- Embeddings and retrieval (issue 6) ---------------------------------------


@dataclass(frozen=True)
class EmbeddingHit:
    """One search result: the caller's key for a matrix row, and its cosine score."""

    key: int
    score: float


@dataclass(frozen=True)
class SearchFilters:
    """Filters applied together with the ranking (not after a fixed top-k)."""

    difficulties: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()  # a problem matches when it has any of them
    exclude_ids: tuple[int, ...] = ()  # e.g. problems the candidate has already seen
