"""Prompt templates: one file per task, with the decisions behind it in its [note].

A file has three sections, `[note]`, `[system]` and `[user]`; `$name` placeholders are
filled with `string.Template` (braces in quoted code stay untouched). Candidate text is
only ever substituted into `[user]`, quoted, never into `[system]`.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from mltools.contracts import ChatTurn

FOLDER = Path(__file__).resolve().parent
_SECTION = re.compile(r"^\[(note|system|user)\]\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Prompt:
    name: str
    note: str
    system: str
    user: str

    def messages(self, **values: str) -> tuple[ChatTurn, ...]:
        return (
            ChatTurn("system", string.Template(self.system).safe_substitute(values).strip()),
            ChatTurn("user", string.Template(self.user).safe_substitute(values).strip()),
        )


@cache
def load(name: str) -> Prompt:
    text = (FOLDER / f"{name}.txt").read_text()
    parts = _SECTION.split(text)
    sections = {parts[i]: parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}
    return Prompt(name, sections.get("note", ""), sections["system"], sections["user"])


def names() -> list[str]:
    return sorted(p.stem for p in FOLDER.glob("*.txt"))
