import { connectRunningHelper, type HelperOptions } from "./ensure-helper";
import { requestHelper } from "./helper-connection";
import { HELPER_TIMEOUTS } from "./helper-settings";
import { helperSocketPath } from "./helper-socket-path";
import type { HelperStatusResult } from "./protocol";

/** What the running helper is doing (loaded model, memory, unload deadline); undefined when none runs. */
export async function getHelperStatus(options: HelperOptions = {}): Promise<HelperStatusResult | undefined> {
  const helper = await connectRunningHelper(helperSocketPath({ supportDir: options.supportDir }));
  if (!helper) return undefined;
  try {
    return await requestHelper(helper.connection, "status", {}, HELPER_TIMEOUTS.requestMs);
  } finally {
    helper.connection.close();
  }
}
