"""The helper's runtime is real MLX: these fail if mlx or mlx-lm cannot run on this machine."""

import mlx.core as mx


def test_mlx_evaluates_an_array_on_this_machine():
    result = mx.ones(3) + 1
    mx.eval(result)
    assert result.tolist() == [2.0, 2.0, 2.0]


def test_mlx_lm_exposes_the_generation_api_the_helper_uses():
    import mlx_lm
    from mlx_lm.sample_utils import make_sampler

    assert callable(mlx_lm.load)
    assert callable(mlx_lm.stream_generate)
    sampler = make_sampler(temp=0.0)
    logits = mx.array([[0.1, 3.0, 0.2]])
    assert sampler(logits).item() == 1
