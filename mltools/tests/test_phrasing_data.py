"""The fine-tune's phrasing data: true targets, the worker's own prompt, no leak into evaluation."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from mltools.contracts import ChatTurn
from mltools.data import phrasing
from mltools.llm import facts as facts_text
from mltools.llm import honesty, prompts, runtime
from mltools.training import train_lora

ROOT = Path(__file__).resolve().parents[2]
MESSAGES = (ChatTurn("system", "You are an interviewer."), ChatTurn("user", "Facts:\n- Accepted."))


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("phrasing")
    phrasing.prepare(ROOT / "problems" / "bank", out)
    return out


def _rows(folder: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (folder / "part-0000.jsonl").read_text().splitlines()]


def test_every_target_is_the_built_feedback_and_passes_the_checker(prepared: Path) -> None:
    bank = phrasing.bank_problems(ROOT / "problems" / "bank")
    cases = [(p, label, f) for p in bank for label, f in phrasing.simulated_facts(p)]
    assert {label for _, label, _ in cases} >= {"optimal", "slow", "wrong-on-edge-case", "empty"}
    trained = {(r["slug"], r["output"]) for r in _rows(prepared / "train")}
    for problem, _label, facts in cases:
        built = facts_text.facts_only_narrative(facts)
        if (problem.slug, built) in trained:
            assert not honesty.check_narrative(built, facts)
    report = json.loads((prepared / "report.json").read_text())
    assert len(report["not_trained"]) < len(cases) // 20  # the checker's rare disagreements
    row = _rows(prepared / "train")[0]
    assert row["output"] and row["output"] in row["instruction"]


def test_the_prompt_is_the_one_the_worker_sends(prepared: Path) -> None:
    case = phrasing.held_out_cases(prepared)[0]
    example = phrasing.phrasing_example(case.facts, task="phrase_x", slug=case.slug)
    system, user = prompts.load("phrase").messages(text=facts_text.facts_only_narrative(case.facts))
    assert (example["system"], example["instruction"]) == (system.content, user.content)


def test_evaluation_problems_are_never_trained_on(prepared: Path) -> None:
    train = {r["slug"] for r in _rows(prepared / "train")}
    validation = {r["slug"] for r in _rows(prepared / "validation")}
    held = {c.slug for c in phrasing.held_out_cases(prepared)}
    assert "two-sum" in held  # the hand-made evaluation's problem
    assert not (held & train) and not (held & validation) and not (train & validation)
    assert any(s.startswith("humaneval-") for s in train)
    report = json.loads((prepared / "report.json").read_text())
    for split in ("train", "validation", "evaluation"):
        text = (prepared / split / "part-0000.jsonl").read_bytes()
        assert report[split]["sha256"] == hashlib.sha256(text).hexdigest()


def test_the_edge_case_candidate_fails_on_an_input_with_a_computed_trait() -> None:
    problem = next(
        p for p in phrasing.bank_problems(ROOT / "problems" / "bank") if p.slug == "two-sum"
    )
    facts = dict(phrasing.simulated_facts(problem))["wrong-on-edge-case"]
    assert facts.verdict == "WA" and facts.failing_test_index is not None
    assert facts.failing_traits  # e.g. "`nums` has duplicates", computed from the values
    args, expected, sample = problem.tests[facts.failing_test_index - 1]
    if sample:
        assert json.dumps(expected) == facts.failing_expected


def test_training_renders_the_system_turn_as_the_runtime_does() -> None:
    from transformers import AutoTokenizer

    from mltools.llm.weights import gguf_path

    path = gguf_path()
    tokenizer = AutoTokenizer.from_pretrained(path.parent, gguf_file=path.name)
    system, user = MESSAGES
    example = {"system": system.content, "instruction": user.content, "input": "", "output": "x"}
    trained = train_lora.prompt_text(tokenizer, example)
    served = runtime.render_chat(tokenizer.chat_template, MESSAGES)
    assert trained == served
