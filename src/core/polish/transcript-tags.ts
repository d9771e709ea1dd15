// The tag in any case or spacing: `</transcript>`, `< / TRANSCRIPT >`, `<transcript >`.
const TAG = /<\s*(\/?)\s*transcript\s*>/gi;
const NEUTRAL_TAG = /‹(\/?)transcript›/g;

/**
 * Makes transcript tags inside dictated text harmless: a transcript that says `</transcript>` would
 * otherwise close the data block and speak to the model as instructions. The look-alike brackets read
 * the same to people and are put back by `restoreTranscriptTags`.
 */
export function neutralizeTranscriptTags(text: string): string {
  return text.replace(TAG, (_match, slash: string) => `‹${slash}transcript›`);
}

/** Undoes `neutralizeTranscriptTags` in a rewrite of `input`, when the speaker really dictated such a tag. */
export function restoreTranscriptTags(output: string, input: string): string {
  if (!TAG.test(input)) return output;
  TAG.lastIndex = 0;
  return output.replace(NEUTRAL_TAG, (_match, slash: string) => `<${slash}transcript>`);
}
