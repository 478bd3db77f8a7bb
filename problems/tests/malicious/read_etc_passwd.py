# verdict: AC
# attack: read the host's /etc/passwd and shadow (AC means nothing was found)
# ruff: noqa
# mypy: ignore-errors
class Solution:
    def solve(self, n: int) -> int:
        for path in ("/etc/passwd", "/etc/shadow", "/etc/hostname", "/etc/hosts"):
            try:
                with open(path) as f:
                    if f.read():
                        return -1
            except OSError:
                pass
        return n
