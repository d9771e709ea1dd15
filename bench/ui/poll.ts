/**
 * `npm run bench:ui-poll`: what one refresh of Manage Local Models costs, the work its hook repeats every
 * second while something is in flight and every 5 s otherwise: `getModelStates` (disk + the shared state
 * file) and `getHelperStatus` (a socket round trip). Two tiny models sit ready in a temporary Hub cache.
 * Prints wall and CPU milliseconds per refresh (median and p95), without a helper and with one running.
 * Options: --runs N (refreshes per case, default 200).
 */
import { parseArgs } from "node:util";
import { getHelperStatus, getModelStates, loadModel, setAppleSiliconOverride, stopHelper } from "../../src/core";
import { cachedModel, polishFolders } from "../../test/core/polish/polish-fixtures";

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

async function measure(runs: number, refresh: () => Promise<unknown>) {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let index = 0; index < runs; index++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    await refresh();
    const used = process.cpuUsage(cpuStarted);
    wall.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall, cpu };
}

function report(name: string, { wall, cpu }: { wall: number[]; cpu: number[] }): void {
  const format = (value: number) => value.toFixed(2).padStart(7);
  console.log(
    `${name.padEnd(22)} wall ms: median ${format(percentile(wall, 0.5))}  p95 ${format(percentile(wall, 0.95))}` +
      `   cpu ms: median ${format(percentile(cpu, 0.5))}  p95 ${format(percentile(cpu, 0.95))}`,
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "200" } } });
  const runs = Number(values.runs);
  setAppleSiliconOverride(true);
  const { supportDir, cacheDir } = await polishFolders();
  await cachedModel({ cacheDir, modelId: "qwen3-1.7b" });
  await cachedModel({ cacheDir, modelId: "gemma3-1b" });
  const refresh = () => Promise.all([getModelStates({ supportDir, cacheDir }), getHelperStatus({ supportDir })]);

  await refresh();
  report("no helper running", await measure(runs, refresh));
  await loadModel({ modelId: "qwen3-1.7b", unloadAfterSeconds: null, supportDir, cacheDir });
  await refresh();
  report("helper with a model", await measure(runs, refresh));
  await stopHelper({ supportDir });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
