"""`manage.py measure_growth`: a file's growth class beside the reference's, with hot lines."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import CommandError, call_command

from problems.services import problems_ingest

pytestmark = [pytest.mark.sandbox, pytest.mark.django_db, pytest.mark.timeout(300)]

BANK = Path(settings.BASE_DIR) / "problems" / "bank"


def _slow_solution(tmp_path: Path, slug: str) -> str:
    problems_ingest(source="bank", path=BANK / f"{slug}.yaml")
    data = yaml.safe_load((BANK / f"{slug}.yaml").read_text())
    path = tmp_path / "slow.py"
    path.write_text(data["slow"]["code"])
    return str(path)


def test_json_gives_the_class_the_reference_s_the_sizes_and_the_hot_lines(tmp_path: Path) -> None:
    path = _slow_solution(tmp_path, "contains-duplicate")
    out = StringIO()
    call_command("measure_growth", path, "--problem", "contains-duplicate", "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["verdict"] == "TLE"  # the bank's slow solution runs out of time on big tests
    assert result["class"] == "O(n^2)"
    # a dict-heavy O(n) can read as O(n log n) on a busy machine (README, the growth bench)
    assert result["reference_class"] in ("O(n)", "O(n log n)")
    assert result["inconclusive"] is False and result["slower"] is True
    assert result["sizes"][0] == 250 and len(result["sizes"]) >= 4
    hot = result["hot_lines"][0]
    # the double loop of the bank's slow solution: `for j` and its `if`, lines 5-6
    assert (hot["first"], hot["last"], hot["order"]) == (5, 6, "O(n^2)")
    assert hot["at_n"] == result["sizes"][-1]
    assert hot["sentence"].startswith("lines 5-6 run about n^2 times: ")
    assert 0 < result["seconds"] < 120


def test_text_output_and_a_problem_without_a_generator(tmp_path: Path) -> None:
    path = _slow_solution(tmp_path, "contains-duplicate")
    out = StringIO()
    call_command("measure_growth", path, "--problem", "contains-duplicate", stdout=out)
    text = out.getvalue()
    assert "class:     O(n^2)" in text and "reference: O(n" in text
    assert "where the time goes: lines 5-6 run about n^2 times" in text
    with pytest.raises(CommandError, match="no problem with slug 'nope'"):
        call_command("measure_growth", path, "--problem", "nope")
