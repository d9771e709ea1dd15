/**
 * Replays the faithfulness check on a saved run: each case's stored rewrite (the model's streamed words
 * before the check) is judged again by today's `guardOutput` and `acceptRewrite`, without a model. A
 * changed guard is measured on the very rewrites the last run produced, in seconds rather than half an
 * hour. The replay judges a long text's rewrite whole, where `polish()` judges it piece by piece, so the
 * committed figures still come from a full run.
 */
import { acceptRewrite, guardOutput, type PolishResult } from "../src/core";
import { caseVocabulary, type EvalCase } from "./cases";
import type { RunRecord } from "./score";

// Fallbacks the check did not cause: they stand as they were.
const JUDGED = new Set<string | undefined>([undefined, "unfaithful"]);

export function rejudgeRun(run: RunRecord, cases: EvalCase[]): RunRecord {
  const byId = new Map(cases.map((item) => [item.id, item]));
  const results = run.results.map((entry) => {
    const item = byId.get(entry.id);
    if (!item || entry.rewrite === undefined || !JUDGED.has(entry.result.reason)) return entry;
    return { ...entry, result: rejudge(item, entry.result, entry.rewrite) };
  });
  return { ...run, label: `${run.label} (rejudged)`, results };
}

function rejudge(item: EvalCase, before: PolishResult, rewrite: string): PolishResult {
  const base = { model: before.model, style: before.style, timings: before.timings };
  const original = (message: string): PolishResult => ({
    ...base,
    text: item.input,
    polished: false,
    outcome: "original",
    reason: "unfaithful",
    message,
  });
  const guarded = guardOutput({ input: item.input, output: rewrite });
  if (!guarded.ok) return { ...original(guarded.message), reason: "guard_tripped" };
  const accepted = acceptRewrite({
    input: item.input,
    output: guarded.text,
    style: item.style,
    vocabulary: caseVocabulary(item),
  });
  if (accepted.outcome === "unfaithful") return original("The rewrite changed what you said.");
  return {
    ...base,
    text: accepted.text,
    polished: true,
    outcome: accepted.outcome,
    ...(accepted.outcome === "partial" && { reason: "unfaithful" as const }),
  };
}
