"""`finetune` end to end on a tiny split with the real SmolLM2: adapter, curve, metrics, registry."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from interviews.models import ModelVersion

ROOT = Path(__file__).resolve().parents[2]
RECIPE = ROOT / "mltools" / "training" / "recipes" / "smollm2-135m" / "lora.yaml"
EXAMPLE = {
    "instruction": "Ask one follow-up question.",
    "input": "# Two Sum (easy)",
    "output": "What if the list is sorted?",
}


@pytest.mark.slow
@pytest.mark.django_db
def test_finetune_trains_saves_and_registers_an_adapter(tmp_path: Path) -> None:
    for split, n in (("train", 8), ("validation", 4)):
        (tmp_path / split).mkdir()
        (tmp_path / split / "0.jsonl").write_text(
            "\n".join(json.dumps(EXAMPLE) for _ in range(n)) + "\n"
        )
    recipe = yaml.safe_load(RECIPE.read_text())
    recipe["output_dir"] = str(tmp_path / "runs")
    recipe["model"]["cache_dir"] = str(ROOT / "var" / "models")  # the shared safetensors copy
    recipe["data"].update(
        train=str(tmp_path / "train"), validation=str(tmp_path / "validation"), max_length=64
    )
    recipe["training"].update(
        max_steps=4, batch_size=2, eval_steps=2, logging_steps=1, warmup_steps=0
    )
    path = tmp_path / "recipe.yaml"
    path.write_text(yaml.safe_dump(recipe))

    out = StringIO()
    call_command(
        "finetune",
        "--recipe",
        str(path),
        "--name",
        "tiny",
        "--activate",
        "--export-dir",
        str(tmp_path / "latest"),
        stdout=out,
    )

    version = ModelVersion.objects.get(name="tiny")
    assert version.is_active and Path(version.adapter_uri, "adapter_model.safetensors").is_file()
    m = version.metrics
    assert m["eval_loss_after"] < m["eval_loss_before"]  # one repeated answer is learned at once
    assert m["tokens_per_second"] > 0 and m["steps"] >= 2
    assert (tmp_path / "latest" / "loss.png").stat().st_size > 1000
    assert json.loads((tmp_path / "latest" / "metrics.json").read_text())["metrics"] == m
    assert "validation loss" in out.getvalue()
