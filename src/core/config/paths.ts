import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Where MLX Polish keeps its own state (download state, locks, logs, the helper's socket). Inside
 * Raycast the commands pass `environment.supportPath`; the CLI and tests use `MLX_POLISH_SUPPORT_DIR`,
 * else the folder Raycast would use on a Mac, so the CLI and the extension share one state.
 */
export function supportDir(explicit?: string, platform: NodeJS.Platform = process.platform): string {
  if (explicit) return explicit;
  if (process.env.MLX_POLISH_SUPPORT_DIR) return process.env.MLX_POLISH_SUPPORT_DIR;
  if (platform === "darwin") {
    return path.join(os.homedir(), "Library", "Application Support", "com.raycast.macos", "extensions", "mlx-polish");
  }
  const stateHome = process.env.XDG_STATE_HOME || path.join(os.homedir(), ".local", "state");
  return path.join(stateHome, "mlx-polish");
}

/**
 * The standard Hugging Face cache, resolved the way `huggingface_hub` does, so models fetched by
 * `mlx_lm` or the `hf` CLI are found and ours are usable by them. Not `@huggingface/hub`'s
 * `getHFHubCachePath`: it takes a variable set to "" as a path and would resolve a relative folder.
 */
export function hubCacheDir(): string {
  if (process.env.HF_HUB_CACHE) return process.env.HF_HUB_CACHE;
  if (process.env.HF_HOME) return path.join(process.env.HF_HOME, "hub");
  const cacheHome = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(cacheHome, "huggingface", "hub");
}

/** The Hub to talk to: `HF_ENDPOINT` (a mirror, or the tests' local Hub), else huggingface.co. */
export function hubUrl(): string {
  return (process.env.HF_ENDPOINT || "https://huggingface.co").replace(/\/+$/, "");
}

/**
 * The development checkout this code runs from (the folder holding `package.json` and `helper/`), or
 * undefined in an installed extension. Searched upward, because the code runs from `src/` (tsx, jest),
 * from `build/cli/` (the bundled CLI) and from Raycast's bundle at different depths.
 */
export function checkoutRoot(start: string = __dirname): string | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json")) && existsSync(path.join(dir, "helper", "pyproject.toml")))
      return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}
