"""The judge cases from public bug reports (`../shared/cases/judge/`), each judged as its
README says (`manage.py judge solution.py --problem SLUG` or `--tests tests.json`), against
the verdict on the first line of its `expected.txt`.

Problems named by `problem.txt` come from the bank (a file of `problems/bank`) or from
the shared LeetCodeDataset files (only the rows of the problems needed are imported).
Each test skips with the reason when `../shared` is absent.
"""

from __future__ import annotations

import gzip
import json
import os
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from problems.services import problems_ingest

pytestmark = [
    pytest.mark.sandbox,
    pytest.mark.shared_data,
    pytest.mark.django_db,
    pytest.mark.timeout(300),
]

SHARED = Path(
    os.environ.get("MOCKMATE_SHARED_CASES")
    or Path(settings.BASE_DIR).parent / "shared" / "cases" / "judge"
)
BANK = Path(settings.BASE_DIR) / "problems" / "bank"
CASES = sorted(p.name for p in SHARED.iterdir() if p.is_dir()) if SHARED.is_dir() else []


def _leetcodedataset_rows(slugs: set[str], tmp_path: Path) -> Path:
    data = SHARED.parent.parent / "data" / "leetcodedataset"
    files = sorted(data.glob("*.jsonl.gz"))
    if not files:
        pytest.skip(f"the shared LeetCodeDataset files are not at {data}")
    rows: dict[str, str] = {}
    for path in files:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                task_id = json.loads(line).get("task_id")
                if task_id in slugs:
                    rows[task_id] = line  # the last version wins, as in the importer
    out = tmp_path / "rows.jsonl"
    out.write_text("".join(rows.values()))
    return out


def _problem(slug: str, tmp_path: Path) -> None:
    if (BANK / f"{slug}.yaml").is_file():
        problems_ingest(source="bank", path=BANK / f"{slug}.yaml")
    else:
        problems_ingest(source="leetcodedataset", path=_leetcodedataset_rows({slug}, tmp_path))


def _judge(folder: Path, tmp_path: Path) -> dict:
    out = StringIO()
    solution = str(folder / "solution.py")
    if (folder / "tests.json").is_file():
        call_command("judge", solution, "--tests", str(folder / "tests.json"), "--json", stdout=out)
    else:
        slug = (folder / "problem.txt").read_text().strip()
        _problem(slug, tmp_path)
        call_command("judge", solution, "--problem", slug, "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.skipif(not CASES, reason=f"the shared judge cases are not at {SHARED}")
@pytest.mark.parametrize("case", CASES or ["none"])
def test_each_shared_case_gets_its_expected_verdict(case: str, tmp_path: Path) -> None:
    folder = SHARED / case
    expected = (folder / "expected.txt").read_text().split()[0]
    report = _judge(folder, tmp_path)
    assert report["verdict"] == expected, (report["message"], report["tests"][:3])


@pytest.mark.skipif(not CASES, reason=f"the shared judge cases are not at {SHARED}")
def test_the_leetcodedataset_import_reads_order_and_tolerance_from_the_statements(
    tmp_path: Path,
) -> None:
    from problems.models import Problem

    slugs = {
        "n-queens": "any_order",  # boards: each board's rows are positions
        "k-closest-points-to-origin": "any_order",  # coordinates
        "queens-that-can-attack-the-king": "any_order",
        "3sum": "any_order_nested",  # triplets are sets
        "combination-sum": "any_order_nested",
        "critical-connections-in-a-network": "any_order_nested",  # undirected edges
        "find-the-difference-of-two-arrays": "any_order_nested",  # "integers in the lists"
        # "Return all possible palindrome partitioning": no order asked for, none imposed
        "palindrome-partitioning": "any_order",
        "path-sum-ii": "any_order",
    }
    problems_ingest(
        source="leetcodedataset",
        path=_leetcodedataset_rows({*slugs, "frog-position-after-t-seconds"}, tmp_path),
    )
    for slug, checker in slugs.items():
        checkers = set(Problem.objects.get(slug=slug).tests.values_list("checker", flat=True))
        # an empty or flat expected list needs no more than any_order
        assert checker in checkers and checkers <= {checker, "any_order"}, (slug, checkers)
    frog = Problem.objects.get(slug="frog-position-after-t-seconds")
    assert frog.tolerance == 1e-5  # "Answers within 10-5 of the actual answer"
    assert set(frog.tests.values_list("checker", flat=True)) == {"float"}
