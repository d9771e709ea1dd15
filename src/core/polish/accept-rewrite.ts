import { checkFaithfulness, type FaithfulnessCheck } from "./faithfulness";
import { SENTENCE_END } from "./words";
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
  /**
   * The sentences as judged (one part, the whole text, when the rewrite could not be judged sentence by
   * sentence): a refused part is what `polish()` asks the model to rewrite again.
   */
  parts: RewritePart[];
}

export interface RewritePart {
  /** The dictated sentence (or the whole piece). */
  dictated: string;
  /** What the user gets for it: the rewrite when faithful, else the dictated words. */
  text: string;
  /** What followed it, put back when the parts are joined. */
  gap: string;
  faithful: boolean;
  /** What the check found, when the part was refused. */
  check?: FaithfulnessCheck;
}

interface Sentence {
  text: string;
  /** What followed it (spaces, a line break), put back when sentences are joined again. */
  gap: string;
}

// Sentence ends in a rewrite, and in a transcript also the spoken ones ("period", "new paragraph").
const SPOKEN_END = /\b(?:period|full stop|question mark|exclamation (?:mark|point)|new paragraph|new line)\b[.!?]?/gi;

/**
 * Decides what of a rewrite may be used: all of it when faithful; else, when the rewrite keeps the
 * transcript's sentences one for one, the faithful ones polished and the rest exactly as dictated (the
 * finest salvage that stays honest); else none of it, each dictated sentence a refused part of its own.
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
  if (check.faithful) {
    const parts = [{ dictated: input, text: output, gap: "", faithful: true }];
    return { outcome: "polished", text: output, keptSentences: 0, sentences: 1, parts };
  }
  const dictated = splitSentences(input, SPOKEN_END);
  const rewritten = splitSentences(output);
  if (dictated.length < 2) {
    const parts = [{ dictated: input, text: input, gap: "", faithful: false, check }];
    return { outcome: "unfaithful", text: input, check, keptSentences: 1, sentences: 1, parts };
  }
  // A rewrite that merged or split sentences cannot be judged one for one: each dictated sentence is
  // refused on its own, so the salvage can ask for it alone (a short sentence is what a small model does best).
  if (dictated.length !== rewritten.length) {
    const parts = dictated.map((sentence, index): RewritePart => ({
      dictated: sentence.text,
      text: sentence.text,
      gap: index < dictated.length - 1 ? sentence.gap || " " : "",
      faithful: false,
      check,
    }));
    return { ...joinParts(parts), text: input, check };
  }
  const parts = rewritten.map((sentence, index): RewritePart => {
    const said = dictated[index].text;
    const sentenceCheck = checkFaithfulness({ input: said, output: sentence.text, style, vocabulary });
    const gap = index < rewritten.length - 1 ? sentence.gap || " " : "";
    return sentenceCheck.faithful
      ? { dictated: said, text: sentence.text, gap, faithful: true }
      : { dictated: said, text: said, gap, faithful: false, check: sentenceCheck };
  });
  return { ...joinParts(parts), check };
}

/** The outcome and text of judged parts (also after `polish()` replaced refused ones with faithful rewrites). */
export function joinParts(parts: RewritePart[]): Omit<AcceptedRewrite, "check"> {
  const kept = parts.filter((part) => !part.faithful).length;
  const text = parts.map((part) => part.text + part.gap).join("");
  const outcome = kept === 0 ? "polished" : kept === parts.length ? "unfaithful" : "partial";
  return { outcome, text, keptSentences: kept, sentences: parts.length, parts };
}

/** Cuts text after each sentence end; the ends stay with their sentence. */
export function splitSentences(text: string, spokenEnd?: RegExp): Sentence[] {
  const ends = [...text.matchAll(SENTENCE_END), ...(spokenEnd ? text.matchAll(spokenEnd) : [])]
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
