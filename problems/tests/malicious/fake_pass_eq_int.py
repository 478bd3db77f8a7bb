# verdict: WA
# attack: an int subclass that claims to equal any expected value
# ruff: noqa
# mypy: ignore-errors
class Sneaky(int):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = int.__hash__

    def __repr__(self):
        return "0"


class Solution:
    def solve(self, n: int) -> int:
        return Sneaky(12345)
