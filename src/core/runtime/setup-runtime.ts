import fs from "node:fs/promises";
import path from "node:path";
import lockfile from "proper-lockfile";
import { PolishError, toPolishError } from "../errors";
import { checkHelperStarts, stopHelper } from "../helper";
import { freeDiskSpace } from "../store";
import { installUv } from "./install-uv";
import {
  RUNTIME_MARKER_FILE,
  RUNTIME_MIN_FREE_BYTES,
  RUNTIME_PYTHON_REQUEST,
  UV_VERSION,
  helperSourcePath,
  readRuntime,
  readRuntimeLock,
  runtimeDir,
  runtimePlatform,
  runtimeRoot,
  venvPython,
  type ReadyRuntime,
  type RuntimeMarker,
} from "../config";

export type RuntimeSetupStage = "uv" | "python" | "packages" | "check";

export interface RuntimeSetupProgress {
  stage: RuntimeSetupStage;
  /** Bytes so far: downloaded (uv) or written into the new runtime (packages). */
  bytes?: number;
  /** Bytes expected, when known (the uv wheel). */
  totalBytes?: number;
}

export interface SetupRuntimeParams {
  supportDir?: string;
  assetsDir?: string;
  signal?: AbortSignal;
  onProgress?: (progress: RuntimeSetupProgress) => void;
  /** Free space required before starting; defaults to `RUNTIME_MIN_FREE_BYTES`. */
  minFreeBytes?: number;
  /** Where the uv wheel comes from instead of PyPI; defaults to `MLX_POLISH_UV_WHEEL`. */
  uvWheel?: string;
  fetch?: typeof fetch;
}

export interface RuntimeSetupResult extends ReadyRuntime {
  /** False when the runtime for this lock was already set up (nothing was done). */
  changed: boolean;
}

const SETUP_LOCK_FILE = "setup.lock";
const SETUP_LOCK_STALE_MS = 5_000;
const BUILD_PREFIX = ".build-";
const PROGRESS_POLL_MS = 1_000;
const PROGRESS_THROTTLE_MS = 250;
const OUTPUT_TAIL_LINES = 6;

/**
 * Builds the helper's Python runtime in the support folder from the pinned uv and this platform's
 * hash-pinned lock: a venv on a system Python (3.11–3.13) or uv's managed one, the locked packages
 * (`--require-hashes`, wheels only), then a start of the helper that must answer `hello`. It is built in
 * a temporary folder and renamed into place with a marker of the lock's hash, so an interrupted,
 * offline, full or tampered set-up leaves the previous runtime in use and nothing half-installed that
 * looks ready. A runtime for the same lock already there makes this a no-op.
 */
export async function setupRuntime(params: SetupRuntimeParams = {}): Promise<RuntimeSetupResult> {
  const platform = runtimePlatform();
  if (!platform) {
    throw new PolishError(
      "unsupported_platform",
      "The local runtime needs a Mac with Apple Silicon (or Linux x86_64 for development).",
    );
  }
  const lock = await readRuntimeLock(platform, params.assetsDir);
  const root = runtimeRoot(params.supportDir);
  const target = runtimeDir(root, lock.hash);
  const existing = await readRuntime(target);
  if (existing?.lock === lock.hash) return { ...existing, changed: false };

  await fs.mkdir(root, { recursive: true, mode: 0o700 });
  // A set-up whose process was killed leaves its lock behind: it goes stale (no more refreshes) within
  // SETUP_LOCK_STALE_MS, so a new set-up waits that long before calling another one busy.
  const release = await lockfile
    .lock(root, {
      lockfilePath: path.join(root, SETUP_LOCK_FILE),
      stale: SETUP_LOCK_STALE_MS,
      retries: { retries: Math.ceil((SETUP_LOCK_STALE_MS * 1.5) / 500), factor: 1, minTimeout: 500, maxTimeout: 500 },
    })
    .catch((error: unknown) => {
      throw new PolishError("busy", "Another set-up of the local runtime is under way.", {
        cause: error,
        retryable: true,
      });
    });
  const build = path.join(root, `${BUILD_PREFIX}${process.pid}-${Date.now()}`);
  try {
    const raced = await readRuntime(target);
    if (raced?.lock === lock.hash) return { ...raced, changed: false };
    await removeStaleBuilds(root);
    const free = await freeDiskSpace(root);
    const needed = params.minFreeBytes ?? RUNTIME_MIN_FREE_BYTES;
    if (free < needed) {
      throw new PolishError(
        "disk_full",
        `Setting up the local runtime needs ${formatGigabytes(needed)} free; ${root} has ${formatGigabytes(free)}.`,
      );
    }

    params.onProgress?.({ stage: "uv" });
    const uv = await installUv({
      root,
      platform,
      wheelSource: params.uvWheel ?? process.env.MLX_POLISH_UV_WHEEL,
      fetch: params.fetch,
      signal: params.signal,
      onBytes: throttle((bytes, totalBytes) => params.onProgress?.({ stage: "uv", bytes, totalBytes })),
    });

    await fs.mkdir(build, { recursive: true });
    const env = uvEnvironment(root, build);
    params.onProgress?.({ stage: "python" });
    await runUv(
      uv,
      ["venv", "--relocatable", "--python", RUNTIME_PYTHON_REQUEST, path.join(build, "venv")],
      env,
      params,
    );

    params.onProgress?.({ stage: "packages", bytes: 0 });
    const python = venvPython(build);
    await watchBytes(
      build,
      (bytes) => params.onProgress?.({ stage: "packages", bytes }),
      () =>
        runUv(
          uv,
          ["pip", "install", "--python", python, "--require-hashes", "--no-build", "-r", lock.path],
          env,
          params,
        ),
    );
    await fs.rm(env.UV_CACHE_DIR, { recursive: true, force: true });

    params.onProgress?.({ stage: "check" });
    await checkHelperStarts({
      file: python,
      args: ["-m", "mlx_polish_helper"],
      env: { PYTHONPATH: helperSourcePath(params.assetsDir) },
      signal: params.signal,
    });
    const { stdout: pythonVersion } = await (
      await import("execa")
    ).execa(python, ["-c", "import platform; print(platform.python_version())"]);
    const marker: RuntimeMarker = {
      lock: lock.hash,
      uv: UV_VERSION,
      python: pythonVersion.trim(),
      createdAt: new Date().toISOString(),
    };
    await fs.writeFile(path.join(build, RUNTIME_MARKER_FILE), `${JSON.stringify(marker, null, 2)}\n`);
    await fs.rm(target, { recursive: true, force: true });
    await fs.rename(build, target);

    await removeOtherRuntimes(root, target, params.supportDir);
    return { path: target, python: venvPython(target), lock: lock.hash, changed: true };
  } catch (error) {
    if (params.signal?.aborted)
      throw new PolishError("cancelled", "The runtime set-up was canceled.", { cause: error });
    throw toPolishError(error);
  } finally {
    await fs.rm(build, { recursive: true, force: true }).catch(() => undefined);
    await release().catch(() => undefined);
  }
}

/**
 * uv's settings for the set-up: no user or project config (nothing may redirect it), its cache inside
 * the build (deleted after), managed Pythons kept in the runtime folder. The index stays the default
 * (PyPI) unless `UV_INDEX_URL`/`UV_DEFAULT_INDEX` is set in the environment: those pass through.
 */
function uvEnvironment(root: string, build: string): Record<string, string> & { UV_CACHE_DIR: string } {
  return {
    UV_NO_CONFIG: "1",
    UV_CACHE_DIR: path.join(build, "cache"),
    UV_PYTHON_INSTALL_DIR: path.join(root, "python"),
    UV_PYTHON_PREFERENCE: "system",
    UV_NO_PROGRESS: "1",
    VIRTUAL_ENV: "",
  };
}

async function runUv(
  uv: string,
  args: string[],
  env: Record<string, string>,
  params: SetupRuntimeParams,
): Promise<void> {
  const { execa } = await import("execa");
  const result = await execa(uv, args, { env, cancelSignal: params.signal, reject: false, all: true });
  if (params.signal?.aborted) throw new PolishError("cancelled", "The runtime set-up was canceled.");
  if (result.exitCode === 0) return;
  throw classifyUvFailure(`uv ${args[0] === "pip" ? "pip install" : args[0]}`, String(result.all ?? result.message));
}

/** uv's failure as the error the user can act on: integrity, network, disk, or the output's last lines. */
export function classifyUvFailure(step: string, output: string): PolishError {
  const tail = output.trim().split("\n").slice(-OUTPUT_TAIL_LINES).join("\n");
  if (/hash mismatch|hashes? (do not|don't) match|hash-checking mode|--require-hashes/i.test(output)) {
    return new PolishError(
      "integrity",
      `A downloaded package does not match the lock file's hash; nothing was installed.\n${tail}`,
    );
  }
  if (/no space left on device|os error 28|disk quota/i.test(output)) {
    return new PolishError("disk_full", `The disk filled up while setting up the local runtime.\n${tail}`);
  }
  if (
    /failed to fetch|error sending request|dns error|failed to lookup|connection (refused|reset|closed)|tcp connect|timed out|network|offline|status code [45]\d\d|failed to download/i.test(
      output,
    )
  ) {
    return new PolishError(
      "network",
      `The local runtime could not be downloaded (check the connection, then try again).\n${tail}`,
      {
        retryable: true,
      },
    );
  }
  return new PolishError("internal", `${step} failed.\n${tail}`);
}

/**
 * Runs `work` while reporting, every second, how many bytes the folder holds, and once more when it is
 * done (the final figure); no report comes after that.
 */
async function watchBytes<T>(folder: string, report: (bytes: number) => void, work: () => Promise<T>): Promise<T> {
  let polling: Promise<void> | undefined;
  let done = false;
  const timer = setInterval(() => {
    polling ??= folderBytes(folder)
      .then((bytes) => {
        if (!done) report(bytes);
      })
      .catch(() => undefined)
      .finally(() => (polling = undefined));
  }, PROGRESS_POLL_MS);
  try {
    const result = await work();
    clearInterval(timer);
    await polling;
    report(await folderBytes(folder));
    return result;
  } finally {
    done = true;
    clearInterval(timer);
    await polling;
  }
}

/** Bytes the files under `folder` take (hard links counted once). */
export async function folderBytes(folder: string): Promise<number> {
  const seen = new Set<number>();
  let total = 0;
  const walk = async (dir: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) {
        const stats = await fs.lstat(full).catch(() => undefined);
        if (stats && !seen.has(stats.ino)) {
          seen.add(stats.ino);
          total += stats.size;
        }
      }
    }
  };
  await walk(folder);
  return total;
}

/** Builds left by a set-up that was killed: never ready, only in the way. Called under the set-up lock. */
async function removeStaleBuilds(root: string): Promise<void> {
  for (const name of await fs.readdir(root)) {
    if (name.startsWith(BUILD_PREFIX)) await fs.rm(path.join(root, name), { recursive: true, force: true });
  }
}

/** Once the new runtime works, the old ones go (the helper, which may run from one, is stopped first). */
async function removeOtherRuntimes(root: string, keep: string, supportDir?: string): Promise<void> {
  const stale = (await fs.readdir(root)).filter((name) => name.startsWith("env-") && path.join(root, name) !== keep);
  if (stale.length === 0) return;
  await stopHelper({ supportDir });
  for (const name of stale) await fs.rm(path.join(root, name), { recursive: true, force: true });
}

/** Removes every runtime, uv and uv's managed Pythons (the helper is stopped first). */
export async function removeRuntime(params: { supportDir?: string } = {}): Promise<{ removed: boolean }> {
  const root = runtimeRoot(params.supportDir);
  const exists = await fs.stat(root).then(
    () => true,
    () => false,
  );
  if (!exists) return { removed: false };
  await stopHelper({ supportDir: params.supportDir });
  await fs.rm(root, { recursive: true, force: true });
  return { removed: true };
}

/** At most one report per `PROGRESS_THROTTLE_MS`, and always the last one (bytes === total). */
function throttle(report: (bytes: number, total: number) => void): (bytes: number, total: number) => void {
  let last = 0;
  return (bytes, total) => {
    if (bytes < total && Date.now() - last < PROGRESS_THROTTLE_MS) return;
    last = Date.now();
    report(bytes, total);
  };
}

function formatGigabytes(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}
