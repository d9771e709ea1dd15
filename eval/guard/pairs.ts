/**
 * The labelled pair set in `eval/pairs.jsonl`: a transcript, a candidate rewrite in a style, and whether a
 * careful editor would take it as faithful, with the kind of edit and why. Written by hand, both ways:
 * faithful paraphrases the guard must accept, and subtle unfaithful ones (swaps, a moved "not", a changed
 * amount, a dropped list item, an added pleasantry) it must refuse.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { STYLES, type StyleId } from "../../src/core";

const STYLE_IDS: readonly string[] = STYLES.map((style) => style.id);

export const PAIRS_FILE = path.join(__dirname, "..", "pairs.jsonl");
export const PAIR_LANGS = ["en", "de", "es", "fr", "zh"] as const;
export const PAIR_SPLITS = ["dev", "test", "holdout", "fresh", "sealed"] as const;
/** Splits that only measure: their pairs are scored, never printed one by one (`--misjudged` skips them). */
export const SEALED_SPLITS: ReadonlySet<GuardPair["split"]> = new Set(["holdout", "sealed"]);

export interface GuardPair {
  id: string;
  style: StyleId;
  lang: (typeof PAIR_LANGS)[number];
  input: string;
  output: string;
  faithful: boolean;
  /** The edit the pair tests: "year", "paraphrase", "swapped-roles", "negation-scope", … */
  kind: string;
  why: string;
  /**
   * `dev` pairs may be looked at while working on the guard; `test` pairs only measure it; `holdout` pairs
   * were written after the guard's rules, by someone who saw neither the guard nor the other pairs, to
   * measure how its rules carry over to text nobody tuned them on. Never read `holdout` pairs one by one.
   * `sealed` pairs were written the same way later still and are kept so: only their scores are read (each
   * batch, `g-`, `m-`, `q-`, `z-`, once when it was written and again at the end of the work it measured).
   */
  split: (typeof PAIR_SPLITS)[number];
}

/** Reads and checks the pair set; a malformed line is an error naming it. */
export function readPairs(file = PAIRS_FILE): GuardPair[] {
  const seen = new Set<string>();
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line, index) => {
      const where = `${path.basename(file)} line ${index + 1}`;
      const pair = JSON.parse(line) as GuardPair;
      const problems = [
        typeof pair.id !== "string" || !pair.id ? "id" : "",
        !STYLE_IDS.includes(pair.style) ? "style" : "",
        !(PAIR_LANGS as readonly string[]).includes(pair.lang) ? "lang" : "",
        typeof pair.input !== "string" || !pair.input.trim() ? "input" : "",
        typeof pair.output !== "string" || !pair.output.trim() ? "output" : "",
        typeof pair.faithful !== "boolean" ? "faithful" : "",
        typeof pair.kind !== "string" || !pair.kind ? "kind" : "",
        typeof pair.why !== "string" || !pair.why ? "why" : "",
        !(PAIR_SPLITS as readonly string[]).includes(pair.split) ? "split" : "",
      ].filter(Boolean);
      if (problems.length) throw new Error(`${where}: bad ${problems.join(", ")}`);
      if (seen.has(pair.id)) throw new Error(`${where}: duplicate id ${pair.id}`);
      seen.add(pair.id);
      return pair;
    });
}
