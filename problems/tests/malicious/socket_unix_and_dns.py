# verdict: RE
# attack: a Unix socket pair and a DNS lookup
# ruff: noqa
# mypy: ignore-errors
import socket


class Solution:
    def solve(self, n: int) -> int:
        a, b = socket.socketpair()
        return len(socket.gethostbyname("example.com")) + n
