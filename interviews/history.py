"""Progress over time: the replay of one interview, weak topics, the score chart."""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from interviews.models import Interview, Scorecard
from problems.models import Problem


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


WELL_SCORED = 70  # a problem scored at least this overall is not a weakness


@dataclass(frozen=True)
class WeakTopic:
    tag: str
    average: int  # mean overall score of the tag's problems
    count: int  # problems with the tag the candidate met
    weakest: str  # the dimension with the lowest mean ("efficiency")
    weakest_score: int
    suggestion: Problem | None  # an unseen published problem with the tag


def problem_scores(*, interview: Interview) -> list[tuple[int, dict[str, int]]]:
    """(problem id, {dimension: 0-100, "overall": ...}) per problem, by the scorecard's scorers.

    The scorecard stores one value per dimension for the whole interview; a topic is a
    property of a problem, so each problem is scored alone with the same rubric
    (`interviews.scoring.SCORERS` and `WEIGHTS`).
    """
    from interviews.judging import interview_item_facts
    from interviews.scoring import SCORERS, overall_score

    items = list(interview.items.all())
    scored = []
    for item, facts in zip(items, interview_item_facts(interview), strict=True):
        values = {name: scorer(facts).value for name, scorer in SCORERS.items()}
        values["overall"] = overall_score(values)
        scored.append((item.problem_id, values))
    return scored


def weak_topics(*, candidate: AbstractBaseUser | AnonymousUser, limit: int = 3) -> list[WeakTopic]:
    """Tags ranked by their problems' scores (weakest first), with a problem to practise next.

    A tag whose problems all scored at least WELL_SCORED overall is not weak and is never
    listed, whatever the rest of the interview scored.
    """
    per_tag: dict[str, list[dict[str, int]]] = defaultdict(list)
    seen: set[int] = set()
    cards = Scorecard.objects.filter(interview__candidate_id=candidate.pk).select_related(
        "interview"
    )
    scored = [pair for card in cards for pair in problem_scores(interview=card.interview)]
    tags: dict[int, list[str]] = defaultdict(list)
    for problem_id, slug in Problem.tags.through.objects.filter(
        problem_id__in={problem_id for problem_id, _ in scored}
    ).values_list("problem_id", "tag__slug"):
        tags[problem_id].append(slug)
    for problem_id, values in scored:
        seen.add(problem_id)
        for slug in tags[problem_id]:
            per_tag[slug].append(values)
    weak = {
        slug: scores
        for slug, scores in per_tag.items()
        if any(s["overall"] < WELL_SCORED for s in scores)
    }

    def mean(scores: list[dict[str, int]], name: str) -> float:
        return sum(s[name] for s in scores) / len(scores)

    ranked = sorted(weak.items(), key=lambda kv: (mean(kv[1], "overall"), kv[0]))[:limit]
    result: list[WeakTopic] = []
    for slug, scores in ranked:
        dimensions = [n for n in scores[0] if n != "overall"]
        weakest = min(dimensions, key=lambda n: mean(scores, n))
        suggestion = (
            Problem.objects.filter(tags__slug=slug, is_published=True)
            .exclude(id__in=seen)
            .order_by("difficulty", "title")
            .first()
        )
        result.append(
            WeakTopic(
                tag=slug,
                average=round(mean(scores, "overall")),
                count=len(scores),
                weakest=weakest.replace("_", " "),
                weakest_score=round(mean(scores, weakest)),
                suggestion=suggestion,
            )
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
