import { isProcessAlive } from "../is-process-alive";
import { connectRunningHelper, killHelper, killRecordedHelper, type HelperOptions } from "./ensure-helper";
import { requestHelper } from "./helper-connection";
import { HELPER_TIMEOUTS } from "./helper-settings";
import { helperSocketPath } from "./helper-socket-path";
import { supportDir } from "../config";

const EXIT_POLL_MS = 50;

/**
 * Shuts the helper down (its model's memory goes with it) and waits until the process is gone,
 * killing it if it does not exit in time (or at once when it no longer answers). Resolves
 * `{stopped: false}` when none was running.
 */
export async function stopHelper(options: HelperOptions = {}): Promise<{ stopped: boolean }> {
  const helper = await connectRunningHelper(helperSocketPath({ supportDir: options.supportDir }));
  // None answers: a frozen one may still hold the socket.
  if (!helper) return { stopped: await killRecordedHelper(supportDir(options.supportDir)) };
  const { pid } = helper.hello;
  try {
    await requestHelper(helper.connection, "shutdown", {}, HELPER_TIMEOUTS.requestMs);
  } catch {
    // A helper that cannot even say goodbye is killed below.
  } finally {
    helper.connection.close();
  }
  const deadline = Date.now() + HELPER_TIMEOUTS.requestMs;
  while (isProcessAlive(pid) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, EXIT_POLL_MS));
  if (isProcessAlive(pid)) killHelper(pid);
  return { stopped: true };
}
