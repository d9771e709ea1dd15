"""The resident model and its fixed-prefix prompt caches. Used only on the engine's MLX thread."""

import copy
import ctypes
import gc
import json
import logging
import sys
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import mlx.core as mx

from . import runtime_versions
from .protocol import HelperError

log = logging.getLogger(__name__)

# Prefix caches are KV tensors (a 1.7 B model: ~110 kB per token); a few styles' worth is plenty.
PREFIX_CACHE_ENTRIES = 4
PREFIX_CACHE_BYTES = 512 * 1024 * 1024


def is_out_of_memory(error: BaseException) -> bool:
    text = str(error).lower()
    return isinstance(error, MemoryError) or "out of memory" in text or "allocate" in text


def _read_config(path: Path) -> dict:
    config_file = path / "config.json"
    try:
        config = json.loads(config_file.read_text())
    except FileNotFoundError:
        raise HelperError("model_corrupt", f"{path} has no config.json.") from None
    except (OSError, ValueError) as error:
        raise HelperError("model_corrupt", f"Cannot read {config_file}: {error}") from None
    if not isinstance(config, dict) or not isinstance(config.get("model_type"), str):
        raise HelperError("model_corrupt", f"{config_file} does not name a model_type.")
    return config


# Tokenizer classes such as Qwen2Tokenizer build an empty tokenizer rather than fail when these are
# all missing, so their absence is checked here.
TOKENIZER_FILES = ("tokenizer.json", "tokenizer.model", "vocab.json", "tekken.json")


def _check_tokenizer_files(path: Path):
    if not any((path / name).is_file() for name in TOKENIZER_FILES) and not any(
        path.glob("*.tiktoken")
    ):
        names = ", ".join(TOKENIZER_FILES)
        raise HelperError("model_corrupt", f"{path} has no tokenizer file ({names}).")


def load_model(model_path: str):
    """mlx-lm's own `load` on a local folder, its failures sorted into the protocol's codes."""
    from mlx_lm import load

    # mlx-lm 0.32 has no public "can this model_type run?" check; load() would only say so after
    # reading the weights. _get_classes is what load() itself calls first (its model-class hook).
    from mlx_lm.utils import _get_classes

    path = Path(model_path)
    if not path.is_absolute():
        raise HelperError("bad_request", f"model_path must be absolute: {model_path!r}.")
    if not path.is_dir():
        raise HelperError("model_not_found", f"No model folder at {model_path}.")
    config = _read_config(path)
    _check_tokenizer_files(path)
    try:
        _get_classes(config)
    except ValueError as error:
        raise HelperError(
            "unsupported_model",
            f"mlx-lm {runtime_versions()['mlx_lm']} cannot run"
            f" {config['model_type']!r} models: {error}",
        ) from None
    try:
        return load(str(path))
    except HelperError:
        raise
    except Exception as error:
        if is_out_of_memory(error):
            message = f"Not enough memory to load {path.name}: {error}"
            raise HelperError("out_of_memory", message) from None
        raise HelperError("model_corrupt", f"Cannot load {path}: {error}") from None


@dataclass
class PrefixCaches:
    """KV caches of fixed prompt prefixes, keyed by their tokens; hands out deep copies.

    Not mlx-lm's LRUPromptCache: that one stores what it is given without a copy and, over its byte
    limit, evicts even the newest entry, where the current style's prefix must stay warm.
    """

    entries: OrderedDict = field(default_factory=OrderedDict)

    def get(self, tokens: tuple):
        cache = self.entries.get(tokens)
        if cache is None:
            return None
        self.entries.move_to_end(tokens)
        # Generation extends the cache in place, and Gemma's rotating caches cannot be trimmed back.
        return copy.deepcopy(cache)

    def put(self, tokens: tuple, cache: list):
        self.entries[tokens] = copy.deepcopy(cache)
        self.entries.move_to_end(tokens)
        while len(self.entries) > 1 and (
            len(self.entries) > PREFIX_CACHE_ENTRIES or self.nbytes() > PREFIX_CACHE_BYTES
        ):
            self.entries.popitem(last=False)

    def nbytes(self) -> int:
        return sum(c.nbytes for cache in self.entries.values() for c in cache)

    def clear(self):
        self.entries.clear()


@dataclass
class ResidentModel:
    model_id: str
    path: str
    model: object
    tokenizer: object
    prefix_caches: PrefixCaches = field(default_factory=PrefixCaches)


class ModelProvider:
    """Holds at most one model; loading another first unloads the current one."""

    def __init__(self):
        self.resident = None

    def ensure(self, model_id: str, model_path: str) -> float:
        """Makes `model_path` the resident model; returns the ms spent loading (0 if it was)."""
        if self.resident is not None and self.resident.path == model_path:
            self.resident.model_id = model_id
            return 0.0
        self.unload()
        start = time.perf_counter()
        model, tokenizer = load_model(model_path)
        self.resident = ResidentModel(model_id, model_path, model, tokenizer)
        load_ms = (time.perf_counter() - start) * 1000
        log.info("loaded %s from %s in %.0f ms", model_id, model_path, load_ms)
        return load_ms

    def unload(self) -> bool:
        if self.resident is None:
            return False
        log.info("unloading %s", self.resident.model_id)
        self.resident.prefix_caches.clear()
        self.resident = None
        # mlx-lm has no unload: dropping the last references and MLX's buffer cache frees it.
        gc.collect()
        mx.clear_cache()
        mx.reset_peak_memory()
        _return_free_heap()
        return True


def _return_free_heap():
    # glibc keeps freed heap pages mapped; without this RSS stays high after an unload on Linux.
    # macOS's allocator returns them by itself.
    if sys.platform.startswith("linux"):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
