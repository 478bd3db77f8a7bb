"""Interview pages. Each view parses input, calls one service or selector, renders."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HTMX_STOP_POLLING, HttpResponseClientRedirect, trigger_client_event
from django_htmx.middleware import HtmxDetails

from interviews import history, jobs, selectors, services
from interviews.forms import ChatForm, CodeForm, InterviewStartForm, SignupForm
from interviews.models import Interview, InterviewProblem
from problems.judge.languages import get_language
from problems.judge.languages import offered as offered_languages
from problems.models import Problem


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


MSG_LOGGED_OUT = (
    "You are logged out (the session expired, or you logged out in another tab). "
    "Nothing was saved; your draft is kept in this browser. Log in again to continue."
)
# Refusals the room shows beside the editor. htmx swaps these (see base.html's
# htmx-config) and django-htmx's DEBUG script leaves them alone: it only takes
# over 400, 403, 404 and 500 responses.
INVALID, CONFLICT, GONE = 422, 409, 410


def candidate_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """`login_required` for the room: scripts get a 401, not a login page.

    htmx and fetch follow a redirect silently, so the login page's HTML would be
    swapped into the result pane or counted as a successful autosave. Requests
    from scripts (htmx, or fetch sending X-Requested-With) get a plain 401 that
    the room turns into a message; page loads still redirect to the login form.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if request.headers.get("HX-Request") or request.headers.get("X-Requested-With"):
            return HttpResponse(MSG_LOGGED_OUT, status=401, content_type="text/plain")
        return redirect_to_login(request.get_full_path())

    return wrapper


def _draft_version(response: HttpResponse, version: int) -> HttpResponse:
    """Tell the room which draft version it now holds (the next save starts from it)."""
    return trigger_client_event(response, "draft-saved", {"version": version})


def _candidate(request: HttpRequest) -> User:
    """The logged-in user (every view that calls this is behind login_required)."""
    assert isinstance(request.user, User)
    return request.user


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    recent = (
        selectors.interview_list(candidate=request.user)[:5]
        if request.user.is_authenticated
        else []
    )
    return render(request, "interviews/home.html", {"recent": recent})


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user)
        messages.success(request, "Welcome to Mockmate! Start your first interview.")
        return redirect("interview_new")
    return render(request, "registration/signup.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def interview_new(request: HttpRequest) -> HttpResponse:
    form = InterviewStartForm(
        request.POST or None, initial={"problem": request.GET.get("problem", "")}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        problem = Problem.objects.filter(slug=data["problem"]).first() if data["problem"] else None
        try:
            if data["problem"] and problem is None:
                raise ValidationError(services.MSG_UNAVAILABLE)
            interview = services.interview_start(
                candidate=_candidate(request),
                topics=[t.slug for t in data["topics"]],
                difficulty=data["difficulty"],
                language=data["language"],
                problem_count=data["problem_count"],
                time_limit_min=data["time_limit_min"],
                job_description=data["job_description"],
                problem=problem,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("interview_room", pk=interview.pk)
    return render(request, "interviews/interview_new.html", {"form": form})


def _expired_redirect(request: HtmxHttpRequest, interview: Interview) -> HttpResponse | None:
    if interview.status == "active" and interview.seconds_left == 0:
        services.interview_finish(interview=interview)
    if interview.status == "finished" or interview.seconds_left == 0:
        if request.htmx:
            return HttpResponseClientRedirect(f"/interviews/{interview.pk}/scorecard/")
        return redirect("scorecard", pk=interview.pk)
    return None


@login_required
@never_cache  # Back must ask again: the interview may have been finished since
@require_GET
def interview_room(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    interview = selectors.interview_get(candidate=request.user, pk=pk)
    if (response := _expired_redirect(request, interview)) is not None:
        return response
    item = selectors.item_get(interview=interview, order=int(request.GET.get("p", 1) or 1))
    context = {
        "interview": interview,
        "item": item,
        "items": interview.items.select_related("problem"),
        "problem": item.problem,
        "submissions": selectors.item_submissions(item=item),
        "hints": item.problem.hints.filter(rung__in=item.hint_reveals.values("rung")),
        "hints_left": item.problem.hints.count() - item.hint_reveals.count(),
        **_chat_context(interview, item),
        "languages": offered_languages(),
        "language_label": get_language(item.language).label,
        "editor_mode": get_language(item.language).editor_mode,
    }
    return render(request, "interviews/interview_room.html", context)


def _chat_context(interview: Interview, item: InterviewProblem) -> dict[str, object]:
    """The chat of one problem; model work nobody picked up in time stops being waited for."""
    turns = selectors.turn_list(interview=interview, item=item)
    services.llm_work_expire(turns=turns)
    return {"turns": turns, "chat_polling": selectors.turns_pending(turns)}


@candidate_required
@require_POST
def item_language(request: HttpRequest, pk: int, order: int) -> HttpResponse:
    """Switch this problem to another language (its code becomes that language's starter)."""
    interview = selectors.interview_get(candidate=request.user, pk=pk)
    item = selectors.item_get(interview=interview, order=order)
    try:
        services.item_language_set(item=item, language=request.POST.get("language", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(f"/interviews/{pk}/?p={order}")


@candidate_required
@require_POST
def draft_save(request: HttpRequest, pk: int, order: int) -> HttpResponse:
    interview = selectors.interview_get(candidate=request.user, pk=pk)
    item = selectors.item_get(interview=interview, order=order)
    form = CodeForm(request.POST)
    if not form.is_valid():
        return HttpResponse("Draft not saved: the code is too large.", status=INVALID)
    try:
        item = services.draft_save(
            item=item,
            code=form.cleaned_data["code"],
            explanation=form.cleaned_data["explanation"],
            version=form.cleaned_data["version"],
        )
    except ValidationError as exc:
        status = {"stale": CONFLICT, "closed": GONE}.get(str(exc.code), INVALID)
        return HttpResponse(" ".join(exc.messages), status=status)
    response = render(request, "interviews/partials/_saved.html", {"item": item})
    return _draft_version(response, item.version)


@candidate_required
@require_POST
def submission_create(request: HtmxHttpRequest, pk: int, order: int) -> HttpResponse:
    interview = selectors.interview_get(candidate=request.user, pk=pk)
    item = selectors.item_get(interview=interview, order=order)
    form = CodeForm(request.POST)
    kind = request.POST.get("kind", "run")
    error = "" if form.is_valid() else "Your code is too large to submit (the limit is 64 KB)."
    submission = None
    if not error:
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            submission = services.submission_create(item=item, kind=kind, **data)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect(f"/interviews/{pk}/?p={order}")
    response = render(
        request,
        "interviews/partials/_submission.html",
        {"submission": submission, "error": error, "interview": interview},
        status=INVALID if error else 200,
    )
    return response if error else _draft_version(response, item.version)


@candidate_required
@require_GET
def submission_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    submission = selectors.submission_get(candidate=request.user, pk=pk)
    if jobs.jobs_reap(submission=submission):  # its worker died: hand the work back now
        submission = selectors.submission_get(candidate=request.user, pk=pk)
    services.llm_work_expire(feedback=getattr(submission, "feedback", None))
    response = render(request, "interviews/partials/_submission.html", {"submission": submission})
    if request.htmx and submission.is_settled:
        response.status_code = HTMX_STOP_POLLING
    return response


@candidate_required
@require_POST
def hint_reveal(request: HtmxHttpRequest, pk: int, order: int) -> HttpResponse:
    interview = selectors.interview_get(candidate=request.user, pk=pk)
    item = selectors.item_get(interview=interview, order=order)
    try:
        services.hint_reveal(item=item)
    except ValidationError as exc:
        messages.info(request, " ".join(exc.messages))
    context = {
        "interview": interview,
        "item": item,
        "hints": item.problem.hints.filter(rung__in=item.hint_reveals.values("rung")),
        "hints_left": item.problem.hints.count() - item.hint_reveals.count(),
    }
    if request.htmx:
        return render(request, "interviews/partials/_hints.html", context)
    return redirect(f"/interviews/{pk}/?p={order}")


@candidate_required
@require_http_methods(["GET", "POST"])
def chat(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The chat of problem `order` (POST field, or `?p=` when polling): ask, or refresh."""
    interview = selectors.interview_get(candidate=request.user, pk=pk)
    source = request.POST if request.method == "POST" else request.GET
    order = source.get("order") or source.get("p") or "1"
    item = selectors.item_get(interview=interview, order=int(order) if order.isdigit() else 1)
    error = ""
    if request.method == "POST":
        form = ChatForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(services.MSG_EMPTY_QUESTION)
            services.chat_ask(
                interview=interview, item=item, question=form.cleaned_data["question"]
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        if not request.htmx:
            return redirect(f"/interviews/{pk}/?p={item.order}")
    context = {
        "interview": interview,
        "item": item,
        "error": error,
        **_chat_context(interview, item),
    }
    response = render(request, "interviews/partials/_chat.html", context)
    if request.method == "GET" and request.htmx and not context["chat_polling"]:
        response.status_code = HTMX_STOP_POLLING
    return response


@candidate_required
@require_POST
def interview_finish(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    interview = selectors.interview_get(candidate=request.user, pk=pk)
    services.interview_finish(interview=interview)
    if request.htmx:
        return HttpResponseClientRedirect(f"/interviews/{pk}/scorecard/")
    return redirect("scorecard", pk=pk)


@candidate_required
@require_GET
def scorecard(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    interview = selectors.interview_get(candidate=request.user, pk=pk)
    if interview.status == "active" and interview.seconds_left == 0:
        services.interview_finish(interview=interview)
    card = selectors.scorecard_get(candidate=request.user, interview_pk=pk)
    services.llm_work_expire(scorecard=card)
    context = {
        "interview": interview,
        "card": card,
        "replay": history.interview_replay(interview=interview),
    }
    if request.htmx and request.GET.get("part") == "summary":
        response = render(request, "interviews/scorecard.html#summary", context)
        if card.summary_status in ("done", "unavailable"):
            response.status_code = HTMX_STOP_POLLING
        return response
    return render(request, "interviews/scorecard.html", context)


@login_required
@require_GET
def history_view(request: HttpRequest) -> HttpResponse:
    interviews = selectors.interview_list(candidate=request.user)
    context = {
        "interviews": interviews,
        "weak_topics": history.weak_topics(candidate=request.user),
        "chart_svg": history.progress_chart_svg(candidate=request.user),
    }
    return render(request, "interviews/history.html", context)
