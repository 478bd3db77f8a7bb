# verdict: RE
# attack: open file descriptors until none are left
# ruff: noqa
# mypy: ignore-errors
import os


class Solution:
    def solve(self, n: int) -> int:
        fds = []
        while True:
            fds.append(os.open("/dev/null", os.O_RDONLY))
