"""Check a derived generator against the problem's reference, and choose its family.

Import derives a generator from the signature, tests and constraints without running
anything (`mltools.inputgen.record_with_generator`: the random family). This step runs
the optimal reference in the sandbox on every family the spec offers (random within
bounds, sorted, reverse-sorted, all distinct, all equal), at the smallest and the
largest growth size:

- an input the reference rejects or raises on discards its family (at the largest
  size, running out of time lowers the sizes instead: that is its worst case); the
  worst-case families (`inputgen.WORST_CASE_FAMILIES`) count only beside a classic one:
  where the reference accepts nothing else, their degenerate inputs are no generator, and
  one the reference cannot finish at the largest size is discarded (it may break a promise
  the statement makes in words);
- of the families left, the one where a slower solution (the problem's `slow` reference,
  when it has one) is furthest behind the reference at the largest size is chosen;
  without one, the family on which the reference does the most counted work at the middle
  growth size and the next (its worst case; lines, and the steps of sorts, heaps and linear
  built-ins: `hotlines.work_totals`; on a tie, a worst-case family first, then the first
  classic family, in `inputgen.FAMILIES` order, within `TIME_CLEAR` of the slowest time:
  the same choice on every run), or, where its work cannot be counted, the one it is slowest on;
- the reference then runs once at `max_n`, the largest input the constraints allow (the
  stress test's size); when it takes more than `MAX_SIZE_LIMITS` there, n is lowered
  tenfold once, and the note says so;
- a problem where no family survives keeps no generator, and the note gives the
  reason ("the reference raised IndexError on every family at n = 64").

`generator_check` is pure judge code (sandbox in, outcome out); `problem_generator_check`
and `problems_generators_check` are the Django side, behind
`manage.py derive_generators` and shown by the admin and `verify_solutions`.
A hand-written generator is never touched.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from mltools import inputgen
from mltools.callshape import CallShape
from problems.models import GeneratorOrigin, Problem
from problems.selectors import problem_reference

from .codec import STANDARD_PREAMBLE
from .hotlines import work_score
from .sandbox import Call, CallResult, Limits, execute

PROBE_LIMITS = Limits(cpu_s=2.0, wall_s=6.0, mem_mb=512, out_kb=4096)
MAX_SIZE_LIMITS = Limits(cpu_s=5.0, wall_s=15.0, mem_mb=1024, out_kb=16384)
MAX_SIZE_TRIES = 2  # the constraints' largest n, then a tenth of it
SEED = 0
# Counted work this close (a sum of logs over two sizes: within about 1% at each) is a tie
WORK_TIE = 0.02
# Times within this factor of the slowest are noise for choosing among tied families
TIME_CLEAR = 2.0


@dataclass(frozen=True)
class GeneratorCheck:
    """What running the reference on a spec's families found."""

    ok: bool
    family: str = ""
    source: str = ""  # the generator text for the chosen family
    growth_sizes: tuple[int, ...] = ()
    max_size: int | None = None
    reason: str = ""  # why there is no generator (ok False)
    notes: tuple[str, ...] = ()
    seconds: dict[str, float] = field(default_factory=dict)  # reference s per family, largest size

    @property
    def note(self) -> str:
        return "; ".join(self.notes) if self.ok else self.reason


def _inputs(spec: dict[str, Any], family: str, sizes: Iterable[int]) -> list[list[Any]]:
    fam = inputgen.with_family(spec, family)
    return [
        inputgen.generate_from_spec(fam, n, random.Random(f"mockmate-derive:{SEED}:{family}:{n}"))
        for n in sizes
    ]


def _seconds(result: CallResult) -> float:
    return result.call_cpu_s if result.call_cpu_s > 0 else result.call_s


def _why(result: CallResult) -> str:
    if result.status == "runtime_error":
        return (result.error or "an error").split("\n")[0][:120]
    return {"tle": "ran out of time", "mle": "ran out of memory", "ole": "printed too much"}.get(
        result.status, result.error or result.status
    )


def _run(
    code: str, preamble: str, shape: CallShape, args: list[list[Any]], limits: Limits
) -> tuple[str, list[CallResult]]:
    compiled, results = execute(
        language="python3",
        code=code,
        preamble=preamble,
        shape=shape,
        calls=[Call(args=list(a)) for a in args],
        limits=limits,
    )
    return ("" if compiled.ok else f"the reference does not compile: {compiled.message}"), results


def _work_by_family(
    spec: dict[str, Any],
    families: list[str],
    sizes: list[int],
    reference: str,
    preamble: str,
    shape: CallShape,
) -> dict[str, tuple[int, ...]]:
    """{family: the reference's counted work at the middle and the next larger growth size}
    (`hotlines.work_by_family`): an early exit on random data (a scan that stops at the
    first pair of 1s too close together) is seen as the little work it is; two sizes, so
    that a family whose one value is drawn per input ("equal": all 0s at one size, all 1s
    at the next) is not taken for a worst case it builds only by chance."""
    from .hotlines import work_by_family

    middle = len(sizes) // 2
    chosen = sizes[middle : middle + 2]
    return work_by_family(
        code=reference,
        preamble=preamble,
        shape=shape,
        args_by_family={family: _inputs(spec, family, chosen) for family in families},
    )


def _clearly_slowest(families: list[str], times: dict[str, float]) -> str:
    """Of `families`, the first in `inputgen.FAMILIES` order that the reference ran within
    `TIME_CLEAR` of its slowest time: a fixed order where times differ by noise alone, so
    derivation gives the same family on every run."""
    slowest = max(times[f] for f in families)
    clear = [f for f in families if times[f] * TIME_CLEAR >= slowest]
    order = {f: i for i, f in enumerate(inputgen.FAMILIES + inputgen.WORST_CASE_FAMILIES)}
    return min(clear, key=lambda f: order.get(f, len(order)))


def generator_check(
    *,
    spec: dict[str, Any],
    reference: str,
    preamble: str,
    shape: CallShape,
    slow: str = "",
) -> GeneratorCheck:
    """Run the reference (and `slow`, when given) on the spec's families; see the module doc.

    Two sandbox sessions: every family at the smallest growth size (an input the
    reference rejects there discards the family), then the survivors at the largest
    (running out of time, memory or output there lowers the sizes rather than discarding
    the family: it is the reference's worst case)."""
    sizes = inputgen.growth_sizes(spec)
    if len(sizes) < inputgen.MIN_GROWTH_SIZES:
        return GeneratorCheck(ok=False, reason="too few sizes to measure growth")
    families = list(spec.get("families") or ["random"])
    failed: dict[str, str] = {}
    small: dict[str, list[Any]] = {}
    for family in families:
        try:
            small[family] = _inputs(spec, family, [sizes[0]])[0]
        except Exception as exc:  # the spec cannot make this family (a bound it cannot meet)
            failed[family] = f"the generator failed: {type(exc).__name__}: {exc}"[:160]
    names = list(small)
    compile_error, results = _run(
        reference, preamble, shape, [small[f] for f in names], PROBE_LIMITS
    )
    if compile_error:
        return GeneratorCheck(ok=False, reason=compile_error)
    if any(r.status == "internal_error" for r in results):
        return GeneratorCheck(ok=False, reason="the sandbox could not run the reference")
    for family, result in zip(names, results, strict=False):
        if result.status != "ok":
            failed[family] = f"n = {sizes[0]}: {_why(result)}"
    valid = [f for f in names if f not in failed]
    if valid and all(f in inputgen.WORST_CASE_FAMILIES for f in valid):
        # only degenerate inputs survive (edges that all join node 0 to itself): no generator
        for family in valid:
            failed.setdefault(family, "offered only beside a family the reference accepts")
        valid = []
    if not valid:
        first = next(iter(failed.values()), "no family")
        return GeneratorCheck(
            ok=False,
            reason=f"the reference rejects every family ({', '.join(families)}); "
            f"{families[0]}: {first}",
        )
    notes = [f"{f} discarded ({why})" for f, why in failed.items()]
    top = sizes[-1]
    large = {f: _inputs(spec, f, [top])[0] for f in valid}
    _, results = _run(reference, preamble, shape, [large[f] for f in valid], PROBE_LIMITS)
    times: dict[str, float] = {}
    for family, result in zip(valid, results, strict=False):
        if result.status == "ok":
            times[family] = _seconds(result)
        elif result.status in ("tle", "mle", "ole") and family in inputgen.WORST_CASE_FAMILIES:
            # a degenerate input the reference cannot finish may break a promise made in words
            notes.append(f"{family} discarded (n = {top}: {_why(result)})")
        elif result.status in ("tle", "mle", "ole"):
            times[family] = float("inf")  # the worst case: sizes are lowered below
        else:
            notes.append(f"{family} discarded (n = {top}: {_why(result)})")
    if times and all(f in inputgen.WORST_CASE_FAMILIES for f in times):
        # every classic family failed at the largest size: degenerate inputs alone are none
        notes.extend(
            f"{f} discarded (offered only beside a family the reference accepts)" for f in times
        )
        times = {}
    if not times:
        return GeneratorCheck(
            ok=False, reason=f"the reference fails on every family at n = {top}; " + notes[-1]
        )
    choice = _clearly_slowest(list(times), times)
    if slow.strip():
        kept = [f for f in times if times[f] != float("inf")] or list(times)
        _, slow_results = _run(slow, preamble, shape, [large[f] for f in kept], PROBE_LIMITS)
        ratios = {}
        for family, result in zip(kept, slow_results, strict=False):
            if result.status in ("ok", "tle"):
                seconds = PROBE_LIMITS.cpu_s if result.status == "tle" else _seconds(result)
                ratios[family] = seconds / max(times[family], 1e-6)
        if ratios:
            choice = max(ratios, key=lambda f: ratios[f])
            notes.append(
                f"chosen where the slow solution is furthest behind ({ratios[choice]:.3g}x)"
            )
    elif all(t != float("inf") for t in times.values()) and (
        work := _work_by_family(spec, list(times), sizes, reference, preamble, shape)
    ):
        best = max(work_score(work.get(f)) for f in times)
        tied = [f for f in times if work_score(work.get(f)) >= best - WORK_TIE]
        # where the reference's work cannot tell its worst case, an input built to defeat
        # early exits (a carry through every 9, a scan for a mismatch that finds none) is
        # one for other code: random data ends such scans at random
        choice = next(
            (f for f in inputgen.WORST_CASE_FAMILIES if f in tied), None
        ) or _clearly_slowest(tied, times)
        middle = sizes[len(sizes) // 2 : len(sizes) // 2 + 2]
        notes.append(
            f"chosen where the reference does the most counted work (its worst case: "
            f"{' and '.join(f'{c:,}' for c in work.get(choice, ()))} steps at n = "
            f"{' and '.join(f'{n:,}' for n in middle)})"
        )
    else:
        notes.append("chosen where the reference is slowest (its worst case)")
    # the families the reference accepts, for measuring other code on its own worst case
    # (`growth.worst_family`)
    accepted = {**spec, "families": [f for f in families if f in times]}
    chosen = inputgen.with_family(accepted, choice)
    if times[choice] == float("inf"):
        sizes = _sizes_within(chosen, choice, sizes, reference, preamble, shape)
        if len(sizes) < inputgen.MIN_GROWTH_SIZES:  # none at all, where a probe timed out
            return GeneratorCheck(
                ok=False, reason=f"the reference is too slow to measure growth ({choice} family)"
            )
        notes.append(f"sizes lowered to {sizes[-1]}: the reference ran out of time at {top}")
    max_size = _stress_size(
        chosen, choice, spec.get("max_n"), sizes, reference, preamble, shape, notes
    )
    return GeneratorCheck(
        ok=True,
        family=choice,
        source=inputgen.generator_source(chosen),
        growth_sizes=tuple(sizes),
        max_size=max_size,
        notes=(f"family {choice}", *notes),
        seconds=times,
    )


def _sizes_within(
    spec: dict[str, Any],
    family: str,
    sizes: list[int],
    reference: str,
    preamble: str,
    shape: CallShape,
) -> list[int]:
    """The growth sizes the reference runs within the probe's limit (smallest first)."""
    _, results = _run(reference, preamble, shape, _inputs(spec, family, sizes), PROBE_LIMITS)
    ok = 0
    for result in results:
        if result.status != "ok":
            break
        ok += 1
    return sizes[:ok]


def _stress_size(
    spec: dict[str, Any],
    family: str,
    top: int | None,
    sizes: list[int],
    reference: str,
    preamble: str,
    shape: CallShape,
    notes: list[str],
) -> int | None:
    """The constraints' largest n, or a tenth of it (twice at most) where the reference needs
    more than `MAX_SIZE_LIMITS` there; None when no bound is known or neither fits."""
    if not top:
        return None
    n = int(top)
    for _ in range(MAX_SIZE_TRIES):
        if n < sizes[-1]:
            break
        _, (result,) = _run(reference, preamble, shape, _inputs(spec, family, [n]), MAX_SIZE_LIMITS)
        if result.status == "ok":
            if n != int(top):
                notes.append(f"the stress test uses n = {n}, not the constraints' {int(top)}")
            return n
        notes.append(f"at n = {n} the reference {_why(result)}")
        n //= 10
    return None


# ---------------------------------------------------------------- Django side


def problem_generator_check(*, problem: Problem, dry_run: bool = False) -> GeneratorCheck | None:
    """Check a derived generator and save the outcome; None when there is nothing to check
    (a hand-written generator, no derived spec, or no Python optimal reference)."""
    if problem.generator_origin == GeneratorOrigin.HAND_WRITTEN:
        return None
    spec = inputgen.spec_of(problem.generator)
    if spec is None:
        return None
    reference = problem_reference(problem=problem)
    if reference is None:
        return None
    slow = problem_reference(problem=problem, kind="slow")
    check = generator_check(
        spec=spec,
        reference=reference.code,
        preamble=problem.preamble or STANDARD_PREAMBLE,
        shape=problem.call_shape,
        slow=slow.code if slow else "",
    )
    if dry_run:
        return check
    if check.ok:
        problem.generator = check.source
        problem.growth_sizes = list(check.growth_sizes)
        problem.max_size = check.max_size
        problem.generator_origin = GeneratorOrigin.DERIVED
    else:
        problem.generator = ""
        problem.growth_sizes = []
        problem.max_size = None
        problem.generator_origin = GeneratorOrigin.NONE
    problem.generator_note = check.note
    problem.generator_checked = timezone.now()
    problem.save(
        update_fields=[
            "generator",
            "growth_sizes",
            "max_size",
            "generator_origin",
            "generator_note",
            "generator_checked",
        ]
    )
    return check


def problems_generators_check(
    *,
    problems: Iterable[Problem],
    dry_run: bool = False,
    on_checked: Callable[[Problem, GeneratorCheck | None], None] | None = None,
) -> list[tuple[Problem, GeneratorCheck | None]]:
    """`problem_generator_check` for each problem, in order."""
    out = []
    for problem in problems:
        check = problem_generator_check(problem=problem, dry_run=dry_run)
        out.append((problem, check))
        if on_checked is not None:
            on_checked(problem, check)
    return out


def problems_without_generator(*, problems: Iterable[Problem]) -> list[tuple[str, str]]:
    """(slug, reason) of each problem with no generator, for `verify_solutions` and the admin."""
    return [
        (p.slug, p.generator_note or "no generator was written or derived")
        for p in problems
        if not p.generator.strip()
    ]
