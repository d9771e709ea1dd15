import { connectRunningHelper, type HelperOptions } from "./ensure-helper";
import { requestHelper } from "./helper-connection";
import { HELPER_TIMEOUTS } from "./helper-settings";
import { helperSocketPath } from "./helper-socket-path";
import type { HelperUnloadResult } from "./protocol";

/** Frees the loaded model's memory; the helper keeps running. Nothing to do when no helper runs. */
export async function unloadModel(options: HelperOptions = {}): Promise<HelperUnloadResult> {
  const helper = await connectRunningHelper(helperSocketPath({ supportDir: options.supportDir }));
  if (!helper) return { unloaded: false };
  try {
    return await requestHelper(helper.connection, "unload", {}, HELPER_TIMEOUTS.requestMs);
  } finally {
    helper.connection.close();
  }
}
