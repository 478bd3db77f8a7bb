# verdict: TLE
# attack: fake a fast run by patching the clocks, while burning CPU
# ruff: noqa
# mypy: ignore-errors
import time

time.perf_counter = lambda: 0.0
time.monotonic = lambda: 0.0
time.process_time = lambda: 0.0


class Solution:
    def solve(self, n: int) -> int:
        while True:
            pass
