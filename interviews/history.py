"""Progress over time: the replay of one interview, weak topics, the score chart."""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from interviews.models import Interview, Scorecard


@dataclass(frozen=True)
class ReplayEvent:
    at: datetime
    kind: str  # snapshot | run | submit | hint | chat
    title: str
    detail: str
    anchor: str


def interview_replay(*, interview: Interview) -> list[ReplayEvent]:
    events: list[ReplayEvent] = []
    for item in interview.items.select_related("problem").prefetch_related(
        "snapshots", "submissions", "hint_reveals"
    ):
        name = item.problem.title
        for snap in item.snapshots.all():
            events.append(
                ReplayEvent(
                    snap.created,
                    "snapshot",
                    f"{name}: code saved",
                    snap.code,
                    f"snapshot-{snap.pk}",
                )
            )
        for sub in item.submissions.all():
            verdict = sub.verdict or sub.status
            events.append(
                ReplayEvent(
                    sub.created, sub.kind, f"{name}: {sub.get_kind_display()} → {verdict} ({sub.passed}/{sub.total})",
                    sub.code, f"submission-{sub.pk}",
                )
            )  # fmt: skip
        hints = {h.rung: h.text for h in item.problem.hints.all()}
        for reveal in item.hint_reveals.all():
            events.append(
                ReplayEvent(reveal.revealed_at, "hint", f"{name}: hint {reveal.rung} revealed", hints.get(reveal.rung, ""), f"hint-{reveal.rung}")
            )  # fmt: skip
    for turn in interview.turns.all():
        events.append(
            ReplayEvent(
                turn.created,
                "chat",
                f"{turn.get_role_display()} said",
                turn.text,
                f"turn-{turn.pk}",
            )
        )
    events.sort(key=lambda e: e.at)
    return events


def weak_topics(
    *, candidate: AbstractBaseUser | AnonymousUser, limit: int = 3
) -> list[dict[str, object]]:
    """Tags whose problems got the lowest correctness, with a problem to practise next."""
    from problems.models import Problem

    totals: dict[str, list[int]] = defaultdict(list)
    seen: set[int] = set()
    for card in Scorecard.objects.filter(interview__candidate_id=candidate.pk).prefetch_related(
        "interview__items__problem__tags"
    ):
        for item in card.interview.items.all():
            seen.add(item.problem_id)
            for tag in item.problem.tags.all():
                totals[tag.slug].append(card.correctness)
    ranked = sorted(totals.items(), key=lambda kv: sum(kv[1]) / len(kv[1]))[:limit]
    result = []
    for slug, scores in ranked:
        suggestion = (
            Problem.objects.filter(tags__slug=slug, is_published=True)
            .exclude(id__in=seen)
            .order_by("difficulty", "title")
            .first()
        )
        result.append(
            {
                "tag": slug,
                "average": round(sum(scores) / len(scores)),
                "count": len(scores),
                "suggestion": suggestion,
            }
        )
    return result


def progress_chart_svg(*, candidate: AbstractBaseUser | AnonymousUser) -> str:
    """Scores over time per dimension, as an inline SVG drawn server-side."""
    cards = list(Scorecard.objects.filter(interview__candidate_id=candidate.pk).order_by("created"))
    if not cards:
        return ""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(8, 3.2), dpi=100)
    axes = figure.add_subplot()
    xs = list(range(1, len(cards) + 1))
    for name in (*Scorecard.DIMENSIONS, "overall"):
        ys = [getattr(c, name) for c in cards]
        axes.plot(
            xs,
            ys,
            marker="o",
            linewidth=2.5 if name == "overall" else 1.2,
            label=name.replace("_", " "),
        )
    axes.set_ylim(0, 105)
    axes.set_xticks(xs)
    axes.set_xlabel("Interview")
    axes.set_ylabel("Score")
    axes.grid(alpha=0.3)
    axes.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize=8)
    figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg")
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]
