"""One vocabulary for complexity labels: parse what people write, rank the classes.

The growth classifier (`problems.judge.complexity`), the scorecard
(`interviews.scoring`), the growth feedback (`problems.growth`), the facts
checker (`mltools.llm.honesty`) and the importers all read labels here, so that
`O(n*n)`, `O(n²)`, `O(N^2)` and `O(n2)` are one class everywhere.

Decisions:
- The classes are the growth classifier's: O(1) < O(log n) < O(n) < O(n log n) <
  O(n^2) < O(n^3) < O(2^n). A label is parsed into terms (split on `+`) of factors
  (split on `*`, `·`, `×` or juxtaposition); the largest term decides, constants drop
  (`O(26n)`, `O(2n)` are O(n)).
- Every variable of a *sum* stands for the input size: `O(n + m)`, `O(V + E)` are
  linear. A *product* of different variables (`O(m*n)`, `O(k log n)`) is not a class
  of one n: it is UNKNOWN for ranking (a grid's `O(m*n)` is linear in its cells).
- Lower-order factors go the way the classifier sees them: O(n^2 log n) is
  quadratic, O(n * 2^n) and O(n!) exponential. O(sqrt n), O(log^2 n) and degrees
  above 3 have no class (UNKNOWN).
- A digit glued to a variable is a flattened exponent (`O(n2)` is O(n^2), as
  statements lose their superscripts).
- A measured growth is one of CLASSES or INCONCLUSIVE (the fit could not decide);
  neither INCONCLUSIVE nor UNKNOWN has a rank.
- What a measurement can confirm is a class of *one* size variable (`stated_time`);
  `tally_classes` counts measured labels against stated classes for the benches.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

CONSTANT = "O(1)"
LOG = "O(log n)"
LINEAR = "O(n)"
LINEARITHMIC = "O(n log n)"
QUADRATIC = "O(n^2)"
CUBIC = "O(n^3)"
EXPONENTIAL = "O(2^n)"
UNKNOWN = "unknown"  # a written label with no class of one n ("O(m*n)", "O(sqrt n)")
# A growth *measurement* that ran but cannot decide a class (too few usable sizes within the
# budget, or timings no class fits): said as such, never replaced by a guess, and never
# ranked (so never scored as slow). A measurement that did not run at all (the code failed)
# is UNKNOWN.
INCONCLUSIVE = "inconclusive"

# Simplest first: the order in which ties are broken and classes ranked.
CLASSES: tuple[str, ...] = (CONSTANT, LOG, LINEAR, LINEARITHMIC, QUADRATIC, CUBIC, EXPONENTIAL)
RANK: dict[str, int] = {label: i for i, label in enumerate(CLASSES)}

# Words that name a class in prose ("runs in linear time").
WORDS: dict[str, str] = {
    "constant time": CONSTANT,
    "logarithmic": LOG,
    "linear time": LINEAR,
    "linearithmic": LINEARITHMIC,
    "quadratic": QUADRATIC,
    "cubic": CUBIC,
    "exponential": EXPONENTIAL,
}

# A big-O (or Theta) expression in prose; group 1 is what is inside the brackets.
BIG_O = re.compile(r"\b[OoΘθ]\s*\(\s*([^()]{1,24}(?:\([^()]*\)[^()]{0,10})?)\s*\)")

_BY_DEGREE = {(0, 0): CONSTANT, (0, 1): LOG, (1, 0): LINEAR, (1, 1): LINEARITHMIC}
_FACTOR = re.compile(
    r"(?P<fact>[a-z]!)"
    r"|(?P<log>log(?:_?2)?\(?(?P<logvar>[a-z])\)?)"
    r"|(?P<exp>(?:\d+(?:\.\d+)?|[a-z])\^\(?(?P<expvar>[a-z])\)?)"
    r"|(?P<var>[a-z])(?:\^\(?(?P<power>\d+)\)?|(?P<flat>[2-9])(?![\^\d.]))?"
    r"|(?P<num>\d+(?:\.\d+)?)"
)


def _inner(text: str) -> str | None:
    """What a label says inside O(...), compacted; None when it is not a big-O label."""
    raw = text.strip()
    match = BIG_O.fullmatch(raw) or BIG_O.search(raw)
    body = match.group(1) if match else raw
    if not match and not re.fullmatch(r"[\w\s^*+·×⋅²³!()]{1,30}", raw):
        return None
    s = body.lower().replace(" ", "")
    for old, new in (("²", "^2"), ("³", "^3"), ("**", "^"), ("⋅", "*"), ("·", "*"), ("×", "*")):
        s = s.replace(old, new)
    s = re.sub(r"\blg", "log", s)
    s = re.sub(r"len\((\w+)\)", "n", s)
    return s or None


def _term_degree(term: str) -> tuple[int, int] | str:
    """(polynomial degree, log power) of one product term, EXPONENTIAL, or UNKNOWN."""
    degree, logs = 0, 0
    variables: set[str] = set()
    exponential = False
    if term.startswith("(") and term.endswith(")"):
        term = term[1:-1]
    for chunk in term.split("*"):
        position = 0
        while position < len(chunk):
            match = _FACTOR.match(chunk, position)
            if match is None:
                return UNKNOWN
            position = match.end()
            if match.group("fact"):
                exponential = True
            elif match.group("log"):
                logs += 1
                variables.add(match.group("logvar"))
            elif match.group("exp"):
                exponential = True
                variables.add(match.group("expvar"))
            elif match.group("var"):
                power = match.group("power") or match.group("flat") or "1"
                degree += int(power)
                variables.add(match.group("var"))
    if exponential:
        return EXPONENTIAL
    if len(variables) > 1:
        return UNKNOWN
    return degree, logs


def growth_class(text: str) -> str:
    """One of CLASSES for a written complexity ("O(N*logN)", "o(n2)", "O(n + m)"), else UNKNOWN."""
    inner = _inner(text)
    if inner is None:
        return UNKNOWN
    best: str | None = None
    depth = 0
    terms, start = [], 0
    for index, char in enumerate(inner):
        depth += char == "("
        depth -= char == ")"
        if char == "+" and depth == 0:
            terms.append(inner[start:index])
            start = index + 1
    terms.append(inner[start:])
    for term in terms:
        shape = _term_degree(term) if term else UNKNOWN
        if isinstance(shape, str):
            label = shape
        elif 2 <= shape[0] <= 3:
            label = QUADRATIC if shape[0] == 2 else CUBIC
        else:
            label = _BY_DEGREE.get(shape, UNKNOWN)
        if label == UNKNOWN:
            return UNKNOWN
        if best is None or RANK[label] > RANK[best]:
            best = label
    return best or UNKNOWN


def rank(text: str) -> int | None:
    """The class's rank (0 = O(1) ... 6 = O(2^n)), or None when it has no class."""
    return RANK.get(growth_class(text))


def canonical(text: str) -> str:
    """A label as the facts checker compares it: the class when it has one, else the
    compacted `O(...)` text ('O(m*n)'); '' when the text is not a big-O label."""
    label = growth_class(text)
    if label != UNKNOWN:
        return label
    match = BIG_O.search(text.strip())
    if not match:
        return ""
    inner = _inner(match.group(0))
    return f"O({inner})" if inner else ""


_SPACE_WORDS = re.compile(r"\b(?:space|memory|auxiliary|storage)\b", re.I)
_TIME_WORDS = re.compile(r"\b(?:time|runtime|running|runs?|takes?)\b", re.I)
_CLAUSE_END = re.compile(r"[.;,\n]\s|\band\b|\bwhile\b|\bwith\b", re.I)


def _cost_of(text: str, match: re.Match[str]) -> str:
    """ "time", "space" or "" (unsaid): which cost a big-O written in prose is about.

    Read from the words of its own clause: the ones before it first ("space complexity
    is O(1)", "runs in O(n)"), else the ones after it ("O(1) extra space", "O(n) time").
    """
    before = _CLAUSE_END.split(text[max(0, match.start() - 40) : match.start()])[-1]
    after = _CLAUSE_END.split(text[match.end() : match.end() + 30])[0]
    for words in (before, after):
        space, time = _SPACE_WORDS.search(words), _TIME_WORDS.search(words)
        if space or time:
            # both in one clause ("time and space"): the one nearer the big-O wins
            if space and time:
                nearer = max if words is before else min
                return "space" if nearer(space.start(), time.start()) == space.start() else "time"
            return "space" if space else "time"
    return ""


_DECLARED = re.compile(
    r"\bcomplexit(?:y|ies)\b[^.;:]{0,20}?(?:\bis\b|\bof\b|\bare\b|:|=)\s*(?:all\s+|both\s+|also\s+)?[`$*\\(\s]*$",
    re.I,
)


def _declared(text: str, match: re.Match[str]) -> bool:
    """Whether a big-O is the one a "the time complexity is ..." sentence declares, rather
    than a cost said in passing ("for each i we need O(n) time to find ...")."""
    return bool(_DECLARED.search(text[max(0, match.start() - 60) : match.start()]))


def stated_complexities(text: str) -> tuple[str, str]:
    """The (time, space) classes stated in prose, each "" when unstated or not a class of one n.

    "Uses O(1) extra space and runs in O(n) time." gives `("O(n)", "O(1)")`. The last
    big-O said to be the time (or the space) is taken, as in `stated_time`: an explanation
    concludes with its cost after dismissing a naive one ("checking every pair is O(n^2)
    time ... so the time complexity is O(n)"), unless it was declared ("the time complexity
    is O(n^2) ... we need O(n) time for each i": O(n^2)). A big-O that says neither (`"It is O(n log n)
    overall"`) is the time when no big-O is said to be the time (the first such). A product
    of sizes (`O(m × n)`) is no class of one n: skipped, not guessed.
    """
    found = {"time": "", "space": "", "": ""}
    declared = {"time": False, "space": False, "": False}
    for match in BIG_O.finditer(text):
        label = growth_class(match.group(0))
        kind = _cost_of(text, match)
        said = _declared(text, match)
        if label == UNKNOWN or (declared[kind] and not said):
            continue  # a declaration is not overruled by a cost said in passing after it
        if kind or not found[kind]:
            found[kind] = label
            declared[kind] = declared[kind] or said
    return found["time"] or found[""], found["space"]


def size_variables(text: str) -> frozenset[str]:
    """The size variables a big-O label names, lower-cased: `O(m × n)` and `O(n + m)` give
    {"m", "n"}, `O(n log n)` {"n"}, `O(1)` none. Symbols that are not Latin letters
    (`α(n)`, `|Σ|`) are not counted."""
    inner = _inner(text) or ""
    found: set[str] = set()
    position = 0
    while position < len(inner):
        match = _FACTOR.match(inner, position)
        if match is None:
            position += 1
            continue
        position = match.end()
        for group in ("logvar", "expvar", "var"):
            if match.group(group):
                found.add(match.group(group))
        if match.group("fact"):
            found.add(match.group("fact")[0])
    return frozenset(found)


NO_TIME_STATED = "no time complexity stated"
SEVERAL_SIZES = "several size variables"
NO_CLASS = "no class of one n"


@dataclass(frozen=True)
class StatedTime:
    """The time complexity stated in prose, as written, and its class when that class is
    of one size variable (what a growth measurement over one n can confirm).

    `label` is one of CLASSES, or "" with `skipped` saying why: NO_TIME_STATED,
    SEVERAL_SIZES (`O(m × n)`, `O(n + m)`, `O(n × log M)`) or NO_CLASS (`O(√n)`,
    `O(n × α(n))`, `O(n^4)`)."""

    written: str
    label: str
    skipped: str = ""


def stated_time(text: str) -> StatedTime:
    """The last big-O of `text` said to be the time (else the first said to be neither),
    with its class of one n.

    The last, since an explanation concludes with its cost after dismissing a naive one
    ("traversing k times is O(k) time, which is too slow ... The time complexity is
    O(n × log k)"); but a declared one ("the time complexity is O(n^2)") is not overruled
    by a cost said in passing after it ("for each i we need O(n) time to find ..."). Unlike `stated_complexities`, a label with no class is not passed
    over for another: "O(m × n) time" is SEVERAL_SIZES, never an O(n) said elsewhere."""
    chosen = unsaid = None
    declared = False
    for match in BIG_O.finditer(text):
        kind = _cost_of(text, match)
        said = _declared(text, match)
        if kind == "time" and (said or not declared):
            chosen, declared = match, declared or said
        elif kind == "" and unsaid is None:
            unsaid = match
    chosen = chosen or unsaid
    if chosen is None:
        return StatedTime(written="", label="", skipped=NO_TIME_STATED)
    written = chosen.group(0)
    if len(size_variables(written)) > 1:
        return StatedTime(written=written, label="", skipped=SEVERAL_SIZES)
    label = growth_class(written)
    if label == UNKNOWN:
        return StatedTime(written=written, label="", skipped=NO_CLASS)
    return StatedTime(written=written, label=label)


# A design problem's growth is measured over n calls: a cost stated per call is n times it.
_OVER_N_CALLS: dict[str, str] = {
    CONSTANT: LINEAR,
    LOG: LINEARITHMIC,
    LINEAR: QUADRATIC,
    LINEARITHMIC: QUADRATIC,
    QUADRATIC: CUBIC,
}
_CALL = r"(?:call|operation|op|method|query|queries|request|access)s?"
_PER_CALL_AFTER = re.compile(
    rf"^[\s,]*(?:time\s+)?(?:\(?amortized\)?\s+)?(?:per|each|every|for\s+each|a|/)\s*{_CALL}\b"
    r"|^[\s,]*\(?amortized\b",
    re.I,
)
_PER_CALL_BEFORE = re.compile(
    rf"\b(?:per|each|every)\s+{_CALL}\b[^.;]{{0,24}}$",
    re.I,
)


def stated_total(text: str, *, per_call_problem: bool = False) -> tuple[str, str]:
    """The time class a measurement over the input can confirm, and how to say what was stated.

    A class said of space ("O(1) extra space") is never taken for the time.
    `("O(n^2)", "O(n^2)")` for "O(n^2) time". For a design problem (`per_call_problem`),
    whose growth is measured over n calls, a cost stated per call ("O(1) per call",
    "each operation is O(log n)", "O(1) amortized"; O(1) and O(log n) always, since n calls
    cannot cost less than O(n) in all) is n times it:
    `("O(n)", "O(1) per call, O(n) over n calls")`. `("", "")` when nothing is stated.
    """
    for match in BIG_O.finditer(text):
        label = growth_class(match.group(0))
        if label == UNKNOWN or _cost_of(text, match) == "space":
            continue
        if per_call_problem and label in _OVER_N_CALLS:
            after = text[match.end() : match.end() + 40]
            before = text[max(0, match.start() - 40) : match.start()]
            # n calls cost at least O(n) in all, so O(1) or O(log n) can only be per call.
            below_calls = RANK[label] < RANK[LINEAR]
            if below_calls or _PER_CALL_AFTER.search(after) or _PER_CALL_BEFORE.search(before):
                total = _OVER_N_CALLS[label]
                return total, f"{label} per call, {total} over n calls"
        return label, label
    return "", ""


# ---------------------------------------------------------------- measured against stated
# Tallies for the growth accuracy bench (`bench/generators.py accuracy`). Each row is one
# approach: its stated class (one of CLASSES) and the label measured in each run (a class,
# INCONCLUSIVE, or UNKNOWN when the code did not run). Decisions (issue 14, "Accuracy" and
# "Stability"):
# - agreement, inconclusive and the O(n)/O(n log n) confusion count *measurements* (every
#   run of every approach), so that a class that flickers between runs costs what it misses;
#   INCONCLUSIVE and UNKNOWN are misses.
# - the O(n)/O(n log n) confusion is a share of the measurements stated O(n) or O(n log n):
#   those measured as the other of the two.
# - stability is a share of *approaches*: the same label in every run (INCONCLUSIVE
#   included: an honest "cannot tell" each time is stable); None for a single run.

_NEIGHBOURS = {LINEAR: LINEARITHMIC, LINEARITHMIC: LINEAR}


@dataclass(frozen=True)
class ClassTally:
    """Measured labels against stated classes, counted (`tally_classes`); shares are None
    when there is nothing to divide by."""

    approaches: int
    measurements: int
    agree: int
    inconclusive: int
    linear_pairs: int  # measurements stated O(n) or O(n log n)
    linear_confused: int  # ... measured as the other of the two
    stable: int | None  # approaches with one label in every run; None for one run
    table: dict[tuple[str, str], int] = field(default_factory=dict)  # (stated, measured) -> count

    @staticmethod
    def _share(part: int | None, whole: int) -> float | None:
        return None if part is None or not whole else part / whole

    @property
    def agreement(self) -> float | None:
        return self._share(self.agree, self.measurements)

    @property
    def inconclusive_share(self) -> float | None:
        return self._share(self.inconclusive, self.measurements)

    @property
    def confusion(self) -> float | None:
        return self._share(self.linear_confused, self.linear_pairs)

    @property
    def stability(self) -> float | None:
        return self._share(self.stable, self.approaches)


def tally_classes(rows: Sequence[tuple[str, Sequence[str]]]) -> ClassTally:
    """Agreement, inconclusive, O(n)/O(n log n) confusion and stability of `rows`
    ((stated class, [measured label per run]) each; every row has the same number of runs)."""
    table: Counter[tuple[str, str]] = Counter()
    pairs = confused = 0
    for stated, measured in rows:
        for label in measured:
            table[(stated, label)] += 1
            if stated in _NEIGHBOURS:
                pairs += 1
                confused += label == _NEIGHBOURS[stated]
    runs = {len(measured) for _, measured in rows}
    if len(runs) > 1:
        raise ValueError(f"rows with different numbers of runs: {sorted(runs)}")
    several = bool(runs) and runs.pop() > 1
    return ClassTally(
        approaches=len(rows),
        measurements=sum(table.values()),
        agree=sum(n for (stated, label), n in table.items() if stated == label),
        inconclusive=sum(n for (_, label), n in table.items() if label == INCONCLUSIVE),
        linear_pairs=pairs,
        linear_confused=confused,
        stable=sum(len(set(measured)) == 1 for _, measured in rows) if several else None,
        table=dict(table),
    )
