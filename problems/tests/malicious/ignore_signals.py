# verdict: TLE
# attack: ignore SIGXCPU, SIGTERM and friends, then loop forever
# ruff: noqa
# mypy: ignore-errors
import signal


class Solution:
    def solve(self, n: int) -> int:
        for sig in (signal.SIGXCPU, signal.SIGTERM, signal.SIGINT, signal.SIGALRM, signal.SIGHUP):
            signal.signal(sig, signal.SIG_IGN)
        while True:
            pass
