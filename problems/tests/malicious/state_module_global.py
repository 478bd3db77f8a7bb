# verdict: WA
# attack: count tests in a module global and in sys.modules (the nth test answers n only if state survived)
# ruff: noqa
# mypy: ignore-errors
import sys

seen = sys.modules.setdefault("_carry", type(sys)("_carry"))
seen.count = getattr(seen, "count", -1) + 1
COUNT = seen.count


class Solution:
    def solve(self, n: int) -> int:
        return COUNT
