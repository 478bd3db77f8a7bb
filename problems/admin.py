from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from problems.models import Hint, Problem, ReferenceSolution, StressTest, Tag, TestCase


class TestCaseInline(admin.TabularInline):
    model = TestCase
    extra = 0
    fields = ("order", "is_sample", "args", "kwargs", "expected", "checker", "size", "note")
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[TestCase]:
        return super().get_queryset(request).order_by("order", "id")


class ReferenceSolutionInline(admin.StackedInline):
    model = ReferenceSolution
    extra = 0
    fields = (
        ("language", "kind"), "code", "explanation", ("time_complexity", "space_complexity"),
        ("verified", "verified_at"), "verification_note",
    )  # fmt: skip
    readonly_fields = ("verified", "verified_at", "verification_note")


class HintInline(admin.TabularInline):
    model = Hint
    extra = 0


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "problem_count")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Tag]:
        return super().get_queryset(request).annotate(n=Count("problems"))

    @admin.display(ordering="n", description="Problems")
    def problem_count(self, obj: Tag) -> int:
        return obj.n  # type: ignore[attr-defined]


@admin.register(Problem)
class ProblemAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "slug",
        "difficulty",
        "source",
        "test_count",
        "generator_origin",
        "is_published",
        "updated",
    )
    list_filter = (
        "difficulty",
        "source",
        "entry_kind",
        "generator_origin",
        "is_published",
        "tags",
    )
    search_fields = ("title", "slug", "source_id", "statement")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("tags",)
    readonly_fields = (
        "source",
        "source_id",
        "source_url",
        "licence",
        "attribution",
        "content_hash",
        "created",
        "updated",
        "stress_summary",
        "generator_origin",
        "generator_note",
        "generator_checked",
    )
    inlines = [TestCaseInline, ReferenceSolutionInline, HintInline]
    actions = ["verify_solutions"]
    fieldsets = (
        (None, {"fields": ("title", "slug", "difficulty", "tags", "is_published")}),
        (
            "Statement",
            {"fields": ("statement", "examples", "constraints", "follow_up", "editorial")},
        ),
        (
            "Judge",
            {
                "fields": (
                    "entry_kind",
                    "entry_point",
                    "signature",
                    "returns_argument",
                    "tolerance",
                    "starter_code",
                    "preamble",
                    "generator",
                    "generator_origin",
                    "generator_note",
                    "generator_checked",
                    "growth_sizes",
                    "max_size",
                    "stress_summary",
                    "time_limit_s",
                    "memory_limit_mb",
                )
            },
        ),
        (
            "Source",
            {
                "fields": (
                    "source",
                    "source_id",
                    "source_url",
                    "licence",
                    "attribution",
                    "content_hash",
                    "created",
                    "updated",
                )
            },
        ),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Problem]:
        return super().get_queryset(request).annotate(n_tests=Count("tests"))

    @admin.display(ordering="n_tests", description="Tests")
    def test_count(self, obj: Problem) -> int:
        return obj.n_tests  # type: ignore[attr-defined]

    @admin.display(description="Stress test")
    def stress_summary(self, obj: Problem) -> str:
        stress = (
            StressTest.objects.filter(problem=obj)
            .only("size", "reference_cpu_s", "time_limit_s", "error")
            .first()
        )
        if stress is None:
            return "not made yet (made at the first Submit or verification)"
        if stress.error:
            return f"none at n = {stress.size}: {stress.error}"
        return (
            f"n = {stress.size}: the reference took {stress.reference_cpu_s:.3f} s CPU; "
            f"time limit {stress.time_limit_s:g} s"
        )

    @admin.action(description="Verify reference solutions against their tests")
    def verify_solutions(self, request: HttpRequest, queryset: QuerySet[Problem]) -> None:
        from problems.judge.verification import solutions_verify

        summary = solutions_verify(queryset=ReferenceSolution.objects.filter(problem__in=queryset))
        level = messages.SUCCESS if not summary.failed else messages.WARNING
        self.message_user(request, str(summary), level)


@admin.register(TestCase)
class TestCaseAdmin(admin.ModelAdmin):
    list_display = ("__str__", "is_sample", "checker", "size")
    list_filter = ("is_sample", "checker")
    search_fields = ("problem__slug", "note")
    raw_id_fields = ("problem",)


from problems import admin_ml  # noqa: E402, F401  (model registry and embeddings)
