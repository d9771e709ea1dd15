import { HelperClient } from "./helper-client";
import type { HelperOptions } from "./ensure-helper";

/** Shuts the helper down and waits until its process is gone (`HelperClient.stop`). */
export async function stopHelper(options: HelperOptions = {}): Promise<{ stopped: boolean }> {
  return new HelperClient(options).stop();
}
