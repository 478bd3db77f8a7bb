# verdict: WA
# attack: keep a counter on a class the worker shares (a stdlib class and builtins)
# ruff: noqa
# mypy: ignore-errors
import builtins
import collections


class Solution:
    def solve(self, n: int) -> int:
        count = getattr(collections.Counter, "_count", 0)
        collections.Counter._count = count + 1
        builtins._count = getattr(builtins, "_count", 0) + 1
        return max(count, builtins._count - 1)
