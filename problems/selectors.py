"""Reads of the problem bank, narrowed to what visitors may see."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from problems.models import Problem, ProblemEmbedding, ReferenceSolution, Tag


@dataclass(frozen=True)
class BankSummary:
    """What the bank holds, per source: what `make bank-full` reports at its end."""

    source: str
    problems: int
    with_tests: int
    with_hints: int
    with_editorial: int
    references: dict[str, int]  # language -> problems with a reference solution in it


def problem_reference(
    *, problem: Problem, kind: str = "optimal", language: str = "python3"
) -> ReferenceSolution | None:
    """The problem's reference solution of `kind` ("optimal" or "slow") in `language` (a
    judge registry key), else its Python one; None when it has neither. Reads through
    `problem.solutions.all()`, so a prefetch is used."""
    found = {s.language: s for s in problem.solutions.all() if s.kind == kind}
    return found.get(language) or found.get("python3")


def problem_list(
    *, query: str = "", difficulty: str = "", tag: str = "", source: str = ""
) -> QuerySet[Problem]:
    problems = Problem.objects.filter(is_published=True)
    if difficulty:
        problems = problems.filter(difficulty=difficulty)
    if tag:
        problems = problems.filter(tags__slug=tag)
    if source:
        problems = problems.filter(source=source)
    for word in query.split()[:8]:
        problems = problems.filter(Q(title__icontains=word) | Q(slug__icontains=word.lower()))
    return problems.only("slug", "title", "difficulty", "source").order_by("title")


def problem_search(
    *, query: str, difficulty: str = "", tag: str = "", limit: int = 50
) -> list[Problem]:
    """Title matches first, then problems whose meaning matches (embeddings, once built)."""
    by_title = list(problem_list(query=query, difficulty=difficulty, tag=tag)[:limit])
    if not query.strip() or not ProblemEmbedding.objects.exists():
        return by_title
    from mltools.contracts import SearchFilters
    from problems.ml_services import problems_search_text

    filters = SearchFilters(
        difficulties=(difficulty,) if difficulty else (), tags=(tag,) if tag else ()
    )
    seen = {p.pk for p in by_title}
    semantic = [
        p for p in problems_search_text(text=query, k=limit, filters=filters) if p.pk not in seen
    ]
    return (by_title + semantic)[:limit]


def problem_similar(*, problem: Problem, k: int = 5) -> list[Problem]:
    if not ProblemEmbedding.objects.filter(problem=problem).exists():
        return []
    from problems.ml_services import problems_similar

    return problems_similar(problem=problem, k=k)


def tag_list_with_counts() -> QuerySet[Tag]:
    return (
        Tag.objects.annotate(n=Count("problems", filter=Q(problems__is_published=True)))
        .filter(n__gt=0)
        .order_by("-n", "name")
    )


def problem_get(*, slug: str) -> Problem:
    return Problem.objects.prefetch_related("tags").get(slug=slug, is_published=True)


def bank_summary() -> list[BankSummary]:
    """One summary per source holding published problems, largest first."""
    published = Problem.objects.filter(is_published=True)
    rows = (
        published.values("source")
        .annotate(
            problems=Count("id", distinct=True),
            with_tests=Count("id", filter=Q(tests__isnull=False), distinct=True),
            with_hints=Count("id", filter=Q(hints__isnull=False), distinct=True),
            with_editorial=Count("id", filter=~Q(editorial=""), distinct=True),
        )
        .order_by("-problems", "source")
    )
    references: dict[str, dict[str, int]] = {}
    for row in (
        ReferenceSolution.objects.filter(problem__in=published)
        .values("problem__source", "language")
        .annotate(n=Count("problem", distinct=True))
    ):
        references.setdefault(row["problem__source"], {})[row["language"]] = row["n"]
    return [
        BankSummary(
            source=row["source"],
            problems=row["problems"],
            with_tests=row["with_tests"],
            with_hints=row["with_hints"],
            with_editorial=row["with_editorial"],
            references=dict(
                sorted(references.get(row["source"], {}).items(), key=lambda kv: (-kv[1], kv[0]))
            ),
        )
        for row in rows
    ]
