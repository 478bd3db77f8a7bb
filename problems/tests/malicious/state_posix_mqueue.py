# verdict: WA
# attack: carry a counter in a POSIX message queue and in System V shared memory
# ruff: noqa
# mypy: ignore-errors
import ctypes

IPC_CREAT = 0o1000


class Solution:
    def solve(self, n: int) -> int:
        libc = ctypes.CDLL(None, use_errno=True)
        rt = ctypes.CDLL("librt.so.1", use_errno=True)
        count = 0
        mq = rt.mq_open(b"/carry", 0o102, 0o600, None)  # O_RDWR | O_CREAT
        if mq >= 0:
            attr = (ctypes.c_long * 8)()
            rt.mq_getattr(mq, attr)
            count = attr[3]  # messages already queued
            rt.mq_send(mq, b"x", 1, 0)
        shm = libc.shmget(0x4D4D, 4096, IPC_CREAT | 0o600)
        if shm >= 0:
            libc.shmat.restype = ctypes.c_void_p
            addr = libc.shmat(shm, None, 0)
            if addr not in (None, ctypes.c_void_p(-1).value):
                cell = ctypes.c_int.from_address(addr)
                count = max(count, cell.value)
                cell.value += 1
        return count
