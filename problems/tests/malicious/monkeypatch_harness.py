# verdict: RE
# attack: monkeypatch the harness's json, timer and exit so that any answer looks right
# (the harness then fails in the candidate's own process: a runtime error, never a pass)
# ruff: noqa
# mypy: ignore-errors
import builtins
import json
import os
import sys
import time

json.dumps = lambda *args, **kwargs: "1"
time.perf_counter = lambda: 0.0
os._exit = lambda code: None
builtins.isinstance = lambda obj, cls: True
for module in list(sys.modules.values()):
    if hasattr(module, "check"):
        module.check = lambda *args: True
    if hasattr(module, "encode_result"):
        module.encode_result = lambda value: 1


class Solution:
    def solve(self, n: int) -> int:
        return -1
