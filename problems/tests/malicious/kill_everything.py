# verdict: RE
# attack: kill every process it can see, and its whole process group
# ruff: noqa
# mypy: ignore-errors
import os
import signal


class Solution:
    def solve(self, n: int) -> int:
        try:
            os.killpg(0, signal.SIGKILL)
        except OSError:
            pass
        os.kill(-1, signal.SIGKILL)
        return n
