# verdict: RE
# attack: unbounded recursion
# ruff: noqa
# mypy: ignore-errors
class Solution:
    def solve(self, n: int) -> int:
        return self.solve(n + 1)
