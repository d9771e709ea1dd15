/** Longest piece sent in one request: small models stay faithful over a few hundred tokens, not pages. */
export const MAX_PIECE_CHARS = 1500;

export interface TextPiece {
  /** The piece without its trailing whitespace. */
  text: string;
  /** The whitespace that followed it in the original, put back between the polished pieces. */
  gap: string;
}

// Best cut first: a paragraph break, then a sentence end (Latin needs a space after it, CJK does not),
// then any whitespace; a run of text with none of these is cut at the limit.
const BOUNDARIES = [/\n[ \t]*\n\s*/g, /[.!?…]["'”’)\]]*\s+|[。！？]["'”’」』）]*\s*/g, /\s+/g];

/**
 * Splits long text into pieces of at most `maxChars` at the best boundary available. Joining every
 * piece's `text + gap` gives the original back exactly.
 */
export function splitText(text: string, maxChars = MAX_PIECE_CHARS): TextPiece[] {
  const pieces: TextPiece[] = [];
  let rest = text;
  while (rest.length > maxChars) {
    const window = rest.slice(0, maxChars);
    let cut = BOUNDARIES.map((boundary) => lastBoundaryEnd(window, boundary)).find((end) => end > 0) ?? maxChars;
    // Never between the two halves of an emoji or other astral character: each half alone is not text.
    if (/[\uDC00-\uDFFF]/.test(rest[cut])) cut -= 1;
    pieces.push(toPiece(rest.slice(0, cut)));
    rest = rest.slice(cut);
  }
  if (rest || pieces.length === 0) pieces.push(toPiece(rest));
  return pieces;
}

function lastBoundaryEnd(window: string, boundary: RegExp): number {
  let end = 0;
  for (const match of window.matchAll(boundary)) {
    // A boundary must leave some text before it, and must end inside the window.
    if (match.index > 0 && match.index + match[0].length <= window.length) end = match.index + match[0].length;
  }
  return end;
}

function toPiece(chunk: string): TextPiece {
  const text = chunk.trimEnd();
  return { text, gap: chunk.slice(text.length) };
}
