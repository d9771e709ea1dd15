import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import {
  cancelDownload,
  followDownload,
  getModelState,
  startBackgroundDownload,
  DOWNLOAD_LOG_FILE,
  type WorkerEntry,
} from "../../../src/core";
import { isProcessAlive as isProcessAliveForTests } from "../../../src/core/is-process-alive";
import { useLocalStore } from "../../support/local-store";

// Real worker processes against the local Hub: each runs the download engine under tsx, as the CLI does.
const MODEL_ID = "qwen3-0.6b";
const REPO = "mlx-community/Qwen3-0.6B-4bit";
const WEIGHTS = randomBytes(2_000_000);
const FILES = {
  "config.json": JSON.stringify({ model_type: "qwen3", hidden_size: 8 }),
  "tokenizer.json": JSON.stringify({ version: "1.0", model: { type: "BPE" } }),
  "model.safetensors": WEIGHTS,
};
const ROOT = path.resolve(__dirname, "../../..");
const entry: WorkerEntry = {
  execPath: process.execPath,
  execArgv: ["--import", "tsx"],
  file: path.join(ROOT, "src/core/store/background-download.ts"),
};

const local = useLocalStore(REPO, FILES, "background");

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function downloadedBytes(): Promise<number> {
  const state = await getModelState(MODEL_ID, local.store);
  return state.status.kind === "downloading" ? state.status.progress.downloadedBytes : 0;
}

const workers: number[] = [];
afterEach(async () => {
  // A worker a test left running is stopped here, never by name.
  for (const pid of workers.splice(0)) if (isProcessAliveForTests(pid)) process.kill(pid, "SIGKILL");
});

async function start(accessToken?: string) {
  const started = await startBackgroundDownload({ modelId: MODEL_ID, ...local.store, accessToken, entry });
  workers.push(started.pid);
  return started;
}

test("a download keeps going after the process that started it is killed", async () => {
  local.hub.limitRate(1_000_000);
  // The starter stands in for Raycast's command: it starts the download, reports, then is killed.
  const script = `
    const { startBackgroundDownload } = require(${JSON.stringify(entry.file)});
    startBackgroundDownload(${JSON.stringify({ modelId: MODEL_ID, ...local.store, entry })})
      .then((started) => { console.log(JSON.stringify(started)); setInterval(() => {}, 1000); });
  `;
  const starter = spawn(process.execPath, ["--import", "tsx", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  const [line] = (await new Promise<string>((resolve) => starter.stdout.once("data", (data) => resolve(String(data)))))
    .trim()
    .split("\n");
  const { pid } = JSON.parse(line) as { pid: number };
  workers.push(pid);
  starter.kill("SIGKILL");
  await new Promise((resolve) => starter.once("exit", resolve));

  const progress: number[] = [];
  const state = await followDownload({
    modelId: MODEL_ID,
    ...local.store,
    pollMs: 100,
    onProgress: (p) => progress.push(p.downloadedBytes),
  });
  expect(state.status).toEqual({ kind: "ready" });
  // Live progress came through the shared state while the starter was gone.
  expect(progress.some((bytes) => bytes > 0 && bytes < WEIGHTS.length)).toBe(true);
  await waitUntil(async () => !isProcessAliveForTests(pid));
});

test("a second Download of the same model joins the running one", async () => {
  local.hub.limitRate(1_000_000);
  const first = await start();
  const second = await start();
  expect(second).toEqual({ pid: first.pid, joined: true });
  await followDownload({ modelId: MODEL_ID, ...local.store, pollMs: 100 });
  const weightReads = local.hub.requests.filter(
    (request) => request.url.endsWith("model.safetensors") && request.range !== "bytes=0-0",
  );
  expect(weightReads).toHaveLength(1);
});

test("Cancel stops a background download and removes its files", async () => {
  local.hub.limitRate(500_000);
  const { pid } = await start();
  await waitUntil(async () => (await downloadedBytes()) > 0);
  expect(await cancelDownload(MODEL_ID, local.store)).toBe(true);
  await expect(followDownload({ modelId: MODEL_ID, ...local.store })).rejects.toMatchObject({ code: "cancelled" });
  await waitUntil(async () => !isProcessAliveForTests(pid));
  expect((await getModelState(MODEL_ID, local.store)).status).toEqual({ kind: "not_downloaded" });
});

test("a killed worker leaves a partial download that the next Download resumes", async () => {
  local.hub.limitRate(500_000);
  const { pid } = await start();
  await waitUntil(async () => (await downloadedBytes()) > 300_000);
  process.kill(pid, "SIGKILL");
  await waitUntil(async () => !isProcessAliveForTests(pid));

  const interrupted = await getModelState(MODEL_ID, local.store);
  expect(interrupted.status.kind).toBe("partial");
  await expect(followDownload({ modelId: MODEL_ID, ...local.store })).rejects.toMatchObject({
    code: "internal",
    retryable: true,
  });

  local.hub.limitRate(undefined);
  const resumed = await start();
  expect(resumed.joined).toBe(false);
  const state = await followDownload({ modelId: MODEL_ID, ...local.store, pollMs: 100 });
  expect(state.status).toEqual({ kind: "ready" });
  const ranges = local.hub.requests
    .filter((request) => request.url.endsWith("model.safetensors") && request.range && request.range !== "bytes=0-0")
    .map((request) => Number(/bytes=(\d+)-/.exec(request.range!)![1]));
  // The resumed request starts where the killed worker stopped, not at byte 0.
  expect(Math.max(...ranges)).toBeGreaterThan(0);
});

/** Every file under `folder`, with its content. */
async function filesUnder(folder: string): Promise<{ file: string; content: Buffer }[]> {
  const entries = await fs.readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries.filter((entry) => entry.isFile());
  return Promise.all(
    files.map(async (entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return { file, content: await fs.readFile(file) };
    }),
  );
}

test("no state, log or message file ever holds the Hugging Face token, also after a failure", async () => {
  const right = `hf_${randomBytes(12).toString("hex")}`;
  const wrong = `hf_${randomBytes(12).toString("hex")}`;
  await local.hub.addRepo(REPO, { files: FILES, token: right });

  // The worker may fail before or after it is seen running: either way the failure is the 401's.
  await expect(start(wrong).then(() => followDownload({ modelId: MODEL_ID, ...local.store }))).rejects.toMatchObject({
    code: "unauthorized",
  });
  const state = await getModelState(MODEL_ID, local.store);
  expect(state.status).toMatchObject({ kind: "failed", code: "unauthorized" });
  const afterFailure = await writtenFiles();
  // The failure's record and the worker's log exist, and neither holds the token.
  expect(afterFailure.map((entry) => path.basename(entry.file))).toEqual(
    expect.arrayContaining([DOWNLOAD_LOG_FILE, `${MODEL_ID}.json`]),
  );
  expect(leaksOf(afterFailure, [right, wrong])).toEqual([]);

  await start(right);
  expect((await followDownload({ modelId: MODEL_ID, ...local.store })).status).toEqual({ kind: "ready" });
  expect(leaksOf(await writtenFiles(), [right, wrong])).toEqual([]);
});

async function writtenFiles() {
  return [...(await filesUnder(local.store.supportDir)), ...(await filesUnder(local.store.cacheDir))];
}

function leaksOf(files: { file: string; content: Buffer }[], secrets: string[]): string[] {
  return files.filter(({ content }) => secrets.some((secret) => content.includes(secret))).map(({ file }) => file);
}

test("inside Raycast the worker runs from the command's bundle that `ray build` writes", async () => {
  const out = await fs.mkdtemp(path.join(local.root, "build-"));
  await new Promise<void>((resolve, reject) => {
    const build = spawn(path.join(ROOT, "node_modules/.bin/ray"), ["build", "-e", "dist", "-o", out], {
      cwd: ROOT,
      stdio: "ignore",
    });
    build.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`ray build exited with ${code}`))));
  });
  // Plain Node and the built JavaScript only, as Raycast's Node would run it: no tsx, no node_modules.
  const bundled: WorkerEntry = { execPath: process.execPath, execArgv: [], file: path.join(out, "manage-models.js") };
  const started = await startBackgroundDownload({ modelId: MODEL_ID, ...local.store, entry: bundled });
  workers.push(started.pid);
  expect((await followDownload({ modelId: MODEL_ID, ...local.store, pollMs: 100 })).status).toEqual({ kind: "ready" });
}, 120_000);
