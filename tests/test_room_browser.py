"""The interview room as people really use it, in a real browser (issue 11).

Each test follows a person's steps: refused Run/Submit, a session that ends in
another tab, two tabs, Back after finishing, a draft kept offline, keyboard-only
use with an axe-core check (WCAG 2.1 AA), a 360 px phone, a stalled page.
Screenshots go to test-artifacts/browser/room/.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from interviews import services
from interviews.models import Interview, InterviewProblem
from problems.models import Problem
from tests.browser import ARTIFACTS, chromium, import_leetcodedataset_row
from tests.browser import TWO_SUM_RIGHT as RIGHT
from tests.workers import clusters

SHOTS = ARTIFACTS / "room"
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "a-long-pass-phrase-9"

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _two_sum_interview() -> Interview:
    SHOTS.mkdir(parents=True, exist_ok=True)
    call_command(
        "ingest_problems", "--source", "bank", "--path", "problems/bank/two-sum.yaml", verbosity=0
    )
    user = User.objects.create_user("candidate", password=PASSWORD)
    return services.interview_start(candidate=user, problem=Problem.objects.get(slug="two-sum"))


@pytest.fixture
def room(live_server):
    """A candidate logged in with an interview on two-sum; yields (context, url, interview)."""
    interview = _two_sum_interview()
    url = f"{live_server.url}/interviews/{interview.pk}/"
    with chromium() as context:
        page = context.new_page()
        _log_in(page, live_server.url)
        yield context, url, interview


def _log_in(page, base: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "candidate")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(lambda u: "/accounts/login/" not in u)


def _open(context, url: str):
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector(".CodeMirror")
    return page


def _set_code(page, code: str) -> None:
    page.evaluate("code => document.querySelector('.CodeMirror').CodeMirror.setValue(code)", code)


def _code(page) -> str:
    return page.evaluate("document.querySelector('.CodeMirror').CodeMirror.getValue()")


def _shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _item(interview: Interview) -> InterviewProblem:
    return InterviewProblem.objects.get(interview=interview)


@pytest.mark.parametrize("debug", [False, True], ids=["production", "debug"])
def test_refused_run_and_submit_show_beside_the_editor_and_keep_the_code(
    room, settings, debug: bool
) -> None:
    settings.DEBUG = debug  # under DEBUG, django-htmx's script used to replace the document
    context, url, interview = room
    page = _open(context, url)
    _set_code(page, "   ")
    page.click("#run-button")
    page.wait_for_selector("#submission-result .errorlist:has-text('Write some code')")
    assert page.locator("#code-form .CodeMirror").count() == 1  # the page is still the room

    huge = "x = 1\n" * 12_000  # 72 KB
    _set_code(page, huge)
    page.click("#submit-button")
    page.wait_for_selector("#submission-result .errorlist:has-text('larger than 64 KB')")
    assert _code(page) == huge

    other = _open(context, url)  # the candidate finishes in another tab
    other.on("dialog", lambda dialog: dialog.accept())
    other.click("#finish-form button")
    other.wait_for_url("**/scorecard/")
    page.click("#run-button")
    page.wait_for_selector("#submission-result .errorlist:has-text('has ended')")
    assert page.locator("#submission-result a:has-text('See the scorecard')").count() == 1
    _set_code(page, RIGHT)  # the autosave is refused too, and says so
    page.wait_for_selector("#room-alert:has-text('has ended')")
    assert page.locator("#run-button").is_disabled()
    assert _code(page) == RIGHT
    _shot(page, f"01-errors-{'debug' if debug else 'production'}")


def test_logging_out_and_in_again_in_another_tab_asks_for_a_reload_and_keeps_the_draft(
    room, settings, live_server
) -> None:
    settings.DEBUG = True  # django-htmx's DEBUG script must not replace the room with a 403 page
    context, url, interview = room
    page = _open(context, url)
    other = _open(context, url)
    other.click("header button:has-text('Log out')")
    _log_in(other, live_server.url)  # a new CSRF token: this page's one is now out of date
    page.fill("#explanation", "Typed after the logout.")
    page.wait_for_selector("#room-alert:has-text('out of date')")
    assert page.inner_text("#save-status") == "Not saved"
    _set_code(page, RIGHT)
    page.click("#run-button")
    page.wait_for_timeout(1000)
    assert _code(page) == RIGHT and page.locator("#room-alert").is_visible()
    assert _item(interview).explanation == ""
    page.click("#room-alert a:has-text('Reload')")
    page.wait_for_selector(".CodeMirror")
    assert page.input_value("#explanation") == "Typed after the logout."  # from this browser
    assert _code(page) == RIGHT
    page.wait_for_selector("#save-status:has-text('Draft saved')")
    assert _item(interview).explanation == "Typed after the logout."


def test_a_logged_out_session_never_pretends_to_save(room, live_server) -> None:
    context, url, interview = room
    page = _open(context, url)
    _set_code(page, RIGHT)
    page.wait_for_selector("#save-status:has-text('Draft saved')")
    context.clear_cookies(name="sessionid")  # the session expired

    page.fill("#explanation", "A hash map: O(n) time.")
    page.wait_for_selector("#room-alert:has-text('You are logged out')")
    assert page.inner_text("#save-status") == "Not saved"
    page.click("#run-button")
    page.wait_for_timeout(500)
    assert page.locator("#submission-result #id_username").count() == 0  # no login page swapped in
    assert "Log in" not in page.inner_text("#submission-result")
    _shot(page, "02-logged-out")
    assert _item(interview).explanation == ""  # nothing was counted as saved

    page.click("#room-alert a:has-text('Log in again')")
    page.fill("#id_username", "candidate")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(url)
    page.wait_for_selector(".CodeMirror")
    assert page.input_value("#explanation") == "A hash map: O(n) time."  # kept in the browser
    page.wait_for_selector("#save-status:has-text('Draft saved')")  # and now saved
    assert _item(interview).explanation == "A hash map: O(n) time."


def test_a_stale_tab_is_refused_instead_of_overwriting_the_other(room) -> None:
    context, url, interview = room
    first, second = _open(context, url), _open(context, url)
    _set_code(first, RIGHT)
    first.wait_for_selector("#save-status:has-text('Draft saved')")
    _set_code(second, "print('stale tab')\n")
    second.wait_for_selector("#room-alert:has-text('another tab')")
    _shot(second, "03-stale-tab")
    assert _item(interview).code == RIGHT
    second.reload()  # the stale tab's text is offered, not dropped
    second.wait_for_selector("#room-alert:has-text('out of date')")
    assert _code(second) == RIGHT
    second.click('#room-alert button:has-text("Use this browser\'s copy")')
    assert _code(second) == "print('stale tab')\n"
    second.wait_for_function("() => document.querySelector('#draft-version').value === '2'")
    assert _item(interview).code == "print('stale tab')\n"  # chosen knowingly, now the latest
    first.reload()
    first.wait_for_selector(".CodeMirror")
    first.fill("#explanation", "Still mine.")  # the reloaded first tab keeps saving
    first.wait_for_function(
        "() => document.querySelector('#draft-version').value === '3'", timeout=10_000
    )
    assert _item(interview).explanation == "Still mine."


def test_back_after_finishing_shows_no_editable_room(room) -> None:
    context, url, interview = room
    page = _open(context, url)
    _set_code(page, RIGHT)
    page.wait_for_selector("#save-status:has-text('Draft saved')")
    page.on("dialog", lambda dialog: dialog.accept())
    page.click("#finish-form button")
    page.wait_for_url("**/scorecard/")
    page.go_back()
    page.wait_for_url("**/scorecard/")  # the room asks the server again, which sends it here
    assert page.locator(".CodeMirror").count() == 0
    _shot(page, "04-back-after-finish")
    assert _item(interview).snapshots.filter(code="").count() == 0


def test_a_draft_kept_offline_keeps_an_explanation_only_change(room) -> None:
    context, url, interview = room
    page = _open(context, url)
    context.route("**/save/", lambda route: route.abort())  # the connection drops
    page.fill("#explanation", "Written offline: O(n).")
    page.wait_for_selector("#save-status:has-text('Offline')")
    page.reload()  # still offline for saves: only this browser holds the change
    page.wait_for_selector(".CodeMirror")
    assert _item(interview).explanation == ""
    assert page.input_value("#explanation") == "Written offline: O(n)."
    assert "Restored" in page.inner_text("#save-status")
    context.unroute("**/save/")  # back online: the restored copy reaches the server
    page.wait_for_selector("#save-status:has-text('Draft saved')", timeout=15_000)
    assert _item(interview).explanation == "Written offline: O(n)."


def _axe(page) -> list[dict[str, object]]:
    """Serious and critical WCAG 2.1 A/AA violations found by axe-core on this page."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag',
              values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _tab_to(page, predicate: str, *, back: bool = False, limit: int = 60) -> None:
    for _ in range(limit):
        if page.evaluate("!!document.activeElement.closest('.CodeMirror')"):
            page.keyboard.press("Escape")  # as the page says: Esc, then Tab leaves the editor
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return {predicate}; }}"):
            return
    raise AssertionError(f"the keyboard never reached {predicate}")


@pytest.mark.sandbox
def test_a_submit_sent_while_the_run_still_updates_shows_its_own_result(room) -> None:
    # The Run's result polls (its feedback is pending: no llm cluster) and each poll swaps
    # the result card. A Submit whose answer comes back after a poll did was swapped into
    # the replaced card, and the page went on showing the Run (seen on a loaded CI machine).
    import time

    context, url, _ = room
    page = _open(context, url)
    _set_code(page, RIGHT)
    with clusters("judge", log_dir=SHOTS):
        page.click("#run-button")
        page.wait_for_selector("#submission-result h3:has-text('Run (sample tests): Accepted')")
        assert page.get_attribute("#submission-result", "hx-get")  # still updating

        def slow_answer(route) -> None:  # a busy server: polls come back in between
            time.sleep(2.0)
            route.continue_()

        page.route("**/submit/", slow_answer)
        page.click("#submit-button")
        page.wait_for_selector(
            "#submission-result h3:has-text('Submit (all tests): Accepted')", timeout=60_000
        )
        _shot(page, "05b-submit-after-run")


@pytest.mark.sandbox
def test_the_whole_journey_by_keyboard_with_no_serious_accessibility_violation(
    room, live_server
) -> None:
    context, url, interview = room
    Interview.objects.filter(pk=interview.pk).delete()
    page = context.pages[0]
    with clusters("judge", log_dir=SHOTS):
        page.goto(f"{live_server.url}/interviews/new/?problem=two-sum")
        _tab_to(page, "el.textContent.includes('Start')")
        page.keyboard.press("Enter")
        page.wait_for_selector(".CodeMirror")
        assert _axe(page) == []

        _tab_to(page, "!!el.closest('.CodeMirror')")
        assert page.evaluate("document.activeElement.getAttribute('aria-label')")
        page.keyboard.press("Control+A")
        for line in RIGHT.splitlines():  # the editor indents (and dedents after return)
            page.keyboard.type(line.strip())
            page.keyboard.press("Enter")
        assert [line.rstrip() for line in _code(page).splitlines()] == RIGHT.splitlines() + [""]
        page.keyboard.press("Tab")  # Tab indents inside the editor...
        assert page.evaluate("!!document.activeElement.closest('.CodeMirror')")
        page.keyboard.press("Escape")  # ...and Esc then Tab leaves it, as the page says
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "explanation"
        page.keyboard.type("A hash map from value to index: O(n) time.")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "run-button"
        page.keyboard.press("Enter")
        page.wait_for_selector("#submission-result h3:has-text('Accepted')", timeout=90_000)
        page.wait_for_function(  # the result is announced (live region)
            "() => document.querySelector('#announcer').textContent.includes('Accepted')"
        )
        _tab_to(page, "el.id === 'submit-button'")
        page.keyboard.press("Enter")
        page.wait_for_selector(  # the first Submit also makes the problem's stress test
            "#submission-result h3:has-text('Submit (all tests): Accepted')", timeout=180_000
        )
        _shot(page, "05-keyboard-submitted")
        violations = _axe(page)
        assert violations == [], json.dumps(violations, indent=1)

        page.on("dialog", lambda dialog: dialog.accept())
        _tab_to(page, "el.textContent.trim() === 'Finish interview'", back=True, limit=200)
        page.keyboard.press("Enter")
        page.wait_for_url("**/scorecard/")
        assert _axe(page) == []


def test_the_room_is_one_column_on_a_360_px_phone(live_server) -> None:
    interview = _two_sum_interview()
    with chromium(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True
    ) as context:
        page = context.new_page()
        _log_in(page, live_server.url)
        page.goto(f"{live_server.url}/interviews/{interview.pk}/")
        page.wait_for_selector(".CodeMirror")
        _shot(page, "06-phone-360")
        editor = page.locator(".CodeMirror").bounding_box()
        statement, work = (page.locator(".room .pane").nth(i).bounding_box() for i in (0, 1))
        assert editor is not None and editor["width"] >= 280, editor
        assert work["y"] >= statement["y"] + statement["height"]  # stacked, not side by side
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert _axe(page) == []


def test_the_timer_follows_the_deadline_after_the_page_stalls(room) -> None:
    context, url, interview = room
    page = _open(context, url)

    def seconds() -> int:
        match = re.fullmatch(r"(\d+):(\d\d)", page.inner_text("#timer"))
        assert match, page.inner_text("#timer")
        minutes, secs = match.groups()
        return int(minutes) * 60 + int(secs)

    before = seconds()
    page.evaluate("() => { const t = Date.now(); while (Date.now() - t < 5000) {} }")  # a stall
    page.wait_for_timeout(1200)
    assert before - seconds() >= 5  # a tick counter loses the stalled seconds


@pytest.fixture(autouse=True, scope="module")
def _fresh_shots():
    shutil.rmtree(SHOTS, ignore_errors=True)
    yield


def test_the_interviewers_answer_is_announced_when_it_is_complete(room) -> None:
    context, url, interview = room
    page = _open(context, url)
    page.fill("input[name=question]", "Can the list contain negative numbers?")
    page.press("input[name=question]", "Enter")
    page.wait_for_function(  # the interviewer's answer, complete (no "thinking…" or "…")
        "() => { const t = [...document.querySelectorAll('#chat li.turn')].pop();"
        " return t && t.textContent.includes('Interviewer') && !t.querySelector('em.muted'); }",
        timeout=60_000,
    )
    answer = page.locator("#chat li.turn").last.locator(".turn-text").inner_text()
    assert answer.strip()
    page.wait_for_function(
        "words => document.querySelector('#announcer').textContent.includes(words)",
        arg=" ".join(answer.split()[:6]),
    )
    assert page.inner_text("#announcer").startswith("Interviewer:")


def test_at_time_up_the_last_explanation_is_saved_and_scored(room) -> None:
    from datetime import timedelta

    from django.utils import timezone

    context, url, interview = room
    Interview.objects.filter(pk=interview.pk).update(deadline=timezone.now() + timedelta(seconds=8))
    page = _open(context, url)
    page.wait_for_function("() => document.querySelector('#timer').textContent <= '0:02'")
    page.fill(
        "#explanation", "A hash map: O(n) time."
    )  # written in the last seconds, never submitted
    page.wait_for_url("**/scorecard/", timeout=20_000)  # the timer finishes the interview
    card = page.inner_text("main")
    assert "no explanation" not in card
    assert "Two Sum: states its complexity (O(n)" in card
    _shot(page, "07-time-up-scorecard")


# Accepted (45 stairs at most: quadratic work is quick there) but O(n^2) against the O(n)
# reference: the inner loop at lines 6-7 runs about n^2 times.
STAIRS_QUADRATIC = """class Solution:
    def climbStairs(self, n: int) -> int:
        ways = [1, 1]
        for i in range(2, n + 1):
            total = 0
            for j in range(i):
                if i - j <= 2:
                    total += ways[j]
            ways.append(total)
        return ways[n]
"""


def _submitted_hot_lines(live_server, problem: Problem, code: str, shot: str) -> str:
    """Submit `code` on `problem` in the room and wait, as a person does, until the measured
    growth and the counted lines join the feedback; the result panel's text."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    user = User.objects.create_user("candidate", password=PASSWORD)
    interview = services.interview_start(candidate=user, problem=problem)
    with chromium() as context, clusters("judge", "measure", log_dir=SHOTS):
        page = context.new_page()
        _log_in(page, live_server.url)
        page.goto(f"{live_server.url}/interviews/{interview.pk}/")
        page.wait_for_selector(".CodeMirror")
        _set_code(page, code)
        page.fill("#explanation", "A running total, summed again for each position.")
        page.click("#submit-button")
        page.wait_for_selector(
            "#submission-result h3:has-text('Submit (all tests): Accepted')", timeout=90_000
        )
        page.wait_for_selector(
            "#submission-result :text('lines 6-7 run about n^2 times')", timeout=180_000
        )
        # ... and until the panel stops updating (the interviewer's text may follow)
        page.wait_for_function(
            "() => !document.querySelector('#submission-result').hasAttribute('hx-get')",
            timeout=240_000,
        )
        page.locator("#submission-result").screenshot(path=str(SHOTS / shot))
        return page.locator("#submission-result").inner_text()


def test_an_accepted_slower_submission_shows_its_growth_and_its_hot_lines(live_server) -> None:
    call_command(
        "ingest_problems", "--source", "bank", "--path", "problems/bank/climbing-stairs.yaml",
        verbosity=0,
    )  # fmt: skip
    problem = Problem.objects.get(slug="climbing-stairs")
    result = _submitted_hot_lines(live_server, problem, STAIRS_QUADRATIC, "11-hot-lines.png")
    # Timed at n <= 45 (the constraints' bound) the calls take microseconds: the fitted
    # class may read a neighbour; the counted lines below are exact.
    assert re.search(
        r"The running time grows as O\((n\^2|n log n)\), while the best known solution is O\(n\)",
        result,
    ), result
    hot = re.search(r"lines 6-7 run about n\^2 times: ([\d,]+) at n = ([\d,]+)", result)
    assert hot, result
    count, n = (int(x.replace(",", "")) for x in hot.groups())
    assert 0.3 * n * n <= count <= 0.7 * n * n  # the inner loop: about n^2 / 2 passes
    assert "What work do lines 6-7 repeat" in result  # the question points at them
    assert "is nested in the loop" not in result  # counted, not read from the code


RUNNING_SUM_QUADRATIC = """class Solution:
    def runningSum(self, nums: List[int]) -> List[int]:
        out = []
        for i in range(len(nums)):
            total = 0
            for j in range(i + 1):
                total += nums[j]
            out.append(total)
        return out
"""


@pytest.mark.django_db(transaction=True)
def test_an_imported_problem_shows_growth_and_hot_lines_from_its_derived_generator(
    live_server, tmp_path: Path
) -> None:
    """A LeetCodeDataset problem has no hand-written generator: the one derived from its
    signature, tests and constraints measures an accepted O(n^2) running sum."""
    slug = import_leetcodedataset_row(tmp_path, "running-sum-of-1d-array")
    problem = Problem.objects.get(slug=slug)
    assert problem.generator_origin == "derived" and problem.generator.strip()
    result = _submitted_hot_lines(
        live_server, problem, RUNNING_SUM_QUADRATIC, "12-imported-hot-lines.png"
    )
    assert "The running time grows as O(n^2)" in result, result
    # extrapolated to the constraints' own limit (nums.length <= 1000), not a fixed 10^5
    assert "at n=10^3, the largest the constraints allow, yours would take" in result, result
