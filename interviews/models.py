"""Interview sessions, submissions and their judged results, feedback and scorecards."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class InterviewStatus(models.TextChoices):
    ACTIVE = "active", "In progress"
    FINISHED = "finished", "Finished"


class Interview(models.Model):
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interviews"
    )
    status = models.CharField(
        max_length=10, choices=InterviewStatus.choices, default=InterviewStatus.ACTIVE
    )
    language = models.CharField(max_length=20, default="python3")
    difficulty = models.CharField(max_length=8, blank=True)
    topics = models.JSONField(default=list, blank=True)
    job_description = models.TextField(blank=True)
    time_limit_min = models.PositiveIntegerField(default=45)
    started_at = models.DateTimeField(default=timezone.now)
    deadline = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["candidate", "-started_at"])]

    def __str__(self) -> str:
        return f"Interview {self.pk} ({self.candidate})"

    @property
    def is_open(self) -> bool:
        return self.status == InterviewStatus.ACTIVE and timezone.now() < self.deadline

    @property
    def seconds_left(self) -> int:
        return max(0, int((self.deadline - timezone.now()).total_seconds()))


class InterviewProblem(models.Model):
    """One problem of an interview, with the candidate's autosaved draft."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="items")
    problem = models.ForeignKey("problems.Problem", on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=1)
    # The language of this problem's draft: the interview's at the start, changed in the room.
    language = models.CharField(max_length=20, default="python3")
    code = models.TextField(blank=True)
    explanation = models.TextField(blank=True)
    saved_at = models.DateTimeField(null=True, blank=True)
    # Bumped by every save; a tab sends the version it loaded, so a stale tab cannot
    # overwrite what another tab saved since.
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["interview", "order"]
        constraints = [
            models.UniqueConstraint(fields=["interview", "order"], name="item_unique_order"),
            models.UniqueConstraint(fields=["interview", "problem"], name="item_unique_problem"),
        ]

    def __str__(self) -> str:
        return f"{self.interview_id}/{self.order}: {self.problem_id}"

    @property
    def reference(self) -> object | None:
        """The optimal reference in this item's language when the problem has one, else the
        Python one (the scorecard says which)."""
        from problems.judge.languages import language_key

        optimal = [s for s in self.problem.solutions.all() if s.kind == "optimal"]
        by_language = {language_key(s.language): s for s in optimal}
        return by_language.get(self.language) or by_language.get("python3")


class CodeSnapshot(models.Model):
    """The draft as it was at a moment: the replay's code timeline."""

    item = models.ForeignKey(InterviewProblem, on_delete=models.CASCADE, related_name="snapshots")
    code = models.TextField(blank=True)
    explanation = models.TextField(blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created"]

    def __str__(self) -> str:
        return f"Snapshot of {self.item_id} at {self.created:%H:%M:%S}"


class SubmissionKind(models.TextChoices):
    RUN = "run", "Run (sample tests)"
    SUBMIT = "submit", "Submit (all tests)"


class SubmissionStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Judging"
    DONE = "done", "Judged"
    ERROR = "error", "Internal error"


class Submission(models.Model):
    item = models.ForeignKey(InterviewProblem, on_delete=models.CASCADE, related_name="submissions")
    kind = models.CharField(max_length=8, choices=SubmissionKind.choices)
    language = models.CharField(max_length=20, default="python3")
    code = models.TextField()
    explanation = models.TextField(blank=True)
    client_token = models.CharField(max_length=64, blank=True)
    status = models.CharField(
        max_length=8, choices=SubmissionStatus.choices, default=SubmissionStatus.QUEUED
    )
    verdict = models.CharField(max_length=4, blank=True)
    passed = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)
    growth = models.JSONField(default=dict, blank=True)
    growth_pending = models.BooleanField(
        default=False, help_text="The verdict is in; growth with input size is being measured."
    )
    quality = models.JSONField(default=dict, blank=True)
    rejudge_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="rejudges"
    )
    created = models.DateTimeField(default=timezone.now)
    judged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "client_token"],
                condition=~models.Q(client_token=""),
                name="submission_unique_client_token",
            )
        ]

    def __str__(self) -> str:
        return f"Submission {self.pk} ({self.kind}, {self.verdict or self.status})"

    @property
    def is_final(self) -> bool:
        """The verdict is known (growth and feedback may still be coming)."""
        return self.status in (SubmissionStatus.DONE, SubmissionStatus.ERROR)

    @property
    def is_settled(self) -> bool:
        """Nothing more will change: the page can stop polling."""
        if not self.is_final or self.growth_pending:
            return False
        feedback = getattr(self, "feedback", None)
        return feedback is None or feedback.is_final

    @property
    def judge_retry(self) -> int:
        """The try judging is on after the judge restarted (0 on the first try, or when done)."""
        for job in self.jobs.all():
            if job.kind == JobKind.JUDGE and job.reason and not self.is_final:
                return job.attempts + (job.status == JobStatus.QUEUED)
        return 0


class TestResult(models.Model):
    __test__ = False

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="results")
    index = models.PositiveIntegerField()
    test = models.ForeignKey("problems.TestCase", null=True, on_delete=models.SET_NULL)
    is_sample = models.BooleanField(default=False)
    verdict = models.CharField(max_length=4)
    cpu_ms = models.FloatField(default=0)
    wall_ms = models.FloatField(default=0)
    mem_kb = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["submission", "index"]

    def __str__(self) -> str:
        return f"Test {self.index}: {self.verdict}"


class HintReveal(models.Model):
    item = models.ForeignKey(
        InterviewProblem, on_delete=models.CASCADE, related_name="hint_reveals"
    )
    rung = models.PositiveSmallIntegerField()
    revealed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["item", "rung"]
        constraints = [models.UniqueConstraint(fields=["item", "rung"], name="hint_reveal_once")]

    def __str__(self) -> str:
        return f"Hint {self.rung} for {self.item_id}"


class TurnRole(models.TextChoices):
    CANDIDATE = "candidate", "Candidate"
    INTERVIEWER = "interviewer", "Interviewer"


class TurnStatus(models.TextChoices):
    PENDING = "pending", "Waiting for the interviewer"
    STREAMING = "streaming", "Writing"
    DONE = "done", "Done"
    UNAVAILABLE = "unavailable", "Interviewer unavailable"


class PhrasingStatus(models.TextChoices):
    """The optional rewording of a built answer by the model (blank: none asked)."""

    PENDING = "pending", "Waiting for the model"
    KEPT = "kept", "Model's wording kept"
    REJECTED = "rejected", "Model's wording rejected by the checker"
    SKIPPED = "skipped", "Model unavailable or too slow"


class Turn(models.Model):
    """One line of the clarifying chat (and follow-up answers).

    An interviewer's answer is built from the problem's text when the question is asked
    (`built_text`, with the quoted `evidence`), so it is shown at once; the model may
    reword it later, and its words replace `text` only when the checker keeps them.
    """

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="turns")
    item = models.ForeignKey(
        InterviewProblem, null=True, blank=True, on_delete=models.CASCADE, related_name="turns"
    )
    role = models.CharField(max_length=12, choices=TurnRole.choices)
    text = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=TurnStatus.choices, default=TurnStatus.DONE)
    built_text = models.TextField(blank=True, help_text="The answer built from the problem's text.")
    evidence = models.JSONField(default=list, blank=True, help_text="Quoted pieces it rests on.")
    phrasing = models.CharField(max_length=10, choices=PhrasingStatus.choices, blank=True)
    phrasing_reasons = models.JSONField(
        default=list, blank=True, help_text="Why the model's wording was not kept."
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created", "id"]

    def __str__(self) -> str:
        return f"{self.role}: {self.text[:40]}"


class FeedbackStatus(models.TextChoices):
    PENDING = "pending", "Waiting for the interviewer"
    STREAMING = "streaming", "Writing"
    DONE = "done", "Done"
    UNAVAILABLE = "unavailable", "AI interviewer unavailable"


class Feedback(models.Model):
    """The interviewer's words on one judged submission; the facts come from the judge."""

    submission = models.OneToOneField(Submission, on_delete=models.CASCADE, related_name="feedback")
    facts_text = models.TextField(
        blank=True, help_text="The built feedback: one sentence per fact, complete on its own."
    )
    evidence = models.JSONField(
        default=list, blank=True, help_text="[sentence, evidence] pairs of the built feedback."
    )
    narrative = models.TextField(blank=True, help_text="The model's phrasing, when it was kept.")
    follow_up = models.TextField(blank=True)
    status = models.CharField(
        max_length=12, choices=FeedbackStatus.choices, default=FeedbackStatus.PENDING
    )
    replaced = models.BooleanField(
        default=False, help_text="The model's phrasing was rejected; the built text stands."
    )
    replaced_reasons = models.JSONField(
        default=list, blank=True, help_text="Why the phrasing checker rejected the phrasing."
    )
    model_name = models.CharField(max_length=200, blank=True)
    updated = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Feedback on submission {self.submission_id} ({self.status})"

    @property
    def is_final(self) -> bool:
        return self.status in (FeedbackStatus.DONE, FeedbackStatus.UNAVAILABLE)


class Scorecard(models.Model):
    interview = models.OneToOneField(Interview, on_delete=models.CASCADE, related_name="scorecard")
    correctness = models.PositiveSmallIntegerField()
    efficiency = models.PositiveSmallIntegerField()
    code_quality = models.PositiveSmallIntegerField()
    communication = models.PositiveSmallIntegerField()
    independence = models.PositiveSmallIntegerField()
    overall = models.PositiveSmallIntegerField()
    strengths = models.JSONField(default=list, blank=True)
    improvements = models.JSONField(default=list, blank=True)
    summary = models.TextField(blank=True)
    summary_status = models.CharField(
        max_length=12, choices=FeedbackStatus.choices, default=FeedbackStatus.PENDING
    )
    created = models.DateTimeField(default=timezone.now)

    DIMENSIONS = ("correctness", "efficiency", "code_quality", "communication", "independence")

    def __str__(self) -> str:
        return f"Scorecard of interview {self.interview_id}: {self.overall}"


class JobKind(models.TextChoices):
    JUDGE = "judge", "Judging"
    MEASURE = "measure", "Growth measurement"
    NARRATIVE = "narrative", "Interviewer's narrative"


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Gave up"


class Job(models.Model):
    """One piece of background work a submission waits for, delivered at least once.

    `interviews.jobs` owns every change to these rows and explains the design.
    """

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="jobs")
    kind = models.CharField(max_length=12, choices=JobKind.choices)
    target_id = models.PositiveBigIntegerField(help_text="The task's argument (a row's id).")
    status = models.CharField(max_length=8, choices=JobStatus.choices, default=JobStatus.QUEUED)
    deliveries = models.PositiveSmallIntegerField(default=1, help_text="Times enqueued.")
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Times a worker started it.")
    queued_at = models.DateTimeField(default=timezone.now, help_text="Waiting for a worker since.")
    deadline_s = models.FloatField(help_text="How long one attempt may take.")
    lease_until = models.DateTimeField(
        null=True, blank=True, help_text="Queued: pick-up deadline. Running: the attempt's."
    )
    owner = models.CharField(max_length=200, blank=True, help_text="host:pid:start of the worker.")
    reason = models.TextField(blank=True, help_text="Why the last attempt did not finish.")
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created", "id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "target_id"], name="job_unique_target")
        ]
        indexes = [
            models.Index(fields=["status", "lease_until"]),
            models.Index(fields=["kind", "updated"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.target_id} ({self.status}, try {self.deliveries})"


class ModelVersion(models.Model):
    """A fine-tuned adapter (or a base model) that the llm worker may load; at most one active."""

    name = models.CharField(max_length=120, unique=True)
    base_model = models.CharField(max_length=200)
    adapter_uri = models.CharField(
        max_length=500,
        blank=True,
        help_text="Local path, gs:// URI or DVC path; blank = base only.",
    )
    recipe = models.CharField(max_length=300, blank=True)
    recipe_params = models.JSONField(default=dict, blank=True)
    data_version = models.CharField(
        max_length=64, blank=True, help_text="Hash of the training data."
    )
    metrics = models.JSONField(default=dict, blank=True)
    is_active = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        # Moved from the problem bank with a state-only migration pair: the table
        # keeps its name, so no row moves.
        db_table = "problems_modelversion"
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"],
                condition=models.Q(is_active=True),
                name="modelversion_one_active",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}{' (active)' if self.is_active else ''}"
