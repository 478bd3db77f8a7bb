# verdict: RE
# attack: a process pool from multiprocessing
# ruff: noqa
# mypy: ignore-errors
import multiprocessing


def burn(x):
    while True:
        x += 1


class Solution:
    def solve(self, n: int) -> int:
        with multiprocessing.Pool(8) as pool:
            pool.map(burn, range(64))
        return n
