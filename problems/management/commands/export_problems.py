"""Export the cleaned bank as JSONL, locally or to Google Cloud Storage.

The student project's "download, clean, upload" step: what ingestion cleaned
can be shared or versioned as one file of ProblemRecords, and read back with
`ingest_problems --source export --path <the same file>`.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from problems.services import IngestError, problems_export


class Command(BaseCommand):
    help = (
        "Write problems as JSONL (gzip when OUT ends with .gz) to a path or gs://bucket/object. "
        "Each line is one cleaned ProblemRecord; re-import with "
        "`ingest_problems --source export --path OUT`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, help="PATH or gs://bucket/object(.jsonl[.gz])")
        parser.add_argument("--source", default=None, help="only problems from this source")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            count = problems_export(out=options["out"], source=options["source"])
        except IngestError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(f"Exported {count} problems to {options['out']}"))
