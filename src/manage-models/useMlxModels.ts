import { Alert, confirmAlert, environment, openExtensionPreferences, showToast, Toast } from "@raycast/api";
import { showFailureToast, useCachedPromise } from "@raycast/utils";
import { useEffect, useRef } from "react";
import {
  cancelDownload,
  deleteModel,
  downloadModel,
  formatBytes,
  getHelperStatus,
  getModelStates,
  isModelBusy,
  loadModel,
  unloadModel,
  type HelperStatusResult,
  type ModelState,
  type ModelStatus,
  type StoreSummary,
} from "../core";
import { formatProgress, formatSeconds } from "../raycast/format";
import { readSettings } from "../raycast/preferences";
import { runMutation } from "../raycast/run-mutation";

/** A model as the list shows it: the store's state plus what the helper is doing with it. */
export interface ModelRow extends ModelState {
  /** The helper holds this model in memory. */
  loaded: boolean;
  /** What the helper is doing with this model right now, if anything. */
  activity?: "loading" | "generating";
  /** MLX memory the helper uses while holding this model. */
  memoryBytes?: number;
  /** Why the model cannot be deleted right now; undefined when it can. */
  busyReason?: string;
}

interface Snapshot {
  summary: StoreSummary;
  helper?: HelperStatusResult;
}

/** Fast while something moves (a download, a load), slow otherwise to notice work started elsewhere. */
const POLL_IN_FLIGHT_MS = 1000;
const POLL_IDLE_MS = 5000;

async function fetchSnapshot(supportDir: string): Promise<Snapshot> {
  const [summary, helper] = await Promise.all([
    getModelStates({ supportDir }),
    // No helper running is the normal idle state, and a broken helper must not hide the list.
    getHelperStatus({ supportDir }).catch(() => undefined),
  ]);
  return { summary, helper };
}

function toRow(state: ModelState, helper: HelperStatusResult | undefined): ModelRow {
  const held = state.status.kind === "ready" && helper?.model?.id === state.model.id;
  const activity = held && helper.state !== "idle" ? helper.state : undefined;
  let busyReason: string | undefined;
  if (state.status.kind === "downloading") busyReason = "It is downloading.";
  else if (activity) busyReason = `The helper is ${activity} it.`;
  return {
    ...state,
    loaded: held && activity !== "loading",
    activity,
    memoryBytes: held ? helper.memory.active_bytes : undefined,
    busyReason,
  };
}

function withStatus(snapshot: Snapshot | undefined, modelId: string, status: ModelStatus): Snapshot {
  if (!snapshot) throw new Error("No model list to update yet");
  const models = snapshot.summary.models.map((state) => (state.model.id === modelId ? { ...state, status } : state));
  return { ...snapshot, summary: { ...snapshot.summary, models } };
}

/**
 * The one hook behind Manage Local Models: the store's model states and the helper's status, polled so
 * downloads started by other commands or processes show up, and every action on a model.
 */
export function useMlxModels() {
  const supportDir = environment.supportPath;
  const { data, isLoading, revalidate, mutate } = useCachedPromise(fetchSnapshot, [supportDir], {
    keepPreviousData: true,
    failureToastOptions: { title: "Could not read the local models" },
  });
  const downloads = useRef(new Map<string, AbortController>());

  const inFlight =
    data?.summary.models.some((state) => state.status.kind === "downloading") ||
    (data?.helper !== undefined && data.helper.state !== "idle");
  useEffect(() => {
    const timer = setInterval(() => void revalidate(), inFlight ? POLL_IN_FLIGHT_MS : POLL_IDLE_MS);
    return () => clearInterval(timer);
  }, [inFlight, revalidate]);

  async function download(row: ModelRow): Promise<void> {
    const { model } = row;
    const controller = new AbortController();
    downloads.current.set(model.id, controller);
    await runMutation({
      title: `Downloading ${model.title}`,
      cancelledTitle: `Cancelled the download of ${model.title}`,
      model: model.title,
      mutate,
      optimisticUpdate: (snapshot) =>
        withStatus(snapshot, model.id, {
          kind: "downloading",
          pid: process.pid,
          progress: { downloadedBytes: 0, totalBytes: model.downloadBytes, bytesPerSecond: 0 },
        }),
      run: (toast) => {
        toast.primaryAction = { title: "Cancel", onAction: () => void cancel(row) };
        return downloadModel({
          modelId: model.id,
          supportDir,
          signal: controller.signal,
          accessToken: readSettings().accessToken,
          onProgress: (progress) => {
            toast.message = formatProgress(progress);
          },
        });
      },
      success: (state) => ({ title: `Downloaded ${model.title}`, message: formatBytes(state.sizeOnDiskBytes) }),
      fixes: { retry: () => void download(row), preferences: () => void openExtensionPreferences() },
    });
    downloads.current.delete(model.id);
  }

  /** Stops a download whether this command or another process runs it (the store removes its partial files). */
  async function cancel(row: ModelRow): Promise<void> {
    downloads.current.get(row.model.id)?.abort();
    try {
      await cancelDownload(row.model.id, { supportDir });
    } catch (error) {
      await showFailureToast(error, { title: `Could not cancel the download of ${row.model.title}` });
    }
    await revalidate();
  }

  async function remove(row: ModelRow): Promise<void> {
    const { model } = row;
    const confirmed = await confirmAlert({
      title: `Delete ${model.title}?`,
      message: `This frees ${formatBytes(row.sizeOnDiskBytes)} of disk space. You can download it again later.`,
      primaryAction: { title: "Delete", style: Alert.ActionStyle.Destructive },
    });
    if (!confirmed) return;
    await runMutation({
      title: `Deleting ${model.title}`,
      model: model.title,
      mutate,
      optimisticUpdate: (snapshot) => withStatus(snapshot, model.id, { kind: "not_downloaded" }),
      run: () =>
        deleteModel({ modelId: model.id, supportDir, isModelBusy: (modelId) => isModelBusy(modelId, { supportDir }) }),
      success: ({ freedBytes }) => ({ title: `Deleted ${model.title}`, message: `Freed ${formatBytes(freedBytes)}` }),
    });
  }

  async function load(row: ModelRow): Promise<void> {
    await runMutation({
      title: `Loading ${row.model.title}`,
      model: row.model.title,
      mutate,
      run: () =>
        loadModel({
          modelId: row.model.id,
          unloadAfterSeconds: readSettings().unloadAfterSeconds,
          supportDir,
          // Loading starts the helper when none runs; the frozen one ships in the extension's assets.
          assetsDir: environment.assetsPath,
        }),
      success: (result) => ({
        title: `Loaded ${row.model.title}`,
        message: result.already_loaded ? "It was already in memory." : `Ready in ${formatSeconds(result.load_ms)}`,
      }),
    });
  }

  async function unload(row: ModelRow): Promise<void> {
    await runMutation({
      title: `Unloading ${row.model.title}`,
      model: row.model.title,
      mutate,
      run: () => unloadModel({ supportDir }),
      success: () => ({ title: `Unloaded ${row.model.title}`, message: "Its memory is free again." }),
    });
  }

  /** Extensions cannot write preferences: open them and say which value to pick. */
  async function select(row: ModelRow): Promise<void> {
    await showToast({
      style: Toast.Style.Success,
      title: `Choose “${row.model.title}” under Model`,
      message: "Raycast lets only you change preferences; they are open now.",
    });
    await openExtensionPreferences();
  }

  return {
    models: data ? data.summary.models.map((state) => toRow(state, data.helper)) : [],
    usedBytes: data?.summary.usedBytes,
    freeBytes: data?.summary.freeBytes,
    isLoading,
    refresh: revalidate,
    download,
    cancel,
    remove,
    load,
    unload,
    select,
  };
}

export type MlxModels = ReturnType<typeof useMlxModels>;
