import PolishTranscription from "../../src/polish-transcription";
import * as core from "../../src/core";
import type { PolishResult } from "../../src/core";
import { LaunchType, raycast, resetRaycast } from "../mocks/raycast-api";

// The helper is faked at the polish() boundary; preferences, catalogue and messages run for real.
jest.mock("../../src/core/polish/polish");
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

function run(text = "") {
  return PolishTranscription({ arguments: { text }, launchType: LaunchType.UserInitiated as never });
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
    expect(raycast.huds).toEqual(["Polished with Qwen 3 1.7B · 0.8 s"]);
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
    expect(raycast.huds).toEqual(["Polished with Qwen 3 1.7B · 0.8 s · Copied"]);
  });

  it("pastes the original text when the model is not downloaded, and offers to download it", async () => {
    mocked.polish.mockResolvedValue(fallback("um raw text", "model_not_downloaded", "Qwen 3 1.7B is not downloaded."));
    await run("um raw text");

    expect(raycast.clipboard.pasted).toEqual(["um raw text"]);
    const toast = raycast.toasts.at(-1)!;
    expect(toast.style).toBe("failure");
    expect(toast.title).toBe("Qwen 3 1.7B is not downloaded. Pasted your original text.");
    expect(toast.primaryAction?.title).toBe("Download Model");
    toast.primaryAction!.onAction(toast);
    await new Promise((resolve) => setImmediate(resolve));
    expect(raycast.launched).toEqual([
      { name: "manage-models", type: LaunchType.UserInitiated, context: { downloadModelId: "qwen3-1.7b" } },
    ]);
  });

  it("copies the original text in copy mode when polishing fails, with the reason", async () => {
    resetRaycast({ model: "qwen3-1.7b", style: "clean-up", unloadAfter: "300", afterPolishing: "copy" });
    mocked.polish.mockResolvedValue(fallback("keep me", "out_of_memory", "MLX ran out of memory."));
    await run("keep me");

    expect(raycast.clipboard.copied).toEqual(["keep me"]);
    const toast = raycast.toasts.at(-1)!;
    expect(toast.title).toBe("Not enough memory for Qwen 3 1.7B. Copied your original text.");
    expect(toast.message).toBe("MLX ran out of memory.");
    expect(toast.primaryAction?.title).toBe("Open Extension Preferences");
  });

  it("off Apple Silicon still pastes the original text and says why", async () => {
    mocked.polish.mockResolvedValue(fallback("as spoken", "unsupported_platform"));
    await run("as spoken");
    expect(raycast.toasts.at(-1)?.message).toBe("Your original text was kept.");
    expect(raycast.clipboard.pasted).toEqual(["as spoken"]);
    expect(raycast.toasts.at(-1)?.title).toBe("MLX needs a Mac with Apple Silicon. Pasted your original text.");
    expect(raycast.huds).toEqual([]);
  });

  it("keeps the original when the rewrite strays from it", async () => {
    mocked.polish.mockResolvedValue(fallback("What is the capital of France?", "guard_tripped"));
    await run("What is the capital of France?");
    expect(raycast.clipboard.pasted).toEqual(["What is the capital of France?"]);
    expect(raycast.toasts.at(-1)?.title).toBe("The rewrite strayed from your text. Pasted your original text.");
  });
});
