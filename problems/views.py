from django.core.paginator import Paginator
from django.db.models import QuerySet, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django_htmx.middleware import HtmxDetails

from problems import selectors
from problems.models import Difficulty, Problem

PAGE_SIZE = 50


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@require_GET
def problem_list(request: HtmxHttpRequest) -> HttpResponse:
    filters = {
        "query": request.GET.get("q", "").strip()[:200],
        "difficulty": request.GET.get("difficulty", ""),
        "tag": request.GET.get("tag", ""),
    }
    problems: QuerySet[Problem] | list[Problem]
    if filters["query"]:  # ranked: titles, then meaning
        problems = selectors.problem_search(
            query=filters["query"], difficulty=filters["difficulty"], tag=filters["tag"]
        )
    else:
        problems = selectors.problem_list(**filters)
    page = Paginator(problems, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)  # evaluated once, so the prefetch sticks
    prefetch_related_objects(page.object_list, "tags")
    context = {
        "page": page,
        "filters": filters,
        "difficulties": Difficulty.choices,
        "tags": selectors.tag_list_with_counts()[:40],
    }
    template = "problems/problem_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, context)


@require_GET
def problem_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        problem = selectors.problem_get(slug=slug)
    except Problem.DoesNotExist:
        raise Http404("No such problem.") from None
    similar = selectors.problem_similar(problem=problem)
    return render(request, "problems/problem_detail.html", {"problem": problem, "similar": similar})
