# verdict: RE
# attack: busy threads that keep spinning after the call returns
# ruff: noqa
# mypy: ignore-errors
import threading


def spin():
    while True:
        pass


class Solution:
    def solve(self, n: int) -> int:
        for _ in range(8):
            threading.Thread(target=spin, daemon=True).start()
        return n
