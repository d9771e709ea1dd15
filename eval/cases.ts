/** The hand-written reference set (`eval/cases.jsonl`): one dictation per line and what must hold for it. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { STYLES, parseAppStyles, parseVocabulary, styleForApp, type StyleId, type VocabularyEntry } from "../src/core";

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
  /** The user's vocabulary, one entry a line as in a vocabulary file ("post gress -> Postgres"). */
  vocabulary?: string[];
  /**
   * The app in front (name or bundle id): the style comes from `EVAL_APP_STYLES`, as in the commands. A
   * case with `app` may leave out `style`; when it gives one, it must be the one the rules pick.
   */
  app?: string;
  /** The input's language when not English (`de`, `fr`, `es`, `zh`). */
  lang?: string;
  tags: string[];
}

export const CASES_FILE = path.join(__dirname, "cases.jsonl");

/** The App Styles rules the eval's per-app cases are polished with. */
export const EVAL_APP_STYLES = "Slack=casual; com.apple.mail=email; Code=clean-up; Notes=bullet-list";

/** A case's vocabulary as `polish()` takes it. */
export function caseVocabulary(item: EvalCase): VocabularyEntry[] | undefined {
  return item.vocabulary ? parseVocabulary(item.vocabulary.join("\n")) : undefined;
}

/** Reads and checks the set: a malformed line names its line number instead of skewing the figures. */
export function readCases(file = CASES_FILE): EvalCase[] {
  const styles = new Set<string>(STYLES.map((style) => style.id));
  const appRules = parseAppStyles(EVAL_APP_STYLES);
  const seen = new Set<string>();
  return readFileSync(file, "utf8")
    .split("\n")
    .map((line, index) => ({ line, number: index + 1 }))
    .filter(({ line }) => line.trim())
    .map(({ line, number }) => {
      const value = JSON.parse(line) as EvalCase;
      if (!value.id || seen.has(value.id)) throw new Error(`${file}:${number}: missing or repeated id`);
      if (value.app !== undefined) {
        // The style comes from the app, through the same rules the commands apply.
        const match = styleForApp(appRules, { name: value.app, bundleId: value.app });
        if (!match) throw new Error(`${file}:${number}: no rule of EVAL_APP_STYLES names the app ${value.app}`);
        if (value.style !== undefined && value.style !== match.style) {
          throw new Error(
            `${file}:${number}: the rules give ${value.app} the style ${match.style}, not ${value.style}`,
          );
        }
        value.style = match.style;
      }
      if (value.vocabulary !== undefined) caseVocabulary(value);
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
