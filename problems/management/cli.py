"""What the problem bank's management commands share: reading a source file, finding a problem.

Errors come back as `CommandError` with one line a person can act on (no traceback).
"""

from __future__ import annotations

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError, OutputWrapper
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor

from problems.models import Problem


def read_source(path: str) -> str:
    """The text of `path`; CommandError when it cannot be read as text."""
    try:
        return Path(path).read_text()
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"cannot read {path}: {exc}") from exc


def database_ready(stderr: OutputWrapper) -> None:
    """Apply the migrations a database lacks before a command reads or writes the bank.

    On a fresh checkout the database file is empty; without this, an import stored
    nothing ("the database refused it", once per problem) and the judge found no problem.
    One line says what was done; nothing happens when the schema is up to date.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        raise CommandError(f"cannot reach the database: {exc}") from None
    if plan:
        stderr.write(f"the database lacks {len(plan)} migration(s): applying them first")
        call_command("migrate", interactive=False, verbosity=0)


def problem_by_slug(slug: str) -> Problem:
    """The problem (published or not) with this slug; CommandError when there is none or the
    database is not migrated."""
    try:
        problem = Problem.objects.filter(slug=slug).first()
    except DatabaseError as exc:
        raise CommandError(
            f"cannot read the problem bank ({exc}): run `manage.py migrate`, then import"
        ) from None
    if problem is None:
        raise CommandError(
            f"no problem with slug {slug!r} ({Problem.objects.count()} imported): import it "
            "first, `manage.py ingest_problems --source bank` for the bank's problems, "
            "`--source leetcodedataset --path ../shared/data/leetcodedataset` for LeetCodeDataset's"
        )
    return problem
