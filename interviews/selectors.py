"""Reads for the interview pages, always narrowed to the candidate's own rows."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Prefetch, QuerySet
from django.http import Http404

from interviews.models import Interview, InterviewProblem, Scorecard, Submission, Turn


def interview_list(*, candidate: AbstractBaseUser | AnonymousUser) -> QuerySet[Interview]:
    return (
        Interview.objects.filter(candidate_id=candidate.pk)
        .select_related("scorecard")
        .prefetch_related(
            Prefetch("items", queryset=InterviewProblem.objects.select_related("problem"))
        )
        .order_by("-started_at")
    )


def interview_get(*, candidate: AbstractBaseUser | AnonymousUser, pk: int) -> Interview:
    try:
        return Interview.objects.get(pk=pk, candidate_id=candidate.pk)
    except Interview.DoesNotExist:
        raise Http404("No such interview.") from None


def item_get(*, interview: Interview, order: int) -> InterviewProblem:
    try:
        return interview.items.select_related("problem").get(order=order)
    except InterviewProblem.DoesNotExist:
        raise Http404("No such problem in this interview.") from None


def submission_get(*, candidate: AbstractBaseUser | AnonymousUser, pk: int) -> Submission:
    try:
        return (
            Submission.objects.select_related("item__problem", "item__interview", "feedback")
            .prefetch_related("jobs")
            .get(pk=pk, item__interview__candidate_id=candidate.pk)
        )
    except Submission.DoesNotExist:
        raise Http404("No such submission.") from None


def scorecard_get(*, candidate: AbstractBaseUser | AnonymousUser, interview_pk: int) -> Scorecard:
    try:
        return Scorecard.objects.select_related("interview").get(
            interview_id=interview_pk, interview__candidate_id=candidate.pk
        )
    except Scorecard.DoesNotExist:
        raise Http404("This interview has no scorecard yet.") from None


def turn_list(*, interview: Interview, item: InterviewProblem | None = None) -> list[Turn]:
    """The chat of one problem of the interview (all of it when `item` is None)."""
    turns = interview.turns.order_by("created", "id")
    if item is not None:
        turns = turns.filter(item=item)
    return list(turns)


def turns_pending(turns: list[Turn]) -> bool:
    """Whether the model may still change a turn, so the chat should keep polling."""
    return any(t.status in ("pending", "streaming") or t.phrasing == "pending" for t in turns)


def item_submissions(*, item: InterviewProblem, limit: int = 10) -> list[Submission]:
    return list(
        item.submissions.select_related("feedback")
        .prefetch_related("jobs")
        .order_by("-created")[:limit]
    )
