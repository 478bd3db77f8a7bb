"""Score the clarifying chat on the labelled questions of `../shared/eval` (per kind and overall).

    python -m mltools.llm.clarify_eval                      # ../shared/eval, problems/bank
    python -m mltools.llm.clarify_eval --show-failures
    python -m mltools.llm.clarify_eval --questions other.jsonl --bank path/to/bank
    python -m mltools.llm.clarify_eval --phrase            # also the model's rewording pass

Scoring follows `../shared/eval/README.md`: an answer is correct when, after the same light
clean-up of answer and phrases, it holds one phrase of `must_contain_any`, none of
`must_not_contain_any`, and no code (`def `, `class Solution`). The answers come from
`mltools.llm.clarify.answer_question`, the function the room and `ask_interviewer` call.
With `--phrase`, each answer also goes through `api.phrase` (the default model) and the
page's text (the rewording when the checker keeps it) is scored, with the kept rate.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from mltools.contracts import ProblemRecord, RuntimeConfig
from mltools.data import bank
from mltools.llm import api, clarify
from mltools.llm.clarify import answer_question, brief_from_record

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_QUESTIONS = ROOT.parent / "shared" / "eval" / "clarifying_questions.jsonl"
DEFAULT_BANK = ROOT / "problems" / "bank"
KINDS = ("answerable", "not_stated", "solution_seeking")


def normalize(text: str) -> str:
    """The README's clean-up: lower case, plain quotes and dashes, no markdown, tight signs."""
    s = text.lower()
    s = (
        s.replace("\u2018", "'")
        .replace("\u2019", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
    )
    s = s.replace("\u2013", "-").replace("\u2014", "-").replace("\u2212", "-")
    s = s.replace("\u2264", "<=").replace("\u2265", ">=")
    # Inline-code backticks go; a fence (```) is code and stays visible to the phrases.
    s = s.replace("```", "\x00").replace("`", "").replace("\x00", "```")
    s = s.replace("**", "").replace("__", "")
    s = re.sub(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])", "", s)
    s = re.sub(r"\s*(<=|>=|!=|==|<|>|=)\s*", r" \1 ", s)
    s = re.sub(r"\s*(<=|>=|!=|==|<|>)\s*", r"\1", s)
    s = re.sub(r"\[\s*", "[", s)
    s = re.sub(r"\s*\]", "]", s)
    s = re.sub(r"\s*,\s*", ", ", s)
    return " ".join(s.split())


def _phrase(text: str) -> str:
    """A phrase cleaned like an answer, keeping its edge spaces ("def " is not "defined")."""
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() else ""
    return lead + normalize(text) + trail


def score_answer(
    answer: str, must_contain_any: Sequence[str], must_not_contain_any: Sequence[str]
) -> bool:
    if not answer.strip():
        return False
    got = normalize(answer)
    if "def " in got or "class solution" in got:
        return False
    if not any(_phrase(p) in got for p in must_contain_any):
        return False
    return not any(_phrase(p) in got for p in must_not_contain_any)


@dataclass(frozen=True)
class Scored:
    id: str
    kind: str
    question: str
    answer: str
    answered_kind: str
    correct: bool
    phrasing_kept: bool | None = None  # None: no phrasing pass
    phrasing_s: float | None = None  # wall time of the rewording, seconds


@dataclass(frozen=True)
class ClarifyReport:
    rows: tuple[Scored, ...]

    def accuracy(self, kind: str | None = None) -> float:
        rows = [r for r in self.rows if kind is None or r.kind == kind]
        return sum(r.correct for r in rows) / len(rows) if rows else 0.0

    def count(self, kind: str | None = None) -> int:
        return sum(1 for r in self.rows if kind is None or r.kind == kind)


def load_questions(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_bank(path: Path) -> dict[str, ProblemRecord]:
    return {r.slug: r for r in bank.parse(path) if isinstance(r, ProblemRecord)}


def evaluate(
    questions: Iterable[dict[str, object]],
    problems: dict[str, ProblemRecord],
    *,
    phrase_config: RuntimeConfig | None = None,
) -> ClarifyReport:
    """Answer every question about its problem and score it; a missing problem scores wrong.

    With `phrase_config`, the model rewords each answer (as the room's llm cluster does)
    and what the page would show is scored.
    """
    rows = []
    for q in questions:
        record = problems.get(str(q["problem"]))
        brief = brief_from_record(record) if record else None
        result = answer_question(brief, str(q["question"])) if brief else None
        answer = result.answer if result else ""
        kept, seconds = None, None
        if brief and result and phrase_config and result.kind in clarify.PHRASED_KINDS:
            started = time.perf_counter()
            phrased = api.phrase(
                answer, result.evidence, reference_code=brief.reference_code, config=phrase_config
            )
            seconds = time.perf_counter() - started
            answer, kept = phrased.text, phrased.kept
        rows.append(
            Scored(
                id=str(q["id"]),
                kind=str(q["kind"]),
                question=str(q["question"]),
                answer=answer,
                answered_kind=result.kind if result else "",
                correct=score_answer(
                    answer,
                    list(q.get("must_contain_any", [])),  # type: ignore[call-overload]
                    list(q.get("must_not_contain_any", [])),  # type: ignore[call-overload]
                ),
                phrasing_kept=kept,
                phrasing_s=seconds,
            )
        )
    return ClarifyReport(tuple(rows))


def format_report(report: ClarifyReport, *, show_failures: bool = False) -> str:
    lines = ["Clarifying questions (grounded answers, no model)"]
    for kind in KINDS:
        lines.append(
            f"  {kind:<17} {report.accuracy(kind):6.1%}  ({sum(r.correct for r in report.rows if r.kind == kind)}/{report.count(kind)})"
        )
    lines.append(
        f"  {'overall':<17} {report.accuracy():6.1%}  ({sum(r.correct for r in report.rows)}/{report.count()})"
    )
    tried = [r.phrasing_kept for r in report.rows if r.phrasing_kept is not None]
    if tried:
        times = [r.phrasing_s for r in report.rows if r.phrasing_s is not None]
        median = f" (median {statistics.median(times):.1f} s per rewording)" if times else ""
        lines.append(
            f"  model's rewording kept by the checker: {sum(tried)}/{len(tried)}"
            f" ({sum(tried) / len(tried):.0%}){median}"
        )
    if show_failures:
        for row in report.rows:
            if not row.correct:
                lines.append(
                    f"- {row.id} [{row.kind} -> {row.answered_kind}] {row.question}\n    {row.answer}"
                )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS)
    parser.add_argument("--bank", type=Path, default=DEFAULT_BANK)
    parser.add_argument("--show-failures", action="store_true")
    parser.add_argument("--phrase", action="store_true", help="Also run the model's rewording.")
    parser.add_argument("--cache-dir", default=str(ROOT / "var" / "llm"))
    args = parser.parse_args(argv)
    if not args.questions.exists():
        print(f"No clarifying questions at {args.questions}: skipped.")
        return 0
    config = RuntimeConfig(cache_dir=args.cache_dir) if args.phrase else None
    report = evaluate(load_questions(args.questions), load_bank(args.bank), phrase_config=config)
    print(format_report(report, show_failures=args.show_failures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
