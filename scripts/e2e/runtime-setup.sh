#!/usr/bin/env bash
# Sets up the helper's runtime from this platform's hash-pinned lock (uv, Python, the locked packages),
# as Set Up Local Runtime does, and checks the helper now starts from it.
source "$(dirname "$0")/common.sh"
step "runtime set-up from the $(uname -s) lock"
cli helper setup --json >"$OUT/runtime-setup.jsonl"
expect "$OUT/runtime-setup.jsonl" 'o.event === "done" && o.ready === true' "the runtime set-up did not finish"
cli helper status --json >"$OUT/helper-status.json"
expect "$OUT/helper-status.json" 'o.runtime && o.runtime.kind === "runtime"' "the helper does not start from the set-up runtime"
