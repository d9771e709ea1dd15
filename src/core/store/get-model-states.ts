import { CATALOG } from "../catalog";
import { freeDiskSpace } from "./free-disk-space";
import { getModelState } from "./get-model-state";
import type { StoreSummary } from "./model-state";
import { resolveStoreOptions, type StoreOptions } from "../config";

/** Every catalogue model's state, the bytes they use together and the free space left for more. */
export async function getModelStates(options: StoreOptions = {}): Promise<StoreSummary> {
  const store = resolveStoreOptions(options);
  const models = await Promise.all(CATALOG.map((model) => getModelState(model.id, store)));
  return {
    models,
    usedBytes: models.reduce((sum, state) => sum + state.sizeOnDiskBytes, 0),
    freeBytes: await freeDiskSpace(store.cacheDir),
  };
}
