"""Fine-tuning pieces that must be right: response-only labels, padding, recipes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mltools.training import train_lora

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = {
    "instruction": "Ask one follow-up question.",
    "input": "# Two Sum (easy)",
    "output": "What if the list is sorted?",
}


@pytest.fixture(scope="module")
def tokenizer(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from transformers import AutoTokenizer

    from mltools.llm.weights import gguf_path

    # The tokenizer alone comes straight from the GGUF in about a second.
    path = gguf_path()
    return AutoTokenizer.from_pretrained(path.parent, gguf_file=path.name)


def test_prompt_tokens_are_masked_and_response_tokens_are_learned(tokenizer: Any) -> None:
    row = train_lora.tokenize_example(tokenizer, EXAMPLE, max_length=256)
    assert row is not None
    labels, ids = row["labels"], row["input_ids"]
    learned = [i for i, label in enumerate(labels) if label != train_lora.IGNORE_INDEX]
    prompt_len = len(
        tokenizer(train_lora.prompt_text(tokenizer, EXAMPLE), add_special_tokens=False)["input_ids"]
    )
    assert learned == list(
        range(prompt_len, len(ids))
    )  # exactly the response, contiguous, to the end
    assert [ids[i] for i in learned] == labels[prompt_len:]
    assert tokenizer.decode([ids[i] for i in learned]) == EXAMPLE["output"] + tokenizer.eos_token
    assert "Two Sum" in tokenizer.decode(ids[:prompt_len])


def test_long_prompts_are_skipped_and_long_responses_cut(tokenizer: Any) -> None:
    assert (
        train_lora.tokenize_example(tokenizer, {**EXAMPLE, "input": "word " * 400}, max_length=128)
        is None
    )
    row = train_lora.tokenize_example(
        tokenizer, {**EXAMPLE, "output": "very long answer " * 200}, max_length=128
    )
    assert row is not None and len(row["input_ids"]) == len(row["labels"]) == 128


def test_padding_never_adds_learned_tokens(tokenizer: Any) -> None:
    short = train_lora.tokenize_example(tokenizer, EXAMPLE, max_length=256)
    long = train_lora.tokenize_example(
        tokenizer, {**EXAMPLE, "output": "A much longer answer. " * 5}, max_length=256
    )
    assert short is not None and long is not None
    batch = train_lora.collate(pad_id=tokenizer.pad_token_id or 0)([short, long])
    width = batch["input_ids"].shape[1]
    assert width == len(long["input_ids"])
    padded = batch["labels"][0, len(short["labels"]) :]
    assert (padded == train_lora.IGNORE_INDEX).all() and (
        batch["attention_mask"][0, len(short["labels"]) :] == 0
    ).all()


@pytest.mark.parametrize(
    "recipe", sorted((ROOT / "mltools" / "training" / "recipes").glob("*/lora.yaml"))
)
def test_recipes_name_every_setting_the_script_reads(recipe: Path) -> None:
    data = train_lora.load_recipe(recipe)
    for section, keys in {
        "model": ("name", "quantization", "gradient_checkpointing"),
        "lora": ("r", "alpha", "dropout", "target_modules"),
        "data": ("train", "validation", "max_length"),
        "training": (
            "seed",
            "max_steps",
            "batch_size",
            "learning_rate",
            "logging_steps",
            "eval_steps",
            "early_stopping_patience",
        ),
    }.items():
        assert all(k in data[section] for k in keys), (section, keys)
    assert data["training"]["warmup_steps"] < data["training"]["max_steps"]


def test_extract_code_takes_the_first_fenced_block_or_the_whole_answer() -> None:
    from mltools.training.evaluate import extract_code

    answer = "```python\nclass Solution:\n    pass\n```\nThis is O(1)."
    assert extract_code(answer) == "class Solution:\n    pass\n"
    assert extract_code("```python\nx = 1\n") == "x = 1\n"  # cut off by the token limit
    assert extract_code("def f(): return 1") == "def f(): return 1\n"


def test_side_by_side_puts_models_in_columns() -> None:
    from mltools.contracts import PassAtOneReport
    from mltools.training.evaluate import side_by_side

    base = PassAtOneReport("base", 0, 2, (("two-sum", "Wrong Answer"), ("lru", "Compile Error")))
    tuned = PassAtOneReport("tuned", 1, 2, (("two-sum", "Accepted"), ("lru", "Wrong Answer")))
    table = side_by_side([base, tuned], [{"leak rate": 0.0}, {"leak rate": 0.5}])
    lines = table.splitlines()
    assert lines[0].split() == ["base", "tuned"]
    assert "0/2 (0%)" in lines[1] and "1/2 (50%)" in lines[1]
    assert lines[2].split() == ["two-sum", "Wrong", "Answer", "Accepted"]
    assert "0.50" in next(line for line in lines if line.startswith("leak rate"))
