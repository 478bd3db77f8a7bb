"""Check a derived generator against the problem's reference, and choose its family.

Import derives a generator from the signature, tests and constraints without running
anything (`mltools.inputgen.record_with_generator`: the random family). This step runs
the optimal reference in the sandbox on every family the spec offers (random within
bounds, sorted, reverse-sorted, all distinct, all equal) at three growth sizes:

- an input the reference rejects, raises on or runs out of time on discards its family;
- of the families left, the one where a slower solution (the problem's `slow` reference,
  when it has one) is furthest behind the reference at the largest size is chosen;
  without one, the family the reference itself is slowest on (its worst case);
- the reference then runs once at `max_n`, the largest input the constraints allow (the
  stress test's size); when it takes more than `MAX_SIZE_LIMITS` there, n is lowered
  tenfold until it does not, and the note says so;
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

from .codec import STANDARD_PREAMBLE
from .sandbox import Call, CallResult, Limits, execute

PROBE_LIMITS = Limits(cpu_s=2.0, wall_s=6.0, mem_mb=512, out_kb=4096)
MAX_SIZE_LIMITS = Limits(cpu_s=5.0, wall_s=15.0, mem_mb=1024, out_kb=16384)
PROBES = 3  # sizes per family: the smallest, a middle and the largest growth size
SEED = 0


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


def generator_check(
    *,
    spec: dict[str, Any],
    reference: str,
    preamble: str,
    shape: CallShape,
    slow: str = "",
) -> GeneratorCheck:
    """Run the reference (and `slow`, when given) on the spec's families; see the module doc."""
    sizes = inputgen.growth_sizes(spec)
    if len(sizes) < inputgen.MIN_GROWTH_SIZES:
        return GeneratorCheck(ok=False, reason="too few sizes to measure growth")
    probes = sorted({sizes[0], sizes[len(sizes) // 2], sizes[-1]})
    families = list(spec.get("families") or ["random"])
    args: list[list[Any]] = []
    failed: dict[str, str] = {}
    for family in families:
        try:
            args += _inputs(spec, family, probes)
        except Exception as exc:  # the spec cannot make this family (a bound it cannot meet)
            failed[family] = f"the generator failed: {type(exc).__name__}: {exc}"[:160]
            args += [[] for _ in probes]
    compile_error, results = _run(reference, preamble, shape, args, PROBE_LIMITS)
    if compile_error:
        return GeneratorCheck(ok=False, reason=compile_error)
    if any(r.status == "internal_error" for r in results):
        return GeneratorCheck(ok=False, reason="the sandbox could not run the reference")
    times: dict[str, float] = {}
    for i, family in enumerate(families):
        if family in failed:
            continue
        chunk = results[i * len(probes) : (i + 1) * len(probes)]
        bad = next((r for r in chunk if r.status != "ok"), None)
        if bad is not None or len(chunk) < len(probes):
            n = probes[chunk.index(bad)] if bad is not None else probes[-1]
            failed[family] = f"n = {n}: {_why(bad) if bad else 'not run'}"
            continue
        times[family] = _seconds(chunk[-1])
    if not times:
        first = next(iter(failed.values()), "no family")
        return GeneratorCheck(
            ok=False,
            reason=f"the reference rejects every family ({', '.join(families)}); "
            f"{families[0]}: {first}",
        )
    notes = [f"{f} discarded ({why})" for f, why in failed.items()]
    choice = max(times, key=lambda f: times[f])
    if slow.strip():
        valid = [f for f in families if f in times]
        slow_args = [a for i, f in enumerate(families) if f in times for a in args[i * len(probes) : (i + 1) * len(probes)]][len(probes) - 1 :: len(probes)]  # fmt: skip
        _, slow_results = _run(slow, preamble, shape, slow_args, PROBE_LIMITS)
        ratios = {}
        for family, result in zip(valid, slow_results, strict=False):
            seconds = PROBE_LIMITS.cpu_s if result.status == "tle" else _seconds(result)
            if result.status in ("ok", "tle"):
                ratios[family] = seconds / max(times[family], 1e-6)
        if ratios:
            choice = max(ratios, key=lambda f: ratios[f])
            notes.append(
                f"chosen where the slow solution is furthest behind ({ratios[choice]:.3g}x)"
            )
    else:
        notes.append("chosen where the reference is slowest (its worst case)")
    chosen = inputgen.with_family(spec, choice)
    top = spec.get("max_n")
    max_size = None
    if top:
        n = int(top)
        while n >= 1:
            _, (result,) = _run(
                reference, preamble, shape, _inputs(chosen, choice, [n]), MAX_SIZE_LIMITS
            )
            if result.status == "ok":
                max_size = n
                break
            notes.append(f"at n = {n} the reference {_why(result)}")
            n //= 10
            if n < sizes[-1]:
                break
        if max_size is not None and max_size != int(top):
            notes.append(f"the stress test uses n = {max_size}, not the constraints' {int(top)}")
    return GeneratorCheck(
        ok=True,
        family=choice,
        source=inputgen.generator_source(chosen),
        growth_sizes=tuple(sizes),
        max_size=max_size,
        notes=(f"family {choice}", *notes),
        seconds=times,
    )


# ---------------------------------------------------------------- Django side


def problem_generator_check(*, problem: Problem, dry_run: bool = False) -> GeneratorCheck | None:
    """Check a derived generator and save the outcome; None when there is nothing to check
    (a hand-written generator, no derived spec, or no Python optimal reference)."""
    if problem.generator_origin == GeneratorOrigin.HAND_WRITTEN:
        return None
    spec = inputgen.spec_of(problem.generator)
    if spec is None:
        return None
    reference = problem.solutions.filter(kind="optimal", language="python").first()
    if reference is None:
        return None
    slow = problem.solutions.filter(kind="slow", language="python").first()
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
