import { supportDir } from "../config";
import { isProcessAlive } from "../is-process-alive";
import {
  connectSameVersionHelper,
  connectRunningHelper,
  killHelper,
  killRecordedHelper,
  type ConnectedHelper,
  type HelperOptions,
} from "./ensure-helper";
import { helperGenerate, withHelper, type GenerateOptions } from "./helper-client";
import { requestHelper } from "./helper-connection";
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
