"""The interviewer's model registry: ModelVersion rows, their adapters, and the runtime config.

A fine-tuning run is registered as a ModelVersion (`finetune`); staff activate one in
the admin; `runtime_config` turns settings plus the active version into the one
`RuntimeConfig` every caller uses; `model_evaluate` compares versions (pass@1 on
held-out problems and the interviewer's quality figures).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Literal

from django.conf import settings
from django.db import transaction

from interviews.models import ModelVersion
from mltools.contracts import RuntimeConfig, SolveTask
from problems.models import Problem


def model_version_register(
    *,
    name: str,
    base_model: str,
    adapter_uri: str,
    recipe: str,
    recipe_params: dict[str, object],
    data_version: str,
    metrics: dict[str, object],
    activate: bool = False,
) -> ModelVersion:
    """Record a training run; `activate` makes it the one the llm worker loads."""
    version = ModelVersion(
        name=name,
        base_model=base_model,
        adapter_uri=adapter_uri,
        recipe=recipe,
        recipe_params=recipe_params,
        data_version=data_version,
        metrics=metrics,
    )
    version.full_clean()
    version.save()
    if activate:
        model_version_activate(version=version)
    return version


@transaction.atomic
def model_version_activate(*, version: ModelVersion) -> ModelVersion:
    """Make `version` the only active model (the others are deactivated first)."""
    ModelVersion.objects.filter(is_active=True).exclude(pk=version.pk).update(is_active=False)
    version.is_active = True
    version.save(update_fields=["is_active"])
    return version


def model_version_active() -> ModelVersion | None:
    return ModelVersion.objects.filter(is_active=True).first()


def model_version_publish(*, version: ModelVersion, bucket_url: str) -> ModelVersion:
    """Upload a local adapter folder to `bucket_url/<name>/` and point the version at it."""
    from mltools.storage_dvc import upload_folder

    url = f"{bucket_url.rstrip('/')}/{version.name}/"
    upload_folder(Path(version.adapter_uri), url)
    version.adapter_uri = url
    version.full_clean()
    version.save(update_fields=["adapter_uri"])
    return version


def model_version_pull(*, version: ModelVersion | None = None, models_dir: Path) -> Path:
    """Fetch a registered adapter (default: the active one, else the newest) to a local folder.

    gs:// URIs are downloaded; a path inside the repository that DVC tracks is
    `dvc pull`ed from the configured remote; a local folder that exists is used as is.
    """
    from mltools import storage
    from mltools.storage_dvc import download_folder, dvc_pull, dvc_remote_configure

    version = version or model_version_active() or ModelVersion.objects.order_by("-created").first()
    if version is None:
        raise ValueError("no model is registered: run finetune first")
    if not version.adapter_uri:
        raise ValueError(f"{version.name} has no adapter (it is a base model)")
    if storage.is_gs_url(version.adapter_uri):
        target = models_dir / "pulled" / version.name
        download_folder(version.adapter_uri, target)
        return target
    local = Path(version.adapter_uri)
    if not local.exists():
        root = Path(settings.BASE_DIR)
        dvc_remote_configure(root)
        dvc_pull(root, str(local))
    return local


Active = Literal["active"]
_adapters: dict[tuple[int, str], str] = {}  # (version id, uri) -> local folder, per process


def runtime_config(*, version: ModelVersion | None | Active = "active") -> RuntimeConfig:
    """The one runtime configuration of the interviewer's model.

    Starts from `settings.MOCKMATE_LLM` (the `MOCKMATE_LLM_*` environment: backend, model
    path, threads, timeout...), then adds the adapter of `version` ("active": the version
    staff activated in the admin; None: the base model). An adapter is pulled (gs:// or
    DVC) once per process and runs on the transformers backend, on top of the same model
    path. The llm worker, `query_model`, `evaluate_model` and `evaluate_interviewer` all
    call this.
    """
    config = RuntimeConfig(**settings.MOCKMATE_LLM)  # type: ignore[arg-type]
    chosen = model_version_active() if version == "active" else version
    if chosen is None or not chosen.adapter_uri:
        return config
    key = (chosen.pk, chosen.adapter_uri)
    if key not in _adapters:
        models_dir = Path(settings.MOCKMATE_DATA_DIR) / "models"
        _adapters[key] = str(model_version_pull(version=chosen, models_dir=models_dir))
    return replace(config, backend="transformers", adapter_path=_adapters[key])


def heldout_solve_tasks(
    *, validation_percent: int = 20, limit: int = 5
) -> list[tuple[Problem, SolveTask]]:
    """Validation-split problems (never trained on) that have tests, as solve tasks."""
    from mltools.data.prepare import split_of

    chosen = []
    problems = (
        Problem.objects.filter(is_published=True, tests__isnull=False).distinct().order_by("slug")
    )
    for problem in problems:
        if split_of(problem.slug, validation_percent) != "validation":
            continue
        starter = (problem.starter_code or {}).get("python3", "")
        task = SolveTask(problem.slug, problem.title, problem.statement, problem.signature, starter)
        chosen.append((problem, task))
        if len(chosen) == limit:
            break
    return chosen


def model_evaluate(
    *,
    versions: list[ModelVersion | None],
    limit: int = 5,
    validation_percent: int = 20,
    quality: bool = True,
    on_task: Callable[[str, str], None] | None = None,
) -> str:
    """pass@1 on held-out problems (plus the interviewer quality suite), one column per model."""
    from mltools.training import evaluate
    from problems.judge.service import problem_judge
    from problems.judge.verdicts import Verdict

    pairs = heldout_solve_tasks(validation_percent=validation_percent, limit=limit)
    by_slug = {task.slug: problem for problem, task in pairs}

    def judge(task: SolveTask, code: str) -> str:
        report = problem_judge(problem=by_slug[task.slug], code=code, include_hidden=True)
        return (
            str(Verdict(report.verdict).label)
            if report.verdict in Verdict.values
            else report.verdict
        )

    reports, figures = [], []
    for version in versions:
        # Offline: no page is waiting, so a slow machine must not turn into "Compile Error".
        config = replace(runtime_config(version=version), timeout_s=600.0)
        label = version.name if version is not None else "base"
        reports.append(
            evaluate.pass_at_1(
                [t for _, t in pairs], judge, config=config, label=label, on_task=on_task
            )
        )
        if quality:
            figures.append(_quality_figures(config))
    return evaluate.side_by_side(reports, figures)


def _quality_figures(config: RuntimeConfig) -> dict[str, float]:
    """The interviewer quality suite's rates (mltools.llm.evaluation), when it is installed."""
    try:
        from mltools.llm import evaluation
    except ImportError:
        return {}
    cases = evaluation.simulated_candidates()
    report = evaluation.evaluate(
        [c.facts for c in cases], labels=[c.label for c in cases], config=config
    )
    return {
        "invented-fact rate (lower better)": report.invented_rate,
        "phrasing kept rate": report.phrasing_kept_rate,
        "names the cause rate": report.names_cause_rate,
        "leak rate (lower better)": report.leak_rate,
        "decode tokens/s": report.tokens_per_s,
    }
