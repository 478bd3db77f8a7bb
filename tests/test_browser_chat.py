"""The clarifying chat in a real browser: the answer appears without a reload, under its problem.

Same set-up as `test_browser.py` (Debian's Chromium through Playwright, a live server on
the test database, real django-q2 clusters where a test says so). Screenshots go to
test-artifacts/browser-chat/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from interviews.models import InterviewProblem, PhrasingStatus, Turn
from tests.test_browser import page  # noqa: F401 (the Chromium page fixture)
from tests.workers import clusters

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "browser-chat"

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _ingest(*slugs: str) -> None:
    for slug in slugs:
        path = f"problems/bank/{slug}.yaml"
        call_command("ingest_problems", "--source", "bank", "--path", path, verbosity=0)


def _sign_up_and_start(page, live_server, name: str, *, problems: int = 1, slug: str = "") -> None:  # noqa: F811
    page.goto(f"{live_server.url}/signup/")
    page.fill("#id_username", name)
    page.fill("#id_password1", "a-long-pass-phrase-9")
    page.fill("#id_password2", "a-long-pass-phrase-9")
    page.click("button[type=submit]")
    page.wait_for_url("**/interviews/new/")
    page.goto(f"{live_server.url}/interviews/new/" + (f"?problem={slug}" if slug else ""))
    page.fill("#id_problem_count", str(problems))
    page.click("button:has-text('Start')")
    page.wait_for_selector(".CodeMirror")


def _ask(page, question: str) -> None:  # noqa: F811
    before = page.locator("#chat li.turn").count()
    page.fill("#chat input[name=question]", question)
    page.click("#chat button[type=submit]")
    # What a person waits for: their question and the interviewer's answer below it.
    page.wait_for_function(
        "n => document.querySelectorAll('#chat li.turn').length >= n + 2",
        arg=before,
        timeout=15_000,
    )


def _shot(page, name: str) -> None:  # noqa: F811
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.locator("#chat").screenshot(path=str(ARTIFACTS / f"{name}.png"))  # the pane scrolls


def test_the_answer_appears_at_once_and_the_chat_does_not_poll(page, live_server) -> None:  # noqa: F811
    """The default (`MOCKMATE_CHAT_PHRASING` off): the built answer is the answer, shown with
    no reload and no polling, for a rule question as for a fact question."""
    _ingest("two-sum")
    _sign_up_and_start(page, live_server, "chat0", slug="two-sum")
    page.evaluate("window.__sameDocument = true")  # gone if the page reloads
    _ask(page, "Is sorting allowed?")
    answer = page.locator("#chat li.turn .turn-text").last.inner_text()
    assert "Nothing in the statement forbids it" in answer and "your call" in answer
    assert "sort" not in answer.lower()  # the tool asked about is not judged or echoed
    _ask(page, "How big can target be?")
    answer = page.locator("#chat li.turn .turn-text").last.inner_text()
    assert "target is at least -10^9 and at most 10^9" in answer and "thinking" not in answer
    assert page.evaluate("window.__sameDocument === true")
    assert not page.locator("#chat").get_attribute("hx-get")  # nothing more to wait for
    assert set(Turn.objects.filter(role="interviewer").values_list("phrasing", flat=True)) == {""}
    _shot(page, "00-answers-at-once")


def test_the_answer_appears_without_a_reload(page, live_server, settings) -> None:  # noqa: F811
    settings.MOCKMATE_CHAT_PHRASING = True  # the opt-in rewording path
    _ingest("contains-duplicate")
    with clusters("llm", log_dir=ARTIFACTS):
        _sign_up_and_start(page, live_server, "chat1", slug="contains-duplicate")
        page.evaluate("window.__sameDocument = true")  # gone if the page reloads
        _ask(page, "Can nums be empty, and if so what should I return?")
        answer = page.locator("#chat li.turn .turn-text").last.inner_text()
        assert "0 <= len(nums) <= 10^5" in answer and "can be empty" in answer
        assert "thinking" not in answer
        assert page.evaluate("window.__sameDocument === true")
        _shot(page, "01-answer-without-reload")
        # The model may reword it; either way the chat settles and stops polling.
        page.wait_for_function(
            "() => !document.querySelector('#chat').hasAttribute('hx-get')", timeout=90_000
        )
        final = page.locator("#chat li.turn .turn-text").last.inner_text()
        assert final.strip() and "thinking" not in final
        turn = Turn.objects.filter(role="interviewer").get()
        assert turn.phrasing in (PhrasingStatus.KEPT, PhrasingStatus.REJECTED)
        assert " ".join(final.split()) == " ".join(turn.text.replace("`", "").split())
        _shot(page, "02-after-phrasing")


def test_a_question_on_problem_two_is_filed_under_problem_two(page, live_server, settings) -> None:  # noqa: F811
    settings.MOCKMATE_CHAT_PHRASING = False  # this test is about where turns go
    _ingest("two-sum", "contains-duplicate")
    _sign_up_and_start(page, live_server, "chat2", problems=2)
    page.click(".toolbar a.button:has-text('2.')")
    page.wait_for_url("**?p=2")
    _ask(page, "Can the list be empty?")
    _ask(page, "Can the values be negative?")  # the second question was the one misfiled
    assert page.locator("#chat input[name=order]").input_value() == "2"
    _shot(page, "03-problem-two-chat")
    turns = Turn.objects.order_by("created", "id")
    assert turns.count() == 4 and set(turns.values_list("item__order", flat=True)) == {2}
    second = InterviewProblem.objects.select_related("problem").get(order=2).problem
    assert page.inner_text("h1").startswith(second.title)
    page.click(".toolbar a.button:has-text('1.')")
    page.wait_for_url("**?p=1")
    assert page.locator("#chat li.turn").count() == 0  # problem 1's chat is its own
    _shot(page, "04-problem-one-chat")


def test_without_the_llm_cluster_the_built_answer_stands(page, live_server, settings) -> None:  # noqa: F811
    settings.MOCKMATE_CHAT_PHRASING = True  # a rewording is asked for, and nobody picks it up
    settings.LLM_PICKUP_TIMEOUT_S = 3  # stop waiting soon
    _ingest("two-sum")
    _sign_up_and_start(page, live_server, "chat3", slug="two-sum")  # no cluster runs
    _ask(page, "Can I use the same element twice?")
    answer = page.locator("#chat li.turn .turn-text").last.inner_text()
    assert "different positions" in answer and "thinking" not in answer
    page.wait_for_function(
        "() => !document.querySelector('#chat').hasAttribute('hx-get')", timeout=30_000
    )
    assert page.locator("#chat li.turn .turn-text").last.inner_text() == answer  # settled
    turn = Turn.objects.filter(role="interviewer").get()
    assert turn.phrasing == PhrasingStatus.SKIPPED and turn.text == turn.built_text
    _shot(page, "05-no-llm-cluster")


def test_a_question_sent_while_the_chat_still_updates_is_shown(page, live_server, settings) -> None:  # noqa: F811
    # The chat polls while a rewording is pending (no llm cluster: until LLM_PICKUP_TIMEOUT_S),
    # each poll swapping the chat. A question whose answer came back after the last poll
    # (the one that stops the polling) was swapped into the replaced chat: neither the
    # question nor its answer appeared, and nothing polled any more to bring them.
    import time

    settings.MOCKMATE_CHAT_PHRASING = True
    settings.LLM_PICKUP_TIMEOUT_S = 2
    _ingest("two-sum")
    _sign_up_and_start(page, live_server, "chat4", slug="two-sum")
    _ask(page, "Can the list be empty?")
    assert page.locator("#chat").get_attribute("hx-get")  # still updating

    def slow_answer(route) -> None:  # a busy server: the last poll comes back in between
        time.sleep(4.0)
        route.continue_()

    page.route(lambda url: url.endswith("/chat/"), slow_answer)  # the POST (polls carry ?p=)
    _ask(page, "Can the values be negative?")
    assert "Can the values be negative?" in page.inner_text("#chat")
