/**
 * How the check lines a rewrite up with its dictation, word by word: the words both keep in order, then
 * equivalent words between those anchors, then words that moved. What is left over on either side is what
 * the rewrite lost or brought in.
 */
import type { Word } from "./words";

export interface Alignment {
  /** For each dictated word, the index of the rewrite word it lines up with. */
  sourceTo: (number | undefined)[];
  rewriteTo: (number | undefined)[];
}

/**
 * Lines the two word lists up: first the longest common sequence of identical words (the order both keep),
 * then, between those anchors, a dictated word and a rewrite word that mean the same in this style, then
 * identical or equivalent words that moved elsewhere (a rephrasing may reorder plain words; facts that
 * moved are judged by `swappedFacts`); `beforeMoves` may line up more words before equivalents that moved.
 */
export function align(
  source: Word[],
  rewrite: Word[],
  equivalent: (a: Word, b: Word) => boolean,
  beforeMoves?: (alignment: Alignment) => void,
): Alignment {
  const same = (a: Word, b: Word) =>
    b.name ? a.text === b.text : a.stem === b.stem || a.text === b.text || (a.fact && b.fact && a.text === b.text);
  const rows = source.length + 1;
  const columns = rewrite.length + 1;
  const table = new Uint16Array(rows * columns);
  for (let i = source.length - 1; i >= 0; i--) {
    for (let j = rewrite.length - 1; j >= 0; j--) {
      table[i * columns + j] = same(source[i], rewrite[j])
        ? table[(i + 1) * columns + j + 1] + 1
        : Math.max(table[(i + 1) * columns + j], table[i * columns + j + 1]);
    }
  }
  const sourceTo: (number | undefined)[] = new Array(source.length).fill(undefined);
  const rewriteTo: (number | undefined)[] = new Array(rewrite.length).fill(undefined);
  for (let i = 0, j = 0; i < source.length && j < rewrite.length;) {
    if (same(source[i], rewrite[j])) {
      sourceTo[i] = j;
      rewriteTo[j] = i;
      i++;
      j++;
    } else if (table[(i + 1) * columns + j] >= table[i * columns + j + 1]) i++;
    else j++;
  }
  const pair = (i: number, j: number) => {
    sourceTo[i] = j;
    rewriteTo[j] = i;
  };
  // Substitutions between anchors: the gap in the dictation against the gap in the rewrite. A word said
  // as is elsewhere is that word moved, not an equivalent: "le locataire doit rembourser le propriétaire"
  // → "le propriétaire doit rembourser le locataire" moved both, and swapped them.
  const movedAsIs = (i: number, j: number) =>
    rewrite.some((word, at) => at !== j && rewriteTo[at] === undefined && same(source[i], word)) ||
    source.some((word, at) => at !== i && sourceTo[at] === undefined && same(word, rewrite[j]));
  for (let i = 0; i < source.length; i++) {
    if (sourceTo[i] !== undefined) continue;
    const before = lastDefined(sourceTo, i);
    const after = nextDefined(sourceTo, i);
    for (let j = before + 1; j < (after ?? rewrite.length); j++) {
      if (rewriteTo[j] === undefined && equivalent(source[i], rewrite[j]) && !movedAsIs(i, j)) {
        pair(i, j);
        break;
      }
    }
  }
  // Moves: the same word (or an equivalent plain word) elsewhere in the rewrite.
  for (let i = 0; i < source.length; i++) {
    if (sourceTo[i] !== undefined) continue;
    const j = rewrite.findIndex((word, index) => rewriteTo[index] === undefined && same(source[i], word));
    if (j >= 0) pair(i, j);
  }
  beforeMoves?.({ sourceTo, rewriteTo });
  for (let i = 0; i < source.length; i++) {
    if (sourceTo[i] !== undefined) continue;
    const j = rewrite.findIndex((word, index) => rewriteTo[index] === undefined && equivalent(source[i], word));
    if (j >= 0) pair(i, j);
  }
  return { sourceTo, rewriteTo };
}

export function lastDefined(list: (number | undefined)[], before: number): number {
  for (let index = before - 1; index >= 0; index--) if (list[index] !== undefined) return list[index]!;
  return -1;
}

export function nextDefined(list: (number | undefined)[], after: number): number | undefined {
  for (let index = after + 1; index < list.length; index++) if (list[index] !== undefined) return list[index];
  return undefined;
}
