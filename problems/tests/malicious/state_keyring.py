# verdict: WA
# attack: store a counter in the session keyring, shared by every process of the sandbox
# ruff: noqa
# mypy: ignore-errors
import ctypes

KEY_SPEC_SESSION_KEYRING = -3
SYS_ADD_KEY = 248
SYS_KEYCTL = 250


class Solution:
    def solve(self, n: int) -> int:
        libc = ctypes.CDLL(None, use_errno=True)
        count = 0
        for i in range(1, 10):
            key = libc.syscall(
                SYS_KEYCTL, 10, b"user", f"carry{i}".encode(), 0
            )  # KEYCTL_SEARCH-ish probe
            if key > 0:
                count = i
        libc.syscall(
            SYS_ADD_KEY, b"user", f"carry{count + 1}".encode(), b"x", 1, KEY_SPEC_SESSION_KEYRING
        )
        return count
