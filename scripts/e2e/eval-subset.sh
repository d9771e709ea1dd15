#!/usr/bin/env bash
# The quality eval on a few cases (MLX_POLISH_E2E_CASES: ids or tags) with the model on the set-up
# runtime; the table and the results land in $MLX_POLISH_E2E_OUT for the CI artifact.
source "$(dirname "$0")/common.sh"
cases=${MLX_POLISH_E2E_CASES:-filler,question,self-correction,numbers,injection}
label="e2e-$MODEL"
# The eval starts its own helper in a folder of its own: point it at the set-up runtime's Python.
cli helper status --json >"$OUT/helper-status.json"
runtime=$(node -e 'const o = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8")); if (o.runtime?.kind === "runtime") console.log(o.runtime.path)' "$OUT/helper-status.json")
if [ -n "$runtime" ]; then
  export MLX_POLISH_HELPER="$runtime/venv/bin/python -m mlx_polish_helper"
  export PYTHONPATH="$PWD/assets/runtime/helper"
fi
step "eval $MODEL on cases $cases"
node_modules/.bin/tsx eval/run.ts --model "$MODEL" --cases "$cases" --label "$label" --report "$OUT/eval-table.md"
mv "eval/results/$label.json" "$OUT/eval-results.json"
grep -q '^|' "$OUT/eval-table.md" || { echo "e2e: the eval wrote no table" >&2; exit 1; }
