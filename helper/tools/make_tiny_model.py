"""Writes a small real model folder that `mlx_lm.load` loads like a Hub snapshot.

    helper/.venv/bin/python helper/tools/make_tiny_model.py --family qwen3 --out DIR [--size tiny]

Random weights (fixed seed), a byte-level BPE tokenizer trained here with `tokenizers`, the family's
chat template and generation config. The same arguments always give byte-identical files, so tests
can cache the folder and greedy output is reproducible. `--size bench` makes a ~80 M-parameter model
for benchmarks, where CPU time must be meaningful.
"""

import argparse
import json
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np

SEED = 20260

# (hidden, layers, intermediate, heads, kv heads, head dim, vocab)
SIZES = {
    "tiny": (64, 2, 128, 4, 2, 16, 512),
    "bench": (768, 12, 2048, 12, 4, 64, 8192),
}

QWEN3_SPECIAL = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<think>", "</think>"]
GEMMA3_SPECIAL = ["<pad>", "<eos>", "<bos>", "<start_of_turn>", "<end_of_turn>"]

# ChatML as Qwen 3 writes it: an empty think block when thinking is turned off.
QWEN3_TEMPLATE = (
    "{%- for message in messages %}"
    "{{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>\\n' }}"
    "{%- endfor %}"
    "{%- if add_generation_prompt %}"
    "{{- '<|im_start|>assistant\\n' }}"
    "{%- if enable_thinking is defined and enable_thinking is false %}"
    "{{- '<think>\\n\\n</think>\\n\\n' }}"
    "{%- endif %}"
    "{%- endif %}"
)

# Gemma's turns; stricter than Gemma 3's own template, which folds a system message into the first
# user turn: clients must do that themselves, and a test model that refuses makes sure they do.
GEMMA3_TEMPLATE = (
    "{{- bos_token }}"
    "{%- for message in messages %}"
    "{%- if message.role == 'system' %}"
    "{{- raise_exception('Gemma has no system role: fold it into the first user turn.') }}"
    "{%- endif %}"
    "{%- set role = 'model' if message.role == 'assistant' else message.role %}"
    "{{- '<start_of_turn>' + role + '\\n' + message.content | trim + '<end_of_turn>\\n' }}"
    "{%- endfor %}"
    "{%- if add_generation_prompt %}{{- '<start_of_turn>model\\n' }}{%- endif %}"
)

# Dictation-like text, so the merges look like English and prompts tokenize to a sensible length.
CORPUS = """\
so um I wanted to say that the meeting is moved to Thursday at three
scratch that make it Friday morning at ten o'clock
please send the report to Maria and copy the whole team new line thanks
the quick brown fox jumps over the lazy dog while the cat sleeps
we need to fix the login bug before the release comma then update the docs
I think uh the budget looks fine but we should double check the numbers
can you remind me to call the dentist tomorrow at nine period
hello everyone this is a short update on the project status
the new model runs locally on the Mac and keeps your text private
clean up the punctuation fix the casing and remove filler words
let's meet at the coffee shop on Main Street around noon
dear John thank you for your message I will reply by the end of the week
the weather today is sunny with a light breeze from the west
first point the design is ready second point the tests are green
actually no I meant the blue one not the red one
okay so the plan is to ship on Monday and then take a break
remember to buy milk eggs bread and some fresh fruit
the server restarted twice last night and nobody noticed
question mark does anyone know where the keys are
rewrite this email to sound more formal and polite
"""


def train_tokenizer(special_tokens, vocab_size):
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=special_tokens,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    # Repeated lines give BPE enough counts to merge whole words even in the small vocabulary.
    tokenizer.train_from_iterator(CORPUS.splitlines() * 8, trainer=trainer)
    return tokenizer


def model_config(family, size):
    hidden, layers, intermediate, heads, kv_heads, head_dim, vocab = SIZES[size]
    common = {
        "hidden_size": hidden,
        "num_hidden_layers": layers,
        "intermediate_size": intermediate,
        "num_attention_heads": heads,
        "num_key_value_heads": kv_heads,
        "head_dim": head_dim,
        "vocab_size": vocab,
        "rms_norm_eps": 1e-6,
        "max_position_embeddings": 4096,
        "tie_word_embeddings": True,
        "torch_dtype": "float32",
    }
    if family == "qwen3":
        return {
            "architectures": ["Qwen3ForCausalLM"],
            "model_type": "qwen3",
            "rope_theta": 1_000_000.0,
            "bos_token_id": None,
            **common,
        }
    return {
        "architectures": ["Gemma3ForCausalLM"],
        "model_type": "gemma3_text",
        "rope_theta": 1_000_000.0,
        "rope_local_base_freq": 10_000.0,
        "query_pre_attn_scalar": head_dim,
        # Short windows so tests reach Gemma's rotating (untrimmable) caches with short prompts.
        "sliding_window": 32,
        "sliding_window_pattern": 2,
        **common,
    }


def random_weights(config):
    """The parameters mlx-lm's own model class declares, filled from a seeded numpy generator."""
    import mlx.core as mx
    from mlx.utils import tree_flatten
    from mlx_lm.utils import _get_classes

    model_class, args_class = _get_classes(config)
    model = model_class(args_class.from_dict(config))
    rng = np.random.default_rng(SEED)
    weights = {}
    for name, value in sorted(tree_flatten(model.parameters())):
        if value.ndim == 1:
            # Norm scales keep the class's own start value (ones, or zeros for Gemma's 1 + w).
            weights[name] = np.array(value, dtype=np.float32)
        else:
            scale = 1.0 / np.sqrt(value.shape[-1])
            weights[name] = rng.normal(0.0, scale, size=value.shape).astype(np.float32)
    return {name: mx.array(array) for name, array in weights.items()}


def tokenizer_config(family, tokenizer_special):
    if family == "qwen3":
        # The class Qwen 3 repositories name, so frozen builds are tested with its module bundled.
        return {
            "tokenizer_class": "Qwen2Tokenizer",
            "chat_template": QWEN3_TEMPLATE,
            "eos_token": "<|im_end|>",
            "pad_token": "<|endoftext|>",
            "bos_token": None,
            "model_max_length": 4096,
            "additional_special_tokens": tokenizer_special,
        }
    # GemmaTokenizer expects a SentencePiece-style vocabulary (with <unk>); the generic class loads
    # this byte-level one.
    return {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "chat_template": GEMMA3_TEMPLATE,
        "eos_token": "<eos>",
        "pad_token": "<pad>",
        "bos_token": "<bos>",
        "model_max_length": 4096,
        "additional_special_tokens": tokenizer_special,
    }


def generation_config(family, tokenizer):
    if family == "qwen3":
        eos = [tokenizer.token_to_id("<|im_end|>"), tokenizer.token_to_id("<|endoftext|>")]
        return {"eos_token_id": eos, "pad_token_id": tokenizer.token_to_id("<|endoftext|>")}
    eos = [tokenizer.token_to_id("<eos>"), tokenizer.token_to_id("<end_of_turn>")]
    return {
        "bos_token_id": tokenizer.token_to_id("<bos>"),
        "eos_token_id": eos,
        "pad_token_id": tokenizer.token_to_id("<pad>"),
    }


def write_json(path, value):
    path.write_text(json.dumps(value, indent=2, sort_keys=True) + "\n")


def make_tiny_model(family, out, size="tiny"):
    """Writes the model folder at `out`, replacing it in one rename: readers never see half."""
    import mlx.core as mx

    out = Path(out)
    special = QWEN3_SPECIAL if family == "qwen3" else GEMMA3_SPECIAL
    config = model_config(family, size)
    tokenizer = train_tokenizer(special, config["vocab_size"])
    config.update(generation_config(family, tokenizer))

    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    staging.chmod(0o755)
    try:
        write_json(staging / "config.json", config)
        write_json(staging / "generation_config.json", generation_config(family, tokenizer))
        write_json(staging / "tokenizer_config.json", tokenizer_config(family, special))
        tokenizer.save(str(staging / "tokenizer.json"))
        mx.save_safetensors(
            str(staging / "model.safetensors"), random_weights(config), metadata={"format": "mlx"}
        )
        if out.exists():
            shutil.rmtree(out)
        os.rename(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out


def parse_arguments(argv=None):
    parser = argparse.ArgumentParser(description="Write a small random-weight model folder.")
    parser.add_argument("--family", choices=["qwen3", "gemma3"], required=True)
    parser.add_argument("--out", required=True, help="Folder to write (replaced if it exists).")
    parser.add_argument("--size", choices=sorted(SIZES), default="tiny")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_arguments(argv)
    print(make_tiny_model(args.family, args.out, args.size))


if __name__ == "__main__":
    main()
