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
LOG_TAIL = 60  # lines of each cluster's log printed when a block with clusters fails


def worker_database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    return f"postgres://{db.get('USER') or 'postgres'}@{host}:{port}/{db['NAME']}"


def cluster_start(
    name: str, *, log_dir: Path, extra_env: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    """One `manage.py qcluster` for cluster `name`, in its own process group, logging to a file."""
    log_dir.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mockmate_site.settings.test",
        "DATABASE_URL": worker_database_url(),
        "PYTHONUNBUFFERED": "1",
        **(extra_env or {}),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    if name != settings.Q_CLUSTER["name"]:
        env["Q_CLUSTER_NAME"] = name
    with open(log_dir / f"qcluster-{name}.log", "a") as log:
        return subprocess.Popen(
            [sys.executable, "manage.py", "qcluster"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip


def cluster_stop(process: subprocess.Popen[bytes], timeout: float = 15) -> None:
    """SIGTERM the whole process group (as a terminal's Ctrl-C would), SIGKILL if it lingers."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@contextmanager
def clusters(
    *names: str, log_dir: Path, extra_env: dict[str, str] | None = None
) -> Iterator[dict[str, subprocess.Popen[bytes]]]:
    """Run `manage.py qcluster` for each cluster name ("judge", "llm") until the block ends.

    When the block fails, the end of each cluster's log is printed (pytest shows it under the
    failure), so that a verdict that never came can be traced on a CI machine too."""
    processes = {name: cluster_start(name, log_dir=log_dir, extra_env=extra_env) for name in names}
    try:
        time.sleep(1.5)
        yield processes
    except BaseException:
        for name in names:
            lines = (log_dir / f"qcluster-{name}.log").read_text(errors="replace").splitlines()
            print(f"--- the last {LOG_TAIL} lines of qcluster-{name}.log ---")
            print("\n".join(lines[-LOG_TAIL:]))
        raise
    finally:
        for process in processes.values():
            cluster_stop(process)
