"""The doocs/leetcode index fills titles, editorials and hint ladders, and only what is missing."""

from __future__ import annotations

import dataclasses

from mltools import complexity
from mltools.contracts import ProblemRecord
from mltools.data import doocs

ENTRY = doocs.entry_from_row(
    {
        "slug": "pairs-adding-to-target",
        "title": "Pairs Adding to Target 🔒",
        "tags": "['Array', 'Hash Table']",
        "approaches": [
            {
                "name": "Solution 1: Hash Table",
                "explanation_md": (
                    "We store each value $x$ in $\\textit{seen}$. Then we look up the rest.\n\n"
                    "For each $i$ with $0 \\leq i < n$ we check $\\textit{target} - x$.\n\n"
                    "The time complexity is $O(n)$, the space complexity $O(n)$."
                ),
                "code": {"Python3": "class Solution:\n    pass\n"},
            },
            {"name": "Solution 2: Sorting", "explanation_md": "Sort, then use $l < r$."},
            {"name": "Solution 3", "explanation_md": ""},
        ],
    }
)


def _record(**fields: object) -> ProblemRecord:
    values: dict[str, object] = {
        "source": "leetcodedataset",
        "source_id": "pairs-adding-to-target",
        "slug": "pairs-adding-to-target",
        "title": "Pairs Adding to Target",
        "difficulty": "easy",
        "statement": "Find the pair.",
        "entry_point": "pairs",
        "attribution": "Tests from LeetCodeDataset.",
    }
    values.update(fields)
    return ProblemRecord(**values)  # type: ignore[arg-type]


def test_latex_becomes_plain_text_in_code_spans() -> None:
    assert doocs.plain_math("keep $\\textit{cnt}[c] \\leq 1$ here") == "keep `cnt[c] ≤ 1` here"
    assert doocs.plain_math("$\\lfloor \\frac{n}{2} \\rfloor$") == "`⌊ n / 2 ⌋`"
    assert doocs.plain_math("$\\frac{n(n+1)}{2}$") == "`(n(n+1)) / 2`"
    assert doocs.plain_math("$$\n\\text{ans} = \\max(a, b)\n$$") == "\n```\nans = max(a, b)\n```\n"


def test_an_entry_reads_python_literal_lists_and_drops_empty_approaches() -> None:
    assert ENTRY.title == "Pairs Adding to Target"  # the premium lock is not part of the title
    assert ENTRY.tags == ("array", "hash-table")
    # each approach keeps its own Python code (the growth accuracy bench measures it)
    assert [a.python for a in ENTRY.approaches] == ["class Solution:\n    pass\n", ""]
    assert [a.name for a in ENTRY.approaches] == ["Hash Table", "Sorting"]
    assert "`0 ≤ i < n`" in ENTRY.approaches[0].explanation


def test_the_hint_ladder_goes_from_technique_to_outline_without_the_complexity() -> None:
    gentle, stronger, strongest = doocs.hint_ladder(ENTRY.approaches[0])

    assert gentle == "Think about an approach based on: Hash Table."
    assert stronger == "We store each value `x` in `seen`."
    assert strongest.startswith(stronger) and "`target - x`" in strongest
    assert "complexity" not in strongest


def test_enrich_fills_what_is_missing_and_credits_doocs() -> None:
    enriched = doocs.enrich(_record(), ENTRY)

    assert enriched.editorial.startswith("### Approach 1: Hash Table\n\nWe store")
    assert "### Approach 2: Sorting" in enriched.editorial
    assert len(enriched.hints) == 3
    assert enriched.tags == ("array", "hash-table")
    assert enriched.attribution == f"Tests from LeetCodeDataset. {doocs.ATTRIBUTION}"


def test_enrich_never_overwrites_the_sources_own_words() -> None:
    own = _record(
        title="A Title Chosen by Staff",
        editorial="Our editorial.",
        hints=("Our hint.",),
        tags=("math",),
    )

    assert doocs.enrich(own, ENTRY) is own
    partial = doocs.enrich(dataclasses.replace(own, hints=()), ENTRY)
    assert (partial.title, partial.editorial, partial.tags) == (own.title, own.editorial, ("math",))
    assert partial.hints[0] == "Think about an approach based on: Hash Table."


def test_a_title_made_from_the_slug_gives_way_to_the_real_one() -> None:
    three_sum = doocs.entry_from_row({"slug": "3sum", "title": "3Sum", "approaches": []})
    record = _record(source_id="3sum", slug="3sum", title="3sum")

    assert doocs.enrich(record, three_sum).title == "3Sum"
    assert doocs.enrich(_record(title="Staff Title"), three_sum).title == "Staff Title"


def test_a_problem_without_explanations_is_left_alone() -> None:
    bare = doocs.entry_from_row({"slug": "x", "title": "X", "approaches": []})
    record = _record(source_id="x", slug="x", title="X")
    assert doocs.enrich(record, bare) is record


def test_enrich_fills_a_solutions_missing_complexity_from_what_the_approach_states() -> None:
    from mltools.contracts import SolutionRecord

    record = _record(solutions=(SolutionRecord(code="class Solution: ..."),))
    (solution,) = doocs.enrich(record, ENTRY).solutions
    assert (solution.time_complexity, solution.space_complexity) == ("O(n)", "O(n)")
    stated = SolutionRecord(code="...", time_complexity="O(n^2)")
    assert doocs.enrich(_record(solutions=(stated,)), ENTRY).solutions == (stated,)
    assert complexity.stated_complexities(
        "The time complexity is `O(n × log n)`, and the space complexity is `O(log n)`."
    ) == ("O(n log n)", "O(log n)")
    # a product of two sizes is no class of one n: left out rather than guessed
    assert complexity.stated_complexities("The time complexity is `O(m × n)`.") == ("", "")


def test_enrich_adds_references_in_the_judges_other_languages() -> None:
    from mltools.contracts import SolutionRecord

    entry = doocs.entry_from_row(
        {
            "slug": "pairs-adding-to-target",
            "title": "Pairs Adding to Target",
            "approaches": [
                {
                    "name": "Solution 1: Hash Table",
                    "explanation_md": "Store each value.",
                    "code": {"Python3": "py", "C++": "class Solution {};", "Go": "func x() {}"},
                },
                {
                    "name": "Solution 2",
                    "explanation_md": "Sort.",
                    "code": {"C++": "second", "Java": "class Solution {}\n", "TypeScript": "ts"},
                },
            ],
        }
    )
    assert dict(entry.code) == {
        "cpp": "class Solution {};\n",  # the first approach's, when it has one
        "java": "class Solution {}\n",
        "typescript": "ts\n",
    }
    own = SolutionRecord(code="class Solution: ...", language="python3")
    enriched = doocs.enrich(_record(solutions=(own,)), entry)
    assert [(s.language, s.kind) for s in enriched.solutions] == [
        ("python3", "optimal"),
        ("cpp", "optimal"),
        ("java", "optimal"),
        ("typescript", "optimal"),
    ]
    again = doocs.enrich(enriched, entry)
    assert again.solutions == enriched.solutions  # never twice
