# verdict: RE
# attack: crash the interpreter with a null pointer read
# ruff: noqa
# mypy: ignore-errors
import ctypes


class Solution:
    def solve(self, n: int) -> int:
        return ctypes.c_int.from_address(8).value
