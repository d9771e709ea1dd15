// A reasoning block, closed or still open (a model cut off mid-thought leaves no text after it).
const THINK_BLOCK = /^\s*<think>[\s\S]*?(<\/think>|$)/i;
// Lead-ins small models put before the answer: "Here is the cleaned text:", "Sure! Here's the rewrite:".
const PREAMBLE =
  /^\s*(?:(?:sure|okay|ok|certainly|of course)[!,.]?\s*)?(?:here(?:'s| is)(?: the| your)? )?(?:(?:cleaned|polished|corrected|rewritten|revised|edited)(?:[ -]up)?(?: text| version| transcript| transcription)?|rewrite|cleanup|clean-up)\s*:[ \t]*\n?/i;
const TRANSCRIPT_TAGS = /^\s*<transcript>\s*([\s\S]*?)\s*(?:<\/transcript>\s*)?$/i;
const CODE_FENCE = /^\s*```[\w-]*\n([\s\S]*?)\n?```\s*$/;
const QUOTE_PAIRS: [string, string][] = [
  ['"', '"'],
  ["\u201c", "\u201d"],
  ["'", "'"],
  ["\u2018", "\u2019"],
  ["\u00ab", "\u00bb"],
];

/**
 * Strips the wrapping a model puts around its answer: a think block, a preamble line, the transcript
 * tags echoed back, a code fence or quotes around the whole answer. `input` keeps wrapping the
 * speaker really dictated (a quoted sentence stays quoted). Safe on partial output while streaming.
 */
export function cleanOutput(output: string, input = ""): string {
  let text = output.replace(THINK_BLOCK, "");
  text = text.replace(PREAMBLE, "");
  text = text.replace(TRANSCRIPT_TAGS, "$1");
  // Small models also close the data block they were given after their answer.
  if (!/<\/transcript>\s*$/i.test(input)) text = text.replace(/\s*<\/transcript>\s*$/i, "");
  const fenced = CODE_FENCE.exec(text);
  if (fenced && !input.trimStart().startsWith("```")) text = fenced[1];
  text = text.trim();
  const trimmedInput = input.trim();
  for (const [open, close] of QUOTE_PAIRS) {
    const wrapped = text.length >= 2 && text.startsWith(open) && text.endsWith(close);
    const inner = text.slice(open.length, text.length - close.length);
    if (wrapped && !inner.includes(open) && !trimmedInput.startsWith(open)) {
      text = inner.trim();
      break;
    }
  }
  return text;
}
