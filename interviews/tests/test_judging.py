"""A submission goes through the judge task and comes back with stored, per-test facts."""

import pytest
from django.contrib.auth.models import User

from interviews import services
from interviews.models import Submission
from problems.tests.factories import problem_create

pytestmark = [pytest.mark.django_db, pytest.mark.sandbox]

RIGHT = "class Solution:\n    def add(self, a, b):\n        return a + b\n"
WRONG = "class Solution:\n    def add(self, a, b):\n        return a - b\n"


def _submit(kind: str, code: str, explanation: str = "", capture=None) -> Submission:
    candidate = User.objects.get_or_create(username="ada")[0]
    interview = services.interview_start(candidate=candidate)
    item = interview.items.get()
    with capture(execute=True):
        submission = services.submission_create(
            item=item, kind=kind, code=code, explanation=explanation
        )
    submission.refresh_from_db()
    return submission


def test_accepted_submit_stores_every_test_and_facts_feedback(
    sync_tasks: None,
    django_capture_on_commit_callbacks,
) -> None:
    problem_create()
    submission = _submit(
        "submit", RIGHT, "Constant time: O(1).", django_capture_on_commit_callbacks
    )
    assert submission.status == "done" and submission.verdict == "AC"
    assert (submission.passed, submission.total) == (6, 6)
    assert submission.results.count() == 6
    assert all(r.verdict == "AC" for r in submission.results.all())
    assert submission.feedback.facts_text.startswith("Accepted: all 6 tests pass.")
    assert submission.feedback.status in ("unavailable", "done", "streaming", "pending")


def test_wrong_run_shows_the_failing_sample_in_full(
    sync_tasks: None,
    django_capture_on_commit_callbacks,
) -> None:
    problem_create()
    submission = _submit("run", WRONG, capture=django_capture_on_commit_callbacks)
    assert submission.verdict == "WA" and submission.total == 2  # samples only
    facts = submission.feedback.facts_text
    assert (
        "Test 1, a sample, is the first to fail: input a = 0, b = 1, expected 1, got -1." in facts
    )
    # What is special about the input, computed from its values, and a question about it.
    assert "What is special about its input: `a` is zero and `b` is 1, the smallest" in facts
    assert "What should your code do when `a` is zero?" in facts
    assert [s for s, _ in submission.feedback.evidence][0] == "Wrong Answer: 0 of 2 tests pass."


def test_hidden_failures_never_show_their_expected_value(
    sync_tasks: None,
    django_capture_on_commit_callbacks,
) -> None:
    problem_create(tests=[([1, 1], 2), ([2, 2], 4), ([-5, 3], -2)], samples=2)
    code = "class Solution:\n    def add(self, a, b):\n        return abs(a) + b\n"
    submission = _submit("submit", code, capture=django_capture_on_commit_callbacks)
    assert submission.verdict == "WA" and submission.passed == 2
    hidden = [t for t in submission.report["tests"] if not t["is_sample"]]
    assert hidden and all(t["expected"] is None and t["actual"] is None for t in hidden)
    text = submission.feedback.facts_text
    assert "Test 3, a hidden test, is the first to fail." in text
    # Its values stay hidden; the trait computed from them is said.
    assert "What is special about its input: `a` is negative and `b` is the largest" in text
    assert "; none of the 2 tests that passed before it had that." in text
    assert "-2" not in text and "-5" not in text


def test_accepted_submit_gets_growth_measured_against_the_reference(
    sync_tasks: None,
    django_capture_on_commit_callbacks,
) -> None:
    from django.core.management import call_command

    from problems.models import ReferenceSolution

    call_command(
        "ingest_problems", "--source", "bank", "--path", "problems/bank/two-sum.yaml", verbosity=0
    )
    candidate = User.objects.create_user("grace")
    problem = ReferenceSolution.objects.get(problem__slug="two-sum", kind="slow").problem
    # Growth feedback on an accepted slow solution: without its stress test, which gives
    # this O(n^2) code Time Limit Exceeded (problems/tests/test_judge_stress.py).
    problem.max_size = None
    problem.save(update_fields=["max_size"])
    interview = services.interview_start(candidate=candidate, problem=problem)
    slow = problem.solutions.get(kind="slow").code
    with django_capture_on_commit_callbacks(execute=True):
        submission = services.submission_create(
            item=interview.items.get(), kind="submit", code=slow
        )
    submission.refresh_from_db()
    assert submission.verdict == "AC" and not submission.growth_pending
    growth = submission.growth
    assert growth["observed"] and growth["optimal"] and growth["sentence"].startswith("Observed")
    assert growth["time_ratio"] and growth["time_ratio"] > 1  # the O(n^2) pairs loop is slower
    text = submission.feedback.facts_text
    assert f"grows as {growth['observed']}" in text
    # Where the time goes, counted in the sandbox: the inner loop and its test.
    assert [(h["first"], h["last"], h["order"]) for h in growth["hot_lines"]] == [(4, 5, "O(n^2)")]
    assert "Where the time goes, counted as your code ran: lines 4-5 run about n^2 times" in text
    assert "is nested in the loop" not in text  # the reading of the code is only a fallback
    # The follow-up waited for the growth and asks for the optimum not yet reached.
    assert "down to O(n)" in submission.feedback.follow_up


def test_a_syntax_error_names_its_line_once(
    sync_tasks: None, django_capture_on_commit_callbacks, client
) -> None:
    from django.urls import reverse

    problem_create()
    broken = "class Solution:\n    def add(self, a, b):\n        return a +\n"
    submission = _submit("run", broken, capture=django_capture_on_commit_callbacks)
    assert submission.verdict == "CE"
    assert submission.feedback.facts_text.count("(line 3)") == 1
    client.force_login(submission.item.interview.candidate)
    page = client.get(reverse("submission_detail", args=[submission.pk])).content.decode()
    assert page.count("(line 3)") == 2  # once in the facts, once in the compiler's message
    assert "(line 3) (line 3)" not in page and "(line 3)</pre>" in page


def test_a_reference_growth_too_quick_to_tell_gives_way_to_its_stated_class() -> None:
    # climbing-stairs' O(n) reference is inconclusive at n <= 45: the feedback compares the
    # candidate's class with the stated optimum rather than with "inconclusive".
    from django.core.management import call_command

    from interviews.judging import _optimal_growth
    from problems.models import Problem

    call_command(
        "ingest_problems", "--source", "bank", "--path", "problems/bank/climbing-stairs.yaml",
        verbosity=0,
    )  # fmt: skip
    problem = Problem.objects.get(slug="climbing-stairs")
    candidate = User.objects.create_user("lin")
    item = services.interview_start(candidate=candidate, problem=problem).items.get()
    assert _optimal_growth({"optimal": "inconclusive"}, item) == "O(n)"
    assert _optimal_growth({}, item) == "O(n)"
    assert _optimal_growth({"optimal": "O(log n)"}, item) == "O(log n)"
