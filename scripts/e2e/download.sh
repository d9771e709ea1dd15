#!/usr/bin/env bash
# Downloads the model from the Hub (HF_ENDPOINT) into the Hugging Face cache, as Download does.
source "$(dirname "$0")/common.sh"
step "download $MODEL from ${HF_ENDPOINT:-https://huggingface.co}"
cli models download "$MODEL" --json >"$OUT/download.jsonl"
expect "$OUT/download.jsonl" "o.event === 'done' && o.id === '$MODEL' && o.status === 'ready'" "the download did not end ready"
