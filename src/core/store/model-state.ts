import type { CatalogModel } from "../catalog";
import type { ErrorCode } from "../errors";

/** Live figures of a download in flight. */
export interface DownloadProgress {
  downloadedBytes: number;
  totalBytes: number;
  /** Bytes per second, smoothed. */
  bytesPerSecond: number;
  /** Seconds left at the current speed; undefined until the speed is known. */
  etaSeconds?: number;
}

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
