/**
 * Phrases that stand for a word or another phrase in the rephrasing styles ("put off" → "postpone", "at
 * the same time" → "simultaneously"), read from WordNet's multiword lemmas, and the phrasal verbs whose
 * particle a rewrite turned around ("go up" → "go down").
 */
import type { Alignment } from "./alignment";
import { type Lexicon, lexicon } from "./lexicon";
import { words } from "./word-sets";
import type { Word } from "./words";

// The longest phrase the lexicon keeps, in words ("for the time being").
const PHRASE_WORDS = 4;

// The pronouns a phrasal verb takes between its verb and its particle: "let us in", "put it off".
const PARTICLE_OBJECTS = words("me you him her it us them");

/** A run of words, `start` to `end` (not included) in its full word list, and the phrase it says. */
interface Run {
  start: number;
  end: number;
  text: string;
}

/**
 * The runs from `start` that the lexicon knows as a phrase of up to four words ("putting off", "at the
 * moment"), a verb and its particle around a pronoun ("let us in" as "let in"), and with `single` the word
 * alone; longest first. Facts, names and taken-back words belong to no phrase: they are judged apart.
 */
function phrasesAt(list: Word[], start: number, single: boolean, lex: Lexicon = lexicon()): Run[] {
  const runs: Run[] = [];
  const texts: string[] = [];
  for (let end = start + 1; end <= Math.min(list.length, start + PHRASE_WORDS); end++) {
    const word = list[end - 1];
    if (word.fact || word.name || word.takenBack) break;
    texts.push(word.text);
    if (texts.length === 1) {
      if (single && !word.optional && word.text.length >= 3) runs.push({ start, end, text: word.text });
      continue;
    }
    if (lex.knows(texts.join(" "))) runs.push({ start, end, text: texts.join(" ") });
    if (texts.length === 3 && PARTICLE_OBJECTS.has(texts[1]) && lex.knows(`${texts[0]} ${texts[2]}`))
      runs.push({ start, end, text: `${texts[0]} ${texts[2]}` });
  }
  return runs.reverse();
}

/**
 * In a rephrasing, lines up a run of dictated words with a run of rewrite words in the same gap between
 * kept words when the lexicon gives them as equivalent and one of them is a phrase: "put off" →
 * "postpone", "at the moment" → "currently", "look into" → "investigate". WordNet lists such phrases as
 * lemmas, so they need no share of a rephrasing's free paraphrases (`pairParaphrases`). `source` and
 * `rewrite` are the full word lists (a phrase's particles are function words), `kept` and `written` the
 * ones aligned.
 */
export function pairPhrases(
  source: Word[],
  rewrite: Word[],
  kept: Word[],
  written: Word[],
  alignment: Alignment,
  lex: Lexicon = lexicon(),
): void {
  const keptAt = new Map(kept.map((word, index) => [word, index]));
  const writtenAt = new Map(written.map((word, index) => [word, index]));
  const indices = (list: Word[], run: Run, at: Map<Word, number>) =>
    list.slice(run.start, run.end).flatMap((word) => (at.has(word) ? [at.get(word)!] : []));
  for (let start = 0; start < source.length; start++) {
    const [from, to] = rewriteGap(source, rewrite, start, keptAt, written, alignment);
    for (const said of phrasesAt(source, start, true, lex)) {
      const saidKept = indices(source, said, keptAt);
      const match = phrasesInGap(rewrite, from, to, lex).find((run) => {
        if (said.end - said.start === 1 && run.end - run.start === 1) return false;
        const writtenKept = indices(rewrite, run, writtenAt);
        // Each kept word of either run is free or already lined up inside the other run ("take" with
        // "consider" before "take into account" is read whole); at least one is free.
        const within = (index: number, to: (number | undefined)[], other: number[]) =>
          to[index] === undefined || other.includes(to[index]!);
        const free = [
          ...saidKept.map((index) => alignment.sourceTo[index]),
          ...writtenKept.map((index) => alignment.rewriteTo[index]),
        ];
        if (!saidKept.length || !writtenKept.length || !free.includes(undefined)) return false;
        if (!saidKept.every((index) => within(index, alignment.sourceTo, writtenKept))) return false;
        if (!writtenKept.every((index) => within(index, alignment.rewriteTo, saidKept))) return false;
        return lex.relation(said.text, run.text) !== undefined && !lex.opposite(said.text, run.text);
      });
      if (!match) continue;
      lineUp(saidKept, indices(rewrite, match, writtenAt), alignment);
      break;
    }
  }
}

/** Lines up the kept words of two equivalent runs, each with a word of the other run. */
function lineUp(saidKept: number[], writtenKept: number[], alignment: Alignment): void {
  for (const [order, index] of saidKept.entries())
    alignment.sourceTo[index] ??= writtenKept[Math.min(order, writtenKept.length - 1)];
  for (const [order, index] of writtenKept.entries())
    alignment.rewriteTo[index] ??= saidKept[Math.min(order, saidKept.length - 1)];
}

/** The phrases and words of `list` that lie wholly between `from` and `to` (both excluded). */
function phrasesInGap(list: Word[], from: number, to: number, lex: Lexicon): Run[] {
  const runs: Run[] = [];
  for (let start = from + 1; start < to; start++)
    runs.push(...phrasesAt(list, start, true, lex).filter((run) => run.end <= to));
  return runs;
}

/**
 * The gap of the rewrite (full list indices, both excluded) across from the dictated word at `start`: after
 * the rewrite word of the last kept word before it, before that of the next kept word after it.
 */
function rewriteGap(
  source: Word[],
  rewrite: Word[],
  start: number,
  keptAt: Map<Word, number>,
  written: Word[],
  alignment: Alignment,
): [number, number] {
  const placed = (index: number) => {
    const at = alignment.sourceTo[keptAt.get(source[index]) ?? -1];
    return at === undefined ? undefined : rewrite.indexOf(written[at]);
  };
  let from = -1;
  for (let index = start - 1; index >= 0 && from < 0; index--) from = placed(index) ?? -1;
  let to = rewrite.length;
  for (let index = start + 1; index < source.length && to === rewrite.length; index++) to = placed(index) ?? to;
  return [from, to];
}

/** The phrases of two or more words the lexicon knows in `list` that hold `word` ("put off" for "put" or "off"). */
function phrasesOf(list: Word[], word: Word): string[] {
  const at = list.indexOf(word);
  const runs: string[] = [];
  for (let start = Math.max(0, at - PHRASE_WORDS + 1); start <= at; start++)
    runs.push(...phrasesAt(list, start, false).flatMap((run) => (run.end > at ? [run.text] : [])));
  return runs;
}

/**
 * Whether a dictated word and a rewrite word each belong to a phrase the lexicon knows, and no two of those
 * phrases are related ("put off" and "bring forward"): WordNet knows both and says they differ, so one is
 * not a free paraphrase of the other.
 */
export function changedPhrases(source: Word[], rewrite: Word[]): (a: Word, b: Word) => boolean {
  return (a, b) => {
    const said = phrasesOf(source, a);
    const written = said.length ? phrasesOf(rewrite, b) : [];
    if (!written.length || lexicon().relation(a.text, b.text) !== undefined) return false;
    return !said.some((phrase) => written.some((other) => lexicon().relation(phrase, other) !== undefined));
  };
}

// The particles after a verb: "up" in "go up", "on" in "turn the heater on".
const PARTICLE_REACH = 3;

/**
 * A phrasal verb whose particle the rewrite turned into its opposite: "prices will go up" → "Prices will
 * go down", "turn the heater on" → "Turn the heater off". The verb still lines up, so the particle alone
 * carries the direction, and the direction is a fact.
 */
export function flippedParticles(source: Word[], rewrite: Word[], kept: Word[], written: Word[], alignment: Alignment) {
  const particles = (list: Word[], word: Word) => {
    const at = list.indexOf(word);
    return list
      .slice(at + 1, at + 1 + PARTICLE_REACH)
      .filter((next) => next.optional && !next.fact && lexicon().knows(`${word.text} ${next.text}`))
      .map((next) => next.text);
  };
  for (const [index, word] of kept.entries()) {
    const at = alignment.sourceTo[index];
    if (at === undefined) continue;
    const said = particles(source, word);
    if (!said.length) continue;
    const writtenParticles = particles(rewrite, written[at]);
    for (const particle of said) {
      if (writtenParticles.includes(particle)) continue;
      const flipped = writtenParticles.find((other) => !said.includes(other) && lexicon().opposite(particle, other));
      if (flipped) return [particle, flipped];
    }
  }
  return [];
}
