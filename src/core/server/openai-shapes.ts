/**
 * The slice of OpenAI's chat API that dictation apps use (Handy, VoiceInk, OpenWhispr): reading a chat
 * request into a polish request, and writing completions, stream chunks, model lists and errors in the
 * shapes their clients parse. Fields we have no use for (`temperature`, `reasoning_effort`,
 * `chat_template_kwargs`, …) are accepted and ignored, since clients send them and retry without on 4xx.
 */
import { randomUUID } from "node:crypto";
import { CATALOG, type CatalogModel } from "../catalog";
import type { PolishResult } from "../polish";
import { STYLES, type StyleId } from "../catalog";

/** What a chat request asks of us, once read. */
export interface ChatRequest {
  /** The model name as the client sent it (`qwen3-1.7b` or `qwen3-1.7b:email`), echoed in the answer. */
  modelName: string;
  modelId: string;
  /** The style the model name picks, if any. */
  style?: StyleId;
  /** The last user message, without the `<transcript>` wrapper clients add. */
  transcript: string;
  /** The client's system and developer messages, joined (used only when the user opts in). */
  systemPrompt?: string;
  stream: boolean;
}

/** A request we refuse, with its HTTP status and OpenAI's error fields. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly param: string | null = null,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** OpenAI's error type for the status, as their clients map it to exception classes. */
  get type(): string {
    if (this.status === 401) return "authentication_error";
    if (this.status === 403) return "permission_error";
    if (this.status >= 500) return "server_error";
    return "invalid_request_error";
  }
}

/** OpenAI's error body: `{error: {message, type, param, code}}`. */
export function errorBody(error: ApiError) {
  return { error: { message: error.message, type: error.type, param: error.param, code: error.code } };
}

/** The model names for a catalogue model: its id (the server's default style) and `id:style` for each style. */
export function modelNames(model: CatalogModel): string[] {
  return [model.id, ...STYLES.map((style) => `${model.id}:${style.id}`)];
}

/**
 * Reads `id` or `id:style` into a model (of `models`: the catalogue, plus the models added by repo id when the
 * server passes them) and style; anything else is a 404, as at OpenAI.
 */
export function parseModelName(
  name: string,
  models: readonly CatalogModel[] = CATALOG,
): { modelId: string; style?: StyleId } {
  const [modelId, styleId, ...rest] = name.split(":");
  const model = models.find((candidate) => candidate.id === modelId);
  const style = STYLES.find((candidate) => candidate.id === styleId);
  if (!model || rest.length > 0 || (styleId !== undefined && !style)) {
    throw new ApiError(
      404,
      "model_not_found",
      `The model \`${name}\` does not exist. Models: a catalog id such as \`${CATALOG[0].id}\`, optionally with a style: \`${CATALOG[0].id}:${STYLES[1].id}\` (styles: ${STYLES.map((candidate) => candidate.id).join(", ")}).`,
      "model",
    );
  }
  return { modelId: model.id, style: style?.id };
}

// Clients wrap the transcript: VoiceInk in <TRANSCRIPT>, Handy's default prompt in <transcript>.
const TRANSCRIPT_WRAPPER = /<transcript>([^]*)<\/transcript>/i;

/** The transcript inside a user message: the wrapped part when the client wrapped it, else all of it. */
export function transcriptOf(content: string): string {
  const wrapped = TRANSCRIPT_WRAPPER.exec(content);
  return wrapped ? wrapped[1].trim() : content;
}

/** The text of a message's content: a string, or OpenAI's array of parts (`{type: "text", text}`). */
function textOf(content: unknown, index: number): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content
      .map((part) =>
        part && typeof part === "object" && (part as { type?: unknown }).type === "text"
          ? String((part as { text?: unknown }).text ?? "")
          : "",
      )
      .join("");
  }
  if (content === null || content === undefined) return "";
  throw new ApiError(
    400,
    "invalid_value",
    `messages[${index}].content must be a string or an array of parts.`,
    `messages[${index}].content`,
  );
}

/** Checks a parsed JSON body and reads it into a `ChatRequest`; a bad body is a 400 naming the field. */
export function parseChatRequest(body: unknown, models: readonly CatalogModel[] = CATALOG): ChatRequest {
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new ApiError(400, "invalid_request_body", "The request body must be a JSON object.");
  }
  const { model, messages, stream } = body as Record<string, unknown>;
  if (typeof model !== "string" || !model) {
    throw new ApiError(400, "missing_required_parameter", "You must provide a model parameter.", "model");
  }
  if (!Array.isArray(messages) || messages.length === 0) {
    throw new ApiError(
      400,
      "missing_required_parameter",
      "messages must be a non-empty array of chat messages.",
      "messages",
    );
  }
  const { modelId, style } = parseModelName(model, models);
  let transcript: string | undefined;
  const system: string[] = [];
  messages.forEach((message: unknown, index) => {
    if (!message || typeof message !== "object") {
      throw new ApiError(400, "invalid_value", `messages[${index}] must be an object.`, `messages[${index}]`);
    }
    const { role, content } = message as Record<string, unknown>;
    if (role === "user") transcript = transcriptOf(textOf(content, index));
    else if (role === "system" || role === "developer") system.push(textOf(content, index));
  });
  if (transcript === undefined) {
    throw new ApiError(
      400,
      "invalid_value",
      "messages must hold a user message: its content is the text to polish.",
      "messages",
    );
  }
  const systemPrompt = system.join("\n\n").trim();
  return {
    modelName: model,
    modelId,
    style,
    transcript,
    systemPrompt: systemPrompt || undefined,
    stream: stream === true,
  };
}

/** Our own report on the rewrite, added to every answer for clients that cannot read headers. */
function report(result: PolishResult) {
  return {
    polished: result.polished,
    outcome: result.outcome,
    reason: result.reason,
    message: result.message,
    ...(result.faithfulness && { faithfulness: result.faithfulness }),
    timings: result.timings,
  };
}

/** A fresh completion id and creation time, shared by every chunk of one answer. */
export function completionMeta(modelName: string) {
  return { id: `chatcmpl-${randomUUID()}`, created: Math.floor(Date.now() / 1000), model: modelName };
}

/** A non-streamed answer (`chat.completion`) whose content is the polished text, or the original. */
export function completionBody(meta: ReturnType<typeof completionMeta>, result: PolishResult) {
  return {
    ...meta,
    object: "chat.completion",
    choices: [
      { index: 0, message: { role: "assistant", content: result.text }, logprobs: null, finish_reason: "stop" },
    ],
    mlx_polish: report(result),
  };
}

/** The SSE chunks (`chat.completion.chunk`) of a streamed answer: the role, the content, the stop. */
export function completionChunks(meta: ReturnType<typeof completionMeta>, result: PolishResult) {
  const chunk = (delta: Record<string, string>, finishReason: "stop" | null, extra = {}) => ({
    ...meta,
    object: "chat.completion.chunk",
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...extra,
  });
  return [
    chunk({ role: "assistant", content: "" }, null),
    chunk({ content: result.text }, null),
    chunk({}, "stop", { mlx_polish: report(result) }),
  ];
}

/** `GET /v1/models`: OpenAI's list shape. */
export function modelListBody(models: readonly CatalogModel[], created: number) {
  return {
    object: "list",
    data: models.flatMap((model) =>
      modelNames(model).map((id) => ({ id, object: "model", created, owned_by: "mlx-polish" })),
    ),
  };
}
