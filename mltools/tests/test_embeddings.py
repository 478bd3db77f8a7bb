"""The embeddings facade: real MiniLM vectors, exact search with masks, retrieval quality."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from mltools.contracts import ProblemRecord
from mltools.embeddings import api, quality


def _problem(statement: str, tags: tuple[str, ...] = ("array",)) -> ProblemRecord:
    return ProblemRecord(
        source="bank",
        source_id="x",
        slug="x",
        title="Pair Sum",
        difficulty="easy",
        statement=statement,
        entry_point="f",
        tags=tags,
    )


def test_encode_returns_unit_float32_rows() -> None:
    vectors = api.encode(["two sum with a hash map", "shortest path in a graph", "x" * 10_000])
    assert vectors.shape == (3, api.DIMENSIONS) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)


def test_search_ranks_by_cosine_and_respects_the_mask() -> None:
    matrix = api.encode(
        ["binary search in a sorted array", "merge intervals", "detect a cycle in a linked list"]
    )
    query = api.encode_query("find a value in a sorted list by halving")
    hits = api.search(query, matrix, k=2, keys=[10, 20, 30])
    assert [h.key for h in hits][0] == 10 and hits[0].score > hits[1].score
    masked = api.search(query, matrix, k=3, mask=np.array([False, True, True]), keys=[10, 20, 30])
    assert [h.key for h in masked if h.key == 10] == [] and len(masked) == 2


def test_problem_text_stops_before_examples_and_hash_follows_text_and_model() -> None:
    record = _problem("Return two positions.\n\nExample 1:\nInput: nums = [1, 2]\nOutput: [0, 1]")
    text = api.problem_text(record)
    assert text == "Pair Sum. Topics: array. Return two positions."
    assert api.text_hash(text) != api.text_hash(text + " ")
    assert api.text_hash(text) != api.text_hash(text, "another-model")


def test_vectors_round_trip_through_bytes() -> None:
    vector = api.encode_query("heap of k closest points")
    assert np.array_equal(api.from_bytes(api.to_bytes(vector)), vector)


@pytest.mark.shared_data
@pytest.mark.slow
def test_tags_plus_paraphrase_find_the_problem_in_the_top_5(shared_data: Path) -> None:
    problems = list(quality.shared_leetcodedataset(shared_data))
    assert len(problems) > 2000
    matrix = api.encode([api.problem_text(p) for p in problems])
    report = quality.recall_at_k(problems, matrix, sample=200, k=5)
    print(f"recall@5 over {report.sample} LeetCodeDataset problems: {report.recall:.1%}")
    assert report.recall >= 0.80, report.misses[:20]
