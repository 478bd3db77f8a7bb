"""Problems relevant to a job description or topic, behind one function.

Uses the embedding index when it has been built (`manage.py embed_problems`);
until then a keyword match on tags and titles, so the feature works on a fresh
install without the model.
"""

from __future__ import annotations

import logging
import re
from collections import Counter

from django.db.models import QuerySet

from problems.models import Problem, Tag

logger = logging.getLogger(__name__)
_WORD = re.compile(r"[a-z][a-z+#\-]{1,30}")
# Words in job ads that point at interview topics.
_TOPIC_HINTS = {
    "graph": ["graph", "bfs", "dfs", "topological-sort", "shortest-path"],
    "network": ["graph", "shortest-path"],
    "routing": ["graph", "shortest-path"],
    "search": ["binary-search", "trie"],
    "autocomplete": ["trie"],
    "scheduling": ["intervals", "heap", "greedy"],
    "calendar": ["intervals"],
    "streaming": ["heap", "sliding-window"],
    "realtime": ["heap", "sliding-window"],
    "optimization": ["dynamic-programming", "greedy"],
    "database": ["hash-table", "binary-search"],
    "cache": ["hash-table", "design", "linked-list"],
    "compiler": ["stack", "tree"],
    "parser": ["stack", "string"],
    "text": ["string", "sliding-window"],
    "nlp": ["string", "trie"],
    "embedded": ["bit-manipulation"],
    "hierarchy": ["tree"],
}


def _keyword_rank(text: str, queryset: QuerySet[Problem], limit: int) -> list[Problem]:
    words = Counter(_WORD.findall(text.lower()))
    tag_slugs = set(Tag.objects.values_list("slug", flat=True))
    wanted: Counter[str] = Counter()
    for word, n in words.items():
        for slug in _TOPIC_HINTS.get(word.rstrip("s"), []):
            wanted[slug] += n
        if word in tag_slugs or word.rstrip("s") in tag_slugs:
            wanted[word if word in tag_slugs else word.rstrip("s")] += 2 * n
    scored: list[tuple[float, int, Problem]] = []
    for problem in queryset.prefetch_related("tags")[:5000]:
        score: float = sum(wanted[t.slug] for t in problem.tags.all())
        score += sum(0.5 for w in problem.title.lower().split() if w in words)
        if score:
            scored.append((score, -problem.pk, problem))
    scored.sort(key=lambda row: (row[0], row[1]), reverse=True)
    return [p for _, _, p in scored[:limit]]


def problems_rank_for_text(
    *,
    text: str,
    queryset: QuerySet[Problem],
    limit: int,
    difficulty: str = "",
    topics: tuple[str, ...] = (),
    exclude_ids: tuple[int, ...] = (),
) -> list[Problem]:
    """Best matches first; `queryset` and the filters describe the same pool."""
    from problems.models import ProblemEmbedding

    if ProblemEmbedding.objects.exists():
        try:
            from mltools.contracts import SearchFilters
            from problems import ml_services

            filters = SearchFilters(
                difficulties=(difficulty,) if difficulty else (),
                tags=topics,
                exclude_ids=exclude_ids,
            )
            ranked = ml_services.problems_for_job_description(text=text, k=limit, filters=filters)
            if ranked:
                return list(ranked)
        except Exception:  # the model is missing or broken: keywords still work
            logger.warning("embedding retrieval failed; using keyword match", exc_info=True)
    return _keyword_rank(text, queryset, limit)
