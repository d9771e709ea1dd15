#!/usr/bin/env bash
# Polishes a dictation with the model on the set-up runtime. A model may judge a rewrite unfaithful
# (exit 2 with the original text): that is a verdict on the model, not a broken path; any other
# fallback (runtime missing, helper unavailable, load failed, …) fails the step.
source "$(dirname "$0")/common.sh"
text=${MLX_POLISH_E2E_TEXT:-"um so we should uh meet on tuesday no wait wednesday at three"}
step "polish with $MODEL"
status=0
cli polish --model "$MODEL" --json "$text" >"$OUT/polish.json" || status=$?
[ "$status" -eq 0 ] || [ "$status" -eq 2 ] || { echo "e2e: polish exited $status" >&2; exit 1; }
expect "$OUT/polish.json" \
  "o.model === '$MODEL' && (o.polished || ['unfaithful', 'guard_tripped'].includes(o.reason))" \
  "the polish did not reach the model"
