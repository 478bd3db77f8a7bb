"""The offline models known by name: which backend runs each, and Gemma's turn format."""

from __future__ import annotations

from mltools.contracts import ChatTurn, RuntimeConfig
from mltools.llm import runtime
from mltools.llm.weights import GEMMA_TEMPLATE, OFFLINE_MODELS

MESSAGES = (ChatTurn("system", "You are an interviewer."), ChatTurn("user", "Facts:\n- Accepted."))


def test_gemma_runs_where_its_weights_can_be_read() -> None:
    gemma = RuntimeConfig(model_path="gemma-3-270m")
    fast = "llama_cpp" if runtime.LlamaCppBackend.available() else "transformers"
    assert runtime.resolve_backend(gemma) == fast
    # peft adapters and bitsandbytes exist on the transformers path only
    assert runtime.resolve_backend(RuntimeConfig(model_path="gemma-3-270m", adapter_path="a")) == (
        "transformers"
    )
    assert runtime.resolve_backend(RuntimeConfig(quantization="4bit")) == "transformers"
    assert runtime.resolve_backend(RuntimeConfig()) in ("onnx", "transformers")


def test_each_offline_model_states_its_licence() -> None:
    assert OFFLINE_MODELS["smollm2-135m-instruct"].licence == "Apache-2.0"
    assert "not OSI" in OFFLINE_MODELS["gemma-3-270m"].licence


def test_gemma_turn_format_joins_the_system_turn_to_the_first_user_turn() -> None:
    system, user = MESSAGES
    text = runtime.render_chat(GEMMA_TEMPLATE, MESSAGES)
    assert text == (
        f"<bos><start_of_turn>user\n{system.content}\n\n{user.content}<end_of_turn>\n"
        "<start_of_turn>model\n"
    )
