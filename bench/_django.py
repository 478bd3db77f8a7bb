"""Shared set-up for benchmarks: Django on a fresh, throw-away database.

`fresh_database()` points Django at a new SQLite file (or, with
BENCH_DATABASE_URL=postgres://..., a PostgreSQL database it creates) and
migrates it, so benchmarks never touch the developer's data.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def fresh_database(name: str = "bench") -> str:
    url = os.environ.get("BENCH_DATABASE_URL")
    if url:
        _recreate_postgres(url)
    else:
        path = Path(tempfile.mkdtemp(prefix=f"mockmate-{name}-")) / "db.sqlite3"
        url = f"sqlite:///{path}"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mockmate_site.settings.local")
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return url


def _recreate_postgres(url: str) -> None:
    import psycopg

    base, _, dbname = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{dbname}"')


def use_production_services(redis_db: int) -> bool:
    """PostgreSQL (database mockmate_bench, made afresh) and Redis, as in production, when they answer."""
    import socket

    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=1).close()
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        print("PostgreSQL/Redis not reachable: SQLite and the ORM broker")
        return False
    os.environ.setdefault("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mockmate_bench")
    os.environ["REDIS_URL"] = f"redis://127.0.0.1:6379/{redis_db}"
    import redis

    redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()
    return True


def median_ms(func: Callable[[], object], repeat: int = 30, warmup: int = 3) -> float:
    for _ in range(warmup):
        func()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] if ordered else 0.0
