import { joinParts, type AcceptedRewrite, type RewritePart } from "./accept-rewrite";
import { checkFaithfulness, describeUnfaithful, type FaithfulnessCheck } from "./faithfulness";
import { guardOutput } from "./guard-output";
import { restoreTranscriptTags } from "./transcript-tags";
import { applySpokenCorrections } from "./words";
import type { StyleId } from "../catalog";
import type { VocabularyEntry } from "../vocabulary";

/** Most sentences of one piece asked for again: each costs a generation the user waits for. */
export const MAX_SALVAGED_PARTS = 3;

/**
 * Gives a refused rewrite one more chance, sentence by sentence: each refused part is generated again
 * alone, told what the last try lost or brought in, and kept only when the check passes against what was
 * said. The model is
 * greedy, so the same prompt would bring the same words back: the hint is what changes. What still fails
 * stays as dictated, so the salvage can only turn an original into a partial or a polish, never lose text.
 */
export async function salvage(
  accepted: AcceptedRewrite,
  style: StyleId,
  generate: (text: string, retryHint: string) => Promise<string>,
  signal?: AbortSignal,
  vocabulary?: readonly VocabularyEntry[],
): Promise<AcceptedRewrite> {
  const parts: RewritePart[] = [...accepted.parts];
  let asked = 0;
  for (const [index, part] of parts.entries()) {
    if (part.faithful || !part.check || asked >= MAX_SALVAGED_PARTS || signal?.aborted) continue;
    asked++;
    // The second try reads the dictation with its self-corrections applied: a small model that brought a
    // taken-back "tuesday" back once would do it again.
    const raw = await generate(applySpokenCorrections(part.dictated), retryHint(part.check));
    const guarded = guardOutput({ input: part.dictated, output: raw });
    if (!guarded.ok) continue;
    const text = restoreTranscriptTags(guarded.text, part.dictated);
    const check = checkFaithfulness({ input: part.dictated, output: text, style, vocabulary });
    if (check.faithful) parts[index] = { ...part, text, faithful: true, check: undefined };
  }
  const joined = joinParts(parts);
  const refused = parts.find((part) => !part.faithful)?.check;
  return joined.outcome === "polished" ? joined : { ...joined, check: refused ?? accepted.check };
}

/** What the model is told before its second try: the words it got wrong, in the check's own terms. */
export function retryHint(check: FaithfulnessCheck): string {
  return `Your last rewrite of this transcript was refused. ${describeUnfaithful(check)} Rewrite it again: keep every fact the speaker settled on, in order, and add nothing.`;
}
