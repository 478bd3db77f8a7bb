"""The production path: a real `qcluster` with the Redis broker and PostgreSQL judges submissions.

Runs in the PostgreSQL pass of `make test` (it skips on SQLite). Submissions are
created through the service in a separate process with REDIS_URL set, exactly as
the web process does in production, and the judge cluster picks them up.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.db import connection

from interviews.models import Submission
from tests.workers import ROOT, clusters, worker_database_url

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.sandbox]
REDIS_URL = "redis://127.0.0.1:6379/15"
SUBMIT = """
from django.contrib.auth.models import User
from interviews import services
from problems.tests.factories import problem_create
user = User.objects.create_user("worker-test")
problem = problem_create()
interview = services.interview_start(candidate=user, problem=problem)
item = interview.items.get()
for i in range(5):
    services.submission_create(item=item, kind="submit", code="class Solution:\\n    def add(self, a, b):\\n        return a + b\\n", client_token=f"t{i}")
services.submission_create(item=item, kind="submit", code="class Solution:\\n    def add(self, a, b):\\n        return a * b\\n", client_token="wrong")
services.submission_create(item=item, kind="submit", code="class Solution:\\n    def add(self, a, b):\\n        return a * b\\n", client_token="wrong")
"""


@pytest.mark.django_db(transaction=True)
def test_judge_cluster_on_redis_and_postgres(tmp_path: Path) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("runs in the PostgreSQL pass of make test (DATABASE_URL=postgres://...)")
    try:
        redis.Redis.from_url(REDIS_URL).flushdb()
    except redis.ConnectionError:
        pytest.fail("Redis is not running on 127.0.0.1:6379 (scripts/services-up.sh starts it)")
    env = {"REDIS_URL": REDIS_URL}
    with clusters("judge", log_dir=tmp_path, extra_env=env):
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", SUBMIT],
            cwd=ROOT,
            env={
                **os.environ,
                **env,
                "DATABASE_URL": worker_database_url(),
                "DJANGO_SETTINGS_MODULE": "mockmate_site.settings.test",
            },
            check=True,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if (
                Submission.objects.count() == 6
                and not Submission.objects.exclude(status="done").exists()
            ):
                break
            time.sleep(0.5)
    log = (tmp_path / "qcluster-judge.log").read_text()
    verdicts = sorted(Submission.objects.values_list("verdict", flat=True))
    assert verdicts == ["AC"] * 5 + ["WA"], log[-3000:]  # the double-sent "wrong" is one submission
    assert all(s.results.exists() for s in Submission.objects.all())
