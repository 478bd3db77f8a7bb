"""Fetch the latest registered model's adapter (from GCS or the DVC remote) onto this machine.

An llm worker on a fresh machine runs this before it starts, so it loads the
active fine-tuned model rather than the base one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from interviews.model_registry import model_version_pull
from interviews.models import ModelVersion
from mltools.storage import StorageError


class Command(BaseCommand):
    help = "Download the active (or named, or newest) ModelVersion's adapter from GCS or DVC."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--name", default=None, help="A ModelVersion name (default: active, else newest)."
        )
        parser.add_argument(
            "--models-dir", type=Path, default=Path(settings.MOCKMATE_DATA_DIR) / "models"
        )
        parser.add_argument("--dry-run", action="store_true", help="Say what would be fetched.")

    def handle(self, *args: Any, **options: Any) -> None:
        version = None
        if options["name"]:
            version = ModelVersion.objects.filter(name=options["name"]).first()
            if version is None:
                raise CommandError(f"no ModelVersion named {options['name']!r}")
        if options["dry_run"]:
            chosen = (
                version
                or ModelVersion.objects.filter(is_active=True).first()
                or ModelVersion.objects.first()
            )
            self.stdout.write(
                self.style.SUCCESS(f"would fetch {chosen.adapter_uri if chosen else 'nothing'}")
            )
            return
        try:
            path = model_version_pull(version=version, models_dir=options["models_dir"])
        except (ValueError, StorageError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"adapter ready at {path}"))
