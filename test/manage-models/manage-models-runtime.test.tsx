/**
 * The local runtime in Raycast: Manage Local Models offers "Set Up Local Runtime" while the helper has
 * nothing to run on, shows the set-up's stages and bytes in one toast with a Cancel, and sets it up before
 * a first download; a polish that finds no runtime offers the set-up as its fix.
 */
import ManageModels from "../../src/manage-models";
import PolishTranscription from "../../src/polish-transcription";
import * as core from "../../src/core";
import { PolishError, setAppleSiliconOverride, type ModelState, type RuntimeSetupResult } from "../../src/core";
import { LaunchType, raycast, resetRaycast } from "../mocks/raycast-api";
import { deferred, modelState, storeSummary } from "../support/model-fixtures";
import { render, waitFor } from "../support/render";

jest.mock("../../src/core/store", () =>
  require("../support/mock-concern").withMockedFunctions(jest.requireActual("../../src/core/store"), [
    "getModelStates",
    "downloadInBackground",
  ]),
);
jest.mock("../../src/core/helper", () =>
  require("../support/mock-concern").withMockedFunctions(jest.requireActual("../../src/core/helper"), [
    "getHelperStatus",
  ]),
);
jest.mock("../../src/core/runtime", () =>
  require("../support/mock-concern").withMockedFunctions(jest.requireActual("../../src/core/runtime"), [
    "getRuntimeStatus",
    "setupRuntime",
  ]),
);
jest.mock("../../src/core/polish", () =>
  require("../support/mock-concern").withMockedFunctions(jest.requireActual("../../src/core/polish"), ["polish"]),
);
const mocked = jest.mocked(core);

const READY: RuntimeSetupResult = {
  path: "/support/runtime/env-0123456789abcdef",
  python: "/support/runtime/env-0123456789abcdef/venv/bin/python",
  lock: `sha256:${"0".repeat(64)}`,
  changed: true,
};

function renderCommand(launchContext?: { setUpRuntime?: boolean }) {
  return render(
    <ManageModels launchType={LaunchType.UserInitiated as never} arguments={{}} launchContext={launchContext} />,
  );
}

beforeEach(() => {
  jest.clearAllMocks();
  resetRaycast({ model: "qwen3-1.7b", unloadAfter: "never", afterPolishing: "paste" });
  setAppleSiliconOverride(true);
  mocked.getModelStates.mockResolvedValue(storeSummary());
  mocked.getHelperStatus.mockResolvedValue(undefined);
  mocked.getRuntimeStatus.mockResolvedValue({ upToDate: false });
});

afterEach(() => setAppleSiliconOverride(undefined));

describe("the local runtime in Manage Local Models", () => {
  it("offers the set-up while nothing can run the helper, with stages and bytes in one toast whose Cancel stops it", async () => {
    const finished = deferred<never>();
    let signal: AbortSignal | undefined;
    mocked.setupRuntime.mockImplementation(async (params = {}) => {
      signal = params.signal;
      params.onProgress!({ stage: "uv", bytes: 7_000_000, totalBytes: 14_500_000 });
      params.onProgress!({ stage: "python" });
      params.onProgress!({ stage: "packages", bytes: 52_000_000 });
      params.signal!.addEventListener("abort", () => finished.reject(new PolishError("cancelled", "Canceled")));
      return finished.promise;
    });
    const screen = await renderCommand();
    const item = await waitFor(() => screen.item("Qwen 3 1.7B"));
    await waitFor(() => expect(screen.one("List.Section").props.subtitle).toMatch(/^Local runtime not set up · /));
    await screen.startAction("Set Up Local Runtime", item);

    await waitFor(() => expect(raycast.toasts.at(-1)?.message).toBe("Installing the locked packages (52.0 MB)"));
    const toast = raycast.toasts.at(-1)!;
    expect(toast.title).toBe("Setting up the local runtime");
    expect(toast.history.map((entry) => entry.message)).toEqual([
      undefined,
      "Downloading uv (7.0 MB of 14.5 MB)",
      "Creating the Python environment",
      "Installing the locked packages (52.0 MB)",
    ]);
    expect(toast.primaryAction?.title).toBe("Cancel");
    toast.primaryAction!.onAction(toast);
    await waitFor(() => expect(toast.title).toBe("Canceled the runtime set-up"));
    expect(signal?.aborted).toBe(true);
    expect(toast.style).toBe("success");
    await screen.unmount();
  });

  it("says PyPI could not be reached, and offers Retry", async () => {
    mocked.setupRuntime.mockRejectedValue(new PolishError("network", "error sending request", { retryable: true }));
    const screen = await renderCommand();
    await screen.runAction("Set Up Local Runtime", await waitFor(() => screen.item("Qwen 3 1.7B")));
    const toast = await waitFor(() => raycast.toasts.find((shown) => shown.style === "failure")!);
    expect(toast.title).toBe("Could not reach PyPI");
    expect(toast.primaryAction?.title).toBe("Retry");
    await screen.unmount();
  });

  it("sets the runtime up before the first download, and does not download when the set-up fails", async () => {
    mocked.setupRuntime.mockResolvedValue(READY);
    const downloaded: ModelState = modelState("smollm3-3b", { kind: "ready" });
    mocked.downloadInBackground.mockResolvedValue(downloaded);
    const screen = await renderCommand();
    await screen.runAction("Download", await waitFor(() => screen.item("SmolLM 3 3B")));
    await waitFor(() => expect(mocked.downloadInBackground).toHaveBeenCalled());
    expect(mocked.setupRuntime.mock.invocationCallOrder[0]).toBeLessThan(
      mocked.downloadInBackground.mock.invocationCallOrder[0],
    );

    jest.clearAllMocks();
    mocked.setupRuntime.mockRejectedValue(
      new PolishError("disk_full", "Setting up the local runtime needs 2.0 GB free"),
    );
    await screen.runAction("Download", screen.item("Gemma 3 1B"));
    await waitFor(() => expect(raycast.toasts.at(-1)?.title).toBe("Not enough disk space"));
    expect(mocked.downloadInBackground).not.toHaveBeenCalled();
    await screen.unmount();
  });

  it("does not offer the set-up once this version's runtime is in use", async () => {
    mocked.getRuntimeStatus.mockResolvedValue({ kind: "runtime", path: READY.path, upToDate: true });
    const screen = await renderCommand();
    const item = await waitFor(() => screen.item("Qwen 3 1.7B"));
    await screen.settle();
    expect(screen.actionTitles(item)).not.toContain("Set Up Local Runtime");
    expect(screen.one("List.Section").props.subtitle).not.toMatch(/runtime/);
    await screen.unmount();
  });

  it("starts the set-up another command asked for", async () => {
    mocked.setupRuntime.mockResolvedValue(READY);
    const screen = await renderCommand({ setUpRuntime: true });
    await waitFor(() => expect(raycast.toasts.at(-1)?.title).toBe("The local runtime is ready"));
    expect(mocked.setupRuntime).toHaveBeenCalledTimes(1);
    await screen.unmount();
  });
});

describe("a polish with no runtime", () => {
  it("pastes the original text and offers Set Up Local Runtime, which opens Manage Local Models to do it", async () => {
    mocked.polish.mockResolvedValue({
      text: "um raw text",
      polished: false,
      outcome: "original",
      reason: "runtime_missing",
      message: "The local runtime is not set up yet.",
      model: "qwen3-1.7b",
      style: "clean-up",
      timings: { totalMs: 3 },
    });
    await PolishTranscription({ arguments: { text: "um raw text" }, launchType: LaunchType.UserInitiated as never });
    expect(raycast.clipboard.pasted).toEqual(["um raw text"]);
    // The paste closed Raycast's window: the HUD says why, and the fix waits in Manage Local Models.
    expect(raycast.huds.at(-1)).toBe(
      "The local runtime is not set up. Pasted your original text. Details in Manage Local Models.",
    );
    expect(raycast.toasts.filter((toast) => toast.shownAsHud && toast.primaryAction)).toEqual([]);
    const screen = await renderCommand();
    const failure = await waitFor(() => screen.item("The local runtime is not set up"));
    await screen.runAction("Set Up Local Runtime", failure);
    await screen.unmount();
    expect(raycast.launched).toEqual([
      { name: "manage-models", type: LaunchType.UserInitiated, context: { setUpRuntime: true } },
    ]);
  });
});
