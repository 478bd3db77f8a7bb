"""Ask the interviewer a clarifying question from the terminal and see exactly what the room shows.

The answer comes from `services.chat_answer_build`, the function the room's *Ask* calls, so
this is the way to check an answer (or a new problem's statement) without a browser:

    python manage.py ask_interviewer --problem two-sum --question "Can nums be empty?"
    python manage.py ask_interviewer --problem two-sum --question "..." --json

It writes nothing and runs no model: the room shows this text at once (the `llm` cluster
may reword it later, and its words replace it only when the phrasing checker keeps them).
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from interviews import services
from problems.models import Problem


class Command(BaseCommand):
    help = "Print the interviewer's answer to --question about problem --problem (as the room shows it)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--problem", required=True, help="The problem's slug.")
        parser.add_argument("--question", required=True, help="The candidate's question.")
        parser.add_argument(
            "--json", action="store_true", help='Print {"answer": ..., "evidence": [...]}.'
        )

    def handle(self, *args: Any, **options: Any) -> None:
        problem = Problem.objects.filter(slug=options["problem"]).first()
        if problem is None:
            raise CommandError(f"no problem with the slug {options['problem']!r}")
        try:
            built = services.chat_answer_build(problem=problem, question=options["question"])
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        if options["json"]:
            payload = {"answer": built.answer, "evidence": list(built.evidence)}
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
            return
        self.stdout.write(built.answer)
        for piece in built.evidence:
            self.stdout.write(self.style.SUCCESS(f"  from the problem: {piece}"))
