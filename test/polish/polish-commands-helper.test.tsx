/**
 * Both polish commands end to end: the real helper (mlx-lm on the CPU) and a tiny generated model in a
 * temporary Hugging Face cache. Only Raycast is faked. Random weights write nonsense, so the expected
 * text is whatever the core's own polish() gives for the same input (greedy decoding is deterministic).
 */
import fs from "node:fs/promises";
import path from "node:path";
import PolishSelection from "../../src/polish-selection";
import PolishTranscription from "../../src/polish-transcription";
import { HELPER_LOG_FILE, polish, setCanRunHelperOverride, stopHelper } from "../../src/core";
import { environment, launchProps, raycast, resetRaycast } from "../mocks/raycast-api";
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
  setCanRunHelperOverride(true);
  await cachedModel({ cacheDir: folders.cacheDir, modelId: "qwen3-1.7b" });
});

afterAll(async () => {
  await stopHelper({ supportDir });
  setCanRunHelperOverride(undefined);
  environment.supportPath = savedSupportPath;
  process.env = { ...saved };
});

beforeEach(() => resetRaycast({ model: "qwen3-1.7b", style: "clean-up", unloadAfter: "300", afterPolishing: "paste" }));

test("Polish Selected Text streams the model's text into the view and offers it to paste", async () => {
  const reference = await polish({ text: TEXT, supportDir });
  expect(reference.polished).toBe(true);

  raycast.selectedText = TEXT;
  const screen = await render(<PolishSelection />);
  await waitFor(() => expect(screen.one("Detail").props.isLoading).toBe(false), 60_000);

  expect(screen.one("Detail").props.markdown).toBe(reference.text);
  // Partial text was rendered before the end: it streamed (every render is recorded, not sampled).
  const partial = raycast.detailMarkdown.filter((text) => text && text !== reference.text);
  expect(partial.length).toBeGreaterThan(0);
  const paste = screen.all("Action.Paste").find((node) => node.props.title === "Paste Response")!;
  expect(paste.props.content).toBe(reference.text);
  const speed = screen.all("Detail.Metadata.Label").find((node) => node.props.title === "Speed");
  expect(speed?.props.text).toMatch(/^\d+ tokens\/s$/);
  await screen.unmount();
});

test("Polish Transcription pastes the polished text and names the model and the time", async () => {
  const reference = await polish({ text: TEXT, supportDir });
  await PolishTranscription(launchProps({ arguments: { text: TEXT } }));
  expect(raycast.clipboard.pasted).toEqual([reference.text]);
  expect(raycast.huds).toEqual([expect.stringMatching(/^Polished with Qwen 3 1\.7B · \d+\.\d s$/)]);
});

test("off Apple Silicon both commands hand back the original text and say why, without a helper", async () => {
  setCanRunHelperOverride(false);
  try {
    await PolishTranscription(launchProps({ arguments: { text: TEXT } }));
    expect(raycast.clipboard.pasted).toEqual([TEXT]);
    expect(raycast.huds.at(-1)).toBe("MLX needs a Mac with Apple Silicon. Pasted your original text.");

    raycast.selectedText = TEXT;
    const screen = await render(<PolishSelection />);
    await waitFor(() => expect(screen.one("Detail").props.isLoading).toBe(false));
    expect(screen.one("Detail").props.markdown).toMatch(/^> \*\*Kept your original text\.\*\* .+\n\n/);
    expect(screen.one("Detail").props.markdown.endsWith(TEXT)).toBe(true);
    expect(screen.actionTitles()).not.toContain("Paste Response");
    expect(screen.actionTitles()).not.toContain("Download Model");
    await screen.unmount();
  } finally {
    setCanRunHelperOverride(true);
  }
});

test("Escape in Polish Selected Text stops the model: the next polish does not wait for the abandoned one", async () => {
  // Long enough that the tiny model's generation (max_tokens grows with the text) outlasts the test's steps.
  const long = Array.from({ length: 60 }, (_, i) => `um so point ${i} is that we uh ship it on day ${i}`).join(" ");
  const logFile = path.join(supportDir, HELPER_LOG_FILE);
  const logBefore = (await fs.readFile(logFile, "utf8").catch(() => "")).length;

  raycast.selectedText = long;
  const screen = await render(<PolishSelection />);
  await waitFor(() => expect(screen.one("Detail").props.markdown).not.toBe(""), 60_000);
  const shownAtEscape = screen.one("Detail").props.markdown as string;
  await screen.unmount(); // Escape: Raycast unloads the view.

  const next = await polish({ text: TEXT, supportDir });
  expect(next.polished).toBe(true);

  // The helper's log, in its order: the abandoned request ended as cancelled before the next one began.
  const log = (await fs.readFile(logFile, "utf8")).slice(logBefore).split("\n");
  const started = log.flatMap((line) => /\bgenerate (\S+)$/.exec(line)?.[1] ?? []);
  expect(started.length).toBeGreaterThanOrEqual(2);
  const [abandoned, following] = [started[0], started.at(-1)!];
  const cancelledAt = log.findIndex((line) => line.includes(`generate ${abandoned} failed: cancelled`));
  const nextStartedAt = log.findIndex((line) => new RegExp(`\\bgenerate ${following}$`).test(line));
  expect(cancelledAt).toBeGreaterThanOrEqual(0);
  expect(cancelledAt).toBeLessThan(nextStartedAt);
  // It never finished: no completion line for it.
  expect(log.some((line) => line.includes(`generate ${abandoned}:`))).toBe(false);
  expect(shownAtEscape.length).toBeLessThan(long.length);
}, 180_000);
