import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { PolishError } from "../errors";
import { checkoutRoot, supportDir as defaultSupportDir } from "./paths";
import { isAppleSilicon } from "./platform";
import { HELPER_SOURCE_DIR, RUNTIME_ASSETS_DIR, UV_VERSION, lockFileName, type RuntimePlatform } from "./runtime-pins";

/**
 * Where the extension's assets may be: `MLX_POLISH_ASSETS_DIR` (tests, sideloads), else next to the bundled
 * code (Raycast puts it in the extension's root, beside `assets/`), else this checkout's `assets/`.
 */
export function defaultAssetsDirs(): string[] {
  const override = process.env.MLX_POLISH_ASSETS_DIR;
  if (override) return [override];
  const checkout = checkoutRoot();
  return [path.join(__dirname, "assets"), ...(checkout ? [path.join(checkout, "assets")] : [])];
}

/** The marker a finished runtime holds: written last, so a folder without it was never ready. */
export const RUNTIME_MARKER_FILE = "mlx-polish-runtime.json";

export interface RuntimeMarker {
  /** `sha256:<hex>` of the lock file the runtime was installed from. */
  lock: string;
  uv: string;
  python: string;
  createdAt: string;
}

/** A runtime that finished its set-up. */
export interface ReadyRuntime {
  path: string;
  python: string;
  lock: string;
}

/** The platform whose lock and uv wheel apply here, or undefined where MLX Polish has no runtime. */
export function runtimePlatform(): RuntimePlatform | undefined {
  if (process.platform === "darwin") return isAppleSilicon() ? "macos-arm64" : undefined;
  if (process.platform === "linux" && process.arch === "x64") return "linux-x86_64";
  return undefined;
}

/** Where runtimes live: `<support>/runtime/` (uv, uv's managed Pythons, and one `env-<lock>` per lock). */
export function runtimeRoot(supportDir?: string): string {
  return path.join(defaultSupportDir(supportDir), "runtime");
}

export function uvBinaryPath(root: string): string {
  return path.join(root, `uv-${UV_VERSION}`, "uv");
}

export function runtimeDir(root: string, lock: string): string {
  return path.join(root, `env-${lock.replace(/^sha256:/, "").slice(0, 16)}`);
}

export function venvPython(runtimePath: string): string {
  return path.join(runtimePath, "venv", "bin", "python");
}

/** The assets folder holding the runtime's inputs: the given one, else the extension's or the checkout's. */
export function runtimeAssetsDir(assetsDir?: string): string {
  const candidates = assetsDir ? [assetsDir] : defaultAssetsDirs();
  const found = candidates.find((dir) => existsSync(path.join(dir, RUNTIME_ASSETS_DIR)));
  if (!found) {
    throw new PolishError(
      "helper_unavailable",
      `The runtime's lock files are missing from ${candidates.join(" and ")}. Reinstall the extension.`,
    );
  }
  return path.join(found, RUNTIME_ASSETS_DIR);
}

/** The helper's Python source (put on PYTHONPATH: it is read from the extension, not installed). */
export function helperSourcePath(assetsDir?: string): string {
  return path.join(runtimeAssetsDir(assetsDir), HELPER_SOURCE_DIR);
}

export interface RuntimeLock {
  path: string;
  text: string;
  /** `sha256:<hex>` of the file: the runtime's identity. */
  hash: string;
}

/** This platform's lock file and its hash. */
export async function readRuntimeLock(platform: RuntimePlatform, assetsDir?: string): Promise<RuntimeLock> {
  const lockPath = path.join(runtimeAssetsDir(assetsDir), lockFileName(platform));
  const text = await fs.readFile(lockPath, "utf8");
  return { path: lockPath, text, hash: `sha256:${createHash("sha256").update(text).digest("hex")}` };
}

/** A runtime folder's marker, or undefined when it has none (never finished) or its Python is gone. */
export async function readRuntime(runtimePath: string): Promise<ReadyRuntime | undefined> {
  const marker = await fs
    .readFile(path.join(runtimePath, RUNTIME_MARKER_FILE), "utf8")
    .then((text) => JSON.parse(text) as RuntimeMarker)
    .catch(() => undefined);
  if (!marker || typeof marker.lock !== "string" || !existsSync(venvPython(runtimePath))) return undefined;
  return { path: runtimePath, python: venvPython(runtimePath), lock: marker.lock };
}

/** Every finished runtime under `root`, newest first. */
export async function readyRuntimes(root: string): Promise<ReadyRuntime[]> {
  const names = await fs.readdir(root).catch(() => [] as string[]);
  const found: { runtime: ReadyRuntime; mtime: number }[] = [];
  for (const name of names.filter((entry) => entry.startsWith("env-"))) {
    const runtime = await readRuntime(path.join(root, name));
    if (!runtime) continue;
    const { mtimeMs } = await fs.stat(path.join(runtime.path, RUNTIME_MARKER_FILE));
    found.push({ runtime, mtime: mtimeMs });
  }
  return found.sort((a, b) => b.mtime - a.mtime).map(({ runtime }) => runtime);
}

/**
 * The runtime to run the helper from: the one built from the current lock, else the newest finished one
 * (a previous runtime stays in use until a new one has been set up), else undefined.
 */
export async function findRuntime(
  params: { supportDir?: string; assetsDir?: string } = {},
): Promise<ReadyRuntime | undefined> {
  const runtimes = await readyRuntimes(runtimeRoot(params.supportDir));
  if (runtimes.length === 0) return undefined;
  const platform = runtimePlatform();
  const current = platform ? await readRuntimeLock(platform, params.assetsDir).catch(() => undefined) : undefined;
  return runtimes.find((runtime) => runtime.lock === current?.hash) ?? runtimes[0];
}
