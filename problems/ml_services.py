"""Embedding upkeep and semantic search over the problem bank.

Vectors live in `ProblemEmbedding` rows; searches rank against one in-process
float32 matrix loaded from them, reloaded only when the rows change (a cheap
count + latest-update query per search). Filters become a row mask applied with
the ranking, so "top 5 easy graph problems" is exact, not a filtered top 5.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, QuerySet

from mltools.contracts import (
    EmbeddingHit,
    JudgedVariant,
    ProblemRecord,
    SearchFilters,
    TrainingProblem,
)
from problems.models import Problem, ProblemEmbedding


def embedding_model_name() -> str:
    from mltools.embeddings.api import DEFAULT_MODEL

    return str(getattr(settings, "MOCKMATE_EMBEDDING_MODEL", DEFAULT_MODEL))


def problem_embedding_record(problem: Problem) -> ProblemRecord:
    """The fields the embedded text is built from (tags must be prefetched or cheap)."""
    return ProblemRecord(
        source=problem.source,
        source_id=problem.source_id,
        slug=problem.slug,
        title=problem.title,
        difficulty=problem.difficulty,
        statement=problem.statement,
        entry_point=problem.entry_point,
        tags=tuple(sorted(t.slug for t in problem.tags.all())),
    )


@dataclass(frozen=True)
class EmbeddingUpdateReport:
    model_name: str
    total: int
    embedded: int
    unchanged: int
    removed: int


def problem_embeddings_update(
    *,
    model_name: str | None = None,
    batch_size: int = 64,
    dry_run: bool = False,
    on_progress: Callable[[int], None] | None = None,
    on_plan: Callable[[int], None] | None = None,
) -> EmbeddingUpdateReport:
    """Embed every published problem whose text (or model) changed since its last embedding."""
    from mltools.embeddings import api

    model_name = model_name or embedding_model_name()
    problems = Problem.objects.filter(is_published=True).prefetch_related("tags").order_by("id")
    stored = dict(
        ProblemEmbedding.objects.filter(model_name=model_name).values_list(
            "problem_id", "text_hash"
        )
    )
    todo: list[tuple[Problem, str, str]] = []
    for problem in problems:
        text = api.problem_text(problem_embedding_record(problem))
        digest = api.text_hash(text, model_name)
        if stored.get(problem.pk) != digest:
            todo.append((problem, text, digest))
    total = len(stored) if dry_run else problems.count()
    stale = ProblemEmbedding.objects.filter(model_name=model_name).exclude(
        problem__in=Problem.objects.filter(is_published=True)
    )
    removed = stale.count()
    if on_plan is not None:
        on_plan(len(todo))
    if dry_run or not todo and not removed:
        return EmbeddingUpdateReport(model_name, total, len(todo), total - len(todo), removed)

    vectors = api.encode(
        [text for _, text, _ in todo],
        model_name=model_name,
        batch_size=batch_size,
        on_batch=on_progress,
    )
    with transaction.atomic():
        stale.delete()
        existing = {
            e.problem_id: e
            for e in ProblemEmbedding.objects.filter(
                model_name=model_name, problem_id__in=[p.pk for p, _, _ in todo]
            )
        }
        new: list[ProblemEmbedding] = []
        changed: list[ProblemEmbedding] = []
        for (problem, _, digest), vec in zip(todo, vectors, strict=True):
            row = existing.get(problem.pk) or ProblemEmbedding(
                problem=problem, model_name=model_name
            )
            row.text_hash, row.dimensions, row.vector = digest, int(vec.shape[0]), api.to_bytes(vec)
            (changed if row.pk else new).append(row)
        ProblemEmbedding.objects.bulk_create(new, batch_size=500)
        ProblemEmbedding.objects.bulk_update(
            changed, ["text_hash", "dimensions", "vector"], batch_size=500
        )
        # bulk_update skips auto_now; touch the rows so the search cache reloads.
        from django.utils import timezone

        ProblemEmbedding.objects.filter(pk__in=[r.pk for r in changed]).update(
            updated=timezone.now()
        )
    return EmbeddingUpdateReport(model_name, total, len(todo), total - len(todo), removed)


# --- Search -------------------------------------------------------------------


@dataclass(frozen=True)
class _Index:
    stamp: tuple[int, object]
    ids: np.ndarray
    matrix: np.ndarray


_cache: dict[str, _Index] = {}
_cache_lock = threading.Lock()


def _index(model_name: str) -> _Index:
    rows = ProblemEmbedding.objects.filter(model_name=model_name)
    agg = rows.aggregate(n=Count("id"), latest=Max("updated"))
    stamp = (int(agg["n"]), agg["latest"])
    with _cache_lock:
        index = _cache.get(model_name)
        if index is None or index.stamp != stamp:
            from mltools.embeddings import api

            pairs = list(rows.order_by("problem_id").values_list("problem_id", "vector"))
            index = _Index(
                stamp=stamp,
                ids=np.array([p for p, _ in pairs], dtype=np.int64),
                matrix=api.stack([v for _, v in pairs]),
            )
            _cache[model_name] = index
    return index


def _allowed(filters: SearchFilters | None) -> QuerySet[Problem]:
    problems = Problem.objects.filter(is_published=True)
    if filters is None:
        return problems
    if filters.difficulties:
        problems = problems.filter(difficulty__in=filters.difficulties)
    if filters.tags:
        problems = problems.filter(tags__slug__in=filters.tags)
    if filters.exclude_ids:
        problems = problems.exclude(pk__in=filters.exclude_ids)
    return problems


def _ranked(
    vector: np.ndarray, *, k: int, filters: SearchFilters | None, model_name: str
) -> list[Problem]:
    from mltools.embeddings import api

    index = _index(model_name)
    allowed = np.fromiter(_allowed(filters).values_list("pk", flat=True).distinct(), dtype=np.int64)
    mask = np.isin(index.ids, allowed)
    hits: list[EmbeddingHit] = api.search(vector, index.matrix, k, mask=mask, keys=index.ids)
    by_id = Problem.objects.in_bulk([h.key for h in hits])
    return [by_id[h.key] for h in hits if h.key in by_id]


def problems_similar(
    *, problem: Problem, k: int = 5, filters: SearchFilters | None = None
) -> list[Problem]:
    """Problems like this one (never itself), best first."""
    from mltools.embeddings import api

    model_name = embedding_model_name()
    row = ProblemEmbedding.objects.filter(problem=problem, model_name=model_name).first()
    if row is None:
        vector = api.encode_query(
            api.problem_text(problem_embedding_record(problem)), model_name=model_name
        )
    else:
        vector = api.from_bytes(row.vector)
    base = filters or SearchFilters()
    narrowed = SearchFilters(
        difficulties=base.difficulties,
        tags=base.tags,
        exclude_ids=(*base.exclude_ids, problem.pk),
    )
    return _ranked(vector, k=k, filters=narrowed, model_name=model_name)


def problems_search_text(
    *, text: str, k: int = 10, filters: SearchFilters | None = None
) -> list[Problem]:
    """Free-text search ("sliding window over a string"), best first."""
    from mltools.embeddings import api

    if not text.strip():
        return []
    model_name = embedding_model_name()
    return _ranked(
        api.encode_query(text, model_name=model_name), k=k, filters=filters, model_name=model_name
    )


def problems_for_job_description(
    *, text: str, k: int = 5, filters: SearchFilters | None = None
) -> list[Problem]:
    """Problems matching a job description or topic, for the interview start."""
    from mltools.embeddings import api

    if not text.strip():
        return []
    model_name = embedding_model_name()
    vector = api.encode_document(text, model_name=model_name)
    return _ranked(vector, k=k, filters=filters, model_name=model_name)


# --- Training data ------------------------------------------------------------


def _broken_variant(code: str, entry_point: str) -> str:
    """A deliberately wrong copy of a correct solution: its entry point returns early.

    Whatever this does, the judge's report on it is what the feedback target
    states, so the target is true even when the mutation is crude.
    """
    lines = code.splitlines()
    for i, line in enumerate(lines):
        if line.lstrip().startswith(f"def {entry_point}("):
            indent = " " * (len(line) - len(line.lstrip()) + 4)
            # A signature spread over several lines ends at the first line ending with ':'.
            end = next(j for j in range(i, len(lines)) if lines[j].rstrip().endswith(":"))
            return "\n".join([*lines[: end + 1], f"{indent}return None", *lines[end + 1 :]])
    return code + "\n\nraise RuntimeError('broken on purpose')\n"


def _judged_variant(problem: Problem, kind: str, code: str, stated_time: str) -> JudgedVariant:
    from problems.judge.service import problem_judge
    from problems.judge.verdicts import Verdict

    report = problem_judge(
        problem=problem, code=code, include_hidden=True, stop_on_first_failure=False
    )
    failing = next((t for t in report.tests if t.verdict != Verdict.AC and t.is_sample), None)
    label = Verdict(report.verdict).label if report.verdict in Verdict.values else report.verdict
    return JudgedVariant(
        kind=kind,
        code=code,
        verdict=str(label),
        passed=report.passed,
        total=report.total,
        failing_input=json.dumps(failing.input) if failing and failing.input else "",
        expected=json.dumps(failing.expected) if failing else "",
        actual=json.dumps(failing.actual) if failing else "",
        message=report.message if report.verdict != Verdict.AC else "",
        max_cpu_s=round(report.max_cpu_s, 4),
        time_complexity=stated_time if report.verdict == Verdict.AC else "",
    )


def training_problem_record(*, problem: Problem, judge: bool = True) -> TrainingProblem:
    """A problem with its reference, slow and broken variants judged for real."""
    solutions = {s.kind: s for s in problem.solutions.all() if s.language == "python3"}
    optimal = solutions.get("optimal")
    judged: list[JudgedVariant] = []
    if judge and optimal is not None:
        judged.append(_judged_variant(problem, "reference", optimal.code, optimal.time_complexity))
        if (slow := solutions.get("slow")) is not None:
            judged.append(_judged_variant(problem, "slow", slow.code, slow.time_complexity))
        broken = _broken_variant(optimal.code, problem.entry_point)
        judged.append(_judged_variant(problem, "broken", broken, ""))
    return TrainingProblem(
        slug=problem.slug,
        title=problem.title,
        difficulty=problem.difficulty,
        statement=problem.statement,
        tags=tuple(sorted(t.slug for t in problem.tags.all())),
        editorial=problem.editorial or (optimal.explanation if optimal else ""),
        follow_up=problem.follow_up,
        solution_code=optimal.code if optimal else "",
        time_complexity=optimal.time_complexity if optimal else "",
        space_complexity=optimal.space_complexity if optimal else "",
        judged=tuple(judged),
    )


def training_problems_export(
    *,
    out_dir: Path,
    partitions: int = 4,
    judge: bool = True,
    sources: tuple[str, ...] = (),
    on_progress: Callable[[int], None] | None = None,
) -> list[Path]:
    """Write the published problems (optionally of some sources) as JSONL partitions."""
    from mltools.data.prepare import write_partitions

    problems = Problem.objects.filter(is_published=True).prefetch_related("tags", "solutions")
    if sources:
        problems = problems.filter(source__in=sources)

    def records() -> Iterator[TrainingProblem]:
        for problem in problems.order_by("slug"):
            yield training_problem_record(problem=problem, judge=judge)
            if on_progress is not None:
                on_progress(1)

    return write_partitions(records(), out_dir, partitions)
