"""The MLX Polish helper: a warm mlx-lm server on a private Unix socket."""

__version__ = "0.1.0"
