# verdict: TLE
# attack: lift every resource limit, then loop forever
# ruff: noqa
# mypy: ignore-errors
import resource


class Solution:
    def solve(self, n: int) -> int:
        for name in dir(resource):
            if name.startswith("RLIMIT_"):
                try:
                    resource.setrlimit(
                        getattr(resource, name), (resource.RLIM_INFINITY, resource.RLIM_INFINITY)
                    )
                except (ValueError, OSError):
                    pass
        while True:
            pass
