import { acceptRewrite, type AcceptedRewrite } from "./accept-rewrite";
import { salvage } from "./salvage";
import { buildPrompt } from "./build-prompt";
import { DEFAULT_MODEL_ID, type CatalogModel } from "../catalog";
import { cleanOutput } from "./clean-output";
import { ERRORS, PolishError, toPolishError, type FallbackReason } from "../errors";
import { describeUnfaithful, loadCheckTables } from "./faithfulness";
import { findModel } from "../catalog";
import { guardOutput } from "./guard-output";
import { HelperClient, type ConnectedHelper, type HelperOptions } from "../helper";
import { canRunHelper } from "../config";
import { readyModelPath } from "../store";
import { splitText } from "./split-text";
import { preClean } from "./pre-clean";
import { restoreTranscriptTags } from "./transcript-tags";
import { DEFAULT_STYLE_ID, type StyleId } from "../catalog";
import type { VocabularyEntry } from "../vocabulary";
import { PREWARM_HOLD_SECONDS, type Prewarm } from "./prewarm";

/** How long a finished polish waits for its pre-warm's answer, which is in already when it loaded the model. */
const WARM_UP_ANSWER_MS = 100;

const delay = (ms: number) => new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms).unref());

export interface PolishParams extends HelperOptions {
  text: string;
  /** A catalogue id; defaults to the catalogue's default model. */
  modelId?: string;
  style?: StyleId;
  /** The Custom Instructions preference. */
  customInstructions?: string;
  /** The user's vocabulary: spelling authority in the prompt, and its replacements count as faithful. */
  vocabulary?: readonly VocabularyEntry[];
  /**
   * A `prewarm()` started when the command opened: the helper runs it before this polish's request, and its
   * load time is reported in `timings.loadMs`.
   */
  warmUp?: Promise<Prewarm | undefined>;
  /** The Unload Model After preference (`parseUnloadAfter`); omitted keeps the helper's current setting. */
  unloadAfterSeconds?: number | null;
  signal?: AbortSignal;
  /** Called with the polished text so far as it streams in (already cleaned of wrapping). */
  onText?: (textSoFar: string) => void;
  /** The Hugging Face cache; defaults to `paths.ts` `hubCacheDir()`. */
  cacheDir?: string;
  /** Longest silence allowed between two pieces of streamed text before the helper counts as hung. */
  stallTimeoutMs?: number;
  /** The helper to polish with; defaults to one built from these options. */
  client?: HelperClient;
}

export interface PolishTimings {
  totalMs: number;
  /** From the call to the first streamed text. */
  firstTokenMs?: number;
  /** The helper's generation speed over all pieces. */
  tokensPerSecond?: number;
  /** The helper's own time for the request(s), waiting and loading included: `totalMs` minus this is our overhead. */
  helperMs?: number;
  /** Time the helper spent loading the model for this polish, a pre-warm's included (0: it was warm). */
  loadMs?: number;
  /** Time the helper spent generating (prompt and tokens), loading and waiting excluded. */
  generationMs?: number;
}

/** What the faithfulness check found in a rewrite it refused in part or in whole (`faithfulness.ts`). */
export interface PolishFaithfulness {
  /** Dictated words the rewrite lost or changed (normalised: "3" for "three"). */
  lost: string[];
  /** Words the rewrite brought in that the dictation does not have. */
  added: string[];
  /** Facts whose order or scope the rewrite changed ("from Tuesday to Wednesday" swapped, a moved "not"). */
  moved: string[];
  /** The rewrite answered a question or carried out an order in the text. */
  answered: boolean;
  /** Sentences that came back as dictated, of `sentences`. */
  keptSentences: number;
  sentences: number;
}

export interface PolishResult {
  /** The polished text, or the original text untouched when `polished` is false. */
  text: string;
  /** True when `text` holds a rewrite (all of it, or with some sentences kept as dictated: `partial`). */
  polished: boolean;
  /**
   * `polished`: rewritten throughout; `partial`: the rewrite changed the meaning of some sentences, which
   * came back as dictated (see `faithfulness`); `original`: the text unchanged, see `reason`.
   */
  outcome: "polished" | "partial" | "original";
  /** Why (part of) the original text came back: set whenever `outcome` is not `polished`. */
  reason?: FallbackReason;
  /** Why the original text came back, for people. */
  message?: string;
  /** Set when the faithfulness check refused some or all of the rewrite. */
  faithfulness?: PolishFaithfulness;
  model: string;
  style: StyleId;
  timings: PolishTimings;
}

/**
 * Rewrites dictated text with a local model. Never throws: on any failure the original text comes
 * back unchanged with a reason and a message. Long text is polished piece by piece (`splitText`).
 */
export async function polish(params: PolishParams): Promise<PolishResult> {
  const startedAt = performance.now();
  const model = params.modelId ?? DEFAULT_MODEL_ID;
  const style = params.style ?? DEFAULT_STYLE_ID;
  const elapsed = () => Math.round((performance.now() - startedAt) * 10) / 10;
  const fallback = (
    reason: FallbackReason,
    message: string,
    extra: Pick<PolishResult, "faithfulness"> & { timings?: Omit<PolishTimings, "totalMs"> } = {},
  ): PolishResult => ({
    text: params.text,
    polished: false,
    outcome: "original",
    reason,
    message,
    ...(extra.faithfulness && { faithfulness: extra.faithfulness }),
    model,
    style,
    timings: { totalMs: elapsed(), ...extra.timings },
  });

  if (!params.text.trim()) return fallback("empty_input", "There is no text to polish.");
  if (params.signal?.aborted) return fallback("cancelled", "Canceled.");
  if (!canRunHelper()) {
    return fallback(
      "unsupported_platform",
      "Polishing needs a Mac with Apple Silicon (or Linux, where MLX runs on the CPU); your text is unchanged.",
    );
  }
  try {
    const catalogModel = findModel(model, params);
    // Connecting to a running helper overlaps the model check; a helper is only started once the model is there.
    const client = params.client ?? new HelperClient(params);
    const running = client.connectOurs();
    const modelPath = await readyModelPath(catalogModel, params).catch(async (error) => {
      (await running)?.connection.close();
      throw error;
    });
    const outcome = await client
      .withHelper(
        (helper, markStarted) =>
          polishPieces({ params, client, helper, catalogModel, modelPath, style, startedAt, markStarted }),
        running,
      )
      .finally(() => (params.unloadAfterSeconds === 0 ? client.unload().catch(() => undefined) : undefined));
    const { firstTokenMs, tokensPerSecond, helperMs, generationMs, faithfulness } = outcome;
    // The pre-warm's load ran before this polish's requests in the helper's queue, so it has answered by
    // now; one that has not (it lost the race to the helper) never holds the text back.
    const warm = params.warmUp && (await Promise.race([params.warmUp, delay(WARM_UP_ANSWER_MS)]));
    const loadMs = Math.round(((warm?.loadMs ?? 0) + outcome.loadMs) * 10) / 10;
    const timings = { firstTokenMs, tokensPerSecond, helperMs, loadMs, generationMs };
    if (outcome.tripped) return fallback("guard_tripped", outcome.tripped, { timings });
    if (faithfulness && faithfulness.keptSentences === faithfulness.sentences) {
      return fallback("unfaithful", `${outcome.message} Your text is unchanged.`, { faithfulness, timings });
    }
    return {
      text: outcome.text,
      polished: true,
      outcome: faithfulness ? "partial" : "polished",
      ...(faithfulness && {
        reason: "unfaithful" as const,
        message: `${outcome.message} Kept ${faithfulness.keptSentences} of ${faithfulness.sentences} sentences as you said them.`,
        faithfulness,
      }),
      model,
      style,
      timings: { totalMs: elapsed(), ...timings },
    };
  } catch (error) {
    const failure = params.signal?.aborted ? new PolishError("cancelled", "Canceled.") : toPolishError(error);
    return fallback(ERRORS[failure.code].fallbackReason, failure.message);
  }
}

interface PiecesParams {
  params: PolishParams;
  client: HelperClient;
  helper: ConnectedHelper;
  catalogModel: CatalogModel;
  modelPath: string;
  style: StyleId;
  startedAt: number;
  markStarted: () => void;
}

async function polishPieces({
  params,
  client,
  helper,
  catalogModel,
  modelPath,
  style,
  startedAt,
  markStarted,
}: PiecesParams) {
  let done = "";
  let firstTokenMs: number | undefined;
  let generationTokens = 0;
  let generationSeconds = 0;
  let helperMs = 0;
  let loadMs = 0;
  let generationMs = 0;
  // Summed over the pieces; stays undefined while every rewrite is faithful.
  let faithfulness: PolishFaithfulness | undefined;
  let message = "";
  let keptSentences = 0;
  let sentences = 0;
  const pieces = splitText(params.text);
  // One generation of `text`; `onChunk` sees the raw streamed text so far.
  const generateOnce = async (text: string, retryHint?: string, onChunk?: (raw: string) => void) => {
    const { messages, fixedPrefixMessages } = buildPrompt({
      // The model reads the dictation with its hesitations and spoken marks already handled; a text that
      // was nothing but "um uh" goes as it was.
      text: preClean(text) || text,
      style,
      model: catalogModel,
      customInstructions: params.customInstructions,
      vocabulary: params.vocabulary,
      retryHint,
    });
    const stream = client.generate(
      helper,
      {
        model_id: catalogModel.id,
        model_path: modelPath,
        messages,
        fixed_prefix_messages: fixedPrefixMessages,
        // "Immediately" holds the model through this polish's own second tries; polish() unloads it after.
        ...(params.unloadAfterSeconds !== undefined && {
          unload_after_seconds: params.unloadAfterSeconds === 0 ? PREWARM_HOLD_SECONDS : params.unloadAfterSeconds,
        }),
      },
      { signal: params.signal, stallTimeoutMs: params.stallTimeoutMs },
    );
    let raw = "";
    for (let next = await stream.next(); ; next = await stream.next()) {
      if (next.done) {
        generationTokens += next.value.generation_tokens;
        helperMs += next.value.total_ms;
        loadMs += next.value.load_ms;
        generationMs += next.value.time_to_first_token_ms;
        if (next.value.generation_tps > 0) {
          generationSeconds += next.value.generation_tokens / next.value.generation_tps;
          generationMs += (next.value.generation_tokens / next.value.generation_tps) * 1000;
        }
        return next.value.text;
      }
      markStarted();
      // The check's word tables (a few hundred ms to read) load while the model writes, not after it.
      if (firstTokenMs === undefined) setImmediate(() => loadCheckTables(text));
      firstTokenMs ??= Math.round(performance.now() - startedAt);
      raw += next.value;
      onChunk?.(raw);
    }
  };
  // What the pieces came to; `tripped` says the output guard refused a piece and its second try.
  const finish = (tripped?: string) => {
    const tokensPerSecond =
      generationSeconds > 0 ? Math.round((generationTokens / generationSeconds) * 10) / 10 : undefined;
    if (faithfulness) Object.assign(faithfulness, { keptSentences, sentences });
    return {
      text: done,
      firstTokenMs,
      tokensPerSecond,
      helperMs: Math.round(helperMs * 10) / 10,
      loadMs,
      generationMs: Math.round(generationMs * 10) / 10,
      faithfulness,
      message,
      tripped,
    };
  };
  for (const [index, piece] of pieces.entries()) {
    const first = await generateOnce(piece.text, undefined, (raw) =>
      params.onText?.(done + cleanOutput(raw, piece.text)),
    );
    const guarded = guardOutput({ input: piece.text, output: first });
    const retry = (text: string, hint: string) => generateOnce(text, hint);
    let accepted: AcceptedRewrite;
    if (!guarded.ok) {
      // An answer instead of a rewrite gets the same second try as an unfaithful one.
      const check = { faithful: false, lost: [], added: [], moved: [], answered: true };
      const part = { dictated: piece.text, text: piece.text, gap: "", faithful: false, check };
      const refused = { outcome: "unfaithful" as const, text: piece.text, check, keptSentences: 1, sentences: 1 };
      accepted = await salvage({ ...refused, parts: [part] }, style, retry, params.signal, params.vocabulary);
      if (accepted.outcome !== "polished") return finish(`${guarded.message} Your text is unchanged.`);
    } else {
      const output = restoreTranscriptTags(guarded.text, piece.text);
      accepted = acceptRewrite({ input: piece.text, output, style, vocabulary: params.vocabulary });
      if (accepted.outcome !== "polished")
        accepted = await salvage(accepted, style, retry, params.signal, params.vocabulary);
    }
    if (accepted.check) {
      faithfulness ??= { lost: [], added: [], moved: [], answered: false, keptSentences: 0, sentences: 0 };
      faithfulness.lost.push(...accepted.check.lost);
      faithfulness.added.push(...accepted.check.added);
      faithfulness.moved.push(...accepted.check.moved);
      faithfulness.answered ||= accepted.check.answered;
      message ||= describeUnfaithful(accepted.check);
    }
    keptSentences += accepted.keptSentences;
    sentences += accepted.sentences;
    done += accepted.text + (index < pieces.length - 1 ? piece.gap : "");
    params.onText?.(done);
  }
  return finish();
}
