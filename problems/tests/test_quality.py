"""Code-quality facts: real ruff and radon runs on small submissions."""

from __future__ import annotations

import json

from problems.judge.codec import STANDARD_PREAMBLE
from problems.judge.quality import QualityFacts, code_quality, preamble_names, ruff_path

MESSY = """\
class Solution:
    def classify(self, nums: List[int], head: Optional[ListNode]) -> int:
        unused = len(nums)
        counts = defaultdict(int)
        total = 0
        for i in range(len(nums)):
            if nums[i] > 0 and i % 2 == 0:
                total += 1
            elif nums[i] < 0 or nums[i] > 100:
                for j in range(i):
                    if nums[j] == nums[i]:
                        total -= 1
                    elif nums[j] > nums[i] and j % 3 == 0:
                        total += 2
            else:
                while total > 10 and i > 0:
                    total //= 2
            counts[nums[i]] += 1
        return total + missing_helper(counts)
"""

CLEAN = """\
class Solution:
    def twoSum(self, nums: List[int], target: int) -> List[int]:
        seen = {}
        for i, x in enumerate(nums):
            if target - x in seen:
                return [seen[target - x], i]
            seen[x] = i
        return []
"""


def test_ruff_is_found_beside_the_interpreter_or_on_path() -> None:
    assert ruff_path() is not None


def test_unused_variable_and_undefined_name_are_reported_with_their_lines() -> None:
    facts = code_quality(MESSY)
    assert facts.linter_error == ""
    by_code = {(f.code, f.line) for f in facts.lint}
    assert ("F841", 3) in by_code, facts.lint
    undefined = [f for f in facts.lint if f.code == "F821"]
    assert [f.line for f in undefined] == [19]
    assert "missing_helper" in undefined[0].message


def test_names_from_the_preamble_are_not_blamed_on_the_candidate() -> None:
    facts = code_quality(MESSY)
    blamed = " ".join(f.message for f in facts.lint)
    for name in ("List", "Optional", "ListNode", "defaultdict"):
        assert f"`{name}`" not in blamed
    # without the preamble, the same names are the candidate's problem
    bare = code_quality(MESSY, preamble="")
    assert {"List", "ListNode", "defaultdict"} <= {
        f.message.split("`")[1] for f in bare.lint if f.code == "F821"
    }


def test_preamble_names_include_star_imports_of_the_standard_library() -> None:
    names = preamble_names(STANDARD_PREAMBLE)
    assert {"List", "Optional", "Counter", "heappush", "ListNode", "TreeNode", "math"} <= names


def test_complex_function_gets_a_high_cyclomatic_complexity() -> None:
    facts = code_quality(MESSY)
    (function,) = facts.functions
    assert function.name == "Solution.classify"
    assert function.complexity >= 10
    assert function.rank in "BCDEF"
    assert function.length == 18
    assert facts.max_complexity == function.complexity
    assert facts.longest_function == function


def test_clean_code_has_no_findings_and_low_complexity() -> None:
    facts = code_quality(CLEAN)
    assert facts.lint == ()
    assert facts.max_complexity <= 4
    assert (facts.lines, facts.sloc) == (8, 8)
    assert facts.maintainability is not None and facts.maintainability > 50


def test_syntax_error_is_a_fact_not_a_crash() -> None:
    facts = code_quality("class Solution:\n    def f(self,\n")
    assert "line" in facts.syntax_error
    assert facts.functions == ()


def test_facts_round_trip_through_json() -> None:
    facts = code_quality(MESSY)
    data = json.loads(json.dumps(facts.to_dict()))
    assert data["max_complexity"] == facts.max_complexity
    assert data["longest_function"]["name"] == "Solution.classify"
    assert QualityFacts.from_dict(data) == facts
