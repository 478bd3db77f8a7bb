"""Import problems from the bundled bank or a public data set, idempotently.

Every source arrives through this one command, so that cleaning, re-import
behaviour (created / updated / unchanged, keyed by source and source id) and the
report of skipped lines are the same for all of them. The work is in
`problems.services.problems_ingest`; parsers live in `mltools.data`.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mltools.data import sources
from mltools.data.sources import SOURCES
from problems.management.cli import database_ready
from problems.services import IngestError, IngestSummary, problems_ingest

LISTED = 20  # skipped lines and notes shown before "... and N more" (all with -v 2)


class Command(BaseCommand):
    help = (
        "Import problems: --source bank|kaggle-leetcode|leetcodedataset|humaneval|export "
        "--path PATH_OR_gs://bucket/object. Accepts .jsonl and .jsonl.gz (a folder reads all "
        "of them in name order, as does a gs://bucket/prefix/ URL). 'export' re-imports a file "
        "written by export_problems. Re-running updates in place and never duplicates."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--source",
            required=True,
            help="; ".join(f"{s.name}: {s.help}" for s in SOURCES.values()),
        )
        parser.add_argument(
            "--path",
            default=None,
            help="local file or folder, or gs://bucket/object (optional for bank and humaneval; "
            "leetcodedataset: var/data/raw/leetcodedataset, else ../shared/data/leetcodedataset)",
        )
        parser.add_argument(
            "--enrich-from",
            default=None,
            metavar="DOOCS_INDEX",
            help="a doocs/leetcode index (JSONL, local or gs://) or a checkout of doocs/leetcode: "
            "fill titles, editorials and hints the source lacks, joined by slug "
            "(CC BY-SA 4.0, credited per problem)",
        )
        parser.add_argument("--limit", type=int, default=None, help="import at most N problems")
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would change; write nothing"
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        try:  # bad arguments are told before the database is touched
            sources.check_arguments(options["source"], options["path"], options["enrich_from"])
        except sources.SourceError as exc:
            raise CommandError(str(exc)) from None
        if options["path"] is None and options["source"] != "bank" and options["verbosity"] >= 1:
            self.stdout.write(f"reading {sources.default_location(options['source'])}")
        database_ready(self.stderr)
        try:
            summary = problems_ingest(
                source=options["source"],
                path=options["path"],
                limit=options["limit"],
                dry_run=options["dry_run"],
                progress=not options["no_progress"] and options["verbosity"] >= 1,
                enrich_from=options["enrich_from"],
            )
        except IngestError as exc:
            raise CommandError(str(exc)) from None
        self._report(summary, everything=options["verbosity"] >= 2)

    def _report(self, summary: IngestSummary, *, everything: bool) -> None:
        prefix = "DRY RUN, nothing written: would have " if summary.dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}{summary.source}: {summary.created} created, {summary.updated} updated, "
                f"{summary.unchanged} unchanged, {len(summary.skipped)} skipped "
                f"({summary.problems} problems, {summary.tests} tests written, "
                f"{summary.superseded} rows superseded by later ones) in {summary.seconds:.1f} s"
            )
        )
        if summary.enriched:
            self.stdout.write(
                f"{summary.enriched} problems enriched from the doocs index "
                "(title, editorial, hints where missing)"
            )
        if summary.skipped:
            self.stdout.write(self.style.WARNING(f"skipped {len(summary.skipped)}:"))
            lines = [f"  line {s.line}: {s.reason}" for s in summary.skipped]
            self._listing(lines, everything=everything)
        if summary.notes:
            self.stdout.write(f"imported with notes ({len(summary.notes)}):")
            self._listing([f"  {note}" for note in summary.notes], everything=everything)

    def _listing(self, lines: list[str], *, everything: bool) -> None:
        shown = lines if everything else lines[:LISTED]
        for line in shown:
            self.stdout.write(line)
        if len(lines) > len(shown):
            self.stdout.write(f"  ... and {len(lines) - len(shown)} more (-v 2 lists all)")
