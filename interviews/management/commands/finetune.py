"""Fine-tune the interviewer model with LoRA from a recipe, and register the result.

The work is `mltools.training.train_lora.main`; this command only records the
run as a ModelVersion (optionally the active one, which the llm worker loads).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from interviews.model_registry import model_version_register


class Command(BaseCommand):
    help = "LoRA fine-tune from a recipe YAML; prints validation loss before/after and registers a ModelVersion."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--recipe", type=Path, required=True)
        parser.add_argument("--name", default=None, help="Run name (default: recipe name + time).")
        parser.add_argument("--activate", action="store_true", help="Make this the active model.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the recipe and data only."
        )
        parser.add_argument(
            "--export-dir",
            type=Path,
            default=None,
            help="Also copy the adapter, metrics and loss curve here (a fixed path for DVC).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from mltools.training import train_lora

        recipe_path: Path = options["recipe"]
        if not recipe_path.is_file():
            raise CommandError(f"no recipe at {recipe_path}")
        recipe = train_lora.load_recipe(recipe_path)
        for split in ("train", "validation"):
            if not any(Path(recipe["data"][split]).glob("*.jsonl")):
                raise CommandError(
                    f"no {split} data in {recipe['data'][split]}: run prepare_training_data"
                )
        if options["dry_run"]:
            self.stdout.write(
                self.style.SUCCESS(f"recipe {recipe['name']} and its data are in place")
            )
            return
        run = train_lora.main(recipe_path, run_name=options["name"])
        version = model_version_register(
            name=run.name,
            base_model=run.base_model,
            adapter_uri=run.adapter_dir,
            recipe=run.recipe,
            recipe_params=run.recipe_params,
            data_version=run.data_version,
            metrics=run.metrics,
            activate=options["activate"],
        )
        m = run.metrics
        self.stdout.write(
            f"validation loss {m['eval_loss_before']} -> {m['eval_loss_after']} "
            f"(perplexity {m['perplexity_before']} -> {m['perplexity_after']}); "
            f"{m['steps']} steps, {m['tokens_per_second']} tokens/s on {m['device']} ({m['precision']})"
        )
        if options["export_dir"] is not None:
            run_dir = Path(run.adapter_dir).parent
            shutil.rmtree(options["export_dir"], ignore_errors=True)
            shutil.copytree(run_dir / "adapter", options["export_dir"] / "adapter")
            for name in ("metrics.json", "loss.png"):
                shutil.copy2(run_dir / name, options["export_dir"] / name)
        self.stdout.write(self.style.SUCCESS(f"registered {version}: adapter at {run.adapter_dir}"))
