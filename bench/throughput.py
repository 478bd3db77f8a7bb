"""Judge throughput: 2 judge workers, many correct submissions of a 20-test problem.

    .venv/bin/python bench/throughput.py          # 200 submissions
    BENCH_SUBMISSIONS=50 .venv/bin/python bench/throughput.py

Uses PostgreSQL + Redis when they answer (as in production), else SQLite and
the ORM broker. Enqueues every submission through the service, as the web
process does, then waits until all are judged. Prints submissions per second
(sustained, from the first judged to the last) and checks that each produced
exactly one judged result with 20 stored test rows. Target: >= 10/s.
"""

from __future__ import annotations

import os
import sys
import time

from _django import ROOT, fresh_database, use_production_services

N = int(os.environ.get("BENCH_SUBMISSIONS", "200"))


def main() -> None:
    use_production_services(redis_db=13)
    fresh_database("throughput")
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db.models import Count, Max, Min

    from interviews import services
    from interviews.models import Submission
    from problems.models import Problem

    sys.path.insert(0, str(ROOT))
    from tests.workers import clusters

    call_command(
        "ingest_problems",
        "--source",
        "bank",
        "--path",
        str(ROOT / "problems/bank/two-sum.yaml"),
        verbosity=0,
    )
    problem = Problem.objects.get(slug="two-sum")
    code = problem.solutions.get(kind="optimal").code
    user = User.objects.create_user("throughput")
    item = services.interview_start(candidate=user, problem=problem, time_limit_min=180).items.get()
    env = {"JUDGE_WORKERS": "2", "DJANGO_SETTINGS_MODULE": "mockmate_site.settings.local"}
    with clusters("judge", log_dir=ROOT / "var" / "bench-logs", extra_env=env):
        time.sleep(3)  # the workers' spare sandboxes start
        started = time.perf_counter()
        for i in range(N):
            services.submission_create(item=item, kind="submit", code=code, client_token=f"t{i}")
        enqueued = time.perf_counter() - started
        deadline = time.monotonic() + 600
        while Submission.objects.filter(status="done").count() < N and time.monotonic() < deadline:
            time.sleep(0.2)
    done = Submission.objects.filter(status="done")
    span = done.aggregate(first=Min("judged_at"), last=Max("judged_at"))
    seconds = (span["last"] - span["first"]).total_seconds() if span["first"] else float("nan")
    rows = done.annotate(n=Count("results"))
    wrong_rows = sum(1 for s in rows if s.n != problem.tests.count())
    tokens = list(Submission.objects.values_list("client_token", flat=True))
    print(f"{N} submissions of a {problem.tests.count()}-test problem enqueued in {enqueued:.1f} s")
    print(f"judged {done.count()}, verdicts {sorted(set(done.values_list('verdict', flat=True)))}")
    print(
        f"sustained throughput with 2 judge workers: {(done.count() - 1) / seconds:.1f} submissions/s (target >= 10)"
    )
    print(
        f"lost {N - len(set(tokens))}, duplicated {len(tokens) - len(set(tokens))}, submissions with missing test rows {wrong_rows}"
    )


if __name__ == "__main__":
    main()
