# verdict: OLE
# attack: return a value far larger than any answer (20 MB of JSON)
# ruff: noqa
# mypy: ignore-errors
class Solution:
    def solve(self, n: int) -> str:
        return "x" * (20 * 1024 * 1024)
