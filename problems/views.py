from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from problems.models import Problem


@require_GET
def problem_list(request: HttpRequest) -> HttpResponse:
    return render(request, "problems/problem_list.html", {"problems": Problem.objects.all()[:50]})


@require_GET
def problem_detail(request: HttpRequest, slug: str) -> HttpResponse:
    problem = get_object_or_404(Problem, slug=slug)
    return render(request, "problems/problem_detail.html", {"problem": problem})
