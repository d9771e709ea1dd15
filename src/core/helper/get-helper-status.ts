import { HelperClient } from "./helper-client";
import type { HelperOptions } from "./ensure-helper";
import type { HelperStatusResult } from "./protocol";

/** What the running helper is doing (loaded model, memory, unload deadline); undefined when none runs. */
export async function getHelperStatus(options: HelperOptions = {}): Promise<HelperStatusResult | undefined> {
  return new HelperClient(options).status();
}
