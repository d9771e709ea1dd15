import { supportDir } from "../config";
import { PolishError, toPolishError } from "../errors";
import { isProcessAlive } from "../is-process-alive";
import {
  connectRunningHelper,
  connectSameVersionHelper,
  ensureHelper,
  killHelper,
  killRecordedHelper,
  type ConnectedHelper,
  type HelperOptions,
} from "./ensure-helper";
import { connectHelper, helperError, requestHelper } from "./helper-connection";
import { HELPER_TIMEOUTS } from "./helper-constants";
import { helperSocketPath } from "./helper-socket-path";
import type {
  HelperGenerateParams,
  HelperGenerateResult,
  HelperLoadParams,
  HelperLoadResult,
  HelperStatusResult,
  HelperUnloadResult,
} from "./protocol";

export type { HelperOptions } from "./ensure-helper";

const EXIT_POLL_MS = 50;

/**
 * The one way to talk to the helper process: built once from where it lives (`supportDir`, `assetsDir`),
 * then asked for its status, to load, generate, unload or stop. Status, unload and stop never start a
 * helper; load and generate start one when none runs (and restart a dead or hung one once).
 */
export class HelperClient {
  readonly options: HelperOptions;

  constructor(options: HelperOptions = {}) {
    this.options = options;
  }

  /** Where this client's helper listens. */
  get socketPath(): string {
    return helperSocketPath({ supportDir: this.options.supportDir });
  }

  /** What the running helper is doing (loaded model, memory, unload deadline); undefined when none runs. */
  status(): Promise<HelperStatusResult | undefined> {
    return this.askRunning(({ connection }) => requestHelper(connection, "status", {}, HELPER_TIMEOUTS.requestMs));
  }

  /** Loads a model (starting the helper if needed) so the next generate is warm. */
  load(params: HelperLoadParams): Promise<HelperLoadResult> {
    return this.withHelper(({ connection }) => requestHelper(connection, "load", params, HELPER_TIMEOUTS.loadMs));
  }

  /** Frees the loaded model's memory; the helper keeps running. Nothing to do when no helper runs. */
  async unload(): Promise<HelperUnloadResult> {
    const result = await this.askRunning(({ connection }) =>
      requestHelper(connection, "unload", {}, HELPER_TIMEOUTS.requestMs),
    );
    return result ?? { unloaded: false };
  }

  /**
   * Shuts the helper down (its model's memory goes with it) and waits until the process is gone,
   * killing it if it does not exit in time (or at once when it no longer answers). Resolves
   * `{stopped: false}` when none was running.
   */
  async stop(): Promise<{ stopped: boolean }> {
    const pid = await this.askRunning(async ({ connection, hello }) => {
      // A helper that cannot even say goodbye is killed below.
      await requestHelper(connection, "shutdown", {}, HELPER_TIMEOUTS.requestMs).catch(() => undefined);
      return hello.pid;
    });
    // None answers: a frozen one may still hold the socket.
    if (pid === undefined) return { stopped: await killRecordedHelper(supportDir(this.options.supportDir)) };
    const deadline = Date.now() + HELPER_TIMEOUTS.requestMs;
    while (isProcessAlive(pid) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, EXIT_POLL_MS));
    if (isProcessAlive(pid)) killHelper(pid);
    return { stopped: true };
  }

  /** Connects to a live helper of this version without starting one (callers overlap it with their own checks). */
  connectOurs(): Promise<ConnectedHelper | undefined> {
    return connectSameVersionHelper(this.options);
  }

  /** Runs `work` against a live helper, starting it when needed and restarting it once if it dies early. */
  withHelper<T>(
    work: (helper: ConnectedHelper, markStarted: () => void) => Promise<T>,
    running?: Promise<ConnectedHelper | undefined>,
  ): Promise<T> {
    return withHelper(this.options, work, running);
  }

  /** Streams a rewrite on a connected helper: the text deltas, then the helper's closing figures. */
  generate(
    helper: ConnectedHelper,
    params: HelperGenerateParams,
    options?: GenerateOptions,
  ): AsyncGenerator<string, HelperGenerateResult> {
    return helperGenerate(helper, params, options);
  }

  /** One exchange with the running helper over its own connection, closed after; undefined when none runs. */
  private async askRunning<T>(ask: (helper: ConnectedHelper) => Promise<T>): Promise<T | undefined> {
    const helper = await connectRunningHelper(this.socketPath);
    if (!helper) return undefined;
    try {
      return await ask(helper);
    } finally {
      helper.connection.close();
    }
  }
}

/**
 * Runs `work` against a live helper, starting it when needed. When the helper dies or hangs before
 * `work` has produced anything, it is killed and restarted once; a second failure is reported.
 */
export async function withHelper<T>(
  options: HelperOptions,
  work: (helper: ConnectedHelper, markStarted: () => void) => Promise<T>,
  /** A `connectSameVersionHelper` already under way, used for the first attempt. */
  running?: Promise<ConnectedHelper | undefined>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const helper = await ensureHelper(options, attempt === 1 ? running : undefined);
    let started = false;
    try {
      return await work(helper, () => {
        started = true;
      });
    } catch (error) {
      const failure = toPolishError(error);
      // A helper that stopped answering is hung: kill it so the next request starts a fresh one.
      if (failure.code === "timeout") killHelper(helper.hello.pid);
      const helperFailed = failure.code === "helper_unavailable" || failure.code === "timeout";
      if (!helperFailed || started || attempt > 1) throw failure;
    } finally {
      helper.connection.close();
    }
  }
}

export interface GenerateOptions {
  signal?: AbortSignal;
  /** Wait for the first token once the request runs (the helper may be loading the model first). */
  firstEventTimeoutMs?: number;
  /** Wait while the helper says the request is queued behind others. */
  queueTimeoutMs?: number;
  /** Longest silence between two events once text flows. */
  stallTimeoutMs?: number;
}

/**
 * Streams a rewrite: yields the text deltas as the helper produces them and returns its closing
 * figures. Aborting `signal` cancels the request in the helper and rejects with `cancelled`.
 */
export async function* helperGenerate(
  helper: ConnectedHelper,
  params: HelperGenerateParams,
  {
    signal,
    firstEventTimeoutMs = HELPER_TIMEOUTS.loadMs,
    queueTimeoutMs = HELPER_TIMEOUTS.queueMs,
    stallTimeoutMs = HELPER_TIMEOUTS.stallMs,
  }: GenerateOptions = {},
): AsyncGenerator<string, HelperGenerateResult> {
  const { connection } = helper;
  const id = connection.send("generate", params);
  let timeoutMs = firstEventTimeoutMs;
  try {
    for (;;) {
      const line = await connection.nextLine({ timeoutMs, signal });
      if (line.id !== id) continue;
      if ("error" in line) throw helperError(line.error.code, line.error.message);
      if (!("event" in line))
        throw new PolishError("internal", `Unexpected reply to generate: ${JSON.stringify(line)}`);
      if (line.event === "done") return line.result;
      // Time spent waiting behind other requests does not count against the first-token timeout.
      if (line.event === "queued") {
        timeoutMs = queueTimeoutMs;
        continue;
      }
      if (line.event === "started") {
        timeoutMs = firstEventTimeoutMs;
        continue;
      }
      timeoutMs = stallTimeoutMs;
      yield line.text;
    }
  } catch (error) {
    if (error instanceof PolishError && error.code === "cancelled") await cancelRequest(helper, id);
    throw error;
  }
}

/** Asks the helper, over a second connection, to stop a request; the first one is busy streaming. */
async function cancelRequest(helper: ConnectedHelper, requestId: string): Promise<void> {
  try {
    const connection = await connectHelper(helper.socketPath, HELPER_TIMEOUTS.requestMs);
    try {
      await requestHelper(connection, "cancel", { request_id: requestId }, HELPER_TIMEOUTS.requestMs);
    } finally {
      connection.close();
    }
  } catch {
    // The helper is gone or hung: nothing left to cancel.
  }
}
