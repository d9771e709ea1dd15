#!/usr/bin/env bash
# What a user would paste into a bug report, kept with the other reports: both forms of `doctor`.
source "$(dirname "$0")/common.sh"
step "doctor"
cli doctor >"$OUT/doctor.txt"
cli doctor --json >"$OUT/doctor.json"
expect "$OUT/doctor.json" "o.models.some((m) => m.id === '$MODEL' && m.state === 'ready')" "doctor does not see the model ready"
cat "$OUT/doctor.txt" >&2
