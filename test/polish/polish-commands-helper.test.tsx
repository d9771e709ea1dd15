/**
 * Both polish commands end to end: the real helper (mlx-lm on the CPU) and a tiny generated model in a
 * temporary Hugging Face cache. Only Raycast is faked. Random weights write nonsense, so the expected
 * text is whatever the core's own polish() gives for the same input (greedy decoding is deterministic).
 */
import path from "node:path";
import PolishSelection from "../../src/polish-selection";
import PolishTranscription from "../../src/polish-transcription";
import { polish, setAppleSiliconOverride, stopHelper } from "../../src/core";
import { environment, LaunchType, raycast, resetRaycast } from "../mocks/raycast-api";
import { cachedModel, polishFolders } from "../core/polish/polish-fixtures";
import { render, waitFor } from "../support/render";

// Polishes cleanly with the tiny Qwen 3 model (see polish-helper.test.ts).
const TEXT = "um so i think we should uh meet on tuesday no wait wednesday";
const root = path.resolve(__dirname, "..", "..");

let supportDir: string;
const saved = { ...process.env };
const savedSupportPath = environment.supportPath;

beforeAll(async () => {
  const folders = await polishFolders();
  supportDir = folders.supportDir;
  process.env.HF_HUB_CACHE = folders.cacheDir;
  process.env.MLX_POLISH_HELPER = `${path.join(root, "helper", ".venv", "bin", "python")} -m mlx_polish_helper`;
  environment.supportPath = supportDir;
  setAppleSiliconOverride(true);
  await cachedModel({ cacheDir: folders.cacheDir, modelId: "qwen3-1.7b" });
});

afterAll(async () => {
  await stopHelper({ supportDir });
  setAppleSiliconOverride(undefined);
  environment.supportPath = savedSupportPath;
  process.env = { ...saved };
});

beforeEach(() => resetRaycast({ model: "qwen3-1.7b", style: "clean-up", unloadAfter: "300", afterPolishing: "paste" }));

test("Polish Selected Text streams the model's text into the view and offers it to paste", async () => {
  const reference = await polish({ text: TEXT, supportDir });
  expect(reference.polished).toBe(true);

  raycast.selectedText = TEXT;
  const screen = await render(<PolishSelection />);
  const shown = new Set<string>();
  await waitFor(() => {
    shown.add(screen.one("Detail").props.markdown);
    expect(screen.one("Detail").props.isLoading).toBe(false);
  }, 60_000);

  expect(screen.one("Detail").props.markdown).toBe(reference.text);
  // Partial text appeared before the end: it streamed.
  expect([...shown].filter((text) => text && text !== reference.text).length).toBeGreaterThan(0);
  const paste = screen.all("Action.Paste").find((node) => node.props.title === "Paste Response")!;
  expect(paste.props.content).toBe(reference.text);
  const speed = screen.all("Detail.Metadata.Label").find((node) => node.props.title === "Speed");
  expect(speed?.props.text).toMatch(/^\d+ tokens\/s$/);
  await screen.unmount();
});

test("Polish Transcription pastes the polished text and names the model and the time", async () => {
  const reference = await polish({ text: TEXT, supportDir });
  await PolishTranscription({ arguments: { text: TEXT }, launchType: LaunchType.UserInitiated as never });
  expect(raycast.clipboard.pasted).toEqual([reference.text]);
  expect(raycast.huds).toEqual([expect.stringMatching(/^Polished with Qwen 3 1\.7B · \d+\.\d s$/)]);
});

test("off Apple Silicon both commands hand back the original text and say why, without a helper", async () => {
  setAppleSiliconOverride(false);
  try {
    await PolishTranscription({ arguments: { text: TEXT }, launchType: LaunchType.UserInitiated as never });
    expect(raycast.clipboard.pasted).toEqual([TEXT]);
    expect(raycast.toasts.at(-1)).toMatchObject({
      style: "failure",
      title: "MLX needs a Mac with Apple Silicon. Pasted your original text.",
    });

    raycast.selectedText = TEXT;
    const screen = await render(<PolishSelection />);
    await waitFor(() => expect(screen.one("Detail").props.isLoading).toBe(false));
    expect(screen.one("Detail").props.markdown).toMatch(/^> \*\*Kept your original text\.\*\* .+\n\n/);
    expect(screen.one("Detail").props.markdown.endsWith(TEXT)).toBe(true);
    expect(screen.actionTitles()).not.toContain("Paste Response");
    expect(screen.actionTitles()).not.toContain("Download Model");
    await screen.unmount();
  } finally {
    setAppleSiliconOverride(true);
  }
});
