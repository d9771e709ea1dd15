import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { downloadModel } from "../../../src/core/store/download-model";
import { getModelState } from "../../../src/core/store/model-state";
import { freeDiskSpace } from "../../../src/core/store/free-disk-space";
import { startLocalHub, type LocalHub } from "../../support/hub-server";

/**
 * A real full disk: a 4 MB tmpfs holds the cache. Mounting needs root (the CI and dev sandboxes run as root);
 * elsewhere these tests are skipped with a warning rather than faked.
 */
function canMountTmpfs(): boolean {
  const probe = mkdtempSync(path.join(os.tmpdir(), "mlx-polish-tmpfs-probe-"));
  const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe]).status === 0;
  if (mounted) spawnSync("umount", [probe]);
  rmSync(probe, { recursive: true, force: true });
  if (!mounted) console.warn("download-disk tests skipped: cannot mount a tmpfs here (needs root).");
  return mounted;
}
const diskTest = canMountTmpfs() ? test : test.skip;

const MODEL_ID = "qwen3-0.6b";
const REPO = "mlx-community/Qwen3-0.6B-4bit";
let hub: LocalHub;
let root: string;
let disk: string;
let store: { cacheDir: string; supportDir: string; hubUrl: string };

beforeEach(async () => {
  hub = await startLocalHub();
  root = await fs.mkdtemp(path.join(os.tmpdir(), "mlx-polish-disk-"));
  disk = path.join(root, "disk");
  await fs.mkdir(disk);
  store = { cacheDir: path.join(disk, "hub"), supportDir: path.join(root, "support"), hubUrl: hub.url };
});

afterEach(async () => {
  await hub.close();
  spawnSync("umount", [disk]);
  await fs.rm(root, { recursive: true, force: true });
});

function mountTmpfs(size: string): void {
  const result = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", disk]);
  if (result.status !== 0) throw new Error(`mount failed: ${result.stderr}`);
}

diskTest("refuses up front when the disk is too small, exits 4 and names the sizes", async () => {
  mountTmpfs("4m");
  await hub.addRepo(REPO, { files: { "config.json": "{}", "model.safetensors": randomBytes(6_000_000) } });

  const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(
      path.resolve("node_modules/.bin/node"),
      ["--import", "tsx", "src/cli/main.ts", "models", "download", MODEL_ID, "--json"],
      {
        env: {
          PATH: process.env.PATH ?? "",
          HOME: root,
          HF_ENDPOINT: hub.url,
          HF_HUB_CACHE: store.cacheDir,
          MLX_POLISH_SUPPORT_DIR: store.supportDir,
        },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });

  expect(result.code).toBe(4);
  expect(JSON.parse(result.stdout.trim())).toMatchObject({ event: "error", code: "disk_full" });
  expect(result.stderr).toMatch(/needs 6\.0 MB more .* but only 4\.\d MB is free/);
  expect(hub.servedBytes()).toBe(0);
});

diskTest("stops cleanly when the disk fills up mid-download, then resumes once space is freed", async () => {
  mountTmpfs("4m");
  const weights = randomBytes(3_000_000);
  await hub.addRepo(REPO, { files: { "config.json": "{}", "model.safetensors": weights } });
  // The Hub pauses at 1 MB; meanwhile something else fills the disk.
  hub.fault({ kind: "stall", afterBytes: 1_000_000, times: 1, path: "model.safetensors" });
  const filler = path.join(disk, "filler");
  let filled = false;
  const download = downloadModel({
    modelId: MODEL_ID,
    ...store,
    reserveBytes: 0,
    retryDelayMs: 10,
    progressIntervalMs: 20,
    stallTimeoutMs: 500,
    onProgress: (progress) => {
      if (filled || progress.downloadedBytes < 1_000_000) return;
      filled = true;
      void freeDiskSpace(disk).then((free) => fs.writeFile(filler, Buffer.alloc(free - 100_000)));
    },
  });

  await expect(download).rejects.toMatchObject({
    code: "disk_full",
    retryable: false,
    message: expect.stringMatching(/disk filled up/),
  });
  const readsAfterTheStall = hub.requests.filter(
    (request) => request.url.endsWith("model.safetensors") && request.range !== "bytes=0-0",
  );
  expect(readsAfterTheStall).toHaveLength(2);
  expect((await getModelState(MODEL_ID, store)).status).toMatchObject({ kind: "failed", code: "disk_full" });

  await fs.rm(filler);
  const resumed = await downloadModel({ modelId: MODEL_ID, ...store, reserveBytes: 0, retryDelayMs: 10 });
  expect(resumed.status.kind).toBe("ready");
  expect(hub.servedBytes("model.safetensors")).toBeLessThan(2 * weights.length);
});
