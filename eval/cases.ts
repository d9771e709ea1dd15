/** The hand-written reference set (`eval/cases.jsonl`): one dictation per line and what must hold for it. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { STYLES, type StyleId } from "../src/core";

export interface EvalCase {
  id: string;
  style: StyleId;
  /** The raw transcript as a dictation tool hands it over. */
  input: string;
  /** A clean rewrite a careful person would write; WER is measured against it. */
  reference?: string;
  /** Words (or digit strings) that must be in the result: numbers, dates, names, negations, key content; "a|b" for either. */
  facts?: string[];
  /** Words that only an answer or an obeyed order would contain. */
  forbidden?: string[];
  /** The Custom Instructions preference for this case. */
  instructions?: string;
  /** The input's language when not English (`de`, `fr`, `es`, `zh`). */
  lang?: string;
  tags: string[];
}

export const CASES_FILE = path.join(__dirname, "cases.jsonl");

/** Reads and checks the set: a malformed line names its line number instead of skewing the figures. */
export function readCases(file = CASES_FILE): EvalCase[] {
  const styles = new Set<string>(STYLES.map((style) => style.id));
  const seen = new Set<string>();
  return readFileSync(file, "utf8")
    .split("\n")
    .map((line, index) => ({ line, number: index + 1 }))
    .filter(({ line }) => line.trim())
    .map(({ line, number }) => {
      const value = JSON.parse(line) as EvalCase;
      if (!value.id || seen.has(value.id)) throw new Error(`${file}:${number}: missing or repeated id`);
      if (!styles.has(value.style)) throw new Error(`${file}:${number}: unknown style ${value.style}`);
      if (typeof value.input !== "string" || !Array.isArray(value.tags)) {
        throw new Error(`${file}:${number}: needs an input string and a tags list`);
      }
      seen.add(value.id);
      return value;
    });
}

/** Cases whose id or a tag contains `filter` (comma-separated alternatives), and of `style` when given. */
export function selectCases(cases: EvalCase[], filter?: string, style?: string): EvalCase[] {
  const needles = filter
    ?.split(",")
    .map((needle) => needle.trim().toLowerCase())
    .filter(Boolean);
  return cases.filter(
    (item) =>
      (!style || item.style === style) &&
      (!needles?.length ||
        needles.some((needle) => item.id.includes(needle) || item.tags.some((tag) => tag.includes(needle)))),
  );
}
