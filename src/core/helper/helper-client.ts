import { PolishError, toPolishError } from "../errors";
import { ensureHelper, killHelper, type ConnectedHelper, type HelperOptions } from "./ensure-helper";
import { connectHelper, helperError, requestHelper } from "./helper-connection";
import { HELPER_TIMEOUTS } from "./helper-constants";
import type { HelperGenerateParams, HelperGenerateResult } from "./protocol";

export type { HelperOptions } from "./ensure-helper";

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
