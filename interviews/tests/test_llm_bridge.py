"""The Django side of the interviewer: which model runs, and what the page is given."""

from pathlib import Path

import pytest
from django.contrib.auth.models import User

from interviews import llm_bridge, services
from interviews.models import Submission
from problems.models import ModelVersion
from problems.tests.factories import problem_create

pytestmark = pytest.mark.django_db


def test_an_adapter_activated_in_the_admin_is_what_the_worker_loads(tmp_path: Path) -> None:
    assert llm_bridge.runtime_config().adapter_path == ""
    adapter = tmp_path / "adapter"
    adapter.mkdir()
    ModelVersion.objects.create(
        name="run-1", base_model="smollm2-135m", adapter_uri=str(adapter), is_active=True
    )
    llm_bridge._adapters.clear()
    config = llm_bridge.runtime_config()
    assert config.adapter_path == str(adapter) and config.backend == "transformers"


def test_facts_given_to_the_model_hide_hidden_tests() -> None:
    problem_create()
    user = User.objects.create_user("ada")
    item = services.interview_start(candidate=user).items.get()
    submission = Submission.objects.create(
        item=item, kind="submit", code="x", status="done", verdict="WA", passed=2, total=6,
        report={"first_failure": 2, "tests": [{"index": 2, "is_sample": False, "verdict": "WA", "input": None, "expected": None, "actual": None}]},
        explanation="A loop, O(n) time.",
    )  # fmt: skip
    facts = llm_bridge.submission_facts(submission)
    assert (facts.verdict, facts.passed, facts.total, facts.failing_test_index) == ("WA", 2, 6, 3)
    assert facts.failing_test_kind == "hidden" and facts.failing_expected == ""
    assert facts.stated_complexity == "O(n)"
