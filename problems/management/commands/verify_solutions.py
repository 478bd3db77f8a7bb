"""Run every reference solution against its problem's tests and mark it verified.

Reference solutions come from our own bank and from imported datasets; a wrong
one would make the judge's growth comparison and the interviewer's feedback
wrong too. This checks them all in the sandbox, with generous limits so that the
deliberately slow solutions still pass, records the outcome on each row, and
lists the failures with their reasons.

    manage.py verify_solutions [--problem SLUG] [--source bank] [--language cpp]
                               [--limit 100] [--dry-run]

`--language` checks only the solutions in that language (the judge's key: python3,
cpp, java, javascript, typescript; "python" and "c++" are read as python3 and cpp).

Exits non-zero only when the judge itself could not run (internal errors); a
solution that fails its tests is reported, not an error of this command.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import QuerySet
from tqdm import tqdm

from problems.judge.derivation import problems_without_generator
from problems.judge.languages import LANGUAGES
from problems.judge.verification import SolutionCheck, solutions_in_language, solutions_verify
from problems.models import Problem, ReferenceSolution, Source


class Command(BaseCommand):
    help = "Run reference solutions against their problems' tests and record which pass."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--problem", metavar="SLUG", help="only this problem's solutions")
        parser.add_argument("--source", choices=Source.values, help="only problems from SRC")
        parser.add_argument(
            "--language", choices=sorted(LANGUAGES), help="only solutions in this language"
        )
        parser.add_argument("--limit", type=int, help="at most N solutions")
        parser.add_argument("--dry-run", action="store_true", help="judge but save nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        queryset = ReferenceSolution.objects.all()
        if options["problem"]:
            queryset = queryset.filter(problem__slug=options["problem"])
        if options["source"]:
            queryset = queryset.filter(problem__source=options["source"])
        if options["language"]:
            queryset = solutions_in_language(queryset, options["language"])
        if options["limit"]:
            ids = list(queryset.order_by("problem__slug", "kind", "pk")[: options["limit"]])
            queryset = ReferenceSolution.objects.filter(pk__in=[s.pk for s in ids])
        total = queryset.count()
        if not total:
            self.stdout.write(self.style.WARNING("No reference solutions match."))
            return

        with tqdm(
            total=total, unit="solution", file=self.stderr, disable=options["verbosity"] == 0
        ) as bar:

            def advance(check: SolutionCheck) -> None:
                bar.set_postfix_str(check.label[:40])
                bar.update(1)

            summary = solutions_verify(
                queryset=queryset, dry_run=options["dry_run"], on_checked=advance
            )

        for check in summary.problems:
            style = self.style.ERROR if check.status == "internal_error" else self.style.WARNING
            self.stdout.write(style(f"{check.status.upper():8} {check.label}: {check.note}"))
        style = self.style.SUCCESS if not summary.problems else self.style.WARNING
        self.stdout.write(style(str(summary)))
        self._without_generator(queryset)
        if summary.internal_errors:
            raise CommandError(
                f"{summary.internal_errors} solution(s) could not be run: the judge is not working"
            )

    def _without_generator(self, queryset: QuerySet[ReferenceSolution]) -> None:
        """The problems growth cannot be measured on, and why (no stress test either)."""
        problems = Problem.objects.filter(pk__in=queryset.values("problem")).order_by("slug")
        missing = problems_without_generator(problems=problems)
        if not missing:
            return
        self.stdout.write(
            self.style.WARNING(f"{len(missing)} problem(s) without an input generator:")
        )
        for slug, reason in missing:
            self.stdout.write(f"  NO GENERATOR {slug}: {reason}")
