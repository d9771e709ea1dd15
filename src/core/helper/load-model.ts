import { findModel } from "../find-model";
import { withHelper, type HelperOptions } from "./helper-client";
import { requestHelper } from "./helper-connection";
import { HELPER_TIMEOUTS } from "./helper-settings";
import type { HelperLoadResult } from "./protocol";
import { readyModelPath } from "../store";

export interface LoadModelParams extends HelperOptions {
  modelId: string;
  /** The Unload Model After preference (`parseUnloadAfter`). */
  unloadAfterSeconds: number | null;
  /** The Hugging Face cache; defaults to `paths.ts` `hubCacheDir()`. */
  cacheDir?: string;
}

/** Loads a downloaded model into the helper (starting it if needed) so the next polish is warm. */
export async function loadModel(params: LoadModelParams): Promise<HelperLoadResult> {
  const model = findModel(params.modelId);
  const modelPath = await readyModelPath(model, params);
  return withHelper(params, ({ connection }) =>
    requestHelper(
      connection,
      "load",
      { model_id: model.id, model_path: modelPath, unload_after_seconds: params.unloadAfterSeconds },
      HELPER_TIMEOUTS.loadMs,
    ),
  );
}
