"""The MLX Polish helper: a warm mlx-lm server on a private Unix socket."""

from functools import cache

__version__ = "0.1.0"


@cache
def runtime_versions() -> dict:
    """The mlx and mlx-lm versions, read once: package metadata costs milliseconds, and every polish
    starts with a `hello` that reports them."""
    from importlib.metadata import version

    return {"mlx": version("mlx"), "mlx_lm": version("mlx-lm")}
