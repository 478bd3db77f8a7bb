"""`make eval-interviewer`, small: bank problems x seven candidates, real judge, real model."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from interviews.evaluation import feedback_cases
from problems.models import Problem

pytestmark = [pytest.mark.django_db, pytest.mark.sandbox, pytest.mark.slow]
SLUGS = ("merge-intervals", "two-sum")


@pytest.fixture
def bank() -> None:
    for slug in SLUGS:
        call_command(
            "ingest_problems", "--source", "bank", "--path", f"problems/bank/{slug}.yaml",
            verbosity=0,
        )  # fmt: skip


def test_the_small_evaluation_prints_the_figures_and_meets_them(bank: None) -> None:
    out = StringIO()
    call_command("evaluate_interviewer", stdout=out, stderr=StringIO())
    printed = out.getvalue()
    print(printed)
    assert "cases: 14 over 2 problems" in printed
    assert "invented-fact rate shown in the page:          0%" in printed
    assert "leak rate (technique or solution, before end): 0%" in printed
    assert "names the failing input's trait or time sink:  100%" in printed
    assert "no invented fact, no leak" in printed


def test_the_simulated_candidates_get_the_verdicts_they_stand_for(bank: None) -> None:
    problem = Problem.objects.get(slug="merge-intervals")
    cases = {c.label: c.facts for c in feedback_cases([problem], growth=False)}
    assert cases["optimal"].verdict == "AC"
    assert cases["slow"].verdict in ("AC", "TLE")  # O(n^2) on the largest test: near the limit
    assert cases["syntax-error"].verdict == "CE"
    assert cases["gibberish"].verdict == "RE"
    assert cases["wrong-on-edge-case"].verdict == "WA"
    assert cases["wrong-on-edge-case"].failing_traits[0] == "`intervals` has one element"
    assert cases["empty"].failing_shape.startswith("`intervals` has")


def test_a_design_problems_edge_case_candidate_fails_at_a_call_the_feedback_names() -> None:
    """The edge-case candidate of a design problem keeps the class's name (a `Solution`
    wrapper crashed on every test, which names no cause), so it fails at one call."""
    from mltools.llm import evaluation, facts

    call_command(
        "ingest_problems", "--source", "bank", "--path", "problems/bank/lru-cache.yaml",
        verbosity=0,
    )  # fmt: skip
    problem = Problem.objects.get(slug="lru-cache")
    cases = {
        c.label: c.facts
        for c in feedback_cases([problem], labels=["wrong-on-edge-case"], growth=False)
    }
    edge = cases["wrong-on-edge-case"]
    assert edge.verdict == "WA" and edge.failing_call.startswith("call ")
    assert evaluation.names_cause(facts.facts_only_narrative(edge), edge)
