"""Fault injection on real clusters: nothing is lost or stored twice when workers, Redis or the database fail.

Runs in the PostgreSQL pass of `make test` (it skips on SQLite), with both
brokers: the ORM broker and a Redis server of its own (on a free port, so
that runs at once on one machine never share one; no persistence, so a
restart loses its lists as a crashed Redis would). Each test
kills or stops something for real (SIGKILL of the worker whose pid the job
names, SIGTERM of a cluster's main process, a Redis restart, every database
connection terminated), then checks that every submission reached a final
state, that nothing was stored twice, and prints the time it took to recover.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django_q.conf import Conf

from interviews import services
from interviews.models import Feedback, Job, JobKind, Submission
from problems.models import Problem
from problems.tests.factories import problem_create
from tests.workers import ROOT, cluster_start, clusters

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.sandbox,
    pytest.mark.django_db(transaction=True),
]

RIGHT = "class Solution:\n    def add(self, a, b):\n        return a + b\n"
# 6 tests at 0.4 s each: long enough to be killed mid-judge.
SLOW = "import time\nclass Solution:\n    def add(self, a, b):\n        time.sleep(0.4)\n        return a + b\n"
WORKER_ENV = {
    "MOCKMATE_JOB_PICKUP_S": "5",
    "MOCKMATE_JOB_REAP_EVERY_S": "1",
    "JUDGE_WORKERS": "2",
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _redis_server(port: int) -> subprocess.Popen[bytes]:
    """A redis-server of this test's own on `port`; fails if another answers there."""
    import redis

    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(50):
        try:
            server = redis.Redis(port=port).info("server")
        except redis.ConnectionError:
            time.sleep(0.1)
            continue
        if server["process_id"] != process.pid:
            process.kill()
            raise RuntimeError(f"another Redis answers on port {port}")
        return process
    raise RuntimeError("redis-server did not start")


class Broker:
    """The broker the clusters and this process share; `restart` only for Redis."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.server: subprocess.Popen[bytes] | None = None
        self.env = {**WORKER_ENV, "REDIS_URL": ""}
        self.port = _free_port()
        if name == "redis":
            self.server = _redis_server(self.port)
            self.env["REDIS_URL"] = f"redis://127.0.0.1:{self.port}/0"

    def restart(self) -> None:
        assert self.server is not None
        self.server.kill()
        self.server.wait()
        self.server = _redis_server(self.port)

    def close(self) -> None:
        if self.server is not None:
            self.server.kill()
            self.server.wait()


@pytest.fixture(params=["orm", "redis"])
def broker(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, settings
) -> Iterator[Broker]:
    if connection.vendor != "postgresql":
        pytest.skip("runs in the PostgreSQL pass of make test (DATABASE_URL=postgres://...)")
    if request.param == "redis" and not shutil.which("redis-server"):
        pytest.fail("redis-server is not installed (scripts/system-deps.sh installs it)")
    # Jobs made here get the workers' pick-up deadline.
    settings.MOCKMATE_JOBS = {**settings.MOCKMATE_JOBS, "pickup_s": 5, "reap_every_s": 1}
    chosen = Broker(request.param)
    # This process enqueues as the web process would, on the same broker as the clusters.
    monkeypatch.setattr(Conf, "ORM", "default" if chosen.name == "orm" else None)
    monkeypatch.setattr(Conf, "REDIS", chosen.env["REDIS_URL"] or {})
    yield chosen
    chosen.close()


def _item(problem: Problem | None = None):
    user = User.objects.create_user(f"faults-{User.objects.count()}")
    interview = services.interview_start(
        candidate=user, problem=problem or problem_create(), time_limit_min=60
    )
    return interview.items.get()


def _submit(item, code: str, n: int, kind: str = "submit") -> list[Submission]:
    return [
        services.submission_create(item=item, kind=kind, code=code, client_token=f"{kind}-{i}")
        for i in range(n)
    ]


def _wait(
    what: str, condition: Callable[[], object], timeout: float = 90, log: Path | None = None
) -> float:
    """When `condition` first holds (monotonic s); on a time-out, the jobs and logs in `log`."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if condition():
            return time.monotonic()
        time.sleep(0.05)
    detail = f"\n{_log(log)}" if log is not None else ""
    raise AssertionError(f"timed out after {timeout:.0f} s waiting until {what}{detail}")


def _running_job(kind: str) -> Job:
    found: list[Job] = []

    def running() -> bool:
        found[:] = list(Job.objects.filter(kind=kind, status="running").exclude(owner=""))
        return bool(found)

    _wait(f"a {kind} job runs", running)
    return found[0]


def _kill(job: Job) -> float:
    pid = int(job.owner.split(":")[1])
    os.kill(pid, signal.SIGKILL)
    return time.monotonic()


def _all_final(submissions: list[Submission], llm: bool = False) -> bool:
    """Verdicts and growth stored; narratives too when an llm cluster runs."""
    ids = [s.pk for s in submissions]
    unsettled = Submission.objects.filter(pk__in=ids).exclude(status__in=["done", "error"])
    measuring = Submission.objects.filter(pk__in=ids, growth_pending=True)
    writing = Feedback.objects.filter(submission_id__in=ids, status__in=["pending", "streaming"])
    handing = Job.objects.filter(submission_id__in=ids, status__in=["queued", "running"])
    if not llm:
        handing = handing.exclude(kind=JobKind.NARRATIVE)
    return not (
        unsettled.exists() or measuring.exists() or (llm and writing.exists()) or handing.exists()
    )


def _check_settled(submissions: list[Submission], verdict: str = "AC") -> None:
    """Every submission final with its verdict, one set of test rows each, nothing twice."""
    assert Submission.objects.count() == len({s.pk for s in submissions})
    for submission in Submission.objects.filter(pk__in=[s.pk for s in submissions]):
        assert (submission.status, submission.verdict) == ("done", verdict), submission.report
        assert submission.results.count() == submission.total > 0
        assert not submission.growth_pending
    # Narratives wait for an llm cluster; the tests without one do not check them.
    unfinished = Job.objects.exclude(status="done").exclude(
        kind=JobKind.NARRATIVE, status__in=["queued", "failed"], attempts=0
    )
    assert not unfinished, list(unfinished.values_list("kind", "status", "reason"))


def _report(capsys: pytest.CaptureFixture[str], what: str, seconds: float) -> None:
    with capsys.disabled():
        print(f"\n  recovered: {what}: {seconds:.1f} s")


def _log(tmp_path: Path) -> str:
    """The jobs' rows and the end of each cluster's log: what a failure is read from."""
    jobs = Job.objects.order_by("id").values_list(
        "kind", "target_id", "status", "attempts", "deliveries", "owner", "reason", "queued_at",
        "lease_until", "updated",
    )  # fmt: skip
    rows = "\n".join(map(str, jobs))
    return rows + "\n" + "\n".join(p.read_text()[-6000:] for p in sorted(tmp_path.glob("*.log")))


def test_judge_worker_killed_mid_judge(broker: Broker, tmp_path: Path, capsys) -> None:
    item = _item()
    with clusters("judge", log_dir=tmp_path, extra_env=broker.env):
        submissions = _submit(item, SLOW, 3)
        job = _running_job(JobKind.JUDGE)
        time.sleep(0.5)  # mid-judge: some tests ran
        killed_at = _kill(job)
        done_at = _wait(
            "the killed one is judged",
            lambda: Submission.objects.filter(pk=job.target_id, status="done").exists(),
            log=tmp_path,
        )
        _wait("all settle", lambda: _all_final(submissions), log=tmp_path)
    _check_settled(submissions)
    job.refresh_from_db()
    assert (job.attempts, job.status) == (2, "done"), _log(tmp_path)
    _report(capsys, f"{broker.name}, judge worker SIGKILL to verdict", done_at - killed_at)


def test_idle_workers_killed_between_tasks(broker: Broker, tmp_path: Path, capsys) -> None:
    """An OOM kill of an idle worker, or a kill just after its task: the cluster still works.

    One of the idle workers is the next in line for a task, waiting in the task
    queue's `get`; django-q2's own `get` holds the queue's lock while it waits, and
    a worker killed there left the cluster unable to take any task again.
    """
    item = _item()
    log = tmp_path / "qcluster-judge.log"
    with clusters("judge", log_dir=tmp_path, extra_env=broker.env):

        def waiting() -> list[int]:
            return [int(pid) for pid in re.findall(r"ready for work at (\d+)", log.read_text())]

        _wait("both workers wait for a task", lambda: len(waiting()) >= 2, log=tmp_path)
        time.sleep(0.5)  # in the task queue's get, one of them next in line
        for pid in waiting():
            os.kill(pid, signal.SIGKILL)
        killed_at = time.monotonic()
        submissions = _submit(item, RIGHT, 3)
        done_at = _wait("all settle", lambda: _all_final(submissions), log=tmp_path)
    _check_settled(submissions)
    judged = Job.objects.filter(kind=JobKind.JUDGE).values_list("attempts", flat=True)
    assert list(judged) == [1, 1, 1], _log(tmp_path)  # each judged once, by the new workers
    _report(
        capsys, f"{broker.name}, idle workers SIGKILL to the verdicts after", done_at - killed_at
    )


def test_measure_worker_killed_mid_measurement(broker: Broker, tmp_path: Path, capsys) -> None:
    call_command("ingest_problems", "--source", "bank", "--path", str(ROOT / "problems/bank/two-sum.yaml"), verbosity=0)  # fmt: skip
    problem = Problem.objects.get(slug="two-sum")
    item = _item(problem)
    with clusters("judge", "measure", log_dir=tmp_path, extra_env=broker.env):
        submissions = _submit(item, problem.solutions.get(kind="optimal").code, 1)
        job = _running_job(JobKind.MEASURE)
        time.sleep(0.2)  # mid-measurement (measuring two-sum takes about 0.7 s)
        killed_at = _kill(job)
        done_at = _wait("growth is measured", lambda: _all_final(submissions), timeout=180)
    _check_settled(submissions)
    submission = Submission.objects.get(pk=submissions[0].pk)
    assert submission.growth.get("observed"), submission.growth
    job.refresh_from_db()
    assert (job.attempts, job.status) == (2, "done"), _log(tmp_path)
    _report(capsys, f"{broker.name}, measure worker SIGKILL to growth", done_at - killed_at)


def test_llm_worker_killed_mid_narrative(broker: Broker, tmp_path: Path, capsys) -> None:
    item = _item()
    # The narrative job starts once growth is measured; the model then phrases the built text.
    with clusters("judge", "measure", "llm", log_dir=tmp_path, extra_env=broker.env):
        submissions = _submit(item, RIGHT, 1)
        job = _running_job(JobKind.NARRATIVE)
        killed_at = _kill(job)
        done_at = _wait(
            "the narrative is done", lambda: _all_final(submissions, llm=True), timeout=120
        )
    _check_settled(submissions)
    feedback = Feedback.objects.get()
    assert feedback.status == "done", _log(tmp_path)
    opening = feedback.narrative[:40]
    assert feedback.narrative.count(opening) == 1, feedback.narrative  # written once, not twice
    job.refresh_from_db()
    assert (job.attempts, job.status) == (2, "done"), _log(tmp_path)
    _report(capsys, f"{broker.name}, llm worker SIGKILL to narrative", done_at - killed_at)


def test_sigterm_lets_the_work_in_hand_finish(broker: Broker, tmp_path: Path, capsys) -> None:
    """What `systemctl stop` does with the units' KillMode=mixed: SIGTERM to the main process."""
    call_command("ingest_problems", "--source", "bank", "--path", str(ROOT / "problems/bank/two-sum.yaml"), verbosity=0)  # fmt: skip
    item = _item(Problem.objects.get(slug="two-sum"))
    # The judge stays down while the measure and llm clusters finish their work and stop;
    # queued judging must wait for its restart, not be given up as never started (which
    # happens after tries x pickup_s with no judge at work: 15 s at the fault tests' pick-up
    # time, less than a loaded machine takes to stop the other two).
    env = {**broker.env, "MOCKMATE_JOB_TRIES": "24"}
    with clusters("judge", "measure", "llm", log_dir=tmp_path, extra_env=env) as running:
        problem = item.problem
        slow = _slowed(problem.solutions.get(kind="optimal").code, problem.entry_point, 0.15)
        submissions = _submit(item, slow, 3)
        in_hand = [_running_job(JobKind.JUDGE)]
        stopped_at = time.monotonic()
        exits = [_sigterm(running, "judge")]
        in_hand += [_running_job(JobKind.MEASURE), _running_job(JobKind.NARRATIVE)]
        exits += [_sigterm(running, "measure"), _sigterm(running, "llm")]
        for job in in_hand:
            job.refresh_from_db()
            assert (job.status, job.attempts) == ("done", 1), _log(tmp_path)  # finished in hand
        for name in running:
            running[name] = cluster_start(name, log_dir=tmp_path, extra_env=env)
        done_at = _wait(
            "all settle after the restart", lambda: _all_final(submissions, llm=True), timeout=180
        )
    _check_settled(submissions)
    _report(
        capsys,
        f"{broker.name}, SIGTERM judge, measure, llm: exits in "
        + ", ".join(f"{e:.1f}" for e in exits)
        + " s; all settled after",
        done_at - stopped_at,
    )


def _sigterm(running: dict[str, subprocess.Popen[bytes]], name: str) -> float:
    started = time.monotonic()
    running[name].send_signal(signal.SIGTERM)
    running[name].wait(timeout=120)
    return time.monotonic() - started


def _slowed(code: str, entry_point: str, seconds: float) -> str:
    """`code` with a pause before each call: slow enough to be caught mid-judge."""
    return (
        f"{code}\n\nimport time\n_Fast = Solution\n\n\nclass Solution(_Fast):\n"
        f"    def {entry_point}(self, *args):\n        time.sleep({seconds})\n"
        f"        return super().{entry_point}(*args)\n"
    )


def test_redis_restarted_while_work_is_queued(broker: Broker, tmp_path: Path, capsys) -> None:
    if broker.name != "redis":
        pytest.skip("the ORM broker's queue is the database")
    item = _item()
    env = {**broker.env, "JUDGE_WORKERS": "1"}
    with clusters("judge", log_dir=tmp_path, extra_env=env):
        submissions = _submit(item, SLOW, 6)
        _running_job(JobKind.JUDGE)
        restarted_at = time.monotonic()
        broker.restart()  # the queued tasks go with it
        done_at = _wait("all settle", lambda: _all_final(submissions), timeout=120)
    _check_settled(submissions)
    resent = Job.objects.filter(kind=JobKind.JUDGE, deliveries__gt=1).count()
    assert resent >= 1, _log(tmp_path)  # some were lost with the list and sent again
    _report(
        capsys, f"redis restart to the last verdict ({resent} sent again)", done_at - restarted_at
    )


def test_database_connections_dropped_and_restored(broker: Broker, tmp_path: Path, capsys) -> None:
    item = _item()
    with clusters("judge", log_dir=tmp_path, extra_env=broker.env):
        submissions = _submit(item, SLOW, 4)
        _running_job(JobKind.JUDGE)
        until = time.monotonic() + 3
        while time.monotonic() < until:  # every other connection, again and again, for 3 s
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            time.sleep(0.2)
        restored_at = time.monotonic()
        done_at = _wait("all settle", lambda: _all_final(submissions), timeout=120)
    _check_settled(submissions)
    _report(capsys, f"{broker.name}, database back to the last verdict", done_at - restored_at)
