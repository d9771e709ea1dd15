import fs from "node:fs/promises";
import path from "node:path";
import { classifyDownloadError, type FailedResponse } from "./classify-download-error";
import { activeDownloads } from "./active-downloads";
import { acquireDownloadLock } from "./download-lock";
import { cancelMarkerFile, clearDownloadRecord, writeDownloadRecord, type DownloadRecord } from "./download-state";
import { PolishError } from "../errors";
import { currentProcess } from "../process-identity";
import { fetchFile, partialBytes } from "./fetch-file";
import { formatBytes } from "./format-bytes";
import { findModel, type CatalogModel } from "../catalog";
import { freeDiskSpace } from "./free-disk-space";
import { getModelState } from "./model-state";
import { repoCache, writeFileAtomic, type RepoCache } from "./hub-cache";
import { listModelFiles, resolveCommit, type HubFile } from "./hub-files";
import { writeManifest } from "./model-manifest";
import type { DownloadProgress, ModelState } from "./model-state";
import { removeRevision } from "./remove-revision";
import { resolveStoreOptions, type ResolvedStoreOptions, type StoreOptions } from "../config";

export interface DownloadModelParams extends StoreOptions {
  modelId: string;
  /** Aborting it cancels: the download stops, its partial files are removed. */
  signal?: AbortSignal;
  /** Throttled to one call per `progressIntervalMs`, plus one at the end. */
  onProgress?: (progress: DownloadProgress) => void;
  /** Token for gated or private repos; defaults to `HF_TOKEN`. Never logged or written anywhere. */
  accessToken?: string;
  /** Attempts per step (resolve, list, each file) before giving up. Default 3. */
  maxAttempts?: number;
  /** Delay before the second attempt, doubled for each later one; a longer `Retry-After` wins. Default 1000. */
  retryDelayMs?: number;
  /** A connection that delivers nothing for this long counts as dropped. Default 30000. */
  stallTimeoutMs?: number;
  /** Least time between progress events and shared-state writes. Default 250. */
  progressIntervalMs?: number;
  /** Free space to keep beyond the download, so a full disk does not take the system down with it. Default 256 MB. */
  reserveBytes?: number;
  /** Least segment of a file fetched over its own connection (default 64 MiB: files from 128 MiB use several). */
  segmentBytes?: number;
  /** Most parallel ranged connections per file (default 4). */
  connections?: number;
}

const DEFAULT_RESERVE_BYTES = 256 * 1000 * 1000;
const MAX_RETRY_AFTER_MS = 60_000;

/**
 * Downloads a catalogue model into the Hugging Face cache: resolves the current commit, fetches the files
 * mlx-lm needs (resuming partial ones, verifying each), links the snapshot and writes `refs/main` last.
 * Resolves with the model's state (`ready`); throws a PolishError otherwise.
 */
export async function downloadModel(params: DownloadModelParams): Promise<ModelState> {
  const store = resolveStoreOptions(params);
  const model = findModel(params.modelId, store);
  const current = await getModelState(model.id, store);
  if (current.status.kind === "ready") return current;
  if (current.status.kind === "downloading") {
    throw new PolishError("busy", `${model.id} is already being downloaded (process ${current.status.pid}).`, {
      retryable: true,
    });
  }

  const cancel = new AbortController();
  let lockLost = false;
  const release = await acquireDownloadLock(store.supportDir, model.id, () => {
    lockLost = true;
    cancel.abort();
  });
  const onAbort = () => cancel.abort();
  params.signal?.addEventListener("abort", onAbort);
  activeDownloads.set(model.id, cancel);
  const run = new DownloadRun(model, store, params, cancel);
  try {
    await clearDownloadRecord(store.supportDir, model.id);
    if (params.signal?.aborted) cancel.abort();
    await run.execute();
    await run.stopTicking();
    await clearDownloadRecord(store.supportDir, model.id);
  } catch (error) {
    await run.stopTicking();
    if (lockLost) {
      // Another process holds the model now (we stalled past the lock's stale time): leave its files alone.
      throw new PolishError("busy", `Another process took over the download of ${model.id}.`, { retryable: true });
    }
    const failure = run.classify(error);
    if (failure.code === "cancelled") {
      await removeRevision(run.cache, { revision: run.revision, removeRef: false });
      await clearDownloadRecord(store.supportDir, model.id);
    } else {
      await run.writeRecord({
        status: "failed",
        error: { code: failure.code, message: failure.message, retryable: failure.retryable },
      });
    }
    throw failure;
  } finally {
    await run.stopTicking();
    params.signal?.removeEventListener("abort", onAbort);
    activeDownloads.delete(model.id);
    await release().catch(() => undefined);
  }
  return getModelState(model.id, store);
}

/** One download's moving parts: its signals, byte counts, progress ticker and retry loop. */
class DownloadRun {
  readonly cache: RepoCache;
  revision?: string;
  private attempt = new AbortController();
  private stalled = false;
  private failedResponse?: FailedResponse;
  private stallTimer?: NodeJS.Timeout;
  private ticker?: NodeJS.Timeout;
  private pendingTick: Promise<void> = Promise.resolve();
  private downloadedBytes = 0;
  private totalBytes = 0;
  private bytesPerSecond = 0;
  private lastTick = { at: Date.now(), bytes: 0 };
  private readonly fetch: typeof fetch;
  private readonly accessToken?: string;

  private readonly modelId: string;
  private readonly repo: string;
  /** The commit a model added by repo id was checked at; catalogue models follow their main branch. */
  private readonly pinnedCommit?: string;

  constructor(
    model: CatalogModel,
    private readonly store: ResolvedStoreOptions,
    private readonly params: DownloadModelParams,
    private readonly cancel: AbortController,
  ) {
    this.modelId = model.id;
    this.repo = model.repo;
    this.pinnedCommit = model.custom?.commit;
    this.cache = repoCache(store.cacheDir, model.repo, model.custom?.revision);
    this.accessToken = params.accessToken || process.env.HF_TOKEN || undefined;
    this.fetch = async (input, init) => {
      const response = await store.fetch(input, {
        ...init,
        signal: AbortSignal.any([cancel.signal, this.attempt.signal]),
      });
      if (!response.ok) this.failedResponse = { status: response.status, retryAfterMs: retryAfterMs(response) };
      return response;
    };
  }

  async execute(): Promise<void> {
    const request = { repo: this.repo, hubUrl: this.store.hubUrl, fetch: this.fetch, accessToken: this.accessToken };
    await this.writeRecord({ status: "downloading" });
    this.startTicking();
    const revision = this.pinnedCommit ?? (await this.withRetries(() => resolveCommit(request)));
    this.revision = revision;
    const files = await this.withRetries(() => listModelFiles({ ...request, revision }));
    this.totalBytes = files.reduce((sum, file) => sum + file.size, 0);
    await this.removeStalePartials(files);
    this.downloadedBytes = await this.bytesOnDisk(files);
    this.lastTick = { at: Date.now(), bytes: this.downloadedBytes };
    await this.checkDiskSpace(this.totalBytes - this.downloadedBytes);

    for (const file of files) {
      if ((await fs.stat(path.join(this.cache.blobs, file.blobName)).catch(() => undefined))?.size === file.size)
        continue;
      await this.withRetries(() =>
        fetchFile({
          ...request,
          revision,
          file,
          blobsDir: this.cache.blobs,
          signal: AbortSignal.any([this.cancel.signal, this.attempt.signal]),
          onBytes: (count) => this.onBytes(count),
          onFailedResponse: (status, retryAfterMs) => {
            this.failedResponse = { status, retryAfterMs };
          },
          segmentBytes: this.params.segmentBytes,
          connections: this.params.connections,
        }),
      );
    }
    await this.linkSnapshot(revision, files);
    await writeManifest(this.store.supportDir, this.modelId, { repo: this.repo, revision, files });
    // Written last: a `refs/main` (or the added revision's ref) means every file of this commit is in place and verified.
    await writeFileAtomic(this.cache.refMain, revision);
    await this.tick(true);
  }

  classify(error: unknown): PolishError {
    return classifyDownloadError(error, {
      repo: this.repo,
      cancelled: this.cancel.signal.aborted,
      stalled: this.stalled,
      failedResponse: this.failedResponse,
    });
  }

  async writeRecord(fields: Pick<DownloadRecord, "status" | "error">): Promise<void> {
    await writeDownloadRecord(this.store.supportDir, {
      modelId: this.modelId,
      ...currentProcess(),
      revision: this.revision,
      progress: this.progress(),
      updatedAt: Date.now(),
      ...fields,
    });
  }

  async stopTicking(): Promise<void> {
    clearInterval(this.ticker);
    clearTimeout(this.stallTimer);
    await this.pendingTick;
  }

  private async withRetries<T>(step: () => Promise<T>): Promise<T> {
    const maxAttempts = this.params.maxAttempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      this.attempt = new AbortController();
      this.stalled = false;
      this.failedResponse = undefined;
      this.armStallTimer();
      try {
        return await step();
      } catch (error) {
        const failure = this.classify(error);
        if (!failure.retryable || attempt >= maxAttempts) {
          if (failure.retryable)
            failure.message = `${failure.message.replace(/\.?$/, ".")} Gave up after ${attempt} attempts.`;
          throw failure;
        }
        const backoff = (this.params.retryDelayMs ?? 1000) * 2 ** (attempt - 1);
        const retryAfter = Math.min(this.lastRetryAfterMs(), MAX_RETRY_AFTER_MS);
        await sleep(Math.max(backoff, retryAfter), this.cancel.signal);
        if (this.cancel.signal.aborted) throw this.classify(error);
      } finally {
        clearTimeout(this.stallTimer);
      }
    }
  }

  private lastRetryAfterMs(): number {
    return this.failedResponse?.retryAfterMs ?? 0;
  }

  private armStallTimer(): void {
    clearTimeout(this.stallTimer);
    const attempt = this.attempt;
    this.stallTimer = setTimeout(() => {
      this.stalled = true;
      attempt.abort();
    }, this.params.stallTimeoutMs ?? 30_000);
  }

  private onBytes(count: number): void {
    this.downloadedBytes += count;
    if (count > 0) this.stallTimer?.refresh();
  }

  private async bytesOnDisk(files: HubFile[]): Promise<number> {
    let total = 0;
    for (const file of files) {
      const blob = await fs.stat(path.join(this.cache.blobs, file.blobName)).catch(() => undefined);
      total += blob ? Math.min(blob.size, file.size) : await partialBytes(this.cache.blobs, file);
    }
    return total;
  }

  /** Partial files of an older revision can never complete: their space goes back before the disk check. */
  private async removeStalePartials(files: HubFile[]): Promise<void> {
    const wanted = new Set(
      files.flatMap((file) => [`${file.blobName}.incomplete`, `${file.blobName}.incomplete.segments`]),
    );
    for (const name of await fs.readdir(this.cache.blobs).catch(() => [] as string[])) {
      if ((name.endsWith(".incomplete") || name.endsWith(".incomplete.segments")) && !wanted.has(name))
        await fs.rm(path.join(this.cache.blobs, name), { force: true });
    }
  }

  private async checkDiskSpace(remainingBytes: number): Promise<void> {
    const free = await freeDiskSpace(this.store.cacheDir);
    const reserve = this.params.reserveBytes ?? DEFAULT_RESERVE_BYTES;
    if (free < remainingBytes + reserve) {
      throw new PolishError(
        "disk_full",
        `Not enough disk space: ${this.modelId} needs ${formatBytes(remainingBytes)} more (plus ${formatBytes(reserve)} to spare), ` +
          `but only ${formatBytes(free)} is free on the disk holding ${this.store.cacheDir}.`,
      );
    }
  }

  private async linkSnapshot(revision: string, files: HubFile[]): Promise<void> {
    for (const file of files) {
      const link = path.join(this.cache.snapshots, revision, file.path);
      await fs.mkdir(path.dirname(link), { recursive: true });
      await fs.rm(link, { force: true });
      await fs.symlink(path.relative(path.dirname(link), path.join(this.cache.blobs, file.blobName)), link);
    }
  }

  private startTicking(): void {
    this.ticker = setInterval(() => {
      this.pendingTick = this.pendingTick.then(() => this.tick(false));
    }, this.params.progressIntervalMs ?? 250);
  }

  private async tick(final: boolean): Promise<void> {
    const now = Date.now();
    const seconds = (now - this.lastTick.at) / 1000;
    if (seconds > 0) {
      const instant = (this.downloadedBytes - this.lastTick.bytes) / seconds;
      // Smoothed so the figure people read does not jump with every chunk.
      this.bytesPerSecond = this.bytesPerSecond === 0 ? instant : 0.7 * this.bytesPerSecond + 0.3 * instant;
      this.lastTick = { at: now, bytes: this.downloadedBytes };
    }
    if (!final) {
      if (await exists(cancelMarkerFile(this.store.supportDir, this.modelId))) this.cancel.abort();
      // The shared file first, so a reader prompted by this event sees at least these figures.
      if (!this.cancel.signal.aborted) await this.writeRecord({ status: "downloading" }).catch(() => undefined);
    }
    if (this.totalBytes > 0) this.params.onProgress?.(this.progress());
  }

  private progress(): DownloadProgress {
    const remaining = this.totalBytes - this.downloadedBytes;
    return {
      downloadedBytes: this.downloadedBytes,
      totalBytes: this.totalBytes,
      bytesPerSecond: Math.max(0, Math.round(this.bytesPerSecond)),
      etaSeconds: this.bytesPerSecond > 0 ? Math.ceil(remaining / this.bytesPerSecond) : undefined,
    };
  }
}

function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get("retry-after");
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}
