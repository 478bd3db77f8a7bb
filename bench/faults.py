"""Kills under load: the load benchmark's candidates while a busy worker is SIGKILLed every 15 s.

    .venv/bin/python bench/faults.py                     # 2 minutes quiet, then 2 minutes of kills
    BENCH_SECONDS=30 BENCH_CANDIDATES=6 .venv/bin/python bench/faults.py

The same candidates as bench/load.py (gunicorn, 2 judge workers, 1 measure
worker; PostgreSQL database mockmate_faults_bench and Redis db 14 when they
answer), twice: once with no faults, then with a kill every 15 s of the worker
holding a random running job (judge or measure; the job names its pid), as an
OOM kill or a crash would. The production settings are used (jobs
handed back by the worker the sentinel starts in the dead one's place), except
load.py's longer pick-up time, since no llm cluster runs here.

Prints, per run: submissions, lost (a POST answered but no submission stored),
duplicated (a submission stored twice, or its test rows stored twice), not
final, and the time from submit to verdict (median, worst); for the kill run
also the time from each kill to the killed work's completion (median, worst).
"""

from __future__ import annotations

import os
import random
import signal
import statistics
import threading
import time
from datetime import datetime

os.environ.setdefault(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mockmate_faults_bench"
)

import load  # after the database choice, which load's set-up reads

KILL_EVERY_S = float(os.environ.get("BENCH_KILL_EVERY_S", "15"))


class Killer(threading.Thread):
    """Every KILL_EVERY_S, SIGKILL the worker of a random running job; remember what it held."""

    def __init__(self, stop_at: float) -> None:
        super().__init__(daemon=True)
        self.stop_at = stop_at
        self.kills: list[tuple[datetime, str, int]] = []  # (when, kind, target id)

    def run(self) -> None:
        from django.db import connection
        from django.utils import timezone

        from interviews.models import Job

        while time.monotonic() + KILL_EVERY_S < self.stop_at:
            time.sleep(KILL_EVERY_S)
            waited = time.monotonic() + 5
            while time.monotonic() < waited:  # a worker mid-work, not an idle one
                running = list(Job.objects.filter(status="running").exclude(owner=""))
                if running:
                    job = random.choice(running)
                    try:
                        os.kill(int(job.owner.split(":")[1]), signal.SIGKILL)
                    except ProcessLookupError:
                        continue
                    self.kills.append((timezone.now(), job.kind, job.target_id))
                    break
                time.sleep(0.05)
        connection.close()


def _seconds(values: list[float]) -> str:
    if not values:
        return "n/a"
    return f"median {statistics.median(values):.2f} s, worst {max(values):.2f} s"


def _report(label: str, stats: dict[str, list], since: datetime, until: datetime) -> None:
    from django.db.models import Count, F

    from interviews.models import Submission

    mine = Submission.objects.filter(created__gte=since, created__lt=until)
    stored = list(mine.values_list("client_token", flat=True))
    lost = len(set(stats["tokens"]) - set(stored))
    twice = len(stored) - len(set(stored))
    twice += (
        mine.filter(status="done").annotate(rows=Count("results")).exclude(rows=F("total")).count()
    )
    unsettled = mine.exclude(status__in=["done", "error"]).count()
    errors = mine.filter(status="error").count()
    waits = [
        (s.judged_at - s.created).total_seconds()
        for s in mine.exclude(judged_at=None).only("created", "judged_at")
        if s.judged_at is not None
    ]
    print(
        f"{label}: submissions {len(stored)}, lost {lost}, duplicated {twice}, "
        f"not final {unsettled}, internal errors {errors}, HTTP errors {len(stats['errors'])}"
    )
    print(f"  submit to verdict: {_seconds(waits)}")


def _kill_to_done(kills: list[tuple[datetime, str, int]]) -> list[float]:
    from interviews.models import Job, Submission

    times = []
    for when, kind, target in kills:
        job = Job.objects.get(kind=kind, target_id=target)
        if job.status != "done":
            print(f"  killed {kind} {target} did not finish: {job.status} ({job.reason})")
            continue
        done = job.updated
        if kind == "judge":
            done = Submission.objects.get(pk=target).judged_at or done
        times.append((done - when).total_seconds())
    return times


def main() -> None:
    from django.utils import timezone

    env = load.prepare(load.CANDIDATES, name="faults")
    seconds = load.SECONDS
    with load.serving(env):
        quiet_since = timezone.now()
        quiet, _ = load.drive(load.CANDIDATES, seconds)
        killed_since = timezone.now()
        killer = Killer(time.monotonic() + seconds)
        killer.start()
        noisy, _ = load.drive(load.CANDIDATES, seconds)
        killer.join()
        deadline = time.monotonic() + 120  # the last kill's work, handed back, completes
        from interviews.models import Job

        # Narratives wait for an llm cluster, which the load benchmark does not run.
        pending = Job.objects.filter(status__in=["queued", "running"]).exclude(kind="narrative")
        while pending.exists():
            if time.monotonic() > deadline:
                break
            time.sleep(0.5)
    print(f"candidates {load.CANDIDATES}, {seconds:.0f} s per run, a kill every {KILL_EVERY_S:g} s")
    _report("no kills", quiet, quiet_since, killed_since)
    _report(f"{len(killer.kills)} kills", noisy, killed_since, timezone.now())
    kinds = ", ".join(sorted({k for _, k, _ in killer.kills}))
    print(f"  kill to the killed work done ({kinds}): {_seconds(_kill_to_done(killer.kills))}")


if __name__ == "__main__":
    main()
