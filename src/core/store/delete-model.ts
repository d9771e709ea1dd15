import { clearDownloadRecord } from "./download-state";
import { acquireDownloadLock } from "./download-lock";
import { PolishError } from "../errors";
import { findModel } from "../catalog";
import { readRefMain, repoCache, treeSize } from "./hub-cache";
import { removeManifest } from "./model-manifest";
import { removeRevision } from "./remove-revision";
import { resolveStoreOptions, type StoreOptions } from "../config";

export interface DeleteModelParams extends StoreOptions {
  modelId: string;
  /** Says why the model cannot go now ("loaded and generating"), or undefined when it can. From the helper. */
  isModelBusy?: (modelId: string) => Promise<string | undefined>;
}

/**
 * Deletes a model from the Hub cache: its snapshot, `refs/main`, partial files and the blobs no other snapshot
 * links. Refused with `busy` while the model downloads, loads or generates.
 */
export async function deleteModel(params: DeleteModelParams): Promise<{ freedBytes: number }> {
  const store = resolveStoreOptions(params);
  const model = findModel(params.modelId, store);
  // Holding the download lock keeps a download from starting halfway through the delete.
  const release = await acquireDownloadLock(store.supportDir, model.id, () => undefined);
  try {
    const reason = await params.isModelBusy?.(model.id);
    if (reason) {
      throw new PolishError("busy", `${model.title} cannot be deleted now: ${reason.replace(/\.?$/, ".")}`, {
        retryable: true,
      });
    }
    const cache = repoCache(store.cacheDir, model.repo, model.custom?.revision);
    const before = await treeSize(cache.root);
    await removeRevision(cache, { revision: await readRefMain(cache), removeRef: true });
    await removeManifest(store.supportDir, model.id);
    await clearDownloadRecord(store.supportDir, model.id);
    return { freedBytes: before - (await treeSize(cache.root)) };
  } finally {
    await release().catch(() => undefined);
  }
}
