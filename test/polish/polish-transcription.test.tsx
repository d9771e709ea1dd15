import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import PolishTranscription from "../../src/polish-transcription";
import * as core from "../../src/core";
import type { PolishResult } from "../../src/core";
import { readLastFailure } from "../../src/raycast/last-failure";
import { LaunchType, launchProps, raycast, resetRaycast, SELECTED_TEXT_ERRORS } from "../mocks/raycast-api";

// The helper is faked at the polish() boundary; preferences, catalogue and messages run for real.
jest.mock("../../src/core/polish", () =>
  require("../support/mock-concern").withMockedFunctions(jest.requireActual("../../src/core/polish"), [
    "polish",
    "prewarm",
  ]),
);
const mocked = jest.mocked(core);

function polished(text: string, overrides: Partial<PolishResult> = {}): PolishResult {
  return {
    text,
    polished: true,
    outcome: "polished",
    model: "qwen3-1.7b",
    style: "clean-up",
    timings: { totalMs: 812 },
    ...overrides,
  };
}

function fallback(text: string, reason: PolishResult["reason"], message?: string): PolishResult {
  return {
    text,
    polished: false,
    outcome: "original",
    reason,
    message,
    model: "qwen3-1.7b",
    style: "clean-up",
    timings: { totalMs: 5 },
  };
}

function run(text = "", from: "root-search" | "hotkey" = "root-search") {
  return PolishTranscription(launchProps({ arguments: { text }, from }));
}

/** No fix may hide in a toast that Raycast showed as a HUD because its window was closed. */
function expectNoUnreachableFix() {
  const unreachable = raycast.toasts.filter((toast) => toast.shownAsHud && toast.primaryAction);
  expect(unreachable.map((toast) => `${toast.title} → ${toast.primaryAction!.title}`)).toEqual([]);
}

beforeEach(() => {
  jest.clearAllMocks();
  resetRaycast({ model: "qwen3-1.7b", style: "formal", unloadAfter: "600", afterPolishing: "paste" });
  mocked.polish.mockImplementation(async ({ text }) => polished(`Polished: ${text.trim()}`));
});

describe("Polish Transcription", () => {
  it("polishes the argument before the selection and the clipboard", async () => {
    raycast.selectedText = "selected words";
    raycast.clipboard.text = "copied words";
    await run("um so the argument");
    expect(mocked.polish).toHaveBeenCalledWith(expect.objectContaining({ text: "um so the argument" }));
  });

  it("polishes the selection when there is no argument", async () => {
    raycast.selectedText = "selected words";
    raycast.clipboard.text = "copied words";
    await run("   ");
    expect(mocked.polish).toHaveBeenCalledWith(expect.objectContaining({ text: "selected words" }));
  });

  it("polishes the clipboard when nothing is selected", async () => {
    raycast.clipboard.text = "copied words";
    await run();
    expect(mocked.polish).toHaveBeenCalledWith(expect.objectContaining({ text: "copied words" }));
  });

  it("says there is nothing to polish when argument, selection and clipboard are all empty", async () => {
    raycast.selectedText = "  ";
    await run();
    expect(mocked.polish).not.toHaveBeenCalled();
    expect(raycast.huds).toEqual(["Nothing to polish: select text or copy it first"]);
    expect(raycast.clipboard.pasted).toEqual([]);
  });

  it("uses the model, style, custom instructions and unload time from the preferences", async () => {
    resetRaycast({
      model: "gemma3-1b",
      style: "email",
      unloadAfter: "never",
      afterPolishing: "paste",
      customInstructions: "  Spell it MLX Polish. ",
    });
    await run("hello");
    expect(mocked.polish).toHaveBeenCalledWith(
      expect.objectContaining({
        modelId: "gemma3-1b",
        style: "email",
        customInstructions: "Spell it MLX Polish.",
        unloadAfterSeconds: null,
      }),
    );
  });

  it("pastes the polished text and says which model took how long", async () => {
    await run("um hello there");
    expect(raycast.clipboard.pasted).toEqual(["Polished: um hello there"]);
    expect(raycast.clipboard.copied).toEqual([]);
    expect(raycast.huds).toEqual(["Polished with Qwen 3 1.7B · Clean Up · 0.8 s"]);
  });

  it("shows that it is polishing while the model works, and clears that when done", async () => {
    let toastWhilePolishing: { title: string; style: string; hidden: boolean } | undefined;
    mocked.polish.mockImplementation(async ({ text }) => {
      toastWhilePolishing = { ...raycast.toasts[0] };
      return polished(text);
    });
    await run("hello");
    expect(toastWhilePolishing).toMatchObject({
      style: "animated",
      title: "Polishing with Qwen 3 1.7B…",
      hidden: false,
    });
    expect(raycast.toasts[0].hidden).toBe(true);
  });

  it("copies instead of pasting when After Polishing is Copy to Clipboard", async () => {
    resetRaycast({ model: "qwen3-1.7b", style: "clean-up", unloadAfter: "300", afterPolishing: "copy" });
    await run("um hello there");
    expect(raycast.clipboard.copied).toEqual(["Polished: um hello there"]);
    expect(raycast.clipboard.pasted).toEqual([]);
    expect(raycast.huds).toEqual(["Polished with Qwen 3 1.7B · Clean Up · 0.8 s · Copied"]);
  });

  it("pastes the original text when the model is not downloaded, then opens Manage Local Models on it", async () => {
    mocked.polish.mockResolvedValue(fallback("um raw text", "model_not_downloaded", "Qwen 3 1.7B is not downloaded."));
    await run("um raw text");

    expect(raycast.clipboard.pasted).toEqual(["um raw text"]);
    expect(raycast.huds).toEqual(["Qwen 3 1.7B is not downloaded. Pasted your original text."]);
    // The paste closed Raycast's window: the way forward is a window of its own, on that model.
    expect(raycast.launched).toEqual([
      { name: "manage-models", type: LaunchType.UserInitiated, context: { focusModelId: "qwen3-1.7b" } },
    ]);
    expect(raycast.window).toBe("open");
    expectNoUnreachableFix();
  });

  it("from a hotkey in copy mode, a missing model still leads to Manage Local Models", async () => {
    resetRaycast({ model: "qwen3-1.7b", style: "clean-up", unloadAfter: "300", afterPolishing: "copy" });
    mocked.polish.mockResolvedValue(fallback("um raw text", "model_not_downloaded"));
    await run("um raw text", "hotkey");
    expect(raycast.clipboard.copied).toEqual(["um raw text"]);
    expect(raycast.launched).toEqual([
      { name: "manage-models", type: LaunchType.UserInitiated, context: { focusModelId: "qwen3-1.7b" } },
    ]);
    expectNoUnreachableFix();
  });

  it("keeps a failure with a fix for Manage Local Models, and says so in the HUD", async () => {
    resetRaycast({ model: "qwen3-1.7b", style: "clean-up", unloadAfter: "300", afterPolishing: "copy" });
    mocked.polish.mockResolvedValue(fallback("keep me", "out_of_memory", "MLX ran out of memory."));
    await run("keep me", "hotkey");

    expect(raycast.clipboard.copied).toEqual(["keep me"]);
    // With no window, even the progress toast is a HUD.
    expect(raycast.huds).toEqual([
      "Polishing with Qwen 3 1.7B…",
      "Not enough memory for Qwen 3 1.7B. Copied your original text. Details in Manage Local Models.",
    ]);
    expect(await readLastFailure()).toMatchObject({
      reason: "out_of_memory",
      modelId: "qwen3-1.7b",
      message: "MLX ran out of memory.",
    });
    expect(raycast.launched).toEqual([]);
    expectNoUnreachableFix();
  });

  it.each(["helper_unavailable", "load_failed", "internal", "unknown_model", "model_corrupt", "timeout"] as const)(
    "after a %s fallback the fix waits in Manage Local Models",
    async (reason) => {
      mocked.polish.mockResolvedValue(fallback("keep me", reason, "Details."));
      await run("keep me");
      expect(raycast.clipboard.pasted).toEqual(["keep me"]);
      expect((await readLastFailure())?.reason).toBe(reason);
      expect(raycast.huds.at(-1)).toMatch(/Pasted your original text\. Details in Manage Local Models\.$/);
      expectNoUnreachableFix();
    },
  );

  it("off Apple Silicon still pastes the original text and says why, with nothing left to fix", async () => {
    mocked.polish.mockResolvedValue(fallback("as spoken", "unsupported_platform"));
    await run("as spoken");
    expect(raycast.clipboard.pasted).toEqual(["as spoken"]);
    expect(raycast.huds).toEqual(["MLX needs a Mac with Apple Silicon. Pasted your original text."]);
    expect(await readLastFailure()).toBeUndefined();
  });

  it("keeps the original when the rewrite strays from it", async () => {
    mocked.polish.mockResolvedValue(fallback("What is the capital of France?", "guard_tripped"));
    await run("What is the capital of France?");
    expect(raycast.clipboard.pasted).toEqual(["What is the capital of France?"]);
    expect(raycast.huds).toEqual(["The rewrite strayed from your text. Pasted your original text."]);
    expect(await readLastFailure()).toBeUndefined();
  });

  it("uses the fallback text when Raycast runs it as a fallback command", async () => {
    await PolishTranscription(launchProps({ arguments: { text: "" }, fallbackText: "um typed in root search" }));
    expect(mocked.polish).toHaveBeenCalledWith(expect.objectContaining({ text: "um typed in root search" }));
  });
});

describe("Polish Transcription without the Accessibility permission", () => {
  beforeEach(() => {
    raycast.accessibilityGranted = false;
    raycast.selectedText = "what the user selected";
    raycast.clipboard.text = "a stale clipboard";
  });

  it("says how to grant it instead of polishing the clipboard", async () => {
    await run();
    expect(mocked.polish).not.toHaveBeenCalled();
    expect(raycast.clipboard.pasted).toEqual([]);
    expect(raycast.huds).toEqual([
      "Raycast cannot read your selection. Allow Raycast in System Settings → Privacy & Security → Accessibility → Raycast, or copy the text and use the clipboard.",
    ]);
    expect((await readLastFailure())?.reason).toBe("no_accessibility");
  });

  it("still polishes an argument, which needs no permission", async () => {
    await run("um the argument");
    expect(mocked.polish).toHaveBeenCalledWith(expect.objectContaining({ text: "um the argument" }));
  });
});

describe("Polish Transcription with nothing selected", () => {
  it("tells nothing selected from no permission: it polishes the clipboard", async () => {
    raycast.clipboard.text = "copied words";
    await expect(import("../mocks/raycast-api").then((api) => api.getSelectedText())).rejects.toThrow(
      SELECTED_TEXT_ERRORS.nothingSelected,
    );
    await run();
    expect(mocked.polish).toHaveBeenCalledWith(expect.objectContaining({ text: "copied words" }));
  });
});

describe("Polish Transcription with the user's own words and rules", () => {
  let folder: string;
  beforeAll(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), "mlx-polish-vocabulary-"));
    await fs.writeFile(path.join(folder, "words.txt"), "Kubernetes\npost gress -> Postgres\n");
    await fs.writeFile(path.join(folder, "broken.txt"), "Kubernetes\n-> Postgres\n");
  });
  afterAll(() => fs.rm(folder, { recursive: true, force: true }));
  beforeEach(() => {
    mocked.polish.mockImplementation(async ({ text, style }) => polished(`Polished: ${text.trim()}`, { style }));
  });

  it("starts loading the model before it reads the text, and the polish joins that load", async () => {
    const warm = Promise.resolve({ loadMs: 1500, alreadyLoaded: false });
    mocked.prewarm.mockReturnValue(warm);
    let release!: () => void;
    raycast.selectionReady = new Promise((resolve) => (release = resolve));
    raycast.selectedText = "um the selection";
    const done = run();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The selection is still being read, and the model is already asked for.
    expect(mocked.prewarm).toHaveBeenCalledWith(
      expect.objectContaining({ modelId: "qwen3-1.7b", unloadAfterSeconds: 600 }),
    );
    expect(mocked.polish).not.toHaveBeenCalled();
    release();
    await done;
    expect(mocked.polish).toHaveBeenCalledWith(expect.objectContaining({ text: "um the selection" }));
    expect(mocked.polish.mock.calls[0][0].warmUp).toBe(warm);
  });

  it("takes the style from the rule for the app in front and names both in the HUD", async () => {
    resetRaycast({ ...raycast.preferences, appStyles: "Slack=casual; com.apple.mail=email" });
    raycast.frontmostApplication = {
      name: "Slack",
      bundleId: "com.tinyspeck.slackmacgap",
      path: "/Applications/Slack.app",
    };
    await run("um see you at the standup");
    expect(mocked.polish).toHaveBeenCalledWith(expect.objectContaining({ style: "casual" }));
    expect(raycast.huds).toEqual(["Polished with Qwen 3 1.7B · Casual · Slack · 0.8 s"]);

    mocked.polish.mockClear();
    raycast.huds = [];
    raycast.frontmostApplication = { name: "Mail", bundleId: "com.apple.mail", path: "/System/Applications/Mail.app" };
    await run("um see you at the standup");
    expect(mocked.polish).toHaveBeenCalledWith(expect.objectContaining({ style: "email" }));
    expect(raycast.huds).toEqual(["Polished with Qwen 3 1.7B · Email · Mail · 0.8 s"]);
  });

  it("keeps the Style preference for an app no rule names, or when no app is in front", async () => {
    resetRaycast({ ...raycast.preferences, appStyles: "Slack=casual" });
    await run("um hello");
    expect(mocked.polish).toHaveBeenLastCalledWith(expect.objectContaining({ style: "formal" }));
    raycast.frontmostApplication = undefined;
    await run("um hello");
    expect(mocked.polish).toHaveBeenLastCalledWith(expect.objectContaining({ style: "formal" }));
    expect(raycast.huds.at(-1)).toBe("Polished with Qwen 3 1.7B · Formal · 0.8 s");
  });

  it("with App Styles it cannot use, polishes in the Style preference and says what is wrong", async () => {
    resetRaycast({ ...raycast.preferences, appStyles: "Slack casual" });
    raycast.frontmostApplication = { name: "Slack", path: "/Applications/Slack.app" };
    await run("um hello");
    expect(mocked.polish).toHaveBeenCalledWith(expect.objectContaining({ style: "formal" }));
    expect(raycast.clipboard.pasted).toEqual(["Polished: um hello"]);
    expect(raycast.huds.at(-1)).toMatch(/· App Styles not used: App Styles: "Slack casual" is not a rule/);
  });

  it("hands the vocabulary file's entries to the polish", async () => {
    resetRaycast({ ...raycast.preferences, vocabulary: path.join(folder, "words.txt") });
    await run("we run post gress on kubernetes");
    expect(mocked.polish).toHaveBeenCalledWith(
      expect.objectContaining({
        vocabulary: [{ written: "Kubernetes" }, { heard: "post gress", written: "Postgres" }],
      }),
    );
  });

  it("pastes the original text and names the line when the vocabulary file has one it cannot use", async () => {
    resetRaycast({ ...raycast.preferences, vocabulary: path.join(folder, "broken.txt") });
    await run("we run post gress on kubernetes");
    expect(mocked.polish).not.toHaveBeenCalled();
    expect(raycast.clipboard.pasted).toEqual(["we run post gress on kubernetes"]);
    expect(raycast.huds).toEqual([
      expect.stringMatching(
        /^Vocabulary file .*broken\.txt: Line 2 needs words on both sides of "->"\. Pasted your original text\.$/,
      ),
    ]);
  });
});
