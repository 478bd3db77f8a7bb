"""Classify how running time grows with input size, from (n, seconds) measurements.

Pure functions (numpy only): `growth.py` does the measuring, this module the fitting.

Decisions behind the heuristic:
- Each class is the model t = a + b * f(n) with a, b >= 0, fitted by least squares on
  *relative* errors (weights 1 / t), so that the small sizes count as much as the large
  ones instead of the largest point deciding everything. The intercept `a` absorbs the
  call overhead that subtracting a measured no-op call leaves behind.
- A small absolute jitter (`JITTER_S`) is added to the weights' denominators: a 1 µs
  call is not known to 1%, whatever the relative error says.
- The class with the smallest error wins, except that a simpler class within
  `REL_TOLERANCE` (relative) plus `ABS_TOLERANCE` of the best is preferred: with six
  noisy points O(n log n) can always bend a little closer than O(n), and the simpler
  claim is the one to make when the data cannot tell them apart.
- The exponential class fits its base (c^n for c in [1.2, 40]) rather than fixing 2, so
  that Fibonacci-like recursion (1.6^n), subset enumeration (2^n) and permutations
  (n!, steeper at every step) all count; it is only accepted when it beats every
  polynomial clearly or the log-log slope is beyond any polynomial's, as a polynomial
  measured over a narrow range looks exponential-ish too.
- The (Theil-Sen) log-log slope over the sizes bounds the classes: each has a
  band of slopes it can plausibly show (`SLOPE_BANDS`). This keeps a bad fit from
  calling a 10^5-fold growth O(1), and lets a binary search whose cache misses grow
  with n (slope 0.3-0.5 over 10^4..10^6) still read as O(log n) rather than O(n)
  with an intercept. The bands give way to a class outside them that fits almost
  exactly (O(n) under a large constant cost has a shallow slope too).
- Every fit is refitted without its worst point *above* the curve: interference
  only ever adds time, so one disturbed size must not decide the class.
- The fit says "inconclusive" (`INCONCLUSIVE`, with its `reason`) rather than guess:
  with fewer than `MIN_SIZES` usable sizes, or a largest size less than `MIN_SPAN`
  times the smallest, and when every class misses the timings by more than
  `NOISE_ERROR` (root mean square relative error, after its worst point is dropped):
  timings that scattered cannot tell a class. The synthetic series of every class
  (4% jitter and a 1.6x outlier) fit within 6%; on the bank at load average 16 (other
  work on two cores) the worst series was fitted within 38% and classed right at 30%
  (binary search, whose cache misses bend O(log n)), so only worse than 50% is noise.
- Known limit: Python code that is O(n) on paper but touches memory all over (large
  dicts and sets) slows per element as n grows and can read as O(n log n); O(n) and
  O(n log n) are the least certain pair.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from mltools.complexity import (
    CLASSES,
    CONSTANT,
    CUBIC,
    EXPONENTIAL,
    INCONCLUSIVE,
    LINEAR,
    LINEARITHMIC,
    LOG,
    QUADRATIC,
    RANK,
)

__all__ = ["CLASSES", "INCONCLUSIVE", "RANK", "GrowthFit", "fit_growth", "inconclusive_fit"]

MIN_SIZES = 4
MIN_SPAN = 1.5
# What decided a fit's class (`GrowthFit.basis`): the timings, or, for code too quick to
# time at every size it may be measured at, the lines it executed (`growth.measure_growth`).
BASIS_TIME = "time"
BASIS_LINES = "line counts"
# Timed, but quicker than `growth.COUNTS_DECIDE_BELOW_S` at every size: the lines it executes
# decide, in code whose work the counts see whole, or where the timings fit a higher class
# badly (`growth._class_of_quick_code`)
BASIS_QUICK_LINES = "line counts; timings too quick to tell"
# Timed, but O(n) and O(n log n), which timings tell apart only roughly, decided by the
# counted work (lines, and the comparisons of sorts, heaps and bisections)
BASIS_TIME_AND_COUNTS = "time; n vs n log n by counted work"
# Timed, where the class the timings fit best is one their log-log slope rules out (a slope
# band gave way): the counted work decides (a binary search slowed by cache misses shows
# 0.5 and fits O(n) better than O(log n); its lines say O(log n))
BASIS_TIME_CHECKED = "time; a class its slope rules out checked by counted work"
# Timed, where the counted work grows as a higher class than the timings fit: every counted
# step costs time, so the work is at least the counts' class (a pass over 100 items taking
# 8 µs, whose timings at n = 12..100 read O(log n) on a loaded machine, is O(n))
BASIS_COUNTS_FLOOR = "time; raised to the class of its counted work"
NOISE_ERROR = 0.5  # the best fitting class may miss the timings by this much (RMS relative)
JITTER_S = 2e-7
FLOOR_S = 5e-8
REL_TOLERANCE = 0.35
ABS_TOLERANCE = 0.015
EXP_BASES = tuple(float(b) for b in np.geomspace(1.2, 40.0, 64))
EXP_MARGIN = 0.6  # the exponential error must be below this fraction of the best polynomial's
BAND_OVERRIDE_ERROR = 0.08
# ... and when every class the slope allows misses by more than this, one that misses by at
# most this share of it wins: a scan whose work levels off (a Counter of at most 676 two-letter
# words) shows a slope of 0.6, where only O(log n) is allowed and misses by 40%, O(n) by 13%.
BAND_POOR_ERROR = 0.25
BAND_POOR_SHARE = 0.4
NLOGN_SHARE = 0.7
# A known O(n) or O(n log n) (`fit_growth(prefer=...)`) stands against the other while it
# misses the timings by at most this much: pure n log n timings miss O(n) by about 14%
# over the bank's 32x range of sizes, an O(n) slowed 50% by a busy machine by about 12%.
NEIGHBOUR_ERROR = 0.12
EXP_SURE_SLOPE = 5.0  # no polynomial class here grows this steeply in log-log
# The log-log slopes each class can show: the nominal slope widened for noise,
# leftover intercept and memory effects (a binary search over 10^6 elements slows
# with cache misses and shows 0.3-0.5, not 0.07).
SLOPE_BANDS: dict[str, tuple[float, float]] = {
    CONSTANT: (-math.inf, 0.25),
    LOG: (-math.inf, 0.75),
    LINEAR: (0.7, 1.6),
    LINEARITHMIC: (0.75, 1.8),
    QUADRATIC: (1.3, 2.8),
    CUBIC: (2.2, 4.2),
    EXPONENTIAL: (3.0, math.inf),
}

_POLY: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    LOG: lambda n: np.log2(n),
    LINEAR: lambda n: n,
    LINEARITHMIC: lambda n: n * np.log2(n),
    QUADRATIC: lambda n: n**2,
    CUBIC: lambda n: n**3,
}


@dataclass(frozen=True)
class GrowthFit:
    """The chosen growth class and the model t(n) = intercept + coefficient * f(n).

    `label` is one of CLASSES, or INCONCLUSIVE with the `reason` ("only 3 usable sizes
    ...", "no class fits the timings ..."). `coefficient` multiplies f(n) / f(n_ref) (features are scaled at the largest measured
    size to keep n^3 and c^n in range); `predict` undoes that. `rel_error` is the root mean
    square relative error of the chosen model over the measured sizes; `errors` holds that
    figure for every class tried. `slope` is the robust log-log slope over all sizes, a model-free
    cross-check (about 1 for O(n), 2 for O(n^2)).
    """

    label: str
    intercept: float
    coefficient: float
    rel_error: float
    slope: float
    n_ref: float
    base: float | None = None
    errors: dict[str, float] = field(default_factory=dict)
    sizes: tuple[int, ...] = ()
    reason: str = ""  # why the fit is inconclusive ("" when it decided)
    basis: str = BASIS_TIME  # what decided the class: the timings, or the line counts

    @property
    def known(self) -> bool:
        return self.label in RANK

    @property
    def inconclusive(self) -> bool:
        return not self.known

    def predict(self, n: float) -> float:
        """Seconds the fitted model expects at size n (an extrapolation beyond the sizes)."""
        if not self.known:
            raise ValueError("no growth model was fitted")
        return self.intercept + self.coefficient * _scaled_feature(
            self.label, float(n), self.n_ref, self.base
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe: an undecided fit's infinite error and missing slope are stored as null
        (JSON has no Infinity or NaN; SQLite's and PostgreSQL's JSON columns refuse them)."""
        return {
            "label": self.label,
            "intercept": self.intercept,
            "coefficient": self.coefficient,
            "rel_error": finite_or_none(self.rel_error),
            "slope": finite_or_none(self.slope),
            "n_ref": self.n_ref,
            "base": self.base,
            "errors": {k: finite_or_none(v) for k, v in self.errors.items()},
            "sizes": list(self.sizes),
            "reason": self.reason,
            "basis": self.basis,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GrowthFit:
        label = data["label"]
        return cls(
            # stored before INCONCLUSIVE existed: "unknown" was the undecided fit
            label=label if label in RANK else INCONCLUSIVE,
            intercept=float(data["intercept"]),
            coefficient=float(data["coefficient"]),
            rel_error=_float_or(data["rel_error"], math.inf),
            slope=_float_or(data["slope"], math.nan),
            n_ref=float(data["n_ref"]),
            base=None if data.get("base") is None else float(data["base"]),
            errors={k: _float_or(v, math.inf) for k, v in data.get("errors", {}).items()},
            sizes=tuple(int(n) for n in data.get("sizes", ())),
            reason=str(data.get("reason", "")),
            basis=str(data.get("basis", BASIS_TIME)),
        )


def finite_or_none(value: float | None) -> float | None:
    """A float JSON can hold: None for None, infinities and NaN."""
    return value if value is not None and math.isfinite(value) else None


def _float_or(value: Any, missing: float) -> float:
    return missing if value is None else float(value)


def inconclusive_fit(sizes: Iterable[int] = (), reason: str = "", **fitted: Any) -> GrowthFit:
    """The fit that decided nothing; `fitted` keeps what was computed (errors, slope)."""
    values: dict[str, Any] = {
        "intercept": 0.0,
        "coefficient": 0.0,
        "rel_error": math.inf,
        "slope": math.nan,
        "n_ref": 0.0,
        **fitted,
    }
    return GrowthFit(label=INCONCLUSIVE, sizes=tuple(sizes), reason=reason, **values)


def too_few_sizes_reason(count: int) -> str:
    return (
        f"only {count} usable size{'s' if count != 1 else ''}: at least {MIN_SIZES}, "
        f"the largest {MIN_SPAN:g}x the smallest, are needed to tell a class"
    )


def _scaled_feature(label: str, n: float, n_ref: float, base: float | None) -> float:
    if label == CONSTANT:
        return 0.0
    if label == EXPONENTIAL:
        assert base is not None
        return float(base ** (n - n_ref))
    value = _POLY[label](np.array([n, n_ref], dtype=float))
    return float(value[0] / value[1])


def best_times(points: Iterable[tuple[float, float]]) -> tuple[np.ndarray, np.ndarray]:
    """Sizes in increasing order and the minimum time seen at each (repeats collapse)."""
    best: dict[float, float] = {}
    for n, t in points:
        if n > 0 and math.isfinite(t):
            best[float(n)] = min(t, best.get(float(n), math.inf))
    sizes = np.array(sorted(best), dtype=float)
    return sizes, np.array([best[n] for n in sizes], dtype=float)


def _fit_two(
    feature: np.ndarray, times: np.ndarray, weights: np.ndarray
) -> tuple[float, float, float]:
    """Non-negative weighted least squares of t = a + b * feature; returns (a, b, rel_error)."""
    design = np.column_stack([np.ones_like(feature), feature]) * weights[:, None]
    target = times * weights
    candidates: list[tuple[float, float]] = []
    solution, *_ = np.linalg.lstsq(design, target, rcond=None)
    a, b = float(solution[0]), float(solution[1])
    if a >= 0 and b >= 0:
        candidates.append((a, b))
    else:
        # The optimum lies on a boundary: try b alone, then a alone.
        col = design[:, 1]
        if col @ col > 0:
            candidates.append((0.0, max(0.0, float(col @ target / (col @ col)))))
        ones = design[:, 0]
        candidates.append((max(0.0, float(ones @ target / (ones @ ones))), 0.0))
    scored = [(_rel_error(a + b * feature, times, weights), a, b) for a, b in candidates]
    err, a, b = min(scored)
    return a, b, err


def _fit_trimmed(
    feature: np.ndarray, times: np.ndarray, weights: np.ndarray
) -> tuple[float, float, float]:
    """Fit, then refit without the point furthest *above* the model.

    Interference from other processes only ever adds time, so one slow outlier is
    likely and one fast outlier is not; dropping it (for every class alike) keeps a
    single disturbed size from deciding the class.
    """
    a, b, err = _fit_two(feature, times, weights)
    if len(times) <= MIN_SIZES:
        return a, b, err
    residual = (times - (a + b * feature)) * weights
    worst = int(np.argmax(residual))
    if residual[worst] <= 0:
        return a, b, err
    keep = np.arange(len(times)) != worst
    return _fit_two(feature[keep], times[keep], weights[keep])


def _rel_error(predicted: np.ndarray, times: np.ndarray, weights: np.ndarray) -> float:
    return float(np.sqrt(np.mean(((predicted - times) * weights) ** 2)))


def _loglog_slope(sizes: np.ndarray, times: np.ndarray) -> float:
    """Theil-Sen slope of log t against log n: the median of the pairwise slopes.

    A median rather than least squares, so that one disturbed size cannot move it much.
    """
    x, y = np.log(sizes), np.log(times)
    i, j = np.triu_indices(len(x), k=1)
    dx = x[j] - x[i]
    keep = dx > 0
    if not np.any(keep):
        return math.nan
    return float(np.median((y[j] - y[i])[keep] / dx[keep]))


def _fit_exponential(
    sizes: np.ndarray, times: np.ndarray, weights: np.ndarray, n_ref: float
) -> tuple[float, float, float, float]:
    """Best (a, b, error, base) over a coarse grid of bases, then a finer one around it."""
    step = EXP_BASES[1] / EXP_BASES[0]
    best: tuple[float, float, float, float] | None = None
    for grid in (EXP_BASES, None):
        if grid is None:
            assert best is not None
            grid = tuple(float(x) for x in np.geomspace(best[3] / step, best[3] * step, 41))
        for base in grid:
            a, b, err = _fit_trimmed(base ** (sizes - n_ref), times, weights)
            if best is None or err < best[2]:
                best = (a, b, err, base)
    assert best is not None
    return best


def fit_growth(
    points: Iterable[tuple[float, float]],
    *,
    overhead_s: float | Sequence[float] = 0.0,
    prefer: str = "",
) -> GrowthFit:
    """Fit every class to (n, seconds) points and pick one.

    `points` may hold several measurements per size (the minimum is used). `overhead_s`
    is the measured time of calling a do-nothing function with the same arguments, one
    figure for all sizes or one per distinct size in increasing order; it is subtracted
    first, so that only the work that depends on n is fitted. `prefer` is a class known
    beforehand (a reference's stated complexity): it is chosen when it fits the timings
    as well as the chosen class does (within the tolerance `_choose` allows), so that
    a busy machine's noise between neighbouring classes does not overrule what is known.
    """
    sizes, raw = best_times(points)
    overhead = np.broadcast_to(np.asarray(overhead_s, dtype=float), raw.shape)
    times = np.maximum(raw - overhead, FLOOR_S)
    # Sizes whose work is lost in the timer's jitter say only "tiny": leave them out
    # when enough sizes above it remain (code measured further by growth.py's
    # extension has a flat run of them at its original sizes).
    audible = times >= JITTER_S
    if np.count_nonzero(audible) >= MIN_SIZES and not np.all(audible):
        sizes, times = sizes[audible], times[audible]
    if len(sizes) < MIN_SIZES or sizes[-1] / sizes[0] < MIN_SPAN:
        return inconclusive_fit((int(n) for n in sizes), too_few_sizes_reason(len(sizes)))
    weights = 1.0 / (times + JITTER_S)
    n_ref = float(sizes[-1])

    fits: dict[str, tuple[float, float, float | None]] = {}
    errors: dict[str, float] = {}
    a0, _, errors[CONSTANT] = _fit_trimmed(np.zeros_like(times), times, weights)
    fits[CONSTANT] = (a0, 0.0, None)
    for label, func in _POLY.items():
        values = func(sizes)
        feature = values / values[-1]
        a, b, err = _fit_trimmed(feature, times, weights)
        fits[label] = (a, b, None)
        errors[label] = err
    exp_a, exp_b, errors[EXPONENTIAL], exp_base = _fit_exponential(sizes, times, weights, n_ref)
    fits[EXPONENTIAL] = (exp_a, exp_b, exp_base)

    slope = _loglog_slope(sizes, times)
    label = _choose(errors, slope)
    if label in (LINEAR, LINEARITHMIC):
        label = _linear_or_linearithmic(sizes, slope, errors, label)
    if prefer in fits and prefer != label:
        threshold = errors[label] * (1 + REL_TOLERANCE) + ABS_TOLERANCE
        if {label, prefer} == {LINEAR, LINEARITHMIC}:  # told apart only roughly (see below)
            threshold = max(threshold, NEIGHBOUR_ERROR)
        if errors[prefer] <= threshold:
            label = prefer
    intercept, coefficient, base = fits[label]
    closest = min(errors, key=lambda k: errors[k])
    if errors[closest] > NOISE_ERROR:
        return inconclusive_fit(
            (int(n) for n in sizes),
            f"the timings are too noisy: the closest class, {closest}, misses them by "
            f"{errors[closest]:.0%} (at most {NOISE_ERROR:.0%} is trusted)",
            rel_error=errors[label],
            slope=slope,
            errors=errors,
        )
    return GrowthFit(
        label=label,
        intercept=intercept,
        coefficient=coefficient,
        rel_error=errors[label],
        slope=slope,
        n_ref=n_ref,
        base=base,
        errors=errors,
        sizes=tuple(int(n) for n in sizes),
    )


def fit_counted_class(
    points: Iterable[tuple[float, float]], label: str, *, base: float | None = None
) -> GrowthFit:
    """The timings fitted with a class decided elsewhere (`basis` BASIS_LINES: the line
    counts' class), so that `predict` still answers in seconds. `base` is an exponential
    class's base (from the counts); the fit's error is the timings' miss of that class."""
    sizes, times = best_times(points)
    if label not in RANK or not len(sizes):
        raise ValueError(f"no class to fit: {label!r} over {len(sizes)} sizes")
    times = np.maximum(times, FLOOR_S)
    weights = 1.0 / (times + JITTER_S)
    n_ref = float(sizes[-1])
    if label == EXPONENTIAL:
        base = base or 2.0
        feature = base ** (sizes - n_ref)
    elif label == CONSTANT:
        feature = np.zeros_like(times)
    else:
        values = _POLY[label](sizes)
        feature = values / values[-1]
    a, b, err = _fit_two(feature, times, weights)
    return GrowthFit(
        label=label,
        intercept=a,
        coefficient=b,
        rel_error=err,
        slope=_loglog_slope(sizes, times) if len(sizes) > 1 else math.nan,
        n_ref=n_ref,
        base=base if label == EXPONENTIAL else None,
        errors={label: err},
        sizes=tuple(int(n) for n in sizes),
        basis=BASIS_LINES,
    )


def class_feature(label: str, n: float) -> float:
    """f(n) of a class (1, log2 n, n, n log2 n, n^2, n^3, 2^n): what its cost is a multiple of."""
    if label == CONSTANT:
        return 1.0
    if label == LOG:
        return math.log2(max(n, 2.0))
    if label == LINEAR:
        return n
    if label == LINEARITHMIC:
        return n * math.log2(max(n, 2.0))
    if label == QUADRATIC:
        return n * n
    if label == CUBIC:
        return n**3
    return 2.0**n


def slope_allows(label: str, slope: float) -> bool:
    """Whether a log-log slope is within the band `label` can show (`SLOPE_BANDS`)."""
    low, high = SLOPE_BANDS.get(label, (-math.inf, math.inf))
    return math.isnan(slope) or low <= slope <= high


def _choose(errors: dict[str, float], slope: float) -> str:
    """The simplest class close to the best fit, among those the slope allows.

    The slope bands give way when a class outside them fits far better and well in
    absolute terms: O(n) under a large constant overhead shows a shallow slope but
    fits a + b*n almost exactly.
    """
    allowed = [c for c in CLASSES if SLOPE_BANDS[c][0] <= slope <= SLOPE_BANDS[c][1]]
    if math.isnan(slope) or not allowed:
        allowed = list(CLASSES)
    everything = {k: v for k, v in errors.items() if k != EXPONENTIAL}
    polynomial = {k: errors[k] for k in allowed if k != EXPONENTIAL}
    best_overall = min(everything.values())
    best_allowed = min(polynomial.values()) if polynomial else math.inf
    if (best_overall < BAND_OVERRIDE_ERROR and best_overall < 0.5 * best_allowed) or (
        best_allowed > BAND_POOR_ERROR and best_overall < BAND_POOR_SHARE * best_allowed
    ):
        polynomial = everything
    elif EXPONENTIAL in allowed and (not polynomial or slope >= EXP_SURE_SLOPE):
        return EXPONENTIAL
    if EXPONENTIAL in allowed and errors[EXPONENTIAL] < (
        EXP_MARGIN * min(polynomial.values()) - ABS_TOLERANCE
    ):
        return EXPONENTIAL
    threshold = min(polynomial.values()) * (1 + REL_TOLERANCE) + ABS_TOLERANCE
    return next(label for label in CLASSES if polynomial.get(label, math.inf) <= threshold)


def _linear_or_linearithmic(
    sizes: np.ndarray, slope: float, errors: dict[str, float], label: str
) -> str:
    """Tell O(n) from O(n log n) by the slope rather than by the fits' errors.

    Over two orders of magnitude the two curves differ by a factor of about 1.6, so
    their errors are both small and their ratio swings from run to run; the slope
    is steadier. O(n log n) shows 1 + 1/ln(n) (about 1.14 at these sizes), O(n)
    shows 1 plus a little from memory effects, so the line is drawn
    `NLOGN_SHARE` of the way up, unless the other model fits much worse.
    """
    other = LINEARITHMIC if label == LINEAR else LINEAR
    if errors[other] > 2.5 * errors[label] + 0.03:
        return label
    expected = _loglog_slope(sizes, sizes * np.log2(sizes))
    return LINEARITHMIC if slope >= 1 + NLOGN_SHARE * (expected - 1) else LINEAR
