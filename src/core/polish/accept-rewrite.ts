import { checkFaithfulness, type FaithfulnessCheck } from "./faithfulness";
import type { StyleId } from "../catalog";
import type { VocabularyEntry } from "../vocabulary";

export interface AcceptedRewrite {
  /**
   * `polished`: the rewrite is faithful; `partial`: its faithful sentences, the others as dictated;
   * `unfaithful`: nothing of it can be kept, `text` is the input.
   */
  outcome: "polished" | "partial" | "unfaithful";
  text: string;
  /** What the whole rewrite lost or brought in (for the message), when it was not faithful. */
  check?: FaithfulnessCheck;
  /** Sentences kept as dictated, and how many there were; 0 and 1 when the rewrite was judged whole. */
  keptSentences: number;
  sentences: number;
}

interface Sentence {
  text: string;
  /** What followed it (spaces, a line break), put back when sentences are joined again. */
  gap: string;
}

// Sentence ends in a rewrite, and in a transcript also the spoken ones ("period", "new paragraph").
const WRITTEN_END = /[.!?。！？]+["'”’)\]]*(?=\s|$)|\n+/g;
const SPOKEN_END = /\b(?:period|full stop|question mark|exclamation (?:mark|point)|new paragraph|new line)\b[.!?]?/gi;

/**
 * Decides what of a rewrite may be used: all of it when faithful; else, when the rewrite keeps the
 * transcript's sentences one for one, the faithful ones polished and the rest exactly as dictated (the
 * finest salvage that stays honest); else none of it.
 */
export function acceptRewrite({
  input,
  output,
  style,
  vocabulary,
}: {
  input: string;
  output: string;
  style: StyleId;
  vocabulary?: readonly VocabularyEntry[];
}): AcceptedRewrite {
  const check = checkFaithfulness({ input, output, style, vocabulary });
  if (check.faithful) return { outcome: "polished", text: output, keptSentences: 0, sentences: 1 };
  const dictated = splitSentences(input, SPOKEN_END);
  const rewritten = splitSentences(output);
  if (dictated.length < 2 || dictated.length !== rewritten.length) {
    return { outcome: "unfaithful", text: input, check, keptSentences: 1, sentences: 1 };
  }
  let kept = 0;
  const parts = rewritten.map((sentence, index) => {
    const faithful = checkFaithfulness({
      input: dictated[index].text,
      output: sentence.text,
      style,
      vocabulary,
    }).faithful;
    if (!faithful) kept++;
    const text = faithful ? sentence.text : dictated[index].text;
    return index < rewritten.length - 1 ? text + (sentence.gap || " ") : text;
  });
  if (kept === dictated.length) {
    return { outcome: "unfaithful", text: input, check, keptSentences: kept, sentences: dictated.length };
  }
  return { outcome: "partial", text: parts.join(""), check, keptSentences: kept, sentences: dictated.length };
}

/** Cuts text after each sentence end; the ends stay with their sentence. */
export function splitSentences(text: string, spokenEnd?: RegExp): Sentence[] {
  const ends = [...text.matchAll(WRITTEN_END), ...(spokenEnd ? text.matchAll(spokenEnd) : [])]
    .map((match) => match.index + match[0].length)
    .sort((a, b) => a - b);
  const sentences: Sentence[] = [];
  let start = 0;
  for (const end of ends) {
    if (end <= start) continue;
    const gapEnd = end + (/^\s*/.exec(text.slice(end))?.[0].length ?? 0);
    const raw = text.slice(start, gapEnd);
    const piece = raw.trim();
    const gap = raw.slice(raw.trimEnd().length);
    // "period new paragraph" ends one sentence, not two: a piece that is only spoken ends joins the last.
    const onlyEnds = !piece || (spokenEnd !== undefined && !piece.replace(spokenEnd, "").trim());
    if (!onlyEnds || sentences.length === 0) sentences.push({ text: piece, gap });
    else {
      const last = sentences[sentences.length - 1];
      last.text = piece ? `${last.text}${last.gap}${piece}` : last.text;
      last.gap = piece ? gap : last.gap + raw;
    }
    start = gapEnd;
  }
  const rest = text.slice(start).trim();
  if (rest) sentences.push({ text: rest, gap: "" });
  return sentences.filter((sentence) => sentence.text);
}
