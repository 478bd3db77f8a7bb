"""Model runtime: a registry of backends behind one streaming `generate`.

Decisions:
- One model per worker process, loaded on first use and kept in `_LOADED`, keyed by
  the settings that change the weights (django-q2 forks its workers first, so the
  load happens in the child, after the fork; CUDA never sees a fork).
- Backends register against `Backend` (STYLE.md rule 20). "onnx" (onnxruntime-genai,
  int4 MatMulNBits kernels) is the fast CPU path: the default model's GGUF weights are
  already 4-bit, and it reaches the issue's 40 tokens/s on 2 cores where transformers
  stays near 20. "transformers" is the reference backend: any model folder, LoRA
  adapters through peft, dtypes, bitsandbytes 8/4-bit on CUDA. "llama_cpp" runs the
  GGUF through llama-cpp-python when that is installed (it builds from source here).
  "openai" sends the messages to an OpenAI-compatible chat-completions server (vLLM,
  llama.cpp's server, Ollama, TGI, a hosted service) and streams its answer: the
  scale-out path, many `llm` workers sharing one serving cluster.
- Every backend renders prompts with the model's own chat template (jinja), so the
  same messages give the same prompt text whatever runs them.
- The timeout bounds generation, not loading (the first load converts weights once).
  A timeout or a crash returns a `GenerationResult` with `finish_reason` "timeout" or
  "error" and the text so far; it never raises. Local backends never retry; the openai
  backend retries a refused request (connection, 429, 5xx) at most `retries` times,
  never a stream that has started (its words are already shown).
- torch, transformers, peft and onnxruntime are imported inside the functions that need
  them: importing this module costs nothing in the web process.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import logging
import os
import shutil
import subprocess
import sys
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

from mltools.contracts import ChatTurn, GenerationRequest, GenerationResult, RuntimeConfig

logger = logging.getLogger(__name__)

OnText = Callable[[str], None]


class ModelUnavailable(RuntimeError):
    """The configured model or backend cannot be loaded in this process."""


class LoadedModel(ABC):
    """A model in memory, ready to stream tokens."""

    backend: str = ""
    name: str = ""
    load_s: float = 0.0
    chat_template: str = ""

    @abstractmethod
    def stream(
        self,
        prompt: str,
        *,
        max_new_tokens: int,
        temperature: float,
        seed: int,
        repetition_penalty: float = 1.0,
    ) -> Iterator[str]:
        """Yield one text piece per generated token ("" while a character is incomplete)."""

    @abstractmethod
    def count_tokens(self, text: str) -> int: ...

    def render(self, messages: Sequence[ChatTurn], assistant_prefix: str = "") -> str:
        return render_chat(self.chat_template, messages) + assistant_prefix

    def stream_chat(
        self,
        messages: Sequence[ChatTurn],
        assistant_prefix: str,
        *,
        max_new_tokens: int,
        temperature: float,
        seed: int,
        repetition_penalty: float,
        stop: Sequence[str] = (),
    ) -> TokenStream:
        """The answer to `messages`: local models render the prompt with their template."""
        prompt = self.render(messages, assistant_prefix)
        pieces = self.stream(
            prompt,
            max_new_tokens=max_new_tokens,
            temperature=temperature,
            seed=seed,
            repetition_penalty=repetition_penalty,
        )
        return TokenStream(pieces, prompt_tokens=self.count_tokens(prompt))


class TokenStream:
    """Text pieces, one per token, and the prompt's length in tokens (a server tells it last)."""

    def __init__(self, pieces: Iterator[str], prompt_tokens: int = 0) -> None:
        self.pieces = pieces
        self.prompt_tokens = prompt_tokens

    def __iter__(self) -> Iterator[str]:
        return self.pieces

    def close(self) -> None:
        close = getattr(self.pieces, "close", None)
        if close is not None:
            close()


class Backend(ABC):
    name: ClassVar[str]

    @classmethod
    @abstractmethod
    def available(cls) -> bool:
        """Whether the backend's packages are installed (without importing them)."""

    @classmethod
    @abstractmethod
    def load(cls, config: RuntimeConfig) -> LoadedModel: ...


BACKENDS: dict[str, type[Backend]] = {}


def register_backend(cls: type[Backend]) -> type[Backend]:
    BACKENDS[cls.name] = cls
    return cls


def _installed(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


# --- prompts ------------------------------------------------------------------------------

CHATML_TEMPLATE = (
    "{% for message in messages %}<|im_start|>{{ message['role'] }}\n"
    "{{ message['content'] }}<|im_end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)


# The tokens that end an assistant turn: ChatML's (SmolLM2) and Gemma's.
END_OF_TURN = ("<|im_end|>", "<end_of_turn>")


def render_chat(template: str, messages: Sequence[ChatTurn]) -> str:
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)
    return env.from_string(template or CHATML_TEMPLATE).render(
        messages=[{"role": m.role, "content": m.content} for m in messages],
        add_generation_prompt=True,
        bos_token="",
        eos_token="",
    )


def _read_chat_template(folder: Path) -> str:
    jinja = folder / "chat_template.jinja"
    if jinja.is_file():
        return jinja.read_text()
    config = folder / "tokenizer_config.json"
    if config.is_file():
        template = json.loads(config.read_text()).get("chat_template")
        if isinstance(template, str):
            return template
    return CHATML_TEMPLATE


# --- model files --------------------------------------------------------------------------


def source_model_dir(config: RuntimeConfig) -> Path:
    """The Hugging Face folder the configured model comes from (offline models are cached).

    `model_path` is a folder, or the name of an offline model (`weights.OFFLINE_MODELS`).
    """
    from mltools.llm.weights import OFFLINE_MODELS, ensure_base_model

    if config.model_path in OFFLINE_MODELS:
        return ensure_base_model(Path(config.cache_dir), config.model_path)
    if config.model_path:
        path = Path(config.model_path)
        if not path.exists():
            raise ModelUnavailable(f"model path {path} does not exist")
        return path
    return ensure_base_model(Path(config.cache_dir))


def _fingerprint(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path.resolve()).encode())
        for item in sorted(path.glob("*.safetensors")) if path.is_dir() else [path]:
            stat = item.stat()
            digest.update(f"{item.name}:{stat.st_size}:{int(stat.st_mtime)}".encode())
    return digest.hexdigest()[:12]


def merged_model_dir(config: RuntimeConfig) -> Path:
    """The base model with the LoRA adapter merged in, written once to the cache."""
    source = source_model_dir(config)
    if not config.adapter_path:
        return source
    adapter = Path(config.adapter_path)
    if not adapter.exists():
        raise ModelUnavailable(f"adapter path {adapter} does not exist")
    target = Path(config.cache_dir) / f"merged-{_fingerprint(source, adapter)}"
    if (target / "config.json").is_file():
        return target
    import torch
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    base = AutoModelForCausalLM.from_pretrained(source, dtype=torch.float32)
    merged = PeftModel.from_pretrained(base, adapter).merge_and_unload()
    partial = target.with_name(target.name + ".partial")
    merged.save_pretrained(partial, safe_serialization=True)
    AutoTokenizer.from_pretrained(source).save_pretrained(partial)
    if (source / "chat_template.jinja").is_file():
        shutil.copy(source / "chat_template.jinja", partial / "chat_template.jinja")
    partial.rename(target)
    return target


# --- backends -----------------------------------------------------------------------------


class _IncrementalDecoder:
    """Turns a growing list of token ids into new text pieces, holding incomplete characters."""

    def __init__(self, decode: Callable[[list[int]], str]) -> None:
        self._decode = decode
        self._ids: list[int] = []
        self._emitted = 0

    def push(self, token_id: int) -> str:
        self._ids.append(token_id)
        text = self._decode(self._ids)
        if text.endswith("\ufffd"):
            return ""
        piece = text[self._emitted :]
        self._emitted = len(text)
        return piece


class _TransformersModel(LoadedModel):
    def __init__(self, model: Any, tokenizer: Any, name: str, chat_template: str) -> None:
        self.backend = "transformers"
        self.model = model
        self.tokenizer = tokenizer
        self.name = name
        self.chat_template = chat_template
        eos = model.generation_config.eos_token_id
        self.eos_ids = set(eos if isinstance(eos, list) else [eos]) - {None}
        self.eos_ids.add(tokenizer.eos_token_id)
        for end_of_turn in END_OF_TURN:
            token = tokenizer.convert_tokens_to_ids(end_of_turn)
            if isinstance(token, int) and token != tokenizer.unk_token_id:
                self.eos_ids.add(token)

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer(text, add_special_tokens=False).input_ids)

    def stream(
        self,
        prompt: str,
        *,
        max_new_tokens: int,
        temperature: float,
        seed: int,
        repetition_penalty: float = 1.0,
    ) -> Iterator[str]:
        import torch

        device = next(self.model.parameters()).device
        ids = self.tokenizer(prompt, return_tensors="pt", add_special_tokens=False).input_ids
        generator = torch.Generator().manual_seed(seed)
        generated: list[int] = []
        decoder = _IncrementalDecoder(lambda t: self.tokenizer.decode(t, skip_special_tokens=True))
        # transformers 5.x names the KV cache `cache` (older releases: `past_key_values`).
        forward = getattr(self.model, "get_base_model", lambda: self.model)().forward
        cache_name = (
            "cache" if "cache" in inspect.signature(forward).parameters else "past_key_values"
        )
        with torch.inference_mode():
            out = self.model(input_ids=ids.to(device), use_cache=True)
            for _ in range(max_new_tokens):
                logits = out.logits[0, -1].float().cpu()
                if repetition_penalty != 1.0:
                    seen = torch.unique(
                        torch.cat([ids[0], torch.tensor(generated, dtype=ids.dtype)])
                    )
                    picked = logits[seen]
                    logits[seen] = torch.where(
                        picked > 0, picked / repetition_penalty, picked * repetition_penalty
                    )
                if temperature > 0:
                    probs = torch.softmax(logits / temperature, dim=-1)
                    token = int(torch.multinomial(probs, 1, generator=generator))
                else:
                    token = int(torch.argmax(logits))
                if token in self.eos_ids:
                    return
                generated.append(token)
                yield decoder.push(token)
                out = self.model(
                    input_ids=torch.tensor([[token]], device=device),
                    use_cache=True,
                    **{cache_name: getattr(out, cache_name)},
                )


@register_backend
class TransformersBackend(Backend):
    """The reference backend: any causal LM folder, LoRA adapters, bitsandbytes on CUDA."""

    name = "transformers"

    @classmethod
    def available(cls) -> bool:
        return _installed("torch") and _installed("transformers")

    @classmethod
    def load(cls, config: RuntimeConfig) -> LoadedModel:
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        if config.num_threads > 0:
            torch.set_num_threads(config.num_threads)
        source = source_model_dir(config)
        cuda = torch.cuda.is_available()
        dtypes = {"float32": torch.float32, "bfloat16": torch.bfloat16, "float16": torch.float16}
        if config.dtype == "auto":
            # bf16 is faster than fp32 on this CPU (19 vs 14 tokens/s) with the same text.
            dtype = torch.bfloat16
        elif config.dtype in dtypes:
            dtype = dtypes[config.dtype]
        else:
            raise ModelUnavailable(f"unknown dtype {config.dtype!r}")
        kwargs: dict[str, Any] = {"dtype": dtype}
        if config.quantization in ("8bit", "4bit"):
            if not cuda:
                logger.warning(
                    "quantization %s needs CUDA; loading unquantized", config.quantization
                )
            else:
                from transformers import BitsAndBytesConfig

                kwargs["quantization_config"] = BitsAndBytesConfig(
                    load_in_8bit=config.quantization == "8bit",
                    load_in_4bit=config.quantization == "4bit",
                    bnb_4bit_compute_dtype=dtype,
                )
                kwargs["device_map"] = "auto"
        elif config.quantization != "none":
            raise ModelUnavailable(f"unknown quantization {config.quantization!r}")
        tokenizer = AutoTokenizer.from_pretrained(source)
        model: Any = AutoModelForCausalLM.from_pretrained(source, **kwargs)
        if config.adapter_path:
            from peft import PeftModel

            model = PeftModel.from_pretrained(model, config.adapter_path)
        if cuda and "device_map" not in kwargs:
            model = model.to("cuda")
        model.eval()
        name = source.name + (f"+{Path(config.adapter_path).name}" if config.adapter_path else "")
        return _TransformersModel(model, tokenizer, name, _read_chat_template(source))


class _OnnxModel(LoadedModel):
    def __init__(self, folder: Path, name: str, chat_template: str, num_threads: int) -> None:
        import onnxruntime_genai as og

        self.backend = "onnx"
        self.name = name
        self.chat_template = chat_template
        og_config = og.Config(str(folder))
        if num_threads > 0:
            og_config.overlay(
                json.dumps(
                    {
                        "model": {
                            "decoder": {"session_options": {"intra_op_num_threads": num_threads}}
                        }
                    }
                )
            )
        self._og = og
        self.model = og.Model(og_config)
        self.tokenizer = og.Tokenizer(self.model)
        self.eos_ids = set(int(t) for t in self.tokenizer.eos_token_ids)

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer.encode(text))

    def stream(
        self,
        prompt: str,
        *,
        max_new_tokens: int,
        temperature: float,
        seed: int,
        repetition_penalty: float = 1.0,
    ) -> Iterator[str]:
        og = self._og
        ids = self.tokenizer.encode(prompt)
        params = og.GeneratorParams(self.model)
        options: dict[str, Any] = {
            "max_length": len(ids) + max_new_tokens,
            "repetition_penalty": repetition_penalty,
        }
        if temperature > 0:
            options.update(do_sample=True, temperature=temperature, random_seed=seed)
        else:
            options.update(do_sample=False)
        params.set_search_options(**options)
        generator = og.Generator(self.model, params)
        generator.append_tokens(ids)
        decoder = self.tokenizer.create_stream()
        while not generator.is_done():
            generator.generate_next_token()
            token = int(generator.get_next_tokens()[0])
            if token in self.eos_ids:
                return
            yield decoder.decode(token)


@register_backend
class OnnxBackend(Backend):
    """onnxruntime-genai with int4 weights: the fast CPU path for the default model.

    The Hugging Face folder (with the adapter merged in) is converted once by
    onnxruntime-genai's model builder into the cache; later loads take under a second.
    """

    name = "onnx"

    @classmethod
    def available(cls) -> bool:
        return _installed("onnxruntime_genai")

    @classmethod
    def onnx_dir(cls, config: RuntimeConfig) -> Path:
        if config.model_path and (Path(config.model_path) / "genai_config.json").is_file():
            return Path(config.model_path)
        source = merged_model_dir(config)
        target = Path(config.cache_dir) / f"onnx-int4-{_fingerprint(source)}"
        if (target / "genai_config.json").is_file():
            return target
        partial = target.with_name(target.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        command = [
            sys.executable, "-m", "onnxruntime_genai.models.builder",
            "-m", str(source), "-i", str(source), "-o", str(partial),
            "-p", "int4", "-e", "cpu", "-c", str(Path(config.cache_dir) / "onnx-build-cache"),
        ]  # fmt: skip
        env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0 or not (partial / "genai_config.json").is_file():
            raise ModelUnavailable(f"ONNX conversion failed: {done.stderr[-800:]}")
        for extra in ("chat_template.jinja",):
            if (source / extra).is_file():
                shutil.copy(source / extra, partial / extra)
        shutil.rmtree(target, ignore_errors=True)
        partial.rename(target)
        return target

    @classmethod
    def load(cls, config: RuntimeConfig) -> LoadedModel:
        if config.quantization != "none":
            raise ModelUnavailable("the onnx backend has its own int4 weights; use transformers")
        folder = cls.onnx_dir(config)
        name = (Path(config.model_path).name if config.model_path else "smollm2-135m-instruct") + (
            f"+{Path(config.adapter_path).name}" if config.adapter_path else ""
        )
        return _OnnxModel(
            folder, f"{name} (int4 onnx)", _read_chat_template(folder), config.num_threads
        )


class _LlamaCppModel(LoadedModel):
    def __init__(self, llm: Any, name: str, chat_template: str) -> None:
        self.backend = "llama_cpp"
        self.llm = llm
        self.adds_bos = bool(llm.metadata.get("tokenizer.ggml.add_bos_token") == "true")
        self.bos_text = llm.detokenize([llm.token_bos()], special=True).decode(errors="ignore")
        self.name = name
        self.chat_template = chat_template

    def count_tokens(self, text: str) -> int:
        return len(self.llm.tokenize(text.encode(), add_bos=False, special=True))

    def stream(
        self,
        prompt: str,
        *,
        max_new_tokens: int,
        temperature: float,
        seed: int,
        repetition_penalty: float = 1.0,
    ) -> Iterator[str]:
        self.llm.reset()  # no prefix reuse between calls: the other backends have none either
        if self.adds_bos and prompt.startswith(self.bos_text):
            prompt = prompt[len(self.bos_text) :]  # llama.cpp adds it: never twice
        chunks = self.llm.create_completion(
            prompt,
            max_tokens=max_new_tokens,
            temperature=temperature,
            top_k=1 if temperature <= 0 else 40,
            seed=seed,
            repeat_penalty=repetition_penalty,
            stream=True,
            stop=list(END_OF_TURN),
        )
        for chunk in chunks:
            yield chunk["choices"][0]["text"]


@register_backend
class LlamaCppBackend(Backend):
    """The GGUF through llama-cpp-python, when installed (it has no prebuilt wheel here)."""

    name = "llama_cpp"

    @classmethod
    def available(cls) -> bool:
        return _installed("llama_cpp")

    @classmethod
    def load(cls, config: RuntimeConfig) -> LoadedModel:
        from llama_cpp import Llama

        from mltools.llm.weights import DEFAULT_MODEL, OFFLINE_MODELS, gguf_path

        if config.adapter_path:
            raise ModelUnavailable("the llama_cpp backend does not load LoRA adapters")
        offline = OFFLINE_MODELS.get(config.model_path or DEFAULT_MODEL)
        if offline is not None:
            path = gguf_path(offline.name, Path(config.cache_dir))
        elif config.model_path.endswith(".gguf"):
            path = Path(config.model_path)
        else:
            raise ModelUnavailable("the llama_cpp backend loads a .gguf file or an offline model")
        llm = Llama(
            model_path=str(path),
            n_ctx=2048,
            n_threads=config.num_threads or None,
            seed=config.seed,
            verbose=False,
        )
        template = (
            llm.metadata.get("tokenizer.chat_template", "")
            or (offline.chat_template if offline else "")
            or CHATML_TEMPLATE
        )
        return _LlamaCppModel(llm, path.stem, template)


class _OpenAIModel(LoadedModel):
    """A model behind an OpenAI-compatible server; prompts are rendered by the server."""

    def __init__(self, client: Any, model: str, api_base: str) -> None:
        self.backend = "openai"
        self.client = client
        self.model = model
        self.name = f"{model} @ {api_base}"

    def count_tokens(self, text: str) -> int:
        return 0  # the server's tokenizer is not here; it reports the prompt's size (usage)

    def stream(self, prompt: str, **_: Any) -> Iterator[str]:
        raise NotImplementedError("the openai backend takes messages (stream_chat)")

    def stream_chat(
        self,
        messages: Sequence[ChatTurn],
        assistant_prefix: str,
        *,
        max_new_tokens: int,
        temperature: float,
        seed: int,
        repetition_penalty: float,
        stop: Sequence[str] = (),
    ) -> TokenStream:
        """One chat-completions request, streamed.

        - The assistant prefix is sent as the last, unfinished assistant turn; a server
          that answers with a new turn and repeats the prefix has the repeat dropped.
        - `repetition_penalty` is not part of the API (servers name it differently and a
          hosted one rejects unknown fields); the server's default applies.
        - The first four stop strings go to the server (the API's limit); `generate` cuts
          at all of them anyway.
        """
        import openai

        chat = [{"role": m.role, "content": m.content} for m in messages]
        if assistant_prefix:
            chat.append({"role": "assistant", "content": assistant_prefix})
        stream = TokenStream(iter(()))
        try:
            response = self.client.chat.completions.create(
                model=self.model,
                messages=chat,
                max_tokens=max_new_tokens,
                temperature=max(temperature, 0.0),
                seed=seed,
                stop=list(stop[:4]) or None,
                stream=True,
                stream_options={"include_usage": True},
            )
        except openai.APITimeoutError as exc:
            raise TimeoutError(f"no answer from {self.name}: {exc}") from exc

        def pieces() -> Iterator[str]:
            head = assistant_prefix.strip()
            held = ""  # the answer's start, held while it may still be the prefix repeated
            try:
                for chunk in response:
                    if chunk.usage is not None:
                        stream.prompt_tokens = chunk.usage.prompt_tokens
                    if not chunk.choices:
                        continue
                    piece = chunk.choices[0].delta.content or ""
                    if not piece:  # the role-only first chunk, the finish chunk: no token
                        continue
                    if head:
                        held += piece
                        lead = held.lstrip()
                        if len(lead) < len(head) and head.startswith(lead):
                            yield ""  # a token, its text held back
                            continue
                        piece = lead[len(head) :] if lead.startswith(head) else held
                        head = held = ""
                    yield piece
                if held:
                    yield held
            except openai.APITimeoutError as exc:
                raise TimeoutError(f"{self.name} stopped answering: {exc}") from exc
            finally:
                response.close()

        stream.pieces = pieces()
        return stream


@register_backend
class OpenAIBackend(Backend):
    """Any OpenAI-compatible chat-completions server (the `openai` package is the client).

    `api_base` is the server's /v1 URL, `api_key` its key (local servers accept any),
    `model_path` the model name it serves (empty: the first one it lists). Loading asks
    the server for its models, so a wrong URL, key or name fails at load, not mid-answer.
    The HTTP timeout is `timeout_s` for each read (a server that stops streaming ends the
    generation as a timeout); connecting gets 5 s.
    """

    name = "openai"

    @classmethod
    def available(cls) -> bool:
        return _installed("openai")

    @classmethod
    def load(cls, config: RuntimeConfig) -> LoadedModel:
        import openai

        if not config.api_base:
            raise ModelUnavailable("the openai backend needs MOCKMATE_LLM_API_BASE")
        if config.adapter_path or config.quantization != "none":
            raise ModelUnavailable(
                "the openai backend runs what the server serves: load adapters and "
                "quantization there, and name the served model in MOCKMATE_LLM_MODEL"
            )
        client = openai.OpenAI(
            base_url=config.api_base,
            api_key=config.api_key or "unused",  # local servers accept any key
            timeout=openai.Timeout(config.timeout_s, connect=5.0),
            max_retries=config.retries,
        )
        try:
            served = [m.id for m in client.models.list()]
        except openai.OpenAIError as exc:
            raise ModelUnavailable(f"openai: {config.api_base}: {exc}") from exc
        model = config.model_path or (served[0] if served else "")
        if not model or (served and model not in served):
            raise ModelUnavailable(f"openai: {config.api_base} serves {served}, not {model!r}")
        return _OpenAIModel(client, model, config.api_base)


# --- loading and generating ---------------------------------------------------------------

_LOADED: dict[tuple[object, ...], LoadedModel] = {}
_LOCK = threading.Lock()


def resolve_backend(config: RuntimeConfig) -> str:
    if config.backend != "auto":
        return config.backend
    if config.api_base:
        return "openai"
    # bitsandbytes 8/4-bit only exists on the transformers path.
    if config.quantization != "none":
        return "transformers"
    from mltools.llm.weights import OFFLINE_MODELS

    offline = OFFLINE_MODELS.get(config.model_path)
    if offline is not None and not offline.onnx:
        fast = LlamaCppBackend.available() and not config.adapter_path
        return "llama_cpp" if fast else "transformers"
    return "onnx" if OnnxBackend.available() else "transformers"


def _cache_key(config: RuntimeConfig) -> tuple[object, ...]:
    return (
        resolve_backend(config),
        config.model_path,
        config.adapter_path,
        config.dtype,
        config.quantization,
        config.num_threads,
        str(Path(config.cache_dir).resolve()),
        config.api_base,
    )


def load_model(config: RuntimeConfig) -> LoadedModel:
    """The model for `config`, loaded once per process; raises ModelUnavailable.

    With backend "auto", a failed onnx load (a broken conversion, a missing package)
    falls back to the transformers reference backend, with a warning.
    """
    key = _cache_key(config)
    with _LOCK:
        if key in _LOADED:
            return _LOADED[key]
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        name = resolve_backend(config)
        try:
            model = _load(name, config)
        except ModelUnavailable as exc:
            if config.backend != "auto" or name in ("transformers", "openai"):
                raise
            logger.warning("%s; falling back to transformers", exc)
            try:
                model = _load("transformers", config)
            except ModelUnavailable:
                raise exc from None
        _LOADED[key] = model
        return model


def _load(name: str, config: RuntimeConfig) -> LoadedModel:
    backend = BACKENDS.get(name)
    if backend is None:
        raise ModelUnavailable(f"unknown backend {name!r} (known: {sorted(BACKENDS)})")
    if not backend.available():
        raise ModelUnavailable(f"backend {name!r} is not installed")
    started = time.perf_counter()
    try:
        model = backend.load(config)
    except ModelUnavailable:
        raise
    except Exception as exc:  # a missing file, a bad adapter, an out-of-memory...
        raise ModelUnavailable(f"{name}: {type(exc).__name__}: {exc}") from exc
    model.load_s = time.perf_counter() - started
    return model


def unload_all() -> None:
    """Forget every loaded model (tests and benchmarks measure cold loads with it)."""
    with _LOCK:
        _LOADED.clear()


def is_loaded(config: RuntimeConfig) -> bool:
    return _cache_key(config) in _LOADED


def generate(
    request: GenerationRequest,
    on_text: OnText | None = None,
    *,
    config: RuntimeConfig | None = None,
    should_stop: Callable[[str], bool] | None = None,
) -> GenerationResult:
    """Stream the assistant's answer: `on_text` gets the whole text so far after each token.

    `should_stop(text)` lets a caller end generation early (a checker that found a
    contradiction); the result then has finish_reason "aborted". Never raises.
    """
    config = config or RuntimeConfig()
    started = time.perf_counter()
    already = is_loaded(config)
    try:
        model = load_model(config)
    except ModelUnavailable as exc:
        return GenerationResult(
            text=request.assistant_prefix,
            finish_reason="error",
            backend=resolve_backend(config),
            error=str(exc),
            total_s=time.perf_counter() - started,
        )
    load_s = 0.0 if already else model.load_s
    max_new = request.max_new_tokens or config.max_new_tokens
    temperature = config.temperature if request.temperature is None else request.temperature
    text = request.assistant_prefix
    finish = "length"
    error = ""
    new_tokens = 0
    prompt_tokens = 0
    first_token_at = 0.0
    gen_started = time.perf_counter()
    deadline = gen_started + config.timeout_s
    pieces: TokenStream | None = None
    try:
        pieces = model.stream_chat(
            request.messages,
            request.assistant_prefix,
            max_new_tokens=max_new,
            temperature=temperature,
            seed=config.seed,
            repetition_penalty=config.repetition_penalty,
            stop=request.stop,
        )
        for piece in pieces:
            new_tokens += 1
            if new_tokens == 1:
                first_token_at = time.perf_counter()
            if piece:
                text += piece
                cut = _stop_at(text, request.stop, len(request.assistant_prefix))
                if cut is not None:
                    text = text[:cut]
                    finish = "stop"
                if on_text is not None:
                    on_text(text)
                if finish == "stop":
                    break
                if should_stop is not None and should_stop(text):
                    finish = "aborted"
                    break
            if time.perf_counter() > deadline:
                finish = "timeout"
                break
        else:
            finish = "stop" if new_tokens < max_new else "length"
    except TimeoutError as exc:  # a server that stopped answering mid-stream
        finish = "timeout"
        error = str(exc)
    except Exception as exc:  # the worker must go on: report, never raise
        logger.exception("generation failed")
        finish = "error"
        error = f"{type(exc).__name__}: {exc}"
    finally:
        if pieces is not None:
            prompt_tokens = pieces.prompt_tokens
            pieces.close()
    ended = time.perf_counter()
    decode_s = ended - first_token_at if first_token_at else 0.0
    return GenerationResult(
        text=text,
        finish_reason=finish,
        backend=model.backend,
        model=model.name,
        new_tokens=new_tokens,
        prompt_tokens=prompt_tokens,
        load_s=load_s,
        first_token_s=(first_token_at - gen_started) if first_token_at else 0.0,
        total_s=ended - started,
        tokens_per_s=(new_tokens - 1) / decode_s if new_tokens > 1 and decode_s > 0 else 0.0,
        error=error,
    )


def _stop_at(text: str, stops: tuple[str, ...], start: int) -> int | None:
    found = [i for i in (text.find(s, start) for s in stops) if i >= 0]
    return min(found) if found else None


def config_from_env(environ: dict[str, str] | None = None) -> RuntimeConfig:
    """A RuntimeConfig from `MOCKMATE_LLM_*` variables (the worker may build it from settings)."""
    env = dict(os.environ if environ is None else environ)
    defaults = RuntimeConfig()

    def get(name: str, default: str) -> str:
        return env.get(f"MOCKMATE_LLM_{name}", default)

    return replace(
        defaults,
        backend=get("BACKEND", defaults.backend),
        model_path=get("MODEL", defaults.model_path),
        adapter_path=get("ADAPTER", defaults.adapter_path),
        dtype=get("DTYPE", defaults.dtype),
        quantization=get("QUANTIZATION", defaults.quantization),
        max_new_tokens=int(get("MAX_NEW_TOKENS", str(defaults.max_new_tokens))),
        timeout_s=float(get("TIMEOUT_S", str(defaults.timeout_s))),
        cache_dir=get("CACHE_DIR", defaults.cache_dir),
        num_threads=int(get("THREADS", str(defaults.num_threads))),
        temperature=float(get("TEMPERATURE", str(defaults.temperature))),
        repetition_penalty=float(get("REPETITION_PENALTY", str(defaults.repetition_penalty))),
        api_base=get("API_BASE", defaults.api_base),
        api_key=get("API_KEY", defaults.api_key),
        retries=int(get("RETRIES", str(defaults.retries))),
    )


def main() -> int:
    """`python -m mltools.llm.runtime`: write the cached model copies now (set-up, CI)."""
    config = config_from_env()
    started = time.perf_counter()
    try:
        model = load_model(config)
    except ModelUnavailable as exc:
        print(f"model unavailable: {exc}")
        return 1
    print(f"{model.backend}: {model.name} ready in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
