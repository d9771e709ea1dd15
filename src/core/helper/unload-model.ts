import { HelperClient } from "./helper-client";
import type { HelperOptions } from "./ensure-helper";
import type { HelperUnloadResult } from "./protocol";

/** Frees the loaded model's memory; the helper keeps running. Nothing to do when no helper runs. */
export async function unloadModel(options: HelperOptions = {}): Promise<HelperUnloadResult> {
  return new HelperClient(options).unload();
}
