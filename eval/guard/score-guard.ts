/**
 * Scores the faithfulness guard on the labelled pairs: how many faithful rewrites it accepts (a refused
 * one throws a good polish away) and how many unfaithful ones it lets through (the promise broken), per
 * style, language and kind of edit, and what a check costs.
 */
import { performance } from "node:perf_hooks";
import { checkFaithfulness, GUARD_CHECKS, lexicon, type GuardCheck } from "../../src/core";
import type { GuardPair } from "./pairs";

export interface PairVerdict {
  pair: GuardPair;
  accepted: boolean;
  /** What the check found (for the misjudged list). */
  lost: string[];
  added: string[];
  moved: string[];
  /** The checks that refused it. */
  refusedBy: GuardCheck[];
  ms: number;
}

/** How many refused faithful rewrites a check refused, and how many it alone refused. */
export interface CheckRefusals {
  check: GuardCheck;
  refused: number;
  alone: number;
}

export interface GuardGroup {
  name: string;
  faithful: number;
  faithfulAccepted: number;
  unfaithful: number;
  unfaithfulAccepted: number;
}

export interface GuardScore {
  pairs: number;
  total: GuardGroup;
  byStyle: GuardGroup[];
  byLang: GuardGroup[];
  byKind: GuardGroup[];
  bySplit: GuardGroup[];
  /** Of the rewrites accepted, the share that were faithful. */
  precision: number;
  /** Of the faithful rewrites, the share accepted. */
  recall: number;
  /** One check's time, the word table already loaded (as during a polish, which loads it while generating). */
  medianMs: number;
  p90Ms: number;
  misjudged: PairVerdict[];
  /** Why faithful rewrites were refused: which checks to look at first. */
  faithfulRefusedBy: CheckRefusals[];
}

export function judgePairs(pairs: GuardPair[]): PairVerdict[] {
  lexicon();
  return pairs.map((pair) => {
    const started = performance.now();
    const check = checkFaithfulness({ input: pair.input, output: pair.output, style: pair.style });
    const ms = performance.now() - started;
    const { lost, added, moved, refusedBy = [] } = check;
    return { pair, accepted: check.faithful, lost, added, moved, refusedBy, ms };
  });
}

export function scoreGuard(verdicts: PairVerdict[]): GuardScore {
  const group = (name: string, items: PairVerdict[]): GuardGroup => ({
    name,
    faithful: items.filter((item) => item.pair.faithful).length,
    faithfulAccepted: items.filter((item) => item.pair.faithful && item.accepted).length,
    unfaithful: items.filter((item) => !item.pair.faithful).length,
    unfaithfulAccepted: items.filter((item) => !item.pair.faithful && item.accepted).length,
  });
  const by = (key: (pair: GuardPair) => string) =>
    [...new Set(verdicts.map((item) => key(item.pair)))].sort().map((name) =>
      group(
        name,
        verdicts.filter((item) => key(item.pair) === name),
      ),
    );
  const total = group("all", verdicts);
  const accepted = total.faithfulAccepted + total.unfaithfulAccepted;
  const times = verdicts.map((item) => item.ms).sort((a, b) => a - b);
  const at = (share: number) => times[Math.min(times.length - 1, Math.floor(times.length * share))] ?? 0;
  return {
    pairs: verdicts.length,
    total,
    byStyle: by((pair) => pair.style),
    byLang: by((pair) => pair.lang),
    byKind: by((pair) => `${pair.faithful ? "faithful" : "unfaithful"}: ${pair.kind}`),
    bySplit: by((pair) => pair.split),
    precision: accepted ? total.faithfulAccepted / accepted : 1,
    recall: total.faithful ? total.faithfulAccepted / total.faithful : 1,
    medianMs: at(0.5),
    p90Ms: at(0.9),
    misjudged: verdicts.filter((item) => item.accepted !== item.pair.faithful),
    faithfulRefusedBy: refusals(verdicts.filter((item) => item.pair.faithful && !item.accepted)),
  };
}

function refusals(refused: PairVerdict[]): CheckRefusals[] {
  return GUARD_CHECKS.map((check) => ({
    check,
    refused: refused.filter((item) => item.refusedBy.includes(check)).length,
    alone: refused.filter((item) => item.refusedBy.length === 1 && item.refusedBy[0] === check).length,
  })).filter((item) => item.refused > 0);
}

/** The score as Markdown tables (for `npm run eval:guard` and the eval report). */
export function guardTables(score: GuardScore): string {
  const percent = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 1000) / 10}%` : "–");
  const row = (item: GuardGroup) =>
    `| ${item.name} | ${item.faithful} | ${item.faithfulAccepted} (${percent(item.faithfulAccepted, item.faithful)}) | ` +
    `${item.unfaithful} | ${item.unfaithfulAccepted} |`;
  const table = (title: string, groups: GuardGroup[]) => [
    `| ${title} | Faithful | Faithful accepted | Unfaithful | **Unfaithful accepted** |`,
    "| --- | --- | --- | --- | --- |",
    ...groups.map(row),
    "",
  ];
  return [
    `${score.pairs} pairs: faithful accepted ${percent(score.total.faithfulAccepted, score.total.faithful)} ` +
      `(recall), unfaithful accepted ${score.total.unfaithfulAccepted}, precision of acceptance ` +
      `${percent(score.precision * 1000, 1000)}; a check takes ${score.medianMs.toFixed(2)} ms median, ` +
      `${score.p90Ms.toFixed(2)} ms p90.`,
    "",
    ...table("Style", [...score.byStyle, score.total]),
    ...table("Language", score.byLang),
    ...table("Split", score.bySplit),
    ...table("Kind of edit", score.byKind),
    "Why faithful rewrites were refused (a rewrite may be refused by several checks):",
    "",
    "| Check | Faithful rewrites it refused | …it alone |",
    "| --- | --- | --- |",
    ...[...score.faithfulRefusedBy]
      .sort((a, b) => b.refused - a.refused)
      .map((item) => `| ${item.check} | ${item.refused} | ${item.alone} |`),
  ].join("\n");
}
