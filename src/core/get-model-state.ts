import path from "node:path";
import { readDownloadRecord } from "./download-state";
import { isSameProcessAlive } from "./process-identity";
import { findModel } from "./find-model";
import { readRefMain, removeEmptyFolders, repoCache, treeSize } from "./hub-cache";
import { readManifest } from "./model-manifest";
import type { ModelState } from "./model-state";
import { snapshotProblem } from "./snapshot-check";
import { resolveStoreOptions, type StoreOptions } from "./store-options";

// A downloader rewrites its record several times a second.
const LIVE_RECORD_MS = 30_000;

/**
 * The status of one catalogue model, from the Hub cache on disk plus the shared download state. Empty folders
 * an interrupted or deleted download left behind are removed on the way (only empty ones).
 */
export async function getModelState(modelId: string, options: StoreOptions = {}): Promise<ModelState> {
  const model = findModel(modelId);
  const store = resolveStoreOptions(options);
  const cache = repoCache(store.cacheDir, model.repo);
  const record = await readDownloadRecord(store.supportDir, model.id);
  // A record is live only while the very process that wrote it runs (pid and start time); the age check is
  // for systems where the start time is unknown and the pid may have been reused.
  const live =
    record?.status === "downloading" && isSameProcessAlive(record) && Date.now() - record.updatedAt < LIVE_RECORD_MS;
  if (!live) await removeEmptyFolders(cache.root);

  const sizeOnDiskBytes = await treeSize(cache.root);
  const commit = await readRefMain(cache);
  const snapshot = commit ? path.join(cache.snapshots, commit) : undefined;
  const base = { model, sizeOnDiskBytes, path: snapshot, revision: commit };

  if (live) {
    const progress = record.progress ?? { downloadedBytes: 0, totalBytes: 0, bytesPerSecond: 0 };
    return { ...base, revision: record.revision, status: { kind: "downloading", progress, pid: record.pid } };
  }
  if (snapshot) {
    const manifest = await readManifest(store.supportDir, model.id);
    const problem = await snapshotProblem(snapshot, manifest?.revision === commit ? manifest : undefined);
    return { ...base, status: problem ? { kind: "corrupt", message: problem } : { kind: "ready" } };
  }
  if (record?.status === "failed" && record.error) {
    return { ...base, revision: record.revision, status: { kind: "failed", ...record.error } };
  }
  if (sizeOnDiskBytes > 0) {
    const totalBytes = record?.progress?.totalBytes ?? model.downloadBytes;
    return {
      ...base,
      revision: record?.revision,
      status: { kind: "partial", downloadedBytes: sizeOnDiskBytes, totalBytes },
    };
  }
  return { ...base, status: { kind: "not_downloaded" } };
}
