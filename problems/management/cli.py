"""What the problem bank's management commands share: reading a source file, finding a problem.

Errors come back as `CommandError` with one line a person can act on (no traceback).
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError
from django.db import DatabaseError

from problems.models import Problem


def read_source(path: str) -> str:
    """The text of `path`; CommandError when it cannot be read as text."""
    try:
        return Path(path).read_text()
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"cannot read {path}: {exc}") from exc


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
        raise CommandError(f"no problem with slug {slug!r}")
    return problem
