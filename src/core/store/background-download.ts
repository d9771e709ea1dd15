import { spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { findModel } from "../catalog";
import { resolveStoreOptions, type StoreOptions } from "../config";
import { PolishError, toPolishError } from "../errors";
import { isProcessAlive } from "../is-process-alive";
import { downloadModel } from "./download-model";
import { getModelState, type DownloadProgress, type ModelState } from "./model-state";

/** The worker's own log in the support folder: what it downloaded and why it stopped, never a token. */
export const DOWNLOAD_LOG_FILE = "download-worker.log";

/** The environment variable carrying a worker's job (JSON); the token travels as `HF_TOKEN` only. */
const JOB_VARIABLE = "MLX_POLISH_DOWNLOAD_JOB";

/** How long a new worker may take to write its first progress record. */
const START_TIMEOUT_MS = 15_000;
const POLL_MS = 250;

/**
 * How a worker is started: Node, its flags, and the file whose exports include `runDownloadWorker`.
 * By default the file that holds this code, run by the Node running us: inside Raycast that is Raycast's
 * Node and the command's bundle (`ray build` writes one CommonJS file per command into the extension's
 * folder, and Manage Local Models re-exports `runDownloadWorker`); from the TypeScript sources (the CLI,
 * the tests) it is this file, loaded through tsx.
 */
export interface WorkerEntry {
  execPath: string;
  execArgv: string[];
  file: string;
}

export function defaultWorkerEntry(): WorkerEntry {
  // Our own Node flags are not passed on: Raycast's may hold an inspector port the worker cannot share.
  const fromSource = /\.tsx?$/.test(__filename);
  return { execPath: process.execPath, execArgv: fromSource ? ["--import", "tsx"] : [], file: __filename };
}

export interface BackgroundDownloadParams extends Omit<StoreOptions, "fetch"> {
  modelId: string;
  /** Token for gated or private repos, handed to the worker in its environment; never written anywhere. */
  accessToken?: string;
  entry?: WorkerEntry;
}

export interface BackgroundDownload {
  /** The worker's process id. */
  pid: number;
  /** True when a download of this model was already running and this call joined it. */
  joined: boolean;
}

/**
 * Starts a model's download in a detached worker process that outlives the caller (Raycast unloads a
 * command when its window closes), or joins the one already running. Resolves once the worker has
 * written its first progress record; rejects with the worker's failure if it stops before that.
 */
export async function startBackgroundDownload(params: BackgroundDownloadParams): Promise<BackgroundDownload> {
  const store = resolveStoreOptions(params);
  const model = findModel(params.modelId, store);
  const before = await getModelState(model.id, store);
  if (before.status.kind === "downloading") return { pid: before.status.pid, joined: true };
  if (before.status.kind === "ready") throw new PolishError("busy", `${model.title} is already downloaded.`);

  await mkdir(store.supportDir, { recursive: true, mode: 0o700 });
  const log = createWriteStream(path.join(store.supportDir, DOWNLOAD_LOG_FILE), { flags: "a", mode: 0o600 });
  await once(log, "open");
  const entry = params.entry ?? defaultWorkerEntry();
  const job = { modelId: model.id, supportDir: store.supportDir, cacheDir: store.cacheDir, hubUrl: store.hubUrl };
  const env: NodeJS.ProcessEnv = { ...process.env, [JOB_VARIABLE]: JSON.stringify(job) };
  if (params.accessToken) env.HF_TOKEN = params.accessToken;
  // Detached, unreferenced, its output in its log: it keeps going when this process is unloaded or killed.
  const child = spawn(entry.execPath, [...entry.execArgv, "-e", BOOTSTRAP, entry.file], {
    detached: true,
    stdio: ["ignore", log, log],
    env,
  });
  child.unref();
  log.close();
  let exited = false;
  child.once("exit", () => (exited = true));
  const pid = child.pid;
  if (pid === undefined)
    throw new PolishError("internal", `Could not start the download worker with ${entry.execPath}.`);

  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const state = await getModelState(model.id, store);
    // Another process won the lock first: this worker gives up with `busy`, and we follow the winner.
    if (state.status.kind === "downloading") return { pid: state.status.pid, joined: state.status.pid !== pid };
    if (exited || !isProcessAlive(pid)) {
      if (state.status.kind === "ready") return { pid, joined: false };
      if (state.status.kind === "failed") throw new PolishError(state.status.code, state.status.message);
      throw new PolishError("internal", `The download worker stopped at once; see ${DOWNLOAD_LOG_FILE}.`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new PolishError("internal", `The download worker did not start within ${START_TIMEOUT_MS / 1000} s.`);
}

export interface DownloadInBackgroundParams extends BackgroundDownloadParams {
  onProgress?: (progress: DownloadProgress) => void;
  /** Stops following the download (the command closed), not the download itself. */
  signal?: AbortSignal;
}

/** Starts (or joins) a model's background download and follows it to its end: what Download does. */
export async function downloadInBackground(params: DownloadInBackgroundParams): Promise<ModelState> {
  await startBackgroundDownload(params);
  return followDownload(params);
}

export interface FollowDownloadParams extends Omit<StoreOptions, "fetch"> {
  modelId: string;
  onProgress?: (progress: DownloadProgress) => void;
  /** Stops following (not the download): the command closed. */
  signal?: AbortSignal;
  pollMs?: number;
}

/**
 * Follows a model's download through the shared state, whichever process runs it, until it ends: resolves
 * with the ready state; rejects with its failure, `cancelled` when its files were removed, or `internal`
 * when its process died and left a partial download (Resume picks it up).
 */
export async function followDownload(params: FollowDownloadParams): Promise<ModelState> {
  const store = resolveStoreOptions(params);
  for (;;) {
    const state = await getModelState(params.modelId, store);
    const status = state.status;
    if (status.kind === "downloading") params.onProgress?.(status.progress);
    else if (status.kind === "ready") return state;
    else if (status.kind === "failed")
      throw new PolishError(status.code, status.message, { retryable: status.retryable });
    else if (status.kind === "not_downloaded") throw new PolishError("cancelled", "The download was canceled.");
    else if (status.kind === "partial")
      throw new PolishError(
        "internal",
        "The download stopped before it finished. Resume continues where it left off.",
        {
          retryable: true,
        },
      );
    else throw new PolishError("model_corrupt", status.kind === "corrupt" ? status.message : "Unexpected state.");
    if (params.signal?.aborted) throw new PolishError("cancelled", "Stopped following the download.");
    await new Promise((resolve) => setTimeout(resolve, params.pollMs ?? POLL_MS));
  }
}

/**
 * The worker's body: downloads the job's model with the same engine as every other caller (its progress,
 * failure and cancel marker go through the shared state), logs one line when it ends, and resolves with
 * the process's exit code. SIGTERM cancels it cleanly; SIGKILL leaves a partial download to resume.
 */
export async function runDownloadWorker(environment: NodeJS.ProcessEnv = process.env): Promise<number> {
  const job = JSON.parse(environment[JOB_VARIABLE] ?? "{}") as {
    modelId: string;
    supportDir: string;
    cacheDir: string;
    hubUrl: string;
  };
  const controller = new AbortController();
  process.once("SIGTERM", () => controller.abort());
  const stamp = () => new Date().toISOString();
  console.error(`${stamp()} download ${job.modelId}: started (process ${process.pid})`);
  try {
    await downloadModel({ ...job, signal: controller.signal, accessToken: environment.HF_TOKEN });
    console.error(`${stamp()} download ${job.modelId}: done`);
    return 0;
  } catch (error) {
    const failure = toPolishError(error);
    console.error(`${stamp()} download ${job.modelId}: ${failure.code}: ${failure.message}`);
    return failure.code === "cancelled" ? 0 : 1;
  }
}

/**
 * What the worker's Node runs (`node -e BOOTSTRAP FILE`): loads FILE and calls its `runDownloadWorker`.
 * A command bundle also `require`s `@raycast/api` and `react`, which `ray build` leaves out because Raycast's
 * runtime provides them; the worker never calls them, so those requests get an inert stand-in.
 */
const BOOTSTRAP = `
const Module = require("node:module");
const load = Module._load;
const inert = new Proxy(function () {}, { get: (_t, key) => (key === "__esModule" ? false : inert), apply: () => inert, construct: () => ({}) });
Module._load = function (request, ...rest) {
  return /^(@raycast\\/|react($|\\/))/.test(request) ? inert : load.call(this, request, ...rest);
};
const file = process.argv[1];
const entry = require(file);
if (typeof entry.runDownloadWorker !== "function") {
  console.error(file + " does not export runDownloadWorker");
  process.exit(2);
}
entry.runDownloadWorker().then((code) => process.exit(code), (error) => { console.error(error); process.exit(1); });
`;
