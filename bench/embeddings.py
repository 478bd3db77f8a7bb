"""Embedding and search speed, and how exact search grows to a million vectors.

    .venv/bin/python bench/embeddings.py [--vectors 1000000]

Targets (issue 6): embed the bank plus the shared LeetCodeDataset import (about
2,100 problems) in under 60 s; one query embedding + search under 20 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mltools.contracts import ProblemRecord  # noqa: E402
from mltools.embeddings import api, quality  # noqa: E402

SHARED = Path(os.environ.get("MOCKMATE_SHARED_DATA", ROOT.parent / "shared" / "data"))
QUERIES = ["sliding window over a string", "shortest path in a weighted graph", "dynamic programming on intervals",
           "two pointers on a sorted array", "binary search on the answer", "union find connected components"]  # fmt: skip


def bank_records() -> list[ProblemRecord]:
    records = []
    for path in sorted((ROOT / "problems" / "bank").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        records.append(ProblemRecord(source="bank", source_id=data["slug"], slug=data["slug"],
                                     title=data["title"], difficulty=data["difficulty"],
                                     statement=data["statement"], entry_point=data["entry_point"],
                                     tags=tuple(data.get("tags") or ())))  # fmt: skip
    return records


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vectors", type=int, default=1_000_000)
    args = parser.parse_args()

    started = time.perf_counter()
    api.load_model()
    print(f"model load: {time.perf_counter() - started:.1f} s")

    problems = bank_records()
    if SHARED.is_dir():
        problems += list(quality.shared_leetcodedataset(SHARED))
    else:
        print(f"(no shared data at {SHARED}: bank only)")
    texts = [api.problem_text(p) for p in problems]
    started, cpu = time.perf_counter(), time.process_time()
    matrix = api.encode(texts)
    took, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"embed {len(texts)} problems: {took:.1f} s wall ({len(texts) / took:.0f}/s), {cpu:.1f} s CPU"
        f"  target < 60 s; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )

    api.encode_query("warm up")  # loads the fp32 query model once
    timings, searches = [], []
    for query in QUERIES * 5:
        started = time.perf_counter()
        vector = api.encode_query(query)
        middle = time.perf_counter()
        api.search(vector, matrix, k=10)
        timings.append((time.perf_counter() - started) * 1000)
        searches.append((time.perf_counter() - middle) * 1000)
    print(
        f"one query embed + search over {len(texts)}: median {statistics.median(timings):.1f} ms "
        f"(search alone {statistics.median(searches):.2f} ms)  target < 20 ms"
    )

    rng = np.random.default_rng(0)
    query = matrix[0]
    for n in (10_000, 100_000, args.vectors):
        synthetic = rng.standard_normal((n, api.DIMENSIONS), dtype=np.float32)
        synthetic /= np.linalg.norm(synthetic, axis=1, keepdims=True)
        times = []
        for _ in range(7):
            started = time.perf_counter()
            api.search(query, synthetic, k=10)
            times.append((time.perf_counter() - started) * 1000)
        print(
            f"exact top-10 over {n:>9,} synthetic vectors: median {statistics.median(times):7.2f} ms"
            f"  ({synthetic.nbytes / 2**20:,.0f} MiB)"
        )
        del synthetic
    print(
        "note: exact search is linear in rows (memory-bandwidth bound); past about a million rows,\n"
        "or once vectors outgrow one process's memory, an ANN index takes over: pgvector's HNSW index\n"
        "in PostgreSQL (vector(384), vector_cosine_ops), filters in the same SQL query."
    )


if __name__ == "__main__":
    main()
