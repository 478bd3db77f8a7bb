"""Grounded answers to clarifying questions: the statement says it, quoted, or we say it does not.

    answer_question(brief, "Can nums be empty?")
    -> ClarifyAnswer(answer="The constraints say `0 <= len(nums) <= 10^5`, so `nums` can be
       empty. Example 3 shows it: `nums = []` gives `False` (An empty log ...).",
       evidence=("0 <= len(nums) <= 10^5", "Example 3: ..."), kind="answerable")

No model and no Django: the content of every answer is a piece of the problem's own text
(a statement sentence, a constraint line, an example), so nothing is invented, and the
answer costs well under a millisecond, in the web process.

Decisions:
- The question is classified first, in this order: a request for other writing (a poem,
  a joke) -> a one-line refusal; a request for code or the solution (or an injection,
  `honesty.asks_for_solution`) -> refusal; a request to steer: the approach, the trick,
  or a verdict on a technique ("should I use an OrderedDict?", "would binary search
  work?", "heap or sort?") -> the approach policy: no technique named, no guess
  confirmed, any standard library allowed within the statement's rules, the
  candidate's own idea asked for and the hint ladder pointed to; a rule question about
  a tool ("is sorting allowed?", "can I use a heap?") -> the statement's rules on how
  to solve it quoted ("Do not use the library's sort.", "Use O(1) extra memory."), or
  that nothing forbids it, and still no verdict on whether it fits; no word of an
  interview about code (`honesty.off_topic`) and none of the problem's -> the one-line
  refusal. Refusals never echo the question, so they cannot repeat a technique the
  candidate named. "May I change the input / use extra memory / use an element
  twice?" are rule questions with topics of their own (below).
- "Can k be 0?", "How big can k be?", "What about k?" about a single-name value that a
  constraint bounds (`1 <= k <= nums.length`, `0 <= k < n`) are answered from that
  line, with what the bound says of the value asked about, or its whole range.
- Other clarifying questions are matched to topics (size or emptiness, value range and
  sign, input order, duplicates, ties, reuse of an element, no answer, output, modifying
  the input, memory, interval ends, the structure's shape). Each topic has cue words for
  the question and cue words a settling piece must hold. Cues such as "unique" also occur
  about other things ("the answer is unique"), so for most topics the piece must also
  share a word with the question's subject or name a list parameter. When no piece
  settles it, the answer says the statement does not, and asks for an assumption.
- Questions without a topic (the problem's own rules: "do touching bookings merge?") are
  matched by content words (stemmed, weighted by how rare they are in the problem's text,
  a few interview synonyms, the shape of a literal such as `[2, 2]`); under a minimum
  overlap the statement does not settle it either.
- Evidence is the statement's sentences (notes included, also a `Note:` after the
  examples), the constraint lines, each example (input and output) and, for a long
  explanation, each of its sentences: an explanation often ends with the rule ("Notice
  that the order of the triplets does not matter."). An example whose output is empty
  settles "can the output be empty?" and "what if there is none?".
- At most two pieces are quoted, an example among them when one matches; the follow-up
  and the hints are never quoted (they name techniques).
- Bounds are read from constraint lines (`a <= len(x) <= b`, `a <= x[i] <= b`,
  `x.length`, `start < end`) and turned into the fact asked about ("so `nums` is never
  empty", "so values can be negative", "so `n` is at least 1: it is never 0").
- No embeddings: lexical ranking is under a millisecond in the web process, while the
  MiniLM model would load torch there; on the labelled set the misses are conclusions
  not drawn, not pieces not found, which embeddings would not fix.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mltools.constraints import number
from mltools.contracts import ClarifyAnswer, ProblemBrief, ProblemRecord
from mltools.data.cleaning import split_statement
from mltools.llm import grounding, honesty

ANSWERABLE = "answerable"
NOT_STATED = "not_stated"
SOLUTION_SEEKING = "solution_seeking"
OFF_TOPIC = "off_topic"
KINDS = (ANSWERABLE, NOT_STATED, SOLUTION_SEEKING, OFF_TOPIC)
# Refusals are fixed words: only answers about the problem are worth a rewording.
PHRASED_KINDS = (ANSWERABLE, NOT_STATED)

MAX_QUESTION_CHARS = 2000
MAX_QUOTE_CHARS = 320
MIN_RULE_SCORE = 2.2  # summed rarity of the words a rule question shares with its evidence

MSG_EMPTY_QUESTION = "The question is empty: type what you want to know about the problem."

# --- evidence ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """One quotable piece of the problem's text."""

    source: str  # statement | constraint | example | explanation (an example's, by sentence)
    text: str  # as quoted (backticks kept)
    index: int = 0  # the example's number (1-based), else the position in its source

    def quoted(self) -> str:
        if self.source == "example":
            return f"Example {self.index}: {self.text}"
        if self.source == "explanation":
            return f"Example {self.index}'s explanation: {self.text}"
        return self.text


_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)([^*]+?)\*(?!\w)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z`\"'(\d])")


def _plain_markdown(text: str) -> str:
    text = _BOLD.sub(lambda m: m.group(1) or m.group(2), text)
    return _ITALIC.sub(r"\1", text)


def _statement_units(text: str) -> list[str]:
    """Sentences; a sentence that ends with ':' is kept with the list that follows it."""
    units: list[str] = []
    for paragraph in re.split(r"\n\s*\n", _plain_markdown(text).strip()):
        bullets: list[str] = []
        prose_lines: list[str] = []
        for raw in paragraph.splitlines():
            line = raw.strip()
            if re.match(r"^[-*•]\s", line):
                bullets.append(line[2:].strip())
            elif bullets and raw[:1].isspace() and line:
                bullets[-1] += " " + line  # a bullet's continuation line
            elif line:
                prose_lines.append(line)
        prose = " ".join(prose_lines)
        parts = [s.strip() for s in _SENTENCE_END.split(prose) if s.strip()]
        if bullets and not parts and units and units[-1].endswith(":"):
            parts, units = [units[-1]], units[:-1]  # the list is a paragraph of its own
        if bullets and parts and parts[-1].endswith(":"):
            items = [re.sub(r",?\s+(?:and|or)$", "", b.rstrip(".,;")) for b in bullets]
            parts[-1] = parts[-1] + " " + "; ".join(items) + "."
        elif bullets:
            parts += bullets
        units += parts
    return [u for u in units if re.search(r"[A-Za-z]", u)]


def _constraint_units(text: str) -> list[str]:
    units = []
    for line in _plain_markdown(text).splitlines():
        line = re.sub(r"^\s*[-*•]\s+", "", line).strip()  # "-100 <= x" keeps its sign
        if not line:
            continue
        # "No pair appears twice. A pair [a, a] may appear." holds two facts.
        units += [s.strip() for s in _SENTENCE_END.split(line) if s.strip()]
    return units


def _example_text(input_: str, output: str, explanation: str) -> str:
    text = f"`{' '.join(input_.split())}` gives `{' '.join(output.split())}`"
    if explanation.strip():
        text += f" ({_clip(' '.join(explanation.split()), 200).rstrip('.')})"
    return text


def _explanation_units(number: int, explanation: str) -> list[Evidence]:
    """A long example's explanation, one unit per sentence: its last sentence is often a
    rule ("Notice that the order of the triplets does not matter."), which a clipped
    parenthesis in the example's own unit would lose; a short one stays in that unit."""
    sentences = _statement_units(explanation)
    if len(sentences) < 2 and len(" ".join(explanation.split())) <= 200:
        return []  # already whole in the example's unit
    return [Evidence("explanation", s, number) for s in sentences]


def evidence_units(brief: ProblemBrief) -> list[Evidence]:
    """The statement's sentences (its notes among them), the constraint lines, the examples
    and the sentences of their explanations, in that order.

    Statements imported with their examples and constraints inline (LeetCode text with
    `Example 1:`, `Note:` and `Constraints:` headings) are split into the same parts, by the
    importer's own `cleaning.split_statement`; a note after the examples stays with the
    statement.
    """
    sections = split_statement(_plain_markdown(brief.statement))
    units = [
        Evidence("statement", s, i) for i, s in enumerate(_statement_units(sections["statement"]))
    ]
    constraints = brief.constraints or sections["constraints"]
    units += [Evidence("constraint", c, i) for i, c in enumerate(_constraint_units(constraints))]
    examples = brief.examples or sections["examples"]
    for i, example in enumerate(examples, 1):
        explained = _explanation_units(i, example.explanation)
        own = "" if explained else example.explanation
        units.append(Evidence("example", _example_text(example.input, example.output, own), i))
        units += explained
    return units


def _clip(text: str, limit: int = MAX_QUOTE_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


# --- words ------------------------------------------------------------------------------

# Words are read as the phrasing checker reads them (one stemmer for both).
content_stems = grounding.content_stems


# --- topics -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Topic:
    name: str
    question: re.Pattern[str]  # the question is about this
    evidence: re.Pattern[str]  # a piece of text that settles it holds this
    unknown: str  # "The statement does not say ..." completion
    # Whether a settling piece must also be about the question's subject: cue words such
    # as "unique" or "order" occur about other things ("the answer is unique"); bounds,
    # `len(...)` and `start < end` do not.
    needs_subject: bool = True


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


_SIZE_Q = (
    r"\b(?:be|is|are|being|was|were) empty\b|\bempty (?:input|list|array|string|tree|graph|grid|matrix|heap|word|lists|arrays|strings)\b"
    r"|\bno (?:elements?|items?|nodes?|values?|numbers?)\b|\bsize\b|\bhow (?:many|long|big|large)\b"
    r"|\blength of (?:the )?(?:input|list|array|string|tree|grid)\b|\binput length\b|\bsingle (?:element|item|node|value|number|entry|word|character)\b"
    r"|\bonly one (?:element|item|node|value|number|entry)\b|\bone element\b|\bat least one\b"
    r"|\bnull\b|\bnone\b|\bzero (?:elements?|items?|nodes?)\b|\blen\("
)
TOPICS: tuple[Topic, ...] = (
    Topic(
        "empty_output",
        _re(
            r"\b(?:output|result|answer|return\w*)\b[^.?]*\bempty\b|\bempty (?:output|result|answer)\b"
            r"|\breturn (?:an? )?empty\b|\bno (?:results?|output)\b"
        ),
        # a statement rule ("Return an empty list if ...") or an example whose output is empty
        _re(
            r"\breturn an? empty\b|\bempty (?:list|array|string)\b.*\bif\b|gives `(?:\[\]|\"\"|'')`"
        ),
        "whether the output can be empty",
        needs_subject=False,
    ),
    Topic(
        "size",
        _re(_SIZE_Q),
        _re(
            r"\bempty\b|\blen\(|\.length\b|\bsingle\b|\bat least\b|\bbetween\b.*\bnodes\b|<=\s*[A-Za-z]\b|\bnodes\b.*<="
        ),
        "how small or large the input can be",
        needs_subject=False,
    ),
    Topic(
        "values",
        _re(
            r"\bnegative\b|\bpositive\b|\bzeros?\b(?! length)|\brange\b|\boverflow\b|\bintegers?\b|\bints?\b"
            r"|\bfloats?\b|\bdecimals?\b|\bfractions?\b|\btypes?\b|\bstrings?\b|\bcharacters?\b|\bletters?\b"
            r"|\blower ?case\b|\bupper ?case\b|\bascii\b|\bunicode\b|\bdigits?\b|\bhow (?:big|large|small)\b.*\bvalues?\b"
            r"|\bmax(?:imum)? value\b|\bmin(?:imum)? value\b"
        ),
        _re(
            r"-?\d[\d^*]*\s*<=(?!\s*len\()(?![^<]*\.length).*<=|\bconsists?\b|\bintegers?\b|\bstrings?\b|\bcharacters?\b|\bletters?\b|\bfloat\b|\bdigits?\b"
        ),
        "what values the input may hold",
        needs_subject=False,
    ),
    Topic(
        "input_order",
        _re(
            r"\bsort(?:ed|ing)?\b|\bin order\b|\bordered\b|\bincreasing\b|\bdecreasing\b|\bascending\b|\bdescending\b"
        ),
        _re(
            r"\bsort(?:ed)?\b|\bincreasing\b|\bdecreasing\b|\bascending\b|\bdescending\b|\bnon-decreasing\b|\brotat\w*|\bunsorted\b"
        ),
        "whether the input comes in any particular order",
    ),
    Topic(
        "duplicates",
        _re(
            r"\bduplicat\w*|\btwice\b|\brepeat\w*|\bsame (?:value|element|number|item|word|point|node|key|entry|string|character|letter|one)\b"
            r"|\bdistinct\b|\bunique\b|\bmore than once\b|\b(?:several|multiple|many) times\b|\bdedup\w*"
        ),
        _re(
            r"\bdistinct\b|\bunique\b|\bduplicat\w*|\btwice\b|\brepeat\w*|\bonce\b|\bdifferent\b|\bdiffer\b|\bstrictly\b|\bsame (?:value|word|element|number)\b"
        ),
        "whether values can repeat",
    ),
    Topic(
        "reuse",
        _re(
            r"\b(?:use|used|using|pick|picked|take|taken|count|counted)\b.*\b(?:twice|again|more than once|multiple times|several times|many times)\b"
            r"|\breus\w*|\bunlimited\b|\bas many times\b|\bsame (?:element|item|position|index|coin|word|number) (?:twice|again)\b"
        ),
        _re(
            r"\bunlimited\b|\breus\w*|\bany number of times\b|\bas many times\b|\bmore than once\b|\bat most once\b"
            r"|\bexactly once\b|\bonly once\b|\bdifferent (?:positions?|indices|index|elements?)\b|\bi\s*(?:<|!=)\s*j\b"
        ),
        "whether an element may be used more than once",
    ),
    Topic(
        "ties",
        _re(
            r"\btie[sd]?\b|\bequal(?:ly)?\b|\bsame (?:distance|temperature|height|value|time|score|length|frequency|count|weight|price)\b|\bwhich one\b"
        ),
        _re(
            r"\bstrictly\b|\bequal(?:ly)?\b|\bties?\b|\bdiffer\b|\bunique\b|\bany order\b|\bwell-defined\b"
        ),
        "how ties are broken",
    ),
    Topic(
        "no_answer",
        _re(
            r"\bno (?:answer|solution|valid|such|pair|path|way|match)\b|\bnot found\b|\bdoes(?:n't| not) exist\b"
            r"|\bimpossible\b|\bnot possible\b|\bif there (?:is|are) no\b|\bwhat if no\b|\bnothing\b"
            r"|\balways (?:a|an|one) (?:solution|answer|valid)\b|\b(?:solution|answer) always exists?\b"
            r"|\bcan(?:'t|not)(?: ever)? be (?:reached|found|done|made|formed|built|completed|finished|achieved|paid|split|matched)\b"
            r"|\bnever (?:be )?(?:reach\w*|receiv\w*|finish\w*|complet\w*|found|made)\b"
        ),
        _re(
            r"\breturn\b.*(?:-1|\bnone\b|\bnull\b|\bfalse\b|`0`|\b0\b|\bempty\b)|\bexactly one\b|\balways exists?\b|\bguarantee"
            r"|gives `(?:\[\]|\"\"|''|-1|None|null|False|false)`"
        ),
        "what to return when there is no answer",
    ),
    Topic(
        "output",
        _re(
            r"\b(?:output|result|answer|return\w*)\b.*\b(?:order|sort\w*)\b|\b(?:order|sort\w*)\b.*\b(?:output|result|answer|return\w*)\b|\bformat\b"
            r"|\bwhat (?:do|should|must) (?:i|we) (?:return|output)\b|\bwhat (?:is|gets) returned\b|\breturn (?:value|type)\b"
        ),
        _re(r"\bany order\b|\border\b|\bformat\b|\breturn\b|\boutput\b|\bsorted\b"),
        "the order or format of the output",
    ),
    Topic(
        "modify",
        _re(
            r"\bmodif\w*|\bmutat\w*|\bchange (?:the )?(?:input|list|array|it|them)\b|\bin[- ]place\b|\breorder\b|\bread[- ]only\b|\bdestroy\w*"
        ),
        _re(
            r"\bmodif\w*|\bin[- ]place\b|\bread[- ]only\b|\bmust not (?:change|alter)\b|\bunchanged\b|\bre-?link\b|\breuse the given\b"
        ),
        "whether you may modify the input",
        needs_subject=False,
    ),
    Topic(
        "memory",
        _re(
            r"\bextra (?:space|memory)\b|\bmemory\b|\bspace (?:limit|complexity|bound)\b|\bauxiliary\b"
        ),
        _re(
            r"\bmemory\b|\bextra space\b|\bspace complexity\b|\bconstant space\b|\bO\(1\) (?:extra )?(?:space|memory)\b"
        ),
        "anything about a memory limit",
        needs_subject=False,
    ),
    Topic(
        "interval_ends",
        _re(
            r"\bzero[- ](?:length|duration|width)\b|\bempty (?:interval|range|meeting|booking)\b"
            r"|\bstart\w* (?:equals?|is equal to|same as|after|greater than)\b.*\bend\b|\bsame start and end\b"
            r"|\bend\w* before\b.*\bstart"
        ),
        _re(r"\bstart\w*\s*(?:<=|<|≤)\s*end\b|\bstart\b.*\bbefore\b.*\bend\b"),
        "whether an interval can start where it ends",
        needs_subject=False,
    ),
    Topic(
        "shape",
        _re(
            r"\bbalanced\b|\bskewed\b|\bdegenerate\b|\bheight\b|\bcycles?\b|\bacyclic\b|\bself[- ]loops?\b"
            r"|\bdirected\b|\bundirected\b|\bconnected graph\b|\bgraph (?:is|be) connected\b"
        ),
        _re(
            r"\bbalanced\b|\bskewed\b|\bheight\b|\bconnected\b|\bcycles?\b|\bacyclic\b|\bself[- ]loops?\b|\bdirected\b|\bundirected\b|\bitself\b"
        ),
        "anything about the shape of the structure",
    ),
)

# --- the kinds of question that get no clarification --------------------------------------

_CODE_REQUEST = _re(
    r"\b(?:write|give|show|send|paste|provide|share|type)\b(?:\s+\w+){0,4}?\s+(?:the\s+|some\s+|a\s+|your\s+)?"
    r"(?:full\s+|complete\s+|whole\s+|working\s+|reference\s+|python\s+)?(?:code|solution|implementation|program|function)\b"
    r"|\bsolve\s+(?:it|this|the problem)\b(?:\s+for me)?|\bcode (?:it|this) (?:up )?for me\b|\bpseudo-?code\b"
)
_TECHNIQUES = (
    r"heaps?|priority queues?|stacks?|queues?|deques?|hash\w*|dict(?:ionary|ionaries)?|maps?|sets?|tries?|trie"
    r"|sort(?:ing)?|recursion|recursive|iterative|memoi[sz]\w*|memos?|dp|dynamic programming|binary search|bisect"
    r"|two[- ]pointers?|sliding windows?|bfs|dfs|breadth[- ]first|depth[- ]first|greedy|backtrack\w*"
    r"|union[- ]find|disjoint sets?|topological\w*|dijkstra|bit(?:wise| manipulation|masks?)?|xor|prefix sums?"
    r"|divide and conquer|linked lists?|arrays?|graphs?|trees?|segment trees?|monotonic\w*|counters?|counting"
    # libraries and containers by name, in the room's languages
    r"|ordered ?dicts?|default ?dicts?|collections(?:\.\w+)?|heapq|itertools|functools|lru_cache"
    r"|sorted ?(?:lists?|dicts?|sets?|containers)|tree ?(?:maps?|sets?)|hash ?(?:maps?|sets?)"
    r"|array ?lists?|string ?builders?|unordered_(?:maps?|sets?)|std::\w+|stl|built-?ins?"
    r"|(?:standard )?librar(?:y|ies)|modules?|regex|regular expressions?|numpy|extra arrays?|another array"
)
_TECHNIQUE = _re(r"\b(?:" + _TECHNIQUES + r")\b")
# A request to steer: which technique to use, or a verdict on one. Answered with the
# approach policy, never a technique ("should I use X", "would X work", "X or Y?").
_APPROACH = _re(
    r"\b(?:approach|algorithm|trick|technique|strategy|method|idea|intuition|insight|pattern|"
    r"data structure|hint|spoiler|(?:optimal|best|intended|expected|efficient|fastest) solution)\b"
    r"|\bwhat(?:'s| is) the (?:\w+ )?solution\b"
    r"|\bhow (?:do|should|would|can|could|to)\b(?:\s+\w+){0,3}\s+(?:solve|approach|tackle|get|reach|achieve|do it|do this|start|begin|make it|optimi[sz]e|improve|speed)"
    r"|\bhow\b.*\bO\s*\("
    r"|\b(?:should|shall|do|would|must) (?:i|we) (?:use|go with|try|pick|choose|apply)\s+(?:a |an |the )?(?:"
    + _TECHNIQUES
    + r")\b"
    r"|\bshould (?:i|we) (?:use|go with|try|pick|choose|apply)\b"
    r"(?!(?:\s+\w+){0,3}\s+(?:index|indices|indexing|based|format|types?|ints?|longs?|floats?|doubles?|strings?)\b)"
    r"|\b(?:" + _TECHNIQUES + r")\b.*\b(?:or|vs\.?|versus)\b.*\b(?:" + _TECHNIQUES + r")\b"
    r"|\b(?:would|will|does|is|could)\s+(?:a |an |the |using (?:a |an |the )?)?(?:"
    + _TECHNIQUES
    + r")\b.*\b(?:work|enough|ok|okay|fine|right|correct|better|faster|best|way|good idea|needed|necessary|required|help)\b"
    r"|\b(?:what|how) about (?:using |a |an |the )*(?:" + _TECHNIQUES + r")\b"
    r"|\bdo (?:i|we) need (?:a |an |the |to use (?:a |an |the )?)?(?:" + _TECHNIQUES + r")\b"
    r"|\b(?:do|does) (?:i|we) (?:have|need) to use\b"
    r"|\b(?:thinking of|planning to|plan to|going to|want to) (?:use|using|try|trying)\b"
    r"|\bwhich (?:one|data structure|algorithm)\b.*\b(?:use|want|prefer|pick|choose)\b"
    r"|\bwhat (?:should|do) (?:i|we) (?:use|do)\b|\bwhere do i start\b|\bstuck\b"
)
# A rule question: whether something is allowed. Answered from the statement's own rules
# (`_RULE`), or that nothing forbids it; never whether it is the right choice.
_PERMISSION = _re(
    r"\b(?:allowed|permitted|forbidden|prohibited|banned|disallowed)\b"
    r"|\b(?:can|may|could) (?:i|we) (?:use|import|call|rely on|apply|employ|sort|copy)\b"
    r"|\bis it (?:ok|okay|fine|acceptable|legal) (?:to|if) (?:i |we )?(?:use|import|call|sort|copy)\b"
    r"|\bam i (?:able|free) to (?:use|import|call|sort)\b|\bany restrictions? on\b"
)
# A sentence of the statement that restricts how the problem may be solved.
_RULE = _re(
    r"\b(?:do not|don't|must not|may not|should not|cannot|can't|never) (?:use|call|import|copy|allocate|build|create|modify|sort|convert)\b"
    r"|\bwithout (?:using|building|modifying|copying|sorting|division|dividing|converting|allocating|extra"
    r"|any (?:built|extra|library)|the (?:built|library))"
    r"|\bnot allowed\b"
    r"|\bO\(1\) (?:extra |additional |auxiliary )?(?:space|memory)\b|\bconstant (?:extra |additional )?(?:space|memory)\b"
    r"|\bin[- ]place\b"
    r"|\bO\([^)]*\)(?=[^.]*\b(?:time|runtime|run time|operations?|methods?|calls?|memory|space)\b)"
    r"|\b(?:time|runtime|run time|running time|aim for|must run|should run|should take|must take|operations?|complexity)\b[^.]*\bO\("
)

# Requests for writing of another kind are refused even when they mention a tree or a list.
_CREATIVE = _re(
    r"\b(?:poem|poems|poetry|haiku|limerick|song|lyrics|story|stories|joke|jokes|essay|recipe|rap|sonnet)\b"
)

# The vocabulary of a question about a coding problem: a question with none of it and no
# word of the problem is not about the interview.
_INTERVIEW_WORDS = _re(
    r"\b(?:input|output|return\w*|example|constraint|test|case|edge|array|list|string|number|integer|"
    r"value|element|index|indices|position|time|space|memory|complexity|problem|question|statement|"
    r"code|solution|function|method|class|empty|null|none|negative|zero|sorted|duplicate|order|"
    r"size|length|bound|limit|range|type|format|interview|hint|approach|algorithm|python|variable|"
    r"parameter|argument|result|answer|valid|invalid|assume|assumption|big[- ]o|O\()\w*"
)


def _hint_note(brief: ProblemBrief) -> str:
    count = len(brief.hints)
    if count == 0:
        return ""
    return (
        f" If you are stuck, the Hints button shows this problem's hint ladder one rung at a "
        f"time ({count} hint{'s' if count != 1 else ''})."
    )


# --- scoring ----------------------------------------------------------------------------


def _rarity(units: Sequence[Evidence]) -> dict[str, float]:
    """How rare each stem is across the problem's pieces of text (idf)."""
    texts = [set(content_stems(u.text)) for u in units]
    counts: dict[str, int] = {}
    for stems in texts:
        for s in stems:
            counts[s] = counts.get(s, 0) + 1
    total = max(len(texts), 1)
    return {s: math.log(1 + total / c) for s, c in counts.items()}


def _literals(question: str) -> list[str]:
    """Bracketed or quoted values in the question ("[2, 2]", '"1"'), spacing ignored."""
    found = re.findall(r"\[[^\[\]]*\]|\"[^\"]*\"|'[^']*'", question)
    return [re.sub(r"\s+", "", f) for f in found if len(f) > 2]


def _shape(literal: str) -> str:
    """'[2,2]' and '[a,a]' -> '[x0,x0]': the same pattern of repeated items."""
    items = literal.strip("[]").split(",")
    names: dict[str, str] = {}
    return "[" + ",".join(names.setdefault(i, f"x{len(names)}") for i in items) + "]"


def _repeating_shapes(text: str) -> set[str]:
    shapes = {_shape(lit) for lit in _literals(text) if lit.startswith("[")}
    return {s for s in shapes if len(set(s.strip("[]").split(","))) < len(s.split(","))}


# Words a candidate uses for what a statement says otherwise: each group is one idea.
_SAME_IDEA = (
    {"adjacent", "contiguous", "consecutive", "next", "neighbour", "neighbor", "position"},
    {"own", "itself", "self"},
    {"square", "rectangular", "rectangle"},
    {"diagonal", "diagonally"},
    {"separately", "separate", "differ", "different", "distinct"},
    {"empty", "nothing", "none", "null"},
    {"swap", "exchange"},
    {"merge", "merged", "join", "joined", "combine", "combined", "fuse", "unite"},
    {"remove", "delete", "unlink"},
    {"add", "insert"},
)


def _expand(stems: set[str]) -> set[str]:
    out = set(stems)
    for words in _SAME_IDEA:
        group = {grounding.stem(w) for w in words}
        if stems & group:
            out |= group
    return out


@dataclass(frozen=True)
class _Scored:
    unit: Evidence
    score: float
    shared: frozenset[str]


def _score(units: Sequence[Evidence], question: str, rarity: dict[str, float]) -> list[_Scored]:
    asked = _expand(set(content_stems(question)))
    literals = _literals(question)
    shapes = _repeating_shapes(question)
    scored = []
    for unit in units:
        stems = set(content_stems(unit.text))
        shared = frozenset(asked & stems)
        score = sum(rarity.get(s, 0.0) for s in shared)
        compact = re.sub(r"[\s`]+", "", unit.text)
        score += sum(1.5 for lit in literals if lit in compact)
        score += 1.5 * len(shapes & _repeating_shapes(unit.text))
        if unit.source == "example":
            score *= 0.8  # examples illustrate; the statement and constraints rule
        scored.append(_Scored(unit, score, shared))
    return scored


# --- bounds -----------------------------------------------------------------------------

_BOUND = re.compile(
    r"(?P<low>-?\s*\d[\d\s^*.]*)\s*(?P<low_op><=|≤|<)\s*(?P<what>[^<>=≤]+?)\s*(?P<high_op><=|≤|<)\s*"
    r"(?P<high>-?\s*(?:len\(\s*[\w.\[\]]+\s*\)|[\w\d\s^*.\[\]]+))"
)


@dataclass(frozen=True)
class Bound:
    """`low <= what <= high` (or `<`) read from one constraint line."""

    low: float
    what: str
    high: str  # as written: "10^5", "len(nums)", "nums.length", "n"
    low_strict: bool = False
    high_strict: bool = False
    low_text: str = ""  # as written: "-10^9"

    def high_value(self) -> float | None:
        return number(self.high.split(",")[0])

    def range_text(self, name: str) -> str:
        """ "`k` is at least 1 and at most `len(nums)`" (another value's bound in backticks)."""
        low = f"{'greater than' if self.low_strict else 'at least'} {self.low_text or f'{self.low:g}'}"
        high = self.high if self.high_value() is not None else f"`{self.high}`"
        return f"`{name}` is {low} and {'less than' if self.high_strict else 'at most'} {high}"


def _bounds(unit: Evidence) -> list[Bound]:
    """Each `low <= what <= high` (either sign may be `<`) in a constraint line."""
    found = []
    for match in _BOUND.finditer(unit.text.replace("`", "")):
        low = number(match["low"])
        if low is not None:
            found.append(
                Bound(
                    low,
                    match["what"].strip(),
                    match["high"].strip(),
                    low_strict=match["low_op"] == "<",
                    high_strict=match["high_op"] == "<",
                    low_text=re.sub(r"\s+", " ", match["low"].strip()),
                )
            )
    return found


def _size_fact(unit: Evidence, brief: ProblemBrief) -> str:
    """ "so `nums` is never empty" from `1 <= len(nums)`; "" when the line bounds no size."""
    for bound in _bounds(unit):
        low, what = bound.low, bound.what
        match = re.search(r"len\((\w+)\)|(\w+)\.length", what)
        if match:
            name = match.group(1) or match.group(2)
            if low >= 1:
                return f"so `{name}` is never empty"
            if low == 0:
                return f"so `{name}` can be empty"
        if re.fullmatch(r"[A-Za-z]", what) and low >= 1 and "node" in unit.text.lower():
            return "so there is always at least one node"
    text = unit.text.lower()
    between = re.search(r"between `?(\d+)`? and", text)
    if between and "node" in text:
        return (
            "so the tree or list can be empty"
            if between.group(1) == "0"
            else "so it is never empty"
        )
    return ""


def _value_fact(unit: Evidence, question: str) -> str:
    """ "so negative values and zero occur" from `-30 <= nums[i] <= 30`, as far as asked."""
    q = question.lower()
    for bound in _bounds(unit):
        low, what, high_text = bound.low, bound.what, bound.high
        if re.search(r"len\(|\.length", what):
            continue
        high = number(high_text.split()[0]) if high_text.split() else None
        facts = []
        if re.search(r"negative|sign|positive", q):
            facts.append("values can be negative" if low < 0 else "values are never negative")
        if re.search(r"\bzeros?\b", q) and high is not None:
            facts.append("zero can occur" if low <= 0 <= high else "zero never occurs")
        if facts:
            return "so " + " and ".join(facts)
    return ""


# --- answering --------------------------------------------------------------------------


def _quote_sentence(unit: Evidence, fact: str = "") -> str:
    text = _clip(unit.text.strip())
    tail = f", {fact}." if fact else "."
    if unit.source == "constraint":
        formula = (
            "`" not in text
            and re.search(r"[<>=≤≥]", text)
            and not re.search(r"[a-z]{3,}\s+[a-z]{3,}\s+[a-z]{3,}", text)
        )
        if formula:
            return f"The constraints say `{text.rstrip('.')}`" + tail
        return f"The constraints say: {text.rstrip('.')}" + tail
    if unit.source == "example":
        return f"Example {unit.index} shows it: {text.rstrip('.')}" + tail
    if unit.source == "explanation":
        return f'Example {unit.index}\'s explanation says: "{text.rstrip(".")}"' + tail
    return f'The statement says: "{text.rstrip(".")}"' + tail


def _mentions_collection(unit: Evidence, brief: ProblemBrief) -> bool:
    names = _collection_params(brief.signature)
    return any(re.search(rf"\b{re.escape(n)}\b", unit.text) for n in names)


def _param_names(signature: str) -> list[str]:
    """Every parameter the signature names (`self` aside), typed or not."""
    names = re.findall(r"(?<=[(,])\s*(\w+)\s*(?=[:,)=])", signature)
    return [name for name in names if name != "self"]


def _collection_params(signature: str) -> list[str]:
    """Parameters typed as a list, string, tree or linked list in the signature."""
    found = re.findall(r"(\w+)\s*:\s*([^,)]+)", signature)
    return [
        name
        for name, kind in found
        if name != "self" and re.search(r"List|list|str|Node|Optional|Sequence|tuple", kind)
    ]


def _topics_of(question: str) -> list[Topic]:
    topics = [t for t in TOPICS if t.question.search(question)]
    names = {t.name for t in topics}
    if "empty_output" in names:
        # "Can the output be empty?" is not about the input's size
        topics = [t for t in topics if t.name != "size"]
    if "output" in names and not re.search(r"\binput\b|\bgiven\b", question, re.I):
        # "Does the output need to be sorted?" is not about the input's order
        topics = [t for t in topics if t.name != "input_order"]
    return topics


def _subject_stems(question: str, topics: Iterable[Topic]) -> set[str]:
    """The question's words minus the topic's own cue words: what the question is about."""
    cues = " ".join(m.group(0) for t in topics for m in t.question.finditer(question))
    return set(content_stems(question)) - set(content_stems(cues))


def answer_question(brief: ProblemBrief, question: str) -> ClarifyAnswer:
    """The interviewer's answer to a clarifying `question` about `brief`, built from its text.

    Returns `ClarifyAnswer(answer, evidence, kind)`: `answer` is never empty; `evidence`
    holds the quoted pieces (statement sentences, constraint lines, `Example N: ...`);
    `kind` is one of KINDS. Raises ValueError for an empty question.
    """
    question = " ".join(question.split())[:MAX_QUESTION_CHARS]
    if not question:
        raise ValueError(MSG_EMPTY_QUESTION)
    units = evidence_units(brief)
    if _CREATIVE.search(question):
        return _off_topic_answer()
    if _CODE_REQUEST.search(question) or honesty.asks_for_solution(question):
        return ClarifyAnswer(
            answer=(
                "I can't give you code or the solution: writing it is your part of the "
                "interview. Tell me your plan, or start writing and ask me about anything the "
                "statement leaves unclear." + _hint_note(brief)
            ),
            evidence=(),
            kind=SOLUTION_SEEKING,
        )
    if _APPROACH.search(question):
        return ClarifyAnswer(
            answer=(
                "I can't give you the approach or tell you whether a particular technique is "
                f"the right one: finding it is part of the interview. {_library_policy(units)} "
                "Tell me your own idea, even a brute force, with its time and space cost, and "
                "we'll discuss it." + _hint_note(brief)
            ),
            evidence=(),
            kind=SOLUTION_SEEKING,
        )
    if _is_tool_rule_question(question, brief, units):
        return _tool_rule_answer(brief, question, units)
    if _off_topic(question, brief, units):
        return _off_topic_answer()
    bound = _parameter_bound_answer(brief, question, units)
    if bound is not None:
        return bound
    rarity = _rarity(units)
    scored = _score(units, question, rarity)
    topics = _topics_of(question)
    if topics:
        return _topic_answer(brief, question, topics, scored)
    return _rule_answer(question, scored)


# What a question asks of a number it names: a value, a sign, a size word or a comparison.
_ASKED_VALUE = re.compile(
    r"(?<![\w\[])(-?\d+(?:\.\d+)?)(?![\w\]])|\b(zero|negative|positive|large|big|small|huge|maximum|minimum"
    r"|max|min|most|least|largest|smallest|range|bounds?|limits?|larger|bigger|greater|smaller|higher"
    r"|lower|longer|exceeds?|exceeding|more than|less than|valid|constraints?|values? of|what values)\b",
    re.I,
)
# "What about k?": nothing asked but the name itself.
_BARE_MENTION_STEMS = {"valu", "rang", "bound", "limit", "constraint", "alway", "tell"}


def _parameter_bound_answer(
    brief: ProblemBrief, question: str, units: Sequence[Evidence]
) -> ClarifyAnswer | None:
    """ "Can n be 0?", "How big can k be?", "What about k?": the constraint line that bounds
    a single-name value the question names (`1 <= k <= len(nums)`, `0 <= k < n`), quoted,
    and what it says of the value asked about."""
    asked = _ASKED_VALUE.search(question)
    bare = not (set(content_stems(question)) - _BARE_MENTION_STEMS)
    if asked is None and not bare:
        return None
    params = _param_names(brief.signature)
    for unit in units:
        if unit.source != "constraint":
            continue
        for bound in _bounds(unit):
            for name in (n.strip() for n in bound.what.split(",")):  # `nums[i], target`
                if not re.fullmatch(r"[A-Za-z_]\w*", name):
                    continue
                if name.lower() in ("a", "i") and name not in params:
                    continue  # English, unless the signature names it
                if not re.search(rf"(?<![\w\[.`'-]){re.escape(name)}(?![\w\[(.'-])", question):
                    continue
                return ClarifyAnswer(
                    answer=_quote_sentence(unit, _bound_fact(name, bound, asked)),
                    evidence=(unit.quoted(),),
                    kind=ANSWERABLE,
                )
    # A bound in words ("k is in the range [1, the number of unique elements]"): the
    # constraint lines that name a number parameter, quoted as they are.
    scalars = [
        name
        for name, kind in re.findall(r"(\w+)\s*:\s*([^,)]+)", brief.signature)
        if re.fullmatch(r"\s*(?:int|float)\s*", kind)
    ]
    for name in scalars:
        if len(name) == 1 and name.lower() in ("a", "i"):
            continue
        word = rf"(?<![\w\[.`'-]){re.escape(name)}(?![\w\[(.'-])"
        if not re.search(word, question):
            continue
        naming = [
            u
            for u in units
            if u.source == "constraint" and re.search(word, u.text.replace("`", ""))
        ][:2]
        if naming:
            return ClarifyAnswer(
                answer=" ".join(_quote_sentence(u) for u in naming),
                evidence=tuple(u.quoted() for u in naming),
                kind=ANSWERABLE,
            )
    return None


def _bound_fact(name: str, bound: Bound, asked: re.Match[str] | None) -> str:
    """What `bound` says of the value asked about; its whole range when nothing narrower is."""
    whole = "so " + bound.range_text(name)
    if asked is None:
        return whole
    high = bound.high_value()
    low_text = bound.low_text or f"{bound.low:g}"
    if asked.group(1) is not None:
        value = float(asked.group(1))
        if value < bound.low or (bound.low_strict and value == bound.low):
            least = "greater than" if bound.low_strict else "at least"
            return f"so `{name}` is {least} {low_text}: it is never {asked.group(1)}"
        if high is not None and (value > high or (bound.high_strict and value == high)):
            most = "is less than" if bound.high_strict else "never exceeds"
            return f"so `{name}` {most} {bound.high}"
        if high is not None or value == bound.low:
            return f"so `{name}` can be {asked.group(1)}"
        return whole  # between the bound and another value: the range says when
    word = asked.group(2).lower()
    if word == "negative":
        return (
            f"so `{name}` is never negative" if bound.low >= 0 else f"so `{name}` can be negative"
        )
    if word == "zero":
        never = bound.low > 0 or (bound.low_strict and bound.low == 0)
        return f"so `{name}` is never 0" if never else f"so `{name}` can be 0"
    return whole


def _rules(units: Sequence[Evidence]) -> list[Evidence]:
    """The statement's rules on how to solve it; a task that says only "in place" counts
    when no sentence states a rule outright ("Use O(1) extra memory.")."""
    found = [u for u in units if u.source in ("statement", "constraint") and _RULE.search(u.text)]
    explicit = [u for u in found if _RULE.search(re.sub(r"\bin[- ]place\b", "", u.text))]
    return explicit or found


def _library_policy(units: Sequence[Evidence]) -> str:
    if _rules(units):
        return (
            "Within the statement's own rules, any data structure or standard library of your "
            "language is allowed."
        )
    return "Any data structure or standard library of your language is allowed."


def _is_tool_rule_question(question: str, brief: ProblemBrief, units: Sequence[Evidence]) -> bool:
    """ "Is sorting allowed?", "Can I use a heap?": whether a tool may be used, not whether
    the input may change (those topics have their own evidence)."""
    if not _PERMISSION.search(question):
        return False
    # "Are duplicate values allowed in the array?" is about the input, not a tool: with the
    # tools' names taken out, a topic that remains is what the question is about.
    if _topics_of(_TECHNIQUE.sub(" ", question)):
        return False
    return bool(_TECHNIQUE.search(question)) or not _off_topic(question, brief, units)


def _tool_rule_answer(
    brief: ProblemBrief, question: str, units: Sequence[Evidence]
) -> ClarifyAnswer:
    """The statement's rules on how it may be solved, quoted, or that none forbids the tool;
    never whether the tool is a good choice, and never the tool's name (no echo)."""
    rules = _rules(units)
    steer = (
        "Whether it is the right tool here is your call, and I won't steer you toward or away "
        "from a technique: tell me what it costs in time and space and why it fits, and we'll "
        "discuss it."
    )
    if not rules:
        return ClarifyAnswer(
            answer=(
                "Nothing in the statement forbids it: any data structure or standard library of "
                f"your language is allowed. {steer}"
            ),
            evidence=(),
            kind=SOLUTION_SEEKING,
        )
    rarity = _rarity(units)
    scored = {id(s.unit): s.score for s in _score(rules, question, rarity)}
    chosen = sorted(rules, key=lambda u: -scored.get(id(u), 0.0))[:2]
    chosen.sort(key=units.index)
    those = "that rule" if len(chosen) == 1 else "those rules"
    return ClarifyAnswer(
        answer=" ".join(_quote_sentence(u) for u in chosen)
        + f" Beyond {those}, nothing in the statement restricts which data structures or "
        f"library functions you use. {steer}",
        evidence=tuple(u.quoted() for u in chosen),
        kind=ANSWERABLE,
    )


def _off_topic_answer() -> ClarifyAnswer:
    return ClarifyAnswer(
        answer=(
            "I can only help with this interview: ask me about the problem's statement, "
            "its examples or its constraints."
        ),
        evidence=(),
        kind=OFF_TOPIC,
    )


def _off_topic(question: str, brief: ProblemBrief, units: Sequence[Evidence]) -> bool:
    """No word of an interview about code (honesty's vocabulary) and none of the problem's.

    A parameter named in the question ("What is n at most?") is the problem's word even when
    it is one letter, which the content stems drop; "a" and "I" read as English, not as names.
    """
    if _INTERVIEW_WORDS.search(question) or _literals(question) or re.search(r"\d", question):
        return False
    if any(
        re.search(rf"(?<![\w'`]){re.escape(name)}(?![\w'])", question)
        for name in _param_names(brief.signature)
        if name.lower() not in ("a", "i")
    ):
        return False
    if not honesty.off_topic(question, brief.title):
        return False
    known = set(content_stems(brief.title)) | set(content_stems(brief.signature))
    for unit in units:
        known |= set(content_stems(unit.text))
    return not (set(content_stems(question)) & known)


def _topic_answer(
    brief: ProblemBrief, question: str, topics: list[Topic], scored: list[_Scored]
) -> ClarifyAnswer:
    subject = _subject_stems(question, topics)
    settling: list[tuple[float, _Scored, Topic]] = []
    for item in scored:
        for topic in topics:
            small_example = (
                topic.name == "size"
                and item.unit.source == "example"
                and _is_small_example(item.unit)
            )
            if topic.name == "size" and item.unit.source == "example":
                if not small_example:  # "a single node here" says nothing of the input's size
                    continue
            elif not topic.evidence.search(item.unit.text):
                continue
            about = (
                not subject
                or not topic.needs_subject
                or bool(item.shared & subject)
                or _mentions_collection(item.unit, brief)
            )
            if not about:
                continue
            bonus = 2.0 + (1.0 if item.unit.source != "example" else 0.0)
            if topic.name in ("size", "values") and item.unit.source == "constraint":
                bonus += 2.0  # bounds and alphabets live in the constraints
            if _fact(topic, item.unit, brief, question):
                bonus += 2.0
            settling.append((item.score + bonus, item, topic))
    if not settling:
        return _not_stated(topics[0])
    settling.sort(key=lambda t: -t[0])
    chosen: list[tuple[_Scored, Topic]] = []
    for _, item, topic in settling:
        if all(item.unit != c.unit for c, _ in chosen):
            chosen.append((item, topic))
        if len(chosen) == 2:
            break
    # A statement piece and a matching example say more together than two statement pieces.
    example = next((i for _, i, _t in settling if i.unit.source == "example"), None)
    if example is not None and all(c.unit.source != "example" for c, _ in chosen):
        chosen = [chosen[0], (example, chosen[0][1])]
    sentences = []
    for item, topic in chosen:
        sentences.append(_quote_sentence(item.unit, _fact(topic, item.unit, brief, question)))
    return ClarifyAnswer(
        answer=" ".join(sentences),
        evidence=tuple(item.unit.quoted() for item, _ in chosen),
        kind=ANSWERABLE,
    )


def _fact(topic: Topic, unit: Evidence, brief: ProblemBrief, question: str) -> str:
    """The fact a constraint line gives about the topic ("so `nums` is never empty"), or ""."""
    if unit.source != "constraint":
        return ""
    if topic.name == "size":
        return _size_fact(unit, brief)
    if topic.name == "values":
        return _value_fact(unit, question)
    if topic.name == "interval_ends":
        plain = unit.text.replace("`", "")
        if re.search(r"start\w*\s*<\s*end", plain):
            return "so an interval always ends after it starts: none has zero length"
        if re.search(r"start\w*\s*<=\s*end", plain):
            return "so an interval may start and end at the same point (zero length)"
    return ""


def _is_small_example(unit: Evidence) -> bool:
    """An example whose input holds an empty or one-element list or string."""
    head = unit.text.split("` gives `")[0]
    return bool(re.search(r"=\s*(?:\[\s*\]|\"\"|''|\[[^\[\],]*\](?!\s*,\s*\[))", head))


def _rule_answer(question: str, scored: list[_Scored]) -> ClarifyAnswer:
    ranked = sorted(scored, key=lambda s: -s.score)
    if not ranked or ranked[0].score < MIN_RULE_SCORE or len(ranked[0].shared) < 1:
        return ClarifyAnswer(
            answer=(
                "The statement does not say, and the examples and constraints do not settle it "
                "either. State the assumption you make and keep to it (or handle both cases)."
            ),
            evidence=(),
            kind=NOT_STATED,
        )
    chosen = [ranked[0]]
    for other in ranked[1:3]:
        if other.score >= max(MIN_RULE_SCORE, 0.6 * ranked[0].score) and len(chosen) < 2:
            chosen.append(other)
    return ClarifyAnswer(
        answer=" ".join(_quote_sentence(c.unit) for c in chosen),
        evidence=tuple(c.unit.quoted() for c in chosen),
        kind=ANSWERABLE,
    )


def _not_stated(topic: Topic) -> ClarifyAnswer:
    return ClarifyAnswer(
        answer=(
            f"The statement does not say {topic.unknown}, and the constraints "
            "do not settle it either, so don't rely on it. State the assumption you make and "
            "keep to it (or handle both cases)."
        ),
        evidence=(),
        kind=NOT_STATED,
    )


def brief_from_record(record: ProblemRecord) -> ProblemBrief:
    """The brief of a cleaned problem record (bank YAML, LeetCodeDataset), as the room builds it."""
    optimal = next((s.code for s in record.solutions if s.kind == "optimal"), "")
    return ProblemBrief(
        title=record.title,
        statement=record.statement,
        examples=record.examples,
        constraints=record.constraints,
        follow_up=record.follow_up,
        hints=record.hints,
        reference_code=optimal,
        signature=record.signature,
    )
