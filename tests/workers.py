"""Start real django-q2 clusters against the test database, for end-to-end tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def worker_database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    return f"postgres://{db.get('USER') or 'postgres'}@{host}:{port}/{db['NAME']}"


@contextmanager
def clusters(*names: str, log_dir: Path, extra_env: dict[str, str] | None = None) -> Iterator[None]:
    """Run `manage.py qcluster` for each cluster name ("judge", "llm") until the block ends."""
    log_dir.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mockmate_site.settings.test",
        "DATABASE_URL": worker_database_url(),
        "PYTHONUNBUFFERED": "1",
        **(extra_env or {}),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    processes = []
    for name in names:
        cluster_env = {**env, "Q_CLUSTER_NAME": name} if name != settings.Q_CLUSTER["name"] else env
        log = open(log_dir / f"qcluster-{name}.log", "w")
        processes.append(
            (
                subprocess.Popen(
                    [sys.executable, "manage.py", "qcluster"],
                    cwd=ROOT, env=cluster_env, stdout=log, stderr=subprocess.STDOUT,
                    start_new_session=True,
                ),
                log,
            )
        )  # fmt: skip
    try:
        time.sleep(1.5)
        yield
    finally:
        for process, log in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
            log.close()
