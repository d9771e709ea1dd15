/**
 * `npm run gen:thesauri`: derives the faithfulness check's tables of equivalent German, Spanish and French
 * words (`assets/lexicon/de.txt`, `es.txt`, `fr.txt`, read at run time by `src/core/polish/lexicon.ts`) from
 * the thesauri LibreOffice ships: OpenThesaurus (German, LGPL), the Spanish thesaurus of Marcelo Garrone
 * (LGPL-2.1) and the French thesaurus of Dicollecte (LGPL-2.1+), as Debian packages them (`mythes-de`,
 * `mythes-es`, `mythes-fr`). WordNet is English only, and npm and PyPI ship no other-language lexical data
 * that carries its own data: Debian is where a thesaurus for these languages can be fetched and pinned.
 *
 * Snowball stems miss irregular forms ("piden" is "pedir", "serai" is "être", "nimmt" is "nehmen"), so each
 * table also lists, after its synonyms, the forms whose stem is not their base form's, with the key of that
 * base form: spaCy's lemma lookup tables (`spacy-lookups-data` 1.0.5 on PyPI, MIT).
 *
 * Each package is downloaded from Debian's pool (the wheel from PyPI) and checked against its SHA-256 below
 * before it is read.
 * What is kept: each sense's words, lower case, of up to four words (German "dabei sein"), never a broader
 * term (OpenThesaurus marks them "Oberbegriff": "Brennstoff" is not "Kohle"), and, in the Spanish and
 * French thesauri, whose senses are lists under a headword rather than shared sets, only short lists, and
 * of them only the words that list the headword back, each as a pair with it (two words listed under one
 * headword need not mean the same: "brader" lists "acheter" and "vendre").
 *
 *   npx tsx scripts/gen-thesauri.ts [--check]
 *
 * Needs `dpkg-deb` (Debian, Ubuntu), `unzip` and the network; the tables are committed, so nothing else does.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { thesaurusKey } from "../src/core/polish/lexicon";
import { LANGUAGES, type Language } from "../src/core/polish/words";

interface Source {
  /** The package's path in Debian's pool. */
  pool: string;
  sha256: string;
  /** The thesaurus inside the package. */
  file: string;
  encoding: BufferEncoding;
  /** Whether a sense is a set every word of which lists the others (OpenThesaurus), or a headword's list. */
  sets: boolean;
  credit: string;
}

const MIRROR = "https://deb.debian.org/debian/";
const SOURCES: Record<Language, Source> = {
  de: {
    pool: "pool/main/o/openthesaurus/mythes-de_20160424-4_all.deb",
    sha256: "d6dd3e78cee27689f20e5e832b8a47ba674f421c925ab8eeb1d992dda09606b0",
    file: "usr/share/mythes/th_de_DE_v2.dat",
    encoding: "utf8",
    sets: true,
    credit: "OpenThesaurus (www.openthesaurus.de, LGPL), Debian mythes-de 20160424-4",
  },
  es: {
    pool: "pool/main/libr/libreoffice-dictionaries/mythes-es_7.5.0-1_all.deb",
    sha256: "95b53b986c9e42fe7560a83d136b1bf1e3b4c855b0ecd727ddfd5948fb112e40",
    file: "usr/share/mythes/th_es_ES_v2.dat",
    encoding: "latin1",
    sets: false,
    credit: "the Spanish thesaurus of Marcelo Garrone (LGPL-2.1), Debian mythes-es 1:7.5.0-1",
  },
  fr: {
    pool: "pool/main/libr/libreoffice-dictionaries/mythes-fr_7.5.0-1_all.deb",
    sha256: "c9cdf4b669f05662e2ad474c72f78b2b7a6c3dc4d35d645ac08b334c50b1f94a",
    file: "usr/share/mythes/thes_fr.dat",
    encoding: "utf8",
    sets: false,
    credit: "the French thesaurus of Dicollecte (LGPL-2.1+), Debian mythes-fr 1:7.5.0-1",
  },
};

// spaCy's lemma lookup tables: a word form and its base form, per language.
const LEMMAS = {
  url: "https://files.pythonhosted.org/packages/9f/9e/dae3acaacc7cbe8140acb181e09b9920f8b3ee81d2f1cd838d160c78f0c2/spacy_lookups_data-1.0.5-py2.py3-none-any.whl",
  sha256: "466f21f087e4144bc93800679437ec5a17be7d0888734b1ba880b3ecb0978bc6",
  member: (language: Language) => `spacy_lookups_data/data/${language}_lemma_lookup.json.gz`,
  credit: "spaCy's lemma lookup tables (spacy-lookups-data 1.0.5, MIT)",
};

export const thesaurusFile = (language: Language) => path.join(__dirname, "..", "assets", "lexicon", `${language}.txt`);

// Where downloaded packages are kept between runs.
const CACHE = path.join(__dirname, "..", "node_modules", ".cache", "thesauri");
// The longest entry kept, in words.
const MAX_WORDS = 4;
// The most words a headword's sense may list and still be read as equivalents, in the thesauri of lists
// (Spanish, French): a long list strings together loose associations ("venir" … "mourir", "pour" …
// "contre"), a short one holds synonyms ("bouger": "remuer", "déplacer").
const MAX_LIST = 12;
// How many of a headword's senses count as its common ones, in the thesauri of lists: a pair of words is
// kept when one of them lists the other among these.
const PRIMARY_SENSES = 3;
// Marks of a broader term: a hypernym is not an equivalent.
const BROADER = /\((?:Oberbegriff|Unterbegriff)\)/;

/** The package's thesaurus as text, downloaded once and checked against its pinned hash. */
async function thesaurusText(source: Source): Promise<string> {
  const deb = await pinned(MIRROR + source.pool, source.sha256);
  const out = mkdtempSync(path.join(tmpdir(), "thesaurus-"));
  execFileSync("dpkg-deb", ["-x", deb, out]);
  return readFileSync(path.join(out, source.file), source.encoding);
}

/** A file downloaded once into the cache and checked against its pinned hash. */
async function pinned(url: string, sha256: string): Promise<string> {
  mkdirSync(CACHE, { recursive: true });
  const file = path.join(CACHE, path.basename(url));
  if (!existsSync(file)) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`gen-thesauri: ${url}: HTTP ${response.status}`);
    writeFileSync(file, Buffer.from(await response.arrayBuffer()));
  }
  const digest = createHash("sha256").update(readFileSync(file)).digest("hex");
  if (digest !== sha256) throw new Error(`gen-thesauri: ${file} has SHA-256 ${digest}, not ${sha256}`);
  return file;
}

/** The language's lemma lookup: each word form (as spaCy writes it) and its base form, or forms. */
async function lemmaLookup(language: Language): Promise<Record<string, string | string[]>> {
  const wheel = await pinned(LEMMAS.url, LEMMAS.sha256);
  const packed = execFileSync("unzip", ["-p", wheel, LEMMAS.member(language)], { maxBuffer: 64 << 20 });
  return JSON.parse(gunzipSync(packed).toString("utf8")) as Record<string, string | string[]>;
}

/**
 * The forms the stems miss, as "form=key" lines: a lower-case single word whose key (`thesaurusKey`) is not
 * its base form's, when the table knows that base form ("piden=ped"). The first base form spaCy gives wins.
 */
export function formLines(lookup: Record<string, string | string[]>, groups: string[], language: Language): string[] {
  const key = thesaurusKey(language);
  const known = new Set(groups.flatMap((group) => group.split("|")));
  const found = new Map<string, string>();
  for (const [form, lemmas] of Object.entries(lookup)) {
    const word = form.toLowerCase();
    const lemma = (Array.isArray(lemmas) ? lemmas[0] : lemmas)?.toLowerCase();
    if (!lemma || found.has(word) || !/^\p{L}+$/u.test(word) || !/^\p{L}+$/u.test(lemma)) continue;
    const base = key(lemma);
    if (base !== key(word) && known.has(base)) found.set(word, base);
  }
  return [...found].map(([word, base]) => `${word}=${base}`).sort();
}

/** An entry as the check compares it: lower case letters, at most `MAX_WORDS` words, no notes. */
function usable(entry: string): string | undefined {
  if (BROADER.test(entry)) return undefined;
  const word = entry
    .replace(/\([^()]*\)/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
  if (!/^\p{L}+(?:[ '-]\p{L}+)*$/u.test(word) || word.split(/[ '-]/).length > MAX_WORDS) return undefined;
  return word;
}

/** Each headword's senses: the MyThes format is "word|count" and then `count` lines "(pos)|word|word…". */
function senses(text: string): Map<string, string[][]> {
  const lines = text.split("\n");
  const found = new Map<string, string[][]>();
  for (let index = 1; index < lines.length; index++) {
    const [head, count] = lines[index].split("|");
    const n = Number(count);
    if (!head || !Number.isInteger(n)) continue;
    const word = usable(head);
    const list = lines.slice(index + 1, index + 1 + n).map((line) =>
      line
        .split("|")
        .slice(1)
        .map(usable)
        .filter((entry): entry is string => entry !== undefined),
    );
    index += n;
    if (word) found.set(word, [...(found.get(word) ?? []), ...list]);
  }
  return found;
}

/** The groups of equivalent words of one thesaurus, sorted and without repeats. */
export function buildGroups(text: string, sets: boolean): string[] {
  const byHead = senses(text);
  const lists = (word: string) => new Set((byHead.get(word) ?? []).flat());
  // A word's first senses, where its thesaurus puts its common meanings: "llegar" is "salir" only in its
  // eighth ("llegar a", to amount to), "salir" is "llegar" in its fifth.
  const primary = (word: string) => new Set((byHead.get(word) ?? []).slice(0, PRIMARY_SENSES).flat());
  const groups = new Set<string>();
  for (const [head, list] of byHead) {
    for (const sense of list) {
      if (sets) {
        const group = [...new Set([head, ...sense])].sort();
        if (group.length > 1) groups.add(group.join("|"));
        continue;
      }
      // A list is not a set: two words under one headword need not mean the same ("brader" lists both
      // "acheter" and "vendre"). Each word and the headword it lists back make a pair of their own.
      if (sense.length > MAX_LIST) continue;
      for (const entry of sense)
        if (entry !== head && lists(entry).has(head) && (primary(head).has(entry) || primary(entry).has(head)))
          groups.add([head, entry].sort().join("|"));
    }
  }
  return [...groups].sort();
}

/** The groups in the keys the check looks words up by (`thesaurusKey`: stems), each key once. */
export function keyGroups(groups: string[], language: Language): string[] {
  const key = thesaurusKey(language);
  const keyed = groups.map((group) => [...new Set(group.split("|").map(key))].sort().join("|"));
  return [...new Set(keyed.filter((group) => group.includes("|")))].sort();
}

export async function buildThesaurus(language: Language): Promise<string> {
  const source = SOURCES[language];
  const groups = keyGroups(buildGroups(await thesaurusText(source), source.sets), language);
  return [
    `# Generated by scripts/gen-thesauri.ts from ${source.credit}, and ${LEMMAS.credit}: do not edit.`,
    `# Source: ${MIRROR}${source.pool} (SHA-256 ${source.sha256})`,
    `# Source: ${LEMMAS.url} (SHA-256 ${LEMMAS.sha256})`,
    "# synonyms: words sharing a sense, each word as the stems of its words (Snowball, snowball-stemmers)",
    ...groups,
    "# forms: a word form whose stem is not its base form's, and the key of that base form",
    ...formLines(await lemmaLookup(language), groups, language),
    "",
  ].join("\n");
}

if (require.main === module) {
  void (async () => {
    for (const language of LANGUAGES) {
      const text = await buildThesaurus(language);
      const file = thesaurusFile(language);
      if (process.argv.includes("--check")) {
        if (readFileSync(file, "utf8") !== text) {
          console.error(`gen-thesauri: ${path.relative(process.cwd(), file)} is stale: run npm run gen:thesauri`);
          process.exitCode = 1;
        }
      } else {
        writeFileSync(file, text);
        console.error(
          `gen-thesauri: ${language}: ${text.split("\n").length} lines, ${Math.round(text.length / 1024)} KiB`,
        );
      }
    }
  })();
}
