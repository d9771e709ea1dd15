import { findModel } from "../catalog";
import { HelperClient } from "./helper-client";
import type { HelperOptions } from "./ensure-helper";
import type { HelperLoadResult } from "./protocol";
import { readyModelPath } from "../store";

export interface LoadModelParams extends HelperOptions {
  modelId: string;
  /** The Unload Model After preference (`parseUnloadAfter`). */
  unloadAfterSeconds: number | null;
  /** The Hugging Face cache; defaults to `paths.ts` `hubCacheDir()`. */
  cacheDir?: string;
  /** The helper to load into; defaults to one built from these options. */
  client?: HelperClient;
}

/** Loads a downloaded model into the helper (starting it if needed) so the next polish is warm. */
export async function loadModel(params: LoadModelParams): Promise<HelperLoadResult> {
  const model = findModel(params.modelId, params);
  const modelPath = await readyModelPath(model, params);
  return (params.client ?? new HelperClient(params)).load({
    model_id: model.id,
    model_path: modelPath,
    unload_after_seconds: params.unloadAfterSeconds,
  });
}
