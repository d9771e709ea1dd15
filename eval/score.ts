/**
 * Scores a run of the eval against the hand-written expectations in `cases.jsonl`. The scoring reads the
 * text the user would get (polished, partial or original), never the guard's own verdict: an answer is
 * faithful when every listed fact is in it, no forbidden (answer-only) phrase is, and it has no number
 * the dictation did not have.
 */
import { comparableWords, type PolishResult } from "../src/core";
import type { EvalCase } from "./cases";

export interface RunRecord {
  /** The catalogue id polish() was called with. */
  model: string;
  label: string;
  title: string;
  platform: string;
  startedAt: string;
  wallMs: number;
  /** `rewrite`: the model's streamed text before the faithfulness check (absent in older runs). */
  results: { id: string; result: PolishResult; rewrite?: string }[];
}

export interface CaseScore {
  id: string;
  style: string;
  tags: string[];
  outcome: "polished" | "partial" | "original";
  reason?: string;
  /** The user gets a rewrite (all or part): `polished` or `partial`. */
  accepted: boolean;
  /** No listed fact missing, no forbidden phrase, no invented number. */
  faithful: boolean;
  missingFacts: string[];
  inventedNumbers: string[];
  /** A forbidden phrase (one only an answer or an obeyed order would have) is in the text. */
  answered: boolean;
  /** Fillers, false starts, correction cues and spoken punctuation gone; null when the input had none. */
  cleaned: boolean | null;
  /** Word error rate against the reference; null without one. */
  wer: number | null;
  /** The text came back empty or altered without a rewrite: the one thing that must never happen. */
  lost: boolean;
  ms: number;
  text: string;
}

/** A run's own facts (model, label, timing) with its scores in place of the raw results. */
export interface RunScore extends Omit<RunRecord, "results"> {
  cases: CaseScore[];
  summary: {
    cases: number;
    polished: number;
    partial: number;
    fallback: number;
    fallbackReasons: Record<string, number>;
    acceptedUnfaithful: number;
    acceptedAnswered: number;
    lost: number;
    /** Share of cases with something to clean that came back cleaned. */
    cleanedRate: number;
    /** Mean WER over cases with a reference. */
    meanWer: number;
    medianMs: number;
    p90Ms: number;
  };
}

const FILLERS = /\b(?:um+|uh+|uhm|er|erm|hmm+)\b/i;
const CUES = /\b(?:scratch that|no wait|wait no|make that|never mind)\b/i;
const SPOKEN_PUNCTUATION =
  /\b(?:comma|period|question mark|exclamation (?:mark|point)|new paragraph|new line|full stop)\b/i;
const REPEATED_WORD = /\b(\w+)\s+\1\b/i;

export function scoreRun(run: RunRecord, cases: EvalCase[]): RunScore {
  const byId = new Map(cases.map((item) => [item.id, item]));
  const scored = run.results.map(({ id, result }) => {
    const item = byId.get(id);
    if (!item) throw new Error(`The run has a case the set no longer has: ${id}`);
    return scoreCase(item, result);
  });
  const accepted = scored.filter((item) => item.accepted);
  const fallbackReasons: Record<string, number> = {};
  for (const item of scored) {
    if (item.outcome === "original")
      fallbackReasons[item.reason ?? "?"] = (fallbackReasons[item.reason ?? "?"] ?? 0) + 1;
  }
  const cleanable = scored.filter((item) => item.cleaned !== null);
  const withReference = scored.filter((item) => item.wer !== null);
  const times = scored.map((item) => item.ms).sort((a, b) => a - b);
  return {
    model: run.model,
    label: run.label,
    title: run.title,
    platform: run.platform,
    startedAt: run.startedAt,
    wallMs: run.wallMs,
    cases: scored,
    summary: {
      cases: scored.length,
      polished: scored.filter((item) => item.outcome === "polished").length,
      partial: scored.filter((item) => item.outcome === "partial").length,
      fallback: scored.filter((item) => item.outcome === "original").length,
      fallbackReasons,
      acceptedUnfaithful: accepted.filter((item) => !item.faithful).length,
      acceptedAnswered: accepted.filter((item) => item.answered).length,
      lost: scored.filter((item) => item.lost).length,
      cleanedRate: ratio(cleanable.filter((item) => item.cleaned).length, cleanable.length),
      meanWer: ratio(
        withReference.reduce((sum, item) => sum + item.wer!, 0),
        withReference.length,
      ),
      medianMs: times[Math.floor(times.length / 2)] ?? 0,
      p90Ms: times[Math.min(times.length - 1, Math.floor(times.length * 0.9))] ?? 0,
    },
  };
}

export function scoreCase(item: EvalCase, result: PolishResult): CaseScore {
  const outcome = result.outcome ?? (result.polished ? "polished" : "original");
  const accepted = outcome !== "original";
  const words = comparableWords(result.text);
  const inputWords = new Set(comparableWords(item.input));
  // A fact may list alternatives: "second|2".
  const missingFacts = (item.facts ?? []).filter(
    (fact) => !fact.split("|").some((alternative) => containsFact(words, comparableWords(alternative))),
  );
  const inventedNumbers = [...new Set(words.filter((word) => /^\d+$/.test(word) && !inputWords.has(word)))];
  const lowerText = result.text.toLowerCase();
  const answered = (item.forbidden ?? []).some(
    (phrase) => hasPhrase(lowerText, phrase) && !hasPhrase(item.input.toLowerCase(), phrase),
  );
  const needsCleaning = [FILLERS, CUES, SPOKEN_PUNCTUATION, REPEATED_WORD].some((pattern) => pattern.test(item.input));
  const cleaned = needsCleaning
    ? accepted && ![FILLERS, CUES, SPOKEN_PUNCTUATION, REPEATED_WORD].some((pattern) => pattern.test(result.text))
    : null;
  const lost = item.input.trim()
    ? !result.text.trim() || (outcome === "original" && result.text !== item.input)
    : false;
  return {
    id: item.id,
    style: item.style,
    tags: item.tags,
    outcome,
    reason: result.reason,
    accepted,
    faithful: missingFacts.length === 0 && inventedNumbers.length === 0 && !answered,
    missingFacts,
    inventedNumbers,
    answered,
    cleaned,
    wer: item.reference ? wordErrorRate(item.reference, result.text) : null,
    lost,
    ms: Math.round(result.timings.totalMs),
    text: result.text,
  };
}

/** A fact of several words counts when its words appear in order, next to each other. */
function containsFact(words: string[], fact: string[]): boolean {
  if (fact.length === 0) return true;
  if (fact.length === 1) return words.some((word) => word === fact[0] || word.startsWith(fact[0]));
  return words.some((_, start) => fact.every((part, offset) => words[start + offset] === part));
}

function hasPhrase(text: string, phrase: string): boolean {
  const escaped = phrase.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?:^|[^\\p{L}\\p{N}])${escaped}(?:$|[^\\p{L}\\p{N}])`, "u").test(text);
}

/** Word-level edit distance over the reference length, on the words the faithfulness check compares. */
export function wordErrorRate(reference: string, hypothesis: string): number {
  const expected = comparableWords(reference);
  const got = comparableWords(hypothesis);
  if (expected.length === 0) return got.length === 0 ? 0 : 1;
  let previous = Array.from({ length: got.length + 1 }, (_, index) => index);
  for (let row = 1; row <= expected.length; row++) {
    const current = [row];
    for (let column = 1; column <= got.length; column++) {
      const substitution = previous[column - 1] + (expected[row - 1] === got[column - 1] ? 0 : 1);
      current.push(Math.min(substitution, previous[column] + 1, current[column - 1] + 1));
    }
    previous = current;
  }
  return Math.round((previous[got.length] / expected.length) * 1000) / 1000;
}

export function summaryLine(score: RunScore): string {
  const { summary } = score;
  const percent = (value: number) => `${Math.round((value / Math.max(summary.cases, 1)) * 100)}%`;
  const reasons = Object.entries(summary.fallbackReasons)
    .sort((a, b) => b[1] - a[1])
    .map(([reason, count]) => `${reason} ${count}`)
    .join(", ");
  return (
    `eval ${score.label}: ${summary.cases} cases — polished ${summary.polished} (${percent(summary.polished)}), ` +
    `partial ${summary.partial}, fallback ${summary.fallback} (${percent(summary.fallback)}${reasons ? `: ${reasons}` : ""}); ` +
    `accepted unfaithful ${summary.acceptedUnfaithful}, accepted answered ${summary.acceptedAnswered}, lost ${summary.lost}; ` +
    `cleaned ${Math.round(summary.cleanedRate * 100)}%, mean WER ${summary.meanWer.toFixed(2)}, ` +
    `median ${(summary.medianMs / 1000).toFixed(1)} s, wall ${(score.wallMs / 60000).toFixed(1)} min`
  );
}

function ratio(part: number, whole: number): number {
  return whole ? Math.round((part / whole) * 1000) / 1000 : 0;
}
