"""The one MLX thread: it owns the model and serves load, unload and generate jobs in order.

Other threads only queue jobs, set cancel flags and read a snapshot of the state (MLX streams
belong to the thread that made them, so every array operation happens here).
"""

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

import mlx.core as mx

from .models import ModelProvider, is_out_of_memory
from .protocol import HelperError, error_line
from .text import ThinkFilter, token_budget

log = logging.getLogger(__name__)

# A mild guard against loops, over the generated text only: the answer must be free to repeat the
# input's words.
REPETITION_PENALTY = 1.1
REPETITION_CONTEXT = 64
PREFILL_STEP = 512


@dataclass(frozen=True)
class GenerateRequest:
    """A `generate` request's params (already checked against the schema), defaults filled in."""

    model_id: str
    model_path: str
    messages: list
    # Leading messages that never change (system prompt + examples): their prefill is cached.
    fixed_prefix_messages: int = 0
    # None: the helper's budget from the last message's length (`token_budget`).
    max_tokens: int | None = None

    @classmethod
    def from_params(cls, params: dict) -> "GenerateRequest":
        return cls(
            model_id=params["model_id"],
            model_path=params["model_path"],
            messages=params["messages"],
            fixed_prefix_messages=params.get("fixed_prefix_messages", 0),
            max_tokens=params.get("max_tokens"),
        )


@dataclass
class Job:
    request_id: str
    method: str
    params: dict
    emit: Callable[[dict], None]
    owner: object = None
    arrived: float = field(default_factory=time.perf_counter)
    cancelled: threading.Event = field(default_factory=threading.Event)


def _cancelled() -> HelperError:
    return HelperError("cancelled", "The request was cancelled.")


def chat_tokens(tokenizer, messages: list, add_generation_prompt: bool) -> list:
    try:
        text = tokenizer.apply_chat_template(
            messages,
            tokenize=False,
            add_generation_prompt=add_generation_prompt,
            enable_thinking=False,
        )
    except Exception as error:
        raise HelperError(
            "bad_request", f"The model's chat template rejected the messages: {error}"
        ) from None
    # As mlx-lm does: add the tokenizer's specials unless the template already wrote the BOS.
    bos = tokenizer.bos_token
    return tokenizer.encode(text, add_special_tokens=bos is None or not text.startswith(bos))


def common_prefix_length(a: list, b: list) -> int:
    length = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        length += 1
    return length


class Engine:
    def __init__(self, debug: bool = False):
        self.debug = debug
        self.provider = ModelProvider()
        self.condition = threading.Condition()
        self.queue = deque()
        self.current: Job | None = None
        self.state = "idle"
        self.model_ref = None
        self.unload_after: float | None = None
        self.last_activity = time.monotonic()
        self.stopping = False
        self.thread = threading.Thread(target=self._run, name="mlx", daemon=True)

    # Called from connection threads.

    def start(self):
        self.thread.start()

    def submit(self, job: Job, wait: bool = True):
        with self.condition:
            if self.stopping:
                raise HelperError("cancelled", "The helper is shutting down.")
            if not wait and (self.current is not None or self.queue):
                running = self.current.request_id if self.current else self.queue[0].request_id
                raise HelperError("busy", f"The helper is busy with request {running!r}.")
            ahead = len(self.queue) + (self.current is not None)
            if ahead and job.method == "generate":
                # Under the lock, so it always goes out before the job's `started`.
                job.emit({"id": job.request_id, "event": "queued", "position": ahead})
            self.queue.append(job)
            self.condition.notify()

    def cancel(self, request_id: str | None = None, owner: object = None) -> bool:
        """Cancels the matching running job and drops matching queued ones; True if any matched."""

        def matches(job):
            return job.request_id == request_id if owner is None else job.owner is owner

        with self.condition:
            dropped = [job for job in self.queue if matches(job)]
            for job in dropped:
                self.queue.remove(job)
            running = self.current is not None and matches(self.current)
            if running:
                self.current.cancelled.set()
        for job in dropped:
            job.emit(error_line(job.request_id, "cancelled", "The request was cancelled."))
        return running or bool(dropped)

    def stop(self):
        """Cancels everything, unloads the model and ends the thread."""
        with self.condition:
            self.stopping = True
            dropped = list(self.queue)
            self.queue.clear()
            if self.current is not None:
                self.current.cancelled.set()
            self.condition.notify()
        for job in dropped:
            job.emit(error_line(job.request_id, "cancelled", "The helper is shutting down."))
        self.thread.join()

    def snapshot(self) -> dict:
        with self.condition:
            deadline = None
            if self.model_ref and self.current is None and self.unload_after is not None:
                deadline = time.time() + self._seconds_until_unload()
            return {
                "state": self.state,
                "model": self.model_ref,
                "unload_after_seconds": self.unload_after,
                "unload_deadline": deadline,
                "queued_requests": len(self.queue),
            }

    def idle_without_model(self) -> float:
        """Seconds since the last job ended with no model loaded and nothing to do, else 0."""
        with self.condition:
            if self.model_ref or self.current is not None or self.queue:
                return 0.0
            return time.monotonic() - self.last_activity

    # The MLX thread.

    def _seconds_until_unload(self) -> float | None:
        if self.model_ref is None or self.unload_after is None:
            return None
        return self.last_activity + self.unload_after - time.monotonic()

    def _run(self):
        # Warm the imports here so the first load does not pay for them.
        import mlx_lm  # noqa: F401

        while True:
            with self.condition:
                while not self.queue and not self.stopping:
                    remaining = self._seconds_until_unload()
                    if remaining is not None and remaining <= 0:
                        break
                    self.condition.wait(remaining)
                if self.stopping:
                    break
                job = self.queue.popleft() if self.queue else None
                self.current = job
            if job is None:
                log.info("idle for %s s: unloading", self.unload_after)
                self._unload()
                continue
            final_line = self._serve(job)
            # The job stops being current before its last line goes out, so a client that reads
            # `done` and asks for status or cancel sees the helper idle.
            with self.condition:
                self.current = None
                self.state = "idle"
                self.last_activity = time.monotonic()
            job.emit(final_line)
        self._unload()

    def _set_state(self, state: str):
        with self.condition:
            self.state = state

    def _unload(self) -> bool:
        unloaded = self.provider.unload()
        with self.condition:
            self.model_ref = None
        return unloaded

    def _serve(self, job: Job) -> dict:
        """Runs the job, streaming its token events; returns its last line (result or error)."""
        log.info("%s %s", job.method, job.request_id)
        if "unload_after_seconds" in job.params:
            with self.condition:
                self.unload_after = job.params["unload_after_seconds"]
        try:
            if job.cancelled.is_set():
                raise _cancelled()
            if job.method == "load":
                return {"id": job.request_id, "result": self._load(job)}
            if job.method == "unload":
                return {"id": job.request_id, "result": {"unloaded": self._unload()}}
            # The client's first-token timeout counts from here, not from the time spent queued.
            job.emit({"id": job.request_id, "event": "started"})
            return {"id": job.request_id, "event": "done", "result": self._generate(job)}
        except HelperError as error:
            log.info("%s %s failed: %s: %s", job.method, job.request_id, error.code, error.message)
            return error_line(job.request_id, error.code, error.message)
        except Exception as error:
            code = "out_of_memory" if is_out_of_memory(error) else "internal"
            log.exception("%s %s failed", job.method, job.request_id)
            return error_line(job.request_id, code, f"{type(error).__name__}: {error}")

    def _ensure_model(self, model_id: str, model_path: str) -> float:
        resident = self.provider.resident
        if resident is None or resident.path != model_path:
            self._set_state("loading")
            with self.condition:
                self.model_ref = None
        try:
            load_ms = self.provider.ensure(model_id, model_path)
        finally:
            resident = self.provider.resident
            with self.condition:
                self.model_ref = resident and {"id": resident.model_id, "path": resident.path}
        return load_ms

    def _load(self, job: Job) -> dict:
        load_ms = self._ensure_model(job.params["model_id"], job.params["model_path"])
        if job.cancelled.is_set():
            raise _cancelled()
        return {
            "model_id": job.params["model_id"],
            "load_ms": load_ms,
            "already_loaded": load_ms == 0,
        }

    def _prefix_cache(self, resident, prefix_messages: list, prompt: list, job: Job):
        """A copy of the cache holding the prompt's fixed prefix (made on first use), its length."""
        from mlx_lm.models.cache import make_prompt_cache

        prefix = chat_tokens(resident.tokenizer, prefix_messages, add_generation_prompt=False)
        # The model needs at least one new token to predict from.
        length = min(common_prefix_length(prefix, prompt), len(prompt) - 1)
        if length <= 0:
            return None, 0
        key = tuple(prompt[:length])
        cache = resident.prefix_caches.get(key)
        if cache is None:
            cache = make_prompt_cache(resident.model)
            for start in range(0, length, PREFILL_STEP):
                if job.cancelled.is_set():
                    raise _cancelled()
                resident.model(mx.array(key[start : start + PREFILL_STEP])[None], cache=cache)
                mx.eval([c.state for c in cache])
            resident.prefix_caches.put(key, cache)
        return cache, length

    def _generate(self, job: Job) -> dict:
        from mlx_lm import stream_generate
        from mlx_lm.sample_utils import make_repetition_penalty, make_sampler

        request = GenerateRequest.from_params(job.params)
        load_ms = self._ensure_model(request.model_id, request.model_path)
        self._set_state("generating")
        start = time.perf_counter()
        resident = self.provider.resident
        tokenizer = resident.tokenizer
        messages = request.messages
        prompt = chat_tokens(tokenizer, messages, add_generation_prompt=True)
        fixed = request.fixed_prefix_messages
        cache, cached = (None, 0)
        if fixed > 0:
            cache, cached = self._prefix_cache(resident, messages[:fixed], prompt, job)
        remaining = prompt[cached:]

        input_tokens = len(tokenizer.encode(messages[-1]["content"], add_special_tokens=False))
        max_tokens = token_budget(input_tokens, request.max_tokens)
        # Faithful rewriting is greedy: the same input always gets the same answer.
        sampler = make_sampler(temp=0.0)
        penalty = make_repetition_penalty(REPETITION_PENALTY, REPETITION_CONTEXT)

        def penalise_generated(tokens, logits):
            return penalty(tokens[len(remaining) :], logits)

        def check_cancelled(_processed, _total):
            if job.cancelled.is_set():
                raise _cancelled()

        if self.debug:
            log.debug("%s messages: %r", job.request_id, messages)
        think_filter = ThinkFilter()
        first_token_at = None
        response = None
        for response in stream_generate(
            resident.model,
            tokenizer,
            remaining,
            max_tokens=max_tokens,
            sampler=sampler,
            logits_processors=[penalise_generated],
            prompt_cache=cache,
            # Cancel is checked between prefill chunks: smaller than mlx-lm's 2048 answers sooner.
            prefill_step_size=PREFILL_STEP,
            prompt_progress_callback=check_cancelled,
        ):
            if first_token_at is None:
                first_token_at = time.perf_counter()
            if job.cancelled.is_set():
                raise _cancelled()
            piece = think_filter.feed(response.text)
            if piece:
                job.emit({"id": job.request_id, "event": "token", "text": piece})
        piece = think_filter.finish()
        if piece:
            job.emit({"id": job.request_id, "event": "token", "text": piece})

        result = {
            "text": think_filter.released,
            "finish_reason": response.finish_reason,
            "prompt_tokens": len(prompt),
            "cached_prompt_tokens": cached,
            "generation_tokens": response.generation_tokens,
            "prompt_tps": response.prompt_tps,
            "generation_tps": response.generation_tps,
            "peak_memory_bytes": mx.get_peak_memory(),
            "time_to_first_token_ms": (first_token_at - start) * 1000,
            "total_ms": (time.perf_counter() - job.arrived) * 1000,
            "load_ms": load_ms,
        }
        log.info(
            "generate %s: %d prompt tokens (%d cached), %d generated, first token %.0f ms, %s",
            job.request_id,
            result["prompt_tokens"],
            cached,
            result["generation_tokens"],
            result["time_to_first_token_ms"],
            result["finish_reason"],
        )
        if self.debug:
            log.debug("%s text: %r", job.request_id, result["text"])
        return result
