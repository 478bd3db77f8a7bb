"""Publishing and pulling fine-tuned adapters: the GCS emulator and a local DVC remote, for real."""

from __future__ import annotations

import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from interviews import model_registry
from interviews.models import ModelVersion
from mltools import storage_dvc

pytestmark = pytest.mark.django_db

ADAPTER_FILES = {
    "adapter_config.json": b'{"r": 16}',
    "adapter_model.safetensors": b"\x00" * 64,
    "notes.bin": b"x",
}


def _adapter(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name, data in ADAPTER_FILES.items():
        (folder / name).write_bytes(data)
    return folder


def _register(name: str, adapter_uri: str, activate: bool = True) -> ModelVersion:
    return model_registry.model_version_register(
        name=name, base_model="SmolLM2-135M-Instruct", adapter_uri=adapter_uri, recipe="r.yaml",
        recipe_params={}, data_version="abc", metrics={}, activate=activate,
    )  # fmt: skip


def test_publish_then_model_pull_fetches_the_active_adapter_from_gcs(
    gcs_emulator, tmp_path: Path
) -> None:
    version = _register("run-gcs", str(_adapter(tmp_path / "run" / "adapter")))
    model_registry.model_version_publish(version=version, bucket_url=gcs_emulator.url("models"))
    version.refresh_from_db()
    assert version.adapter_uri == gcs_emulator.url("models/run-gcs/")
    _register("older-inactive", "gs://mockmate-test/none/", activate=False)

    out = StringIO()
    call_command("model_pull", "--models-dir", str(tmp_path / "models"), stdout=out)
    pulled = tmp_path / "models" / "pulled" / "run-gcs"
    assert f"adapter ready at {pulled}" in out.getvalue()
    assert {p.name: p.read_bytes() for p in pulled.iterdir()} == {
        k: v
        for k, v in ADAPTER_FILES.items()
        if k != "notes.bin"  # only model files travel
    }


def test_model_pull_explains_a_missing_object(gcs_emulator, tmp_path: Path) -> None:
    _register("ghost", gcs_emulator.url("models/ghost/"))
    with pytest.raises(CommandError, match="no .* objects under"):
        call_command("model_pull", "--models-dir", str(tmp_path), stdout=StringIO())


def test_model_pull_without_any_model_says_so(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no model is registered"):
        call_command("model_pull", "--models-dir", str(tmp_path), stdout=StringIO())


def _git_repo(path: Path) -> Path:
    path.mkdir()
    for args in (
        ["init", "-q"],
        ["config", "user.email", "t@example.com"],
        ["config", "user.name", "t"],
    ):
        subprocess.run(["git", *args], cwd=path, check=True)
    dvc = str(Path(sys.executable).with_name("dvc"))
    subprocess.run([dvc, "init", "-q"], cwd=path, check=True)
    return path


def test_dvc_push_and_pull_through_a_local_remote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _git_repo(tmp_path / "repo")
    remote = tmp_path / "remote"
    monkeypatch.setenv("MOCKMATE_DVC_REMOTE", str(remote))
    assert storage_dvc.dvc_remote_configure(repo) == str(remote)
    assert "remote" not in (repo / ".dvc" / "config").read_text()  # the bucket stays out of git

    _adapter(repo / "models" / "adapter")
    dvc = str(Path(sys.executable).with_name("dvc"))
    subprocess.run([dvc, "add", "-q", "models/adapter"], cwd=repo, check=True)
    storage_dvc.dvc_push(repo)
    assert any(remote.rglob("*")), "nothing reached the remote"

    shutil.rmtree(repo / "models" / "adapter")
    shutil.rmtree(repo / ".dvc" / "cache")
    storage_dvc.dvc_pull(repo, "models/adapter")
    assert (repo / "models" / "adapter" / "adapter_model.safetensors").read_bytes() == b"\x00" * 64


def test_activating_a_model_version_deactivates_the_others() -> None:
    def register(name: str) -> ModelVersion:
        return model_registry.model_version_register(
            name=name,
            base_model="smollm2-135m",
            adapter_uri=f"var/models/{name}",
            recipe="r.yaml",
            recipe_params={},
            data_version="abc",
            metrics={"eval_loss": 1.0},
            activate=True,
        )

    first, second = register("run-1"), register("run-2")
    first.refresh_from_db()
    assert not first.is_active and second.is_active
    assert model_registry.model_version_active() == second
    model_registry.model_version_activate(version=first)
    assert list(ModelVersion.objects.filter(is_active=True)) == [first]


@pytest.mark.django_db(transaction=True)
def test_a_registered_model_survives_the_move_to_the_interviewer() -> None:
    """Migrate from main's schema (ModelVersion in `problems`) to the interviewer's."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("problems", "0004_call_shape"), ("interviews", "0008_feedback_evidence")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_state = executor.loader.project_state(before)
    assert ("problems", "modelversion") in old_state.models
    OldVersion = old_state.apps.get_model("problems", "ModelVersion")
    OldVersion.objects.create(name="run-7", base_model="smollm2-135m", is_active=True)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    moved = ModelVersion.objects.get(name="run-7")
    assert moved.is_active and model_registry.model_version_active() == moved
