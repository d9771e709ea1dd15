#!/usr/bin/env bash
# Re-reads every byte of the downloaded model against the Hub's checksums (Verify Files).
source "$(dirname "$0")/common.sh"
step "verify $MODEL"
cli models verify "$MODEL" --json >"$OUT/verify.json"
expect "$OUT/verify.json" "o.status === 'ready' && o.checkedFiles > 0 && o.damagedFiles.length === 0" "the model did not verify"
