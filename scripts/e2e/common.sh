# Sourced by every scripts/e2e step: the path a user takes, one step per script, on a Mac (CI) or on
# Linux (npm test, against the local test Hub). Everything comes from the environment:
#   MLX_POLISH_E2E_MODEL   catalog id (default qwen3-0.6b)
#   MLX_POLISH_E2E_OUT     where reports land (default .tmp/e2e)
#   HF_ENDPOINT, HF_HUB_CACHE, HF_TOKEN, MLX_POLISH_SUPPORT_DIR, MLX_POLISH_ASSETS_DIR: as for the CLI.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export PATH="$PWD/node_modules/.bin:$PATH"

MODEL=${MLX_POLISH_E2E_MODEL:-qwen3-0.6b}
OUT=${MLX_POLISH_E2E_OUT:-.tmp/e2e}
mkdir -p "$OUT"

# The CLI from the sources, as `npm run --silent cli --` runs it.
cli() { tsx src/cli/main.ts "$@"; }

# expect FILE 'JS expression over o' MESSAGE: fails the step unless the expression holds for the JSON in
# FILE (`o`; the last line when the file holds JSON lines).
expect() {
  node -e '
    const [file, test, message] = process.argv.slice(1);
    const text = require("node:fs").readFileSync(file, "utf8").trim();
    let o;
    try { o = JSON.parse(text); } catch { o = JSON.parse(text.split("\n").pop()); }
    if (!new Function("o", `return (${test});`)(o)) {
      console.error(`e2e: ${message}\n  expected: ${test}\n  got: ${JSON.stringify(o)}`);
      process.exit(1);
    }
  ' "$1" "$2" "$3"
}

step() { echo "e2e: $*" >&2; }
