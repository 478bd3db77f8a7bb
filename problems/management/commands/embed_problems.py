"""Embed the bank's problems so search and "problems like this" can rank them.

Only problems whose embedded text (or the model) changed since the last run are
encoded again, so re-running after an ingestion costs seconds.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from problems.ml_services import embedding_model_name, problem_embeddings_update


class Command(BaseCommand):
    help = "Embed published problems (only new or changed ones) with the sentence-embedding model."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--model", default=None, help="Model name or path (default: settings).")
        parser.add_argument("--batch-size", type=int, default=64)
        parser.add_argument("--dry-run", action="store_true", help="Count what would be embedded.")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        bar: tqdm[Any] | None = None

        def plan(n: int) -> None:
            nonlocal bar
            if n and not options["no_progress"] and not options["dry_run"]:
                bar = tqdm(total=n, unit="problem", desc="embedding")

        report = problem_embeddings_update(
            model_name=options["model"] or embedding_model_name(),
            batch_size=options["batch_size"],
            dry_run=options["dry_run"],
            on_plan=plan,
            on_progress=lambda n: bar.update(n) if bar is not None else None,
        )
        if bar is not None:
            bar.close()
        verb = "would embed" if options["dry_run"] else "embedded"
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.model_name}: {verb} {report.embedded}, unchanged {report.unchanged}, "
                f"removed {report.removed} (of {report.total} published problems)"
            )
        )
