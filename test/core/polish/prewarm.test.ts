/**
 * Pre-warm with the real helper (mlx-lm on the CPU) and a tiny generated model: a polish command starts
 * loading the model as it opens, and the polish that follows joins that load instead of starting its own.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import {
  HELPER_LOG_FILE,
  PREWARM_HOLD_SECONDS,
  getHelperStatus,
  polish,
  prewarm,
  stopHelper,
  unloadModel,
} from "../../../src/core";
import { cachedModel, polishFolders } from "./polish-fixtures";

const root = path.resolve(__dirname, "..", "..", "..");
const TEXT = "um so we meet on tuesday";

let supportDir: string;
let cacheDir: string;

beforeAll(async () => {
  process.env.MLX_POLISH_HELPER = `${path.join(root, "helper", ".venv", "bin", "python")} -m mlx_polish_helper`;
  ({ supportDir, cacheDir } = await polishFolders());
  await cachedModel({ cacheDir, modelId: "qwen3-1.7b" });
}, 120_000);
afterAll(async () => {
  await stopHelper({ supportDir });
  delete process.env.MLX_POLISH_HELPER;
});

async function helperLog(): Promise<string[]> {
  return (await readFile(path.join(supportDir, HELPER_LOG_FILE), "utf8").catch(() => "")).split("\n");
}

/** How many times the helper has loaded a model so far. */
async function loads(): Promise<number> {
  return (await helperLog()).filter((line) => / loaded qwen3-1\.7b from /.test(line)).length;
}

/** The time a command takes to read the selection, during which the pre-warm reaches the helper. */
const readingTheSelection = () => new Promise((resolve) => setTimeout(resolve, 300));

it("a polish that meets an unloaded model says how long loading took, apart from generating", async () => {
  const result = await polish({ text: TEXT, supportDir, cacheDir, unloadAfterSeconds: 300 });
  expect(result.timings.helperMs).toBeGreaterThan(0);
  expect(result.timings.loadMs).toBeGreaterThan(0);
  expect(result.timings.generationMs).toBeGreaterThan(0);
  const warm = await polish({ text: TEXT, supportDir, cacheDir, unloadAfterSeconds: 300 });
  expect(warm.timings.loadMs).toBe(0);
}, 120_000);

it("the polish joins a pre-warm's load: the model loads once, and its time is the pre-warm's", async () => {
  await unloadModel({ supportDir });
  const before = await loads();
  const warmUp = prewarm({ modelId: "qwen3-1.7b", unloadAfterSeconds: 300, supportDir, cacheDir });
  await readingTheSelection();
  const result = await polish({ text: TEXT, supportDir, cacheDir, unloadAfterSeconds: 300, warmUp });
  const warmed = await warmUp;
  expect(warmed).toMatchObject({ alreadyLoaded: false });
  expect(warmed!.loadMs).toBeGreaterThan(0);
  expect(result.timings.loadMs).toBe(warmed!.loadMs);
  expect(await loads()).toBe(before + 1);
}, 120_000);

it("with Unload Model After Immediately, the pre-warmed model waits for its polish, which then unloads it", async () => {
  await unloadModel({ supportDir });
  const warmed = await prewarm({ modelId: "qwen3-1.7b", unloadAfterSeconds: 0, supportDir, cacheDir });
  expect(warmed?.loadMs).toBeGreaterThan(0);
  expect(await getHelperStatus({ supportDir })).toMatchObject({
    model: { id: "qwen3-1.7b" },
    unload_after_seconds: PREWARM_HOLD_SECONDS,
  });
  const logStart = (await helperLog()).length;
  // Facts the random model cannot keep: its first rewrite is refused and gets a second try.
  await polish({
    text: "the invoice for anna is due on march fifteenth at nine",
    supportDir,
    cacheDir,
    unloadAfterSeconds: 0,
  });
  // Every request of the polish, a refused rewrite's second try included, found the model loaded: it is
  // unloaded once, after the polish, as "Immediately" asks.
  const log = (await helperLog()).slice(logStart);
  expect(log.filter((line) => /\bgenerate \S+: \d+ prompt tokens/.test(line)).length).toBeGreaterThanOrEqual(2);
  expect(log.some((line) => / loaded qwen3-1\.7b /.test(line))).toBe(false);
  for (let waited = 0; (await getHelperStatus({ supportDir }))?.model && waited < 5000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect((await getHelperStatus({ supportDir }))?.model).toBeNull();
}, 120_000);

it("a pre-warm of a model that is not downloaded resolves to nothing instead of failing", async () => {
  await expect(
    prewarm({ modelId: "gemma3-4b", unloadAfterSeconds: 300, supportDir, cacheDir }),
  ).resolves.toBeUndefined();
});
