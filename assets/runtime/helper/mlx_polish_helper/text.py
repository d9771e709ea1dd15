"""Text rules of a generation that need no model: the token budget and the <think> filter."""

THINK_OPEN = "<think>"
THINK_CLOSE = "</think>"

# Rewrites are about as long as their input; twice that plus room for a short input covers
# formatting (an email's greeting, a bullet list) while a runaway generation stops early.
MAX_TOKENS_CAP = 2048


def default_max_tokens(input_tokens: int) -> int:
    return min(2 * input_tokens + 64, MAX_TOKENS_CAP)


def token_budget(input_tokens: int, requested: int | None = None) -> int:
    """The one token budget: the client's `max_tokens` if it sent one, else the default; capped."""
    return min(requested or default_max_tokens(input_tokens), MAX_TOKENS_CAP)


def _partial_suffix(text: str, marker: str) -> int:
    """Length of the longest end of `text` that could be the start of `marker`."""
    for length in range(min(len(marker) - 1, len(text)), 0, -1):
        if marker.startswith(text[-length:]):
            return length
    return 0


class ThinkFilter:
    """Streams text minus any <think>…</think> block and surrounding whitespace.

    Only text that can no longer turn out to be thinking or trailing whitespace is released, so the
    pieces a client receives always add up to the final answer.
    """

    def __init__(self):
        self.pending = ""
        self.thinking = False
        self.released = ""

    def feed(self, text: str) -> str:
        self.pending += text
        out = []
        while True:
            if self.thinking:
                end = self.pending.find(THINK_CLOSE)
                if end < 0:
                    self.pending = self.pending[-(len(THINK_CLOSE) - 1) :]
                    break
                self.pending = self.pending[end + len(THINK_CLOSE) :]
                self.thinking = False
                continue
            if not self.released and not out:
                self.pending = self.pending.lstrip()
            start = self.pending.find(THINK_OPEN)
            if start >= 0:
                out.append(self.pending[:start])
                self.pending = self.pending[start + len(THINK_OPEN) :]
                self.thinking = True
                continue
            held = max(_partial_suffix(self.pending, THINK_OPEN), self._trailing_space())
            out.append(self.pending[: len(self.pending) - held])
            self.pending = self.pending[len(self.pending) - held :]
            break
        return self._release("".join(out))

    def finish(self) -> str:
        """Releases what was held back: an unfinished "<thi…" is text, end whitespace is not."""
        text = "" if self.thinking else self.pending.rstrip()
        self.pending = ""
        return self._release(text)

    def _trailing_space(self) -> int:
        return len(self.pending) - len(self.pending.rstrip())

    def _release(self, text: str) -> str:
        if not self.released:
            text = text.lstrip()
        self.released += text
        return text
