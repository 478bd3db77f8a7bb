# verdict: RE
# attack: kill the worker that forked this test (and then its parent, pid 1)
# ruff: noqa
# mypy: ignore-errors
import os
import signal


class Solution:
    def solve(self, n: int) -> int:
        os.kill(os.getppid(), signal.SIGKILL)
        os.kill(1, signal.SIGKILL)
        return n
