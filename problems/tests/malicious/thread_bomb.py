# verdict: RE
# attack: thousands of sleeping threads
# ruff: noqa
# mypy: ignore-errors
import threading
import time


class Solution:
    def solve(self, n: int) -> int:
        threads = [threading.Thread(target=time.sleep, args=(60,)) for _ in range(10_000)]
        for t in threads:
            t.start()
        return n
