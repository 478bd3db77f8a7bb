"""Verdicts, as DMOJ keeps submission statuses: short codes stored, labels shown."""

from __future__ import annotations

from django.db import models


class Verdict(models.TextChoices):
    AC = "AC", "Accepted"
    WA = "WA", "Wrong Answer"
    TLE = "TLE", "Time Limit Exceeded"
    MLE = "MLE", "Memory Limit Exceeded"
    RE = "RE", "Runtime Error"
    CE = "CE", "Compile Error"
    OLE = "OLE", "Output Limit Exceeded"
    IE = "IE", "Internal Error"


# What a call's sandbox status means once the returned value is known to be right or wrong.
STATUS_VERDICTS: dict[str, Verdict] = {
    "runtime_error": Verdict.RE,
    "tle": Verdict.TLE,
    "mle": Verdict.MLE,
    "ole": Verdict.OLE,
    "internal_error": Verdict.IE,
}
