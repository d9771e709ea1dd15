#!/usr/bin/env bash
# Creates helper/.venv when it is missing or stale (pyproject, constraints or Python changed) and
# installs the helper with its dev extra: MLX on the CPU on Linux, plain mlx-lm on Apple Silicon.
set -euo pipefail
cd "$(dirname "$0")/.."
# sha256sum on Linux; macOS ships shasum.
sha256() { if command -v sha256sum >/dev/null; then sha256sum; else shasum -a 256; fi; }

python=${PYTHON:-python3}
venv=helper/.venv
stamp_file=$venv/.mlx-polish-stamp
platform="$(uname -s)-$(uname -m)"
stamp="$(cat helper/pyproject.toml helper/constraints.txt | sha256 | cut -c1-16)-$platform-$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"

if [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$stamp" ] && [ -x "$venv/bin/python" ]; then
  exit 0
fi

echo "python-env: setting up $venv ($platform)" >&2
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/pip" install --quiet --upgrade pip
case "$platform" in
  Darwin-arm64) extras="dev" ;;
  Darwin-*) echo "python-env: MLX needs Apple Silicon; installing the helper without a runtime check" >&2; extras="dev" ;;
  *) extras="dev,cpu" ;;
esac
"$venv/bin/pip" install --quiet -c helper/constraints.txt -e "helper[$extras]"
echo "$stamp" >"$stamp_file"
