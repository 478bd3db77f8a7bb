"""The Django side of the interviewer: which model runs, and what the page is given."""

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from interviews import judging, model_registry, services
from interviews.models import ModelVersion, Submission
from problems.tests.factories import problem_create

pytestmark = pytest.mark.django_db


def test_an_adapter_activated_in_the_admin_is_what_the_worker_loads(tmp_path: Path) -> None:
    assert model_registry.runtime_config().adapter_path == ""
    adapter = tmp_path / "adapter"
    adapter.mkdir()
    ModelVersion.objects.create(
        name="run-1", base_model="smollm2-135m", adapter_uri=str(adapter), is_active=True
    )
    config = model_registry.runtime_config()
    assert config.adapter_path == str(adapter) and config.backend == "transformers"
    assert model_registry.runtime_config(version=None).adapter_path == ""


def test_the_model_commands_run_the_configured_backend_and_model(
    settings: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """MOCKMATE_LLM_MODEL with the onnx backend: the commands use both (not transformers)."""
    model_dir = Path(settings.MOCKMATE_DATA_DIR) / "llm" / "nowhere-model"
    settings.MOCKMATE_LLM = {
        **settings.MOCKMATE_LLM,
        "backend": "onnx",
        "model_path": str(model_dir),
    }
    err = StringIO()
    call_command(
        "query_model",
        "--base",
        "--prompt",
        "Say hi.",
        "--max-new-tokens",
        "2",
        stdout=StringIO(),
        stderr=err,
    )
    said = err.getvalue()
    assert "backend onnx" in said and str(model_dir) in said, said
    config = model_registry.runtime_config(version=None)
    assert (config.backend, config.model_path) == ("onnx", str(model_dir))


def test_facts_given_to_the_model_hide_hidden_tests() -> None:
    problem_create()
    user = User.objects.create_user("ada")
    item = services.interview_start(candidate=user).items.get()
    submission = Submission.objects.create(
        item=item, kind="submit", code="x", status="done", verdict="WA", passed=2, total=6,
        report={"first_failure": 2, "tests": [{"index": 2, "is_sample": False, "verdict": "WA", "input": None, "expected": None, "actual": None}]},
        explanation="A loop, O(n) time.",
    )  # fmt: skip
    facts = judging.submission_facts(submission)
    assert (facts.verdict, facts.passed, facts.total, facts.failing_test_index) == ("WA", 2, 6, 3)
    assert facts.failing_test_kind == "hidden" and facts.failing_expected == ""
    assert facts.stated_complexity == "O(n)"


def test_a_design_problems_cost_per_call_is_compared_over_n_calls() -> None:
    """LRU cache: "O(1) per call" measured O(n) over n calls is a match, not a miss."""
    problem_create(slug="cache", entry_kind="design", entry_point="Cache")
    user = User.objects.create_user("ada")
    item = services.interview_start(candidate=user).items.get()
    submission = Submission.objects.create(
        item=item, kind="submit", code="x", status="done", verdict="AC", passed=6, total=6,
        report={"tests": []}, growth={"observed": "O(n)", "optimal": "O(n)"},
        explanation="A dict and an ordered list of keys: O(1) per call.",
    )  # fmt: skip
    facts = judging.submission_facts(submission)
    assert (facts.stated_complexity, facts.stated_as) == (
        "O(n)",
        "O(1) per call, O(n) over n calls",
    )
    item.explanation = submission.explanation
    item.save(update_fields=["explanation"])
    (item_facts,) = judging.interview_item_facts(item.interview)
    assert item_facts.per_call


def _failed(item: Any, test: dict[str, Any]) -> Submission:
    return Submission.objects.create(
        item=item, kind="submit", code="x", status="done", verdict="WA", passed=0, total=6,
        report={"first_failure": 0, "tests": [{"index": 0, "is_sample": True, "verdict": "WA", **test}]},
    )  # fmt: skip


def test_a_design_tests_calls_are_not_read_as_inputs_with_traits() -> None:
    problem = problem_create(slug="cache", entry_kind="design", entry_point="Cache")
    row = problem.tests.first()
    assert row is not None
    user = User.objects.create_user("ada")
    item = services.interview_start(candidate=user).items.get()
    calls = [["Cache", "put", "put", "get"], [[2], [1, 1], [2, 2], [1]]]
    facts = judging.submission_facts(
        _failed(item, {"test_id": row.pk, "input": {"args": calls}, "expected": [None, None, None, 1],
                       "actual": [None, None, None, 2], "message": "Wrong answer at call 3 (get)",
                       "failing_call": "call 3 (get)"})
    )  # fmt: skip
    assert facts.failing_call == "call 3 (get)"
    assert facts.failing_traits == () and facts.failing_shape == ""


def test_an_in_place_answer_left_unchanged_is_the_named_cause() -> None:
    problem = problem_create(
        slug="turn", signature="def rotate(self, nums: List[int], k: int) -> None:",
        entry_point="rotate", returns_argument=0, tests=[([[1, 2, 3, 4], 1], [4, 1, 2, 3])],
    )  # fmt: skip
    row = problem.tests.first()
    assert row is not None
    user = User.objects.create_user("ada")
    item = services.interview_start(candidate=user).items.get()
    unchanged = {"test_id": row.pk, "expected": [4, 1, 2, 3], "actual": [1, 2, 3, 4]}
    facts = judging.submission_facts(_failed(item, unchanged))
    assert facts.unchanged_argument == "nums"
    assert "already sorted" not in " ".join(facts.failing_traits)
    moved = judging.submission_facts(_failed(item, {**unchanged, "actual": [2, 3, 4, 1]}))
    assert moved.unchanged_argument == ""  # written, but wrongly: the traits speak


def test_out_of_time_on_a_tiny_input_is_said_to_be_tiny() -> None:
    problem = problem_create(
        slug="rev", signature="def reverse(self, nums: List[int]) -> List[int]:",
        entry_point="reverse", tests=[([[1, 2, 3, 4, 5]], [5, 4, 3, 2, 1])],
    )  # fmt: skip
    user = User.objects.create_user("ada")
    item = services.interview_start(candidate=user).items.get()
    stuck = {"test_id": problem.tests.get().pk, "verdict": "TLE", "message": "CPU time limit"}
    facts = judging.submission_facts(_failed(item, stuck))
    assert facts.tle_small_input == "`nums` has 5 elements"
    assert facts.failing_traits == ()
