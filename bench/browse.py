"""The problem list with 2,000+ problems: full page and HTMX fragment, median render time.

    .venv/bin/python bench/browse.py

Fills a throw-away database with 2,100 problems (synthetic rows, or the shared
LeetCodeDataset import when BENCH_LEETCODEDATASET=1), then times the page with
Django's test client. Target (issue "Foundation"): < 50 ms median.
"""

from __future__ import annotations

import os
import random

from _django import ROOT, fresh_database, median_ms


def _fill() -> None:
    from django.core.management import call_command

    from problems.models import Problem, Tag

    if os.environ.get("BENCH_LEETCODEDATASET"):
        folder = ROOT.parent / "shared" / "data" / "leetcodedataset"
        for path in sorted(folder.glob("*.jsonl.gz")):
            call_command(
                "ingest_problems", "--source", "leetcodedataset", "--path", str(path), verbosity=0
            )
        return
    rng = random.Random(1)
    tags = Tag.objects.bulk_create(Tag(slug=f"topic-{i}", name=f"Topic {i}") for i in range(30))
    problems = Problem.objects.bulk_create(
        Problem(
            slug=f"problem-{i}", title=f"Problem number {i}", difficulty=rng.choice(["easy", "medium", "hard"]),
            statement="x " * 300, entry_point="solve", source="staff",
        )
        for i in range(2100)
    )  # fmt: skip
    through = Problem.tags.through
    through.objects.bulk_create(
        through(problem_id=p.pk, tag_id=t.pk) for p in problems for t in rng.sample(tags, 3)
    )


def main() -> None:
    fresh_database("browse")
    from django.test import Client
    from django.test.utils import setup_test_environment

    from problems.models import Problem

    setup_test_environment()
    _fill()
    client = Client()
    htmx = {"HX-Request": "true"}
    print(f"{Problem.objects.count()} problems")
    print(
        f"list page                  median {median_ms(lambda: client.get('/problems/')):6.1f} ms  (target < 50)"
    )
    print(
        f"list, hard + topic filter  median {median_ms(lambda: client.get('/problems/?difficulty=hard&tag=topic-3')):6.1f} ms"
    )
    print(
        f"HTMX search fragment       median {median_ms(lambda: client.get('/problems/?q=number 1', headers=htmx)):6.1f} ms"
    )
    print(
        f"page 20 of the list        median {median_ms(lambda: client.get('/problems/?page=20')):6.1f} ms"
    )


if __name__ == "__main__":
    main()
