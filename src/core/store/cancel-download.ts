import fs from "node:fs/promises";
import path from "node:path";
import { activeDownloads } from "./active-downloads";
import { cancelMarkerFile, readDownloadRecord } from "./download-state";
import { isSameProcessAlive } from "../process-identity";
import { findModel } from "../catalog";
import { resolveStoreOptions, type StoreOptions } from "../config";

export interface CancelDownloadOptions extends StoreOptions {
  /** How long to wait for the downloading process to stop and clean up. Default 10000 ms. */
  timeoutMs?: number;
}

/**
 * Cancels the model's download, whether it runs in this process or another one (which notices a cancel
 * marker in the support folder at its next progress tick). Resolves true once it stopped, false when no
 * download was running.
 */
export async function cancelDownload(modelId: string, options: CancelDownloadOptions = {}): Promise<boolean> {
  const store = resolveStoreOptions(options);
  const model = findModel(modelId, store);
  const local = activeDownloads.get(model.id);
  const record = await readDownloadRecord(store.supportDir, model.id);
  const running = record?.status === "downloading" && isSameProcessAlive(record);
  if (!local && !running) return false;

  const marker = cancelMarkerFile(store.supportDir, model.id);
  await fs.mkdir(path.dirname(marker), { recursive: true });
  await fs.writeFile(marker, `${process.pid}\n`);
  local?.abort();

  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  while (Date.now() < deadline) {
    const current = await readDownloadRecord(store.supportDir, model.id);
    if (current?.status !== "downloading" || !isSameProcessAlive(current)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await fs.rm(marker, { force: true });
  return true;
}
