from interviews.growth import _as_fast_as_reference
from problems.judge.growth import GrowthComparison


def _comparison(observed: str, optimal: str, ratio: float | None) -> GrowthComparison:
    return GrowthComparison(
        observed=observed, optimal=optimal, slower_class=None, largest_n=8000,
        ratio_at_largest=ratio, at_n=None, candidate_at_n_s=None, reference_at_n_s=None, sentence="",
    )  # fmt: skip


def test_neighbouring_class_at_the_reference_speed_counts_as_optimal() -> None:
    assert _as_fast_as_reference(_comparison("O(n log n)", "O(n)", 0.95))
    assert _as_fast_as_reference(_comparison("O(n)", "O(n log n)", 1.6))


def test_slower_code_or_a_distant_class_keeps_its_measured_class() -> None:
    assert not _as_fast_as_reference(_comparison("O(n log n)", "O(n)", 3.5))
    assert not _as_fast_as_reference(_comparison("O(n^2)", "O(n)", 1.2))
    assert not _as_fast_as_reference(_comparison("unknown", "O(n)", 1.0))
    assert not _as_fast_as_reference(_comparison("O(n log n)", "O(n)", None))
