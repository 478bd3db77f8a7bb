"""The doocs/leetcode index built from a checkout is the index `--enrich-from` reads."""

from __future__ import annotations

import gzip
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from mltools.data import doocs

ROOT = Path(__file__).resolve().parents[2]
CHECKOUT = ROOT / "problems" / "tests" / "fixtures" / "doocs_checkout"
SHARED = Path(os.environ.get("MOCKMATE_SHARED_DATA") or ROOT.parent / "shared" / "data") / "doocs"


@pytest.fixture
def shared_doocs() -> Path:
    if not (SHARED / "sample" / "solution").is_dir():
        pytest.skip(f"shared doocs data not found at {SHARED} (set MOCKMATE_SHARED_DATA)")
    return SHARED


def _compared(row: dict[str, Any]) -> dict[str, Any]:
    """What the acceptance compares: title, difficulty, tags, approach names, code per language."""
    return {
        "title": row["title"],
        "difficulty": row["difficulty"],
        "tags": row["tags"],
        "approaches": [(a["name"], a["code"]) for a in row["approaches"]],
    }


def test_the_sample_checkout_builds_the_shared_index_rows(shared_doocs: Path) -> None:
    built = doocs.build_index(shared_doocs / "sample")

    published = {}
    with gzip.open(shared_doocs / "doocs_leetcode_en.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            published[row["slug"]] = row
    assert (len(built.rows), built.skipped) == (25, ())
    for row in built.rows:
        expected = published[row["slug"]]
        assert _compared(row) == _compared(expected), row["slug"]
        # the rest of the row agrees too, but for the files the sample did not copy
        assert {k: v for k, v in row.items() if k != "solution_files"} == {
            k: v for k, v in expected.items() if k != "solution_files"
        }, row["slug"]
        assert set(row["solution_files"]) <= set(expected["solution_files"])
    design = next(r for r in built.rows if r["slug"] == "lru-cache")
    assert {"Python3", "C++", "Java", "TypeScript"} <= set(design["approaches"][0]["code"])


def test_loading_the_checkout_equals_loading_the_index_built_from_it(tmp_path: Path) -> None:
    built = doocs.build_index(CHECKOUT)
    out = tmp_path / "index.jsonl.gz"
    out.write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in built.rows).encode()))

    from_checkout, from_file = doocs.load_index(CHECKOUT), doocs.load_index(out)

    assert from_checkout == from_file
    entry = from_checkout.entries["drop-every-second-node"]
    assert (entry.title, entry.tags) == ("Drop Every Second Node", ("linked-list",))
    assert entry.approaches[0].name == "Two Pointers"
    assert entry.approaches[0].explanation.startswith("We walk the list with a pointer `cur`")


def test_a_readme_without_code_tabs_takes_its_code_from_the_solution_files() -> None:
    built = doocs.build_index(CHECKOUT)

    pairs = next(r for r in built.rows if r["slug"] == "pairs-adding-to-target")
    assert pairs["title"] == "Pairs Adding to Target 🔒"
    (approach,) = pairs["approaches"]  # Solution2.py names no section of the README
    assert sorted(approach["code"]) == ["Go", "Python3"]
    assert approach["code"]["Go"].endswith("return\n}\n")
    assert pairs["solution_files"] == ["Solution.go", "Solution.py", "Solution2.py"]
    drop = next(r for r in built.rows if r["slug"] == "drop-every-second-node")
    assert sorted(drop["approaches"][0]["code"]) == ["C++", "Java", "Python3"]
    assert (drop["rating"], drop["source"]) == (1234.0, "Invented Contest 1 Q2")


def test_a_corrupt_readme_is_skipped_with_its_folder_and_costs_no_other(tmp_path: Path) -> None:
    checkout = tmp_path / "leetcode"
    shutil.copytree(CHECKOUT, checkout)
    broken = checkout / "solution/9000-9099/9001.Drop Every Second Node/README_EN.md"
    broken.write_bytes(b"---\ndifficulty: [Medium\n---\n\xff\xfe")

    built = doocs.build_index(checkout)

    assert [r["slug"] for r in built.rows] == ["pairs-adding-to-target"]
    (skipped,) = built.skipped
    assert skipped.reason.startswith("solution/9000-9099/9001.Drop Every Second Node: ")
    assert "\n" not in skipped.reason


def test_a_readme_without_its_title_heading_says_so(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"no '# \[N. Title\]"):
        doocs.row_from_readme("---\ndifficulty: Easy\n---\n# Two Sum\n")


def test_a_checkout_of_another_repository_is_refused_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "solution" / "src").mkdir(parents=True)
    (tmp_path / "solution" / "src" / "README_EN.md").write_text("# Not doocs\n")

    with pytest.raises(doocs.CheckoutError) as error:
        doocs.build_index(tmp_path)

    assert str(error.value) == (
        f"{tmp_path} is not a doocs/leetcode checkout: no "
        "solution/<range>/<NNNN.Title>/README_EN.md in it"
    )
