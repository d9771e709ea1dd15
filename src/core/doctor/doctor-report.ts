import os from "node:os";
import { hubCacheDir, hubUrl, readRuntimeLock, runtimePlatform, supportDir as defaultSupportDir } from "../config";
import {
  getHelperStatus,
  helperSocketPath,
  HELPER_VERSION,
  locateHelper,
  type FindHelperParams,
  type HelperRuntimeKind,
} from "../helper";
import { freeDiskSpace, getModelStates, type ModelStatus } from "../store";
import { readLastFailure, type LoggedFailure } from "./last-logged-failure";

/**
 * What `mlx-polish doctor --json` prints: the machine, the runtime, the helper and the models, for a
 * bug report. Field names are a contract (docs/doctor.md). It never holds dictated text or a token.
 */
export interface DoctorReport {
  /** MLX Polish's version (the helper version it ships and expects). */
  version: string;
  os: { platform: string; release: string; arch: string };
  /** The CPU's name (`machdep.cpu.brand_string` on macOS, e.g. "Apple M2"); null when unknown. */
  chip: string | null;
  memory: { totalBytes: number; freeBytes: number };
  /** The Python the helper runs on (set-up runtime or development venv); null for a frozen or custom helper. */
  python: { path: string; version: string | null } | null;
  runtime: {
    /** Where the helper starts from; null when nothing can run it yet (set-up needed). */
    kind: HelperRuntimeKind | null;
    path: string | null;
    /** `sha256:<hex>` of the lock the set-up runtime was built from. */
    lock: string | null;
    /** `sha256:<hex>` of this version's lock for this platform; null where MLX Polish has none. */
    expectedLock: string | null;
    /** A set-up runtime built from `expectedLock` is the one in use. */
    upToDate: boolean;
  };
  helper: {
    version: string;
    socket: string;
    /** A helper answers on the socket (checked without starting one). */
    running: boolean;
    state: string | null;
    loadedModel: string | null;
  };
  models: {
    id: string;
    state: ModelStatus["kind"];
    sizeOnDiskBytes: number;
    /** Why a download failed or a snapshot is damaged (`code` only for failed downloads). */
    error: { code: string | null; message: string } | null;
  }[];
  /** The Hugging Face cache models are downloaded to. */
  hfCache: string;
  /** The Hub downloads come from (`HF_ENDPOINT`), without any user:password part. */
  hub: string;
  /** Whether `HF_TOKEN` is set; never its value. */
  hfTokenSet: boolean;
  supportDir: string;
  /** Free space on the volume of the Hugging Face cache. */
  disk: { path: string; freeBytes: number | null };
  /** The newest failure in the helper's log or the download worker's log; null when there is none. */
  lastFailure: LoggedFailure | null;
}

/** Runs a program and returns its stdout, or undefined when it fails: how the report asks the system. */
export type RunCommand = (file: string, args: string[]) => Promise<string | undefined>;

export interface DoctorParams extends FindHelperParams {
  /** Runs `sysctl` and Python; tests hand in a scripted one. Default: execa with a 10 s timeout. */
  run?: RunCommand;
  /** The platform to describe the chip of (default `process.platform`). */
  platform?: NodeJS.Platform;
}

const PYTHON_VERSION_ARGS = ["-c", "import platform; print(platform.python_version())"];

/**
 * Gathers what a bug report needs. Never starts the helper, never throws for something missing (a
 * diagnostic reports it), and reads logs for failure codes only, never their free text from a polish.
 */
export async function getDoctorReport(params: DoctorParams = {}): Promise<DoctorReport> {
  const run = params.run ?? runWithExeca;
  const platform = params.platform ?? process.platform;
  const support = defaultSupportDir(params.supportDir);
  const cache = hubCacheDir();
  const [chip, helperCommand, status, store, freeBytes, expectedLock, lastFailure] = await Promise.all([
    chipName(platform, run),
    locateHelper(params).catch(() => undefined),
    getHelperStatus({ supportDir: support }).catch(() => undefined),
    getModelStates({ supportDir: support }).catch(() => undefined),
    freeDiskSpace(cache).catch(() => null),
    expectedRuntimeLock(params.assetsDir),
    readLastFailure(support),
  ]);
  const runsPython = helperCommand?.kind === "runtime" || helperCommand?.kind === "venv";
  const pythonVersion = runsPython ? await run(helperCommand.file, PYTHON_VERSION_ARGS) : undefined;
  const lock = helperCommand?.lock ?? null;
  return {
    version: HELPER_VERSION,
    os: { platform, release: os.release(), arch: os.arch() },
    chip,
    memory: { totalBytes: os.totalmem(), freeBytes: os.freemem() },
    python: runsPython ? { path: helperCommand.file, version: pythonVersion?.trim() || null } : null,
    runtime: {
      kind: helperCommand?.kind ?? null,
      path: helperCommand?.path ?? null,
      lock,
      expectedLock,
      upToDate: helperCommand?.kind === "runtime" && lock !== null && lock === expectedLock,
    },
    helper: {
      version: HELPER_VERSION,
      socket: helperSocketPath({ supportDir: support }),
      running: status !== undefined,
      state: status?.state ?? null,
      loadedModel: status?.model?.id ?? null,
    },
    models: (store?.models ?? []).map(({ model, status: modelStatus, sizeOnDiskBytes }) => ({
      id: model.id,
      state: modelStatus.kind,
      sizeOnDiskBytes,
      error:
        modelStatus.kind === "failed"
          ? { code: modelStatus.code, message: modelStatus.message }
          : modelStatus.kind === "corrupt"
            ? { code: null, message: modelStatus.message }
            : null,
    })),
    hfCache: cache,
    hub: withoutCredentials(hubUrl()),
    hfTokenSet: Boolean(process.env.HF_TOKEN),
    supportDir: support,
    disk: { path: cache, freeBytes },
    lastFailure: lastFailure ?? null,
  };
}

/** On a Mac, `sysctl -n machdep.cpu.brand_string` ("Apple M2 Pro"); elsewhere Node's CPU model. */
async function chipName(platform: NodeJS.Platform, run: RunCommand): Promise<string | null> {
  if (platform === "darwin") {
    const brand = await run("sysctl", ["-n", "machdep.cpu.brand_string"]);
    if (brand?.trim()) return brand.trim();
  }
  return os.cpus()[0]?.model.trim() || null;
}

async function expectedRuntimeLock(assetsDir?: string): Promise<string | null> {
  const platform = runtimePlatform();
  if (!platform) return null;
  return readRuntimeLock(platform, assetsDir).then(
    (lock) => lock.hash,
    () => null,
  );
}

function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    return parsed.toString().replace(/\/+$/, "");
  } catch {
    return url;
  }
}

async function runWithExeca(file: string, args: string[]): Promise<string | undefined> {
  // execa ships ESM only: imported on use so this CommonJS module also loads under plain Node and tsx.
  const { execa } = await import("execa");
  const result = await execa(file, args, { timeout: 10_000, reject: false });
  return result.exitCode === 0 ? String(result.stdout) : undefined;
}
