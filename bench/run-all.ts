/**
 * `npm run bench`: runs the download, helper, polish and serve benchmarks one after another (each alone on the
 * machine), then writes `bench/REPORT.md`: the machine, every figure against its target, and a chart of
 * how far each sits from its target. `--report-only` rebuilds the report from `bench/results/*.json`.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CHUNK_BYTES, DEFAULT_CONNECTIONS } from "../src/core/store/fetch-file";
import { RESULTS_DIR } from "./results";

const ROOT = path.join(__dirname, "..");
const REPORT = path.join(__dirname, "REPORT.md");

const BENCHMARKS = [
  { name: "download", script: "bench:download", args: [] },
  { name: "helper", script: "bench:helper", args: [] },
  // The tiny model isolates our overhead; the bench model's CPU generation would take minutes per run.
  { name: "polish", script: "bench:polish", args: ["--size", "tiny", "--runs", "30", "--cold-runs", "3"] },
  { name: "cli", script: "bench:cli", args: ["--runs", "20"] },
  { name: "serve", script: "bench:serve", args: ["--size", "tiny", "--runs", "30"] },
];

/** A figure, its target and which way is better; `lowerIsBetter` figures meet the target at or below it. */
interface Target {
  bench: string;
  key: string;
  label: string;
  unit: string;
  target: number;
  lowerIsBetter: boolean;
}

const TARGETS: Target[] = [
  {
    bench: "download",
    key: "loopback_vs_curl",
    label: "download vs curl, loopback",
    unit: "×",
    target: 0.9,
    lowerIsBetter: false,
  },
  {
    bench: "download",
    key: "loopback_vs_curl_sha256",
    label: "download vs curl+sha256sum, loopback",
    unit: "×",
    target: 0.9,
    lowerIsBetter: false,
  },
  {
    bench: "download",
    key: "link_vs_curl",
    label: "download vs curl, 100 MB/s link",
    unit: "×",
    target: 0.9,
    lowerIsBetter: false,
  },
  { bench: "download", key: "peak_rss_mb", label: "downloader peak RSS", unit: "MB", target: 150, lowerIsBetter: true },
  {
    bench: "download",
    key: "resume_refetched_bytes",
    label: `re-fetched on resume, ${DEFAULT_CONNECTIONS} connections`,
    unit: "B",
    // At most one chunk for every connection.
    target: DEFAULT_CONNECTIONS * CHUNK_BYTES,
    lowerIsBetter: true,
  },
  {
    bench: "helper",
    key: "a_overhead_ms_median",
    label: "socket vs in-process, per request",
    unit: "ms",
    target: 10,
    lowerIsBetter: true,
  },
  {
    bench: "helper",
    key: "b_ttft_ratio",
    label: "first token, cached / uncached prefix",
    unit: "×",
    target: 0.5,
    lowerIsBetter: true,
  },
  {
    bench: "helper",
    key: "c_frozen_cold_start_ms_median",
    label: "frozen helper cold start to hello",
    unit: "ms",
    target: 1500,
    lowerIsBetter: true,
  },
  {
    bench: "helper",
    key: "d_rss_after_unload_vs_before",
    label: "RSS after unload / before load",
    unit: "×",
    target: 1.1,
    lowerIsBetter: true,
  },
  {
    bench: "polish",
    key: "warm_overhead_ms_median",
    label: "polish overhead over the helper, warm",
    unit: "ms",
    target: 10,
    lowerIsBetter: true,
  },
  {
    bench: "cli",
    key: "version_ms_median",
    label: "mlx-polish --version, wall",
    unit: "ms",
    target: 150,
    lowerIsBetter: true,
  },
  {
    bench: "cli",
    key: "warm_polish_startup_ms_median",
    label: "mlx-polish polish, wall − helper, warm",
    unit: "ms",
    target: 150,
    lowerIsBetter: true,
  },
  {
    bench: "serve",
    key: "overhead_ms_median",
    label: "endpoint overhead over polish()",
    unit: "ms",
    target: 5,
    lowerIsBetter: true,
  },
];

function runBenchmarks(): void {
  for (const bench of BENCHMARKS) {
    process.stderr.write(`\n=== npm run ${bench.script} ${bench.args.join(" ")}\n`);
    const result = spawnSync("npm", ["run", "--silent", bench.script, "--", ...bench.args], {
      cwd: ROOT,
      stdio: "inherit",
    });
    if (result.status !== 0) process.stderr.write(`bench: ${bench.script} failed (exit ${result.status})\n`);
  }
}

function readResults(name: string): Record<string, unknown> | undefined {
  const file = path.join(RESULTS_DIR, `${name}.json`);
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : undefined;
}

function machine(): string {
  const python = path.join(ROOT, "helper", ".venv", "bin", "python");
  const versions = existsSync(python)
    ? execFileSync(
        python,
        ["-c", "import mlx.core as mx, mlx_lm; print(f'mlx {mx.__version__}, mlx-lm {mlx_lm.__version__}')"],
        { encoding: "utf8" },
      ).trim()
    : "no helper venv";
  return [
    `${os.type()} ${os.release()} ${os.arch()}`,
    `${os.cpus()[0]?.model ?? "unknown CPU"} × ${os.cpus().length}`,
    `${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB memory, load average ${os.loadavg()[0].toFixed(1)} at the end`,
    `Node ${process.version}, ${versions}`,
  ].join("; ");
}

function format(value: number, unit: string): string {
  if (unit === "B") return `${Math.round(value)} B`;
  return `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ${unit}`;
}

/** How good a figure is relative to its target: ≥ 1 meets it. */
function score(value: number, target: Target): number {
  if (target.lowerIsBetter) return value <= 0 ? Infinity : target.target / value;
  return value / target.target;
}

function bar(value: number): string {
  const width = 30;
  const filled = Math.min(width, Math.round((Math.min(value, 2) / 2) * width));
  return `${"█".repeat(filled)}${"·".repeat(width - filled)}`;
}

function report(): string {
  const rows: string[] = [];
  const chart: string[] = [];
  for (const target of TARGETS) {
    const value = readResults(target.bench)?.[target.key];
    if (typeof value !== "number") {
      rows.push(
        `| ${target.label} | not measured | ${target.lowerIsBetter ? "≤" : "≥"} ${format(target.target, target.unit)} | — |`,
      );
      continue;
    }
    const met = target.lowerIsBetter ? value <= target.target : value >= target.target;
    rows.push(
      `| ${target.label} | ${format(value, target.unit)} | ${target.lowerIsBetter ? "≤" : "≥"} ${format(target.target, target.unit)} | ${met ? "met" : "**missed**"} |`,
    );
    const ratio = score(value, target);
    chart.push(`${target.label.padEnd(40)} ${bar(ratio)} ${Number.isFinite(ratio) ? ratio.toFixed(2) : "∞"}`);
  }
  return [
    "# Benchmark report",
    "",
    `Made by \`npm run bench\` on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC.`,
    "",
    `Machine: ${machine()}.`,
    "",
    "MLX runs on the CPU here; on Apple Silicon generation is far faster, so absolute model times say",
    "nothing about a Mac. The ratios and overheads are what these benchmarks are for.",
    "",
    "| Figure | Measured | Target | |",
    "|---|---|---|---|",
    ...rows,
    "",
    "Distance from target (1.00 = exactly on target, longer is better, the bar ends at 2):",
    "",
    "```",
    ...chart,
    "```",
    "",
    "Every figure: `bench/results/*.json`. Details of each benchmark: `bench/README.md`.",
    "",
  ].join("\n");
}

if (!process.argv.includes("--report-only")) runBenchmarks();
writeFileSync(REPORT, report());
spawnSync(path.join(ROOT, "node_modules", ".bin", "prettier"), ["--log-level", "warn", "--write", REPORT], {
  stdio: "inherit",
});
process.stdout.write(`bench: wrote ${path.relative(ROOT, REPORT)}\n`);
