# verdict: MLE
# attack: grow memory a megabyte at a time, touching every page
# ruff: noqa
# mypy: ignore-errors
class Solution:
    def solve(self, n: int) -> int:
        hoard = []
        while True:
            hoard.append(bytearray(b"x" * (1 << 20)))
