"""Where the time goes, measured: line executions counted in the sandbox at a few sizes.

    counts = count_lines(code=..., preamble=..., shape=..., inputs=inputs, sizes=[250, 500, 1000])
    hot_lines(counts, at_n=4000)
    -> (HotLine(first=6, last=8, order="O(n^2)", count=16_000_000, at_n=4000, ...),)
    str(...) -> "lines 6-8 run about n^2 times: 16,000,000 at n = 4,000 (counted at n = 250,
                 500 and 1,000)"

The candidate's code runs only inside the sandbox, as for timing (`growth.py`): a
wrapper appended to the code (`COUNT_SNIPPET`) turns on line events around the entry
point in the sandboxed child, counts them per line of the candidate's file, and returns
the counts as the call's value. The web process only reads numbers.

Decisions:
- Python only, the language whose interpreter can count lines cheaply from inside
  (`sys.monitoring` on 3.12+, `sys.settrace` before; the judge's interpreter is 3.11);
  other languages, and design problems (a list of calls, no single entry point to wrap),
  keep the static reading of the code (`mltools.llm.evidence.time_spent`).
- Counting slows Python code 10-40x, so it runs at the largest two or three measured
  sizes whose timed call stays far inside the budget (`TRACE_SLOWDOWN` x its time at
  most `COUNT_CALL_S`), never at the largest: each line's count is fitted to a class
  (`count_order`) and extrapolated to the size the feedback talks about.
- A count is deterministic for a given input, but the inputs differ per size, so a
  line's order is the simplest class whose curve stays within `COUNT_TOLERANCE` (log
  ratio, less over sizes closer than `TOLERANCE_SPAN` apart) of every count, the
  classes being those of the growth vocabulary.
- Adjacent executed lines of the same order are one range ("lines 6-8"); the ranges
  reported are those of the fastest-growing order, most executions first, when that order
  is at least O(n): a constant count says nothing about where the time goes.
"""

from __future__ import annotations

import ast
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from mltools.callshape import CallShape
from mltools.complexity import (
    CLASSES,
    CONSTANT,
    CUBIC,
    EXPONENTIAL,
    LINEAR,
    LINEARITHMIC,
    LOG,
    QUADRATIC,
    RANK,
)

from .complexity import MIN_SIZES, MIN_SPAN, class_feature
from .growth import growth_inputs, wrap_entry_point
from .sandbox import Call, Limits, execute

COUNT_TAG = "__mockmate_line_counts__"
TRACE_SLOWDOWN = 40  # how much slower counted code may run than timed code
COUNT_CALL_S = 0.4  # a counted call's expected time at most (from its timed call)
COUNT_LIMIT_S = 1.0  # a counted call's CPU limit: past it, that size and larger are not counted
COUNT_SIZES = 3
COUNT_TOLERANCE = 0.12  # |log(count / fitted)| allowed at every size for an order
TOLERANCE_SPAN = 4.0  # ... over counted sizes this far apart; less over closer ones
MAX_HOT = 3
EXP_MIN_BASE = 1.1  # a fitted base below this is no exponential growth
MERGE_GAP = 3  # executed lines at most this far apart may form one range
LOWER_ORDER_SHARE = 0.1  # O(n) vs O(n log n) totals: a subtracted lower-order part, at most
# this share of the smallest total (`total_order`)
NEAR_TIE = 0.01  # O(n) and O(n log n) missing the totals within this of each other: a tie
LINES_SLOWER_RATIO = 3.0  # this many times the reference's line executions: slower (as SLOW_RATIO)

# The key, in a call's {line: executions}, of the steps done inside built-ins whose cost
# grows with their input (k log k comparisons for a sort of k items, log k for a heap
# operation or a bisection on k, k for a linear one such as sum or str.count; see
# COUNT_SNIPPET): no line of the file, so never a line's count (`line_totals`,
# `hot_lines`), but part of the work whose growth decides a class (`work_totals`).
BUILTIN_STEPS = 0

# The entry point's replacement (growth.wrap_entry_point): each call returns
# [COUNT_TAG, [[line, executions], ...]] for the lines of the candidate's own file, up to
# its last line (LAST_LINE; the lines after it are these snippets), with
# [BUILTIN_STEPS, steps] first when the built-ins did any.
COUNT_SNIPPET = """

def __mockmate_counter__(func):
    import sys

    filename = sys._getframe().f_code.co_filename
    last_line = LAST_LINE

    def run_monitored(counts, args, kwargs):
        mon = sys.monitoring
        tool = mon.PROFILER_ID
        mon.use_tool_id(tool, "mockmate-count")

        def on_line(code, line):
            if code.co_filename != filename or line > last_line:
                return mon.DISABLE
            counts[line] = counts.get(line, 0) + 1

        mon.register_callback(tool, mon.events.LINE, on_line)
        mon.set_events(tool, mon.events.LINE)
        try:
            func(*args, **kwargs)
        finally:
            mon.set_events(tool, 0)
            mon.register_callback(tool, mon.events.LINE, None)
            mon.free_tool_id(tool)

    def run_traced(counts, args, kwargs):
        get = counts.get

        def local(frame, event, arg):
            if event == "line":
                line = frame.f_lineno
                counts[line] = get(line, 0) + 1
            return local

        def start(frame, event, arg):
            code = frame.f_code
            if code.co_filename == filename and code.co_firstlineno <= last_line:
                return local
            return None

        sys.settrace(start)
        try:
            func(*args, **kwargs)
        finally:
            sys.settrace(None)

    # Patch the built-ins whose cost grows with their input to add the steps each takes to
    # work[0]: the comparisons of a sort (k log k for k items), a heap operation or a
    # bisection (log k); the items a linear one visits (sum, max, min, any, all of a sized
    # argument, Counter's counting, str.count, list.index, ...: k). Returns the undo. Methods
    # of built-in types cannot be patched: the profiler sees those calls.
    def steps_in_builtins(work):
        import bisect
        import builtins
        import heapq
        import math

        def log2(k):
            return math.log2(k) if k > 2 else 1.0

        def sort_steps(k):
            return k * log2(k)

        module_globals = globals()  # the code's own module: this snippet is appended to it
        real_sorted = builtins.sorted

        def sorted_(*a, **kw):
            out = real_sorted(*a, **kw)
            work[0] += sort_steps(len(out))
            return out

        costs = {
            (heapq, "heappush"): lambda a: log2(len(a[0]) + 1),
            (heapq, "heappop"): lambda a: log2(len(a[0])),
            (heapq, "heappushpop"): lambda a: log2(len(a[0])),
            (heapq, "heapreplace"): lambda a: log2(len(a[0])),
            (heapq, "heapify"): lambda a: len(a[0]),
            (bisect, "bisect_left"): lambda a: log2(len(a[0])),
            (bisect, "bisect_right"): lambda a: log2(len(a[0])),
            (bisect, "bisect"): lambda a: log2(len(a[0])),
            (bisect, "insort_left"): lambda a: log2(len(a[0])),
            (bisect, "insort_right"): lambda a: log2(len(a[0])),
            (bisect, "insort"): lambda a: log2(len(a[0])),
        }
        def linear(a):  # one sized argument: each of its items is visited
            return len(a[0]) if len(a) == 1 and hasattr(a[0], "__len__") else 0

        for name in ("sum", "max", "min", "any", "all"):
            costs[(builtins, name)] = linear
        # pow(b, e, m): a multiplication per bit of e (pow(5, n, mod) is O(log n))
        costs[(builtins, "pow")] = lambda a: (
            a[1].bit_length() if len(a) == 3 and isinstance(a[1], int) else 0
        )
        import collections

        # Counter(iterable) and Counter.update count the items in C
        costs[(collections, "_count_elements")] = lambda a: (
            len(a[1]) if len(a) == 2 and hasattr(a[1], "__len__") else 0
        )
        undo = [(builtins, "sorted", real_sorted)]
        builtins.sorted = sorted_
        for (module, name), cost in costs.items():
            real = getattr(module, name, None)
            if real is None:
                continue

            def counted_call(*a, _real=real, _cost=cost, **kw):
                try:
                    work[0] += _cost(a)
                except Exception:
                    pass
                return _real(*a, **kw)

            undo.append((module, name, real))
            setattr(module, name, counted_call)
            if module_globals.get(name) is real:  # `from heapq import *` in the code
                undo.append((module_globals, name, real))
                module_globals[name] = counted_call

        sequences = (str, list, tuple, bytes, bytearray)
        linear_methods = {
            "count", "index", "find", "rfind", "rindex", "split", "rsplit", "replace", "copy",
            "reverse", "remove", "insert", "lower", "upper", "strip", "lstrip", "rstrip",
            "translate", "splitlines",
        }

        def profile(frame, event, arg):
            if event != "c_call":
                return
            name = getattr(arg, "__name__", "")
            owner = getattr(arg, "__self__", None)
            if type(owner) not in sequences:
                return
            if name == "sort":
                work[0] += sort_steps(len(owner))
            elif name in linear_methods:
                work[0] += len(owner)

        sys.setprofile(profile)
        swapped = operators_seen(work, module_globals)

        def restore():
            sys.setprofile(None)
            for function, code in swapped:
                function.__code__ = code
            for owner, name, real in reversed(undo):
                if isinstance(owner, dict):
                    owner[name] = real
                else:
                    setattr(owner, name, real)

        return restore

    # `x in c` and a slice read (`s[i:j]`) are opcodes, no call a profiler sees: the
    # candidate's functions run, while counted, from their source compiled anew with each
    # one a call adding its steps to work[0] (the items an `in` on a list or string visits,
    # the items a slice copies; 1 for a hash lookup), on the same lines. Returns the
    # [(function, original code)] swapped; [] where the source cannot be rewritten.
    rewritten = {}

    def operators_seen(work, module_globals):
        import ast
        import collections
        import types

        def contains(item, container):
            found = item in container
            kind = type(container)
            try:
                if kind is str:
                    work[0] += container.find(item) + len(item) if found else len(container)
                elif kind in (list, tuple, bytes, bytearray, collections.deque):
                    plain = type(item) in (int, float, str, bool, type(None))
                    work[0] += container.index(item) + 1 if found and plain else len(container)
                else:
                    work[0] += 1
            except Exception:
                pass
            return found

        def sliced(value, lower, upper, step):
            out = value[slice(lower, upper, step)]
            if type(out) in (str, list, tuple, bytes, bytearray):
                work[0] += len(out)
            return out

        module_globals["__mockmate_in__"] = contains
        module_globals["__mockmate_slice__"] = sliced
        if "codes" not in rewritten:
            rewritten["codes"] = {}
            try:
                rewritten["codes"] = rewritten_codes(ast)
            except Exception:
                pass
        codes = rewritten["codes"]
        swapped, seen, stack = [], set(), list(module_globals.values())
        stack.append(func)
        while stack and codes:
            obj = stack.pop()
            if id(obj) in seen:
                continue
            seen.add(id(obj))
            if isinstance(obj, (staticmethod, classmethod)):
                stack.append(obj.__func__)
            elif isinstance(obj, property):
                stack += [f for f in (obj.fget, obj.fset, obj.fdel) if f is not None]
            elif isinstance(obj, type):
                stack += list(vars(obj).values())
            elif isinstance(obj, types.FunctionType):
                code = obj.__code__
                new = codes.get((code.co_qualname, code.co_firstlineno))
                if code.co_filename == filename and new is not None:
                    if new.co_freevars == code.co_freevars:
                        swapped.append((obj, code))
                        obj.__code__ = new
            wrapped = getattr(obj, "__wrapped__", None)  # functools.cache, wraps
            if wrapped is not None and not isinstance(obj, type):
                stack.append(wrapped)
        return swapped

    def rewritten_codes(ast):
        class Rewrite(ast.NodeTransformer):
            def visit_Compare(self, node):
                self.generic_visit(node)
                if len(node.ops) != 1 or not isinstance(node.ops[0], (ast.In, ast.NotIn)):
                    return node
                call = ast.Call(
                    func=ast.Name(id="__mockmate_in__", ctx=ast.Load()),
                    args=[node.left, node.comparators[0]],
                    keywords=[],
                )
                if isinstance(node.ops[0], ast.NotIn):
                    call = ast.UnaryOp(op=ast.Not(), operand=call)
                return ast.copy_location(call, node)

            def visit_Subscript(self, node):
                self.generic_visit(node)
                if not isinstance(node.ctx, ast.Load) or not isinstance(node.slice, ast.Slice):
                    return node
                bounds = [node.slice.lower, node.slice.upper, node.slice.step]
                call = ast.Call(
                    func=ast.Name(id="__mockmate_slice__", ctx=ast.Load()),
                    args=[node.value, *(b or ast.Constant(value=None) for b in bounds)],
                    keywords=[],
                )
                return ast.copy_location(call, node)

        tree = ast.fix_missing_locations(Rewrite().visit(ast.parse(SOURCE_TEXT)))
        module = compile(tree, filename, "exec", dont_inherit=True)
        codes, stack = {}, [module]
        while stack:
            for const in stack.pop().co_consts:
                if isinstance(const, type(module)):
                    key = (const.co_qualname, const.co_firstlineno)
                    codes[key] = None if key in codes else const  # two lambdas on a line
                    stack.append(const)
        return codes

    def counted(*args, **kwargs):
        counts = {}
        work = [0.0]
        restore = steps_in_builtins(work)
        try:
            if hasattr(sys, "monitoring"):
                run_monitored(counts, args, kwargs)
            else:
                run_traced(counts, args, kwargs)
        finally:
            restore()
        pairs = sorted([line, n] for line, n in counts.items() if line <= last_line)
        if work[0]:
            pairs.insert(0, [BUILTIN_STEPS, int(work[0])])
        # an in-place problem's value is its argument, not this: the counts go out printed too
        sys.stdout.write("\\n" + TAG + repr(pairs) + "\\n")
        return [TAG, pairs]

    return counted
""".replace("TAG", repr(COUNT_TAG)).replace("BUILTIN_STEPS", str(BUILTIN_STEPS))


def counting_supported(*, language: str, entry_kind: str) -> bool:
    """Whether line executions can be counted for this code ("where the language allows")."""
    return language == "python3" and entry_kind in ("method", "function")


def counted_code(code: str, *, entry_kind: str, entry_point: str) -> str:
    """The candidate's code with the line counter installed around its entry point."""
    make = COUNT_SNIPPET.replace("LAST_LINE", str(len(code.splitlines())))
    make = make.replace("SOURCE_TEXT", repr(code))  # last: the code's text is not replaced in
    return wrap_entry_point(code, entry_kind=entry_kind, entry_point=entry_point, make=make)


def count_sizes(
    points: Sequence[tuple[int, float]], *, budget_s: float = COUNT_CALL_S
) -> list[int]:
    """The largest (at most COUNT_SIZES) measured sizes whose counted call fits `budget_s`,
    below the largest measured size (the count there is extrapolated, never run).

    `points` are the timed series' (n, seconds). [] when fewer than two sizes, or sizes
    less than twice apart, would be left: two counts that close cannot tell an order
    (three can: exponential code is measured at sizes a few steps apart).
    """
    largest = max((n for n, _ in points), default=0)
    fit = [n for n, seconds in points if seconds * TRACE_SLOWDOWN <= budget_s and n < largest]
    chosen = sorted(fit)[-COUNT_SIZES:]
    if len(chosen) < 2 or (len(chosen) == 2 and chosen[-1] < 2 * chosen[0]):
        return []
    return chosen


def count_sizes_shared(
    points: Sequence[tuple[int, float]], reference_points: Sequence[tuple[int, float]]
) -> list[int]:
    """Sizes to count a candidate's lines at, beside the reference's: `count_sizes` over
    the sizes both series measured (judged by the candidate's times), else over the
    candidate's own; else the largest shared size whose counted call is expected within
    the counting's CPU limit (COUNT_LIMIT_S), alone: one size compares two codes' totals,
    it cannot fit a line's order (quadratic code whose sizes are 2x apart may have one size
    quick enough; one that runs past the limit is not counted)."""
    shared = {n for n, _ in reference_points}
    both = [(n, t) for n, t in points if n in shared]
    chosen = count_sizes(both) or count_sizes(points)
    if chosen:
        return chosen
    quick = [n for n, seconds in both if seconds * TRACE_SLOWDOWN <= COUNT_LIMIT_S]
    return [max(quick)] if quick else []


def line_totals(counts: dict[int, dict[int, int]]) -> dict[int, int]:
    """{n: line executions in all} from `count_lines`' {n: {line: executions}}."""
    return {
        n: sum(c for line, c in per.items() if line != BUILTIN_STEPS) for n, per in counts.items()
    }


def work_totals(counts: dict[int, dict[int, int]]) -> dict[int, int]:
    """{n: line executions plus the steps inside sorting, heap and bisection built-ins}: the
    counted work whose growth is a class (a sort in C under an O(n) loop is O(n log n))."""
    return {n: sum(per.values()) for n, per in counts.items()}


@dataclass(frozen=True)
class LineComparison:
    """The candidate's line executions against the reference's, on the same input at `at_n`
    (the largest size both were counted at). Deterministic: no clock, so no load, in it.

    A line of the candidate's Python is a line; work done inside built-ins (`sorted`, a
    `Counter`) is not counted, on either side.
    """

    at_n: int
    candidate: int
    reference: int

    @property
    def ratio(self) -> float:
        return self.candidate / max(self.reference, 1)

    @property
    def many_more(self) -> bool:
        """At least LINES_SLOWER_RATIO times the reference's executions."""
        return self.ratio >= LINES_SLOWER_RATIO

    def sentence(self) -> str:
        """'at n = 10 your code executes 2,500,000 lines, the reference 210,000 (counted in
        the sandbox on the same input)'. No multiplier: the facts checker reads "12x" as the
        time ratio."""
        return (
            f"at n = {self.at_n:,} your code executes {_round(self.candidate):,} lines, the "
            f"reference {_round(self.reference):,} (counted in the sandbox on the same input)"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "at_n": self.at_n,
            "candidate": self.candidate,
            "reference": self.reference,
            "ratio": self.ratio,
            "many_more": self.many_more,
            "sentence": self.sentence(),
        }


def compare_line_totals(
    candidate: dict[int, int], reference: dict[int, int]
) -> LineComparison | None:
    """The two codes' `line_totals` at the largest size both have; None when none."""
    shared = sorted(n for n in set(candidate) & set(reference) if reference[n] > 0)
    if not shared:
        return None
    n = shared[-1]
    return LineComparison(at_n=n, candidate=candidate[n], reference=reference[n])


def count_lines(
    *,
    code: str,
    preamble: str,
    shape: CallShape,
    sizes: Sequence[int],
    args: Sequence[list[Any]],
    mem_mb: int = 512,
    cpu_s: float = COUNT_LIMIT_S,
) -> dict[int, dict[int, int]]:
    """Line executions of one call per size, counted in the sandbox: {n: {line: count}}.

    `args[i]` is the argument list for `sizes[i]`. Sizes whose call failed or returned no
    counts are left out; the sandbox being unavailable leaves them all out.
    """
    _, results = execute(
        language="python3",
        code=counted_code(code, entry_kind=shape.entry_kind, entry_point=shape.entry_point),
        preamble=preamble,
        shape=shape,
        calls=[Call(args=list(a)) for a in args],
        limits=Limits(cpu_s=cpu_s, wall_s=2 * cpu_s + 5, mem_mb=mem_mb, out_kb=64),
        stop=lambda _, result: result.status != "ok",
    )
    counts: dict[int, dict[int, int]] = {}
    for n, result in zip(sizes, results, strict=False):
        pairs = _counts_of(result.value, result.stdout) if result.status == "ok" else None
        if pairs is not None:
            counts[int(n)] = pairs
    return counts


def _counts_of(value: Any, stdout: str) -> dict[int, int] | None:
    """The counter's {line: executions}: from the call's value, else from its printed line
    (an in-place problem's value is its argument); None when neither holds them."""
    pairs: Any = None
    if isinstance(value, list) and len(value) == 2 and value[0] == COUNT_TAG:
        pairs = value[1]
    else:
        printed = [line for line in stdout.splitlines() if line.startswith(COUNT_TAG)]
        if printed:
            try:
                pairs = json.loads(printed[-1][len(COUNT_TAG) :])
            except ValueError:
                return None
    if not isinstance(pairs, list):
        return None
    return {
        int(p[0]): int(p[1])
        for p in pairs
        if isinstance(p, list) and len(p) == 2 and all(isinstance(x, int) for x in p)
    }


def measured_hot_lines(
    *,
    code: str,
    preamble: str,
    shape: CallShape,
    language: str,
    generator_source: str,
    points: Sequence[tuple[int, float]],
    seed: int = 0,
    mem_mb: int = 512,
) -> tuple[HotLine, ...]:
    """Hot lines of code whose timed series is `points`, extrapolated to its largest size.

    Counts at `count_sizes(points)`, on the inputs the generator made for those sizes in the
    timed series (same `seed`). () where the language or shape allows no counting (the
    feedback then reads the loops from the code), or when too few sizes are quick enough.
    """
    if not counting_supported(language=language, entry_kind=shape.entry_kind) or not points:
        return ()
    counts = measured_counts(
        code=code, preamble=preamble, shape=shape, generator_source=generator_source,
        sizes=count_sizes(points), seed=seed, mem_mb=mem_mb,
    )  # fmt: skip
    return hot_lines(counts, at_n=max(n for n, _ in points))


def measured_counts(
    *,
    code: str,
    preamble: str,
    shape: CallShape,
    generator_source: str,
    sizes: Sequence[int],
    seed: int = 0,
    mem_mb: int = 512,
) -> dict[int, dict[int, int]]:
    """`count_lines` on the inputs the generator made for `sizes` in the timed series (same
    `seed`); {} when no size is given."""
    if not sizes:
        return {}
    inputs = growth_inputs(generator_source=generator_source, sizes=list(sizes), seed=seed)
    return count_lines(
        code=code, preamble=preamble, shape=shape, sizes=inputs.sizes, args=inputs.args,
        mem_mb=mem_mb,
    )  # fmt: skip


def work_by_family(
    *,
    code: str,
    preamble: str,
    shape: CallShape,
    args_by_family: dict[str, list[list[Any]]],
    mem_mb: int = 512,
    cpu_s: float = COUNT_LIMIT_S,
) -> dict[str, tuple[int, ...]]:
    """{family: the code's counted work (`work_totals`: lines, and the steps of sorts, heaps
    and linear built-ins) on each of that family's argument lists, in order}, counted in one
    sandbox session. Deterministic, where the families' times are often microseconds apart.
    {} where counting is unsupported; a family whose counted call fails or runs out of its
    limit is left out (and, the session stopping there, the families after it)."""
    if not counting_supported(language="python3", entry_kind=shape.entry_kind):
        return {}
    families = list(args_by_family)
    flat = [args for family in families for args in args_by_family[family]]
    counts = count_lines(
        code=code, preamble=preamble, shape=shape, sizes=range(len(flat)), args=flat,
        mem_mb=mem_mb, cpu_s=cpu_s,
    )  # fmt: skip
    totals = work_totals(counts)
    work: dict[str, tuple[int, ...]] = {}
    start = 0
    for family in families:
        indices = range(start, start + len(args_by_family[family]))
        start += len(indices)
        counted = [totals.get(i) for i in indices]
        if indices and all(c is not None for c in counted):
            work[family] = tuple(int(c or 0) for c in counted)
    return work


def work_score(counted: tuple[int, ...] | None) -> float:
    """How much work counts at several sizes make, all of them weighing alike (the sum of
    their logarithms); -1 for none."""
    return sum(math.log(max(c, 1)) for c in counted) if counted else -1.0


# ---------------------------------------------------------------- orders of counts


def _growth_base(usable: Sequence[tuple[float, float]]) -> float:
    """b of count ~ a * b^n, by least squares of log(count) on n."""
    mean_n = sum(n for n, _ in usable) / len(usable)
    mean_log = sum(math.log(c) for _, c in usable) / len(usable)
    spread = sum((n - mean_n) ** 2 for n, _ in usable)
    if spread == 0:
        return 1.0
    slope = sum((n - mean_n) * (math.log(c) - mean_log) for n, c in usable) / spread
    return math.exp(slope)


def count_order(points: Sequence[tuple[int, int]]) -> tuple[str, float, float | None]:
    """(class, coefficient, base) of a line's counts at several sizes.

    count ~ coefficient * f(n), f being the class's curve; for the exponential class
    f(n) = base^n with the base fitted (Fibonacci-like recursion grows as 1.6^n, subsets
    as 2^n), else base is None. The simplest class (CLASSES order) whose fitted curve is
    within the tolerance (log ratio) of every count; else the class that misses the
    least. A geometric-mean fit, as counts grow over orders of magnitude.
    """
    label, coefficient, base, _ = _count_fit(points)
    return label, coefficient, base


def total_order(
    totals: dict[int, int], *, near_tie: str = LINEAR
) -> tuple[str, float | None] | None:
    """(class, exponential base or None) of a code's counted work in all (`work_totals`'
    {n: steps}): what decides the growth class of code too quick to time, and O(n) against
    O(n log n) (`growth.measure_growth`). None when fewer than MIN_SIZES sizes at least
    MIN_SPAN apart were counted, or when no class stays within the tolerance of every
    count (inputs that end the work early at random).

    Unlike a single line's count, a total has a fixed part (the lines run once per call),
    large beside the growing part at tiny sizes (n <= 45): each polynomial class is fitted
    as fixed + b * f(n), the simplest within the tolerance is taken, and of O(n) and
    O(n log n) (both pass over a few doublings) the one that misses less, each allowed a
    lower-order part that is subtracted (down to LOWER_ORDER_SHARE of the smallest total: a
    loop over n - 1 items, or a Morris traversal's n - log n steps on a random tree, whose
    totals over n = 12..100 grow a little faster than n). Where their misses are within
    NEAR_TIE of each other the counts cannot tell them apart (a pass split at a random
    place, its two halves costing 3 and 4 steps an item): `near_tie`, O(n) unless the
    caller has a better reason (the timings' class of the two).
    """
    usable = sorted((float(n), float(c)) for n, c in totals.items() if n > 0 and c > 0)
    if len(usable) < MIN_SIZES or usable[-1][0] < MIN_SPAN * usable[0][0]:
        return None
    tolerance = _tolerance(usable)
    misses = {
        label: _miss_with_fixed_part(usable, label) for label in CLASSES if label != EXPONENTIAL
    }
    within = [label for label in CLASSES if misses.get(label, math.inf) <= tolerance]
    if within:
        label = within[0]
        if label in (LINEAR, LINEARITHMIC) and misses[LINEARITHMIC] <= tolerance:
            linear, linearithmic = (
                _miss_with_fixed_part(usable, c, least=-LOWER_ORDER_SHARE)
                for c in (LINEAR, LINEARITHMIC)
            )
            if abs(linear - linearithmic) <= NEAR_TIE:
                label = near_tie
            else:
                label = LINEAR if linear < linearithmic else LINEARITHMIC
        return label, None
    label, _, base, fits = _count_fit(usable)
    return (label, base) if fits and label == EXPONENTIAL else None


# Built-ins that build or read a whole container in C, unseen by the counts.
_UNSEEN_CALLS = frozenset(
    {"list", "set", "tuple", "dict", "frozenset", "str", "bytes", "bytearray", "reversed",
     "int", "bin", "hex", "oct", "format", "deque", "join", "extend", "update", "keys",
     "values", "items", "pow", "reduce", "map", "filter", "accumulate", "product",
     "permutations", "combinations", "groupby", "chain", "deepcopy"}
)  # fmt: skip


def unseen_work(code: str) -> tuple[str, ...]:
    """What in `code` may do work that grows with its input while the counted work
    (`COUNT_SNIPPET`) does not see it: `in` in a chained comparison (`a in b in c`), slice
    assignment, repeating a sequence, built-ins that build or read a whole container in C
    (`list(...)`, `"".join`, `int(s)`), and powers with a variable exponent (`3 ** k`,
    `pow(3, k)`: O(log k) in C). Counted, so not listed: `x in c` and slice reads (the
    items visited or copied), three-argument `pow`, sorts, heaps, bisections and the linear
    built-ins. () when there is none: flat counted work is then O(1). Unparsable code:
    ("the code",)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return ("the code",)
    found: set[str] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Compare)
            and len(node.ops) > 1
            and any(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops)
        ):
            found.add("`in` in a chained comparison")
        elif (
            isinstance(node, ast.Subscript)
            and isinstance(node.slice, ast.Slice)
            and not isinstance(node.ctx, ast.Load)
        ):
            found.add("slice assignment")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mult, ast.Add)):
            sides = (node.left, node.right)
            if any(
                isinstance(side, (ast.List, ast.Tuple, ast.JoinedStr))
                or (isinstance(side, ast.Constant) and isinstance(side.value, (str, bytes)))
                for side in sides
            ):
                found.add("repeating or joining sequences")
        elif (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Pow)
            and not isinstance(node.right, ast.Constant)
        ):
            found.add("a power with a variable exponent")
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name == "pow" and len(node.args) == 3:
                continue  # counted: a step per bit of the exponent (COUNT_SNIPPET)
            if name in _UNSEEN_CALLS:
                found.add(f"`{name}(...)`")
    return tuple(sorted(found))


def _tolerance(usable: Sequence[tuple[float, float]]) -> float:
    """COUNT_TOLERANCE over sizes TOLERANCE_SPAN apart, in proportion over closer ones: over
    n = 23..31 (a constraint of n <= 45) n^2 and n log n differ by 0.22 in all, so 0.12
    either side would let the simpler one pass for the other."""
    span = max(n for n, _ in usable) / min(n for n, _ in usable)
    return COUNT_TOLERANCE * min(1.0, math.log(span) / math.log(TOLERANCE_SPAN))


def _miss_with_fixed_part(
    usable: Sequence[tuple[float, float]], label: str, *, least: float = 0.0
) -> float:
    """The largest |log(count / fitted)| of count = a + b * f(n), b >= 0 and a >= `least`
    times the smallest count (0: a fixed part only; -0.1: a lower-order part subtracted, at
    most a tenth of the smallest count), fitted by least squares of the relative error
    (O(1): a alone)."""
    xs = [1.0 / c for _, c in usable]  # a's column, relative
    ys = [0.0 if label == CONSTANT else class_feature(label, n) / c for n, c in usable]
    sxx, syy = sum(x * x for x in xs), sum(y * y for y in ys)
    sxy = sum(x * y for x, y in zip(xs, ys, strict=True))
    sx, sy = sum(xs), sum(ys)
    floor = least * min(c for _, c in usable)
    options = [(sx / sxx, 0.0)]
    if syy > 0:
        options.append((0.0, sy / syy))
        det = sxx * syy - sxy * sxy
        if det > 0:
            a, b = (sx * syy - sy * sxy) / det, (sy * sxx - sx * sxy) / det
            if a >= floor and b >= 0:
                options.append((a, b))
            elif floor < 0 and a < floor:  # a held at the floor, b fitted to the rest
                b = (sy - floor * sxy) / syy
                if b >= 0:
                    options.append((floor, b))

    def worst(a: float, b: float) -> float:
        fitted = [a + b * (c * y) for (_, c), y in zip(usable, ys, strict=True)]
        if min(fitted) <= 0:
            return math.inf
        return max(abs(math.log(f / c)) for f, (_, c) in zip(fitted, usable, strict=True))

    return min(worst(a, b) for a, b in options)


def _count_fit(
    points: Sequence[tuple[float, float]],
) -> tuple[str, float, float | None, bool]:
    """`count_order`'s (class, coefficient, base), and whether that class stays within the
    tolerance of every count (else it is only the class that misses the least)."""
    usable = [(float(n), float(c)) for n, c in points if n > 0 and c > 0]
    if not usable:
        return CONSTANT, 0.0, None, True
    tolerance = _tolerance(usable)
    best: tuple[float, str, float, float | None] | None = None
    for label in CLASSES:
        base = _growth_base(usable) if label == EXPONENTIAL else None
        if base is not None and base < EXP_MIN_BASE:
            continue
        try:
            if base is not None:
                logs = [math.log(c) - n * math.log(base) for n, c in usable]
            else:
                logs = [math.log(c / class_feature(label, n)) for n, c in usable]
        except (OverflowError, ZeroDivisionError, ValueError):
            continue
        centre = sum(logs) / len(logs)
        worst = max(abs(x - centre) for x in logs)
        coefficient = math.exp(centre)
        if worst <= tolerance:
            return label, coefficient, base, True
        if best is None or worst < best[0]:
            best = (worst, label, coefficient, base)
    assert best is not None
    return best[1], best[2], best[3], False


@dataclass(frozen=True)
class HotLine:
    """A range of lines whose executions grow as `order`, and how many there would be at `at_n`.

    `count` is extrapolated from `measured` ((n, executions of the busiest line of the range)
    at the counted sizes) with the fitted order: an estimate, as the sentence says.
    """

    first: int
    last: int
    order: str  # one of mltools.complexity.CLASSES
    count: int
    at_n: int
    measured: tuple[tuple[int, int], ...]
    base: float | None = None  # the exponential class's fitted base (1.6 for 1.6^n)

    @property
    def lines(self) -> str:
        return (
            f"line {self.first}" if self.first == self.last else f"lines {self.first}-{self.last}"
        )

    @property
    def order_words(self) -> str:
        """'n^2', 'n log n', '1.6^n'."""
        if self.order == EXPONENTIAL and self.base is not None:
            return f"{self.base:.2g}^n"
        return ORDER_WORDS[self.order]

    def sentence(self) -> str:
        """'lines 6-8 run about n^2 times: 16,000,000 at n = 4,000 (counted at n = 250, 500
        and 1,000)'."""
        verb = "runs" if self.first == self.last else "run"
        sizes = [f"{n:,}" for n, _ in self.measured]
        counted = sizes[0] if len(sizes) == 1 else ", ".join(sizes[:-1]) + " and " + sizes[-1]
        return (
            f"{self.lines} {verb} about {self.order_words} times: {self.count:,} at "
            f"n = {self.at_n:,} (counted at n = {counted})"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "first": self.first,
            "last": self.last,
            "order": self.order,
            "count": self.count,
            "at_n": self.at_n,
            "measured": [list(p) for p in self.measured],
            "base": self.base,
            "sentence": self.sentence(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> HotLine:
        return cls(
            first=int(data["first"]),
            last=int(data["last"]),
            order=str(data["order"]),
            count=int(data["count"]),
            at_n=int(data["at_n"]),
            measured=tuple((int(n), int(c)) for n, c in data.get("measured", [])),
            base=None if data.get("base") is None else float(data["base"]),
        )


# How a count's order is said: "runs about n^2 times".
ORDER_WORDS: dict[str, str] = {
    CONSTANT: "a fixed number of",
    LOG: "log n",
    LINEAR: "n",
    LINEARITHMIC: "n log n",
    QUADRATIC: "n^2",
    CUBIC: "n^3",
    EXPONENTIAL: "2^n",
}


def _round(count: float) -> int:
    """Two significant figures: an extrapolation is not exact to the unit."""
    if not math.isfinite(count) or count >= 1e18:
        return 10**18
    if count < 100:
        return max(1, round(count))
    digits = int(math.floor(math.log10(count))) - 1
    return int(round(count / 10**digits) * 10**digits)


def hot_lines(counts: dict[int, dict[int, int]], *, at_n: int) -> tuple[HotLine, ...]:
    """The ranges of lines whose executions grow fastest, extrapolated to size `at_n`.

    `counts` is `count_lines`' {n: {line: executions}}. Lines executed at only some sizes
    count 0 at the others. () when fewer than two sizes were counted or nothing grows at
    least linearly.
    """
    sizes = sorted(counts)
    if len(sizes) < 2:
        return ()
    lines = sorted({line for per in counts.values() for line in per if line != BUILTIN_STEPS})
    orders: dict[int, tuple[str, float, float | None]] = {}
    for line in lines:
        orders[line] = count_order([(n, counts[n].get(line, 0)) for n in sizes])
    top = max((RANK[label] for label, _, _ in orders.values()), default=0)
    if top < RANK[LINEAR]:
        return ()
    ranges: list[list[int]] = []
    for line in lines:
        if RANK[orders[line][0]] != top:
            continue
        previous = ranges[-1][-1] if ranges else None
        between = [x for x in lines if previous is not None and previous < x < line]
        if previous is not None and line - previous <= MERGE_GAP and not between:
            ranges[-1].append(line)
        else:
            ranges.append([line])
    found = []
    for group in ranges:
        busiest = max(group, key=lambda x: orders[x][1])
        label, coefficient, base = orders[busiest]
        try:
            at = coefficient * (base**at_n if base is not None else class_feature(label, at_n))
        except OverflowError:
            at = math.inf
        found.append(
            HotLine(
                first=group[0],
                last=group[-1],
                order=label,
                count=_round(at),
                at_n=at_n,
                measured=tuple((n, counts[n].get(busiest, 0)) for n in sizes),
                base=base,
            )
        )
    found.sort(key=lambda h: -h.count)
    return tuple(found[:MAX_HOT])


def hot_lines_from_dicts(rows: Iterable[dict[str, Any]]) -> tuple[HotLine, ...]:
    return tuple(HotLine.from_dict(row) for row in rows)
