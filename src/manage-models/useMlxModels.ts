import {
  Alert,
  confirmAlert,
  environment,
  getPreferenceValues,
  openExtensionPreferences,
  showToast,
  Toast,
} from "@raycast/api";
import { showFailureToast, useCachedPromise } from "@raycast/utils";
import { useEffect, useRef } from "react";
import {
  CUSTOM_MODEL_PREFERENCE,
  addCustomModel,
  cancelDownload,
  chooseCustomModel,
  removeCustomModel,
  deleteModel,
  describeSetupProgress,
  downloadInBackground,
  formatBytes,
  getHelperStatus,
  getModelStates,
  getRuntimeStatus,
  isModelBusy,
  loadModel,
  PolishError,
  setupRuntime,
  unloadModel,
  verifyModel,
  type HelperStatusResult,
  type RuntimeStatus,
  type ModelState,
  type CustomModel,
  type ModelStatus,
  type StoreSummary,
} from "../core";
import { runtimeSetupAdvice } from "../raycast/advice";
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
  runtime: RuntimeStatus;
}

/** Fast while something moves (a download, a load), slow otherwise to notice work started elsewhere. */
const POLL_IN_FLIGHT_MS = 1000;
const POLL_IDLE_MS = 5000;

async function fetchSnapshot(supportDir: string, assetsDir: string): Promise<Snapshot> {
  const [summary, helper, runtime] = await Promise.all([
    getModelStates({ supportDir }),
    // No helper running is the normal idle state, and a broken helper must not hide the list.
    getHelperStatus({ supportDir }).catch(() => undefined),
    getRuntimeStatus({ supportDir, assetsDir }).catch((): RuntimeStatus => ({ upToDate: false })),
  ]);
  return { summary, helper, runtime };
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
  const assetsDir = environment.assetsPath;
  const { data, isLoading, revalidate, mutate } = useCachedPromise(fetchSnapshot, [supportDir, assetsDir], {
    keepPreviousData: true,
    failureToastOptions: { title: "Could not read the local models" },
  });
  // Downloads this command follows (they run in a worker process of their own), by model id.
  const downloads = useRef(new Map<string, AbortController>());
  const settingUp = useRef<Promise<boolean>>(undefined);

  const inFlight =
    data?.summary.models.some((state) => state.status.kind === "downloading") ||
    (data?.helper !== undefined && data.helper.state !== "idle");
  useEffect(() => {
    const timer = setInterval(() => void revalidate(), inFlight ? POLL_IN_FLIGHT_MS : POLL_IDLE_MS);
    return () => clearInterval(timer);
  }, [inFlight, revalidate]);

  /**
   * Sets up the local runtime (uv, Python, the locked packages) with a toast of its stages and bytes and
   * a Cancel action. Resolves whether it is ready; a second call while one runs joins it.
   */
  function setUpRuntime(): Promise<boolean> {
    settingUp.current ??= (async () => {
      const controller = new AbortController();
      const result = await runMutation({
        title: "Setting up the local runtime",
        cancelledTitle: "Canceled the runtime set-up",
        model: "The local runtime",
        mutate,
        advice: runtimeSetupAdvice,
        run: (toast) => {
          toast.primaryAction = { title: "Cancel", onAction: () => controller.abort() };
          return setupRuntime({
            supportDir,
            assetsDir,
            signal: controller.signal,
            onProgress: (progress) => {
              toast.message = describeSetupProgress(progress);
            },
          });
        },
        success: (runtime) => ({
          title: runtime.changed ? "The local runtime is ready" : "The local runtime was already set up",
        }),
        fixes: { retry: () => void setUpRuntime() },
      });
      settingUp.current = undefined;
      return result !== undefined;
    })();
    return settingUp.current;
  }

  async function download(row: ModelRow): Promise<void> {
    const { model } = row;
    // First run: the runtime comes first, so the model can be used as soon as it is downloaded.
    if (data && !data.runtime.kind && !(await setUpRuntime())) return;
    const controller = new AbortController();
    downloads.current.set(model.id, controller);
    await runMutation({
      title: `Downloading ${model.title}`,
      cancelledTitle: `Canceled the download of ${model.title}`,
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
        // A detached worker downloads, so closing this window does not stop it; this follows its progress.
        return downloadInBackground({
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

  // Raycast unloads the command when its window closes: stop following; the workers keep downloading.
  useEffect(() => () => downloads.current.forEach((controller) => controller.abort()), []);

  /** Stops a download, whichever process runs it (the store removes its partial files). */
  async function cancel(row: ModelRow): Promise<void> {
    try {
      await cancelDownload(row.model.id, { supportDir });
      downloads.current.get(row.model.id)?.abort();
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

  /** Re-hashes every file; damaged ones make the model corrupt, and the failure's Retry fetches only them. */
  async function verify(row: ModelRow): Promise<void> {
    const { model } = row;
    await runMutation({
      title: `Verifying ${model.title}`,
      model: model.title,
      mutate,
      run: async (toast) => {
        const result = await verifyModel({
          modelId: model.id,
          supportDir,
          onFile: ({ index, count }) => {
            toast.message = `File ${index + 1} of ${count}`;
          },
        });
        if (result.damagedFiles.length > 0) {
          throw new PolishError("integrity", `${result.damagedFiles.join(", ")} failed the checksum check.`);
        }
        return result;
      },
      success: ({ checkedFiles }) => ({
        title: `Verified ${model.title}`,
        message: `All ${checkedFiles} files match the Hub's checksums.`,
      }),
      fixes: { retry: () => void download(row) },
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
          // Loading starts the helper when none runs, from the set-up runtime (or a frozen build in the assets).
          assetsDir,
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

  /**
   * Checks a Hub repo and adds it (nothing is downloaded; a repo that cannot run is refused with the reason).
   * Resolves with the model added, or undefined when it was refused (the failure toast says why).
   */
  async function add(values: { repo: string; revision?: string }): Promise<CustomModel | undefined> {
    return runMutation({
      title: `Checking ${values.repo.trim()}`,
      model: values.repo.trim(),
      mutate,
      run: () =>
        addCustomModel({
          repo: values.repo,
          revision: values.revision,
          supportDir,
          accessToken: readSettings().accessToken,
        }),
      success: (model) => ({
        title: `Added ${model.title}`,
        message: `${model.custom.architecture}, ${model.parameters}, ${formatBytes(model.downloadBytes)}: download it from the list.`,
      }),
      fixes: { preferences: () => void openExtensionPreferences() },
    });
  }

  /** Deletes a custom model's files and forgets it, after asking. */
  async function forget(row: ModelRow): Promise<void> {
    const { model } = row;
    const confirmed = await confirmAlert({
      title: `Remove ${model.title}?`,
      message:
        row.sizeOnDiskBytes > 0
          ? `This deletes its files (${formatBytes(row.sizeOnDiskBytes)}) and removes it from the list. You can add it again.`
          : "This removes it from the list. You can add it again.",
      primaryAction: { title: "Remove", style: Alert.ActionStyle.Destructive },
    });
    if (!confirmed) return;
    await runMutation({
      title: `Removing ${model.title}`,
      model: model.title,
      mutate,
      optimisticUpdate: (snapshot) => {
        if (!snapshot) throw new Error("No model list to update yet");
        const models = snapshot.summary.models.filter((state) => state.model.id !== model.id);
        return { ...snapshot, summary: { ...snapshot.summary, models } };
      },
      run: () =>
        removeCustomModel({
          modelId: model.id,
          supportDir,
          isModelBusy: (modelId) => isModelBusy(modelId, { supportDir }),
        }),
      success: ({ freedBytes }) => ({ title: `Removed ${model.title}`, message: `Freed ${formatBytes(freedBytes)}` }),
    });
  }

  /**
   * Extensions cannot write preferences: a catalogue model is picked there (opened, with the value to pick). A
   * custom model is chosen here and polished with while the Model preference is Custom Model.
   */
  async function select(row: ModelRow): Promise<void> {
    if (row.model.custom) {
      try {
        await chooseCustomModel(row.model.id, supportDir);
      } catch (error) {
        await showFailureToast(error, { title: `Could not choose ${row.model.title}` });
        return;
      }
      await revalidate();
      if (getPreferenceValues<Preferences>().model === CUSTOM_MODEL_PREFERENCE) {
        await showToast({ style: Toast.Style.Success, title: `Polishing with ${row.model.title}` });
        return;
      }
      await showToast({
        style: Toast.Style.Success,
        title: "Choose “Custom Model” under Model",
        message: `Then MLX Polish uses ${row.model.title}. Raycast lets only you change preferences; they are open now.`,
      });
      await openExtensionPreferences();
      return;
    }
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
    runtime: data?.runtime,
    isLoading,
    refresh: revalidate,
    setUpRuntime,
    download,
    cancel,
    remove,
    verify,
    load,
    unload,
    select,
    add,
    forget,
  };
}

export type MlxModels = ReturnType<typeof useMlxModels>;
