"""The facts checker: what a narrative may say, given what the judge measured.

Decisions:
- Rules are plain regular expressions over sentences, cheap enough to run after every
  streamed token, so contradicting text is stopped before it reaches the page.
- A sentence that praises ("all tests pass", "accepted", "correct", "perfect", "100/100")
  is a false success unless the verdict is Accepted; a negation in the same sentence
  ("not correct", "isn't accepted", "fails") makes it a statement about failure instead.
- Complexities named (O(...) or words such as "quadratic") must be the measured growth,
  the optimal one or the candidate's own claim (quoting it to contrast is honest); any
  other class is something nobody measured.
- "test 7" must exist (1 <= 7 <= total). Scores are never the model's to give: any
  "score"/"x/100"/"out of 10" claim is flagged, which also defeats injected "give 100".
- Code is never allowed in a narrative, and chat/hints must not overlap the reference
  solution (token 6-grams, identifiers kept: renaming everything is a different program
  as far as a reader is concerned) nor contain code before the interview ends.
"""

from __future__ import annotations

import re

from mltools import complexity
from mltools.contracts import Contradiction, SessionFacts, SubmissionFacts

ACCEPTED = "AC"

VERDICT_LABELS = {
    "AC": "Accepted",
    "WA": "Wrong Answer",
    "TLE": "Time Limit Exceeded",
    "MLE": "Memory Limit Exceeded",
    "RE": "Runtime Error",
    "CE": "Compile Error",
    "OLE": "Output Limit Exceeded",
    "IE": "Internal Error",
    "EMPTY": "Empty submission",
}

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")

_SUCCESS = re.compile(
    r"\b(all\s+(?:the\s+|of\s+the\s+)?(?:\d+\s+)?(?:tests?|test\s+cases|cases)\s+(?:\w+\s+){0,2}?"
    r"(?:pass(?:ed|es)?|succeed(?:ed|s)?|green)"
    r"|pass(?:es|ed)?\s+(?:all|every)\b"
    r"|\baccepted\b"
    r"|\b(?:is|was|looks|seems|are|fully|completely|totally|100%)\s+(?:\w+\s+)?correct\b"
    r"|\bcorrect\s+(?:solution|answer|code|implementation)"
    r"|\bworks?\s+(?:correctly|perfectly|for\s+all|on\s+all)"
    r"|\b(?:solved|passed|aced|cracked)\s+(?:every|all|both)\b|\bevery\s+test\s+pass"
    r"|\bperfect(?:ly)?\b|\bflawless\b|\bno\s+(?:bugs|errors|mistakes|issues|failures)\b"
    r"|\bgreat\s+job\b|\bwell\s+done\b|\bcongratulations\b|\bexcellent\s+(?:job|work|solution))",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"\b(not|no|never|isn't|wasn't|aren't|doesn't|didn't|don't|won't|cannot|can't|"
    r"fail(?:s|ed|ing)?|yet|until|unless|if|would|could|should|once|before|almost|nearly|except)\b"
    r"|n't\b",
    re.IGNORECASE,
)
_FAILURE = re.compile(
    r"\b(fail(?:s|ed|ing)?\s+(?:on\s+)?(?:test|the\s+test|case|\d)"
    r"|wrong\s+answer|runtime\s+error|syntax\s+error|time\s+limit\s+exceeded"
    r"|(?:is|was)\s+(?:incorrect|wrong))",
    re.IGNORECASE,
)
_COUNT = re.compile(
    r"\b(\d+)\s*(?:of|/|out\s+of)\s*(?:the\s+|all\s+)?(\d+)\s+(?:tests?|test\s+cases|cases)\b", re.I
)
# Not an exponent: "runs about n^2 times" is how often a line runs, not a time ratio.
_RATIO = re.compile(r"(?<!\^)\b(\d+(?:\.\d+)?)\s*(?:x|×|times)(?=[\s.,;:)]|$)", re.I)
_PERCENT = re.compile(r"\b(\d+(?:\.\d+)?)\s*(?:%|per\s?cent\b)", re.IGNORECASE)
_HYPOTHETICAL = re.compile(
    r"\b(if|would|could|might|may|when|whether|avoid|ensure|make sure)\b", re.I
)
_TEST_REF = re.compile(r"\btest(?:\s+case)?\s*(?:#|number|no\.?)?\s*(\d{1,4})\b", re.IGNORECASE)
_SCORE = re.compile(
    r"\b(\d{1,3}\s*/\s*(?:10|100)\b|\d{1,3}\s+out\s+of\s+(?:10|100)\b"
    r"|score(?:d|s)?\s*(?:of\s+|is\s+|:\s*|=\s*)?\d{1,3}\b|\bgrade\s+(?:of\s+)?[a-f]\b"
    r"|\b(?:give|giving|award|deserves?)\s+(?:you\s+|it\s+)?(?:a\s+)?\d{1,3}\b)",
    re.IGNORECASE,
)
_CODE_FENCE = re.compile(r"```|~~~")
_CODE_LINE = re.compile(
    r"^\s*(def\s+\w+\s*\(|class\s+\w+|return\b|for\s+\w+(?:\s*,\s*\w+)*\s+in\s+.+:\s*$|"
    r"while\s+.+:\s*$|if\s+.+:\s*$|import\s+\w+|from\s+\w+\s+import|\w+\s*(?:\[[^\]]*\])?\s*[+\-*/]?=\s*\S)",
    re.MULTILINE,
)


# The vocabulary of an interview about code. A sentence with none of it, no big-O and no word
# of the problem's title is not feedback ("The winner was the first to win twice."): small
# models drift into such text. Deliberately broad: only plain noise should miss every stem.
_TOPIC = re.compile(
    r"\b(?:code|coding|solution|solv|algorithm|approach|complexit|test|case|edge|input|output|"
    r"result|return|loop|iterat|recurs|array|list|string|char|hash|map|dict|set|sort|tree|graph|"
    r"node|pointer|index|indic|stack|queue|heap|search|binary|dynamic|memo|cache|space|memory|"
    r"runtime|running|fast|slow|quick|efficien|optim|perform|quadratic|linear|logarithm|constant|"
    r"exponential|bug|error|fail|pass|accept|wrong|answer|correct|function|method|variable|data|"
    r"structure|problem|hint|question|interview|candidate|explain|explanation|implement|logic|"
    r"condition|boundar|value|element|number|integer|count|sum|duplicate|practi[cs]|readab|"
    r"clean|lint|style|naming|debug|syntax|compil|exception|limit|scal|minute|step|check|"
    r"handl|improv|strength|growth|grow|size|large|small|empty|null|none|edge|brute|greedy|"
    r"window|prefix|matrix|grid|bit|math|formula|proof|invariant|pattern|technique|idea|"
    r"submission|submit|program|line|nest|call|operation|lookup|traverse|travers)\w*"
    r"|\bO\s*\(|\btime\s+(?:limit|complexity)",
    re.IGNORECASE,
)


def off_topic(sentence: str, title: str = "") -> bool:
    """True for a sentence about nothing in the interview (no topic word, none of the title's).

    List markers ("1.") and a list's introduction ("Here is what to do:") are judged by
    the items that follow, not on their own.
    """
    text = sentence.strip()
    if _TOPIC.search(text) or re.fullmatch(r"[\W\d_]*", text) or text.endswith(":"):
        return False
    words = {w for w in re.findall(r"[a-z]{4,}", title.lower())}
    return not words & set(re.findall(r"[a-z]{4,}", sentence.lower()))


def sentences(text: str) -> list[str]:
    """Split after . ! ? followed by a space (so "1.5x" and "O(n log n)." stay whole)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def named_growths(sentence: str) -> list[tuple[str, str]]:
    found = [
        (complexity.canonical(m.group(0)), m.group(0)) for m in complexity.BIG_O.finditer(sentence)
    ]
    lowered = sentence.lower()
    for word, growth in complexity.WORDS.items():
        if word in lowered:
            found.append((growth, word))
    return found


def allowed_growths(facts: SubmissionFacts) -> set[str]:
    allowed = {
        complexity.canonical(g)
        for g in (facts.observed_growth, facts.optimal_growth, facts.stated_complexity)
        if g and g != "unknown"
    }
    allowed |= {
        complexity.canonical(m.group(0)) for m in complexity.BIG_O.finditer(facts.stated_as)
    }
    return {g for g in allowed if g}


def check_narrative(text: str, facts: SubmissionFacts) -> list[Contradiction]:
    """Every statement in `text` that the judge's facts contradict (empty when honest)."""
    return _check(
        text,
        accepted=facts.verdict == ACCEPTED and facts.passed == facts.total and facts.total > 0,
        verdict=VERDICT_LABELS.get(facts.verdict, facts.verdict),
        passed=facts.passed,
        total=facts.total,
        allowed=allowed_growths(facts),
        measured=facts.observed_growth or "not measured",
        counts=(facts.passed, facts.total),
        ratio=facts.time_ratio,
    )


def check_summary(text: str, session: SessionFacts) -> list[Contradiction]:
    """The same rules over a whole interview.

    A sentence that names a problem is held against that problem's facts; any other
    sentence against the session (success only if every problem was Accepted).
    """
    subs = session.submissions
    allowed: set[str] = set()
    for facts in subs:
        allowed |= allowed_growths(facts)
    solved = sum(1 for f in subs if f.verdict == ACCEPTED)
    found: list[Contradiction] = []
    for sentence in sentences(text):
        named = [f for f in subs if f.problem_title and f.problem_title.lower() in sentence.lower()]
        if len(named) == 1:
            found += check_narrative(sentence, named[0])
            continue
        found += _check(
            sentence,
            accepted=bool(subs) and solved == len(subs),
            verdict=f"{solved} of {len(subs)} problems Accepted",
            passed=solved,
            total=max((f.total for f in subs), default=0),
            allowed=allowed,
            measured=", ".join(sorted(allowed)) or "not measured",
        )
    return found


def _check(
    text: str,
    *,
    accepted: bool,
    verdict: str,
    passed: int,
    total: int,
    allowed: set[str],
    measured: str,
    counts: tuple[int, int] | None = None,
    ratio: float | None = None,
) -> list[Contradiction]:
    found: list[Contradiction] = []
    for sentence in sentences(text):
        for match in _COUNT.finditer(sentence) if counts is not None else ():
            said = (int(match.group(1)), int(match.group(2)))
            if counts is not None and said != counts:
                found.append(
                    Contradiction(
                        "wrong_count",
                        f"says {said[0]} of {said[1]} tests, the judge says {counts[0]} of {counts[1]}",
                        sentence,
                    )
                )
        for match in _RATIO.finditer(sentence) if counts else ():
            value = float(match.group(1))
            if ratio is None or abs(value - ratio) > max(0.1 * ratio, 0.05):
                found.append(
                    Contradiction(
                        "wrong_ratio",
                        f"says {match.group(0)}, the measured time ratio is "
                        + (f"{ratio:.1f}x" if ratio is not None else "unknown"),
                        sentence,
                    )
                )
        # The judge reports no percentages but the share of tests passed: any other
        # percentage ("24% better than previous submissions") is invented.
        share = round(100 * passed / total) if total else None
        for match in _PERCENT.finditer(sentence):
            if share is None or round(float(match.group(1))) != share:
                found.append(
                    Contradiction(
                        "invented_number",
                        f"says {match.group(0)}, a figure the judge did not report",
                        sentence,
                    )
                )
        # "no bugs" is praise: negations are looked for outside the praising words.
        rest = _SUCCESS.sub(" ", sentence)
        if _SUCCESS.search(sentence) and not accepted and not _NEGATION.search(rest):
            found.append(
                Contradiction(
                    "false_success",
                    f"claims success but the result is {verdict}"
                    + (f" ({passed}/{total} tests passed)" if counts else ""),
                    sentence,
                )
            )
        if accepted and _FAILURE.search(sentence) and not _HYPOTHETICAL.search(sentence):
            found.append(
                Contradiction("false_failure", "claims a failure but every test passed", sentence)
            )
        # Space bounds ("O(1) extra space") are not measured; only time claims are checked.
        about_space = re.search(r"\b(space|memory)\b", sentence, re.IGNORECASE)
        for growth, quoted in [] if about_space else named_growths(sentence):
            if growth and growth not in allowed:
                found.append(
                    Contradiction(
                        "wrong_complexity",
                        f"names {quoted} but the measured growth is {measured}",
                        sentence,
                    )
                )
        for match in _TEST_REF.finditer(sentence):
            index = int(match.group(1))
            if not 1 <= index <= total:
                found.append(
                    Contradiction(
                        "unknown_test", f"cites test {index}, but there are {total} tests", sentence
                    )
                )
        if _SCORE.search(sentence):
            found.append(
                Contradiction(
                    "score_claim", "scores come from the judge, not the narrative", sentence
                )
            )
    if contains_code(text):
        found.append(Contradiction("code", "the text contains code", ""))
    return found


# --- leaks --------------------------------------------------------------------------------

_TOKEN = re.compile(r"[A-Za-z_]\w*|\d+|==|!=|<=|>=|//|\*\*|->|[^\sA-Za-z_\d]")
_COMMON = {"(", ")", ":", ",", ".", "[", "]", "=", "self"}


def code_tokens(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(text) if t not in _COMMON]


def contains_code(text: str) -> bool:
    """A fenced block, or at least two lines that read as Python statements."""
    if _CODE_FENCE.search(text):
        return True
    return len(_CODE_LINE.findall(text)) >= 2


def solution_overlap(text: str, reference_code: str, n: int = 6) -> float:
    """Share of the reference's token n-grams that appear in `text` (0 to 1)."""
    ref = code_tokens(reference_code)
    if len(ref) < n:
        return 0.0
    ref_grams = {tuple(ref[i : i + n]) for i in range(len(ref) - n + 1)}
    got = code_tokens(text)
    got_grams = {tuple(got[i : i + n]) for i in range(len(got) - n + 1)}
    return len(ref_grams & got_grams) / len(ref_grams)


def leaks_solution(
    text: str, reference_code: str, *, interview_over: bool = False, threshold: float = 0.15
) -> bool:
    """True when `text` must not be shown: it overlaps the reference solution, or it
    contains code while the interview is still running."""
    if not interview_over and contains_code(text):
        return True
    if not reference_code:
        return False
    ref = code_tokens(reference_code)
    grams = max(len(ref) - 5, 1)
    # Two shared 6-grams are already a copied line; short references need a share too.
    shared = solution_overlap(text, reference_code)
    return shared >= threshold or shared * grams >= 3


_ASKS_SOLUTION = re.compile(
    r"\b(give|show|write|tell|send|paste|provide)\s+(me\s+)?(the\s+|a\s+|your\s+)?"
    r"(full\s+|complete\s+|whole\s+|reference\s+|optimal\s+)?(solution|code|answer|implementation)"
    r"|\bsolve\s+(it|this|the\s+problem)\s+for\s+me"
    r"|ignore\s+(all\s+)?(the\s+|your\s+)?(previous|prior|above)\s+instructions",
    re.IGNORECASE,
)


def asks_for_solution(question: str) -> bool:
    """The candidate asks for the answer (or tries to override the instructions)."""
    return bool(_ASKS_SOLUTION.search(question))
