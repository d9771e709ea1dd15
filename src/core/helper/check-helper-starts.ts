import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import { PolishError } from "../errors";
import { connectRunningHelper } from "./ensure-helper";
import { requestHelper } from "./helper-connection";
import { HELPER_TIMEOUTS, HELPER_VERSION } from "./helper-constants";

const LOG_TAIL_LINES = 6;

export interface CheckHelperStartsParams {
  file: string;
  args: string[];
  env?: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * Starts a helper from a command that is not in use yet (a runtime before it is renamed into place) on a
 * throw-away socket, and resolves once it answered `hello` with this extension's helper version; else
 * rejects with `helper_unavailable` and the end of its log. The helper is shut down either way.
 */
export async function checkHelperStarts({ file, args, env, signal }: CheckHelperStartsParams): Promise<void> {
  const { execa } = await import("execa");
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), "mlx-polish-check-"));
  const socketPath = path.join(scratch, "h.sock");
  const logPath = path.join(scratch, "helper.log");
  const log = createWriteStream(logPath, { flags: "a" });
  await once(log, "open");
  const child = execa(file, [...args, "--socket", socketPath, "--log", logPath], {
    env,
    stdin: "ignore",
    stdout: "ignore",
    stderr: log,
    reject: false,
    cancelSignal: signal,
  });
  let exited = false;
  void child.finally(() => (exited = true));
  try {
    const deadline = Date.now() + HELPER_TIMEOUTS.startMs;
    while (Date.now() < deadline && !exited && !signal?.aborted) {
      const helper = await connectRunningHelper(socketPath);
      if (helper) {
        await requestHelper(helper.connection, "shutdown", {}, HELPER_TIMEOUTS.requestMs).catch(() => undefined);
        helper.connection.close();
        if (helper.hello.helper_version !== HELPER_VERSION) {
          throw new PolishError(
            "helper_unavailable",
            `${file} started helper ${helper.hello.helper_version}, not ${HELPER_VERSION}.`,
          );
        }
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const lines = (await fs.readFile(logPath, "utf8").catch(() => ""))
      .trim()
      .split("\n")
      .slice(-LOG_TAIL_LINES)
      .join("\n");
    throw new PolishError("helper_unavailable", `The helper did not start from ${file}.\n${lines}`);
  } finally {
    if (!exited) child.kill("SIGKILL");
    await child;
    log.close();
    await fs.rm(scratch, { recursive: true, force: true });
  }
}

