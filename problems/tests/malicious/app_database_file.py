# verdict: AC
# attack: open the app's SQLite database and the source tree (AC means they are invisible)
# ruff: noqa
# mypy: ignore-errors
import os

REPO = "__REPO__"


class Solution:
    def solve(self, n: int) -> int:
        for path in (
            f"{REPO}/db.sqlite3",
            f"{REPO}/var",
            f"{REPO}/manage.py",
            REPO,
            "/work",
            "/root",
            "/home",
            "/var",
            "/etc",
        ):
            if os.path.exists(path):
                return -1
        return n
