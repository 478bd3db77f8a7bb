"""Background work that survives a worker's death: leases, a reaper and bounded tries.

Judging, growth measurement and the interviewer's narrative each run as a
django-q2 task. What django-q2 gives, and why that is not enough on its own:

- The Redis broker pops a task (BLPOP) and never acknowledges it: a worker
  killed mid-task (SIGKILL, an OOM kill, a VM going away) loses it for good, as
  does a Redis restart for the tasks still in its list.
- The ORM broker keeps a task locked for `retry` seconds and hands it out again
  if it was not acknowledged; `retry` must exceed the cluster's longest
  `timeout`, so a killed judge came back only after six minutes, and a task
  whose worker dies is never counted by `max_attempts` (only results are).
- A cluster's workers take tasks from one in-memory queue whose blocking `get`
  holds the queue's read lock for as long as it waits, so the idle worker next
  in line always holds it. Killed there (an OOM kill of an idle worker, a kill
  just after a task), it never releases it: every other worker and the new
  one wait on that lock for good and the cluster takes no task again
  (django-q2 issue #23). `worker_queues_unlocked` makes a waiting reader hold
  the lock only while it reads a message that is already there.
- The sentinel reincarnates a dead worker within a guard cycle (0.5 s) and
  sends `post_spawn` from the new one; `timeout` (also per task) kills a worker
  that runs too long; stopping a cluster with SIGTERM to its main process lets
  the workers finish what they hold. These we use as they are.

So each piece of work also has a `Job` row, written in the same transaction as
the row it will fill in (an outbox: a crash between commit and enqueue loses
nothing), and the task is enqueued after commit:

- A worker claims the job before working (`leased`): a row lock, one attempt
  more, `owner` = host:pid:start time, and a lease of the work's own deadline
  (the submission's time limits plus a margin; `deadline_s`), which is also the
  task's django-q2 `timeout`. A claim of a job that is done, or held by a live
  worker inside its lease, does nothing: duplicate deliveries are harmless.
- `jobs_reap` hands a job back (re-enqueues it) when its worker is dead (same
  host: the pid is gone or reused; `psutil`), its lease has passed (any host),
  or it sat queued past `pickup_s` (a lost Redis list). Each worker runs it when
  it starts (so a reincarnated worker picks up its predecessor's job at once)
  and every `reap_every_s` after, in a thread; the submission's page runs it
  for that submission on every poll, so the page never waits on nothing.
- After `tries` attempts that did not finish, or `tries` x `pickup_s` without a
  worker taking it while no worker holds or took work of its kind (the cluster
  is down, not busy), the job gives up: the submission gets an Internal Error
  with the reason (the candidate may submit again), a measurement an error, a
  narrative "unavailable". Re-sending queued work is not an attempt (a broker
  away for a while costs no tries) and backs off (60, 120, 240 s...); nor is a
  task that failed on its database connection, which waits one reaper cycle.
  The page polls until then, never longer.
- Results are idempotent in the services (`submission_judge` and
  `submission_measure` lock the row and store once; a narrative is rewritten
  from the start, never appended to).

Deploys: `systemctl stop` (KillMode=mixed) sends SIGTERM to qcluster's main
process only; the workers finish what they hold within TimeoutStopSec (the
cluster's task timeout + 30 s). A worker killed anyway (SIGKILL after the stop
timeout, or SIGTERM to the whole process group) is a dead owner: the next
worker to start on that host hands its job back at once.
"""

from __future__ import annotations

import functools
import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from multiprocessing.reduction import ForkingPickler
from typing import Any

from django.conf import settings
from django.db import (
    InterfaceError,
    OperationalError,
    close_old_connections,
    connection,
    transaction,
)
from django.db.models import Q
from django.utils import timezone
from django_q.exceptions import TimeoutException
from django_q.tasks import async_task

from interviews.models import (
    Feedback,
    FeedbackStatus,
    Job,
    JobKind,
    JobStatus,
    Submission,
    SubmissionKind,
    SubmissionStatus,
)

logger = logging.getLogger(__name__)

HOST = socket.gethostname()
MSG_GAVE_UP = "{what} failed {tries} times: {reason}. You can submit again."
MSG_NEVER_STARTED = "{what} failed to start for {waited:.0f} s: {reason}. You can submit again."


def _conf(name: str) -> float:
    return float(settings.MOCKMATE_JOBS[name])


def _ceiling(cluster: str) -> float:
    """The cluster's django-q2 `timeout`: no deadline may pass it (nor its ORM `retry`)."""
    conf: dict[str, Any] = dict(settings.Q_CLUSTER)
    if cluster != conf["name"]:
        conf = {**conf, **conf["ALT_CLUSTERS"].get(cluster, {})}
    return float(conf["timeout"])


# --- what each kind of work is ---------------------------------------------------


def _judge_deadline(submission: Submission) -> float:
    """Every test at its wall-clock limit, plus the sandbox's start and a margin."""
    from problems.judge.service import problem_limits

    problem = submission.item.problem
    tests = problem.tests.all()
    if submission.kind == SubmissionKind.RUN:
        tests = tests.filter(is_sample=True)
    wall = problem_limits(problem=problem).wall_s
    return min(tests.count() * wall + _conf("margin_s"), _ceiling("judge"))


def _measure_deadline(submission: Submission) -> float:
    """The comparison's own longest time (`problems.growth.measure_deadline_s`), doubled
    for a busy host."""
    from problems.growth import measure_deadline_s

    return min(
        2 * measure_deadline_s(submission.item.problem) + _conf("margin_s"), _ceiling("measure")
    )


def _narrative_deadline(submission: Submission) -> float:
    """The model's own time-out, plus loading it (about 17 s at worst) and a margin."""
    model_s = float(str(settings.MOCKMATE_LLM["timeout_s"]))
    return min(model_s + 30 + _conf("margin_s"), _ceiling("llm"))


def _judge_done(target_id: int) -> bool:
    return Submission.objects.filter(
        pk=target_id, status__in=[SubmissionStatus.DONE, SubmissionStatus.ERROR]
    ).exists()


def _judge_requeue(target_id: int) -> None:
    Submission.objects.filter(pk=target_id, status=SubmissionStatus.RUNNING).update(
        status=SubmissionStatus.QUEUED
    )


def _judge_give_up(target_id: int, reason: str) -> None:
    Submission.objects.filter(
        pk=target_id, status__in=[SubmissionStatus.QUEUED, SubmissionStatus.RUNNING]
    ).update(
        status=SubmissionStatus.ERROR,
        verdict="IE",
        report={"error": reason},
        judged_at=timezone.now(),
    )


def _measure_done(target_id: int) -> bool:
    return Submission.objects.filter(pk=target_id, growth_pending=False).exists()


def _measure_give_up(target_id: int, reason: str) -> None:
    Submission.objects.filter(pk=target_id, growth_pending=True).update(
        growth={"error": reason}, growth_pending=False
    )


def _narrative_done(target_id: int) -> bool:
    return Feedback.objects.filter(
        pk=target_id, status__in=[FeedbackStatus.DONE, FeedbackStatus.UNAVAILABLE]
    ).exists()


def _narrative_requeue(target_id: int) -> None:
    # The retry writes the narrative from its start: the half-written one goes.
    Feedback.objects.filter(pk=target_id, status=FeedbackStatus.STREAMING).update(
        status=FeedbackStatus.PENDING, narrative="", updated=timezone.now()
    )


def _narrative_give_up(target_id: int, reason: str) -> None:
    Feedback.objects.filter(
        pk=target_id, status__in=[FeedbackStatus.PENDING, FeedbackStatus.STREAMING]
    ).update(status=FeedbackStatus.UNAVAILABLE, updated=timezone.now())


@dataclass(frozen=True)
class JobSpec:
    task: str
    cluster: str
    what: str  # "Judging", in the candidate's words
    deadline_s: Callable[[Submission], float]
    is_done: Callable[[int], bool]
    requeue: Callable[[int], None]  # back to its waiting state before a retry
    give_up: Callable[[int, str], None]  # a final state that says why


KINDS: dict[str, JobSpec] = {
    JobKind.JUDGE: JobSpec(
        "interviews.tasks.submission_judge_task", "judge", "Judging",
        _judge_deadline, _judge_done, _judge_requeue, _judge_give_up,
    ),
    JobKind.MEASURE: JobSpec(
        "interviews.tasks.submission_measure_task", "measure", "Measuring growth",
        _measure_deadline, _measure_done, lambda target_id: None, _measure_give_up,
    ),
    JobKind.NARRATIVE: JobSpec(
        "interviews.tasks.feedback_generate_task", "llm", "The interviewer's feedback",
        _narrative_deadline, _narrative_done, _narrative_requeue, _narrative_give_up,
    ),
}  # fmt: skip


# --- the worker's identity --------------------------------------------------------------


@functools.cache
def _owner_of(pid: int) -> str:
    import psutil

    return f"{HOST}:{pid}:{psutil.Process(pid).create_time():.2f}"


def this_process() -> str:
    return _owner_of(os.getpid())


def owner_dead(owner: str) -> bool:
    """Whether the worker named `owner` is gone; only knowable on its own host."""
    import psutil

    host, pid, started = owner.rsplit(":", 2)
    if host != HOST:
        return False
    try:
        process = psutil.Process(int(pid))
        return f"{process.create_time():.2f}" != started or process.status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


# Jobs this process is working on now (set before the claim commits, so the reaper
# thread never takes a job its own process is starting for an orphan).
_HELD: set[tuple[str, int]] = set()


# --- writes -------------------------------------------------------------------------------


def job_create(*, kind: str, submission: Submission, target_id: int) -> Job:
    """Record the work in the caller's transaction; enqueue it once that commits."""
    spec = KINDS[kind]
    job, created = Job.objects.get_or_create(
        kind=kind,
        target_id=target_id,
        defaults={
            "submission": submission,
            "deadline_s": spec.deadline_s(submission),
            "lease_until": timezone.now() + timedelta(seconds=_conf("pickup_s")),
        },
    )
    if created:
        # robust: a broker that is down must not fail the request; the reaper sends it later.
        transaction.on_commit(lambda: _enqueue(job), robust=True)
    return job


def _enqueue(job: Job) -> None:
    spec = KINDS[job.kind]
    async_task(spec.task, job.target_id, cluster=spec.cluster, timeout=int(job.deadline_s) + 1)


def job_claim(*, kind: str, target_id: int) -> bool:
    """Take the job for this worker; False when it is done or someone else holds it."""
    me, now = this_process(), timezone.now()
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(kind=kind, target_id=target_id).first()
        if job is None:
            return True  # enqueued before jobs existed: run it as before
        if job.status in (JobStatus.DONE, JobStatus.FAILED) or KINDS[kind].is_done(target_id):
            if job.status not in (JobStatus.DONE, JobStatus.FAILED):
                job.status = JobStatus.DONE
                job.save(update_fields=["status", "updated"])
            return False
        if job.status == JobStatus.RUNNING and job.owner != me and _verdict(job, now) is None:
            return False  # a live worker holds it: this is a duplicate delivery
        job.status, job.owner, job.attempts = JobStatus.RUNNING, me, job.attempts + 1
        job.lease_until = now + timedelta(seconds=job.deadline_s)
        job.save(update_fields=["status", "owner", "attempts", "lease_until", "updated"])
    return True


def job_finish(*, kind: str, target_id: int) -> None:
    Job.objects.filter(kind=kind, target_id=target_id).exclude(status=JobStatus.FAILED).update(
        status=JobStatus.DONE, owner="", lease_until=None, updated=timezone.now()
    )


def _verdict(job: Job, now: Any) -> str | None:
    """Why this job should be handed back now, or None while it is in good hands."""
    if job.status == JobStatus.QUEUED:
        if job.lease_until is not None and job.lease_until < now:
            return "no worker picked it up in time"
        return None
    if job.status != JobStatus.RUNNING:
        return None
    if job.owner == this_process() and (job.kind, job.target_id) not in _HELD:
        # This process's task failed without handing it back (its database was away).
        return "the worker lost its database connection while working on it"
    if job.owner and owner_dead(job.owner):
        return "the worker stopped (killed, crashed or restarted) while working on it"
    if job.lease_until is not None and job.lease_until < now:
        return f"it ran past its deadline of {job.deadline_s:.0f} s"
    return None


def _progress(job: Job) -> bool:
    """Whether a worker holds, took or finished work of this kind lately: busy, not down."""
    now = timezone.now()
    since = now - timedelta(seconds=_conf("pickup_s"))
    recent = Q(updated__gte=since) & ~Q(status=JobStatus.QUEUED)
    holding = Q(status=JobStatus.RUNNING, lease_until__gte=now)
    return Job.objects.filter(recent | holding, kind=job.kind).exclude(pk=job.pk).exists()


def _hand_back(job: Job, reason: str) -> str:
    """Retry the job (or give up after `tries`); the caller holds the row's lock."""
    spec = KINDS[job.kind]
    if spec.is_done(job.target_id):
        job.status, job.owner = JobStatus.DONE, ""
        job.save(update_fields=["status", "owner", "updated"])
        return "done"
    now, was_running = timezone.now(), job.status == JobStatus.RUNNING
    job.reason, job.owner = reason, ""
    waited = (now - job.queued_at).total_seconds()
    if (was_running and job.attempts >= _conf("tries")) or (
        not was_running and waited >= _conf("tries") * _conf("pickup_s") and not _progress(job)
    ):
        job.status = JobStatus.FAILED
        job.save(update_fields=["status", "owner", "reason", "updated"])
        message = (MSG_GAVE_UP if was_running else MSG_NEVER_STARTED).format(
            what=spec.what, tries=job.attempts, waited=waited, reason=reason
        )
        spec.give_up(job.target_id, message)
        logger.warning("gave up %s: %s", job, reason)
        return "failed"
    spec.requeue(job.target_id)
    job.status, job.deliveries = JobStatus.QUEUED, job.deliveries + 1
    if was_running:
        job.queued_at = now
        wait = _conf("pickup_s")
    else:  # sent again and again while its cluster is down: back off (60, 120, 240 s...)
        wait = _conf("pickup_s") * 2 ** min(job.deliveries - 2, 4)
    job.lease_until = now + timedelta(seconds=wait)
    job.save(
        update_fields=[
            "status", "owner", "reason", "deliveries", "queued_at", "lease_until", "updated"
        ]
    )  # fmt: skip
    transaction.on_commit(functools.partial(_enqueue, job), robust=True)
    logger.warning("handed back %s: %s", job, reason)
    return "retried"


def job_release(*, kind: str, target_id: int, reason: str, database: bool = False) -> None:
    """The task failed in this worker: hand the job back at once rather than at its deadline.

    A failure of the database connection is not the work's: it costs no try, and
    the job waits one reaper cycle (the database is likely still away) instead of
    being sent straight back, so that a flapping database cannot spend its tries.
    """
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(kind=kind, target_id=target_id).first()
        if job is None or job.status != JobStatus.RUNNING or job.owner != this_process():
            return
        if not database:
            _hand_back(job, reason)
            return
        job.status, job.owner, job.reason = JobStatus.QUEUED, "", reason
        job.attempts = max(0, job.attempts - 1)
        job.queued_at = timezone.now()
        job.lease_until = job.queued_at + timedelta(seconds=_conf("reap_every_s"))
        job.save(
            update_fields=["status", "owner", "reason", "attempts", "queued_at", "lease_until"]
        )
        KINDS[kind].requeue(target_id)


def jobs_reap(*, submission: Submission | None = None) -> int:
    """Hand back every job whose worker died, whose lease passed, or nobody picked up."""
    now = timezone.now()
    due = Job.objects.filter(status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).filter(
        Q(lease_until__lt=now) | Q(status=JobStatus.RUNNING, owner__startswith=f"{HOST}:")
    )
    if submission is not None:
        due = due.filter(submission=submission)
    handed = 0
    for job in due[:200]:
        if _verdict(job, now) is None:
            continue
        with transaction.atomic():
            job = Job.objects.select_for_update().get(pk=job.pk)
            if (reason := _verdict(job, now)) is not None:
                _hand_back(job, reason)
                handed += 1
    return handed


# --- the task side ------------------------------------------------------------------------


def leased(kind: str) -> Callable[[Callable[[int], str]], Callable[[int], str]]:
    """Decorate a task taking the target's id: claim, run, finish; hand back on failure."""

    def decorate(task: Callable[[int], str]) -> Callable[[int], str]:
        @functools.wraps(task)
        def run(target_id: int) -> str:
            key = (kind, target_id)
            _HELD.add(key)
            try:
                if not job_claim(kind=kind, target_id=target_id):
                    return "already done or in other hands"
                try:
                    result = task(target_id)
                except (Exception, TimeoutException) as exc:
                    # A dropped database connection is replaced before handing back.
                    connection.close()
                    why = "it ran past its deadline" if isinstance(exc, TimeoutException) else ""
                    try:
                        job_release(
                            kind=kind,
                            target_id=target_id,
                            reason=why or f"error: {exc}",
                            database=isinstance(exc, (OperationalError, InterfaceError)),
                        )
                    except Exception:  # the database is away: the reaper thread retries it
                        logger.exception("could not hand back %s %s", kind, target_id)
                    raise
                job_finish(kind=kind, target_id=target_id)
                return result
            finally:
                _HELD.discard(key)

        return run

    return decorate


_REAPER: list[threading.Thread] = []


def _get_unlocked(queue: Any, block: bool = True, timeout: float | None = None) -> Any:
    """django-q2's `Queue.get`, waiting for a message without holding the read lock.

    A reader holds the lock only to take a message that is already in the pipe
    (microseconds), instead of for as long as it waits: a worker killed while idle
    leaves the lock free. Several idle readers may wake for one message; those
    that find it taken wait again. Non-blocking and timed gets are django-q2's own.
    """
    if not block or timeout is not None:
        return _QUEUE_GET[0](queue, block, timeout)
    if queue._closed:
        raise ValueError(f"Queue {queue!r} is closed")
    while True:
        queue._reader.poll(None)  # until a message (or the writers' end) is there
        with queue._rlock:
            if queue._reader.poll(0):
                data = queue._recv_bytes()
                break
    queue._sem.release()
    queue.size.increment(-1)  # django-q2's count of queued tasks (`qsize`)
    return ForkingPickler.loads(data)


_QUEUE_GET: list[Callable[..., Any]] = []


def worker_queues_unlocked() -> None:
    """Make django-q2's in-cluster queues survive a reader killed while it waits (once).

    Applies to the task queue (the workers) and the result queue (the monitor) of
    every cluster started in this process; called when the app loads.
    """
    from django_q.queues import Queue

    if not _QUEUE_GET:
        _QUEUE_GET.append(Queue.get)
        Queue.get = _get_unlocked


def worker_started(sender: object = None, **kwargs: object) -> None:
    """django-q2's post_spawn: reap now (a dead predecessor's job) and every few seconds.

    One reaper per worker process; none in sync mode, where django-q2 runs the
    worker loop inside the caller (tests) and sends post_spawn there too.
    """
    from django_q.conf import Conf

    if Conf.SYNC or _REAPER:
        return
    _REAPER.append(threading.Thread(target=_reap_forever, name="jobs-reaper", daemon=True))
    _REAPER[0].start()


def _reap_forever() -> None:
    while True:
        try:
            close_old_connections()
            jobs_reap()
        except Exception:
            logger.exception("the job reaper failed; trying again")
            connection.close()
        time.sleep(_conf("reap_every_s"))
