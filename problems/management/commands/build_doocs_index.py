"""Build the doocs/leetcode index from a checkout, so a deployment can reproduce its bank.

`ingest_problems --enrich-from` joins this index by slug to give imported
problems their titles, editorials and hint ladders; until now it existed only
as a prepared file. This command reads a checkout of https://github.com/doocs/leetcode
(`git clone --depth 1`): each `solution/<range>/<NNNN.Title>/README_EN.md` with
its front matter, description and approaches, and the `Solution*` files. The
work is `mltools.data.doocs.build_index`; a folder that cannot be read is
reported and costs no other, and the output file is written only at the end.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from mltools import storage
from mltools.data import doocs
from mltools.data.io import write_jsonl

LISTED = 20


class Command(BaseCommand):
    help = (
        "Build the doocs/leetcode index (JSONL, .gz to compress) from a checkout of "
        "doocs/leetcode: CHECKOUT --out FILE_OR_gs://bucket/object. The content is "
        "CC BY-SA 4.0 (doocs/leetcode); problem statements are LeetCode's."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "checkout", help="a doocs/leetcode checkout (the folder holding solution/)"
        )
        parser.add_argument("--out", required=True, help="the index file to write (local or gs://)")
        parser.add_argument("--dry-run", action="store_true", help="read and report; write nothing")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        show = not options["no_progress"] and options["verbosity"] >= 1
        bars: list[tqdm[Any]] = []

        def plan(n: int) -> None:
            bars.append(
                tqdm(total=n, unit="problem", desc="reading", file=sys.stderr, disable=not show)
            )

        try:
            built = doocs.build_index(
                Path(options["checkout"]), on_plan=plan, on_progress=lambda n: bars[0].update(n)
            )
        except doocs.CheckoutError as exc:
            raise CommandError(str(exc)) from None
        finally:
            for bar in bars:
                bar.close()
        if not built.rows:
            raise CommandError(
                f"no problem folder of {options['checkout']} could be read "
                f"(first: {built.skipped[0].reason}); {options['out']} left as it was"
            )
        if not options["dry_run"]:
            try:
                write_jsonl(options["out"], built.rows)
            except storage.StorageError as exc:
                raise CommandError(str(exc)) from None
        languages = ", ".join(f"{name} {count}" for name, count in built.languages().items())
        prefix = "DRY RUN, nothing written: " if options["dry_run"] else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}{len(built.rows)} problems indexed into {options['out']}, "
                f"{len(built.skipped)} skipped; code per language: {languages or 'none'}"
            )
        )
        for skipped in built.skipped[: None if options["verbosity"] >= 2 else LISTED]:
            self.stdout.write(self.style.WARNING(f"  skipped {skipped.reason}"))
        if options["verbosity"] < 2 and len(built.skipped) > LISTED:
            self.stdout.write(f"  ... and {len(built.skipped) - LISTED} more (-v 2 lists all)")
