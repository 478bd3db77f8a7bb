# verdict: WA
# attack: leave a trace in the pid counter by starting threads (the next test reads its own pid)
# ruff: noqa
# mypy: ignore-errors
import os
import threading

FIRST_PID = os.getpid()


class Solution:
    def solve(self, n: int) -> int:
        # Every test's process gets the same pid when nothing in between created a task.
        count = 0
        try:
            for _ in range(50):
                threading.Thread(target=lambda: None).start()
        except RuntimeError:
            pass
        marker = FIRST_PID
        return (marker - 3) // 51 if marker > 3 else count
