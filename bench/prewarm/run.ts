/**
 * `npm run bench:prewarm`: what pre-warm saves. A polish command opens, reads the text (the selection: the
 * gap, ~150–400 ms on a Mac), then polishes, and the model is not loaded (the helper runs). For each case:
 * - time to first token: from the moment the command opens to the first streamed text, in ms;
 * - load wait: how much of the model's loading the user still waits for once the text is read (without
 *   pre-warm: all of it, the helper's own load time; with pre-warm: what is left of the load started as
 *   the command opened); overlap: per run, the part of the pre-warm's load done while the text was read.
 *   Time to first token on a shared CPU swings by seconds with the cold prompt's prefill; the load wait
 *   is what pre-warm changes, measured without that noise.
 * Options: --gap-ms N[,N…] (default 150,400), --runs N per case (default 3), --models tiny,bench,smollm2
 * (generated Qwen 3 models of the `tiny` and `bench` sizes, and SmolLM2-135M from PyPI).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { HELPER_LOG_FILE, polish, prewarm, stopHelper, unloadModel, type PolishParams } from "../../src/core";
import { smollm2Model } from "../../scripts/smollm2-model";
import { cachedModel, polishFolders } from "../../test/core/polish/polish-fixtures";
import { saveResults } from "../results";

const TEXT = "um so i think we should uh meet on tuesday no wait wednesday at three and bring the the report";

interface Target {
  /** The figures' key. */
  key: string;
  name: string;
  modelId: string;
  cacheDir: string;
}

interface Run {
  firstTokenMs: number;
  loadWaitMs: number;
  loadMs: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      "gap-ms": { type: "string", default: "150,400" },
      runs: { type: "string", default: "3" },
      models: { type: "string", default: "tiny,bench,smollm2" },
    },
  });
  const gaps = values["gap-ms"].split(",").map(Number);
  const runs = Number(values.runs);
  const { supportDir } = await polishFolders();
  const targets: Target[] = [];
  for (const name of values.models.split(",")) {
    if (name === "smollm2") {
      const model = await smollm2Model();
      targets.push({
        key: "smollm2",
        name: "SmolLM2-135M (float16)",
        modelId: model.modelId,
        cacheDir: model.cacheDir,
      });
    } else {
      // Each generated model in a cache of its own, under the default model's id.
      const own = (await polishFolders()).cacheDir;
      const size = name === "bench" ? "bench" : "tiny";
      await cachedModel({ cacheDir: own, modelId: "qwen3-1.7b", size });
      targets.push({ key: `qwen3_${size}`, name: `generated qwen3 (${size})`, modelId: "qwen3-1.7b", cacheDir: own });
    }
  }

  console.log(
    `bench:prewarm — a polish command opens, reads the text for the gap, polishes; the model unloaded; median of ${runs}; mlx on ${process.platform}/${process.arch}`,
  );
  console.log(
    "model                     gap ms | first token: without   with  saved | load wait: without   with  overlap | load ms",
  );
  const figures: Record<string, number> = {};
  for (const target of targets) {
    const base: PolishParams = {
      text: TEXT,
      modelId: target.modelId,
      supportDir,
      cacheDir: target.cacheDir,
      unloadAfterSeconds: 300,
    };
    // The helper runs and has loaded and unloaded this model once: what a user meets after Unload Model After.
    await polish(base);
    for (const gap of gaps) {
      const without: Run[] = [];
      const withPrewarm: Run[] = [];
      for (let run = 0; run < runs; run++) {
        await unloadModel({ supportDir });
        without.push(await openAndPolish(base, gap, false));
        await unloadModel({ supportDir });
        withPrewarm.push(await openAndPolish(base, gap, true));
      }
      const m = (runsOf: Run[], field: keyof Run) => median(runsOf.map((entry) => entry[field]));
      const row = {
        without_first_token_ms: m(without, "firstTokenMs"),
        with_first_token_ms: m(withPrewarm, "firstTokenMs"),
        without_load_wait_ms: m(without, "loadWaitMs"),
        with_load_wait_ms: m(withPrewarm, "loadWaitMs"),
        // Per run, the part of the pre-warm's own load done while the text was read: loads swing by a
        // third on a shared CPU, so the difference of two medians would not say it.
        overlap_ms: median(withPrewarm.map((entry) => entry.loadMs - entry.loadWaitMs)),
        load_ms: m([...without, ...withPrewarm], "loadMs"),
      };
      const cell = (value: number, width: number) => value.toFixed(0).padStart(width);
      console.log(
        `${target.name.padEnd(25)} ${cell(gap, 6)} | ${cell(row.without_first_token_ms, 20)} ${cell(row.with_first_token_ms, 6)} ${cell(row.without_first_token_ms - row.with_first_token_ms, 6)} | ${cell(row.without_load_wait_ms, 18)} ${cell(row.with_load_wait_ms, 6)}   ${cell(row.overlap_ms, 6)} | ${cell(row.load_ms, 7)}`,
      );
      for (const [name, value] of Object.entries(row)) figures[`${target.key}_gap${gap}_${name}`] = round(value);
    }
  }
  await stopHelper({ supportDir });
  saveResults("prewarm", { ...figures, runs, gaps: gaps.join(",") });
}

/**
 * One polish as a command makes it: opened, the text read for `gap` ms, then polished; with pre-warm the
 * load starts as the command opens. Stops the rewrite at its first token.
 */
async function openAndPolish(base: PolishParams, gap: number, withPrewarm: boolean): Promise<Run> {
  const supportDir = base.supportDir!;
  const opened = performance.now();
  let loadedAt: number | undefined;
  const warmUp = withPrewarm
    ? prewarm({ modelId: base.modelId!, unloadAfterSeconds: 300, supportDir, cacheDir: base.cacheDir }).then(
        (warmed) => {
          loadedAt = performance.now() - opened;
          return warmed;
        },
      )
    : undefined;
  await new Promise((resolve) => setTimeout(resolve, gap));
  const textReadAt = performance.now() - opened;
  const controller = new AbortController();
  let firstTokenMs: number | undefined;
  const result = await polish({
    ...base,
    warmUp,
    signal: controller.signal,
    onText: () => {
      firstTokenMs ??= performance.now() - opened;
      controller.abort();
    },
  });
  if (firstTokenMs === undefined) throw new Error(`no text streamed: ${result.reason} ${result.message}`);
  const loadMs = await lastLoadMs(supportDir);
  const warmed = await warmUp;
  if (withPrewarm && (!warmed || warmed.alreadyLoaded)) throw new Error("the pre-warm did not load the model");
  // Without pre-warm the polish's own request loads the model after the text is read: all of it is waited for.
  const loadWaitMs = withPrewarm ? Math.max(0, loadedAt! - textReadAt) : loadMs;
  return { firstTokenMs, loadWaitMs, loadMs };
}

/** The helper's own figure for its latest load ("loaded ID from PATH in N ms"). */
async function lastLoadMs(supportDir: string): Promise<number> {
  const log = await readFile(path.join(supportDir, HELPER_LOG_FILE), "utf8");
  const loads = [...log.matchAll(/ loaded \S+ from .* in (\d+) ms/g)];
  return Number(loads.at(-1)![1]);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
