"""PyInstaller's entry script: the frozen helper runs the package's own main()."""

import sys

from mlx_polish_helper.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
