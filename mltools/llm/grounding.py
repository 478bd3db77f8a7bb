"""The phrasing checker: a model's rewording is shown only when it adds no claim.

    check_phrasing("The constraints say `1 <= len(nums)`, so nums is never empty.",
                   evidence=["1 <= len(nums) <= 10^4", "The constraints say ..."])
    -> PhrasingCheck(kept=True, reasons=())

Used wherever the model only phrases a text built from facts (the clarifying chat; the
feedback narrative and summary can pass their facts the same way). The built text is
complete on its own, so a rejection costs nothing but style.

Decisions:
- Every number, identifier (backticked text, snake_case and camelCase names, `name(`),
  complexity label (O(...) or "quadratic") and verdict word ("Accepted", "Wrong Answer",
  "TLE") must appear in the evidence: these are the claims a reader acts on, and a
  small model invents them first.
- How often a line runs ("about n^2 times", "n log n times") must be an order the
  evidence gives (the measured hot lines, `problems.judge.hotlines`): the line numbers and
  counts are numbers, checked as numbers.
- A technique name ("hash map", "two pointers") must appear in the evidence too: named
  by the model, it gives the solution away (`evidence.technique_terms`).
- No code at all (honesty.contains_code, or a `def`/`class`/`return` statement inline).
- Every sentence must be tied to one evidence sentence: at least 60% of its content words (and two)
  (stemmed, stop words aside) appear in that item. Small talk ("Great question!") and
  drift ("Arrays are used in data analysis") fail this and reject the whole text: a
  partial keep would show a text nobody checked as a whole.
- Shared with `clarify`: the word stems (`content_stems`), so the chat's ranking and this
  check read words the same way.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from mltools.contracts import PhrasingCheck
from mltools.llm import honesty
from mltools.llm.evidence import technique_terms

MIN_SHARED = 0.6  # share of a sentence's content words that one evidence sentence must hold

_STOP = set(
    """a an the and or but if then so of to in on at by for from with without into onto over
    under about as is are was were be been being am do does did doing done have has had having
    i me my we our you your he she it its they them their this that these those there here
    what which who whom whose when where why how can could should would will shall may might
    must need needs let lets just only also too very really any some all each every no not
    nor than such same other another more most much many few one ones get got gets give make
    like e.g eg ie say says said case happen happens thing things way ok okay please want
    mean means allowed assume guaranteed possible supposed actually else yes sure well""".split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_']*")


def _split_identifier(word: str) -> list[str]:
    parts = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", word).replace("_", " ").split()
    return [p.lower() for p in parts]


def stem(word: str) -> str:
    """A crude suffix stripper: 'touches' meets 'touch', 'placements' meets 'placement'."""
    w = word.lower().strip("'")
    for suffix, keep in (
        ("ies", "y"),
        ("sses", "ss"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not w.endswith("ss"):
            w = w[: -len(suffix)] + keep
            break
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    return w


def content_stems(text: str) -> list[str]:
    """Stems of the words that carry content (stop words, 1-letter words and "n't" forms aside).

    Identifiers count twice over: `wordDict` gives 'worddict', 'word' and 'dict'.
    """
    stems: list[str] = []
    for raw in _WORD.findall(text):
        words = [raw, *_split_identifier(raw)] if re.search(r"[A-Z_]", raw[1:]) else [raw]
        for word in words:
            lowered = word.lower().strip("'")
            if lowered.endswith("n't") or lowered in _STOP or len(lowered) < 2:
                continue
            stems.append(stem(lowered))
    return stems


# --- the claims a text makes ------------------------------------------------------------

_NUMBER = re.compile(r"(?<![A-Za-z_])-?\d+(?:\.\d+)?")
_BACKTICKED = re.compile(r"`([^`]+)`")
_SNAKE = re.compile(r"\b[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+\b")
_CAMEL = re.compile(r"\b[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*\b")
_CALL = re.compile(r"\b([A-Za-z_]\w*)\s*\(")
_INLINE_CODE = re.compile(
    r"\b(?:def|class)\s+\w+|\breturn\s+[\w\[(]+\s*(?:[-+*/%<>=]|\bif\b)|\blambda\b\s*\w*:"
)
_VERDICTS = re.compile(
    "|".join(rf"\b{re.escape(label)}\b" for label in honesty.VERDICT_LABELS.values()), re.I
)
_VERDICT_CODES = re.compile(r"\b(?:AC|WA|TLE|MLE|RE|CE|OLE)\b")  # case matters: "re", "ac"
_NEGATION = re.compile(r"\b(?:not|no|never|none|cannot|nothing|neither|nor)\b|n't\b", re.I)
_NOT_CALLS = {"O", "o", "Θ", "e", "i", "ie", "eg"}
# "runs about n^2 times": an order of line executions (problems.judge.hotlines.ORDER_WORDS).
_ORDER = re.compile(
    r"(n\s*\^\s*\d|n²|n³|n\s+log\s+n|log\s+n|\d+(?:\.\d+)?\s*\^\s*n|\bn)\s+times\b", re.I
)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("`", ""))


def _numbers(text: str, *, with_magnitudes: bool = False) -> set[str]:
    found = set()
    for match in _NUMBER.findall(text.replace("`", "")):
        value = float(match)
        found.add(f"{value:g}")
        if with_magnitudes:  # "-1" in the evidence allows the "1" of "minus 1"
            found.add(f"{abs(value):g}")
    return found


def _growths(text: str) -> set[str]:
    return {
        g for sentence in honesty.sentences(text) for g, _ in honesty.named_growths(sentence) if g
    }


def _orders(text: str) -> set[str]:
    found = set()
    for match in _ORDER.findall(text):
        order = re.sub(r"\s+", " ", match.lower().replace("²", "^2").replace("³", "^3"))
        found.add(re.sub(r"\s*\^\s*", "^", order))
    return found


def _verdicts(text: str) -> set[str]:
    return {v.lower() for v in _VERDICTS.findall(text)} | {
        honesty.VERDICT_LABELS[c].lower() for c in _VERDICT_CODES.findall(text)
    }


def check_phrasing(text: str, *, evidence: Sequence[str]) -> PhrasingCheck:
    """Whether `text` may be shown in place of the text built from `evidence`.

    `evidence`: the facts and quoted pieces the built text rests on (include the built
    text itself: it is true by construction). Returns PhrasingCheck(kept, reasons); each
    reason names the rule and the offending piece. Raises nothing: empty text is rejected.
    """
    reasons: list[str] = []
    body = text.strip()
    if not body:
        return PhrasingCheck(kept=False, reasons=("empty: the model wrote nothing",))
    pool = "\n".join(evidence)
    squashed_pool = _squash(pool)
    if honesty.contains_code(body) or _INLINE_CODE.search(body):
        reasons.append("code: the text contains code")
    for number in sorted(_numbers(body) - _numbers(pool, with_magnitudes=True)):
        reasons.append(f"number: {number} is not in the evidence")
    identifiers = {m.strip() for m in _BACKTICKED.findall(body)}
    identifiers |= set(_SNAKE.findall(body)) | set(_CAMEL.findall(body))
    identifiers |= {name + "(" for name in _CALL.findall(body) if name not in _NOT_CALLS}
    for name in sorted(identifiers):
        if _squash(name) not in squashed_pool:
            reasons.append(f"identifier: `{name}` is not in the evidence")
    for growth in sorted(_growths(body) - _growths(pool)):
        reasons.append(f"complexity: {growth} is not in the evidence")
    for order in sorted(_orders(body) - _orders(pool)):
        reasons.append(f"count: a line running about {order} times is not in the evidence")
    for verdict in sorted(_verdicts(body) - _verdicts(pool)):
        reasons.append(f"verdict: '{verdict}' is not in the evidence")
    for term in sorted(technique_terms(body) - technique_terms(pool)):
        reasons.append(f"technique: '{term}' is not in the evidence")
    # Tied to one evidence sentence with the same polarity: "can be empty" is not tied to
    # "is never empty", though the words are the same.
    items = [
        (set(content_stems(part)), bool(_NEGATION.search(part)))
        for item in evidence
        for part in honesty.sentences(item)
    ]
    for sentence in honesty.sentences(body):
        words = set(content_stems(sentence))
        if not words:
            continue
        need = max(min(2, len(words)), math.ceil(MIN_SHARED * len(words)))
        negated = bool(_NEGATION.search(sentence))
        if not any(len(words & item) >= need and neg == negated for item, neg in items):
            reasons.append(f"untied: no evidence holds the sentence {sentence[:80]!r}")
    return PhrasingCheck(kept=not reasons, reasons=tuple(reasons))
