/**
 * A user's vocabulary: the names, product words and spellings their dictation app gets wrong. One entry a
 * line, either a word or phrase as it must be written ("Postgres") or a correction `heard -> written`
 * ("post gress -> Postgres"). The prompt gives it to the model as spelling authority, and the
 * faithfulness check counts a vocabulary replacement as an allowed edit, never a changed fact.
 */
export interface VocabularyEntry {
  /** How the word must be written. */
  written: string;
  /** What the dictation app writes instead, when the user gave it ("post gress"). */
  heard?: string;
}

/** The most entries a vocabulary may hold: the list goes into every prompt. */
export const VOCABULARY_MAX_ENTRIES = 200;
/** The longest entry side, in characters. */
export const VOCABULARY_MAX_LENGTH = 80;

export class VocabularyError extends Error {
  constructor(
    message: string,
    /** The 1-based line at fault. */
    readonly line: number,
  ) {
    super(message);
    this.name = "VocabularyError";
  }
}

/**
 * Parses a vocabulary: one entry a line, `heard -> written` or a word alone; blank lines and lines
 * starting with `#` are skipped. Throws `VocabularyError` naming the line for an entry it cannot use.
 */
export function parseVocabulary(text: string): VocabularyEntry[] {
  const entries: VocabularyEntry[] = [];
  const seen = new Set<string>();
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const lineNumber = index + 1;
    const parts = line.split(/\s*(?:->|→)\s*/);
    if (parts.length > 2) {
      throw new VocabularyError(
        `Line ${lineNumber} has more than one "->": write one "heard -> written" a line.`,
        lineNumber,
      );
    }
    const [first, second] = parts;
    const entry: VocabularyEntry = parts.length === 2 ? { heard: first, written: second } : { written: first };
    if (!entry.written || (parts.length === 2 && !entry.heard)) {
      throw new VocabularyError(`Line ${lineNumber} needs words on both sides of "->".`, lineNumber);
    }
    for (const side of [entry.heard, entry.written]) {
      if (side && side.length > VOCABULARY_MAX_LENGTH) {
        throw new VocabularyError(
          `Line ${lineNumber} is longer than ${VOCABULARY_MAX_LENGTH} characters: a vocabulary holds words and short phrases.`,
          lineNumber,
        );
      }
    }
    const key = `${entry.heard?.toLowerCase() ?? ""}->${entry.written.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push(entry);
    if (entries.length > VOCABULARY_MAX_ENTRIES) {
      throw new VocabularyError(
        `The vocabulary has more than ${VOCABULARY_MAX_ENTRIES} entries (line ${lineNumber}); keep the words your dictation gets wrong.`,
        lineNumber,
      );
    }
  }
  return entries;
}

/**
 * Writes each `heard` phrase of the vocabulary as its `written` form (whole words, any case), so the check
 * reads "post gress" and "Postgres" as the same word.
 */
export function applyVocabulary(text: string, vocabulary: readonly VocabularyEntry[] | undefined): string {
  if (!vocabulary?.length) return text;
  let result = text;
  // Longest first, so "post gress sql" wins over "post gress".
  const corrections = vocabulary
    .filter((entry): entry is Required<VocabularyEntry> => entry.heard !== undefined)
    .sort((a, b) => b.heard.length - a.heard.length);
  for (const { heard, written } of corrections) {
    const pattern = heard
      .trim()
      .split(/\s+/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join("[\\s-]+");
    result = result.replace(new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, "giu"), written);
  }
  return result;
}
