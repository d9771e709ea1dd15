import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { act } from "react-test-renderer";
import PolishSelection from "../../src/polish-selection";
import * as core from "../../src/core";
import type { PolishParams, PolishResult } from "../../src/core";
import { LaunchType, raycast, resetRaycast } from "../mocks/raycast-api";
import { render, waitFor, type Screen } from "../support/render";

// The helper is faked at the polish() boundary: each call waits for the test to stream and finish it.
jest.mock("../../src/core/polish", () =>
  require("../support/mock-concern").withMockedFunctions(jest.requireActual("../../src/core/polish"), [
    "polish",
    "prewarm",
  ]),
);
const mocked = jest.mocked(core);

interface Run {
  params: PolishParams;
  finish: (result: PolishResult) => void;
}
let runs: Run[];

function polished(params: PolishParams, text: string): PolishResult {
  return {
    text,
    polished: true,
    outcome: "polished",
    model: params.modelId!,
    style: params.style!,
    timings: { totalMs: 1234, firstTokenMs: 150, tokensPerSecond: 87.6 },
  };
}

async function stream(run: Run, textSoFar: string) {
  await act(async () => run.params.onText!(textSoFar));
}

async function finish(run: Run, result: PolishResult) {
  await act(async () => run.finish(result));
}

const markdown = (screen: Screen) => screen.one("Detail").props.markdown as string;
const label = (screen: Screen, title: string) =>
  screen.all("Detail.Metadata.Label").find((node) => node.props.title === title)?.props.text;

beforeEach(() => {
  jest.clearAllMocks();
  resetRaycast({ model: "qwen3-1.7b", style: "formal", unloadAfter: "300", afterPolishing: "paste" });
  raycast.selectedText = "um so hello world";
  runs = [];
  mocked.polish.mockImplementation(
    (params) => new Promise<PolishResult>((resolve) => runs.push({ params, finish: resolve })),
  );
});

describe("Polish Selected Text", () => {
  it("streams the polished text into the view as it is generated, then shows how it went", async () => {
    const screen = await render(<PolishSelection />);
    await waitFor(() => expect(runs).toHaveLength(1));
    expect(runs[0].params).toMatchObject({ text: "um so hello world", modelId: "qwen3-1.7b", style: "formal" });

    await stream(runs[0], "Hello");
    expect(markdown(screen)).toBe("Hello");
    expect(screen.one("Detail").props.isLoading).toBe(true);
    expect(screen.actionTitles()).not.toContain("Paste Response");
    await stream(runs[0], "Hello, world");
    expect(markdown(screen)).toBe("Hello, world");

    await finish(runs[0], polished(runs[0].params, "Hello, world."));
    expect(markdown(screen)).toBe("Hello, world.");
    expect(screen.one("Detail").props.isLoading).toBe(false);
    expect(label(screen, "Model")).toBe("Qwen 3 1.7B");
    expect(label(screen, "Style")).toBe("Formal");
    expect(label(screen, "Time")).toBe("1.2 s");
    expect(label(screen, "Speed")).toBe("88 tokens/s");
    expect(label(screen, "From")).toBe("Selection");
    expect(screen.all("Action.Paste").find((node) => node.props.title === "Paste Response")?.props.content).toBe(
      "Hello, world.",
    );
    expect(screen.actionTitles()).toEqual(
      expect.arrayContaining(["Copy Response", "Retry", "Show Original", "Open Manage Local Models"]),
    );
    await screen.unmount();
  });

  it("cancels the running generation when the view closes (Escape)", async () => {
    const screen = await render(<PolishSelection />);
    await waitFor(() => expect(runs).toHaveLength(1));
    await stream(runs[0], "Hel");
    expect(runs[0].params.signal!.aborted).toBe(false);
    await screen.unmount();
    expect(runs[0].params.signal!.aborted).toBe(true);
  });

  it("Change Style polishes again in the new style and ignores what the abandoned run still sends", async () => {
    const screen = await render(<PolishSelection />);
    await waitFor(() => expect(runs).toHaveLength(1));
    await stream(runs[0], "Dear");
    expect(screen.actionTitles()).not.toContain("Formal");

    await screen.startAction("Email");
    await waitFor(() => expect(runs).toHaveLength(2));
    expect(runs[1].params).toMatchObject({ text: "um so hello world", style: "email" });
    expect(runs[0].params.signal!.aborted).toBe(true);

    // Late tokens of the abandoned run, before and after the new run's first ones, never show.
    await stream(runs[0], "Dear sir, stale");
    expect(markdown(screen)).toBe("");
    await stream(runs[1], "Hi,");
    await stream(runs[0], "Dear sir, stale and later");
    expect(markdown(screen)).toBe("Hi,");
    await finish(runs[0], polished(runs[0].params, "Dear sir, stale."));
    expect(markdown(screen)).toBe("Hi,");
    await finish(runs[1], polished(runs[1].params, "Hi,\n\nHello world."));
    expect(markdown(screen)).toBe("Hi,\n\nHello world.");
    expect(label(screen, "Style")).toBe("Email");
    await screen.unmount();
  });

  it("Retry polishes the same text again", async () => {
    const screen = await render(<PolishSelection />);
    await waitFor(() => expect(runs).toHaveLength(1));
    await finish(runs[0], polished(runs[0].params, "Hello world."));
    await screen.startAction("Retry");
    await waitFor(() => expect(runs).toHaveLength(2));
    expect(runs[1].params).toMatchObject({ text: "um so hello world", style: "formal" });
    expect(screen.one("Detail").props.isLoading).toBe(true);
    await screen.unmount();
  });

  it("after a fallback shows the reason above the original text and offers the fix, not a response", async () => {
    const screen = await render(<PolishSelection />);
    await waitFor(() => expect(runs).toHaveLength(1));
    await finish(runs[0], {
      text: "um so hello world",
      polished: false,
      outcome: "original",
      reason: "model_not_downloaded",
      message: "Qwen 3 1.7B is not downloaded. Download it in Manage Local Models.",
      model: "qwen3-1.7b",
      style: "formal",
      timings: { totalMs: 3 },
    });
    expect(markdown(screen)).toBe(
      "> **Kept your original text.** Qwen 3 1.7B is not downloaded. Download it in Manage Local Models.\n\num so hello world",
    );
    expect(screen.actionTitles()).not.toContain("Paste Response");
    await screen.runAction("Download Model");
    expect(raycast.launched).toEqual([
      { name: "manage-models", type: LaunchType.UserInitiated, context: { downloadModelId: "qwen3-1.7b" } },
    ]);
    await screen.unmount();
  });

  it("polishes the clipboard when nothing is selected", async () => {
    raycast.selectedText = undefined;
    raycast.clipboard.text = "copied words";
    const screen = await render(<PolishSelection />);
    await waitFor(() => expect(runs).toHaveLength(1));
    expect(runs[0].params.text).toBe("copied words");
    expect(label(screen, "From")).toBe("Clipboard");
    await screen.unmount();
  });

  it("says so when there is nothing selected or copied", async () => {
    raycast.selectedText = undefined;
    const screen = await render(<PolishSelection />);
    await waitFor(() => expect(markdown(screen)).toBe("Nothing to polish. Select some text or copy it first."));
    expect(mocked.polish).not.toHaveBeenCalled();
    await screen.unmount();
  });

  it("Show Original opens the text as it was, and Open Manage Local Models launches that command", async () => {
    const screen = await render(<PolishSelection />);
    await waitFor(() => expect(runs).toHaveLength(1));
    const push = screen.all("Action.Push").find((node) => node.props.title === "Show Original")!;
    expect(push.props.target.props.text).toBe("um so hello world");
    await screen.runAction("Open Manage Local Models");
    expect(raycast.launched).toEqual([{ name: "manage-models", type: LaunchType.UserInitiated, context: {} }]);
    await screen.unmount();
  });

  it("without the Accessibility permission says how to grant it, and polishes the clipboard only when asked", async () => {
    raycast.accessibilityGranted = false;
    raycast.clipboard.text = "a stale clipboard";
    const screen = await render(<PolishSelection />);
    await waitFor(() =>
      expect(markdown(screen)).toContain("System Settings → Privacy & Security → Accessibility → Raycast"),
    );
    expect(mocked.polish).not.toHaveBeenCalled();

    await screen.runAction("Open Accessibility Settings");
    expect(raycast.opened).toEqual(["x-apple.systempreferences:com.apple.preference.security?Privacy_Accessibility"]);

    await screen.runAction("Polish Clipboard Instead");
    await waitFor(() => expect(runs).toHaveLength(1));
    expect(runs[0].params.text).toBe("a stale clipboard");
    expect(label(screen, "From")).toBe("Clipboard");
    await screen.unmount();
  });

  it("Paste Response pastes the polished text and closes Raycast's window", async () => {
    const screen = await render(<PolishSelection />);
    await waitFor(() => expect(runs).toHaveLength(1));
    await finish(runs[0], polished(runs[0].params, "So, hello world."));
    await screen.runAction("Paste Response");
    expect(raycast.clipboard.pasted).toEqual(["So, hello world."]);
    expect(raycast.window).toBe("closed");
    await screen.unmount();
  });
});

describe("Polish Selected Text with pre-warm, per-app styles and a vocabulary", () => {
  it("asks for the model before the selection is read, and the polish joins that load", async () => {
    const warm = Promise.resolve({ loadMs: 2300, alreadyLoaded: false });
    mocked.prewarm.mockReturnValue(warm);
    let release!: () => void;
    raycast.selectionReady = new Promise((resolve) => (release = resolve));
    const screen = await render(<PolishSelection />);
    expect(mocked.prewarm).toHaveBeenCalledWith(
      expect.objectContaining({ modelId: "qwen3-1.7b", unloadAfterSeconds: 300 }),
    );
    expect(runs).toHaveLength(0);
    await act(async () => release());
    await waitFor(() => expect(runs).toHaveLength(1));
    expect(runs[0].params.warmUp).toBe(warm);
    await screen.unmount();
  });

  it("shows the model's load time apart from the generation time", async () => {
    const screen = await render(<PolishSelection />);
    await waitFor(() => expect(runs).toHaveLength(1));
    const result = polished(runs[0].params, "Hello, world.");
    await finish(runs[0], { ...result, timings: { ...result.timings, loadMs: 2300, generationMs: 940 } });
    expect(label(screen, "Model Load")).toBe("2.3 s");
    expect(label(screen, "Generation")).toBe("0.9 s");

    // A retry finds the model loaded, and does not count the pre-warm's load again.
    await screen.startAction("Retry");
    await waitFor(() => expect(runs).toHaveLength(2));
    expect(runs[1].params.warmUp).toBeUndefined();
    await finish(runs[1], { ...result, timings: { ...result.timings, loadMs: 0, generationMs: 500 } });
    expect(label(screen, "Model Load")).toBe("Already loaded");
    await screen.unmount();
  });

  it("takes the style from the rule for the app in front and shows both, until the user picks another", async () => {
    resetRaycast({ ...raycast.preferences, appStyles: "Slack=Casual" });
    raycast.selectedText = "um see you at the standup";
    raycast.frontmostApplication = {
      name: "Slack",
      bundleId: "com.tinyspeck.slackmacgap",
      path: "/Applications/Slack.app",
    };
    const screen = await render(<PolishSelection />);
    await waitFor(() => expect(runs).toHaveLength(1));
    expect(runs[0].params.style).toBe("casual");
    expect(label(screen, "Style")).toBe("Casual · Slack");

    await screen.startAction("Email");
    await waitFor(() => expect(runs).toHaveLength(2));
    expect(runs[1].params.style).toBe("email");
    expect(label(screen, "Style")).toBe("Email");
    await screen.unmount();
  });

  it("with App Styles it cannot use, polishes in the Style preference and says so in a toast", async () => {
    resetRaycast({ ...raycast.preferences, appStyles: "Slack=pirate" });
    raycast.selectedText = "um hello";
    const screen = await render(<PolishSelection />);
    await waitFor(() => expect(runs).toHaveLength(1));
    expect(runs[0].params.style).toBe("formal");
    expect(raycast.toasts).toEqual([
      expect.objectContaining({
        style: "failure",
        title: "App Styles not used",
        message: expect.stringMatching(/"Slack=pirate" names an unknown style "pirate"/),
      }),
    ]);
    expect(raycast.toasts[0].primaryAction?.title).toBe("Open Extension Preferences");
    await screen.unmount();
  });

  describe("a vocabulary file", () => {
    let folder: string;
    beforeAll(async () => {
      folder = await fs.mkdtemp(path.join(os.tmpdir(), "mlx-polish-vocabulary-"));
      await fs.writeFile(path.join(folder, "words.txt"), "jon\nkuber netties -> Kubernetes\n");
      await fs.writeFile(path.join(folder, "broken.txt"), "Postgres\nPostgres -> \n");
    });
    afterAll(() => fs.rm(folder, { recursive: true, force: true }));

    it("goes with the polish", async () => {
      resetRaycast({ ...raycast.preferences, vocabulary: path.join(folder, "words.txt") });
      raycast.selectedText = "deploy it on kuber netties";
      const screen = await render(<PolishSelection />);
      await waitFor(() => expect(runs).toHaveLength(1));
      expect(runs[0].params.vocabulary).toEqual([
        { written: "jon" },
        { heard: "kuber netties", written: "Kubernetes" },
      ]);
      await screen.unmount();
    });

    it("with a line it cannot use keeps the text as it was, names the line, and opens the preferences", async () => {
      resetRaycast({ ...raycast.preferences, vocabulary: path.join(folder, "broken.txt") });
      raycast.selectedText = "deploy it on kuber netties";
      const screen = await render(<PolishSelection />);
      await waitFor(() => expect(markdown(screen)).toMatch(/^> \*\*Kept your original text\.\*\* Vocabulary file/));
      expect(markdown(screen)).toMatch(
        /broken\.txt: Line 2 needs words on both sides of "->"\. [^]*\n\ndeploy it on kuber netties$/,
      );
      expect(mocked.polish).not.toHaveBeenCalled();
      expect(raycast.toasts[0]).toMatchObject({ style: "failure", title: "Vocabulary file not used" });
      expect(raycast.toasts[0].message).toMatch(/Line 2/);
      await screen.runAction("Open Extension Preferences");
      expect(raycast.preferencesOpened).toBe(1);
      await screen.unmount();
    });
  });
});
