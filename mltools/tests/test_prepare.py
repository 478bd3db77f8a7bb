"""The Dask preparation pipeline on a real LocalCluster with 2 worker processes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mltools.contracts import JudgedVariant, TrainingProblem
from mltools.data import prepare


def _problem(i: int, **fields: Any) -> TrainingProblem:
    accepted = JudgedVariant(
        kind="reference",
        code="class Solution: ...",
        verdict="Accepted",
        passed=5,
        total=5,
        time_complexity="O(n)",
    )
    slow = JudgedVariant(
        kind="slow",
        code="class Solution: pass",
        verdict="Accepted",
        passed=5,
        total=5,
        time_complexity="O(n^2)",
    )
    broken = JudgedVariant(kind="broken", code="class Solution: None", verdict="Wrong Answer", passed=1, total=5,
                           failing_input='{"args": [[3, 1]]}', expected="[0, 1]", actual="null", message="Wrong answer")  # fmt: skip
    defaults: dict[str, Any] = dict(
        slug=f"problem-{i}", title=f"Problem {i}", difficulty="easy", statement=f"Do thing {i}.",
        tags=("array",), editorial="Use a hash map.", follow_up="What if the list is sorted?",
        solution_code="class Solution: ...", time_complexity="O(n)", space_complexity="O(n)",
        judged=(accepted, slow, broken),
    )  # fmt: skip
    return TrainingProblem(**{**defaults, **fields})


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    from dask.distributed import Client, LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        with Client(cluster) as c:
            yield c


def test_pipeline_splits_by_problem_and_counts_invalid_records(tmp_path: Path, client: Any) -> None:
    problems = [_problem(i) for i in range(40)] + [
        _problem(99, editorial="")
    ]  # no explanation to teach
    prepare.write_partitions(problems, tmp_path / "in", partitions=4)
    with (tmp_path / "in" / "part-0000.jsonl").open("a") as fh:
        fh.write('{"slug": "half a record"\n')

    report = prepare.prepare(
        tmp_path / "in", tmp_path / "out", validation_percent=25, client=client
    )

    assert len(client.scheduler_info()["workers"]) == 2
    assert report.invalid == {"explain: empty output": 1, "unreadable record: JSONDecodeError": 1}
    assert report.train + report.validation == 41 * 5 - 1  # explain, 3 x feedback, follow-up
    train = prepare.read_examples(tmp_path / "out" / "train")
    validation = prepare.read_examples(tmp_path / "out" / "validation")
    assert len(train) == report.train and len(validation) == report.validation > 0
    assert set(train[0]) == {"instruction", "input", "output"}

    def titles(rows: list[dict[str, str]]) -> set[str]:
        return {r["input"].splitlines()[0] for r in rows}

    assert not titles(train) & titles(validation)  # no problem on both sides
    assert report.train_problems + report.validation_problems == 41

    feedback = [r["output"] for r in train + validation if "not correct yet" in r["output"]]
    assert feedback and all(
        'On input {"args": [[3, 1]]} it returned null, but [0, 1] was expected' in f
        for f in feedback
    )
    assert any("O(n^2), while O(n) is possible" in r["output"] for r in train + validation)

    again = prepare.prepare(
        tmp_path / "in", tmp_path / "out2", validation_percent=25, client=client
    )
    assert again.data_version == report.data_version  # deterministic
    assert json.loads((tmp_path / "out" / "report.json").read_text())["train"] == report.train


def test_split_is_stable_and_roughly_proportional() -> None:
    splits = [prepare.split_of(f"slug-{i}", 20) for i in range(2000)]
    assert splits == [prepare.split_of(f"slug-{i}", 20) for i in range(2000)]
    assert 0.16 < splits.count("validation") / 2000 < 0.24


def test_plain_loop_writes_the_same_examples(tmp_path: Path) -> None:
    prepare.write_partitions([_problem(i) for i in range(10)], tmp_path / "in", partitions=2)
    report = prepare.prepare_loop(tmp_path / "in", tmp_path / "out", validation_percent=25)
    assert report.train + report.validation == 50
    assert len(prepare.read_examples(tmp_path / "out" / "train")) == report.train
