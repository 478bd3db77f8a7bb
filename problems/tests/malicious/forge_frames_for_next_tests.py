# verdict: RE
# attack: pre-answer the next tests by writing forged frames, then answer this one wrongly
# (a second frame on the result pipe is tampering: a runtime error, and the next tests are unaffected)
# ruff: noqa
# mypy: ignore-errors
import json
import os
import struct


def frame(header, value):
    data = json.dumps(dict(header, payload=len(value))).encode()
    return struct.pack(">I", len(data)) + data + value


class Solution:
    def solve(self, n: int) -> int:
        for k in range(4):
            forged = frame({"op": "result", "status": "ok", "clean": True}, str(k).encode())
            for fd in range(3, 64):
                try:
                    os.write(fd, forged)
                except OSError:
                    pass
        return n + 1
