import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ManageModels from "../../src/manage-models";
import * as core from "../../src/core";
import { CATALOG, PolishError, setAppleSiliconOverride, type DownloadProgress } from "../../src/core";
import { rememberFailure, readLastFailure } from "../../src/raycast/last-failure";
import { clickToastAction, environment, launchProps, raycast, resetRaycast } from "../mocks/raycast-api";
import { deferred, helperStatus, modelState, storeSummary } from "../support/model-fixtures";
import { render, waitFor, type Screen } from "../support/render";
import { act, type ReactTestInstance } from "react-test-renderer";

// The store and the helper are faked at their boundary; catalogue, styles and formatting run for real.
jest.mock("../../src/core/store", () =>
  require("../support/mock-concern").withMockedFunctions(jest.requireActual("../../src/core/store"), [
    "getModelStates",
    "downloadInBackground",
    "cancelDownload",
    "deleteModel",
    "verifyModel",
  ]),
);
jest.mock("../../src/core/helper", () =>
  require("../support/mock-concern").withMockedFunctions(jest.requireActual("../../src/core/helper"), [
    "getHelperStatus",
    "isModelBusy",
    "loadModel",
    "unloadModel",
  ]),
);
const mocked = jest.mocked(core);

const GB = 1_000_000_000;
const progress: DownloadProgress = {
  downloadedBytes: 0.42 * GB,
  totalBytes: 1 * GB,
  bytesPerSecond: 12_000_000,
  etaSeconds: 60,
};

function renderCommand(launchContext?: { downloadModelId?: string; focusModelId?: string }) {
  return render(<ManageModels {...launchProps({ launchContext })} />);
}

function tagOf(item: ReactTestInstance): string {
  const accessories = item.props.accessories as { tag?: { value: string } }[];
  return accessories.find((accessory) => accessory.tag)!.tag!.value;
}

async function itemNamed(screen: Screen, title: string) {
  return waitFor(() => screen.item(title));
}

beforeEach(() => {
  jest.clearAllMocks();
  resetRaycast({ model: "qwen3-1.7b", unloadAfter: "never" });
  setAppleSiliconOverride(true);
  mocked.getModelStates.mockResolvedValue(storeSummary());
  mocked.getHelperStatus.mockResolvedValue(undefined);
  mocked.isModelBusy.mockResolvedValue(undefined);
});

const defaultSupportPath = environment.supportPath;
afterEach(() => {
  setAppleSiliconOverride(undefined);
  environment.supportPath = defaultSupportPath;
});

describe("Manage Local Models", () => {
  it("shows every catalogue model with a status tag for its state", async () => {
    mocked.getModelStates.mockResolvedValue(
      storeSummary([
        modelState("qwen3-1.7b", { kind: "ready" }),
        modelState("qwen3-0.6b", { kind: "downloading", progress, pid: 4242 }),
        modelState("qwen3-4b", { kind: "partial", downloadedBytes: 1.15 * GB, totalBytes: 2.3 * GB }),
        modelState("gemma3-1b", { kind: "failed", code: "network", message: "Connection reset", retryable: true }),
        modelState("gemma3-4b", { kind: "corrupt", message: "model.safetensors does not match its checksum" }),
        modelState("ministral3-3b", { kind: "ready" }),
      ]),
    );
    mocked.getHelperStatus.mockResolvedValue(helperStatus("qwen3-1.7b"));
    const screen = await renderCommand();
    await itemNamed(screen, "Qwen 3 1.7B");

    expect(screen.items().map((item) => item.props.title)).toEqual(CATALOG.map((model) => model.title));
    expect(Object.fromEntries(screen.items().map((item) => [item.props.title, tagOf(item)]))).toEqual({
      "Qwen 3 1.7B": "Loaded",
      "Qwen 3 0.6B": "Downloading 42% · 12.0 MB/s · 1 min left",
      "Qwen 3 4B Instruct": "Paused 50%",
      "Gemma 3 1B": "Failed",
      "Gemma 3 4B": "Corrupt",
      "SmolLM 3 3B": "Not Downloaded",
      "Ministral 3 3B": "Ready",
    });
    expect(screen.item("Qwen 3 1.7B").props.subtitle).toBe("Qwen 3 · 1.7B");
    const tooltip = (title: string) =>
      (screen.item(title).props.accessories as { tag?: unknown; tooltip?: string }[]).find((a) => a.tag)!.tooltip;
    expect(tooltip("Gemma 3 1B")).toBe("Could not reach Hugging Face. Check your connection, then retry.");
    expect(tooltip("Gemma 3 4B")).toBe("Some files are damaged. Retry re-downloads only the bad files.");
    expect(tooltip("Ministral 3 3B")).toBeUndefined();
    await screen.unmount();
  });

  it("marks the model chosen in the preferences and shows storage used and free", async () => {
    resetRaycast({ model: "gemma3-1b", unloadAfter: "300" });
    mocked.getModelStates.mockResolvedValue(storeSummary([modelState("gemma3-1b", { kind: "ready" })]));
    const screen = await renderCommand();
    await itemNamed(screen, "Gemma 3 1B");

    const starred = screen
      .items()
      .filter((item) => (item.props.accessories as { tooltip?: string }[]).some((a) => a.tooltip === "Selected model"));
    expect(starred.map((item) => item.props.title)).toEqual(["Gemma 3 1B"]);
    await waitFor(() => expect(screen.one("List.Section").props.subtitle).toBe("800 MB used · 120 GB free"));
    await screen.unmount();
  });

  it("warns when a model needs more memory than this Mac can give it", async () => {
    jest.spyOn(os, "totalmem").mockReturnValue(4 * GB);
    const screen = await renderCommand();
    const big = await itemNamed(screen, "Gemma 3 4B");
    const small = screen.item("Qwen 3 0.6B");
    const memory = (item: ReactTestInstance) =>
      (item.props.accessories as { tooltip?: string }[]).find((a) => a.tooltip?.startsWith("Needs about"))!;
    expect(memory(big).tooltip).toBe("Needs about 4.5 GB, more than the 3.0 GB this Mac can give a model");
    expect(memory(small).tooltip).toBe("Needs about 1.0 GB of this Mac's 4.0 GB");
    jest.restoreAllMocks();
    await screen.unmount();
  });

  it("offers only the actions that can work in each state", async () => {
    mocked.getModelStates.mockResolvedValue(
      storeSummary([
        modelState("qwen3-1.7b", { kind: "ready" }),
        modelState("qwen3-0.6b", { kind: "downloading", progress, pid: 4242 }),
        modelState("qwen3-4b", { kind: "partial", downloadedBytes: GB, totalBytes: 2.3 * GB }),
        modelState("gemma3-1b", { kind: "failed", code: "unauthorized", message: "401", retryable: false }),
        modelState("gemma3-4b", { kind: "corrupt", message: "bad checksum" }),
        modelState("ministral3-3b", { kind: "ready" }),
      ]),
    );
    mocked.getHelperStatus.mockResolvedValue(helperStatus("qwen3-1.7b", "generating"));
    const screen = await renderCommand();
    await itemNamed(screen, "Qwen 3 1.7B");
    const actions = (title: string) => screen.actionTitles(screen.item(title));

    // Loaded and generating: it can be unloaded but not deleted.
    expect(tagOf(screen.item("Qwen 3 1.7B"))).toBe("Polishing…");
    expect(actions("Qwen 3 1.7B")).toContain("Unload Now");
    expect(actions("Qwen 3 1.7B")).not.toContain("Delete Model…");
    expect(actions("Qwen 3 1.7B")).not.toContain("Use This Model");
    // Downloading: cancel, nothing else that touches the files.
    expect(actions("Qwen 3 0.6B")).toContain("Cancel Download");
    expect(actions("Qwen 3 0.6B")).not.toEqual(expect.arrayContaining(["Delete Model…"]));
    expect(actions("Qwen 3 0.6B")).not.toContain("Download");
    // Paused: resume or throw away what arrived.
    expect(actions("Qwen 3 4B Instruct")).toEqual(expect.arrayContaining(["Resume Download", "Delete Model…"]));
    // Failed on a gated repo: the token preference, then retry.
    expect(actions("Gemma 3 1B")).toEqual(expect.arrayContaining(["Set Hugging Face Token", "Retry Download"]));
    expect(actions("Gemma 3 4B")).toEqual(expect.arrayContaining(["Retry Download", "Delete Model…"]));
    // Never downloaded: download; nothing to delete, retry or show in Finder.
    expect(actions("SmolLM 3 3B")).toContain("Download");
    for (const absent of ["Delete Model…", "Retry Download", "Show in Finder", "Load Now"]) {
      expect(actions("SmolLM 3 3B")).not.toContain(absent);
    }
    // Ready and idle: warm it up, delete it, choose it.
    expect(actions("Ministral 3 3B")).toEqual(
      expect.arrayContaining(["Load Now", "Delete Model…", "Use This Model", "Open on Hugging Face", "Copy Repo ID"]),
    );
    expect(actions("Ministral 3 3B")).not.toContain("Retry Download");
    await screen.unmount();
  });

  it("deletes a model only after a destructive confirmation that says how much space it frees", async () => {
    mocked.getModelStates.mockResolvedValue(storeSummary([modelState("qwen3-4b", { kind: "ready" })]));
    mocked.deleteModel.mockResolvedValue({ freedBytes: 2.3 * GB });
    const screen = await renderCommand();
    const item = await itemNamed(screen, "Qwen 3 4B Instruct");

    raycast.confirmAnswer = false;
    await screen.runAction("Delete Model…", item);
    expect(mocked.deleteModel).not.toHaveBeenCalled();

    raycast.confirmAnswer = true;
    await screen.runAction("Delete Model…", screen.item("Qwen 3 4B Instruct"));
    expect(raycast.alerts[1]).toMatchObject({
      title: "Delete Qwen 3 4B Instruct?",
      message: expect.stringContaining("frees 2.3 GB"),
      primaryAction: { style: "destructive" },
    });
    expect(mocked.deleteModel).toHaveBeenCalledWith(expect.objectContaining({ modelId: "qwen3-4b" }));
    const toast = raycast.toasts.at(-1)!;
    expect(toast).toMatchObject({ style: "success", title: "Deleted Qwen 3 4B Instruct", message: "Freed 2.3 GB" });
    await screen.unmount();
  });

  it("asks the helper whether the model is busy, and says why a deletion was refused", async () => {
    mocked.getModelStates.mockResolvedValue(storeSummary([modelState("qwen3-4b", { kind: "ready" })]));
    mocked.isModelBusy.mockResolvedValue("It is polishing text right now.");
    mocked.deleteModel.mockImplementation(async ({ modelId, isModelBusy }) => {
      const reason = await isModelBusy!(modelId);
      throw new PolishError("busy", `Cannot delete ${modelId}: ${reason}`);
    });
    const screen = await renderCommand();
    await screen.runAction("Delete Model…", await itemNamed(screen, "Qwen 3 4B Instruct"));

    expect(mocked.isModelBusy).toHaveBeenCalledWith("qwen3-4b", expect.anything());
    const toast = raycast.toasts.at(-1)!;
    expect(toast.style).toBe("failure");
    expect(toast.title).toBe("Qwen 3 4B Instruct is in use");
    expect(toast.message).toContain("It is polishing text right now.");
    await waitFor(() => expect(tagOf(screen.item("Qwen 3 4B Instruct"))).toBe("Ready"));
    await screen.unmount();
  });

  it("shows download progress in one toast updated in place, whose Cancel stops the download", async () => {
    const finished = deferred<never>();
    let signal: AbortSignal | undefined;
    mocked.downloadInBackground.mockImplementation(async (params) => {
      signal = params.signal;
      params.onProgress!({ ...progress, downloadedBytes: 0.1 * GB, etaSeconds: undefined, bytesPerSecond: 0 });
      params.onProgress!(progress);
      params.signal!.addEventListener("abort", () => finished.reject(new PolishError("cancelled", "Cancelled")));
      return finished.promise;
    });
    mocked.cancelDownload.mockResolvedValue(true);
    const screen = await renderCommand();
    await screen.startAction("Download", await itemNamed(screen, "SmolLM 3 3B"));
    await waitFor(() => expect(raycast.toasts.at(-1)?.message).toBe("42% · 12.0 MB/s · 1 min left"));

    const toast = raycast.toasts.at(-1)!;
    expect(raycast.toasts.filter((shown) => shown.title.startsWith("Downloading"))).toHaveLength(1);
    expect(toast.history.map((entry) => entry.message)).toEqual([undefined, "10%", "42% · 12.0 MB/s · 1 min left"]);
    expect(tagOf(screen.item("SmolLM 3 3B"))).toMatch(/^Downloading/);
    expect(toast.primaryAction?.title).toBe("Cancel");

    await waitFor(() => expect(tagOf(screen.item("SmolLM 3 3B"))).toMatch(/^Downloading/));
    toast.primaryAction!.onAction(toast);
    await waitFor(() => expect(toast.title).toBe("Canceled the download of SmolLM 3 3B"));
    expect(signal!.aborted).toBe(true);
    expect(mocked.cancelDownload).toHaveBeenCalledWith("smollm3-3b", expect.anything());
    expect(toast.style).not.toBe("failure");
    await screen.unmount();
  });

  it("follows a download started by another process through the shared state", async () => {
    mocked.getModelStates.mockResolvedValue(
      storeSummary([modelState("qwen3-0.6b", { kind: "downloading", progress, pid: 999 })]),
    );
    const screen = await renderCommand();
    await waitFor(() => expect(tagOf(screen.item("Qwen 3 0.6B"))).toMatch(/^Downloading 42%/));

    mocked.getModelStates.mockResolvedValue(storeSummary([modelState("qwen3-0.6b", { kind: "ready" })]));
    await waitFor(() => expect(tagOf(screen.item("Qwen 3 0.6B"))).toBe("Ready"), 3000);
    await screen.unmount();
  });

  it("cancels a download running in another process", async () => {
    mocked.getModelStates.mockResolvedValue(
      storeSummary([modelState("qwen3-0.6b", { kind: "downloading", progress, pid: 999 })]),
    );
    mocked.cancelDownload.mockResolvedValue(true);
    const screen = await renderCommand();
    await screen.runAction("Cancel Download", await itemNamed(screen, "Qwen 3 0.6B"));
    expect(mocked.cancelDownload).toHaveBeenCalledWith("qwen3-0.6b", expect.anything());
    await screen.unmount();
  });

  it.each([
    ["unauthorized", "401 Unauthorized", "This repository needs a Hugging Face token", "Open Extension Preferences"],
    ["network", "fetch failed", "Could not reach Hugging Face", "Retry"],
    ["disk_full", "Needs 1.8 GB more; 0.4 GB free.", "Not enough disk space", "Retry"],
    [
      "disk_full",
      "The disk filled up during the download. Free some space, then retry.",
      "Not enough disk space",
      "Retry",
    ],
    ["integrity", "model.safetensors: sha256 mismatch", "Downloaded files were damaged", "Retry"],
  ] as const)("a %s failure (%s) says what happened and offers the fix", async (code, message, title, fix) => {
    mocked.downloadInBackground.mockRejectedValue(new PolishError(code, message));
    const screen = await renderCommand();
    await screen.runAction("Download", await itemNamed(screen, "SmolLM 3 3B"));

    const toast = raycast.toasts.at(-1)!;
    expect(toast).toMatchObject({ style: "failure", title });
    expect(toast.message).toContain(message);
    expect(toast.message!.match(/Free some space, then retry\./g)?.length ?? 1).toBe(1);
    expect(toast.primaryAction?.title).toBe(fix);
    await waitFor(() => expect(tagOf(screen.item("SmolLM 3 3B"))).toBe("Not Downloaded"));
    await screen.unmount();
  });

  it("sends the Hugging Face token preference with a download", async () => {
    resetRaycast({ model: "qwen3-1.7b", unloadAfter: "300", huggingFaceToken: " hf_secret " });
    mocked.downloadInBackground.mockResolvedValue(modelState("smollm3-3b", { kind: "ready" }));
    const screen = await renderCommand();
    await screen.runAction("Download", await itemNamed(screen, "SmolLM 3 3B"));
    expect(mocked.downloadInBackground).toHaveBeenCalledWith(
      expect.objectContaining({ modelId: "smollm3-3b", accessToken: "hf_secret" }),
    );
    expect(raycast.toasts.at(-1)).toMatchObject({ style: "success", title: "Downloaded SmolLM 3 3B" });
    await screen.unmount();
  });

  it("starts the download another command asked for", async () => {
    mocked.downloadInBackground.mockResolvedValue(modelState("gemma3-1b", { kind: "ready" }));
    const screen = await renderCommand({ downloadModelId: "gemma3-1b" });
    await waitFor(() => expect(mocked.downloadInBackground).toHaveBeenCalledTimes(1));
    expect(mocked.downloadInBackground).toHaveBeenCalledWith(expect.objectContaining({ modelId: "gemma3-1b" }));
    await screen.unmount();
  });

  it("loads a model with the Unload Model After preference, and unloads it", async () => {
    mocked.getModelStates.mockResolvedValue(storeSummary([modelState("qwen3-1.7b", { kind: "ready" })]));
    mocked.loadModel.mockResolvedValue({ model_id: "qwen3-1.7b", load_ms: 900, already_loaded: false });
    const screen = await renderCommand();
    await screen.runAction("Load Now", await itemNamed(screen, "Qwen 3 1.7B"));
    expect(mocked.loadModel).toHaveBeenCalledWith(
      expect.objectContaining({ modelId: "qwen3-1.7b", unloadAfterSeconds: null, assetsDir: environment.assetsPath }),
    );
    expect(raycast.toasts.at(-1)).toMatchObject({
      style: "success",
      title: "Loaded Qwen 3 1.7B",
      message: "Ready in 0.9 s",
    });

    mocked.getHelperStatus.mockResolvedValue(helperStatus("qwen3-1.7b"));
    await screen.runAction("Refresh", screen.item("Qwen 3 1.7B"));
    await waitFor(() => expect(tagOf(screen.item("Qwen 3 1.7B"))).toBe("Loaded"));
    mocked.unloadModel.mockResolvedValue({ unloaded: true });
    await screen.runAction("Unload Now", screen.item("Qwen 3 1.7B"));
    expect(mocked.unloadModel).toHaveBeenCalled();
    expect(raycast.toasts.at(-1)).toMatchObject({ style: "success", title: "Unloaded Qwen 3 1.7B" });
    await screen.unmount();
  });

  it("verifies a ready model's files, and offers Retry, which downloads again, when one is damaged", async () => {
    mocked.getModelStates.mockResolvedValue(storeSummary([modelState("qwen3-1.7b", { kind: "ready" })]));
    mocked.verifyModel.mockResolvedValue({
      state: modelState("qwen3-1.7b", { kind: "ready" }),
      checkedFiles: 4,
      damagedFiles: [],
    });
    const screen = await renderCommand();
    await screen.runAction("Verify Files", await itemNamed(screen, "Qwen 3 1.7B"));
    expect(mocked.verifyModel).toHaveBeenCalledWith(expect.objectContaining({ modelId: "qwen3-1.7b" }));
    expect(raycast.toasts.at(-1)).toMatchObject({
      style: "success",
      title: "Verified Qwen 3 1.7B",
      message: "All 4 files match the Hub's checksums.",
    });

    const corrupt = modelState("qwen3-1.7b", { kind: "corrupt", message: "model.safetensors failed" });
    mocked.verifyModel.mockResolvedValue({ state: corrupt, checkedFiles: 4, damagedFiles: ["model.safetensors"] });
    await screen.runAction("Verify Files", screen.item("Qwen 3 1.7B"));
    const toast = raycast.toasts.at(-1)!;
    expect(toast).toMatchObject({ style: "failure", title: "Downloaded files were damaged" });
    expect(toast.message).toContain("model.safetensors failed the checksum check.");
    expect(toast.primaryAction?.title).toBe("Retry");
    mocked.downloadInBackground.mockResolvedValue(modelState("qwen3-1.7b", { kind: "ready" }));
    toast.primaryAction!.onAction!(toast as never);
    await waitFor(() =>
      expect(mocked.downloadInBackground).toHaveBeenCalledWith(expect.objectContaining({ modelId: "qwen3-1.7b" })),
    );
    await screen.unmount();
  });

  it("shows a model the helper is loading, without Load Now or Delete, and its memory once loaded", async () => {
    mocked.getModelStates.mockResolvedValue(storeSummary([modelState("qwen3-1.7b", { kind: "ready" })]));
    mocked.getHelperStatus.mockResolvedValue(helperStatus("qwen3-1.7b", "loading"));
    const screen = await renderCommand();
    await waitFor(() => expect(tagOf(screen.item("Qwen 3 1.7B"))).toBe("Loading…"));
    expect(screen.actionTitles(screen.item("Qwen 3 1.7B"))).not.toContain("Load Now");
    expect(screen.actionTitles(screen.item("Qwen 3 1.7B"))).not.toContain("Delete Model…");

    mocked.getHelperStatus.mockResolvedValue({
      ...helperStatus("qwen3-1.7b"),
      memory: { active_bytes: 1_200_000_000, peak_bytes: 0, rss_bytes: 0 },
    });
    await waitFor(() => expect(tagOf(screen.item("Qwen 3 1.7B"))).toBe("Loaded"), 3000);
    const memory = screen
      .item("Qwen 3 1.7B")
      .findAll(
        (node) => String(node.type) === "List.Item.Detail.Metadata.Label" && node.props.title === "In Memory Now",
      );
    expect(memory[0]?.props.text).toBe("1.2 GB");
    await screen.unmount();
  });

  it("a load failure offers Copy Logs, which copies the error and the end of the helper's log", async () => {
    const supportDir = fs.mkdtempSync(path.join(os.tmpdir(), "mlx-polish-ui-logs-"));
    fs.writeFileSync(
      path.join(supportDir, "helper.log"),
      "starting\nTraceback (most recent call last):\nValueError: bad\n",
    );
    environment.supportPath = supportDir;
    mocked.getModelStates.mockResolvedValue(storeSummary([modelState("qwen3-1.7b", { kind: "ready" })]));
    mocked.loadModel.mockRejectedValue(new PolishError("load_failed", "config.json: unknown model_type"));
    const screen = await renderCommand();
    await screen.runAction("Load Now", await itemNamed(screen, "Qwen 3 1.7B"));
    const toast = raycast.toasts.at(-1)!;
    expect(toast).toMatchObject({ style: "failure", title: "Could not load Qwen 3 1.7B" });
    expect(toast.primaryAction?.title).toBe("Copy Logs");
    toast.primaryAction!.onAction(toast);
    await waitFor(() => expect(raycast.clipboard.copied).toHaveLength(1));
    expect(raycast.clipboard.copied[0]).toContain("config.json: unknown model_type");
    expect(raycast.clipboard.copied[0]).toContain("Traceback (most recent call last):\nValueError: bad");
    await screen.unmount();
    fs.rmSync(supportDir, { recursive: true });
  });

  it("Use This Model opens the preferences and names the value to pick", async () => {
    const screen = await renderCommand();
    await screen.runAction("Use This Model", await itemNamed(screen, "Gemma 3 1B"));
    expect(raycast.preferencesOpened).toBe(1);
    expect(raycast.toasts.at(-1)?.title).toBe("Choose “Gemma 3 1B” under Model");
    await screen.unmount();
  });

  it("toggles a detail pane with the repository, revision, path and last error", async () => {
    mocked.getModelStates.mockResolvedValue(
      storeSummary([modelState("gemma3-4b", { kind: "corrupt", message: "model.safetensors: sha256 mismatch" })]),
    );
    const screen = await renderCommand();
    await screen.runAction("Show Details", await itemNamed(screen, "Gemma 3 4B"));
    expect(screen.one("List").props.isShowingDetail).toBe(true);

    const labels = Object.fromEntries(
      screen
        .all("List.Item.Detail.Metadata.Label")
        .filter((label) => screen.item("Gemma 3 4B").findAll((node) => node === label).length > 0)
        .map((label) => [label.props.title, label.props.text]),
    );
    expect(labels).toMatchObject({
      Revision: "abc123",
      Path: "/cache/models--mlx-community--gemma-3-text-4b-it-4bit/snapshots/abc123",
      License: "Gemma",
      "Last Error": "model.safetensors: sha256 mismatch",
    });
    await screen.runAction("Hide Details", screen.item("Gemma 3 4B"));
    expect(screen.one("List").props.isShowingDetail).toBe(false);
    await screen.unmount();
  });

  it("off Apple Silicon explains what still works and offers no download or load", async () => {
    setAppleSiliconOverride(false);
    const screen = await renderCommand();
    const empty = screen.one("List.EmptyView");
    expect(empty.props.title).toBe("MLX needs a Mac with Apple Silicon");
    expect(empty.props.description).toContain("Polish Transcription still works");
    expect(screen.items()).toHaveLength(0);
    for (const title of ["Download", "Load Now", "Resume Download", "Retry Download"]) {
      expect(screen.actionTitles()).not.toContain(title);
    }
    expect(mocked.getModelStates).not.toHaveBeenCalled();
    await screen.unmount();
  });

  it("opened on a missing model, selects it with Download first, and downloads only when asked", async () => {
    const screen = await renderCommand({ focusModelId: "gemma3-1b" });
    const item = await itemNamed(screen, "Gemma 3 1B");
    expect(screen.one("List").props.selectedItemId).toBe("gemma3-1b");
    expect(item.props.id).toBe("gemma3-1b");
    expect(screen.actionTitles(item)[0]).toBe("Download");
    await screen.settle(20);
    expect(mocked.downloadInBackground).not.toHaveBeenCalled();
    await screen.unmount();
  });

  it("shows the last failure from a closed window at the top with its fix until dismissed", async () => {
    await rememberFailure({ reason: "load_failed", modelId: "qwen3-1.7b", message: "Bad weights.", at: Date.now() });
    fs.mkdirSync(environment.supportPath, { recursive: true });
    const screen = await renderCommand();
    const failure = await waitFor(() => screen.item("Could not load Qwen 3 1.7B"));
    expect(screen.items()[0]).toBe(failure);
    expect(failure.props.subtitle).toBe("Bad weights.");
    expect(screen.actionTitles(failure).slice(0, 2)).toEqual(["Copy Logs", "Dismiss"]);

    await screen.runAction("Copy Logs", failure);
    expect(raycast.clipboard.copied[0]).toMatch(/^load_failed: Bad weights\./);

    await screen.runAction("Dismiss", failure);
    await waitFor(() =>
      expect(screen.items().map((item) => item.props.title)).not.toContain("Could not load Qwen 3 1.7B"),
    );
    expect(await readLastFailure()).toBeUndefined();
    await screen.unmount();

    // Relaunched, it stays dismissed.
    const again = await renderCommand();
    await itemNamed(again, "Qwen 3 1.7B");
    expect(again.items()).toHaveLength(CATALOG.length);
    await again.unmount();
  });

  it("a failure whose fix is a preference offers Open Extension Preferences", async () => {
    await rememberFailure({ reason: "out_of_memory", modelId: "qwen3-4b", at: Date.now() });
    const screen = await renderCommand();
    const failure = await waitFor(() => screen.item("Not enough memory for Qwen 3 4B Instruct"));
    await screen.runAction("Open Extension Preferences", failure);
    expect(raycast.preferencesOpened).toBe(1);
    await screen.unmount();
  });

  it.each([
    ["Resume Download", "qwen3-4b", { kind: "partial", downloadedBytes: 1.15 * GB, totalBytes: 2.3 * GB }],
    ["Retry Download", "gemma3-1b", { kind: "failed", code: "network", message: "Connection reset", retryable: true }],
    ["Retry Download", "gemma3-4b", { kind: "corrupt", message: "model.safetensors does not match its checksum" }],
  ] as const)("%s on %s downloads it again and ends Ready", async (action, modelId, status) => {
    mocked.getModelStates.mockResolvedValue(storeSummary([modelState(modelId, status)]));
    mocked.downloadInBackground.mockImplementation(async (params) => {
      mocked.getModelStates.mockResolvedValue(storeSummary([modelState(modelId, { kind: "ready" })]));
      return modelState(params.modelId, { kind: "ready" });
    });
    const screen = await renderCommand();
    const title = CATALOG.find((model) => model.id === modelId)!.title;
    await screen.runAction(action, await itemNamed(screen, title));
    expect(mocked.downloadInBackground).toHaveBeenCalledWith(expect.objectContaining({ modelId }));
    expect(raycast.toasts.at(-1)).toMatchObject({ style: "success", title: `Downloaded ${title}` });
    await waitFor(() => expect(tagOf(screen.item(title))).toBe("Ready"));
    await screen.unmount();
  });

  it("Retry in a failed download's toast downloads again", async () => {
    mocked.downloadInBackground.mockRejectedValueOnce(new PolishError("network", "fetch failed"));
    mocked.downloadInBackground.mockResolvedValueOnce(modelState("smollm3-3b", { kind: "ready" }));
    const screen = await renderCommand();
    await screen.runAction("Download", await itemNamed(screen, "SmolLM 3 3B"));
    const failed = raycast.toasts.at(-1)!;
    expect(failed).toMatchObject({ style: "failure", title: "Could not reach Hugging Face" });
    await act(() => clickToastAction(failed));
    await waitFor(() => expect(raycast.toasts.at(-1)).toMatchObject({ title: "Downloaded SmolLM 3 3B" }));
    expect(mocked.downloadInBackground).toHaveBeenCalledTimes(2);
    await screen.unmount();
  });

  it("relaunched, shows the last known models at once and keeps Show Details, as Raycast's cache does", async () => {
    mocked.getModelStates.mockResolvedValue(storeSummary([modelState("qwen3-1.7b", { kind: "ready" })]));
    const first = await renderCommand();
    await waitFor(() => expect(tagOf(first.item("Qwen 3 1.7B"))).toBe("Ready"));
    await first.runAction("Show Details", first.item("Qwen 3 1.7B"));
    expect(first.one("List").props.isShowingDetail).toBe(true);
    await first.unmount();

    // The store is slow to answer this time: the cached list shows meanwhile.
    const slow = deferred<ReturnType<typeof storeSummary>>();
    mocked.getModelStates.mockReturnValue(slow.promise);
    const again = await renderCommand();
    expect(tagOf(again.item("Qwen 3 1.7B"))).toBe("Ready");
    expect(again.one("List").props.isShowingDetail).toBe(true);
    await act(async () => slow.resolve(storeSummary()));
    await waitFor(() => expect(tagOf(again.item("Qwen 3 1.7B"))).toBe("Not Downloaded"));
    await again.unmount();
  });
});
