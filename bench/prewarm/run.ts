/**
 * `npm run bench:prewarm`: what pre-warm saves. A polish command opens, reads the text (the selection: the
 * gap, ~150–400 ms on a Mac), then polishes, and the model is not loaded (the helper runs). Measured from
 * the moment the command opens to the first streamed text, in ms:
 * - without pre-warm: the load starts when the polish does, after the gap;
 * - with pre-warm: `prewarm()` starts the load as the command opens, the polish joins it after the gap.
 * Options: --gap-ms N[,N…] (default 150,400), --runs N per case (default 3), --models tiny,bench,smollm2
 * (generated Qwen 3 models of the `tiny` and `bench` sizes, and SmolLM2-135M from PyPI when it is set up).
 */
import { parseArgs } from "node:util";
import { polish, prewarm, stopHelper, unloadModel, type PolishParams } from "../../src/core";
import { smollm2Model } from "../../scripts/smollm2-model";
import { cachedModel, polishFolders } from "../../test/core/polish/polish-fixtures";
import { saveResults } from "../results";

const TEXT = "um so i think we should uh meet on tuesday no wait wednesday at three and bring the the report";

interface Target {
  name: string;
  modelId: string;
  cacheDir: string;
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
      targets.push({ name: "SmolLM2-135M (float16)", modelId: model.modelId, cacheDir: model.cacheDir });
    } else {
      // Each generated model in a cache of its own, under the default model's id.
      const own = (await polishFolders()).cacheDir;
      await cachedModel({ cacheDir: own, modelId: "qwen3-1.7b", size: name === "bench" ? "bench" : "tiny" });
      targets.push({ name: `generated qwen3 (${name})`, modelId: "qwen3-1.7b", cacheDir: own });
    }
  }

  console.log(
    `bench:prewarm — time from opening a polish command to the first streamed text, the model unloaded, mlx on ${process.platform}/${process.arch}`,
  );
  console.log("model                      gap ms   without ms   with ms   saved ms   load ms");
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
      const without: number[] = [];
      const withPrewarm: number[] = [];
      const loads: number[] = [];
      for (let run = 0; run < runs; run++) {
        await unloadModel({ supportDir });
        without.push((await timeFirstToken(base, gap, false)).firstTokenMs);
        await unloadModel({ supportDir });
        const warm = await timeFirstToken(base, gap, true);
        withPrewarm.push(warm.firstTokenMs);
        loads.push(warm.loadMs);
      }
      const [a, b, load] = [median(without), median(withPrewarm), median(loads)];
      console.log(
        `${target.name.padEnd(26)} ${String(gap).padStart(6)} ${a.toFixed(0).padStart(12)} ${b.toFixed(0).padStart(9)} ${(a - b).toFixed(0).padStart(10)} ${load.toFixed(0).padStart(9)}`,
      );
      const key = `${target.name.split(" ")[0].toLowerCase()}${target.name.includes("(bench)") ? "_bench" : target.name.includes("(tiny)") ? "_tiny" : ""}_gap${gap}`;
      Object.assign(figures, {
        [`${key}_without_ms`]: round(a),
        [`${key}_with_ms`]: round(b),
        [`${key}_load_ms`]: round(load),
      });
    }
  }
  await stopHelper({ supportDir });
  saveResults("prewarm", { ...figures, runs, gaps: gaps.join(",") });
}

/**
 * From "the command opens" to the first streamed text: the text is read for `gap` ms, then polished; with
 * pre-warm, the load starts as the command opens. Also the pre-warm's load time.
 */
async function timeFirstToken(base: PolishParams, gap: number, withPrewarm: boolean) {
  const opened = performance.now();
  const warmUp = withPrewarm
    ? prewarm({ modelId: base.modelId!, unloadAfterSeconds: 300, supportDir: base.supportDir, cacheDir: base.cacheDir })
    : undefined;
  await new Promise((resolve) => setTimeout(resolve, gap));
  // Only the first token matters here: the rest of the rewrite is cancelled.
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
  const warmed = await warmUp;
  return { firstTokenMs, loadMs: warmed?.loadMs ?? 0 };
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
