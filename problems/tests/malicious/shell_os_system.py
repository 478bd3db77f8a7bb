# verdict: RE
# attack: os.system and os.popen
# ruff: noqa
# mypy: ignore-errors
import os


class Solution:
    def solve(self, n: int) -> int:
        if os.system("touch /tmp/pwned") == 0:
            return -1  # a shell ran
        if os.popen("id").read():
            return -1
        raise RuntimeError("no shell")
