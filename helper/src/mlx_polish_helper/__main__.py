"""Entry point: `python -m mlx_polish_helper --socket PATH`."""

import sys


def main() -> int:
    from mlx_polish_helper import __version__

    print(f"mlx-polish-helper {__version__}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
