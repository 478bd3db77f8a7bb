"""Talk to the active (or a named) model from the terminal: a quick check after fine-tuning."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from interviews.model_registry import model_version_active, runtime_config
from interviews.models import ModelVersion


class Command(BaseCommand):
    help = "Prompt the active model (or --name, or --base) once with --prompt, or interactively."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--prompt", default=None, help="One prompt; omit for an interactive session."
        )
        parser.add_argument(
            "--name", default=None, help="A ModelVersion name (default: the active one)."
        )
        parser.add_argument(
            "--base", action="store_true", help="Use the base model, without adapter."
        )
        parser.add_argument("--max-new-tokens", type=int, default=200)

    def handle(self, *args: Any, **options: Any) -> None:
        from mltools.contracts import ChatTurn, GenerationRequest
        from mltools.llm import api

        version = None
        if options["name"]:
            version = ModelVersion.objects.filter(name=options["name"]).first()
            if version is None:
                raise CommandError(f"no ModelVersion named {options['name']!r}")
        elif not options["base"]:
            version = model_version_active()
        config = runtime_config(version=version)
        self.stderr.write(
            f"model: {version.name if version else 'base'} "
            f"(backend {config.backend}, model {config.model_path or 'the default'})"
        )

        def ask(prompt: str) -> None:
            request = GenerationRequest(
                messages=(ChatTurn(role="user", content=prompt),),
                max_new_tokens=options["max_new_tokens"],
            )
            result = api.generate(request, config=config)
            self.stdout.write(result.text)
            self.stderr.write(
                f"[{result.new_tokens} tokens, {result.tokens_per_s:.0f} tokens/s, {result.finish_reason}]"
            )

        if options["prompt"] is not None:
            ask(options["prompt"])
            return
        while True:
            try:
                prompt = input("> ").strip()
            except EOFError:
                break
            if prompt in {"exit", "quit"}:
                break
            if prompt:
                ask(prompt)
