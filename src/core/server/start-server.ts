/**
 * The OpenAI-compatible endpoint: dictation apps post a transcript to `/v1/chat/completions` and get
 * back what `polish()` gives — the faithful rewrite, or their own text with the reason in headers. It is
 * the same pipeline as the CLI and the commands (prompt, guard, fallback), behind Node's http server.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { listModels as knownModels } from "../catalog";
import { PolishError } from "../errors";
import { polish as corePolish, type PolishParams, type PolishResult } from "../polish";
import { getModelStates } from "../store";
import type { StyleId } from "../catalog";
import type { VocabularyEntry } from "../vocabulary";
import {
  ApiError,
  completionBody,
  completionChunks,
  completionMeta,
  errorBody,
  modelListBody,
  parseChatRequest,
  type ChatRequest,
} from "./openai-shapes";
import { checkCaller, checkJsonContentType, isLoopbackHost } from "./request-guard";
import { POLISH_HEADERS, SERVER_DEFAULTS } from "./server-settings";

export interface ServerOptions {
  /** Defaults to 127.0.0.1. Any other than loopback needs `apiKey`. */
  host?: string;
  /** Defaults to 11435; 0 picks a free port (read it from the result). */
  port?: number;
  /** When set, every request must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** The style for model names without one (`qwen3-1.7b`); `qwen3-1.7b:email` picks its own. */
  style?: StyleId;
  /** Custom Instructions for every rewrite. */
  customInstructions?: string;
  /** The user's vocabulary for every rewrite (`readVocabularyFile`). */
  vocabulary?: readonly VocabularyEntry[];
  /** Use the client's system prompt as Custom Instructions. Off by default: apps send long clean-up prompts of their own. */
  systemPromptAsInstructions?: boolean;
  /** The Unload Model After setting passed with every polish. */
  unloadAfterSeconds?: number | null;
  supportDir?: string;
  cacheDir?: string;
  assetsDir?: string;
  /** One line per request: method, path, status, outcome and time — never the text. */
  log?: (line: string) => void;
  /** The polish function; the benchmark wraps the core's to time it on the same request. */
  polish?: (params: PolishParams) => Promise<PolishResult>;
}

export interface RunningServer {
  host: string;
  port: number;
  /** The base URL clients configure, ending in `/v1`. */
  baseUrl: string;
  /** Stops listening, lets the requests in flight finish, and resolves once they have. */
  close(): Promise<void>;
  /** Cancels every polish in flight (their clients get their original text). */
  cancelAll(): void;
}

/** Starts the endpoint; resolves once it listens. A non-loopback host without an API key is refused. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? SERVER_DEFAULTS.host;
  const loopbackOnly = isLoopbackHost(host);
  if (!loopbackOnly && !options.apiKey) {
    throw new PolishError(
      "bad_input",
      `Listening on ${host} lets other machines reach the model: set an API key (--api-key or MLX_POLISH_API_KEY), or keep the default host ${SERVER_DEFAULTS.host}.`,
    );
  }
  const inFlight = new Set<AbortController>();
  const queue = serialQueue();
  const context: RequestContext = { options, loopbackOnly, inFlight, queue, closing: false };
  const server = createServer((request, response) => {
    void handle(request, response, context).finally(() => {
      // Once closing, a kept-alive connection would hold `close()` until its idle timeout.
      if (context.closing) server.closeIdleConnections();
    });
  });
  await listen(server, host, options.port ?? SERVER_DEFAULTS.port);
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  return {
    host,
    port,
    baseUrl: `http://${urlHost}:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        context.closing = true;
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
    cancelAll: () => inFlight.forEach((controller) => controller.abort()),
  };
}

interface RequestContext {
  options: ServerOptions;
  loopbackOnly: boolean;
  inFlight: Set<AbortController>;
  queue: <T>(work: () => Promise<T>) => Promise<T>;
  /** Set by `close()`: answers from then on close their connection. */
  closing: boolean;
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/**
 * Runs one polish at a time, in arrival order: the helper has one model and one engine thread, and a
 * queued request must not count its wait as the helper hanging.
 */
function serialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work);
    tail = run.catch(() => undefined);
    return run;
  };
}

const KNOWN_PATHS = ["/v1/models", "/v1/chat/completions"];

async function handle(request: IncomingMessage, response: ServerResponse, context: RequestContext): Promise<void> {
  const startedAt = performance.now();
  const path = (request.url ?? "/").split("?")[0];
  let outcome = "";
  try {
    checkCaller(request, { apiKey: context.options.apiKey, loopbackOnly: context.loopbackOnly });
    if (path === "/v1/models") {
      allowMethod(request, "GET");
      sendJson(response, 200, await listModels(context.options));
    } else if (path === "/v1/chat/completions") {
      allowMethod(request, "POST");
      checkJsonContentType(request);
      const chat = parseChatRequest(parseJson(await readBody(request)), knownModels(context.options));
      const result = await polishFor(chat, response, context);
      outcome = result.polished ? " polished" : ` kept the original (${result.reason})`;
      if (response.destroyed) outcome += ", client gone";
      else sendCompletion(response, chat, result, context.closing);
    } else {
      throw new ApiError(
        404,
        "not_found",
        `No route ${request.method} ${path}: use /v1/models or /v1/chat/completions.`,
      );
    }
  } catch (error) {
    const failure =
      error instanceof ApiError ? error : new ApiError(500, "internal_error", `Internal error: ${String(error)}`);
    outcome = ` ${failure.code}`;
    if (!response.headersSent && !response.destroyed) {
      // A refused body is not read: close the connection rather than drain it.
      if (failure.status === 413) response.setHeader("connection", "close");
      sendJson(response, failure.status, errorBody(failure));
    }
  }
  const elapsed = Math.round(performance.now() - startedAt);
  // Only our own routes are named: any other path is the client's text, and stays out of the log.
  const logged = KNOWN_PATHS.includes(path) ? path : "(another path)";
  context.options.log?.(`${request.method} ${logged} ${response.statusCode}${outcome} ${elapsed} ms`);
}

function allowMethod(request: IncomingMessage, method: string): void {
  if (request.method !== method) {
    throw new ApiError(405, "method_not_allowed", `${request.url} takes ${method}, not ${request.method}.`);
  }
}

/** The models that are ready to polish (the catalogue's and those added by repo id), each under its plain name and one name per style. */
async function listModels(options: ServerOptions) {
  const { models } = await getModelStates({ supportDir: options.supportDir, cacheDir: options.cacheDir });
  const ready = knownModels(options).filter((model) =>
    models.some((state) => state.model.id === model.id && state.status.kind === "ready"),
  );
  return modelListBody(ready, Math.floor(Date.now() / 1000));
}

/**
 * Reads the body up to the size limit. A longer one is refused without reading the rest (the answer
 * closes the connection); a client that hangs up mid-body ends the request.
 */
function readBody(request: IncomingMessage): Promise<string> {
  const tooLarge = () =>
    new ApiError(
      413,
      "request_too_large",
      `The request body is over ${SERVER_DEFAULTS.maxBodyBytes} bytes; send less text per request.`,
    );
  if (Number(request.headers["content-length"] ?? 0) > SERVER_DEFAULTS.maxBodyBytes) {
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= SERVER_DEFAULTS.maxBodyBytes) {
        chunks.push(chunk);
        return;
      }
      request.off("data", onData);
      request.pause();
      reject(tooLarge());
    };
    request.on("data", onData);
    request.once("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.once("error", reject);
    request.once("close", () => reject(new ApiError(400, "client_closed", "The client closed the request.")));
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ApiError(
      400,
      "invalid_json",
      `The request body is not valid JSON: ${(error as Error).message}. Nothing was polished.`,
    );
  }
}

/**
 * Polishes the transcript in the queue. A client that goes away before its answer cancels its
 * generation (or its place in the queue): `polish()` then stops the helper's work and returns.
 */
async function polishFor(
  chat: ChatRequest,
  response: ServerResponse,
  { options, inFlight, queue }: RequestContext,
): Promise<PolishResult> {
  const controller = new AbortController();
  const onClose = () => {
    if (!response.writableFinished) controller.abort();
  };
  response.once("close", onClose);
  inFlight.add(controller);
  const instructions = [
    options.customInstructions,
    options.systemPromptAsInstructions ? chat.systemPrompt : undefined,
  ].filter(Boolean);
  try {
    return await queue(() =>
      (options.polish ?? corePolish)({
        text: chat.transcript,
        modelId: chat.modelId,
        style: chat.style ?? options.style,
        customInstructions: instructions.length ? instructions.join("\n\n") : undefined,
        ...(options.vocabulary?.length && { vocabulary: options.vocabulary }),
        ...(options.unloadAfterSeconds !== undefined && { unloadAfterSeconds: options.unloadAfterSeconds }),
        signal: controller.signal,
        supportDir: options.supportDir,
        cacheDir: options.cacheDir,
        assetsDir: options.assetsDir,
      }),
    );
  } finally {
    inFlight.delete(controller);
    response.off("close", onClose);
  }
}

/**
 * Answers 200 either way: with the rewrite, or with the client's own transcript and the reason in the
 * headers, so a dictation app pastes the text instead of showing an error. A streamed answer is sent
 * once the guard has passed the whole rewrite: streaming earlier could show text that is then withdrawn.
 */
function sendCompletion(response: ServerResponse, chat: ChatRequest, result: PolishResult, closing: boolean): void {
  if (closing) response.setHeader("connection", "close");
  response.setHeader(POLISH_HEADERS.polished, String(result.polished));
  if (result.reason) response.setHeader(POLISH_HEADERS.reason, result.reason);
  const meta = completionMeta(chat.modelName);
  if (!chat.stream) {
    sendJson(response, 200, completionBody(meta, result));
    return;
  }
  response.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
  });
  for (const chunk of completionChunks(meta, result)) response.write(`data: ${JSON.stringify(chunk)}\n\n`);
  response.end("data: [DONE]\n\n");
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  response.end(text);
}
