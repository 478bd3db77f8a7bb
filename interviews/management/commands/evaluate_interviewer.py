"""The interviewer's measured figures over the bank: `make eval-interviewer` runs this.

Exists so that the README's rates come from the real path: bank problems judged by the
real judge, mapped as the room maps them, shown as the page would show them.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from problems.selectors import problem_reference


class Command(BaseCommand):
    help = "Feedback over the bank's problems x seven simulated candidates: print the rates."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, default=0, help="At most this many problems.")
        parser.add_argument("--only", nargs="*", default=None, help="Candidate labels to run.")
        parser.add_argument("--no-growth", action="store_true", help="Skip growth measurement.")
        parser.add_argument("--no-model", action="store_true", help="Built text only.")
        parser.add_argument("--quiet", action="store_true", help="Rates only, no per-case rows.")

    def handle(self, *args: Any, **options: Any) -> None:
        from dataclasses import replace

        from interviews.evaluation import feedback_cases
        from interviews.model_registry import runtime_config
        from mltools.llm import evaluation
        from problems.models import Problem

        problems = Problem.objects.filter(source="bank", is_published=True).order_by("slug")
        if options["limit"]:
            problems = problems[: options["limit"]]
        if not problems:
            raise CommandError("no bank problem: run `manage.py ingest_problems --source bank`")
        config = runtime_config()
        if options["no_model"]:
            config = replace(config, model_path="/nonexistent", cache_dir="/nonexistent")
        cases = feedback_cases(
            problems,
            labels=options["only"],
            growth=not options["no_growth"],
            on_case=lambda slug, label: self.stderr.write(f"judged {slug}: {label}"),
        )
        references = {
            p.slug: reference.code
            for p in problems
            if (reference := problem_reference(problem=p)) is not None
        }
        report = evaluation.evaluate(
            [c.facts for c in cases],
            labels=[c.label for c in cases],
            config=config,
            reference_code=[references[c.slug] for c in cases],
            problems=[c.slug for c in cases],
        )
        self.stdout.write(evaluation.format_report(report, per_case=not options["quiet"]))
        if report.invented_rate or report.leak_rate:
            raise CommandError("the page would show an invented fact or a leak")
        self.stdout.write(self.style.SUCCESS("no invented fact, no leak"))
