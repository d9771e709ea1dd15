/**
 * Polishing end to end with the real helper (mlx-lm on the CPU) and tiny generated models: the source
 * helper always, the frozen one too when `assets/helper/` holds a build. Random weights write garbage,
 * so expectations come from the helper's own deterministic (greedy) answer for the same request, judged
 * by the same output guard and faithfulness check (which refuse most garbage: the original comes back).
 */
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { isProcessAlive } from "../../../src/core/is-process-alive";
import {
  acceptRewrite,
  buildPrompt,
  findModel,
  getHelperStatus,
  guardOutput,
  helperGenerate,
  helperSocketPath,
  isModelBusy,
  loadModel,
  polish,
  splitText,
  stopHelper,
  unloadModel,
  withHelper,
  type PolishResult,
} from "../../../src/core";
import { connectRunningHelper } from "../../../src/core/helper/ensure-helper";
import { cachedModel, polishFolders } from "./polish-fixtures";

const root = path.resolve(__dirname, "..", "..", "..");
const frozenHelper = path.join(root, "assets", "helper", "mlx-polish-helper", "mlx-polish-helper");
const helpers = [
  { kind: "source", command: `${path.join(root, "helper", ".venv", "bin", "python")} -m mlx_polish_helper` },
  ...(existsSync(frozenHelper) ? [{ kind: "frozen", command: frozenHelper }] : []),
];

const TEXT = "um so i think we should uh meet on tuesday no wait wednesday";
// For the tiny Qwen 3 model this text draws an answer 15 times its length: the guard must refuse it.
const GUARD_TRIPPING_TEXT = "so we meet at noon";

describe.each(helpers)("polishing with the $kind helper", ({ command }) => {
  let supportDir: string;
  let cacheDir: string;
  const modelPaths: Record<string, string> = {};

  beforeAll(async () => {
    process.env.MLX_POLISH_HELPER = command;
    ({ supportDir, cacheDir } = await polishFolders());
    modelPaths["qwen3-1.7b"] = await cachedModel({ cacheDir, modelId: "qwen3-1.7b" });
    modelPaths["gemma3-1b"] = await cachedModel({ cacheDir, modelId: "gemma3-1b" });
  });
  afterAll(async () => {
    await stopHelper({ supportDir });
    delete process.env.MLX_POLISH_HELPER;
  });

  /** What polishing `text` must give: the guard's verdict on the helper's own answer to the same prompt. */
  async function expected(text: string, modelId = "qwen3-1.7b") {
    const prompt = buildPrompt({ text, style: "clean-up", model: findModel(modelId) });
    const answer = await withHelper({ supportDir }, async (helper) => {
      const stream = helperGenerate(helper, {
        model_id: modelId,
        model_path: modelPaths[modelId],
        messages: prompt.messages,
        fixed_prefix_messages: prompt.fixedPrefixMessages,
      });
      for (let next = await stream.next(); ; next = await stream.next()) if (next.done) return next.value.text;
    });
    const guarded = guardOutput({ input: text, output: answer });
    if (!guarded.ok) return guarded;
    const accepted = acceptRewrite({ input: text, output: guarded.text, style: "clean-up" });
    return { ok: true as const, text: accepted.text, outcome: accepted.outcome };
  }

  /** The helper answered and the answer was judged (used, or refused as unfaithful): polishing works. */
  function expectJudgedAnswer(result: PolishResult) {
    expect(result.timings.helperMs).toBeGreaterThan(0);
    if (result.outcome === "original") expect(result.reason).toBe("unfaithful");
  }

  async function helperPid(): Promise<number> {
    const helper = (await connectRunningHelper(helperSocketPath({ supportDir })))!;
    helper.connection.close();
    return helper.hello.pid;
  }

  it("polishes a transcription into the model's answer as the checks judge it, streaming it as it comes", async () => {
    const seen: string[] = [];
    const result = await polish({ text: TEXT, supportDir, cacheDir, onText: (text) => seen.push(text) });
    const verdict = await expected(TEXT);
    if (!verdict.ok) throw new Error("the guard refused the tiny model's answer");
    const outcome = verdict.outcome === "unfaithful" ? "original" : verdict.outcome;
    expect(result).toMatchObject({ text: verdict.text, outcome, model: "qwen3-1.7b" });
    expect(seen.length).toBeGreaterThan(1);
    expect(result.timings.firstTokenMs).toBeLessThanOrEqual(result.timings.totalMs);
    expect(result.timings.tokensPerSecond).toBeGreaterThan(0);
  });

  it("reports the model busy while it polishes, and free once done", async () => {
    const busy: (string | undefined)[] = [];
    const states: string[] = [];
    const report = once(async () => {
      busy.push(await isModelBusy("qwen3-1.7b", { supportDir }));
      busy.push(await isModelBusy("gemma3-1b", { supportDir }));
      states.push((await getHelperStatus({ supportDir }))!.state);
    });
    let reported: Promise<void> | undefined;
    // A longer text keeps the model generating well past the two status requests.
    const text = `${TEXT}. `.repeat(8);
    await polish({ text, supportDir, cacheDir, onText: () => (reported ??= report()) });
    await reported;
    expect(busy).toEqual(["Qwen 3 1.7B is polishing text right now.", undefined]);
    expect(states).toEqual(["generating"]);
    expect(await isModelBusy("qwen3-1.7b", { supportDir })).toBeUndefined();
  });

  it("loads and unloads a model on request, with the Unload Model After setting", async () => {
    const loaded = await loadModel({ modelId: "gemma3-1b", unloadAfterSeconds: 600, supportDir, cacheDir });
    expect(loaded).toMatchObject({ model_id: "gemma3-1b" });
    const status = (await getHelperStatus({ supportDir }))!;
    expect(status).toMatchObject({ model: { id: "gemma3-1b" }, unload_after_seconds: 600, state: "idle" });
    expect(status.unload_deadline).toBeGreaterThan(Date.now() / 1000 + 500);
    expect(await unloadModel({ supportDir })).toEqual({ unloaded: true });
    expect((await getHelperStatus({ supportDir }))!.model).toBeNull();
    expect(await unloadModel({ supportDir })).toEqual({ unloaded: false });
  });

  it("keeps the original text when the model's answer fails the guard", async () => {
    const verdict = await expected(GUARD_TRIPPING_TEXT);
    expect(verdict).toMatchObject({ ok: false, message: expect.stringMatching(/far longer/) });
    const result = await polish({ text: GUARD_TRIPPING_TEXT, supportDir, cacheDir });
    expect(result).toMatchObject({ text: GUARD_TRIPPING_TEXT, polished: false, reason: "guard_tripped" });
    expect(result.message).toMatch(/far longer.*Your text is unchanged/);
    // The helper did answer: how long it took is reported like any polish's.
    expect(result.timings.helperMs).toBeGreaterThan(0);
  });

  it("switches models between two requests", async () => {
    const first = await polish({ text: TEXT, modelId: "gemma3-1b", supportDir, cacheDir });
    expect((await getHelperStatus({ supportDir }))!.model).toEqual({ id: "gemma3-1b", path: modelPaths["gemma3-1b"] });
    const second = await polish({ text: TEXT, modelId: "qwen3-1.7b", supportDir, cacheDir });
    expect((await getHelperStatus({ supportDir }))!.model!.id).toBe("qwen3-1.7b");
    for (const [result, modelId] of [
      [first, "gemma3-1b"],
      [second, "qwen3-1.7b"],
    ] as [PolishResult, string][]) {
      const verdict = await expected(TEXT, modelId);
      expect(result.text).toBe(verdict.ok ? verdict.text : TEXT);
      expectJudgedAnswer(result);
      expect(result.model).toBe(modelId);
    }
  });

  it("unloads the model when told to, and reloads it for the next polish", async () => {
    await polish({ text: TEXT, supportDir, cacheDir, unloadAfterSeconds: 0 });
    await waitFor(async () => (await getHelperStatus({ supportDir }))?.model === null);
    const again = await polish({ text: TEXT, supportDir, cacheDir, unloadAfterSeconds: null });
    expectJudgedAnswer(again);
    expect((await getHelperStatus({ supportDir }))!.model!.id).toBe("qwen3-1.7b");
  });

  it("polishes long text piece by piece, exactly as each piece alone", async () => {
    const paragraph = "so the plan is we ship on monday and then we see what the users say about it. ";
    const text = `${paragraph.repeat(12).trim()}\n\n${paragraph.repeat(12).trim()}\n\n${paragraph.repeat(5).trim()}`;
    const pieces = splitText(text);
    expect(pieces.length).toBeGreaterThan(1);
    const result = await polish({ text, supportDir, cacheDir });
    const verdicts = [];
    for (const piece of pieces) verdicts.push(await expected(piece.text));
    const texts = verdicts.map((verdict) => (verdict.ok ? verdict.text : "guard tripped on a piece"));
    const joined = texts.map((piece, index) => piece + (index < pieces.length - 1 ? pieces[index].gap : "")).join("");
    const everyPieceRefused = verdicts.every((verdict) => verdict.ok && verdict.outcome === "unfaithful");
    expect(result.text).toBe(everyPieceRefused ? text : joined);
    expectJudgedAnswer(result);
  });

  it("answers two concurrent polishes, each with its own text", async () => {
    const other = "hey can you uh send me the the notes from today";
    const [one, two] = await Promise.all([
      polish({ text: TEXT, supportDir, cacheDir }),
      polish({ text: other, supportDir, cacheDir }),
    ]);
    for (const [result, text] of [
      [one, TEXT],
      [two, other],
    ] as [PolishResult, string][]) {
      const verdict = await expected(text);
      expect(result.text).toBe(verdict.ok ? verdict.text : text);
      expectJudgedAnswer(result);
    }
  });

  it("hands the original text back when the helper is killed mid-rewrite, and the next polish works", async () => {
    const pid = await helperPid();
    const result = await polish({
      text: TEXT,
      supportDir,
      cacheDir,
      onText: once(() => process.kill(pid, "SIGKILL")),
    });
    expect(result).toMatchObject({ text: TEXT, polished: false, reason: "helper_unavailable" });
    const next = await polish({ text: TEXT, supportDir, cacheDir });
    expectJudgedAnswer(next);
    expect(await helperPid()).not.toBe(pid);
  });

  it("kills a hung helper, falls back with a timeout, and starts a fresh one next time", async () => {
    const pid = await helperPid();
    const result = await polish({
      text: TEXT,
      supportDir,
      cacheDir,
      stallTimeoutMs: 1000,
      onText: () => process.kill(pid, "SIGSTOP"),
    });
    expect(result).toMatchObject({ text: TEXT, polished: false, reason: "timeout" });
    await waitFor(async () => !isProcessAlive(pid));
    expectJudgedAnswer(await polish({ text: TEXT, supportDir, cacheDir }));
  });

  it("stops when cancelled and keeps the helper for the next polish", async () => {
    const controller = new AbortController();
    const pid = await helperPid();
    const result = await polish({
      text: TEXT,
      supportDir,
      cacheDir,
      signal: controller.signal,
      onText: () => controller.abort(),
    });
    expect(result).toMatchObject({ text: TEXT, polished: false, reason: "cancelled" });
    expectJudgedAnswer(await polish({ text: TEXT, supportDir, cacheDir }));
    expect(await helperPid()).toBe(pid);
  });

  it("says the model cannot be loaded when this mlx-lm does not know its architecture", async () => {
    const { cacheDir: otherCache } = await polishFolders();
    const snapshot = await cachedModel({ cacheDir: otherCache, modelId: "qwen3-0.6b" });
    const config = JSON.parse(await readFile(path.join(snapshot, "config.json"), "utf8"));
    await writeFile(path.join(snapshot, "config.json"), JSON.stringify({ ...config, model_type: "qwen99" }));
    const result = await polish({ text: TEXT, modelId: "qwen3-0.6b", supportDir, cacheDir: otherCache });
    expect(result).toMatchObject({ text: TEXT, polished: false, reason: "load_failed" });
    expect(result.message).toMatch(/qwen99/);
  });

  it("says the model is damaged when mlx-lm cannot read its weights", async () => {
    const { cacheDir: brokenCache } = await polishFolders();
    await cachedModel({ cacheDir: brokenCache, modelId: "qwen3-0.6b", corruptWeights: true });
    const result = await polish({ text: TEXT, modelId: "qwen3-0.6b", supportDir, cacheDir: brokenCache });
    expect(result).toMatchObject({ text: TEXT, polished: false, reason: "model_corrupt" });
    expectJudgedAnswer(await polish({ text: TEXT, supportDir, cacheDir }));
  });
});

function once<T>(action: () => T): () => T | undefined {
  let done = false;
  return () => {
    if (done) return undefined;
    done = true;
    return action();
  };
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
