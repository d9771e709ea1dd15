/**
 * `npm run bench:cli`: how long the `mlx-polish` binary takes to start, wall clock as a shell sees it.
 * - `--version`: the bundled binary (`build/cli/mlx-polish.cjs`, built first) on the Node that npm scripts
 *   use (Node 22) and on the machine's own `node`, against `npm run --silent cli -- --version` (npm + tsx);
 * - a warm `polish` (helper running, tiny generated model loaded): the binary's wall time against the
 *   helper's own time for the same request (`timings.helperMs`); the difference is our start-up plus
 *   the request's overhead.
 * Options: --runs N (default 20).
 */
import { execFileSync, spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { stopHelper } from "../../src/core";
import { cachedModel, polishFolders } from "../../test/core/polish/polish-fixtures";
import { saveResults } from "../results";

const ROOT = path.join(__dirname, "..", "..");
const BINARY = path.join(ROOT, "build", "cli", "mlx-polish.cjs");
const NODE_22 = path.join(ROOT, "node_modules", ".bin", "node");
const TEXT = "um so i think we should uh meet on tuesday no wait wednesday at three and bring the the report";

function wallMs(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  input = "",
): { ms: number; stdout: string } {
  const started = performance.now();
  const result = spawnSync(command, args, { env, input, encoding: "utf8" });
  const ms = performance.now() - started;
  if (result.status !== 0 && result.status !== 2)
    throw new Error(`${command} ${args.join(" ")}: exit ${result.status} ${result.stderr}`);
  return { ms, stdout: result.stdout };
}

function repeat(runs: number, measure: () => number): number[] {
  return Array.from({ length: runs }, measure);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "20" } } });
  const runs = Number(values.runs);
  execFileSync(NODE_22, [path.join(ROOT, "scripts", "build-cli.mjs")], { stdio: "inherit" });
  const systemNode = execFileSync("sh", ["-c", "command -v node"], {
    encoding: "utf8",
    env: { PATH: "/usr/local/bin:/usr/bin:/bin" },
  }).trim();

  const version22 = repeat(runs, () => wallMs(NODE_22, [BINARY, "--version"]).ms);
  const versionSystem = repeat(runs, () => wallMs(systemNode, [BINARY, "--version"]).ms);
  const versionNpm = repeat(
    Math.min(runs, 5),
    () => wallMs("npm", ["run", "--silent", "cli", "--", "--version"], { ...process.env }).ms,
  );

  const { supportDir, cacheDir } = await polishFolders();
  await cachedModel({ cacheDir, modelId: "qwen3-1.7b", size: "tiny" });
  const env = {
    ...process.env,
    MLX_POLISH_SUPPORT_DIR: supportDir,
    HF_HUB_CACHE: cacheDir,
    MLX_POLISH_HELPER: `${path.join(ROOT, "helper", ".venv", "bin", "python")} -m mlx_polish_helper`,
  };
  const polishOnce = () => {
    const { ms, stdout } = wallMs(NODE_22, [BINARY, "polish", "--json", "--unload-after", "never"], env, TEXT);
    const result = JSON.parse(stdout) as { polished: boolean; reason?: string; timings: { helperMs?: number } };
    if (result.timings.helperMs === undefined) throw new Error(`no helper time: ${result.reason}`);
    return { ms, helperMs: result.timings.helperMs };
  };
  polishOnce(); // starts the helper, loads the model, fills the prompt cache
  polishOnce();
  const warm = Array.from({ length: runs }, polishOnce);
  await stopHelper({ supportDir });

  const wall = warm.map((run) => run.ms);
  const helper = warm.map((run) => run.helperMs);
  const startup = warm.map((run) => run.ms - run.helperMs);
  console.log(
    `bench:cli — ${runs} runs each, ${process.platform}/${process.arch}, load average ${os.loadavg()[0].toFixed(1)}`,
  );
  print("--version, binary on Node 22", version22);
  print(`--version, binary on ${systemNode}`, versionSystem);
  print("--version, npm run cli (npm + tsx)", versionNpm);
  print("warm polish, binary wall", wall);
  print("warm polish, helper's own time", helper);
  print("warm polish, wall − helper", startup);
  saveResults("cli", {
    runs,
    version_ms_median: median(version22),
    version_system_node_ms_median: median(versionSystem),
    version_npm_tsx_ms_median: median(versionNpm),
    warm_polish_wall_ms_median: median(wall),
    warm_polish_helper_ms_median: median(helper),
    warm_polish_startup_ms_median: median(startup),
  });
}

function median(values: number[]): number {
  return Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] * 10) / 10;
}

function print(label: string, values: number[]): void {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (quantile: number) => sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))];
  const format = (value: number) => value.toFixed(1).padStart(8);
  console.log(
    `${label.padEnd(44)} median ${format(at(0.5))}   p90 ${format(at(0.9))}   min ${format(sorted[0])}   (n=${values.length})`,
  );
}

void main();
