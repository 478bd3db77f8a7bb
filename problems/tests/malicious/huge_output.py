# verdict: OLE
# attack: print without end
# ruff: noqa
# mypy: ignore-errors
class Solution:
    def solve(self, n: int) -> int:
        while True:
            print("x" * 10_000)
