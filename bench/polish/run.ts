/**
 * `npm run bench:polish`: what polishing costs on top of the model. Polishes through the real helper
 * with the bench-size generated model and prints, in ms:
 * - warm: end-to-end `polish()` time vs the helper's own time for the same request (the overhead is
 *   ours: connecting, prompt building, JSON lines, the guard; target ≤ 10 ms median);
 * - cold: helper not running (start + load + generate), and helper running with the model unloaded.
 * Options: --runs N (warm runs, default 10), --cold-runs N (default 2), --size tiny|bench (the generated
 * model: `bench` ≈ 80 M parameters, default; `tiny` isolates the overhead from generation time).
 */
import { parseArgs } from "node:util";
import { polish, stopHelper, unloadModel, type PolishResult } from "../../src/core";
import { cachedModel, polishFolders } from "../../test/core/polish/polish-fixtures";
import { saveResults } from "../results";

const TEXT = "um so i think we should uh meet on tuesday no wait wednesday at three and bring the the report";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: "string", default: "10" },
      "cold-runs": { type: "string", default: "2" },
      size: { type: "string", default: "bench" },
    },
  });
  const { supportDir, cacheDir } = await polishFolders();
  const size = values.size === "tiny" ? "tiny" : "bench";
  await cachedModel({ cacheDir, modelId: "qwen3-1.7b", size });
  const run = async () => check(await polish({ text: TEXT, supportDir, cacheDir, unloadAfterSeconds: null }));

  const coldStart: number[] = [];
  const coldLoad: number[] = [];
  for (let index = 0; index < Number(values["cold-runs"]); index++) {
    await stopHelper({ supportDir });
    coldStart.push((await run()).timings.totalMs);
    await unloadModel({ supportDir });
    coldLoad.push((await run()).timings.totalMs);
  }

  await run(); // warm the prompt cache for this style
  const total: number[] = [];
  const helper: number[] = [];
  const overhead: number[] = [];
  const firstToken: number[] = [];
  for (let index = 0; index < Number(values.runs); index++) {
    const { timings } = await run();
    total.push(timings.totalMs);
    helper.push(timings.helperMs!);
    overhead.push(timings.totalMs - timings.helperMs!);
    firstToken.push(timings.firstTokenMs!);
  }
  await stopHelper({ supportDir });

  console.log(
    `bench:polish — ${size} generated qwen3 model, ${TEXT.length}-character text, mlx on ${process.platform}/${process.arch}`,
  );
  print("cold: helper not running", coldStart);
  print("cold: helper up, model unloaded", coldLoad);
  print("warm: polish() end to end", total);
  print("warm: helper's own time", helper);
  print("warm: first text streamed", firstToken);
  print("warm: overhead (end to end − helper)", overhead);
  saveResults("polish", {
    model_size: size,
    warm_runs: total.length,
    warm_total_ms_median: median(total),
    warm_helper_ms_median: median(helper),
    warm_overhead_ms_median: median(overhead),
    warm_first_text_ms_median: median(firstToken),
    cold_helper_not_running_ms_median: median(coldStart),
    cold_model_unloaded_ms_median: median(coldLoad),
  });
}

function median(values: number[]): number | null {
  return values.length ? [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] : null;
}

function check(result: PolishResult): PolishResult {
  // The guard may refuse the random model's answer; anything else means the measurement is wrong.
  if (!result.polished && result.reason !== "guard_tripped") throw new Error(`${result.reason}: ${result.message}`);
  if (result.timings.helperMs === undefined && result.polished) throw new Error("no helper timing");
  return result;
}

function print(label: string, values: number[]): void {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (quantile: number) => sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))];
  const format = (value: number) => value.toFixed(1).padStart(8);
  console.log(
    `${label.padEnd(40)} median ${format(at(0.5))}   p90 ${format(at(0.9))}   min ${format(sorted[0])}   (n=${values.length})`,
  );
}

void main();
