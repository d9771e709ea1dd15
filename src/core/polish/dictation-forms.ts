/**
 * What a dictation says one way and a faithful rewrite writes another, beyond words and numbers: a false
 * start said again, a list counted aloud ("number one … number two"), a Chinese measure word or a word
 * for one that counts one, a time of day on the 24-hour clock, a word written in parts ("Wi-Fi").
 * `faithfulness.ts` asks these before it counts a word lost or brought in.
 */
import type { Lexicon } from "./lexicon";
import { words } from "./word-sets";
import { ONE_ARTICLES, type Word } from "./words";

// Chinese measure words that count a thing: said without a number, they count one.
const HAN_MEASURES = new Set(["个", "件", "张", "本", "盒", "瓶", "杯", "位", "台", "次", "份", "把", "辆", "天"]);

/** Whether `next`, the word after a written "1", is a measure word the dictation said without a number. */
export function impliedOne(next: Word | undefined, source: Word[]): boolean {
  if (!next || !HAN_MEASURES.has(next.text)) return false;
  return source.some((word, at) => word.text === next.text && !/^\d/.test(source[at - 1]?.text ?? ""));
}

// The words that count the items of a spoken list: "number one", "Nummer zwei", 第三.
const ENUMERATORS = words("number nummer número numéro 第");

/**
 * Marks each enumerator of a dictated list and its number optional: a bulleted list shows them. Only a
 * count that runs ("number one … number two"): "room number two" alone is a fact.
 */
export function enumeratorsDropped(list: Word[]): void {
  const counted = list.flatMap((word, index) => {
    const next = list[index + 1];
    const counts = ENUMERATORS.has(word.text) && next && (next.kind === "number" || next.stem === "1");
    return counts ? [{ word, next, value: Number(next.stem) }] : [];
  });
  if (!counted.every((item, rank) => item.value === rank + 1) || counted.length < 2) return;
  for (const { word, next } of counted) {
    word.optional = true;
    Object.assign(next, { optional: true, fact: false });
  }
}

// How many words a restart says again, at least: "est-ce que tu peux est-ce que tu pourrais".
const RESTART_WORDS = 3;

/**
 * A false start the speaker said again in another form: "est-ce que tu peux est-ce que tu pourrais passer"
 * is "est-ce que tu pourrais passer", "we need to we have to leave" is "we have to leave". Its words (the
 * same three or more, then a word or two the restart says in another form of the same word) are marked
 * optional: the rewrite may leave them out. A restart that says another thing ("call mom … call dad")
 * is not one.
 */
export function restartsDropped(list: Word[], lex: Lexicon): Word[] {
  for (let start = 0; start < list.length; start++) {
    for (let again = start + RESTART_WORDS; again < list.length; again++) {
      let length = 0;
      while (
        again + length < list.length &&
        start + length < again &&
        list[start + length].text === list[again + length].text
      )
        length++;
      const gap = again - start - length;
      if (length < RESTART_WORDS || gap > 2) continue;
      const abandoned = list.slice(start + length, again);
      const resumed = list.slice(again + length, again + length + gap);
      const sameWords = abandoned.every(
        (word, at) =>
          !word.fact &&
          resumed[at] !== undefined &&
          // The thesauri hold a word's forms as its synonyms ("peux", "pourrais"); forms of one word
          // open alike, where a synonym ("buy", "purchase") seldom does.
          (word.stem === resumed[at].stem || lex.relation(word.text, resumed[at].text) === "synonym") &&
          word.text.slice(0, 1) === resumed[at].text.slice(0, 1),
      );
      if (!sameWords) continue;
      for (const word of list.slice(start, again)) word.optional = true;
      start = again - 1;
      break;
    }
  }
  return list;
}

export const MORNINGS = new Set(["matin", "vormittag", "morning"]);
export const MORNING_HOUR = /(?<!\d)(?:0?[1-9]|1[01])\s?(?:h(?!\p{L})|uhr\b|:\d\d)/iu;

/**
 * The 24-hour time of the afternoon a dictated hour of 1 to 11 may be written as, when the rewrite writes it
 * as a clock time: "430" (4:30) → "1630" if the rewrite has "16:30", "2" → "14" if it has "14 h" or "14 Uhr".
 */
export function afternoonClock(said: string, output: string): string | undefined {
  if (!/^\d{1,4}$/.test(said)) return undefined;
  const [hour, minute] = said.length <= 2 ? [Number(said), ""] : [Number(said.slice(0, -2)), said.slice(-2)];
  if (hour < 1 || hour > 11) return undefined;
  const written = minute
    ? new RegExp(`(?<!\\d)${hour + 12}\\s?[:.h]\\s?${minute}(?!\\d)`, "i")
    : new RegExp(`(?<!\\d)${hour + 12}(?::00|\\s?h(?!\\p{L})|\\s?uhr\\b|\\s?heures?\\b)`, "iu");
  return written.test(output) ? `${hour + 12}${minute}` : undefined;
}

// The words for one that are also an article ("un", "eine", "una"): read as words, as "a" is.
const ONE_OR_ARTICLE = new Set([...ONE_ARTICLES, "eins"].filter((word) => word !== "a" && word !== "an"));

/** Whether a word the dictation said may be the "1" a rewrite writes: "a", "an" or a word for one. */
export function saysOne(word: Word): boolean {
  return ONE_ARTICLES.has(word.text) || word.text === "eins";
}

/** Whether a written "1" after `previous` stands for a word for one the dictation said after that word. */
export function saidAsArticle(previous: Word | undefined, source: Word[]): boolean {
  return source.some(
    (word, at) => ONE_OR_ARTICLE.has(word.text) && (previous ? source[at - 1]?.text === previous.text : at === 0),
  );
}

/** The words of `list` that, run together with the next one or two, make one of `texts`. */
export function partsOf(list: Word[], texts: Set<string>): Set<Word> {
  const parts = new Set<Word>();
  for (let start = 0; start < list.length; start++) {
    let text = list[start].text;
    for (let length = 2; length <= 3 && start + length <= list.length; length++) {
      text += list[start + length - 1].text;
      if (texts.has(text)) for (const word of list.slice(start, start + length)) parts.add(word);
    }
  }
  return parts;
}
