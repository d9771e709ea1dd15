import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { CATALOG } from "../../../src/core/catalog";
import { deleteModel } from "../../../src/core/store/delete-model";
import { downloadModel } from "../../../src/core/store/download-model";
import { writeDownloadRecord } from "../../../src/core/store/download-state";
import { PolishError } from "../../../src/core/errors";
import { getModelState, getModelStates } from "../../../src/core/store/model-state";
import { useLocalStore } from "../../support/local-store";
import { tinyModel } from "../../support/tiny-model";

const run = promisify(execFile);
const PYTHON = path.resolve("helper/.venv/bin/python");
const MODEL_ID = "qwen3-0.6b";
const REPO = "mlx-community/Qwen3-0.6B-4bit";
const FILES = {
  "config.json": '{"model_type":"qwen3"}',
  "tokenizer.json": "{}",
  "model.safetensors": randomBytes(2_000_000),
};

const local = useLocalStore(REPO, FILES, "store");

const fast = { retryDelayMs: 10, progressIntervalMs: 20, reserveBytes: 0 };
// Blobs plus the 40-byte `refs/main`.
const MODEL_BYTES = 2_000_000 + FILES["config.json"].length + FILES["tokenizer.json"].length + 40;
const repoRoot = () => path.join(local.store.cacheDir, "models--mlx-community--Qwen3-0.6B-4bit");

/** Runs Python's huggingface_hub against the local Hub and the test's cache, as `mlx_lm` or the `hf` CLI would. */
async function huggingfaceHub(code: string): Promise<string> {
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: local.root,
    HF_ENDPOINT: local.hub.url,
    HF_HUB_CACHE: local.store.cacheDir,
    HF_HUB_DISABLE_TELEMETRY: "1",
    HF_HUB_DISABLE_XET: "1",
  };
  const { stdout } = await run(PYTHON, ["-c", code], { env });
  return stdout.trim();
}

test("a model fetched by huggingface_hub (as mlx_lm does) is ready without fetching anything", async () => {
  await huggingfaceHub(
    `from huggingface_hub import snapshot_download; snapshot_download("${REPO}", allow_patterns=["*.json", "model*.safetensors"])`,
  );
  local.hub.resetCounters();

  const state = await getModelState(MODEL_ID, local.store);
  const downloaded = await downloadModel({ modelId: MODEL_ID, ...local.store, ...fast });

  expect(state.status).toEqual({ kind: "ready" });
  expect(state.sizeOnDiskBytes).toBeGreaterThanOrEqual(2_000_000);
  expect(downloaded.path).toBe(state.path);
  expect(local.hub.requests).toEqual([]);
});

test("what we download is found by huggingface_hub offline and loads in mlx-lm", async () => {
  const folder = await tinyModel("qwen3");
  const files: Record<string, { file: string }> = {};
  for (const name of await fs.readdir(folder)) files[name] = { file: path.join(folder, name) };
  await local.hub.addRepo(REPO, { files });

  const state = await downloadModel({ modelId: MODEL_ID, ...local.store, ...fast });

  const found = await huggingfaceHub(
    `from huggingface_hub import snapshot_download; print(snapshot_download("${REPO}", local_files_only=True))`,
  );
  expect(found).toBe(state.path);
  const loaded = await huggingfaceHub(
    `from mlx_lm import load; model, tokenizer = load(${JSON.stringify(state.path)}); print(type(model).__module__)`,
  );
  expect(loaded).toContain("qwen3");
});

test("a status check removes empty model folders, and only empty ones", async () => {
  await fs.mkdir(path.join(repoRoot(), "snapshots", "abc"), { recursive: true });
  await fs.mkdir(path.join(repoRoot(), "blobs"), { recursive: true });
  const other = path.join(local.store.cacheDir, "models--someone--other-model", "blobs");
  await fs.mkdir(other, { recursive: true });
  await fs.writeFile(path.join(other, "kept"), "x");

  const state = await getModelState(MODEL_ID, local.store);

  expect(state.status.kind).toBe("not_downloaded");
  await expect(fs.access(repoRoot())).rejects.toThrow();
  expect(await fs.readFile(path.join(other, "kept"), "utf8")).toBe("x");
});

test("a download interrupted by a dead process shows as partial, with its bytes and total", async () => {
  await fs.mkdir(path.join(repoRoot(), "blobs"), { recursive: true });
  await fs.writeFile(path.join(repoRoot(), "blobs", `${"b".repeat(64)}.incomplete`), randomBytes(1234));
  const deadPid = 2 ** 22 + 1;
  await writeDownloadRecord(local.store.supportDir, {
    modelId: MODEL_ID,
    pid: deadPid,
    status: "downloading",
    progress: { downloadedBytes: 1234, totalBytes: 5000, bytesPerSecond: 10 },
    updatedAt: Date.now(),
  });

  const state = await getModelState(MODEL_ID, local.store);

  expect(state.status).toEqual({ kind: "partial", downloadedBytes: 1234, totalBytes: 5000 });
});

test("a download record whose pid now belongs to another process shows as partial, not downloading", async () => {
  await fs.mkdir(path.join(repoRoot(), "blobs"), { recursive: true });
  await fs.writeFile(path.join(repoRoot(), "blobs", `${"b".repeat(64)}.incomplete`), randomBytes(1234));
  // A live pid (this very process) with another start time: the writer died and its pid was handed on.
  await writeDownloadRecord(local.store.supportDir, {
    modelId: MODEL_ID,
    pid: process.pid,
    startTime: "1",
    status: "downloading",
    progress: { downloadedBytes: 1234, totalBytes: 5000, bytesPerSecond: 10 },
    updatedAt: Date.now(),
  });

  const state = await getModelState(MODEL_ID, local.store);

  expect(state.status).toEqual({ kind: "partial", downloadedBytes: 1234, totalBytes: 5000 });
});

test("a downloaded model that lost a file is corrupt, never ready", async () => {
  const ready = await downloadModel({ modelId: MODEL_ID, ...local.store, ...fast });
  const blob = await fs.readlink(path.join(ready.path!, "model.safetensors"));
  await fs.rm(path.resolve(ready.path!, blob));

  const state = await getModelState(MODEL_ID, local.store);

  expect(state.status).toEqual({ kind: "corrupt", message: "model.safetensors is missing." });
});

test("a download repairs a corrupt model", async () => {
  const ready = await downloadModel({ modelId: MODEL_ID, ...local.store, ...fast });
  await fs.truncate(path.resolve(ready.path!, await fs.readlink(path.join(ready.path!, "model.safetensors"))), 10);
  expect((await getModelState(MODEL_ID, local.store)).status.kind).toBe("corrupt");

  const repaired = await downloadModel({ modelId: MODEL_ID, ...local.store, ...fast });

  expect(repaired.status.kind).toBe("ready");
});

test("lists every catalogue model with the bytes used and the free space", async () => {
  await downloadModel({ modelId: MODEL_ID, ...local.store, ...fast });

  const summary = await getModelStates(local.store);

  expect(summary.models.map((state) => state.model.id)).toEqual(CATALOG.map((model) => model.id));
  expect(summary.models.find((state) => state.model.id === MODEL_ID)?.status.kind).toBe("ready");
  expect(summary.usedBytes).toBe(MODEL_BYTES);
  expect(summary.freeBytes).toBeGreaterThan(0);
});

test("delete removes the snapshot, its blobs and refs, and says how much it freed", async () => {
  await downloadModel({ modelId: MODEL_ID, ...local.store, ...fast });

  const { freedBytes } = await deleteModel({ modelId: MODEL_ID, ...local.store });

  expect(freedBytes).toBe(MODEL_BYTES);
  await expect(fs.access(repoRoot())).rejects.toThrow();
  expect((await getModelState(MODEL_ID, local.store)).status.kind).toBe("not_downloaded");
});

test("delete keeps the blobs another snapshot still links", async () => {
  const ready = await downloadModel({ modelId: MODEL_ID, ...local.store, ...fast });
  const older = path.join(repoRoot(), "snapshots", "0".repeat(40));
  await fs.mkdir(older, { recursive: true });
  const weightsTarget = await fs.readlink(path.join(ready.path!, "model.safetensors"));
  await fs.symlink(weightsTarget, path.join(older, "model.safetensors"));

  await deleteModel({ modelId: MODEL_ID, ...local.store });

  await expect(fs.access(ready.path!)).rejects.toThrow();
  await expect(fs.access(path.join(repoRoot(), "refs", "main"))).rejects.toThrow();
  expect((await fs.stat(path.join(older, "model.safetensors"))).size).toBe(2_000_000);
  expect(await fs.readdir(path.join(repoRoot(), "blobs"))).toEqual([path.basename(weightsTarget)]);
});

test("delete is refused with the reason while the helper is using the model", async () => {
  await downloadModel({ modelId: MODEL_ID, ...local.store, ...fast });

  const refused = deleteModel({
    modelId: MODEL_ID,
    ...local.store,
    isModelBusy: async () => "Qwen 3 0.6B is polishing text right now.",
  });

  await expect(refused).rejects.toMatchObject({
    code: "busy",
    message: expect.stringContaining("polishing text right now"),
  });
  expect((await getModelState(MODEL_ID, local.store)).status.kind).toBe("ready");
});

test("delete is refused while the model is downloading", async () => {
  local.hub.fault({ kind: "stall", afterBytes: 500_000, times: 1, path: "model.safetensors" });
  const controller = new AbortController();
  const download = downloadModel({ modelId: MODEL_ID, ...local.store, ...fast, signal: controller.signal });
  await new Promise((resolve) => setTimeout(resolve, 300));

  const refused = deleteModel({ modelId: MODEL_ID, ...local.store });

  await expect(refused).rejects.toBeInstanceOf(PolishError);
  await expect(refused).rejects.toMatchObject({ code: "busy" });
  controller.abort();
  await expect(download).rejects.toMatchObject({ code: "cancelled" });
});
