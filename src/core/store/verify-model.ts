import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { createContentHash, digestOfBlobName } from "./content-hash";
import { acquireDownloadLock } from "./download-lock";
import { resolveStoreOptions, type StoreOptions } from "../config";
import { PolishError } from "../errors";
import { findModel } from "../catalog";
import { listTree, readRefMain, repoCache } from "./hub-cache";
import type { HubFile } from "./hub-files";
import { readManifest, writeManifest, type ModelManifest } from "./model-manifest";
import { getModelState, type ModelState } from "./model-state";

export interface VerifyModelParams extends StoreOptions {
  modelId: string;
  /** Aborting it stops between reads; nothing is marked. */
  signal?: AbortSignal;
  /** Called before each file is hashed. */
  onFile?: (file: { path: string; index: number; count: number }) => void;
}

export interface VerifyModelResult {
  /** The model's state afterwards: `ready`, or `corrupt` naming the damaged files. */
  state: ModelState;
  /** Files re-hashed. */
  checkedFiles: number;
  /** Snapshot paths whose bytes did not match the Hub's hash (or whose blob was gone). */
  damagedFiles: string[];
}

type ManifestFile = ModelManifest["files"][number];

/**
 * Re-hashes every file of a downloaded model against the hash the Hub gave for it (kept in the manifest, or
 * the blob's own name for a snapshot fetched by another tool). Damaged blobs are removed and named in the
 * manifest, so the model shows as corrupt and Retry Download fetches only them. Holds the download lock while
 * it works, so no download writes the files it reads.
 */
export async function verifyModel(params: VerifyModelParams): Promise<VerifyModelResult> {
  const store = resolveStoreOptions(params);
  const model = findModel(params.modelId, store);
  const before = await getModelState(model.id, store);
  if (before.status.kind === "downloading") {
    throw new PolishError("busy", `${model.id} is downloading; verify it once the download ends.`, {
      retryable: true,
    });
  }
  const cache = repoCache(store.cacheDir, model.repo, model.custom?.revision);
  const commit = await readRefMain(cache);
  if (!commit) {
    throw new PolishError("model_not_downloaded", `${model.title} is not downloaded: there is nothing to verify.`);
  }
  const lost = new AbortController();
  const release = await acquireDownloadLock(store.supportDir, model.id, () => lost.abort());
  try {
    const manifest = await readManifest(store.supportDir, model.id);
    const files =
      manifest?.revision === commit ? manifest.files : await snapshotFiles(path.join(cache.snapshots, commit));
    const damagedFiles: string[] = [];
    for (const [index, file] of files.entries()) {
      params.onFile?.({ path: file.path, index, count: files.length });
      const blob = path.join(cache.blobs, file.blobName);
      if (!(await blobMatches(blob, file, AbortSignal.any([lost.signal, params.signal ?? lost.signal])))) {
        damagedFiles.push(file.path);
      }
    }
    if (params.signal?.aborted || lost.signal.aborted) throw new PolishError("cancelled", "Verification canceled.");
    for (const file of files) {
      if (damagedFiles.includes(file.path)) await fs.rm(path.join(cache.blobs, file.blobName), { force: true });
    }
    await writeManifest(store.supportDir, model.id, {
      repo: model.repo,
      revision: commit,
      files,
      ...(damagedFiles.length > 0 && { damaged: damagedFiles }),
    });
    return { state: await getModelState(model.id, store), checkedFiles: files.length, damagedFiles };
  } finally {
    await release().catch(() => undefined);
  }
}

/** True when the blob holds exactly the bytes the Hub's hash names. */
async function blobMatches(blob: string, file: ManifestFile, signal: AbortSignal): Promise<boolean> {
  const stat = await fs.stat(blob).catch(() => undefined);
  if (!stat?.isFile() || stat.size !== file.size) return false;
  const digest = file.digest ?? digestOfBlobName(file.blobName);
  if (!digest) return true;
  const hash = createContentHash({ digest, size: file.size });
  for await (const chunk of createReadStream(blob, { highWaterMark: 4 << 20 })) {
    if (signal.aborted) return false;
    hash.update(chunk as Buffer);
  }
  return !signal.aborted && hash.digest("hex") === file.blobName;
}

/** The files of a snapshot another tool wrote: each links to a blob named by its hash. */
async function snapshotFiles(snapshot: string): Promise<ManifestFile[]> {
  const files: ManifestFile[] = [];
  for (const relative of await listTree(snapshot)) {
    const link = path.join(snapshot, relative);
    const target = await fs.readlink(link).catch(() => undefined);
    const blobName = target ? path.basename(target) : undefined;
    const digest: HubFile["digest"] | undefined = blobName ? digestOfBlobName(blobName) : undefined;
    const size = (await fs.stat(link).catch(() => undefined))?.size ?? 0;
    if (blobName && digest) files.push({ path: relative.split(path.sep).join("/"), size, blobName, digest });
  }
  return files;
}
