"""Say what the problem bank holds, per source: the closing report of `make bank-full`.

After a download, an import and an enrichment, a team wants to know what it got:
how many problems, how many runnable (with tests), how many with hints and an
editorial, and reference solutions per language. Reads only
(`problems.selectors.bank_summary`); nothing is written.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from problems.selectors import bank_summary


class Command(BaseCommand):
    help = "Report the bank per source: problems, with tests, hints, editorials, references."

    def handle(self, *args: Any, **options: Any) -> None:
        summaries = bank_summary()
        if not summaries:
            self.stdout.write("the bank is empty: run ingest_problems or fetch_problems")
            return
        for s in summaries:
            languages = ", ".join(f"{lang} {n}" for lang, n in s.references.items()) or "none"
            self.stdout.write(
                self.style.SUCCESS(
                    f"{s.source}: {s.problems} problems, {s.with_tests} with tests, "
                    f"{s.with_hints} with hints, {s.with_editorial} with an editorial; "
                    f"references: {languages}"
                )
            )
