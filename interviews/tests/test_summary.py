"""The scorecard's summary is built from the records; the model may only phrase it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from interviews import interviewer, services
from problems.tests.factories import problem_create

pytestmark = pytest.mark.django_db


def test_one_problem_with_nothing_submitted_is_counted(settings: object) -> None:
    problem_create()
    interview = services.interview_start(candidate=User.objects.create_user("ada"))
    card = services.interview_finish(interview=interview)
    assert card.summary.startswith(
        "You solved 0 of 1 problem in less than a minute of the 45 minutes"
    )
    assert "Add Two Numbers Plainly: nothing was submitted." in card.summary
    assert f"The scorecard gives {card.overall} overall" in card.summary
    assert "0 of 0" not in card.summary


def test_with_the_model_missing_the_built_summary_stands(settings: object, tmp_path) -> None:
    problem_create()
    interview = services.interview_start(candidate=User.objects.create_user("grace"))
    card = services.interview_finish(interview=interview)
    built = card.summary
    settings.MOCKMATE_LLM = {**settings.MOCKMATE_LLM, "model_path": str(tmp_path / "none")}  # type: ignore[attr-defined]
    card = interviewer.summary_write(scorecard=card)
    card.refresh_from_db()
    assert card.summary == built and card.summary_status == "unavailable"
