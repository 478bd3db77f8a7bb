"""Load: simulated candidates against gunicorn + 2 judge workers (+1 measure), on loopback only.

    .venv/bin/python bench/load.py            # 20 candidates for 120 s
    BENCH_CANDIDATES=5 BENCH_SECONDS=20 .venv/bin/python bench/load.py

Uses PostgreSQL (database mockmate_bench on 127.0.0.1, created afresh) and
Redis (db 14; BENCH_REDIS_DB, and BENCH_PORT for gunicorn's 8765, when the
machine is shared) when they answer, like production; SQLite and the ORM broker
otherwise. Each candidate logs in, opens an interview and loops: load the room,
Run or Submit (alternating), poll the verdict fragment until it settles, think
for 2-4 s. Prints requests, errors, page latency p50/p95, submissions per
second, and checks that every accepted POST produced exactly one judged
submission. Targets: zero errors, none lost or duplicated, p95 < 300 ms.
"""

from __future__ import annotations

import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import requests

from _django import ROOT, fresh_database, p95, use_production_services

CANDIDATES = int(os.environ.get("BENCH_CANDIDATES", "20"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "120"))
PORT = int(os.environ.get("BENCH_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"


class Candidate(threading.Thread):
    def __init__(self, n: int, stop_at: float, stats: dict[str, list]) -> None:
        super().__init__(daemon=True)
        self.n, self.stop_at, self.stats = n, stop_at, stats
        self.http = requests.Session()

    def timed(self, method: str, url: str, **kwargs: Any) -> requests.Response | None:
        start = time.perf_counter()
        try:
            response = self.http.request(method, BASE + url, timeout=30, **kwargs)
        except requests.RequestException as exc:
            self.stats["errors"].append(f"{url}: {exc}")
            return None
        self.stats["latency_ms"].append((time.perf_counter() - start) * 1000)
        if response.status_code >= 500:
            self.stats["errors"].append(f"{url}: HTTP {response.status_code}")
        return response

    def csrf(self) -> dict[str, str]:
        return {"X-CSRFToken": self.http.cookies.get("csrftoken") or ""}

    def run(self) -> None:
        self.http.get(f"{BASE}/accounts/login/")
        self.http.post(
            f"{BASE}/accounts/login/",
            data={"username": f"load{self.n}", "password": "load-pass-123"},
            headers=self.csrf(),
        )
        response = self.http.post(
            f"{BASE}/interviews/new/",
            data={
                "problem": "two-sum",
                "problem_count": 1,
                "time_limit_min": 60,
                "language": "python3",
            },
            headers=self.csrf(),
        )
        match = re.search(r"/interviews/(\d+)/", response.url)
        if not match:
            self.stats["errors"].append(
                f"candidate {self.n} could not start: {response.status_code}"
            )
            return
        room = f"/interviews/{match.group(1)}/"
        code = CODE
        kinds = ["run", "submit"]
        turn = 0
        while time.monotonic() < self.stop_at:
            self.timed("GET", room)
            kind = kinds[turn % 2]
            turn += 1
            token = uuid.uuid4().hex
            posted = self.timed(
                "POST", f"{room}p/1/submit/",
                data={"code": code, "kind": kind, "client_token": token, "explanation": "O(n)"},
                headers={**self.csrf(), "HX-Request": "true"},
            )  # fmt: skip
            if posted is None or posted.status_code != 200:
                continue
            self.stats["tokens"].append(token)
            sub = re.search(r"/submissions/(\d+)/", posted.text)
            while sub:  # poll as the page does, until the verdict shows (or the server says stop)
                time.sleep(0.4)
                polled = self.timed(
                    "GET", f"/submissions/{sub.group(1)}/", headers={"HX-Request": "true"}
                )
                if polled is None or polled.status_code != 200 or "tests</span>" in polled.text:
                    break
            time.sleep(random.uniform(2, 4))


CODE = ""


def prepare(candidates: int, name: str = "load") -> dict[str, str]:
    """A fresh database with two-sum and the candidates' accounts; the services' environment."""
    global CODE
    use_production_services(redis_db=int(os.environ.get("BENCH_REDIS_DB", "14")))
    url = fresh_database(name)
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from problems.models import Problem

    call_command(
        "ingest_problems",
        "--source",
        "bank",
        "--path",
        str(ROOT / "problems/bank/two-sum.yaml"),
        verbosity=0,
    )
    CODE = Problem.objects.get(slug="two-sum").solutions.get(kind="optimal").code
    for n in range(candidates):
        User.objects.create_user(f"load{n}", password="load-pass-123")
    call_command("collectstatic", "--noinput", verbosity=0)
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "mockmate_site.settings.local",
        "DJANGO_DEBUG": "false",
        "JUDGE_WORKERS": "2",
        "DJANGO_LOG_LEVEL": "WARNING",
        # No llm cluster runs here: its narratives, queued for good, would be sent again
        # every minute (interviews.jobs) and load the run with work no one does.
        "MOCKMATE_JOB_PICKUP_S": "600",
    }


@contextmanager
def serving(env: dict[str, str]) -> Iterator[dict[str, subprocess.Popen[bytes]]]:
    """gunicorn, the judge cluster (2 workers) and the measure cluster, until the block ends."""
    quiet = subprocess.DEVNULL
    procs = {
        "web": subprocess.Popen([sys.executable, "-m", "gunicorn", "mockmate_site.wsgi:application", "--bind", f"127.0.0.1:{PORT}", "--workers", "3", "--threads", "4", "--keep-alive", "10", "--env", "DJANGO_SETTINGS_MODULE=mockmate_site.settings.local"], cwd=ROOT, env=env, start_new_session=True),
        "judge": subprocess.Popen([sys.executable, "manage.py", "qcluster"], cwd=ROOT, env=env, start_new_session=True, stdout=quiet, stderr=quiet),
        "measure": subprocess.Popen([sys.executable, "manage.py", "qcluster"], cwd=ROOT, env={**env, "Q_CLUSTER_NAME": "measure"}, start_new_session=True, stdout=quiet, stderr=quiet),
    }  # fmt: skip
    try:
        for _ in range(100):
            try:
                requests.get(BASE + "/", timeout=1)
                break
            except requests.RequestException:
                time.sleep(0.2)
        yield procs
    finally:
        for p in procs.values():
            os.killpg(p.pid, signal.SIGTERM)
        for p in procs.values():
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:  # a measurement still running: cut it short
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()


def drive(candidates: int, seconds: float) -> tuple[dict[str, list], float]:
    """Run the candidates for `seconds`, then wait (up to 60 s) until every verdict is in."""
    from interviews.models import Submission

    stats: dict[str, list] = {"latency_ms": [], "errors": [], "tokens": []}
    started = time.monotonic()
    threads = [Candidate(n, started + seconds, stats) for n in range(candidates)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 120)
    elapsed = time.monotonic() - started
    deadline = time.monotonic() + 60
    while (
        Submission.objects.exclude(status__in=["done", "error"]).exists()
        and time.monotonic() < deadline
    ):
        time.sleep(0.5)
    return stats, elapsed


def main() -> None:
    from_env = prepare(CANDIDATES)
    from interviews.models import Submission

    with serving(from_env):
        stats, elapsed = drive(CANDIDATES, SECONDS)
    tokens = stats["tokens"]
    stored = list(Submission.objects.values_list("client_token", flat=True))
    lost = len(set(tokens) - set(stored))
    duplicated = len(stored) - len(set(stored))
    unjudged = Submission.objects.exclude(status="done").count()
    lat = stats["latency_ms"]
    print(
        f"candidates {CANDIDATES}, {elapsed:.0f} s, {len(lat)} requests, {len(stats['errors'])} errors"
    )
    print(f"page latency p50 {statistics.median(lat):.0f} ms, p95 {p95(lat):.0f} ms (target < 300)")
    print(
        f"submissions {len(stored)} ({len(stored) / elapsed:.1f}/s), lost {lost}, duplicated {duplicated}, not judged {unjudged}"
    )
    for line in stats["errors"][:10]:
        print("  error:", line)


if __name__ == "__main__":
    main()
