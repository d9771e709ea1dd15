import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { getModelState } from "../../src/core/store/model-state";
import { startLocalHub, type LocalHub } from "../support/hub-server";
import { useLocalStore } from "../support/local-store";

const MODEL_ID = "qwen3-0.6b";
const REPO = "mlx-community/Qwen3-0.6B-4bit";
const WEIGHTS = randomBytes(24_000_000);
const FILES = { "config.json": '{"model_type":"qwen3"}', "tokenizer.json": "{}", "model.safetensors": WEIGHTS };

const local = useLocalStore(REPO, FILES, "cli");
const TOKEN = "hf_cliSecretTokenThatMustNeverLeak";

interface CliRun {
  child: ChildProcess;
  /** Resolves with the first stdout JSON line the predicate accepts. */
  line(predicate: (event: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

function cli(args: string[], env: Record<string, string> = {}): CliRun {
  // Node itself with tsx as a loader (not the tsx wrapper), so a signal reaches the process that downloads.
  const child = spawn(
    path.resolve("node_modules/.bin/node"),
    ["--import", "tsx", "src/cli/main.ts", "models", ...args],
    {
      env: {
        PATH: process.env.PATH ?? "",
        HOME: local.root,
        HF_ENDPOINT: local.store.hubUrl,
        HF_HUB_CACHE: local.store.cacheDir,
        MLX_POLISH_SUPPORT_DIR: local.store.supportDir,
        ...env,
      },
    },
  );
  let stdout = "";
  let stderr = "";
  const waiters: {
    predicate: (event: Record<string, unknown>) => boolean;
    resolve: (event: Record<string, unknown>) => void;
  }[] = [];
  child.stdout!.on("data", (chunk: Buffer) => {
    stdout += chunk;
    for (const text of stdout.split("\n").filter(Boolean)) {
      let event: Record<string, unknown>;
      try {
        event = JSON.parse(text);
      } catch {
        continue;
      }
      for (const waiter of waiters.filter((candidate) => candidate.predicate(event))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
    }
  });
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>(
    (resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return {
    child,
    done,
    line: (predicate) => new Promise((resolve) => waiters.push({ predicate, resolve })),
  };
}

const progressPast = (bytes: number) => (event: Record<string, unknown>) =>
  event.event === "progress" && (event.downloadedBytes as number) >= bytes;

test("a download killed with SIGKILL mid-file resumes in a new process without re-fetching what it had", async () => {
  // The Hub stops sending at 10 MB, so the process is surely mid-file when it is killed.
  local.hub.fault({ kind: "stall", afterBytes: 10_000_000, times: 1, path: "model.safetensors" });
  const first = cli(["download", MODEL_ID, "--json"]);
  await first.line(progressPast(10_000_000));
  first.child.kill("SIGKILL");
  expect((await first.done).signal).toBe("SIGKILL");

  const interrupted = await getModelState(MODEL_ID, local.store);
  expect(interrupted.status.kind).toBe("partial");
  const blobs = path.join(local.store.cacheDir, "models--mlx-community--Qwen3-0.6B-4bit", "blobs");
  const partial = (await fs.readdir(blobs)).find((name) => name.endsWith(".incomplete"))!;
  const kept = (await fs.stat(path.join(blobs, partial))).size;
  expect(kept).toBe(10_000_000);

  local.hub.resetCounters();
  const second = cli(["download", MODEL_ID, "--json"]);
  const result = await second.done;
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout.trim().split("\n").at(-1)!)).toMatchObject({ event: "done", status: "ready" });
  // Only the bytes the first process never received cross the network again.
  const refetched = local.hub.servedBytes("model.safetensors") - (WEIGHTS.length - kept);
  expect(refetched).toBe(0);
  expect(local.hub.requests.some((request) => request.range === `bytes=${kept}-${WEIGHTS.length - 1}`)).toBe(true);
  // Files verified before the kill are not asked for again.
  expect(local.hub.requests.some((request) => request.url.endsWith("/config.json"))).toBe(false);
});

test("a second process refuses to download a model that is already downloading, and exits 8", async () => {
  local.hub.fault({ kind: "stall", afterBytes: 5_000_000, times: 1, path: "model.safetensors" });
  const first = cli(["download", MODEL_ID, "--json"]);
  await first.line(progressPast(5_000_000));

  const second = await cli(["download", MODEL_ID, "--json"]).done;
  expect(second.code).toBe(8);
  expect(JSON.parse(second.stdout.trim())).toMatchObject({ event: "error", code: "busy" });

  const listed = JSON.parse((await cli(["list", "--json"]).done).stdout);
  expect(listed.find((entry: { id: string }) => entry.id === MODEL_ID)).toMatchObject({
    status: "downloading",
    downloadedBytes: expect.any(Number),
  });

  const cancel = await cli(["cancel", MODEL_ID]).done;
  expect(cancel.code).toBe(0);
  const cancelled = await first.done;
  expect(cancelled.code).toBe(3);
  expect(JSON.parse(cancelled.stdout.trim().split("\n").at(-1)!)).toMatchObject({ event: "error", code: "cancelled" });
  expect((await getModelState(MODEL_ID, local.store)).status.kind).toBe("not_downloaded");
  await expect(fs.access(path.join(local.store.cacheDir, "models--mlx-community--Qwen3-0.6B-4bit"))).rejects.toThrow();
});

test("Ctrl-C cancels a download, removes its partial files and exits 3", async () => {
  local.hub.fault({ kind: "stall", afterBytes: 5_000_000, times: 1, path: "model.safetensors" });
  const run = cli(["download", MODEL_ID, "--json"]);
  await run.line(progressPast(5_000_000));
  run.child.kill("SIGINT");
  expect((await run.done).code).toBe(3);
  expect((await getModelState(MODEL_ID, local.store)).status.kind).toBe("not_downloaded");
});

test("list, status, download and delete report through stdout and exit codes", async () => {
  const before = JSON.parse((await cli(["list", "--json"]).done).stdout);
  expect(before.length).toBeGreaterThan(1);
  for (const entry of before) {
    expect(entry).toEqual(
      expect.objectContaining({
        id: expect.any(String),
        repo: expect.any(String),
        status: "not_downloaded",
        sizeBytes: expect.any(Number),
        downloadedBytes: 0,
        path: null,
      }),
    );
  }

  const download = await cli(["download", MODEL_ID]).done;
  expect(download.code).toBe(0);
  expect(download.stderr).toContain(`${MODEL_ID}: 100%`);

  const status = JSON.parse((await cli(["status", MODEL_ID, "--json"]).done).stdout);
  expect(status).toMatchObject({ id: MODEL_ID, repo: REPO, status: "ready" });
  expect(status.downloadedBytes).toBeGreaterThanOrEqual(WEIGHTS.length);
  expect(await fs.readFile(path.join(status.path, "config.json"), "utf8")).toBe(FILES["config.json"]);

  const removed = await cli(["delete", MODEL_ID]).done;
  expect(removed.code).toBe(0);
  expect(removed.stdout).toMatch(/freed 24(\.0)? MB/);
  expect(JSON.parse((await cli(["status", MODEL_ID, "--json"]).done).stdout).status).toBe("not_downloaded");
});

test("verify finds a flipped byte in a blob, marks the model corrupt naming the file, and Retry fetches only it", async () => {
  expect((await cli(["download", MODEL_ID]).done).code).toBe(0);
  const clean = await cli(["verify", MODEL_ID, "--json"]).done;
  expect(clean.code).toBe(0);
  expect(JSON.parse(clean.stdout)).toMatchObject({ status: "ready", checkedFiles: 3, damagedFiles: [] });

  // Same size, one byte different: a size check cannot see it, only the hash can.
  const snapshot = JSON.parse((await cli(["status", MODEL_ID, "--json"]).done).stdout).path;
  const blob = path.resolve(snapshot, await fs.readlink(path.join(snapshot, "model.safetensors")));
  const bytes = await fs.readFile(blob);
  bytes[12_345_678] ^= 0xff;
  await fs.writeFile(blob, bytes);
  expect(JSON.parse((await cli(["status", MODEL_ID, "--json"]).done).stdout).status).toBe("ready");

  const damaged = await cli(["verify", MODEL_ID, "--json"]).done;
  expect(damaged.code).toBe(6);
  expect(JSON.parse(damaged.stdout)).toMatchObject({
    status: "corrupt",
    damagedFiles: ["model.safetensors"],
    error: { message: expect.stringContaining("model.safetensors failed the checksum check") },
  });
  const text = await cli(["status", MODEL_ID]).done;
  expect(text.stdout).toMatch(/corrupt\s+model\.safetensors failed the checksum check; Retry Download fetches only it/);

  local.hub.resetCounters();
  const retry = await cli(["download", MODEL_ID, "--json"]).done;
  expect(retry.code).toBe(0);
  const fetched = local.hub.requests.filter((request) => request.url.includes("/resolve/")).map((r) => r.url);
  expect(fetched.length).toBeGreaterThan(0);
  expect(fetched.every((url) => url.endsWith("/model.safetensors"))).toBe(true);
  expect((await fs.readFile(blob)).equals(WEIGHTS)).toBe(true);
  expect((await cli(["verify", MODEL_ID]).done).code).toBe(0);
});

test("verify of a model that is not downloaded says so and exits 1", async () => {
  const run = await cli(["verify", MODEL_ID]).done;
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/is not downloaded: there is nothing to verify/);
});

test("a gated repo exits 7 and says a token is needed; the token never shows in output or state files", async () => {
  await local.hub.addRepo(REPO, { files: FILES, token: TOKEN });

  const refused = await cli(["download", MODEL_ID, "--json"], { HF_TOKEN: "hf_wrongTokenAlsoSecret" }).done;
  expect(refused.code).toBe(7);
  expect(JSON.parse(refused.stdout.trim())).toMatchObject({ event: "error", code: "unauthorized" });
  expect(refused.stderr).toMatch(/token/i);
  expect(refused.stdout + refused.stderr).not.toContain("hf_wrongTokenAlsoSecret");

  const allowed = await cli(["download", MODEL_ID, "--json"], { HF_TOKEN: TOKEN }).done;
  expect(allowed.code).toBe(0);
  expect(allowed.stdout + allowed.stderr).not.toContain(TOKEN);
  for (const file of await listFiles(local.store.supportDir)) {
    expect(await fs.readFile(file, "utf8")).not.toContain(TOKEN);
  }
});

test("a missing repo exits 7 and a Hub that keeps failing exits 5", async () => {
  await fs.rm(local.root, { recursive: true, force: true });
  local.hub = await restartWithout(local.hub);
  const missing = await cli(["download", MODEL_ID, "--json"]).done;
  expect(missing.code).toBe(7);
  expect(JSON.parse(missing.stdout.trim())).toMatchObject({ code: "not_found" });

  await local.hub.addRepo(REPO, { files: FILES });
  local.hub.fault({ kind: "status", status: 503, times: 10, target: "api" });
  const failing = await cli(["download", MODEL_ID, "--json"]).done;
  expect(failing.code).toBe(5);
  expect(JSON.parse(failing.stdout.trim())).toMatchObject({ code: "network", retryable: true });
});

test("a file that keeps failing its checksum exits 6, and an unknown model exits 1 naming the known ones", async () => {
  local.hub.fault({ kind: "wrong-bytes", times: 10, path: "model.safetensors" });
  const corrupt = await cli(["download", MODEL_ID, "--json"]).done;
  expect(corrupt.code).toBe(6);
  expect(JSON.parse(corrupt.stdout.trim().split("\n").at(-1)!)).toMatchObject({ code: "integrity", retryable: true });
  expect(JSON.parse((await cli(["status", MODEL_ID, "--json"]).done).stdout)).toMatchObject({
    status: "failed",
    error: { code: "integrity", retryable: true },
  });

  const unknown = await cli(["download", "no-such-model"]).done;
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toContain(`Unknown model "no-such-model"`);
  expect(unknown.stderr).toContain(MODEL_ID);
});

async function restartWithout(previous: LocalHub): Promise<LocalHub> {
  await previous.close();
  const fresh = await startLocalHub();
  local.store.hubUrl = fresh.url;
  return fresh;
}

async function listFiles(folder: string): Promise<string[]> {
  const entries = await fs.readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}
