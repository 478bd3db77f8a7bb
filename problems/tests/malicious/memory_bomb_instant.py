# verdict: MLE
# attack: allocate ten gigabytes at once
# ruff: noqa
# mypy: ignore-errors
class Solution:
    def solve(self, n: int) -> int:
        block = bytearray(10 * 1024**3)
        return n + len(block)
