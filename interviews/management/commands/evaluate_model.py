"""Compare models on held-out problems: pass@1 of their own solutions through the judge,
and the interviewer quality suite, printed side by side (base first, then fine-tuned).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from interviews.model_registry import model_evaluate, model_version_active
from interviews.models import ModelVersion


class Command(BaseCommand):
    help = "pass@1 on held-out problems and interviewer quality figures: base vs fine-tuned, side by side."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--name", action="append", default=[], help="ModelVersion(s) (default: active)."
        )
        parser.add_argument("--limit", type=int, default=5, help="Held-out problems to solve.")
        parser.add_argument("--validation-percent", type=int, default=20)
        parser.add_argument(
            "--no-quality", action="store_true", help="Skip the interviewer quality suite."
        )
        parser.add_argument("--no-base", action="store_true", help="Skip the base model column.")

    def handle(self, *args: Any, **options: Any) -> None:
        versions: list[ModelVersion | None] = [] if options["no_base"] else [None]
        for name in options["name"]:
            found = ModelVersion.objects.filter(name=name).first()
            if found is None:
                raise CommandError(f"no ModelVersion named {name!r}")
            versions.append(found)
        if not options["name"] and (active := model_version_active()) is not None:
            versions.append(active)
        table = model_evaluate(
            versions=versions,
            limit=options["limit"],
            validation_percent=options["validation_percent"],
            quality=not options["no_quality"],
            on_task=lambda slug, verdict: self.stdout.write(f"  {slug}: {verdict}"),
        )
        self.stdout.write(table)
        self.stdout.write(self.style.SUCCESS(f"evaluated {len(versions)} model(s)"))
