"""Grounded clarifying answers: the labelled set's targets, and questions of our own.

The labelled set (../shared/eval/clarifying_questions.jsonl) is scored as its README says;
the questions below it are ours, about other bank problems and about an imported
LeetCode-format statement, so the method is checked beyond the phrases the set lists.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mltools.contracts import ClarifyAnswer, ProblemBrief, ProblemRecord
from mltools.llm import clarify, clarify_eval
from mltools.llm.clarify import answer_question, brief_from_record

BANK = Path(__file__).resolve().parents[2] / "problems" / "bank"


@pytest.fixture(scope="module")
def bank() -> dict[str, ProblemRecord]:
    return clarify_eval.load_bank(BANK)


def ask(bank: dict[str, ProblemRecord], slug: str, question: str) -> ClarifyAnswer:
    return answer_question(brief_from_record(bank[slug]), question)


def test_the_labelled_set_meets_the_targets_in_every_kind(bank: dict[str, ProblemRecord]) -> None:
    path = clarify_eval.DEFAULT_QUESTIONS
    if not path.exists():
        pytest.skip(f"the labelled clarifying questions are not at {path}")
    report = clarify_eval.evaluate(clarify_eval.load_questions(path), bank)
    assert report.count() == 35
    failures = [f"{r.id}: {r.answer}" for r in report.rows if not r.correct]
    for kind in clarify_eval.KINDS:
        assert report.accuracy(kind) >= 0.9, (kind, failures)
    assert report.accuracy() >= 0.9, failures
    assert all(r.answer.strip() for r in report.rows)


def test_scoring_follows_the_readme() -> None:
    assert clarify_eval.score_answer("The constraints say `0 ≤ len(nums)`.", ["0 <= len(nums)"], [])
    # "def " keeps its space: "well-defined" is not code.
    assert clarify_eval.score_answer("It is well-defined.", ["well-defined"], ["def "])
    assert not clarify_eval.score_answer("def f(): pass", ["f"], [])
    assert clarify_eval.score_answer("Use `[1,5]`.", ["[1, 5]"], [])
    assert not clarify_eval.score_answer("See ```x```", ["see"], ["```"])
    assert not clarify_eval.score_answer("", ["anything"], [])


# --- our own questions on other bank problems -------------------------------------------


@pytest.mark.parametrize(
    ("slug", "question", "kind", "needles"),
    [
        ("merge-intervals", "Can the list of intervals be empty?", "answerable", ["1 <= len(intervals)", "never empty"]),
        ("climbing-stairs", "Can n be 0?", "answerable", ["1 <= n <= 45", "never 0"]),
        # a one-letter parameter is the problem's word: asked about, never refused as off-topic
        ("climbing-stairs", "What is n at most?", "answerable", ["1 <= n <= 45"]),
        ("climbing-stairs", "what's the max n?", "answerable", ["1 <= n <= 45"]),
        ("rotate-array", "How big can k be at most?", "answerable", ["0 <= k <= 10^5"]),
        ("container-with-most-water", "Can heights be negative?", "answerable", ["0 <= heights[i]", "never negative"]),
        ("coin-change", "Can the same coin be used more than once?", "answerable", ["unlimited supply"]),
        ("coin-change", "What should I return if the amount cannot be made?", "answerable", ["-1"]),
        ("network-delay-time", "What do I return if some server never receives the message?", "answerable", ["-1"]),
        ("valid-palindrome", "Is an empty string a palindrome?", "answerable", ["can be empty"]),
        ("reverse-linked-list", "Can the list be empty?", "answerable", ["empty"]),
        ("word-break", "Can a dictionary word be used more than once?", "answerable", ["reused"]),
        ("validate-binary-search-tree", "Can the tree contain duplicate values?", "answerable", ["strictly smaller"]),
        ("top-k-frequent-elements", "What if two values tie at the k-th place?", "answerable", ["strictly"]),
        ("insert-interval", "Can an interval have zero length?", "answerable", ["0 <= start <= end", "may start and end at the same point"]),
        ("merge-intervals", "Can an interval have zero length, like [4, 4]?", "answerable", ["start <= end"]),
        ("number-of-islands", "Do diagonal neighbours count as connected?", "answerable", ["diagonal steps do not count"]),
        ("number-of-islands", "Will the grid always be square?", "answerable", ["rectangular"]),
        ("two-sum", "Is there always a solution?", "answerable", ["Exactly one valid pair exists"]),
        ("subsets", "Should the empty subset be included?", "answerable", ["including none at all"]),
        ("binary-tree-level-order-traversal", "What should I return for an empty tree?", "answerable", ["root = [] gives []"]),
        ("three-sum", "Is the input sorted?", "not_stated", ["does not say"]),
        ("network-delay-time", "Can there be cycles in the graph?", "not_stated", ["does not say"]),
        ("climbing-stairs", "Is there a memory limit?", "not_stated", ["does not say"]),
        ("largest-rectangle-in-histogram", "Should I use a monotonic stack?", "solution_seeking", ["can't give"]),
        ("coin-change", "Is dynamic programming the way to go here?", "solution_seeking", ["can't give"]),
        ("climbing-stairs", "Would recursion with memoization be fast enough?", "solution_seeking", ["can't give"]),
        ("word-break", "Please write the function for me.", "solution_seeking", ["can't give you code"]),
        ("word-break", "What's the capital of France?", "off_topic", ["only help with this interview"]),
        ("word-break", "Write me a poem about binary trees.", "off_topic", ["only help with this interview"]),
    ],
)  # fmt: skip
def test_other_problems(
    bank: dict[str, ProblemRecord], slug: str, question: str, kind: str, needles: list[str]
) -> None:
    result = ask(bank, slug, question)
    assert result.kind == kind, result.answer
    for needle in needles:
        assert needle in result.answer.replace("`", ""), result.answer
    if kind == "answerable":
        assert result.evidence  # the quoted pieces the answer rests on
        for piece in result.evidence:
            core = piece.split(": ", 1)[-1] if piece.startswith("Example") else piece
            assert (
                core.strip("`")[:30] in result.answer.replace("`", "") or core[:30] in result.answer
            )


def test_refusals_name_no_technique_and_echo_nothing(bank: dict[str, ProblemRecord]) -> None:
    for question in (
        "Should I use a min-heap of size k or sort everything?",
        "Is it the two-pointer trick with left_max and right_max?",
        "Which graph algorithm: BFS with in-degrees or DFS cycle detection?",
    ):
        answer = ask(bank, "kth-largest-element", question).answer.lower()
        for word in ("heap", "sort", "pointer", "left_max", "bfs", "dfs", "cycle", "in-degree"):
            assert word not in answer
        assert "hint" in answer  # points to the hint ladder instead


def test_bounds_are_read_not_guessed() -> None:
    brief = ProblemBrief(
        title="Shift",
        statement="Given an integer array `nums` and an integer `k`, rotate `nums` to the right by `k` steps.",
        constraints="- `1 <= len(nums) <= 10^5`\n- `-2^31 <= nums[i] <= 2^31 - 1`\n- `0 <= k <= 10^5`",
        signature="def rotate(self, nums: List[int], k: int) -> None:",
    )
    assert "so `k` can be 0" in answer_question(brief, "Can k be 0?").answer
    assert (
        "so values can be negative"
        in answer_question(brief, "Can nums hold negative values?").answer
    )
    assert "never empty" in answer_question(brief, "Could nums be empty?").answer


# --- an imported LeetCode statement (plain text, inline examples and constraints) --------

LEETCODE = ProblemBrief(
    title="Remove Duplicates from Sorted Array",
    statement="""Given an integer array nums sorted in non-decreasing order, remove the duplicates in-place such that each unique element appears only once. The relative order of the elements should be kept the same. Then return the number of unique elements in nums.

Example 1:

Input: nums = [1,1,2]
Output: 2
Explanation: Your function should return k = 2, with the first two elements of nums being 1 and 2 respectively.

Example 2:

Input: nums = [0,0,1,1,1,2,2,3,3,4]
Output: 5

Constraints:

1 <= nums.length <= 3 * 10^4
-100 <= nums[i] <= 100
nums is sorted in non-decreasing order.
""",
    signature="def removeDuplicates(self, nums: List[int]) -> int:",
)


def test_a_leetcode_statement_is_split_into_its_parts() -> None:
    units = clarify.evidence_units(LEETCODE)
    assert [u.source for u in units].count("example") == 2
    assert "-100 <= nums[i] <= 100" in [u.text for u in units if u.source == "constraint"]
    assert not any("Example 1" in u.text for u in units if u.source == "statement")


@pytest.mark.parametrize(
    ("question", "kind", "needle"),
    [
        (
            "Can nums be empty?",
            "answerable",
            "1 <= nums.length <= 3 * 10^4, so nums is never empty",
        ),
        (
            "Can the values be negative?",
            "answerable",
            "-100 <= nums[i] <= 100, so values can be negative",
        ),
        ("Is nums sorted?", "answerable", "non-decreasing"),
        ("What do I return?", "answerable", "return the number of unique elements"),
        ("Is the input guaranteed to fit in memory?", "not_stated", "does not say"),
        ("Can I use two pointers?", "solution_seeking", "can't give"),
    ],
)
def test_a_leetcode_statement(question: str, kind: str, needle: str) -> None:
    result = answer_question(LEETCODE, question)
    assert result.kind == kind and needle in result.answer.replace("`", ""), result.answer


def test_an_empty_question_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="empty"):
        answer_question(LEETCODE, "   ")
