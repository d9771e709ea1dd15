/**
 * The macOS workflow's steps (`scripts/e2e/*.sh`, `.github/workflows/macos.yml`) run here on Linux, in
 * the order a user takes them, against the local test Hub serving a tiny model as qwen3-0.6b. The one
 * difference from a Mac: the runtime for this platform's lock is put in place beforehand (its venv is
 * this checkout's), so `helper setup` finds it ready instead of downloading ~160 MB from PyPI; the full
 * set-up from PyPI has its own test (test/core/runtime/setup.test.ts).
 */
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {
  RUNTIME_MARKER_FILE,
  UV_VERSION,
  findModel,
  readRuntimeLock,
  runtimeDir,
  runtimePlatform,
  runtimeRoot,
} from "../../src/core";
import { startLocalHub, type LocalHub } from "../support/hub-server";
import { tinyModel } from "../support/tiny-model";

const root = path.resolve(__dirname, "..", "..");
const MODEL_ID = "qwen3-0.6b";
// A helper's cold start and the eval's report take tens of seconds on a loaded 2-core machine.
const SCRIPT_TIMEOUT_MS = 180_000;

function runScript(name: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      "bash",
      [path.join(root, "scripts", "e2e", name)],
      { cwd: root, env: { ...process.env, ...env } },
      (error, _stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stderr, ms: Date.now() - started }),
    );
  });
}

/** A finished runtime for this platform's current lock whose venv is this checkout's (mlx-lm included). */
async function readyRuntime(supportDir: string): Promise<string> {
  const lock = await readRuntimeLock(runtimePlatform()!);
  const folder = runtimeDir(runtimeRoot(supportDir), lock.hash);
  await fs.mkdir(folder, { recursive: true });
  await fs.symlink(await fs.realpath(path.join(root, "helper", ".venv")), path.join(folder, "venv"));
  const marker = { lock: lock.hash, uv: UV_VERSION, python: "3", createdAt: new Date().toISOString() };
  await fs.writeFile(path.join(folder, RUNTIME_MARKER_FILE), JSON.stringify(marker));
  return folder;
}

describe("the macOS workflow's scripts, on Linux", () => {
  let hub: LocalHub;
  let env: NodeJS.ProcessEnv;
  let out: string;

  beforeAll(async () => {
    hub = await startLocalHub();
    const model = await tinyModel("qwen3");
    const files: Record<string, { file: string }> = {};
    for (const name of await fs.readdir(model)) files[name] = { file: path.join(model, name) };
    await hub.addRepo(findModel(MODEL_ID).repo, { files });
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), "mlx-polish-e2e-"));
    out = path.join(folder, "out");
    env = {
      HF_ENDPOINT: hub.url,
      HF_HUB_CACHE: path.join(folder, "hub"),
      HF_TOKEN: "",
      MLX_POLISH_SUPPORT_DIR: path.join(folder, "support"),
      MLX_POLISH_ASSETS_DIR: path.join(root, "assets"),
      MLX_POLISH_HELPER: "",
      MLX_POLISH_E2E_MODEL: MODEL_ID,
      MLX_POLISH_E2E_OUT: out,
      // One case: the tiny model's rewrites are random, this checks the path, not the quality.
      MLX_POLISH_E2E_CASES: "filler-01",
    };
    await readyRuntime(env.MLX_POLISH_SUPPORT_DIR!);
  }, SCRIPT_TIMEOUT_MS);

  afterAll(async () => {
    await new Promise((resolve) =>
      execFile(
        path.join(root, "node_modules", ".bin", "tsx"),
        [path.join(root, "src", "cli", "main.ts"), "helper", "stop"],
        {
          env: { ...process.env, ...env },
        },
        resolve,
      ),
    );
    await hub.close();
  });

  it.each(["runtime-setup.sh", "download.sh", "verify.sh", "polish.sh", "eval-subset.sh", "doctor.sh"])(
    "%s succeeds",
    async (script) => {
      const run = await runScript(script, env);
      if (run.code !== 0) throw new Error(`${script} exited ${run.code}:\n${run.stderr}`);
      console.log(`${script}: ${(run.ms / 1000).toFixed(1)} s`);
    },
    SCRIPT_TIMEOUT_MS,
  );

  it("leaves the reports the workflow uploads", async () => {
    const table = await fs.readFile(path.join(out, "eval-table.md"), "utf8");
    expect(table).toMatch(/^# Quality eval/);
    const results = JSON.parse(await fs.readFile(path.join(out, "eval-results.json"), "utf8"));
    expect(results.results.map((result: { id: string }) => result.id).sort()).toEqual(["filler-01"]);
    const doctor = JSON.parse(await fs.readFile(path.join(out, "doctor.json"), "utf8"));
    expect(doctor.runtime).toMatchObject({ kind: "runtime", upToDate: true });
    // The eval's results went to the artifact folder, not into the repository.
    await expect(fs.access(path.join(root, "eval", "results", `e2e-${MODEL_ID}.json`))).rejects.toThrow();
  });
});
