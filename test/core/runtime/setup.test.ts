/**
 * The local runtime end to end, from real PyPI with this platform's committed lock (Linux here, in CI):
 * `helper setup --json` builds it in a fresh support folder, `polish` then runs on it (not on the
 * checkout's venv or a frozen build), a second set-up does nothing, and a tampered lock fails with exit 6
 * while the previous runtime keeps working. Slow: it downloads ~160 MB the first time on a machine.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { lockFileName, runtimePlatform } from "../../../src/core";
import { cachedModel } from "../polish/polish-fixtures";

const root = path.resolve(__dirname, "..", "..", "..");
const SETUP_TIMEOUT_MS = 15 * 60_000;

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], env: NodeJS.ProcessEnv, stdin = ""): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(
      path.join(root, "node_modules", ".bin", "tsx"),
      [path.join(root, "src", "cli", "main.ts"), ...args],
      { cwd: root, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
    child.stdin!.end(stdin);
  });
}

function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const lockPath = (assetsDir: string) => path.join(assetsDir, "runtime", lockFileName(runtimePlatform()!));

describe("the local runtime, set up from PyPI", () => {
  let env: NodeJS.ProcessEnv;
  let assetsDir: string;

  beforeAll(async () => {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), "mlx-polish-runtime-"));
    // The extension's assets as Raycast installs them: the locks and the helper's source, no frozen build.
    assetsDir = path.join(folder, "assets");
    await fs.cp(path.join(root, "assets", "runtime"), path.join(assetsDir, "runtime"), { recursive: true });
    env = {
      MLX_POLISH_SUPPORT_DIR: path.join(folder, "support"),
      MLX_POLISH_ASSETS_DIR: assetsDir,
      HF_HUB_CACHE: path.join(folder, "hub"),
      MLX_POLISH_HELPER: "",
    };
  });

  afterAll(async () => {
    await runCli(["helper", "stop"], env);
  });

  it(
    "sets itself up with progress, then polishes on it; a second set-up is a no-op",
    async () => {
      const started = Date.now();
      const setup = await runCli(["helper", "setup", "--json"], env);
      const setupSeconds = (Date.now() - started) / 1000;
      expect(setup.stderr).toBe("");
      expect(setup.code).toBe(0);
      const events = jsonLines(setup.stdout);
      const stages = [...new Set(events.filter((e) => e.event === "progress").map((e) => e.stage))];
      expect(stages).toEqual(["uv", "python", "packages", "check"]);
      expect(events.some((e) => e.stage === "packages" && Number(e.bytes) > 50_000_000)).toBe(true);
      const lockText = await fs.readFile(lockPath(assetsDir), "utf8");
      const lock = `sha256:${createHash("sha256").update(lockText).digest("hex")}`;
      const done = events.at(-1)!;
      expect(done).toMatchObject({ event: "done", ready: true, changed: true, lock });
      const runtimePath = String(done.path);
      expect(runtimePath.startsWith(path.join(env.MLX_POLISH_SUPPORT_DIR!, "runtime"))).toBe(true);
      const status = JSON.parse((await runCli(["helper", "status", "--json"], env)).stdout);
      expect(status).toEqual({ running: false, runtime: { kind: "runtime", path: runtimePath, lock } });

      await cachedModel({ cacheDir: env.HF_HUB_CACHE!, modelId: "qwen3-1.7b" });
      const polished = await runCli(["polish", "--json", "--model", "qwen3-1.7b", "um so see you on tuesday"], env);
      expectJudgedAnswer(JSON.parse(polished.stdout));
      expect(JSON.parse(polished.stdout)).toMatchObject({ model: "qwen3-1.7b" });
      // The helper that answered is the runtime's Python, running the helper's source from the assets.
      const pid = (await fs.readFile(path.join(env.MLX_POLISH_SUPPORT_DIR!, "helper.pid"), "utf8")).trim();
      const command = await fs.readFile(`/proc/${pid}/cmdline`, "utf8");
      expect(command.split("\0").slice(0, 3)).toEqual([
        path.join(runtimePath, "venv", "bin", "python"),
        "-m",
        "mlx_polish_helper",
      ]);
      const environ = await fs.readFile(`/proc/${pid}/environ`, "utf8");
      expect(environ.split("\0")).toContain(`PYTHONPATH=${path.join(assetsDir, "runtime", "helper")}`);

      const again = Date.now();
      const second = await runCli(["helper", "setup", "--json"], env);
      expect(second.code).toBe(0);
      expect(jsonLines(second.stdout)).toEqual([
        { event: "done", ready: true, changed: false, path: runtimePath, lock },
      ]);
      process.stderr.write(
        `runtime set-up: ${setupSeconds.toFixed(1)} s; second set-up ${((Date.now() - again) / 1000).toFixed(1)} s\n`,
      );
    },
    SETUP_TIMEOUT_MS,
  );

  it(
    "fails with exit 6 on a tampered lock and keeps the previous runtime working",
    async () => {
      const before = JSON.parse((await runCli(["helper", "status", "--json"], env)).stdout).runtime;
      expect(before).toMatchObject({ kind: "runtime" });
      // One package's pinned hashes no longer match what PyPI serves.
      const text = await fs.readFile(lockPath(assetsDir), "utf8");
      const tampered = text.replace(/(\nidna==[^\n]*\n(?:\s+--hash=sha256:[0-9a-f]{64}[^\n]*\n)+)/, (entry) =>
        entry.replace(/[0-9a-f]{64}/g, "0".repeat(64)),
      );
      expect(tampered).not.toBe(text);
      await fs.writeFile(lockPath(assetsDir), tampered);

      const setup = await runCli(["helper", "setup", "--json"], env);
      expect(setup.code).toBe(6);
      expect(jsonLines(setup.stdout).at(-1)).toMatchObject({ event: "error", code: "integrity" });
      expect(setup.stderr).toMatch(/does not match the lock file's hash/);
      const runtimeRoot = path.join(env.MLX_POLISH_SUPPORT_DIR!, "runtime");
      expect(readdirSync(runtimeRoot).filter((name) => /^(env-|\.build)/.test(name))).toEqual([
        path.basename(before.path),
      ]);

      // The previous runtime is still the one used, and still polishes (after a restart of the helper).
      expect(JSON.parse((await runCli(["helper", "status", "--json"], env)).stdout).runtime).toEqual(before);
      await runCli(["helper", "stop"], env);
      const polished = await runCli(["polish", "--json", "--model", "qwen3-1.7b", "um so see you on tuesday"], env);
      expectJudgedAnswer(JSON.parse(polished.stdout));
      expect(existsSync(path.join(before.path, "mlx-polish-runtime.json"))).toBe(true);
    },
    SETUP_TIMEOUT_MS,
  );

  it(
    "builds a new runtime for a changed lock, then removes the old one",
    async () => {
      const before = JSON.parse((await runCli(["helper", "status", "--json"], env)).stdout).runtime;
      const text = await fs.readFile(path.join(root, "assets", "runtime", lockFileName(runtimePlatform()!)), "utf8");
      await fs.writeFile(lockPath(assetsDir), `${text}# a new extension version\n`);
      const setup = await runCli(["helper", "setup", "--json"], env);
      expect(setup.code).toBe(0);
      const done = jsonLines(setup.stdout).at(-1)!;
      expect(done).toMatchObject({ event: "done", changed: true });
      expect(done.path).not.toBe(before.path);
      expect(existsSync(before.path)).toBe(false);
      expect(JSON.parse((await runCli(["helper", "status", "--json"], env)).stdout).runtime).toMatchObject({
        kind: "runtime",
        path: done.path,
      });
    },
    SETUP_TIMEOUT_MS,
  );
});

/**
 * The helper answered and `polish()` judged the answer: the tiny model's random words come back
 * polished, or as the original text when the output guard or the faithfulness check refuses them
 * (reason `guard_tripped` or `unfaithful`), with the helper's time reported either way.
 */
function expectJudgedAnswer(result: { polished: boolean; reason?: string; timings: { helperMs?: number } }) {
  expect(result.timings.helperMs).toBeGreaterThan(0);
  if (!result.polished) expect(["unfaithful", "guard_tripped"]).toContain(result.reason);
}
