"""Text rules that need no model: what streams out of a generation and how long it may get."""

import pytest

from mlx_polish_helper.text import MAX_TOKENS_CAP, ThinkFilter, default_max_tokens, token_budget


def stream(chunks):
    think_filter = ThinkFilter()
    pieces = [think_filter.feed(chunk) for chunk in chunks] + [think_filter.finish()]
    return [piece for piece in pieces if piece], think_filter.released


def test_a_think_block_split_across_tokens_is_never_streamed():
    chunks = ["<th", "ink>\nLet me", " think.</th", "ink>\n\n", "Hello", " world", "\n"]
    pieces, text = stream(chunks)
    assert pieces == ["Hello", " world"]
    assert text == "Hello world"


def test_the_streamed_pieces_add_up_to_the_final_text():
    chunks = ["  Dear ", "Bob,\n\n", "Thanks <", "b>", " for <think>x</think>", "it.\n"]
    pieces, text = stream(chunks)
    assert "".join(pieces) == text == "Dear Bob,\n\nThanks <b> for it."


def test_an_unfinished_think_tag_at_the_end_is_kept_as_text():
    assert stream(["a <thi"])[1] == "a <thi"


def test_an_unclosed_think_block_yields_no_text():
    assert stream(["<think>never ends"]) == ([], "")


@pytest.mark.parametrize(
    ("input_tokens", "expected"), [(1, 66), (100, 264), (5000, MAX_TOKENS_CAP)]
)
def test_the_token_budget_follows_the_input_length_up_to_a_cap(input_tokens, expected):
    assert default_max_tokens(input_tokens) == expected


def test_the_token_budget_follows_the_input_unless_the_client_sets_one_and_never_passes_the_cap():
    assert token_budget(10) == default_max_tokens(10) == 84
    assert token_budget(10, requested=5) == 5
    assert token_budget(10, requested=10_000) == MAX_TOKENS_CAP
    assert token_budget(5_000) == MAX_TOKENS_CAP
