"""Check the input generators derived at import against each problem's reference.

Import derives a generator for every problem without a hand-written one, without
running code (`mltools.inputgen`). This runs the optimal reference in the sandbox on
each input family, keeps the family where it (or the problem's slow solution) shows
its worst case, sets the stress test's size to the largest input the reference handles
within the constraints, and clears the generator where the reference rejects every
family, with the reason (`problems.judge.derivation`).

    manage.py derive_generators [--problem SLUG] [--source leetcodedataset] [--limit N]
                                [--unchecked] [--dry-run]
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from problems.judge.derivation import GeneratorCheck, problems_generators_check
from problems.models import GeneratorOrigin, Problem, Source


class Command(BaseCommand):
    help = "Run each problem's reference on its derived generator's families; keep the best."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--problem", metavar="SLUG", help="only this problem")
        parser.add_argument("--source", choices=Source.values, help="only problems from SRC")
        parser.add_argument("--limit", type=int, help="at most N problems")
        parser.add_argument(
            "--unchecked", action="store_true", help="only generators not checked yet"
        )
        parser.add_argument("--dry-run", action="store_true", help="check but save nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        problems = Problem.objects.filter(generator_origin=GeneratorOrigin.DERIVED).order_by("slug")
        if options["problem"]:
            problems = problems.filter(slug=options["problem"])
        if options["source"]:
            problems = problems.filter(source=options["source"])
        if options["unchecked"]:
            problems = problems.filter(generator_checked__isnull=True)
        if options["limit"]:
            problems = problems[: options["limit"]]
        chosen = list(problems)
        if not chosen:
            self.stdout.write(self.style.WARNING("No derived generators match."))
            return
        counts: Counter[str] = Counter()
        failures: list[str] = []
        with tqdm(
            total=len(chosen), unit="problem", file=self.stderr, disable=options["verbosity"] == 0
        ) as bar:

            def advance(problem: Problem, check: GeneratorCheck | None) -> None:
                bar.update(1)
                if check is None:
                    counts["skipped (no Python reference)"] += 1
                elif check.ok:
                    counts[f"family {check.family}"] += 1
                else:
                    counts["no generator"] += 1
                    failures.append(f"  {problem.slug}: {check.reason}")

            problems_generators_check(
                problems=chosen, dry_run=options["dry_run"], on_checked=advance
            )
        for line in failures:
            self.stdout.write(self.style.WARNING(line))
        summary = ", ".join(f"{n} {what}" for what, n in counts.most_common())
        suffix = " (dry run, nothing saved)" if options["dry_run"] else ""
        self.stdout.write(
            self.style.SUCCESS(f"{len(chosen)} generators checked: {summary}{suffix}")
        )
