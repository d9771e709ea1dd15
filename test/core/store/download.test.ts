import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { downloadModel } from "../../../src/core/store/download-model";
import { writeDownloadRecord } from "../../../src/core/store/download-state";
import { CHUNK_BYTES, partialBytes } from "../../../src/core/store/fetch-file";
import { PolishError } from "../../../src/core/errors";
import { getModelState, type DownloadProgress } from "../../../src/core/store/model-state";
import { startLocalHub } from "../../support/hub-server";
import { useLocalStore } from "../../support/local-store";

const MODEL_ID = "qwen3-0.6b";
const REPO = "mlx-community/Qwen3-0.6B-4bit";
const WEIGHTS = randomBytes(3_000_000);
const FILES = {
  "config.json": JSON.stringify({ model_type: "qwen3", hidden_size: 8 }),
  "tokenizer.json": JSON.stringify({ version: "1.0", model: { type: "BPE" } }),
  "model.safetensors": WEIGHTS,
  "README.md": "# not needed by mlx-lm",
  "convert.py": "print('never fetched')",
};

const local = useLocalStore(REPO, FILES, "download");

const fast = { retryDelayMs: 10, progressIntervalMs: 20, reserveBytes: 0 };

const repoRoot = () => path.join(local.store.cacheDir, "models--mlx-community--Qwen3-0.6B-4bit");
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

async function rejection(promise: Promise<unknown>): Promise<PolishError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PolishError) return error;
    throw error;
  }
  throw new Error("expected the download to fail");
}

test("downloads the files mlx-lm needs into the standard Hugging Face cache layout", async () => {
  const state = await downloadModel({ modelId: MODEL_ID, ...local.store, ...fast });

  expect(state.status).toEqual({ kind: "ready" });
  const commit = await fs.readFile(path.join(repoRoot(), "refs", "main"), "utf8");
  expect(state.path).toBe(path.join(repoRoot(), "snapshots", commit));
  expect((await fs.readdir(state.path!)).sort()).toEqual(["config.json", "model.safetensors", "tokenizer.json"]);
  const weightsLink = await fs.readlink(path.join(state.path!, "model.safetensors"));
  expect(weightsLink).toBe(`../../blobs/${sha256(WEIGHTS)}`);
  expect(sha256(await fs.readFile(path.join(state.path!, "model.safetensors")))).toBe(sha256(WEIGHTS));
  expect(await fs.readFile(path.join(state.path!, "config.json"), "utf8")).toBe(FILES["config.json"]);
  expect(local.hub.requests.some((request) => request.url.includes("README.md") || request.url.includes(".py"))).toBe(
    false,
  );
});

test("reports progress that only grows and ends at the total", async () => {
  const events: DownloadProgress[] = [];
  // A link of about 20 MB/s, so the download spans several progress events.
  local.hub.limitRate(20_000_000);
  await downloadModel({ modelId: MODEL_ID, ...local.store, ...fast, onProgress: (progress) => events.push(progress) });

  const total = WEIGHTS.length + FILES["config.json"].length + FILES["tokenizer.json"].length;
  expect(events.length).toBeGreaterThan(0);
  expect(events.at(-1)).toMatchObject({ downloadedBytes: total, totalBytes: total });
  for (let index = 1; index < events.length; index++) {
    expect(events[index].downloadedBytes).toBeGreaterThanOrEqual(events[index - 1].downloadedBytes);
  }
  const moving = events.filter((event) => event.downloadedBytes > 0 && event.downloadedBytes < total).at(-1);
  expect(moving?.bytesPerSecond).toBeGreaterThan(0);
  expect(moving?.etaSeconds).toBeGreaterThanOrEqual(0);
});

test("resumes after the connection drops, without fetching the received bytes again", async () => {
  local.hub.fault({ kind: "drop", afterBytes: 1_000_000, times: 1, path: "model.safetensors" });

  const state = await downloadModel({ modelId: MODEL_ID, ...local.store, ...fast });

  expect(state.status.kind).toBe("ready");
  const weightReads = local.hub.requests.filter((request) => request.url.endsWith("/model.safetensors"));
  expect(weightReads.map((request) => request.range)).toContainEqual(expect.stringMatching(/^bytes=[1-9]\d*-/));
  // The first attempt delivered about 1 MB; the resumed one fetches only the rest.
  expect(local.hub.servedBytes("model.safetensors")).toBeLessThanOrEqual(WEIGHTS.length + 64 * 1024);
});

test("fetches a large file over several ranged connections, each written at its offset", async () => {
  const state = await downloadModel({ modelId: MODEL_ID, ...local.store, ...fast, segmentBytes: CHUNK_BYTES });

  expect(state.status.kind).toBe("ready");
  const ranges = local.hub.requests
    .filter((request) => request.url.endsWith("/model.safetensors"))
    .map((request) => request.range);
  const boundary = 2 * CHUNK_BYTES;
  expect(ranges.sort()).toEqual([`bytes=0-${boundary - 1}`, `bytes=${boundary}-${WEIGHTS.length - 1}`]);
  expect(sha256(await fs.readFile(path.join(state.path!, "model.safetensors")))).toBe(sha256(WEIGHTS));
  expect((await fs.readdir(path.join(repoRoot(), "blobs"))).some((name) => name.includes(".incomplete"))).toBe(false);
});

test("after a SIGKILL, a new process resumes every connection where its writes stopped", async () => {
  // Both connections stall half a megabyte into their segments; the process is killed while they wait.
  local.hub.fault({ kind: "stall", afterBytes: 500_000, times: 2, path: "model.safetensors" });
  const params = { modelId: MODEL_ID, ...local.store, ...fast, segmentBytes: CHUNK_BYTES };
  const child = spawn(path.resolve("node_modules/.bin/node"), [
    "--import",
    "tsx",
    path.join(__dirname, "..", "..", "support", "download-child.ts"),
    JSON.stringify(params),
  ]);
  await new Promise<void>((resolve) => {
    child.stdout.on("data", (chunk: Buffer) => {
      const last = chunk.toString().trim().split("\n").at(-1)!;
      if ((JSON.parse(last).downloadedBytes ?? 0) >= 1_000_000) resolve();
    });
  });
  await new Promise((resolve) => setTimeout(resolve, 100)); // let the last writes land
  child.kill("SIGKILL");
  await new Promise((resolve) => child.on("close", resolve));
  const blobs = path.join(repoRoot(), "blobs");
  const kept = await partialBytes(blobs, { blobName: sha256(WEIGHTS), size: WEIGHTS.length });
  expect(kept).toBeGreaterThan(0);

  local.hub.resetCounters();
  const state = await downloadModel(params);

  expect(state.status.kind).toBe("ready");
  expect(sha256(await fs.readFile(path.join(state.path!, "model.safetensors")))).toBe(sha256(WEIGHTS));
  const starts = local.hub.requests
    .filter((request) => request.url.endsWith("/model.safetensors"))
    .map((request) => Number(/^bytes=(\d+)-/.exec(request.range ?? "")?.[1]));
  // Each connection picks up inside its own segment, past what it had written.
  const [first, second] = starts.sort((a, b) => a - b);
  expect(starts).toHaveLength(2);
  expect(first).toBeGreaterThan(0);
  expect(first).toBeLessThan(2 * CHUNK_BYTES);
  expect(second).toBeGreaterThan(2 * CHUNK_BYTES);
  const refetched = local.hub.servedBytes("model.safetensors") - (WEIGHTS.length - kept);
  expect(refetched).toBeLessThanOrEqual(2 * CHUNK_BYTES);
});

test("retries a Hub that answers 503, then succeeds", async () => {
  local.hub.fault({ kind: "status", status: 503, times: 2, path: "model.safetensors" });

  const state = await downloadModel({ modelId: MODEL_ID, ...local.store, ...fast });

  expect(state.status.kind).toBe("ready");
});

test("waits as long as a 429's Retry-After asks before trying again", async () => {
  local.hub.fault({ kind: "status", status: 429, times: 1, retryAfter: "1", target: "api" });
  const started = Date.now();

  const state = await downloadModel({ modelId: MODEL_ID, ...local.store, ...fast });

  expect(state.status.kind).toBe("ready");
  expect(Date.now() - started).toBeGreaterThanOrEqual(950);
});

test("gives up after 3 attempts on a failing server, keeps what it has, and says Retry can help", async () => {
  local.hub.fault({ kind: "drop", afterBytes: 500_000, times: 1, path: "model.safetensors" });
  local.hub.fault({ kind: "status", status: 500, times: 10, path: "model.safetensors", target: "file" });

  const error = await rejection(downloadModel({ modelId: MODEL_ID, ...local.store, ...fast }));

  expect(error).toMatchObject({ code: "network", retryable: true });
  expect(error.message).toMatch(/500.*3 attempts/);
  const weightReads = local.hub.requests.filter(
    (request) => request.url.endsWith("model.safetensors") && request.range !== "bytes=0-0",
  );
  // One read dropped, two answered 500: three attempts in all.
  expect(weightReads.length).toBe(3);
  const state = await getModelState(MODEL_ID, local.store);
  expect(state.status).toMatchObject({ kind: "failed", code: "network", retryable: true });

  local.hub.clearFaults();
  local.hub.resetCounters();
  const retried = await downloadModel({ modelId: MODEL_ID, ...local.store, ...fast });
  expect(retried.status.kind).toBe("ready");
  expect(local.hub.servedBytes("model.safetensors")).toBeLessThanOrEqual(WEIGHTS.length - 500_000 + 64 * 1024);
});

test("does not retry a gated repo: one request, and a message that asks for a token", async () => {
  await local.hub.addRepo(REPO, { files: FILES, token: "hf_rightToken" });

  const error = await rejection(downloadModel({ modelId: MODEL_ID, ...local.store, ...fast }));

  expect(error).toMatchObject({ code: "unauthorized", retryable: false });
  expect(error.message).toMatch(/gated or private.*token/);
  expect(local.hub.requests).toHaveLength(1);
  const withToken = await downloadModel({ modelId: MODEL_ID, ...local.store, ...fast, accessToken: "hf_rightToken" });
  expect(withToken.status.kind).toBe("ready");
});

test("does not retry a repo the Hub does not have, and says it is gone", async () => {
  const other = await startLocalHub();
  try {
    const error = await rejection(downloadModel({ modelId: MODEL_ID, ...local.store, ...fast, hubUrl: other.url }));
    expect(error).toMatchObject({ code: "not_found", retryable: false });
    expect(other.requests).toHaveLength(1);
  } finally {
    await other.close();
  }
});

test("discards a file whose bytes fail the checksum and fetches it again", async () => {
  local.hub.fault({ kind: "wrong-bytes", times: 1, path: "model.safetensors" });

  const state = await downloadModel({ modelId: MODEL_ID, ...local.store, ...fast });

  expect(state.status.kind).toBe("ready");
  expect(sha256(await fs.readFile(path.join(state.path!, "model.safetensors")))).toBe(sha256(WEIGHTS));
});

test("never reports ready when a file keeps failing its checksum", async () => {
  local.hub.fault({ kind: "wrong-bytes", times: 3, path: "config.json" });

  const error = await rejection(downloadModel({ modelId: MODEL_ID, ...local.store, ...fast }));

  expect(error).toMatchObject({ code: "integrity", retryable: true });
  expect(error.message).toContain("config.json");
  const state = await getModelState(MODEL_ID, local.store);
  expect(state.status).toMatchObject({ kind: "failed", code: "integrity" });
  await expect(fs.access(path.join(repoRoot(), "refs", "main"))).rejects.toThrow();
});

test("resumes a body that ends early", async () => {
  local.hub.fault({ kind: "truncate", afterBytes: 1_200_000, times: 1, path: "model.safetensors" });

  const state = await downloadModel({ modelId: MODEL_ID, ...local.store, ...fast });

  expect(state.status.kind).toBe("ready");
  expect(local.hub.requests.some((request) => request.range === `bytes=1200000-${WEIGHTS.length - 1}`)).toBe(true);
});

test("treats a stalled stream as a dropped connection and resumes", async () => {
  local.hub.fault({ kind: "stall", afterBytes: 700_000, times: 1, path: "model.safetensors" });

  const state = await downloadModel({ modelId: MODEL_ID, ...local.store, ...fast, stallTimeoutMs: 300 });

  expect(state.status.kind).toBe("ready");
  expect(local.hub.requests.some((request) => request.range === `bytes=700000-${WEIGHTS.length - 1}`)).toBe(true);
});

test("reads a file list spread over several pages", async () => {
  await local.hub.addRepo(REPO, { files: FILES, pageSize: 2 });

  const state = await downloadModel({ modelId: MODEL_ID, ...local.store, ...fast });

  expect((await fs.readdir(state.path!)).sort()).toEqual(["config.json", "model.safetensors", "tokenizer.json"]);
  expect(local.hub.requests.filter((request) => request.url.includes("/tree/")).length).toBe(3);
});

test.each([
  ["a parent-folder path", "../../escaped.json"],
  ["a nested parent-folder path", "sub/../../escaped.json"],
  ["an absolute path", "/tmp/escaped.json"],
  ["a backslash path", "..\\escaped.json"],
])("refuses a Hub that lists %s, writing nothing", async (_name, hostilePath) => {
  const oid = "a".repeat(40);
  await local.hub.addRepo(REPO, {
    files: FILES,
    extraTreeEntries: [{ type: "file", path: hostilePath, size: 2, oid }],
  });

  const error = await rejection(downloadModel({ modelId: MODEL_ID, ...local.store, ...fast }));

  expect(error).toMatchObject({ code: "hostile_repo" });
  expect(local.hub.requests.some((request) => request.url.includes("/resolve/"))).toBe(false);
  await expect(fs.access(path.join(local.root, "escaped.json"))).rejects.toThrow();
  await expect(fs.access(path.join(local.store.cacheDir, "escaped.json"))).rejects.toThrow();
});

test("refuses a blob id that is not a hash", async () => {
  const entry = { type: "file", path: "extra.json", size: 2, oid: "../../../etc/passwd" };
  await local.hub.addRepo(REPO, { files: FILES, extraTreeEntries: [entry] });

  const error = await rejection(downloadModel({ modelId: MODEL_ID, ...local.store, ...fast }));

  expect(error).toMatchObject({ code: "hostile_repo" });
});

test("cancel stops at once, removes the partial files and leaves the model not downloaded", async () => {
  local.hub.fault({ kind: "stall", afterBytes: 1_000_000, times: 1, path: "model.safetensors" });
  const controller = new AbortController();
  const download = downloadModel({
    modelId: MODEL_ID,
    ...local.store,
    ...fast,
    signal: controller.signal,
    onProgress: (progress) => {
      if (progress.downloadedBytes >= 1_000_000) controller.abort();
    },
  });

  const error = await rejection(download);

  expect(error.code).toBe("cancelled");
  expect((await getModelState(MODEL_ID, local.store)).status.kind).toBe("not_downloaded");
  await expect(fs.access(repoRoot())).rejects.toThrow();
  expect(await fs.readdir(path.join(local.store.supportDir, "downloads"))).toEqual([]);
});

test("shows live progress to other readers through the shared state file", async () => {
  local.hub.fault({ kind: "stall", afterBytes: 1_000_000, times: 1, path: "model.safetensors" });
  const controller = new AbortController();
  let seen: Awaited<ReturnType<typeof getModelState>> | undefined;
  const download = downloadModel({
    modelId: MODEL_ID,
    ...local.store,
    ...fast,
    signal: controller.signal,
    onProgress: (progress) => {
      if (progress.downloadedBytes < 1_000_000 || seen) return;
      void getModelState(MODEL_ID, local.store).then((state) => {
        seen = state;
        controller.abort();
      });
    },
  });
  await rejection(download);

  expect(seen?.status).toMatchObject({
    kind: "downloading",
    pid: process.pid,
    progress: { downloadedBytes: expect.any(Number), totalBytes: WEIGHTS.length + 38 + 40 },
  });
});

test("a second download of the same model in the same process is refused as busy", async () => {
  local.hub.fault({ kind: "stall", afterBytes: 1_000_000, times: 1, path: "model.safetensors" });
  const first = downloadModel({ modelId: MODEL_ID, ...local.store, ...fast, stallTimeoutMs: 1000 });
  await new Promise((resolve) => setTimeout(resolve, 200));

  const error = await rejection(downloadModel({ modelId: MODEL_ID, ...local.store, ...fast }));

  expect(error.code).toBe("busy");
  expect((await first).status.kind).toBe("ready");
});

test("takes over at once the lock of a process killed mid-download, without waiting for it to go stale", async () => {
  // What a SIGKILLed downloader leaves: its lock (freshly refreshed), the lock's owner and a live-looking record.
  const dead = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
  const deadPid = Number(dead.stdout.trim());
  const lock = path.join(local.store.supportDir, "locks", `${MODEL_ID}.lock`);
  await fs.mkdir(lock, { recursive: true });
  // Refreshed an hour from now: proper-lockfile alone would call it held for that long.
  const later = new Date(Date.now() + 3_600_000);
  await fs.utimes(lock, later, later);
  await fs.writeFile(`${lock}.owner.json`, JSON.stringify({ pid: deadPid, startTime: "1" }));
  await writeDownloadRecord(local.store.supportDir, {
    modelId: MODEL_ID,
    pid: deadPid,
    startTime: "1",
    status: "downloading",
    updatedAt: Date.now(),
  });
  expect((await getModelState(MODEL_ID, local.store)).status.kind).toBe("not_downloaded");

  const state = await downloadModel({ modelId: MODEL_ID, ...local.store, ...fast });

  expect(state.status.kind).toBe("ready");
  await expect(fs.access(`${lock}.owner.json`)).rejects.toThrow();
});

test("refuses a download while a live process owns the lock, naming it", async () => {
  const lock = path.join(local.store.supportDir, "locks", `${MODEL_ID}.lock`);
  await fs.mkdir(lock, { recursive: true });
  await fs.writeFile(`${lock}.owner.json`, JSON.stringify({ pid: process.ppid }));

  const error = await rejection(downloadModel({ modelId: MODEL_ID, ...local.store, ...fast }));

  expect(error.code).toBe("busy");
  expect(error.message).toContain(`process ${process.ppid}`);
});

test("refuses up front, with the numbers, when the disk cannot hold the download", async () => {
  const error = await rejection(
    downloadModel({ modelId: MODEL_ID, ...local.store, ...fast, reserveBytes: Number.MAX_SAFE_INTEGER / 2 }),
  );

  expect(error.code).toBe("disk_full");
  expect(error.message).toMatch(/needs 3\.0 MB more .* but only .* is free/);
  expect(local.hub.requests.some((request) => request.url.includes("/resolve/"))).toBe(false);
});

test("drops partial files of an older revision, which could never complete", async () => {
  const stale = path.join(repoRoot(), "blobs", `${"c".repeat(64)}.incomplete`);
  await fs.mkdir(path.dirname(stale), { recursive: true });
  await fs.writeFile(stale, randomBytes(1000));

  await downloadModel({ modelId: MODEL_ID, ...local.store, ...fast });

  await expect(fs.access(stale)).rejects.toThrow();
});
