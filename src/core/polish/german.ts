/**
 * What German does to words that the check must undo before it lines a rewrite up: it joins nouns into
 * compounds ("Elektrikerrechnung") and splits a verb from its particle ("teilen Sie ihm mit").
 */
import type { Alignment } from "./alignment";
import { type Lexicon, thesaurusKey } from "./lexicon";
import type { Word } from "./words";

// What German puts between the parts of a compound ("Monat-s-ende", "Woche-n-ende").
const LINKS = ["", "s", "es", "n", "en", "e"];

/**
 * Lines up a German compound with the two words it joins, on either side: "die Rechnung vom Elektriker"
 * written "die Elektrikerrechnung", "Ende des Monats" written "Monatsende", and back. The parts may come
 * in either order, compared by their stems.
 */
export function pairCompounds(kept: Word[], written: Word[], alignment: Alignment): void {
  const key = thesaurusKey("de");
  const join = (
    compounds: Word[],
    parts: Word[],
    compoundTo: (number | undefined)[],
    partsTo: (number | undefined)[],
  ) => {
    for (const [at, compound] of compounds.entries()) {
      if (compoundTo[at] !== undefined || compound.fact || compound.text.length < 7) continue;
      const free = parts.flatMap((part, index) =>
        partsTo[index] === undefined && !part.fact && part.text.length >= 3 ? [index] : [],
      );
      const find = (text: string) => free.find((index) => key(parts[index].text) === key(text));
      for (let cut = 3; cut <= compound.text.length - 3 && compoundTo[at] === undefined; cut++) {
        const right = find(compound.text.slice(cut));
        if (right === undefined) continue;
        const head = compound.text.slice(0, cut);
        const link = LINKS.find(
          (ending) => head.endsWith(ending) && find(head.slice(0, head.length - ending.length) || head) !== undefined,
        );
        const left = link === undefined ? undefined : find(head.slice(0, head.length - link.length));
        if (left === undefined || left === right) continue;
        compoundTo[at] = left;
        partsTo[left] = at;
        partsTo[right] = at;
      }
    }
  };
  join(written, kept, alignment.rewriteTo, alignment.sourceTo);
  join(kept, written, alignment.sourceTo, alignment.rewriteTo);
}

// The particles a German verb leaves at the end of its clause ("teilen Sie dem Vermieter mit", "bring die
// Unterlagen mit"). Not "zu", which ends clauses as an adjective too ("die Kantine ist zu").
const PARTICLES = new Set("mit an auf aus ein vor ab zurück weiter los fest nach heim hin her vorbei".split(" "));

/**
 * `text` with each split verb joined to its particle where the thesaurus knows the joined verb: "Teilen Sie
 * dem Vermieter mit, dass" → "mitteilen Sie dem Vermieter, dass", so it lines up with "sag" as a synonym.
 */
export function joinSeparableVerbs(text: string, lex: Lexicon): string {
  return text.replace(/[^,.;:!?\n]+/g, (clause) => {
    const tokens = clause.split(/(\s+)/);
    const last = tokens.findLastIndex((token) => /\S/.test(token));
    const particle = tokens[last]?.toLowerCase();
    if (last < 0 || !PARTICLES.has(particle)) return clause;
    const verb = tokens.findIndex(
      (token, index) => index < last && /^\p{L}{3,}$/u.test(token) && lex.knows(particle + token.toLowerCase()),
    );
    if (verb < 0) return clause;
    tokens[verb] = particle + tokens[verb].toLowerCase();
    tokens[last] = "";
    return tokens.join("");
  });
}
