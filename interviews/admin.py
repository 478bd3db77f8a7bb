"""Staff see every interview read-only, can re-judge a submission (the old run is kept),
and choose which registered model the interviewer runs."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from interviews import services
from interviews.model_registry import model_version_activate
from interviews.models import (
    CodeSnapshot,
    Feedback,
    HintReveal,
    Interview,
    InterviewProblem,
    Job,
    ModelVersion,
    Scorecard,
    Submission,
    TestResult,
    Turn,
)


class ReadOnlyMixin:
    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class ItemInline(ReadOnlyMixin, admin.TabularInline):
    model = InterviewProblem
    fields = ("order", "problem", "saved_at")
    readonly_fields = fields
    extra = 0
    show_change_link = True


class TurnInline(ReadOnlyMixin, admin.TabularInline):
    model = Turn
    fields = (
        "created",
        "item",
        "role",
        "status",
        "text",
        "evidence",
        "phrasing",
        "phrasing_reasons",
    )
    readonly_fields = fields
    extra = 0


class ScorecardInline(ReadOnlyMixin, admin.StackedInline):
    model = Scorecard
    readonly_fields = (
        "overall", "correctness", "efficiency", "code_quality", "communication", "independence",
        "strengths", "improvements", "summary", "summary_status", "created",
    )  # fmt: skip
    extra = 0


@admin.register(Interview)
class InterviewAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("id", "candidate", "status", "started_at", "finished_at", "overall")
    list_filter = ("status", "started_at", "items__problem__difficulty")
    search_fields = ("candidate__username", "items__problem__slug")
    date_hierarchy = "started_at"
    inlines = [ItemInline, TurnInline, ScorecardInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Interview]:
        return super().get_queryset(request).select_related("candidate", "scorecard")

    @admin.display(description="Overall")
    def overall(self, obj: Interview) -> int | None:
        card = getattr(obj, "scorecard", None)
        return card.overall if card else None


class SnapshotInline(ReadOnlyMixin, admin.TabularInline):
    model = CodeSnapshot
    fields = ("created", "code")
    readonly_fields = fields
    extra = 0


class HintRevealInline(ReadOnlyMixin, admin.TabularInline):
    model = HintReveal
    fields = ("rung", "revealed_at")
    readonly_fields = fields
    extra = 0


@admin.register(InterviewProblem)
class InterviewProblemAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("interview", "order", "problem", "saved_at")
    inlines = [HintRevealInline, SnapshotInline]


class TestResultInline(ReadOnlyMixin, admin.TabularInline):
    model = TestResult
    fields = ("index", "is_sample", "verdict", "cpu_ms", "wall_ms", "mem_kb", "message")
    readonly_fields = fields
    extra = 0


class FeedbackInline(ReadOnlyMixin, admin.StackedInline):
    model = Feedback
    readonly_fields = (
        "status",
        "facts_text",
        "narrative",
        "follow_up",
        "replaced",
        "replaced_reasons",
        "model_name",
        "updated",
    )
    extra = 0


class JobInline(ReadOnlyMixin, admin.TabularInline):
    """The background work on a submission: tries, the worker holding it, why it was retried."""

    model = Job
    fields = ("kind", "status", "attempts", "deliveries", "owner", "lease_until", "reason")
    readonly_fields = fields
    extra = 0


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = (
        "id",
        "candidate",
        "problem",
        "kind",
        "verdict",
        "passed",
        "total",
        "status",
        "created",
        "rejudge_of",
    )
    list_filter = ("verdict", "kind", "status", "created", "item__problem__difficulty")
    search_fields = ("item__interview__candidate__username", "item__problem__slug")
    readonly_fields = (
        "item",
        "kind",
        "code",
        "explanation",
        "status",
        "verdict",
        "passed",
        "total",
        "report",
        "growth",
        "quality",
        "rejudge_of",
        "created",
        "judged_at",
    )
    exclude = ("client_token",)
    inlines = [TestResultInline, FeedbackInline, JobInline]
    actions = ["rejudge"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Submission]:
        return (
            super()
            .get_queryset(request)
            .select_related("item__problem", "item__interview__candidate")
        )

    @admin.display(description="Candidate", ordering="item__interview__candidate__username")
    def candidate(self, obj: Submission) -> str:
        return obj.item.interview.candidate.get_username()

    @admin.display(description="Problem", ordering="item__problem__title")
    def problem(self, obj: Submission) -> str:
        return obj.item.problem.title

    @admin.action(description="Re-judge (a new run; the old one is kept)")
    def rejudge(self, request: HttpRequest, queryset: QuerySet[Submission]) -> None:
        for submission in queryset:
            services.submission_rejudge(submission=submission)
        self.message_user(request, f"{queryset.count()} submission(s) queued for re-judging.")


@admin.register(ModelVersion)
class ModelVersionAdmin(admin.ModelAdmin):
    list_display = ["name", "base_model", "is_active", "eval_loss", "data_version", "created"]
    list_filter = ["is_active", "base_model"]
    search_fields = ["name", "base_model", "adapter_uri"]
    readonly_fields = ["created", "is_active"]
    actions = ["activate"]

    @admin.display(description="validation loss (before -> after)")
    def eval_loss(self, obj: ModelVersion) -> str:
        m = obj.metrics or {}
        return f"{m.get('eval_loss_before', '?')} -> {m.get('eval_loss_after', '?')}"

    @admin.action(description="Activate (the llm worker loads it; the others are deactivated)")
    def activate(self, request: HttpRequest, queryset: QuerySet[ModelVersion]) -> None:
        if queryset.count() != 1:
            self.message_user(request, "Select exactly one model version.", messages.ERROR)
            return
        version = model_version_activate(version=queryset.get())
        self.message_user(request, f"{version.name} is now the active model.", messages.SUCCESS)
