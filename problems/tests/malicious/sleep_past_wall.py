# verdict: TLE
# attack: sleep past the wall clock (no CPU used, so only the wall limit catches it)
# ruff: noqa
# mypy: ignore-errors
import time


class Solution:
    def solve(self, n: int) -> int:
        time.sleep(3600)
        return n
