"""Measure how a solution's running time grows with input size, in the sandbox.

The problem's trusted generator (`generate(n, rng)`) makes one input per size in
this process; the candidate's code only ever runs through `sandbox.execute`.
`complexity.fit_growth` turns the timings into a class, and `compare_growth`
turns two reports (the candidate's and the optimal reference's, measured on the
same inputs) into facts for feedback.

How a series is measured, and why:
- A pilot session runs each size once, smallest first, and stops growing as soon
  as a call takes longer than `budget_s` (the sandbox's `stop` callback ends the
  session), so slow code cannot take forever.
- A second session repeats the sizes that were fast in two interleaved rounds,
  with a repeat count chosen from the pilot so that each size costs about
  `target_s`; the harness reports the minimum over repeats, and the minimum over
  the pilot and both rounds is kept. The first call after a fork runs cold (up
  to 3x slower for microsecond calls); interleaving spreads each size over time
  so that a burst of load from another process does not hit all its samples.
  Calls slower than `target_s` keep their single pilot figure: the fit drops one
  outlier anyway, and repeating them is what would make the bench slow.
- Each call is timed twice: by the harness's wall clock and by a CPU clock; the
  smaller wins. Wall time is the sharper for microsecond calls, CPU time the honest
  one for long calls on a loaded machine, where being descheduled inflates the wall
  clock. The CPU clock is a wrapper around the entry point (`TIMER_SNIPPET`) where
  the entry point returns its value; a design problem's list of calls and an
  in-place answer have no such value to carry the figure, and use the harness's CPU
  clock around the call (`CallResult.call_cpu_s`). Either clock covers the
  candidate's code only: a design test's arguments are all converted before it
  starts (`codec._prepare_design`), and what runs under it besides the calls is
  O(1) per call (taking each result as it comes).
- Code that is quicker than `EXTEND_BELOW_S` even at the largest (small) size is
  measured at 2x..16x that size too (`_extension_sizes`): otherwise the optimal
  solution of a problem whose slow one is exponential is all overhead.
- Sizes never pass the largest the problem's constraints allow (`max_n`,
  `Problem.max_size`): sizes above it are dropped and the extension stops there. Code
  still quicker than `TELL_BELOW_S` at that bound is "inconclusive" (too quick at
  every allowed size to tell its work from the call's fixed cost), never a guess:
  climbing-stairs' O(n) reference takes under a microsecond at n = 45.
- What the harness and the wrapper add to a call (about 1 µs) is measured once
  per process with a do-nothing entry point and subtracted: it is a large share
  of an O(log n) call.
"""

from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass, field, replace
from typing import Any

from mltools import inputgen
from mltools.callshape import CallShape
from mltools.complexity import UNKNOWN

from .complexity import (
    BASIS_COUNTS_FLOOR,
    BASIS_LINES,
    BASIS_QUICK_LINES,
    BASIS_TIME_AND_COUNTS,
    BASIS_TIME_CHECKED,
    CONSTANT,
    EXPONENTIAL,
    FLOOR_S,
    INCONCLUSIVE,
    LINEAR,
    LINEARITHMIC,
    LOG,
    MIN_SIZES,
    QUADRATIC,
    RANK,
    GrowthFit,
    class_feature,
    finite_or_none,
    fit_counted_class,
    fit_growth,
    inconclusive_fit,
    slope_allows,
    too_few_sizes_reason,
)
from .sandbox import Call, CallResult, Limits, execute

DEFAULT_BUDGET_S = 1.0
DEFAULT_TARGET_S = 0.15
MAX_REPEAT = 400
MIN_REPEAT = 3
ROUNDS = 2
OVERHEAD_REPEAT = 300
EXTEND_BELOW_S = 5e-5  # the largest size's call must be quicker than this to extend
EXTEND_MAX_N = 4096  # ... and its size at most this (never 10^6-element inputs)
EXTEND_STEPS = 4  # up to 16x the largest size
EXTEND_BUDGET_S = 0.25
SCALAR_EXTEND_FACTOR = 8  # numbers as n: up to 8^10 = 2^30 times the largest size
SCALAR_EXTEND_STEPS = 10
# Code whose extension the constraints cut short and whose largest allowed call still takes
# less than this is too quick to tell (the harness adds about 1 µs, known to a fraction of it).
TELL_BELOW_S = 5e-6
# O(n) and O(n log n) in the timings are told apart by the counted work at sizes this far apart
TIE_SPAN = 4.0
TIE_MIN_N = 16  # ... never counted below this size
# Code whose largest call takes less than this, and whose work the counts see whole, is
# classed by its counted work: such timings bend with the load (BASIS_QUICK_LINES)
COUNTS_DECIDE_BELOW_S = 1e-4
# ... and, in code holding work the counts miss, where the timed class fits this badly
QUICK_FIT_ERROR = 0.2
# Other code is measured on another family of a derived generator where it does this many
# times the counted work it does on the generator's own (`worst_family`)
WORST_FAMILY_RATIO = 1.5
WORST_FAMILY_MAX_N = 64  # ... counted at sizes this small (n^2 code: 4,096 steps)
WORST_FAMILY_CALL_S = 0.25
# Timings whose slope is at most this may still be O(log n) (cache misses), when counts say so
LOG_REACH_SLOPE = 0.85
# The least a pass in C over an input costs (`_one_pass_seconds`): a list item, a string's
# character (vectorised searches do 16 or more a nanosecond); calls quicker than a
# UNSEEN_MARGIN-th of that hold no pass the counts miss.
UNSEEN_STEP_S = 1e-9
UNSEEN_CHAR_S = 1e-9 / 16
UNSEEN_MARGIN = 4.0


class GrowthStatus:
    """How a measurement ended. OK has a class; INCONCLUSIVE ran but the fit could not
    decide (too few sizes within the budget, or noise: `GrowthFit.reason` says which);
    the others did not measure the code at all (its label is UNKNOWN)."""

    OK = "ok"
    INCONCLUSIVE = "inconclusive"
    COMPILE_ERROR = "compile_error"
    FAILED = "failed"  # the code raised or ran out of a limit on the smallest sizes
    INTERNAL_ERROR = "internal_error"
    NO_GENERATOR = "no_generator"


# Stored reports from before INCONCLUSIVE was one concept.
_OLD_STATUSES = {"too_few_sizes": GrowthStatus.INCONCLUSIVE}


@dataclass(frozen=True)
class GrowthInputs:
    """Generated arguments per size; reused so that candidate and reference see the same."""

    seed: int
    sizes: tuple[int, ...]
    args: tuple[list[Any], ...]
    generator_source: str = ""  # to make more sizes (see `_extension_sizes`)


def growth_inputs(*, generator_source: str, sizes: list[int], seed: int = 0) -> GrowthInputs:
    """Run the problem's trusted generator once per size, with a seeded `random.Random`."""
    namespace: dict[str, Any] = {"__name__": "generator"}
    exec(compile(generator_source, "<generator>", "exec"), namespace)  # noqa: S102 - the bank's own code
    generate = namespace.get("generate")
    if not callable(generate):
        raise ValueError("the generator does not define generate(n, rng)")
    ordered = sorted({int(n) for n in sizes if int(n) > 0})
    args = []
    for n in ordered:
        value = generate(n, random.Random(f"mockmate-growth:{seed}:{n}"))
        if not isinstance(value, list):
            raise ValueError(f"generate({n}, rng) returned {type(value).__name__}, not a list")
        args.append(value)
    return GrowthInputs(
        seed=seed, sizes=tuple(ordered), args=tuple(args), generator_source=generator_source
    )


def family_source(generator_source: str, family: str) -> str:
    """A derived generator's text switched to `family` (`inputgen.with_family`); the text
    itself where the generator is hand-written, `family` is "" or already its own."""
    spec = inputgen.spec_of(generator_source)
    if not family or spec is None or spec.get("family", "random") == family:
        return generator_source
    return inputgen.generator_source(inputgen.with_family(spec, family))


def family_inputs(inputs: GrowthInputs, family: str) -> GrowthInputs:
    """The same sizes and seed made by the inputs' generator switched to `family`
    (`family_source`); the inputs themselves where that changes nothing."""
    source = family_source(inputs.generator_source, family)
    if source == inputs.generator_source:
        return inputs
    return growth_inputs(generator_source=source, sizes=list(inputs.sizes), seed=inputs.seed)


def worst_family(
    *, code: str, preamble: str, shape: CallShape, inputs: GrowthInputs, mem_mb: int = 512
) -> str | None:
    """The family of the inputs' derived generator on which `code` does clearly more counted
    work than on the generator's own (WORST_FAMILY_RATIO at each of two small sizes: the
    smallest growth size, at most WORST_FAMILY_MAX_N, and about twice it), the most of
    them, where it does no less than on the generator's own at the largest growth size
    too (or cannot be counted there); None to keep the generator's own. Each counted call may take WORST_FAMILY_CALL_S
    of CPU (a family whose call takes longer is not counted, nor those after it).

    Derivation chose the family where the reference does the most work, which need not be
    where other code does: a check of every column against every row that stops at the
    first mismatch does n^2 steps on random values and n^3 on equal ones. Only families the
    reference accepts are offered (`derivation.generator_check` keeps those in the spec).
    Python code only (the counts are its lines); a hand-written generator has no families."""
    from .hotlines import work_by_family, work_score

    spec = inputgen.spec_of(inputs.generator_source)
    families = list((spec or {}).get("families") or [])
    if spec is None or len(families) < 2 or len(inputs.sizes) < 3:
        return None
    own = spec.get("family", "random")
    first = min(inputs.sizes[0], WORST_FAMILY_MAX_N)
    sizes = [first, max(first + 1, min(inputs.sizes[1], 2 * first))]
    small = growth_inputs(generator_source=inputs.generator_source, sizes=sizes, seed=inputs.seed)
    args = {
        family: list(family_inputs(small, family).args)
        for family in [own, *[f for f in families if f != own]]
    }
    work = work_by_family(
        code=code,
        preamble=preamble,
        shape=shape,
        args_by_family=args,
        mem_mb=mem_mb,
        cpu_s=WORST_FAMILY_CALL_S,
    )
    if own not in work:
        return None
    floor = tuple(int(c * WORST_FAMILY_RATIO) for c in work[own])
    clearly = [f for f, w in work.items() if all(c > b for c, b in zip(w, floor, strict=True))]
    if not clearly:
        return None
    worst = max(clearly, key=lambda f: work_score(work[f]))
    # and still no less work at the largest size: a number that ranges with n (k <=
    # nums.length) may be 0 up to n = 256, where all 1s are a full scan, and end the scan
    # at once from n = 512. A call too slow to count there is taken for the worst case.
    largest = growth_inputs(
        generator_source=inputs.generator_source, sizes=[inputs.sizes[-1]], seed=inputs.seed
    )
    there = work_by_family(
        code=code,
        preamble=preamble,
        shape=shape,
        args_by_family={f: list(family_inputs(largest, f).args) for f in (worst, own)},
        mem_mb=mem_mb,
        cpu_s=WORST_FAMILY_CALL_S,
    )
    if worst in there and (own not in there or there[worst][0] < there[own][0]):
        return None
    return worst


@dataclass(frozen=True)
class GrowthReport:
    """One measured series: its class (`label`), fit and the timings behind them.

    `points` are (n, best seconds) with the harness's own cost (`overhead_s`) taken
    off; `stopped_at` is the size whose call went over the budget, if one did.
    """

    status: str
    fit: GrowthFit
    points: tuple[tuple[int, float], ...] = ()
    overhead_s: float = 0.0
    stopped_at: int | None = None
    error: str = ""
    elapsed_s: float = 0.0
    seed: int = 0
    samples: int = 0  # timed runs of the entry point, over all sizes
    # the derived generator's input family measured on, where `worst_family` chose another
    # than the generator's own ("" for the generator as given)
    family: str = ""

    @property
    def label(self) -> str:
        """A class, INCONCLUSIVE (measured, undecided), or UNKNOWN (not measured)."""
        if self.status == GrowthStatus.OK:
            return self.fit.label
        return INCONCLUSIVE if self.status == GrowthStatus.INCONCLUSIVE else UNKNOWN

    @property
    def inconclusive(self) -> bool:
        return self.status == GrowthStatus.INCONCLUSIVE

    @property
    def largest_n(self) -> int | None:
        return self.points[-1][0] if self.points else None

    def time_at(self, n: int) -> float | None:
        return next((t for size, t in self.points if size == n), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "label": self.label,
            "fit": self.fit.to_dict(),
            "points": [[n, t] for n, t in self.points],
            "overhead_s": self.overhead_s,
            "stopped_at": self.stopped_at,
            "error": self.error,
            "elapsed_s": self.elapsed_s,
            "seed": self.seed,
            "samples": self.samples,
            "family": self.family,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GrowthReport:
        return cls(
            status=_OLD_STATUSES.get(data["status"], data["status"]),
            fit=GrowthFit.from_dict(data["fit"]),
            points=tuple((int(n), float(t)) for n, t in data.get("points", [])),
            overhead_s=float(data.get("overhead_s", 0.0)),
            stopped_at=data.get("stopped_at"),
            error=data.get("error", ""),
            elapsed_s=float(data.get("elapsed_s", 0.0)),
            seed=int(data.get("seed", 0)),
            samples=int(data.get("samples", 0)),
            family=str(data.get("family", "")),
        )


def _failed(status: str, error: str, started: float, **extra: Any) -> GrowthReport:
    return GrowthReport(
        status=status,
        fit=inconclusive_fit(reason=error),
        error=error,
        elapsed_s=time.perf_counter() - started,
        **extra,
    )


# Appended, with the definition of `make`, to code that runs in the sandbox: replaces the
# entry point with `make(func)`'s function (timing it here, counting its lines in
# hotlines.py). During the call the original is in place, so recursive calls go straight
# to it; `functools.wraps` keeps the signature visible, so the harness still converts
# ListNode/TreeNode arguments.
WRAP_SNIPPET = """

def __mockmate_wrap__(kind, name, make):
    import functools, inspect

    if kind == "method":
        owner = Solution
        raw = inspect.getattr_static(owner, name)

        def put(value):
            setattr(owner, name, value)

    else:
        namespace = globals()
        raw = namespace[name]

        def put(value):
            namespace[name] = value

    bound = isinstance(raw, (staticmethod, classmethod))
    func = raw.__func__ if bound else raw
    inner = make(func)

    @functools.wraps(func)
    def wrapped(*args, **kwargs):
        put(raw)
        try:
            return inner(*args, **kwargs)
        finally:
            put(wrapper)

    wrapper = type(raw)(wrapped) if bound else wrapped
    put(wrapper)
"""


def wrap_entry_point(code: str, *, entry_kind: str, entry_point: str, make: str) -> str:
    """`code` with its entry point replaced by `make(func)`'s function (see WRAP_SNIPPET).

    `make` is the source of one function `__mockmate_<what>__(func)` returning the
    replacement; it runs in the sandbox with the candidate's code.
    """
    name = make.split("def ", 1)[1].split("(", 1)[0]
    call = f"\n__mockmate_wrap__({entry_kind!r}, {entry_point!r}, {name})\ndel __mockmate_wrap__, {name}\n"
    return code + "\n" + WRAP_SNIPPET + make + call


# Each call returns [CPU_TAG, the thread's CPU time of the call] (the least over the
# repeats so far) instead of its value.
# The harness's wall-clock `call_s` counts time spent descheduled, which on a
# loaded judge machine inflates long calls (2-3x on this 2-core box) and bends
# the growth curve; CPU time does not. As `timeit` does, the cyclic garbage
# collector is off during the call: its full collections scan every live object,
# which makes code that builds many containers look O(n log n) or worse when it is O(n).
CPU_TAG = "__mockmate_cpu_s__"
TIMER_SNIPPET = """

def __mockmate_timer__(func):
    import gc, time

    clock = time.thread_time
    best = [float("inf")]

    def timed(*args, **kwargs):
        gc.disable()
        try:
            start = clock()
            func(*args, **kwargs)
            spent = clock() - start
        finally:
            gc.enable()
        best[0] = min(best[0], spent)
        return [TAG, best[0]]

    return timed
""".replace("TAG", repr(CPU_TAG))


DESIGN_SNIPPET = "import gc as __mockmate_gc__\n__mockmate_gc__.disable()\ndel __mockmate_gc__\n"


def timed_code(code: str, *, entry_kind: str, entry_point: str) -> str:
    """The candidate's code with the CPU timer installed around its entry point.

    A submission that tampers with the clock only misleads its own growth
    feedback: verdicts and time limits are enforced by the harness itself.
    A design problem's list of calls is timed by the harness's own clocks (its arguments
    are converted before them, see `codec._prepare_design`), with the collector off as the
    timer keeps it off around other calls (each call runs in a child of its own, so this
    lasts one call).
    """
    if entry_kind == "design":
        return code + "\n" + DESIGN_SNIPPET
    return wrap_entry_point(
        code, entry_kind=entry_kind, entry_point=entry_point, make=TIMER_SNIPPET
    )


@dataclass(frozen=True)
class _Timing:
    """Best wall-clock and CPU seconds seen for one size."""

    wall_s: float = math.inf
    cpu_s: float = math.inf

    def add(self, result: CallResult) -> _Timing:
        return _Timing(min(self.wall_s, result.call_s), min(self.cpu_s, _cpu_seconds(result)))

    def net(self, overhead: _Timing) -> float:
        return min(self.wall_s - overhead.wall_s, self.cpu_s - overhead.cpu_s)


_overheads: dict[tuple[str, str], _Timing] = {}


def call_overhead(*, language: str, entry_kind: str) -> _Timing:
    """What the harness and the timer add to a call, from a do-nothing entry point (cached)."""
    key = (language, entry_kind)
    if language != "python3":
        # A compiled language's driver reads the clock right around the call: nothing to take off.
        return _Timing(0.0, 0.0)
    if key not in _overheads:
        code = {
            "method": "class Solution:\n    def noop(self, *args, **kwargs):\n        return None\n",
            "function": "def noop(*args, **kwargs):\n    return None\n",
            "design": "class noop:\n    def __init__(self, *args):\n        pass\n",
        }[entry_kind]
        noop_args: list[Any] = [["noop"], [[]]] if entry_kind == "design" else [[]]
        compiled, results = execute(
            language=language,
            code=timed_code(code, entry_kind=entry_kind, entry_point="noop"),
            preamble="",
            shape=CallShape(entry_kind=entry_kind, entry_point="noop"),
            calls=[Call(args=noop_args, repeat=OVERHEAD_REPEAT) for _ in range(ROUNDS)],
            limits=Limits(),
        )
        timing = _Timing()
        for result in results:
            if result.status == "ok":
                timing = timing.add(result)
        if not compiled.ok or not math.isfinite(timing.wall_s + timing.cpu_s):
            return _Timing(0.0, 0.0)  # not cached: the sandbox may come back
        _overheads[key] = timing
    return _overheads[key]


def _limits(budget_s: float, target_s: float, mem_mb: int) -> Limits:
    # Limits cover all repeats of a call; the budget is what stops growth, not the rlimit.
    cpu = 3 * max(budget_s, target_s) + 2
    return Limits(cpu_s=cpu, wall_s=2 * cpu + 5, mem_mb=mem_mb, out_kb=64)


def _repeats(seconds: float, per_call_s: float, target_s: float) -> int:
    """Repeats of a call that took `seconds` (plus `per_call_s` of set-up each) for one round."""
    if seconds >= target_s:
        return 0
    share = target_s / ROUNDS
    return max(MIN_REPEAT, min(MAX_REPEAT, int(share / max(seconds + per_call_s, 1e-7))))


def _cpu_seconds(result: CallResult) -> float:
    """The timer's figure; for a design problem's list of calls or an in-place answer, whose
    value cannot carry it, the harness's CPU clock around the call; infinity when neither
    ran (another language's driver: the wall clock then counts)."""
    value = result.value
    if isinstance(value, list) and len(value) == 2 and value[0] == CPU_TAG:
        seconds = value[1]
        if isinstance(seconds, (int, float)) and math.isfinite(seconds) and seconds >= 0:
            return float(seconds)
        return math.inf
    return result.call_cpu_s if result.call_cpu_s > 0 else math.inf


def _seconds(result: CallResult) -> float:
    return min(result.call_s, _cpu_seconds(result))


@dataclass
class _Series:
    """What one pilot + repeat pass over some sizes found."""

    timings: dict[int, _Timing] = field(default_factory=dict)
    samples: int = 0
    failure: CallResult | None = None
    stopped_at: int | None = None
    compile_error: str | None = None


def _measure_series(
    common: dict[str, Any],
    sizes: list[int],
    args: list[list[Any]],
    budget_s: float,
    target_s: float,
) -> _Series:
    """Pilot the sizes smallest first (stopping past the budget), then repeat the fast ones."""
    series = _Series()
    compiled, pilot = execute(
        **common,
        calls=[Call(args=list(a)) for a in args],
        stop=lambda _, result: result.status != "ok" or _seconds(result) > budget_s,
    )
    if not compiled.ok:
        series.compile_error = compiled.message
        return series
    ok: list[tuple[int, CallResult]] = []
    for n, result in zip(sizes, pilot, strict=False):
        if result.status != "ok":
            break
        ok.append((n, result))
    series.failure = pilot[len(ok)] if len(ok) < len(pilot) else None
    if len(pilot) < len(sizes) or series.failure is not None:
        series.stopped_at = sizes[len(pilot) - 1]
    series.timings = {n: _Timing().add(r) for n, r in ok}
    series.samples = len(ok)
    index = {n: i for i, n in enumerate(sizes)}
    plan = [(n, _repeats(_seconds(r), max(0.0, r.wall_s - r.call_s), target_s)) for n, r in ok]
    plan = [(n, k) for n, k in plan if k > 0]
    if plan:
        calls = [Call(args=list(args[index[n]]), repeat=k) for _ in range(ROUNDS) for n, k in plan]
        _, more = execute(**common, calls=calls, stop=lambda _, result: result.status != "ok")
        for (n, k), result in zip(plan * ROUNDS, more, strict=False):
            if result.status == "ok":
                series.timings[n] = series.timings[n].add(result)
                series.samples += k
    return series


def _too_quick(series: _Series, overhead: _Timing, scalar: bool = False) -> bool:
    """Whether every call was too quick to tell overhead from work (the largest size's net
    time under EXTEND_BELOW_S, at a size up to EXTEND_MAX_N unless the arguments are
    `scalar`), the series having ended well."""
    if not series.timings or series.failure is not None or series.stopped_at is not None:
        return False
    largest = max(series.timings)
    return (scalar or largest <= EXTEND_MAX_N) and series.timings[largest].net(
        overhead
    ) < EXTEND_BELOW_S


def _extension_sizes(
    series: _Series,
    overhead: _Timing,
    sizes: tuple[int, ...],
    max_n: int | None = None,
    *,
    scalar: bool = False,
) -> tuple[list[int], bool]:
    """Larger sizes to add when every call was too quick to tell overhead from work, and
    whether the constraints' bound `max_n` cut them short.

    Problems whose slow solution is exponential measure at tiny sizes (n = 3..30),
    where the optimal solution's calls take a few microseconds, nearly all of it
    fixed cost: its class cannot be read there. Such code is measured further, at
    2x, 4x, ... the largest size, as long as it stays fast, and never past `max_n`
    (`max_n` itself is measured when a doubling would pass it).
    Where n is a number given to the code (`scalar`: every argument a number, as in
    count-good-numbers' n <= 10^15), no collection grows with it: the sizes go on by
    SCALAR_EXTEND_FACTOR (8x, 64x, ... up to 2^30x), so that O(log n) work on the
    number's digits or bits has room to show.
    """
    if not _too_quick(series, overhead, scalar):
        return [], False
    largest = max(series.timings)
    if scalar:
        wanted = [largest * SCALAR_EXTEND_FACTOR**k for k in range(1, SCALAR_EXTEND_STEPS + 1)]
    else:
        wanted = [largest * 2**k for k in range(1, EXTEND_STEPS + 1)]
    allowed = [n for n in wanted if max_n is None or n <= max_n]
    cut = len(allowed) < len(wanted)
    if cut and max_n is not None and max_n > largest and max_n not in allowed:
        allowed.append(max_n)
    return [n for n in allowed if n not in sizes], cut


def measure_growth(
    *,
    code: str,
    preamble: str,
    shape: CallShape,
    generator_source: str = "",
    sizes: list[int] | None = None,
    language: str = "python3",
    budget_s: float = DEFAULT_BUDGET_S,
    target_s: float = DEFAULT_TARGET_S,
    mem_mb: int = 512,
    seed: int = 0,
    inputs: GrowthInputs | None = None,
    extend: bool = True,
    max_n: int | None = None,
    worst_case: bool = False,
) -> GrowthReport:
    """Time `code` at growing sizes in the sandbox and classify the growth.

    Give either `generator_source` and `sizes`, or `inputs` made by `growth_inputs`
    (to measure a candidate and the reference on the very same arguments).
    `budget_s` is the longest single call allowed before sizes stop growing;
    `target_s` is roughly what the repeated measurements of one size may cost;
    `extend` measures code that is too quick at every size at larger ones too.
    `max_n`: the largest n the problem's constraints allow (`Problem.max_size`; None: no
    bound known): no size above it is measured; code too quick to tell at every size up
    to it is INCONCLUSIVE, with the reason.
    `worst_case`: measure on the derived generator's family where this code does clearly
    the most counted work (`worst_family`; the report's `family` names it), as a
    candidate's code is measured; the reference's own worst case is the generator's family.
    Only meaningful for code that is correct: wrong code that returns early is fast.
    """
    started = time.perf_counter()
    if inputs is None:
        if not generator_source.strip() or not sizes:
            return _failed(GrowthStatus.NO_GENERATOR, "the problem has no generator", started)
        inputs = growth_inputs(generator_source=generator_source, sizes=sizes, seed=seed)
    family = ""
    if worst_case and language == "python3":
        found = worst_family(
            code=code, preamble=preamble, shape=shape, inputs=inputs, mem_mb=mem_mb
        )
        if found is not None:
            inputs, family = family_inputs(inputs, found), found
    if max_n is not None and any(n > max_n for n in inputs.sizes):
        kept = [i for i, n in enumerate(inputs.sizes) if n <= max_n]
        inputs = replace(
            inputs,
            sizes=tuple(inputs.sizes[i] for i in kept),
            args=tuple(inputs.args[i] for i in kept),
        )
    common: dict[str, Any] = {
        "language": language,
        # Other languages' drivers time the call themselves (CallResult.call_s).
        "code": timed_code(code, entry_kind=shape.entry_kind, entry_point=shape.entry_point)
        if language == "python3"
        else code,
        "preamble": preamble,
        "shape": shape,
        "limits": _limits(budget_s, target_s, mem_mb),
    }
    series = _measure_series(common, list(inputs.sizes), list(inputs.args), budget_s, target_s)
    if series.compile_error is not None:
        return _failed(GrowthStatus.COMPILE_ERROR, series.compile_error, started, seed=inputs.seed)
    if series.failure is not None and series.failure.status == "internal_error":
        return _failed(GrowthStatus.INTERNAL_ERROR, series.failure.error, started, seed=inputs.seed)
    overhead = call_overhead(language=language, entry_kind=shape.entry_kind)
    scalar = bool(inputs.args) and all(
        isinstance(a, (int, float)) for a in inputs.args[-1]
    )  # n is a number given to the code: nothing grows in memory with it
    extra, cut = (
        _extension_sizes(series, overhead, inputs.sizes, max_n, scalar=scalar)
        if extend
        else ([], False)
    )
    more: GrowthInputs | None = None
    if extra and inputs.generator_source:
        more = growth_inputs(
            generator_source=inputs.generator_source, sizes=extra, seed=inputs.seed
        )
        quick = {**common, "limits": _limits(EXTEND_BUDGET_S, target_s, mem_mb)}
        added = _measure_series(quick, list(more.sizes), list(more.args), EXTEND_BUDGET_S, target_s)
        series.timings.update(added.timings)
        series.samples += added.samples

    points = tuple((n, max(t.net(overhead), FLOOR_S)) for n, t in sorted(series.timings.items()))
    fit = fit_growth(points)
    largest = max(series.timings, default=0)
    counting: dict[str, Any] = {
        "code": code, "preamble": preamble, "shape": shape, "language": language,
        "mem_mb": mem_mb, "inputs": inputs, "extra": more,
        "known": {},  # sizes counted once are not counted again by the next rule
    }  # fmt: skip
    if (
        series.timings
        and series.failure is None
        and series.timings[largest].net(overhead) < TELL_BELOW_S
    ):
        # Too quick to time at every size measured: the counted work decides, where it can.
        work = _counted_work(**counting, sizes=[n for n, _ in points])
        one_pass_s = _one_pass_seconds(_arguments_at(points[-1][0], inputs, more))
        counted, said = _class_from_counts(code, work, points, one_pass_s=one_pass_s)
        fit = counted or inconclusive_fit(
            (n for n, _ in points), _too_quick_reason(points, max_n if cut else None, said)
        )
    elif (
        series.timings
        and series.failure is None
        and series.timings[largest].net(overhead) < COUNTS_DECIDE_BELOW_S
        and (lines := _class_of_quick_code(counting, points, fit)) is not None
    ):
        # Calls this quick are timed only roughly on a loaded machine (a slope of 1.5 for a
        # pass over 100 items), while the counts do not vary.
        fit = replace(lines, errors=fit.errors)
    elif fit.known and fit.label != EXPONENTIAL and (sizes_for_tie := _tie_sizes(points)):
        # The timings tell O(n) from O(n log n) only roughly (a sort in C under an O(n) loop
        # shows a slope close to 1), nor a class their slope rules out from its neighbours,
        # and microsecond calls on a loaded machine may read a class below their work: the
        # counted work, sorts' comparisons included, decides (`_class_by_counts`).
        work = _counted_work(**counting, sizes=sizes_for_tie)
        decided = _class_by_counts(
            fit, work, code, hidden_pass=_holds_hidden_pass(code, inputs, more, points)
        )
        if decided is not None:
            label, base, basis = decided
            fit = replace(
                fit_counted_class(points, label, base=base), basis=basis, errors=fit.errors
            )
    failure = series.failure
    error = (failure.error or failure.status) if failure is not None else ""
    status = GrowthStatus.OK
    if not fit.known and failure is not None and failure.status != "tle":
        status = GrowthStatus.FAILED  # the code itself failed: nothing was measured
    elif not fit.known:
        status = GrowthStatus.INCONCLUSIVE
        if len(points) < MIN_SIZES and series.stopped_at is not None:
            fit = replace(
                fit,
                reason=f"{too_few_sizes_reason(len(points))}; the others took longer than "
                f"the budget of {budget_s:g} s per call",
            )
        error = fit.reason
    return GrowthReport(
        status=status,
        fit=fit,
        points=points,
        overhead_s=min(overhead.wall_s, overhead.cpu_s),
        stopped_at=series.stopped_at,
        error=error,
        elapsed_s=time.perf_counter() - started,
        seed=inputs.seed,
        samples=series.samples,
        family=family,
    )


def _counted_work(
    *,
    code: str,
    preamble: str,
    shape: CallShape,
    language: str,
    mem_mb: int,
    inputs: GrowthInputs,
    extra: GrowthInputs | None,
    sizes: list[int],
    known: dict[int, int] | None = None,
) -> dict[int, int] | None:
    """{n: work} counted in the sandbox on the timed series' own inputs at `sizes` (inputs
    made by the generator, with the same seed, for sizes the series did not run): the lines
    the code executes plus the steps of its sorts, heaps, bisections, searches and slices
    (`hotlines.work_totals`). None where counting is unsupported (another language, a
    design problem's list of calls). `known`: {n: work} counted before on the same inputs
    (a count is deterministic): those sizes are not counted again, and the new ones are
    added to it."""
    from .hotlines import count_lines, counting_supported, work_totals  # (a late import)

    if not counting_supported(language=language, entry_kind=shape.entry_kind):
        return None
    known = {} if known is None else known
    new = [n for n in sizes if n not in known]
    if new:
        args = dict(zip(inputs.sizes, inputs.args, strict=True))
        if extra is not None:
            args.update(zip(extra.sizes, extra.args, strict=True))
        missing = [n for n in new if n not in args]
        if missing and inputs.generator_source:
            more = growth_inputs(
                generator_source=inputs.generator_source, sizes=missing, seed=inputs.seed
            )
            args.update(zip(more.sizes, more.args, strict=True))
        new = [n for n in new if n in args]
        counts = count_lines(
            code=code, preamble=preamble, shape=shape, sizes=new, args=[args[n] for n in new],
            mem_mb=mem_mb,
        )  # fmt: skip
        known.update(work_totals(counts))
    return {n: known[n] for n in sizes if n in known}


def _class_of_quick_code(
    counting: dict[str, Any], points: tuple[tuple[int, float], ...], timed: GrowthFit
) -> GrowthFit | None:
    """The class of the work counted at every measured size (basis BASIS_QUICK_LINES), for
    code quicker than COUNTS_DECIDE_BELOW_S: where it holds nothing the counts cannot see
    (no `hotlines.unseen_work`); or, where it does, when the counts' class is below the
    `timed` one, not O(1), and the timings fit theirs worse than QUICK_FIT_ERROR (a pass
    over 100 characters timed as O(n^2) missing by 30%: the noise of a busy machine, not
    what the counts miss, which would show cleanly). None to keep the timed class: counting
    unsupported, counts fitting no class, or what they miss may be the work."""
    from .hotlines import counting_supported, total_order, unseen_work

    shape: CallShape = counting["shape"]
    if not counting_supported(language=counting["language"], entry_kind=shape.entry_kind):
        return None
    hidden = unseen_work(counting["code"])
    if hidden and (
        not timed.known or timed.label == EXPONENTIAL or timed.rel_error <= QUICK_FIT_ERROR
    ):
        return None
    work = _counted_work(**counting, sizes=[n for n, _ in points])
    order = total_order(work) if work else None
    if order is None:
        return None
    if hidden and (order[0] == CONSTANT or RANK[order[0]] >= RANK[timed.label]):
        return None  # a pass the counts miss may be all the work; or the rules below decide
    return replace(fit_counted_class(points, order[0], base=order[1]), basis=BASIS_QUICK_LINES)


def _class_by_counts(
    fit: GrowthFit, work: dict[int, int] | None, code: str, *, hidden_pass: bool = False
) -> tuple[str, float | None, str] | None:
    """(class, exponential base, basis) that the counted work gives a timed fit; None to
    keep the timed class.

    - The counts grow as a class above the timed one: the counts' class
      (BASIS_COUNTS_FLOOR; every counted step costs time, so the work is at least that);
      exponential counts only over timings of O(n^2) or more (sum-of-all-subset-xor-totals
      at n = 2..12 may time as O(n^3)).
    - The slope ruled the class out: the counts' class (BASIS_TIME_CHECKED), unless they are
      flat while `hidden_pass` (the code holds work they do not see, and its largest call
      takes long enough for a pass over its input: `_holds_hidden_pass`).
    - O(n) against O(n log n): the counts' one of the two (BASIS_TIME_AND_COUNTS); the
      timings' one where the counts fit both alike (`hotlines.NEAR_TIE`).
    - O(n) whose slope is within reach of O(log n) (LOG_REACH_SLOPE) in code the counts see
      whole (no `hotlines.unseen_work`), counted as O(log n): O(log n) (a binary search over
      10^6 items slowed by cache misses).
    - Counts that fit no class (a search ending at a data-dependent step) but grow far less
      than the timed class (`_grows_far_less`), where the slope ruled it out or the counts
      see the whole code: the lower class the slope allows that fits the timings best.
    """
    from .hotlines import total_order, unseen_work  # hotlines builds on this module

    banned = not slope_allows(fit.label, fit.slope)
    pair = (LINEAR, LINEARITHMIC)
    # counts that cannot tell O(n) from O(n log n) leave the timings' one of the two
    near_tie = fit.label if fit.label in pair else LINEAR
    order = total_order(work, near_tie=near_tie) if work else None
    if (
        order is not None
        # exponential counts over polynomial timings: n = 2..12 timed as O(n^3)
        and (order[0] != EXPONENTIAL or RANK[fit.label] >= RANK[QUADRATIC])
        and RANK[order[0]] > RANK[fit.label]
        and not (order[0] in pair and fit.label in pair)  # the tie, below
    ):
        return order[0], order[1], BASIS_COUNTS_FLOOR
    if not banned and fit.label not in (LINEAR, LINEARITHMIC):
        return None  # the counts only ever raise any other timed class
    if order is None:
        trusted = banned or not unseen_work(code)  # or the counts see the whole code
        if not work or not trusted or not _grows_far_less(work, fit.label):
            return None
        lower = [
            c
            for c in fit.errors
            if c in RANK and RANK[c] < RANK[fit.label] and slope_allows(c, fit.slope)
        ]
        if not lower:
            return None
        return min(lower, key=lambda c: fit.errors[c]), None, BASIS_TIME_CHECKED
    label, base = order
    if banned and label == CONSTANT and hidden_pass:
        return None  # flat counts beside a pass they do not see (`set(nums)`): no O(1)
    if banned:
        return label, base, BASIS_TIME_CHECKED
    if label in (LINEAR, LINEARITHMIC):
        return label, base, BASIS_TIME_AND_COUNTS
    if label == LOG and fit.slope <= LOG_REACH_SLOPE and not unseen_work(code):
        return label, base, BASIS_TIME_CHECKED
    return None


def _grows_far_less(work: dict[int, int], label: str) -> bool:
    """Whether counted work grows by less than the square root of what `label` predicts from
    its smallest to its largest size (128 steps at n = 20,000 and 137 at n = 10^6 is no O(n))."""
    sizes = sorted(n for n, c in work.items() if c > 0)
    if len(sizes) < 2 or label == EXPONENTIAL:
        return False
    grew = work[sizes[-1]] / work[sizes[0]]
    predicted = class_feature(label, sizes[-1]) / class_feature(label, sizes[0])
    return grew < math.sqrt(max(predicted, 1.0))


def _arguments_at(n: int, inputs: GrowthInputs, more: GrowthInputs | None) -> list[Any]:
    """The arguments the series measured at size n ([] for a size it did not)."""
    for made in (inputs, more):
        if made is not None and n in made.sizes:
            return made.args[made.sizes.index(n)]
    return []


def _holds_hidden_pass(
    code: str,
    inputs: GrowthInputs,
    more: GrowthInputs | None,
    points: tuple[tuple[int, float], ...],
) -> bool:
    """Whether `code` holds work the counts do not see (`hotlines.unseen_work`) and its
    largest call takes long enough to hold a pass over its input (over a UNSEEN_MARGIN-th
    of `_one_pass_seconds`)."""
    from .hotlines import unseen_work

    largest, seconds = points[-1]
    one_pass_s = _one_pass_seconds(_arguments_at(largest, inputs, more))
    return bool(unseen_work(code)) and seconds * UNSEEN_MARGIN > one_pass_s


def _one_pass_seconds(args: list[Any]) -> float:
    """The least time any pass over these arguments can take in C: UNSEEN_STEP_S per item of
    a list (a comparison, a copied reference), UNSEEN_CHAR_S per character of a string (a
    vectorised search); a number, 0."""
    total, stack = 0.0, list(args)
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            total += len(value) * UNSEEN_CHAR_S
        elif isinstance(value, (list, tuple)):
            total += len(value) * UNSEEN_STEP_S
            stack.extend(v for v in value if isinstance(v, (list, tuple, str)))
    return total


def _class_from_counts(
    code: str,
    work: dict[int, int] | None,
    points: tuple[tuple[int, float], ...],
    *,
    one_pass_s: float = 0.0,
) -> tuple[GrowthFit | None, str]:
    """The class of code too quick to time, from its counted work at the measured sizes, and
    what the counts said when they decided nothing.

    (fit with `basis` BASIS_LINES, "") when the work grows with n as one class, or is flat
    while the code holds nothing the counts cannot see (O(1)), or flat while the largest
    call takes under a UNSEEN_MARGIN-th of `one_pass_s`, the least one pass in C over its
    input costs (`_one_pass_seconds`); else (None, why): counting unsupported (`work`
    None), the counts not one class, or flat beside work the counts do not see
    (`hotlines.unseen_work`: `in` on a list, slicing, `set(...)`): no class claimed.
    """
    from .hotlines import total_order, unseen_work  # hotlines builds on this module

    if work is None:
        return None, ""
    order = total_order(work)
    if order is None:
        return None, "its counted lines fit no class either"
    label, base = order
    largest_s = points[-1][1]
    if (
        label == CONSTANT
        and (hidden := unseen_work(code))
        and largest_s * UNSEEN_MARGIN > one_pass_s
    ):
        # flat counts beside work they cannot see; a call far quicker than one pass over
        # its input in C (find-center-of-star-graph: 0.08 µs beside 16,384 numbers) holds
        # no such pass, and the counts decide
        return None, (
            "its counted work is the same at every size, and what the counts do not see may "
            f"grow: {', '.join(hidden)}"
        )
    return fit_counted_class(points, label, base=base), ""


def _tie_sizes(points: tuple[tuple[int, float], ...]) -> list[int]:
    """Sizes to count the work at to tell O(n) from O(n log n): the largest (at most
    MIN_SIZES + 1) measured sizes whose counted call stays within `hotlines.COUNT_CALL_S`,
    completed with halvings of the smallest of them (down to TIE_MIN_N; their inputs are
    generated for the count) until MIN_SIZES sizes span at least TIE_SPAN; [] when no
    measured size is quick enough to count. Code whose calls take 10-25 ms from n = 256
    (count-palindromic-subsequences' 100 steps per character) is counted at 32..256."""
    from .hotlines import COUNT_CALL_S, TRACE_SLOWDOWN

    quick = [n for n, t in points if t * TRACE_SLOWDOWN <= COUNT_CALL_S][-(MIN_SIZES + 1) :]
    if not quick:
        return []
    while (len(quick) < MIN_SIZES or quick[-1] < TIE_SPAN * quick[0]) and quick[0] >= 2 * TIE_MIN_N:
        quick.insert(0, quick[0] // 2)
    return quick if len(quick) >= MIN_SIZES and quick[-1] >= TIE_SPAN * quick[0] else []


def _too_quick_reason(
    points: tuple[tuple[int, float], ...], max_n: int | None, counted: str
) -> str:
    """Why code too quick to time at every size is inconclusive; `max_n` when the
    constraints' bound stopped the sizes."""
    largest, seconds = points[-1]
    where = (
        f"every size the constraints allow (n <= {max_n:,})"
        if max_n is not None
        else f"every size measured (up to n = {largest:,})"
    )
    return (
        f"too quick to tell at {where}: {format_seconds(seconds)} per call at n = {largest:,}, "
        "where the call's fixed cost hides how the work grows" + (f"; {counted}" if counted else "")
    )


# ---------------------------------------------------------------- comparison


@dataclass(frozen=True)
class GrowthComparison:
    """Facts for feedback: the candidate's growth against the optimal reference's."""

    observed: str
    optimal: str
    slower_class: bool | None  # None when either class is unknown or inconclusive
    largest_n: int | None  # the largest size both ran
    ratio_at_largest: float | None  # candidate seconds / reference seconds at largest_n
    at_n: int | None
    candidate_at_n_s: float | None  # extrapolated with the fits: estimates
    reference_at_n_s: float | None
    sentence: str
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def inconclusive(self) -> bool:
        return self.observed == INCONCLUSIVE

    def to_dict(self) -> dict[str, Any]:
        return {
            "observed": self.observed,
            "inconclusive": self.inconclusive,
            "optimal": self.optimal,
            "slower_class": self.slower_class,
            "largest_n": self.largest_n,
            "ratio_at_largest": finite_or_none(self.ratio_at_largest),
            "at_n": self.at_n,
            "candidate_at_n_s": finite_or_none(self.candidate_at_n_s),  # JSON has no Infinity
            "reference_at_n_s": finite_or_none(self.reference_at_n_s),
            "sentence": self.sentence,
            "details": dict(self.details),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GrowthComparison:
        names = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in names})


def format_seconds(seconds: float) -> str:
    if not math.isfinite(seconds) or seconds >= 86_400:
        return "more than a day"
    if seconds >= 3600:
        return f"{seconds / 3600:.1f} h"
    if seconds >= 60:
        return f"{seconds / 60:.1f} min"
    if seconds >= 1:
        return f"{seconds:.1f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds * 1e6:.3g} µs"


def format_size(n: int) -> str:
    exponent = round(math.log10(n)) if n > 0 else 0
    if n >= 1000 and 10**exponent == n:
        return f"10^{exponent}"
    return f"{n:,}"


def default_at_n(largest_n: int, exponential: bool, limit_n: int | None = None) -> int:
    """A size to extrapolate to: the largest the problem's constraints allow (`limit_n`,
    `Problem.max_size`) when it is known, even where the measured sizes reached it; else
    10^5 (a typical interview constraint) or 10x the largest.

    Exponential code is only ever extrapolated a few steps: 2^(10^5) says nothing.
    """
    if exponential:
        return largest_n + 10 if limit_n is None else min(largest_n + 10, max(limit_n, largest_n))
    if limit_n is not None:
        # also when the sizes reached it (code too quick to time is measured up to the
        # bound): never past what the constraints allow
        return limit_n
    return max(10**5, 10 ** math.ceil(math.log10(max(largest_n, 1) * 10)))


def _predict(report: GrowthReport, n: int) -> float | None:
    if report.status != GrowthStatus.OK:
        return None
    try:
        value = report.fit.predict(n)
    except (OverflowError, ValueError):
        return math.inf
    return value


def compare_growth(
    candidate: GrowthReport,
    reference: GrowthReport,
    *,
    at_n: int | None = None,
    limit_n: int | None = None,
) -> GrowthComparison:
    """Compare a candidate's growth with the optimal reference measured on the same inputs.

    `limit_n`: the largest n the problem's constraints allow (`Problem.max_size`); the
    estimate is then made there and says so."""
    observed, optimal = candidate.label, reference.label
    ranked = observed in RANK and optimal in RANK
    slower = RANK[observed] > RANK[optimal] if ranked else None
    common = sorted({n for n, _ in candidate.points} & {n for n, _ in reference.points})
    largest = common[-1] if common else None
    ratio = None
    if largest is not None:
        mine, theirs = candidate.time_at(largest), reference.time_at(largest)
        if mine is not None and theirs:
            ratio = mine / theirs
    biggest = max((r.largest_n or 0) for r in (candidate, reference))
    if at_n is None and biggest:
        # exponential code is extrapolated only a few steps past its own sizes
        own = candidate.largest_n or biggest
        at_n = default_at_n(
            own if observed == EXPONENTIAL else biggest, observed == EXPONENTIAL, limit_n
        )
    mine_at = _predict(candidate, at_n) if at_n else None
    theirs_at = _predict(reference, at_n) if at_n else None

    parts: list[str] = []
    if observed == INCONCLUSIVE:
        parts.append(
            f"the growth measurement of your code was inconclusive ({candidate.fit.reason or candidate.error}), "
            "so no class is claimed"
        )
    elif observed == UNKNOWN:
        parts.append("the growth of your code could not be measured")
        if candidate.error:
            parts[-1] += f" ({candidate.error})"
    elif optimal == INCONCLUSIVE:
        parts.append(
            f"observed ~{observed}; the reference's own growth was inconclusive "
            f"({reference.fit.reason or reference.error}), so no class is compared"
        )
    elif optimal not in RANK:
        parts.append(f"observed ~{observed}")
    elif slower:
        parts.append(f"observed ~{observed}, the optimal is {optimal}")
    elif observed == optimal:
        parts.append(f"observed ~{observed}, the same as the optimal {optimal}")
    else:
        parts.append(f"observed ~{observed}, the reference solution shows {optimal}")
    if candidate.status == GrowthStatus.OK and candidate.fit.basis == BASIS_LINES:
        parts.append(
            "that class is read from the lines your code executes, counted at each size: "
            "every call was too quick to time"
        )
    elif candidate.status == GrowthStatus.OK and candidate.fit.basis == BASIS_QUICK_LINES:
        parts.append(
            "that class is read from the lines your code executes, counted at each size: "
            f"calls under {format_seconds(COUNTS_DECIDE_BELOW_S)} are timed only roughly"
        )
    if at_n and mine_at is not None and theirs_at is not None and slower:
        where = f"n={format_size(at_n)}" + (
            ", the largest the constraints allow,"
            if limit_n is not None and at_n == limit_n
            else ""
        )
        parts.append(
            f"at {where} yours would take {format_seconds(mine_at)} "
            f"vs {format_seconds(theirs_at)} (an estimate, extrapolated from the fitted "
            f"growth; yours was measured up to n={format_size(candidate.largest_n or biggest)})"
        )
    if ratio is not None and largest is not None:
        parts.append(
            f"at n={format_size(largest)}, the largest size both ran, yours took "
            f"{format_seconds(candidate.time_at(largest) or 0.0)}, "
            f"{_ratio_text(ratio)} the reference's time"
        )
    if candidate.stopped_at is not None:
        parts.append(f"sizes stopped growing at n={format_size(candidate.stopped_at)}")
    sentence = "; ".join(parts) + "."
    sentence = sentence[0].upper() + sentence[1:]
    return GrowthComparison(
        observed=observed,
        optimal=optimal,
        slower_class=slower,
        largest_n=largest,
        ratio_at_largest=ratio,
        at_n=at_n,
        candidate_at_n_s=mine_at,
        reference_at_n_s=theirs_at,
        sentence=sentence,
        details={"candidate": candidate.to_dict(), "reference": reference.to_dict()},
    )


def _ratio_text(ratio: float) -> str:
    if ratio >= 1.5:
        return f"{ratio:.3g}x"
    if ratio <= 1 / 1.5:
        return f"{ratio:.2g}x"
    return f"about the same as ({ratio:.2f}x)"
