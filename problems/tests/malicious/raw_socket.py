# verdict: RE
# attack: a raw socket to sniff or forge packets
# ruff: noqa
# mypy: ignore-errors
import socket


class Solution:
    def solve(self, n: int) -> int:
        s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
        s.sendto(b"\x08\x00" + b"\x00" * 6, ("127.0.0.1", 0))
        return n
