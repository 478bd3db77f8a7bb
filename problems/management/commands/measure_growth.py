"""Measure how a source file's running time grows, beside the problem's optimal reference.

Staff use it to see what the room will say about a solution's efficiency (and to check a
problem's generator); scripts use `--json`. The measurement is the room's own
(`problems.growth.problem_growth_compare`): same sandbox, sizes and reference, so the
reference's measurement is stored on its row as the room stores it.

    manage.py measure_growth solution.py --problem two-sum
    manage.py measure_growth solution.py --problem two-sum --json
    -> {"class": "O(n^2)", "inconclusive": false, "sizes": [...], "hot_lines": [...],
        "reference_class": "O(n)", "seconds": 3.1, ...}

Growth means something only for correct code (wrong code that returns early is fast): the
file is judged first, and a verdict other than Accepted is said beside the figures.
"""

from __future__ import annotations

import json
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from problems.growth import problem_growth_compare
from problems.judge.languages import LANGUAGES
from problems.judge.service import problem_judge
from problems.judge.verdicts import Verdict
from problems.management.cli import problem_by_slug, read_source


class Command(BaseCommand):
    help = "Measure FILE's growth class on --problem's generated inputs, beside the reference's."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the source file to measure")
        parser.add_argument("--problem", metavar="SLUG", required=True)
        parser.add_argument("--language", default="python3", choices=sorted(LANGUAGES))
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        code = read_source(options["file"])
        problem = problem_by_slug(options["problem"])
        if not (problem.generator and problem.growth_sizes):
            raise CommandError(
                f"{problem.slug} has no input generator, so its growth cannot be measured"
            )
        started = time.perf_counter()
        verdict = problem_judge(
            problem=problem, code=code, language=options["language"], include_hidden=True
        ).verdict
        facts = problem_growth_compare(problem=problem, code=code, language=options["language"])
        summary = _summary(facts, verdict, time.perf_counter() - started)
        if options["json"]:
            self.stdout.write(json.dumps(summary))
        else:
            self._print(summary)

    def _print(self, summary: dict[str, Any]) -> None:
        if summary["verdict"] != Verdict.AC:
            label = Verdict(summary["verdict"]).label
            self.stdout.write(
                self.style.WARNING(
                    f"{label} on the tests: growth is only meaningful for correct code"
                )
            )
        sizes = ", ".join(f"{n:,}" for n in summary["sizes"])
        style = self.style.WARNING if summary["inconclusive"] else self.style.SUCCESS
        self.stdout.write(style(f"class:     {summary['class']}") + f"  (n = {sizes})")
        if summary["family"]:
            self.stdout.write(
                f"           on the inputs' {summary['family']} family, where this code does "
                "the most work"
            )
        if summary["inconclusive"]:
            self.stdout.write(f"           {summary['reason']}")
        self.stdout.write(f"reference: {summary['reference_class'] or 'none'}")
        self.stdout.write(summary["sentence"])
        if summary["lines"]:
            self.stdout.write(f"  lines counted: {summary['lines']['sentence']}")
        for hot in summary["hot_lines"]:
            self.stdout.write(f"  where the time goes: {hot['sentence']}")
        self.stdout.write(f"took {summary['seconds']:.1f} s")


def _summary(facts: dict[str, Any], verdict: str, seconds: float) -> dict[str, Any]:
    candidate = (facts.get("details") or {}).get("candidate") or {}
    reference = (facts.get("details") or {}).get("reference") or {}
    return {
        "class": facts.get("observed", ""),
        "inconclusive": bool(facts.get("inconclusive")),
        "reason": (candidate.get("fit") or {}).get("reason", "")
        if facts.get("inconclusive")
        else "",
        "sizes": [n for n, _ in candidate.get("points", [])],
        # the derived generator's family measured on, where it is the code's own worst case
        # and not the generator's family ("" for that one)
        "family": candidate.get("family", ""),
        "hot_lines": list(facts.get("hot_lines") or []),
        "reference_class": facts.get("optimal", ""),
        "reference_sizes": [n for n, _ in reference.get("points", [])],
        # what the feedback says: a slower class, or many times the reference's lines
        "slower": facts.get("slower", facts.get("slower_class")),
        "lines": facts.get("lines"),
        "time_ratio": facts.get("time_ratio"),
        "sentence": facts.get("sentence", ""),
        "verdict": verdict,
        "seconds": round(seconds, 3),
    }
