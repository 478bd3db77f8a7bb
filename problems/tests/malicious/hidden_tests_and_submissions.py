# verdict: AC
# attack: search the whole file system for the bank, databases, other submissions (AC means none)
# ruff: noqa
# mypy: ignore-errors
import os


class Solution:
    def solve(self, n: int) -> int:
        found = []
        for root, dirs, files in os.walk("/"):
            if root.startswith(("/usr/lib", "/usr/bin", "/dev")):
                dirs[:] = []
                continue
            found += [os.path.join(root, f) for f in files]
        if found:
            return -1  # /tmp of the sandbox starts empty; nothing else is writable or mounted
        if os.path.exists("/proc"):
            return -1
        return n
