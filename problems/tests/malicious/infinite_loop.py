# verdict: TLE
# attack: an infinite loop in the solution
# ruff: noqa
# mypy: ignore-errors
class Solution:
    def solve(self, n: int) -> int:
        while True:
            n += 1
