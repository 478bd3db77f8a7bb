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
            core = core.rstrip(".")  # a quote ends where its sentence does
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
        # "can I use X" is a rule question: the statement's rule, quoted, and no steering
        ("Can I use two pointers?", "answerable", "nothing in the statement restricts"),
    ],
)
def test_a_leetcode_statement(question: str, kind: str, needle: str) -> None:
    result = answer_question(LEETCODE, question)
    assert result.kind == kind and needle in result.answer.replace("`", ""), result.answer


def test_an_empty_question_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="empty"):
        answer_question(LEETCODE, "   ")


# --- example explanations and notes are evidence -------------------------------------------

THREE_SUM = ProblemBrief(
    title="3Sum",
    statement="""Given an integer array nums, return all the triplets [nums[i], nums[j], nums[k]] such that i != j, i != k, and j != k, and nums[i] + nums[j] + nums[k] == 0.

Notice that the solution set must not contain duplicate triplets.

Example 1:

Input: nums = [-1,0,1,2,-1,-4]
Output: [[-1,-1,2],[-1,0,1]]
Explanation:
nums[0] + nums[1] + nums[2] = (-1) + 0 + 1 = 0.
nums[1] + nums[2] + nums[4] = 0 + 1 + (-1) = 0.
nums[0] + nums[3] + nums[4] = (-1) + 2 + (-1) = 0.
The distinct triplets are [-1,0,1] and [-1,-1,2].
Notice that the order of the output and the order of the triplets does not matter.

Example 2:

Input: nums = [0,1,1]
Output: []
Explanation: The only possible triplet does not sum up to 0.

Constraints:

3 <= nums.length <= 3000
-10^5 <= nums[i] <= 10^5
""",
    signature="def threeSum(self, nums: List[int]) -> List[List[int]]:",
)

ANAGRAM = ProblemBrief(
    title="Valid Anagram",
    statement="""Given two strings s and t, return true if t is an anagram of s, and false otherwise.

Example 1:

Input: s = "anagram", t = "nagaram"
Output: true

Example 2:

Input: s = "rat", t = "car"
Output: false

Note: An anagram uses every letter of the original word exactly once.

Constraints:

1 <= s.length, t.length <= 5 * 10^4
s and t consist of lowercase English letters.
""",
    signature="def isAnagram(self, s: str, t: str) -> bool:",
)


@pytest.mark.parametrize(
    ("brief", "question", "needle"),
    [
        (THREE_SUM, "Does the order of the triplets matter?", "the order of the triplets does not matter"),
        (THREE_SUM, "Do the triplets have to come out in a particular order?", "does not matter"),
        (THREE_SUM, "Can the output be empty?", "nums = [0,1,1] gives []"),
        (THREE_SUM, "Should the output be sorted?", "the order of the output"),
        (THREE_SUM, "What if there are no triplets?", "nums = [0,1,1] gives []"),
        # a note after the examples is the statement's, not part of the last example
        (ANAGRAM, "Must every letter be used exactly once?", "every letter of the original word exactly once"),
    ],
)  # fmt: skip
def test_explanations_outputs_and_notes_settle_questions(
    brief: ProblemBrief, question: str, needle: str
) -> None:
    result = answer_question(brief, question)
    assert result.kind == "answerable", result.answer
    assert needle in result.answer.replace("`", ""), result.answer


def test_a_long_explanation_is_kept_whole_sentence_by_sentence() -> None:
    units = clarify.evidence_units(THREE_SUM)
    explained = [u.text for u in units if u.source == "explanation"]
    assert explained[-1] == (
        "Notice that the order of the output and the order of the triplets does not matter."
    )
    assert all(u.index == 1 for u in units if u.source == "explanation")
    # the note stays out of the last example
    last = [u for u in clarify.evidence_units(ANAGRAM) if u.source == "example"][-1]
    assert "Note" not in last.text and last.text == '`s = "rat", t = "car"` gives `false`'


# --- a value bounded by another value ---------------------------------------------------------

KTH = ProblemBrief(
    title="Kth Largest Element in an Array",
    statement="Given an integer array nums and an integer k, return the kth largest element in the array.",
    constraints="- `1 <= k <= nums.length <= 10^5`\n- `-10^4 <= nums[i] <= 10^4`",
    signature="def findKthLargest(self, nums: List[int], k: int) -> int:",
)
PAIR = ProblemBrief(
    title="Pair",
    statement="Return the positions of two values of `nums` that add up to `target`.",
    constraints="- `2 <= len(nums) <= 10^5`\n- `-10^9 <= nums[i], target <= 10^9`",
    signature="def twoSum(self, nums: List[int], target: int) -> List[int]:",
)
TOP_K = ProblemBrief(
    title="Top K Frequent Elements",
    statement="Given an integer array nums and an integer k, return the k most frequent elements.",
    constraints=(
        "1 <= nums.length <= 10^5\n-10^4 <= nums[i] <= 10^4\n"
        "k is in the range [1, the number of unique elements in the array].\n"
        "It is guaranteed that the answer is unique."
    ),
    signature="def topKFrequent(self, nums: List[int], k: int) -> List[int]:",
)
SHIFT = ProblemBrief(
    title="Shift a circle",
    statement="There are `n` seats in a circle; return the seat reached after `k` steps from seat 0.",
    constraints="- `1 <= n <= 100`\n- `0 <= k < n`",
    signature="def seat(self, n: int, k: int) -> int:",
)


@pytest.mark.parametrize(
    ("brief", "question", "needles"),
    [
        (KTH, "What about k?", ["1 <= k <= nums.length <= 10^5", "k is at least 1 and at most nums.length"]),
        (KTH, "How big can k be?", ["k is at least 1 and at most nums.length"]),
        (KTH, "Can k be larger than the length of nums?", ["at most nums.length"]),
        (KTH, "Can k be 0?", ["it is never 0"]),
        (SHIFT, "What about k?", ["0 <= k < n", "k is at least 0 and less than n"]),
        (SHIFT, "How large can k get?", ["less than n"]),
        (SHIFT, "Can k be 0?", ["k can be 0"]),
        # a bound written in words
        (TOP_K, "What about k?", ["k is in the range [1, the number of unique elements in the array]"]),
        (TOP_K, "How big can k be?", ["the number of unique elements"]),
        # one line bounding several names
        (PAIR, "How big can target be?", ["-10^9 <= nums[i], target <= 10^9", "target is at least -10^9 and at most 10^9"]),
    ],
)  # fmt: skip
def test_a_bound_relative_to_another_value_is_quoted(
    brief: ProblemBrief, question: str, needles: list[str]
) -> None:
    result = answer_question(brief, question)
    assert result.kind == "answerable", result.answer
    for needle in needles:
        assert needle in result.answer.replace("`", ""), result.answer
    assert result.evidence and result.evidence[0] in result.answer  # the line, quoted


# --- "is X allowed" (a rule) and "should I use X" (the approach) --------------------------

TECHNIQUE_WORDS = ("heap", "sort", "ordereddict", "counter", "binary search", "hash", "stack")


@pytest.mark.parametrize(
    ("slug", "question", "kind", "needles"),
    [
        # the statement's own rule, quoted
        ("sort-colors", "Is sorting allowed?", "answerable", ["Do not use the library's sort"]),
        ("rotate-array", "Can I use a heap?", "answerable", ["Use O(1) extra memory", "your call"]),
        ("lru-cache", "Am I allowed to use collections.Counter?", "answerable", ["O(1) time"]),
        # no rule: nothing forbids it, and the choice stays the candidate's
        ("kth-largest-element", "Can I use a heap?", "solution_seeking", ["Nothing in the statement forbids it", "your call"]),
        ("two-sum", "Is sorting allowed?", "solution_seeking", ["Nothing in the statement forbids it"]),
        ("two-sum", "Am I allowed to use a hash map?", "solution_seeking", ["standard library"]),
        # "allowed" about the input is a clarification, whatever container it names
        ("two-sum", "Are duplicate values allowed in the array?", "answerable", ["nums = [6, 6]"]),
        # an example's explanation and a synonym settle a rule question
        ("merge-intervals", "Do touching intervals merge?", "answerable", ["touch at 3, so they join"]),
        ("merge-intervals", "Does the output need to be sorted?", "answerable", ["return them sorted by start"]),
        ("rotate-array", "Am I allowed to use extra memory?", "answerable", ["Use O(1) extra memory"]),
        ("two-sum", "Am I allowed to use extra memory?", "not_stated", ["does not say anything about a memory limit"]),
        # steering: the approach policy, no verdict
        ("lru-cache", "Should I use an OrderedDict?", "solution_seeking", ["can't give you the approach", "standard library"]),
        ("binary-search", "Would binary search work here?", "solution_seeking", ["can't give you the approach"]),
        ("kth-largest-element", "What about using a heap?", "solution_seeking", ["can't give you the approach"]),
        ("two-sum", "I'm thinking of using a dictionary, thoughts?", "solution_seeking", ["can't give you the approach"]),
    ],
)  # fmt: skip
def test_rule_and_approach_questions(
    bank: dict[str, ProblemRecord], slug: str, question: str, kind: str, needles: list[str]
) -> None:
    test_other_problems(bank, slug, question, kind, needles)  # the same checks, and:
    result = ask(bank, slug, question)
    # the tool asked about is never echoed outside a quoted rule, nor judged
    said = " ".join(part for part in result.answer.split('"')[::2]).lower()  # outside the quotes
    assert not any(word in said for word in TECHNIQUE_WORDS), result.answer
    assert "is fine" not in said and "would work" not in said
