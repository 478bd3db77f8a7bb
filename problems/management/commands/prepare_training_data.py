"""Build the interviewer's Alpaca training data from the bank.

Two steps: the Django side judges every problem's reference, slow and broken
variants and writes the problems with those facts as JSONL partitions; then a
Dask bag turns the partitions into train/validation examples (`mltools.data.prepare`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from problems.ml_services import training_problems_export
from problems.models import Problem


class Command(BaseCommand):
    help = (
        "Judge the bank's solution variants and prepare Alpaca JSONL (train/validation) with Dask."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        data = Path(settings.MOCKMATE_DATA_DIR) / "data"
        parser.add_argument("--out", type=Path, default=data / "alpaca")
        parser.add_argument("--partitions-dir", type=Path, default=data / "problems")
        parser.add_argument("--partitions", type=int, default=4)
        parser.add_argument("--validation-percent", type=int, default=20)
        parser.add_argument("--source", action="append", default=[], help="Only these sources.")
        parser.add_argument("--no-judge", action="store_true", help="Skip the judged variants.")
        parser.add_argument("--dry-run", action="store_true", help="Count problems only.")

    def handle(self, *args: Any, **options: Any) -> None:
        from mltools.data.prepare import prepare

        problems = Problem.objects.filter(is_published=True)
        if options["source"]:
            problems = problems.filter(source__in=options["source"])
        count = problems.count()
        if options["dry_run"]:
            self.stdout.write(self.style.SUCCESS(f"would prepare {count} problems"))
            return
        with tqdm(total=count, unit="problem", desc="judging variants") as bar:
            training_problems_export(
                out_dir=options["partitions_dir"],
                partitions=options["partitions"],
                judge=not options["no_judge"],
                sources=tuple(options["source"]),
                on_progress=bar.update,
            )
        report = prepare(
            options["partitions_dir"],
            options["out"],
            validation_percent=options["validation_percent"],
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.train} train / {report.validation} validation examples "
                f"({report.train_problems} / {report.validation_problems} problems) in "
                f"{report.seconds:.1f} s -> {report.out_dir} (data version {report.data_version})"
            )
        )
        for reason, n in report.invalid.items():
            self.stdout.write(self.style.WARNING(f"invalid: {n} x {reason}"))
