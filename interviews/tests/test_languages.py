"""The candidate's language: chosen at the start, switched per problem, judged and measured in it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from interviews import services
from interviews.models import CodeSnapshot
from problems.tests.factories import problem_create

pytestmark = pytest.mark.django_db

SIGNATURE = "def add(self, a: int, b: int) -> int:"
JAVA_RIGHT = (
    "class Solution {\n    public int add(int a, int b) {\n        return a + b;\n    }\n}\n"
)


@pytest.fixture
def candidate() -> User:
    return User.objects.create_user("ada", password="pw-123456789")


def test_the_interview_starts_in_the_chosen_language(candidate: User) -> None:
    problem_create(signature=SIGNATURE)
    interview = services.interview_start(candidate=candidate, language="java")
    item = interview.items.get()
    assert item.language == "java"
    assert item.code.startswith("class Solution {\n    public int add(int a, int b) {")


def test_a_language_not_offered_is_refused(candidate: User) -> None:
    problem_create(signature=SIGNATURE)
    with pytest.raises(ValidationError, match="not offered"):
        services.interview_start(candidate=candidate, language="cobol")


def test_switching_language_keeps_the_old_draft_in_the_replay(candidate: User) -> None:
    problem = problem_create(signature=SIGNATURE, starter_code={"cpp": "// the problem's own\n"})
    item = services.interview_start(candidate=candidate, problem=problem).items.get()
    services.draft_save(item=item, code="class Solution:\n    pass  # mine\n", explanation="")
    services.item_language_set(item=item, language="cpp")
    item.refresh_from_db()
    assert (item.language, item.code) == ("cpp", "// the problem's own\n")
    assert CodeSnapshot.objects.filter(item=item, code__contains="# mine").exists()
    services.item_language_set(item=item, language="typescript")
    item.refresh_from_db()
    assert item.code.startswith("function add(a: number, b: number): number {")


def test_the_room_offers_the_languages_and_switches(client, candidate: User) -> None:
    problem_create(signature=SIGNATURE)
    client.force_login(candidate)
    interview = services.interview_start(candidate=candidate)
    page = client.get(f"/interviews/{interview.pk}/").content.decode()
    for label in ("Python 3", "C++23", "Java 17", "JavaScript", "TypeScript"):
        assert f">{label}</option>" in page
    assert 'data-editor-mode="python"' in page
    response = client.post(f"/interviews/{interview.pk}/p/1/language/", {"language": "javascript"})
    assert response.status_code == 302
    page = client.get(f"/interviews/{interview.pk}/").content.decode()
    assert 'data-editor-mode="text/javascript"' in page
    assert "var add = function(a, b)" in page


@pytest.mark.sandbox
def test_a_java_submission_is_judged_in_java_with_compiler_findings(
    candidate: User, sync_tasks: None, django_capture_on_commit_callbacks
) -> None:
    problem_create(signature=SIGNATURE)
    item = services.interview_start(candidate=candidate, language="java").items.get()
    code = JAVA_RIGHT.replace("return a + b;", "List raw = new ArrayList();\n        return a + b;")
    with django_capture_on_commit_callbacks(execute=True):
        submission = services.submission_create(item=item, kind="submit", code=code)
    submission.refresh_from_db()
    assert (submission.language, submission.verdict) == ("java", "AC")
    assert submission.passed == submission.total == 6
    codes = {f["code"] for f in submission.quality["findings"]}
    assert "rawtypes" in codes
    assert "Code quality, line 3: found raw type: List." in submission.feedback.facts_text


@pytest.mark.sandbox
@pytest.mark.parametrize(
    ("language", "code", "said"),
    [
        (
            "javascript",
            "var isEmpty = function(nums) {\n    return true;\n};\n",
            "input nums = [4, 2], expected false, got true.",
        ),
        (
            "python3",
            "class Solution:\n    def isEmpty(self, nums):\n        return True\n",
            "input nums = [4, 2], expected False, got True.",
        ),
    ],
)
def test_the_feedback_writes_values_in_the_candidates_language(
    candidate: User,
    sync_tasks: None,
    django_capture_on_commit_callbacks,
    language: str,
    code: str,
    said: str,
) -> None:
    problem_create(
        signature="def isEmpty(self, nums: List[int]) -> bool:",
        entry_point="isEmpty",
        tests=[([[4, 2]], False), ([[]], True), ([[7]], False)],
    )
    item = services.interview_start(candidate=candidate, language=language).items.get()
    with django_capture_on_commit_callbacks(execute=True):
        submission = services.submission_create(item=item, kind="run", code=code)
    submission.refresh_from_db()
    assert (submission.language, submission.verdict) == (language, "WA")
    assert said in submission.feedback.facts_text, submission.feedback.facts_text
