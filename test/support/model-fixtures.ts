/** Store summaries and helper statuses as the core reports them, built from the real catalogue. */
import {
  CATALOG,
  findModel,
  type HelperStatusResult,
  type ModelState,
  type ModelStatus,
  type StoreSummary,
} from "../../src/core";

const GB = 1_000_000_000;

export function modelState(modelId: string, status: ModelStatus, extra: Partial<ModelState> = {}): ModelState {
  const model = findModel(modelId);
  const onDisk = status.kind === "ready" || status.kind === "corrupt";
  return {
    model,
    status,
    sizeOnDiskBytes: onDisk ? model.downloadBytes : status.kind === "partial" ? status.downloadedBytes : 0,
    path: onDisk ? `/cache/models--${model.repo.replace("/", "--")}/snapshots/abc123` : undefined,
    revision: onDisk ? "abc123" : undefined,
    ...extra,
  };
}

/** Every catalogue model, not downloaded unless `states` says otherwise. */
export function storeSummary(states: ModelState[] = []): StoreSummary {
  const models = CATALOG.map(
    (model) => states.find((state) => state.model.id === model.id) ?? modelState(model.id, { kind: "not_downloaded" }),
  );
  return {
    models,
    usedBytes: models.reduce((sum, state) => sum + state.sizeOnDiskBytes, 0),
    freeBytes: 120 * GB,
  };
}

export function helperStatus(modelId: string | null, state: HelperStatusResult["state"] = "idle"): HelperStatusResult {
  return {
    state,
    model: modelId ? { id: modelId, path: `/cache/${modelId}` } : null,
    memory: { active_bytes: 0, peak_bytes: 0, rss_bytes: 0 },
    uptime_seconds: 10,
    unload_after_seconds: 300,
    unload_deadline: null,
    queued_requests: 0,
  };
}

/** A promise the test settles by hand, to hold a download or a generation in flight. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
