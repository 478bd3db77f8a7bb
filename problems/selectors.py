"""Reads of the problem bank, narrowed to what visitors may see."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from problems.models import Problem, Tag


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


def tag_list_with_counts() -> QuerySet[Tag]:
    return (
        Tag.objects.annotate(n=Count("problems", filter=Q(problems__is_published=True)))
        .filter(n__gt=0)
        .order_by("-n", "name")
    )


def problem_get(*, slug: str) -> Problem:
    return Problem.objects.prefetch_related("tags").get(slug=slug, is_published=True)
