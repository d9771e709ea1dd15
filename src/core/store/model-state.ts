/**
 * Model state, in one module: what the store knows of a catalogue model (the types), how it is read
 * from the Hub cache plus the shared download record (`getModelState`, `getModelStates`), how a
 * snapshot is checked (`snapshotProblem`) and the path a ready model loads from (`readyModelPath`).
 */
import fs from "node:fs/promises";
import path from "node:path";
import { listModels, type CatalogModel } from "../catalog";
import { resolveStoreOptions, type StoreOptions } from "../config";
import { PolishError, type ErrorCode } from "../errors";
import { findModel } from "../catalog";
import { isSameProcessAlive } from "../process-identity";
import { readDownloadRecord, type DownloadProgress } from "./download-state";
import { freeDiskSpace } from "./free-disk-space";
import { readRefMain, removeEmptyFolders, repoCache, treeSize } from "./hub-cache";
import { readManifest, type ModelManifest } from "./model-manifest";

/** Live figures of a download in flight (kept beside the record that carries them). */
export type { DownloadProgress } from "./download-state";

/**
 * What the store knows of one catalogue model, computed from disk plus the shared download state.
 * The commands and the CLI show exactly this.
 */
export type ModelStatus =
  | { kind: "not_downloaded" }
  | { kind: "downloading"; progress: DownloadProgress; pid: number }
  | { kind: "partial"; downloadedBytes: number; totalBytes: number }
  | { kind: "ready" }
  | { kind: "failed"; code: ErrorCode; message: string; retryable: boolean }
  | { kind: "corrupt"; message: string };

export interface ModelState {
  model: CatalogModel;
  status: ModelStatus;
  /** Bytes this model occupies in the Hub cache (blobs and partial files). */
  sizeOnDiskBytes: number;
  /** The snapshot folder mlx-lm loads (`…/snapshots/<commit>`), when one exists. */
  path?: string;
  /** The commit downloaded (or being downloaded). */
  revision?: string;
}

export interface StoreSummary {
  models: ModelState[];
  /** Bytes used by all catalogue models in the Hub cache. */
  usedBytes: number;
  /** Free bytes on the volume of the Hub cache. */
  freeBytes: number;
}

// A downloader rewrites its record several times a second.
const LIVE_RECORD_MS = 30_000;

/**
 * The status of one catalogue model, from the Hub cache on disk plus the shared download state. Empty folders
 * an interrupted or deleted download left behind are removed on the way (only empty ones).
 */
export async function getModelState(modelId: string, options: StoreOptions = {}): Promise<ModelState> {
  const store = resolveStoreOptions(options);
  const model = findModel(modelId, store);
  const cache = repoCache(store.cacheDir, model.repo, model.custom?.revision);
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

/** Every model's state (the catalogue's, then those added by repo id), the bytes they use together and the free space left. */
export async function getModelStates(options: StoreOptions = {}): Promise<StoreSummary> {
  const store = resolveStoreOptions(options);
  const models = await Promise.all(listModels(store).map((model) => getModelState(model.id, store)));
  return {
    models,
    usedBytes: models.reduce((sum, state) => sum + state.sizeOnDiskBytes, 0),
    freeBytes: await freeDiskSpace(store.cacheDir),
  };
}

/**
 * Why a snapshot mlx-lm would load is incomplete, or undefined when it looks whole. With our manifest every
 * file and size is checked; a snapshot fetched by `mlx_lm`/the `hf` CLI is checked for what loading needs.
 */
export async function snapshotProblem(snapshot: string, manifest?: ModelManifest): Promise<string | undefined> {
  if (manifest) {
    if (manifest.damaged?.length) {
      return `${manifest.damaged.join(", ")} failed the checksum check; Retry Download fetches only ${manifest.damaged.length === 1 ? "it" : "them"}.`;
    }
    for (const file of manifest.files) {
      const size = await fileSize(path.join(snapshot, file.path));
      if (size === undefined) return `${file.path} is missing.`;
      if (size !== file.size) return `${file.path} has ${size} bytes, expected ${file.size}.`;
    }
    return undefined;
  }
  if ((await fileSize(path.join(snapshot, "config.json"))) === undefined) return "config.json is missing.";
  const weights = await weightFiles(snapshot);
  if (weights.length === 0) return "No model*.safetensors weights.";
  for (const weight of weights) {
    if ((await fileSize(path.join(snapshot, weight))) === undefined) return `${weight} is missing.`;
  }
  return undefined;
}

async function weightFiles(snapshot: string): Promise<string[]> {
  try {
    const index = JSON.parse(await fs.readFile(path.join(snapshot, "model.safetensors.index.json"), "utf8"));
    return [...new Set(Object.values(index.weight_map ?? {}) as string[])];
  } catch {
    const names = await fs.readdir(snapshot).catch(() => [] as string[]);
    return names.filter((name) => /^model.*\.safetensors$/.test(name));
  }
}

/** Size of the file a path leads to (following the snapshot's symlink); undefined when it leads nowhere. */
async function fileSize(file: string): Promise<number | undefined> {
  const stat = await fs.stat(file).catch(() => undefined);
  return stat?.isFile() ? stat.size : undefined;
}

/** The snapshot folder of a downloaded, intact model; otherwise says what the user must do. */
export async function readyModelPath(
  model: CatalogModel,
  options: { supportDir?: string; cacheDir?: string } = {},
): Promise<string> {
  const state = await getModelState(model.id, { supportDir: options.supportDir, cacheDir: options.cacheDir });
  if (state.status.kind === "corrupt") {
    throw new PolishError(
      "model_corrupt",
      `${model.title} is damaged (${state.status.message}). Delete it and download it again.`,
    );
  }
  if (state.status.kind !== "ready" || !state.path) {
    throw new PolishError(
      "model_not_downloaded",
      `${model.title} is not downloaded. Download it in Manage Local Models (or \`mlx-polish models download ${model.id}\`).`,
    );
  }
  return state.path;
}
