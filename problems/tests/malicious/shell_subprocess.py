# verdict: RE
# attack: shell out with subprocess to look around the host
# ruff: noqa
# mypy: ignore-errors
import subprocess


class Solution:
    def solve(self, n: int) -> int:
        out = subprocess.run(["/bin/sh", "-c", "cat /etc/passwd; ls /"], capture_output=True)
        return len(out.stdout)
