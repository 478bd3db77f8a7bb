import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from problems.tests.factories import problem_create

pytestmark = pytest.mark.django_db


def test_list_filters_and_htmx_fragment(client: Client) -> None:
    problem_create(slug="graph-one", title="Graph One", tags=("graph",), difficulty="hard")
    problem_create(slug="array-one", title="Array One", tags=("array",), difficulty="easy")
    page = client.get(reverse("problem_list"))
    assert page.status_code == 200 and b"Graph One" in page.content and b"<html" in page.content
    by_tag = client.get(reverse("problem_list"), {"tag": "graph"})
    assert b"Graph One" in by_tag.content and b"Array One" not in by_tag.content
    by_query = client.get(reverse("problem_list"), {"q": "array"}, HTTP_HX_REQUEST="true")
    assert b"Array One" in by_query.content and b"Graph One" not in by_query.content
    assert b"<html" not in by_query.content  # only the results fragment
    by_difficulty = client.get(reverse("problem_list"), {"difficulty": "hard"})
    assert b"Graph One" in by_difficulty.content and b"Array One" not in by_difficulty.content


def test_statement_markdown_is_rendered_inert(client: Client) -> None:
    problem_create(
        slug="evil",
        statement="**Bold** <script>alert('x')</script> <img src=x onerror=alert(1)> [a](javascript:alert(1))",
    )
    html = client.get(reverse("problem_detail", args=["evil"])).content.decode()
    assert "<strong>Bold</strong>" in html
    assert "<script>alert" not in html and "onerror" not in html and "javascript:" not in html


def test_unknown_problem_is_404(client: Client) -> None:
    assert client.get(reverse("problem_detail", args=["nope"])).status_code == 404


def test_admin_lists_problems_for_staff(client: Client) -> None:
    problem_create()
    User.objects.create_superuser("staff", "s@example.com", "pw-123456789")
    client.login(username="staff", password="pw-123456789")
    assert client.get(reverse("admin:problems_problem_changelist")).status_code == 200
    assert client.get(reverse("admin:interviews_submission_changelist")).status_code == 200
    problem_id = (
        client.get(reverse("admin:problems_problem_changelist")).context["cl"].result_list[0].pk
    )
    assert (
        client.get(reverse("admin:problems_problem_change", args=[problem_id])).status_code == 200
    )


def test_search_by_meaning_and_similar_problems_once_embeddings_are_built(client: Client) -> None:
    from io import StringIO

    from django.core.management import call_command

    problem_create(slug="cheap-routes", title="Cheapest Flight Routes", tags=("graph",),
                   statement="Given weighted edges between cities, find the lowest total cost path from a source city to every other city.")  # fmt: skip
    problem_create(slug="fast-roads", title="Quickest Road Trip", tags=("graph",),
                   statement="Roads have travel times; compute the shortest travel time from the start town to each town.")  # fmt: skip
    problem_create(slug="anagram-groups", title="Group Words", tags=("string",),
                   statement="Group words that are anagrams of one another.")  # fmt: skip
    call_command("embed_problems", stdout=StringIO(), stderr=StringIO())
    html = client.get(
        reverse("problem_list"), {"q": "shortest path in a weighted graph"}
    ).content.decode()
    assert "Cheapest Flight Routes" in html and "Quickest Road Trip" in html
    detail = client.get(reverse("problem_detail", args=["cheap-routes"])).content.decode()
    similar = detail[detail.index("Problems like this one") :]
    assert similar.index("Quickest Road Trip") < similar.index("Group Words")


def test_arguments_read_like_the_statement() -> None:
    from problems.rendering import arguments_text

    signature = "def twoSum(self, nums: List[int], target: int) -> List[int]:"
    assert (
        arguments_text(signature, {"args": [[3, 9], 8], "kwargs": {}})
        == "nums = [3, 9], target = 8"
    )
    assert arguments_text("def f(s: str):", {"args": [], "kwargs": {"s": "é"}}) == 's = "é"'
    assert arguments_text("not python", {"args": [[1], None]}) == "[1], null"
    assert arguments_text(signature, {"args": [list(range(500)), 1]}).endswith("...")


@pytest.mark.parametrize(
    ("language", "written"),
    [
        ("python3", 'grid = [[1, None], []], flag = True, word = "é"'),
        ("java", 'grid = [[1, null], []], flag = true, word = "é"'),
        ("javascript", 'grid = [[1, null], []], flag = true, word = "é"'),
        ("typescript", 'grid = [[1, null], []], flag = true, word = "é"'),
        ("cpp", 'grid = [[1, nullptr], []], flag = true, word = "é"'),
    ],
)
def test_values_are_written_in_the_candidates_language(language: str, written: str) -> None:
    from problems.rendering import arguments_text, value_text

    signature = "def f(self, grid: List[List[int]], flag: bool, word: str) -> bool:"
    test_input = {"args": [[[1, None], ()], True], "kwargs": {"word": "é"}}
    assert arguments_text(signature, test_input, language=language) == written
    assert value_text(False, language=language) == ("False" if language == "python3" else "false")
    # without a language, the page's JSON as before
    assert arguments_text(signature, test_input).startswith("grid = [[1, null], []], flag = true")


def test_a_design_tests_arguments_read_as_its_calls() -> None:
    from problems.rendering import arguments_text

    skeleton = "class MinStack:\n    def __init__(self):\n    def push(self, val: int) -> None:"
    calls = {"args": [["MinStack", "push", "getMin"], [[], [5], []]], "kwargs": {}}
    assert arguments_text(skeleton, calls) == "MinStack(), push(5), getMin()"


def test_admin_shows_the_call_shape_and_refuses_a_signature_that_breaks_it(client: Client) -> None:
    from django.core.exceptions import ValidationError

    from problems.models import StressTest

    problem = problem_create(
        entry_kind="design",
        entry_point="Counter",
        signature="class Counter:\n    def __init__(self):\n    def hit(self) -> int:",
    )
    StressTest.objects.create(
        problem=problem, key="k", size=100, args=[[1]], reference_cpu_s=0.01, time_limit_s=1.0
    )
    User.objects.create_superuser("staff", "s@example.com", "pw-123456789")
    client.login(username="staff", password="pw-123456789")
    page = client.get(reverse("admin:problems_problem_change", args=[problem.pk])).content.decode()
    for name in ("entry_kind", "returns_argument", "tolerance", "max_size"):
        assert f'name="{name}"' in page
    assert '<option value="design" selected>' in page
    assert "n = 100: the reference took 0.010 s CPU; time limit 1 s" in page

    problem.signature = "class Other:\n    def __init__(self):"
    with pytest.raises(ValidationError, match="the signature's class is 'Other'"):
        problem.full_clean()
