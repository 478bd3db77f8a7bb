# verdict: AC
# attack: connect to a server the judge host runs on 127.0.0.1 (AC means no connection)
# ruff: noqa
# mypy: ignore-errors
import socket


class Solution:
    def solve(self, n: int) -> int:
        for family, address in (
            (socket.AF_INET, ("127.0.0.1", __PORT__)),
            (socket.AF_INET6, ("::1", __PORT__)),
        ):
            try:
                with socket.socket(family, socket.SOCK_STREAM) as s:
                    s.settimeout(1)
                    s.connect(address)
                    s.sendall(b"stolen")
                    return -1
            except OSError:
                pass
        return n
