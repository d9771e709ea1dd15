import { cleanOutput } from "./clean-output";

export type GuardResult = { ok: true; text: string } | { ok: false; message: string };

// A rewrite can grow a little (punctuation, an email's greeting and sign-off) but never by this much:
// beyond it the model is writing something of its own.
const MAX_GROWTH_FACTOR = 2.5;
const MAX_GROWTH_SLACK_CHARS = 200;
// Openings of an assistant's reply. A rewrite starts with the speaker's words, so one of these is only
// accepted when the speaker said it too.
const REPLY_OPENINGS =
  /^(sure\b|certainly\b|of course\b|absolutely\b|i'm sorry|i am sorry|sorry,|i can't\b|i cannot\b|i'd be happy|i would be happy|as an ai\b|great question|i'm an ai|here's a poem|here is a poem)/i;

/**
 * Cleans a model's answer and decides whether it is a rewrite of `input` at all. Failing answers are
 * never shown: the caller keeps the original text and says why.
 */
export function guardOutput({ input, output }: { input: string; output: string }): GuardResult {
  const text = cleanOutput(output, input);
  const trimmedInput = input.trim();
  if (!text && trimmedInput) return { ok: false, message: "The model returned an empty answer." };
  if (text.length > trimmedInput.length * MAX_GROWTH_FACTOR + MAX_GROWTH_SLACK_CHARS) {
    return {
      ok: false,
      message: `The model's answer (${text.length} characters) is far longer than the text (${trimmedInput.length}), so it is not a rewrite.`,
    };
  }
  const opening = REPLY_OPENINGS.exec(text);
  if (opening && !trimmedInput.toLowerCase().startsWith(opening[1].toLowerCase().replace(/,$/, ""))) {
    return { ok: false, message: "The model answered the text instead of rewriting it." };
  }
  return { ok: true, text };
}
