#!/usr/bin/env bash
# `npm run build:helper`: freezes the Python helper with PyInstaller (onedir) into
# assets/helper/mlx-polish-helper/, then smoke-tests the result (helper/tools/smoke_frozen.py).
# The build is skipped when nothing it is made from changed since the last one (FORCE=1 rebuilds).
set -euo pipefail
cd "$(dirname "$0")/.."
# sha256sum on Linux; macOS ships shasum.
sha256() { if command -v sha256sum >/dev/null; then sha256sum; else shasum -a 256; fi; }

bash scripts/python-env.sh
python=helper/.venv/bin/python
bundle=assets/helper/mlx-polish-helper
stamp=$(cat helper/mlx-polish-helper.spec helper/entry.py helper/protocol.schema.json helper/pyproject.toml \
  helper/constraints.txt helper/.venv/.mlx-polish-stamp $(find helper/src/mlx_polish_helper -name '*.py' | sort) |
  sha256 | cut -c1-16)

if [ "${FORCE:-}" != 1 ] && [ -x "$bundle/mlx-polish-helper" ] && [ "$(cat "$bundle/.build-stamp" 2>/dev/null)" = "$stamp" ]; then
  echo "build-helper: $bundle is up to date" >&2
else
  start=$(date +%s)
  (cd helper && ../"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath ../assets/helper --workpath build mlx-polish-helper.spec) 2>&1 | grep -v "PyTorch was not found" >&2
  rm -rf helper/build
  # MLX reads mlx.metallib from beside the libmlx it loaded; PyInstaller adds a top-level link to
  # libmlx, so a link to the metallib goes beside it too (one real copy of each).
  if [ -e "$bundle/_internal/mlx/lib/mlx.metallib" ] && [ ! -e "$bundle/_internal/mlx.metallib" ]; then
    ln -s mlx/lib/mlx.metallib "$bundle/_internal/mlx.metallib"
  fi
  echo "$stamp" >"$bundle/.build-stamp"
  echo "build-helper: froze $bundle in $(($(date +%s) - start)) s ($(du -sh "$bundle" | cut -f1))" >&2
fi
"$python" helper/tools/smoke_frozen.py "$bundle/mlx-polish-helper"
