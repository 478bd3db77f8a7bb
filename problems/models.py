"""The problem bank: problems, their tests, reference solutions and hints."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from mltools import inputgen
from mltools.callshape import CallShape, ShapeError


class Difficulty(models.TextChoices):
    EASY = "easy", "Easy"
    MEDIUM = "medium", "Medium"
    HARD = "hard", "Hard"


class Source(models.TextChoices):
    BANK = "bank", "Mockmate bank"
    KAGGLE_LEETCODE = "kaggle-leetcode", "Kaggle leetcode-solutions"
    LEETCODEDATASET = "leetcodedataset", "LeetCodeDataset"
    HUMANEVAL = "humaneval", "HumanEval"
    STAFF = "staff", "Written by staff"


class EntryKind(models.TextChoices):
    METHOD = "method", "Method of class Solution"
    FUNCTION = "function", "Free function"
    DESIGN = "design", "Design class driven by a list of calls"


class Checker(models.TextChoices):
    EXACT = "exact", "Exact"
    ANY_ORDER = "any_order", "Any order (top level)"
    ANY_ORDER_NESTED = "any_order_nested", "Any order (every level)"
    FLOAT = "float", "Float tolerance"


class GeneratorOrigin(models.TextChoices):
    HAND_WRITTEN = inputgen.ORIGIN_HAND_WRITTEN, "Hand-written"
    DERIVED = inputgen.ORIGIN_DERIVED, "Derived"
    NONE = inputgen.ORIGIN_NONE, "None could be built"


class Tag(models.Model):
    slug = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=64)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Problem(models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=200)
    difficulty = models.CharField(max_length=8, choices=Difficulty.choices, db_index=True)
    statement = models.TextField(help_text="Markdown; rendered sanitised.")
    examples = models.JSONField(
        default=list, blank=True, help_text='List of {"input", "output", "explanation"}.'
    )
    constraints = models.TextField(blank=True, help_text="Markdown.")
    follow_up = models.TextField(blank=True)
    editorial = models.TextField(
        blank=True, help_text="Markdown explanation of the optimal approach."
    )
    tags = models.ManyToManyField(Tag, related_name="problems", blank=True)

    entry_kind = models.CharField(
        max_length=10, choices=EntryKind.choices, default=EntryKind.METHOD
    )
    entry_point = models.CharField(
        max_length=100, help_text="Method of Solution, function name, or the design class."
    )
    signature = models.TextField(
        blank=True,
        help_text="The Python def line (a design problem: the class skeleton); its ListNode/"
        "TreeNode annotations convert arguments and results.",
    )
    returns_argument = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="In-place problems: the argument (0-based) compared after the call.",
    )
    tolerance = models.FloatField(
        null=True,
        blank=True,
        help_text='The "float" checker\'s tolerance, absolute or relative (blank: 1e-5).',
    )
    starter_code = models.JSONField(default=dict, blank=True, help_text="{language: code}.")
    preamble = models.TextField(
        blank=True,
        help_text="Python run before the candidate's code (imports, ListNode, TreeNode).",
    )
    generator = models.TextField(
        blank=True,
        help_text="Python defining generate(n, rng) -> args list, for growth measurement.",
    )
    growth_sizes = models.JSONField(default=list, blank=True)
    max_size = models.PositiveBigIntegerField(
        null=True,
        blank=True,
        help_text="The generator's n for the largest input the constraints allow (a hidden "
        "test at that size, timed against the reference).",
    )

    generator_origin = models.CharField(
        max_length=12,
        choices=GeneratorOrigin.choices,
        blank=True,
        help_text="Where `generator` came from: a person, derived from the signature, tests and "
        "constraints (mltools.inputgen), or none could be built (see the note).",
    )
    generator_note = models.TextField(
        blank=True,
        help_text="Why no generator could be built, or what the derivation assumed and chose.",
    )
    generator_checked = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the reference last ran on the derived generator's families "
        "(manage.py derive_generators); blank: not yet.",
    )

    time_limit_s = models.FloatField(default=2.0, help_text="CPU seconds per test.")
    memory_limit_mb = models.PositiveIntegerField(default=256)

    source = models.CharField(max_length=20, choices=Source.choices, default=Source.STAFF)
    source_id = models.CharField(max_length=120, blank=True)
    source_url = models.URLField(blank=True)
    licence = models.CharField(max_length=120, blank=True)
    attribution = models.TextField(blank=True)
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    is_published = models.BooleanField(default=True)

    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"],
                condition=~models.Q(source_id=""),
                name="problem_unique_source_id",
            )
        ]
        indexes = [models.Index(fields=["source", "difficulty"])]

    def __str__(self) -> str:
        return self.title

    @property
    def call_shape(self) -> CallShape:
        """How the judge calls this problem (ShapeError when its fields disagree)."""
        return CallShape(
            entry_kind=self.entry_kind,
            entry_point=self.entry_point,
            signature=self.signature,
            returns_argument=self.returns_argument,
        )

    def clean(self) -> None:
        try:
            self.call_shape.methods()
        except ShapeError as exc:
            raise ValidationError({"signature": str(exc)}) from exc


class TestCase(models.Model):
    __test__ = False  # not a pytest test class

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="tests")
    order = models.PositiveIntegerField(default=0)
    args = models.JSONField(default=list, blank=True, help_text="Positional arguments.")
    kwargs = models.JSONField(default=dict, blank=True, help_text="Keyword arguments.")
    expected = models.JSONField(null=True, blank=True)
    is_sample = models.BooleanField(default=False, help_text="Shown to candidates in full.")
    checker = models.CharField(max_length=20, choices=Checker.choices, default=Checker.EXACT)
    size = models.PositiveIntegerField(null=True, blank=True, help_text="Input size n, for growth.")
    note = models.CharField(max_length=200, blank=True, help_text="What this test covers.")

    class Meta:
        ordering = ["problem", "order", "id"]

    def __str__(self) -> str:
        return f"{self.problem.slug} #{self.order}"


class StressTest(models.Model):
    """A problem's hidden test at the largest size its constraints allow (`Problem.max_size`),
    made by its generator, its expected value from the optimal reference, and the time limit
    the reference's CPU time on it sets (`problems.judge.service`). In a table of its own:
    its arguments can hold a million values, which no page that lists problems should load.
    """

    __test__ = False  # not a pytest test class

    problem = models.OneToOneField(Problem, on_delete=models.CASCADE, related_name="stress_test")
    key = models.CharField(
        max_length=64, help_text="sha256 of what it was made from (generator, size, reference)."
    )
    size = models.PositiveBigIntegerField()  # n may be a value: up to 10^15
    args = models.JSONField(default=list)
    expected = models.JSONField(null=True)
    checker = models.CharField(max_length=20, choices=Checker.choices, default=Checker.EXACT)
    reference_cpu_s = models.FloatField(help_text="The optimal reference's CPU seconds on it.")
    time_limit_s = models.FloatField(help_text="CPU seconds per test when it is part of a run.")
    error = models.TextField(
        blank=True,
        help_text="Why no stress test could be made from this key (the generator or the "
        "reference failed); not tried again until what it is made from changes.",
    )
    created = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.problem_id} at n={self.size}"


class SolutionKind(models.TextChoices):
    OPTIMAL = "optimal", "Optimal"
    SLOW = "slow", "Correct but slower"
    ALTERNATIVE = "alternative", "Alternative"


class ReferenceSolution(models.Model):
    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="solutions")
    language = models.CharField(
        max_length=20,
        default="python3",
        help_text="The judge's key for the language (python3, cpp, java, javascript, typescript).",
    )
    kind = models.CharField(
        max_length=12, choices=SolutionKind.choices, default=SolutionKind.OPTIMAL
    )
    code = models.TextField()
    explanation = models.TextField(blank=True)
    time_complexity = models.CharField(max_length=40, blank=True)
    space_complexity = models.CharField(max_length=40, blank=True)
    verified = models.BooleanField(default=False)
    verified_at = models.DateTimeField(null=True, blank=True)
    verification_note = models.TextField(blank=True)
    growth = models.JSONField(
        default=dict, blank=True, editable=False,
        help_text="This solution's measured growth (the yardstick for candidates), keyed by inputs.",
    )  # fmt: skip

    class Meta:
        ordering = ["problem", "language", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["problem", "language", "kind"], name="solution_unique_language_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.problem.slug} [{self.language}, {self.kind}]"


class Hint(models.Model):
    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="hints")
    rung = models.PositiveSmallIntegerField(help_text="1 = gentle ... 3 = near-pseudocode.")
    text = models.TextField()

    class Meta:
        ordering = ["problem", "rung"]
        constraints = [models.UniqueConstraint(fields=["problem", "rung"], name="hint_unique_rung")]

    def __str__(self) -> str:
        return f"{self.problem.slug} hint {self.rung}"


class ProblemEmbedding(models.Model):
    """A problem's sentence embedding for one model, kept in step with its text.

    The vector is float32 bytes: the site loads every row once into an in-process
    matrix (see `problems.ml_services`), so no vector type is needed in the
    database at the bank's size; pgvector takes over past a few million rows.
    """

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="embeddings")
    model_name = models.CharField(max_length=200)
    text_hash = models.CharField(max_length=64, help_text="sha256 of the model name and text.")
    dimensions = models.PositiveIntegerField()
    vector = models.BinaryField(help_text="Little-endian float32, L2-normalised.")
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["problem", "model_name"], name="embedding_unique_problem_model"
            )
        ]

    def __str__(self) -> str:
        return f"{self.problem_id} [{self.model_name}]"
