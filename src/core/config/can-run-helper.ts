import os from "node:os";
import { isAppleSilicon } from "./platform";

/** What `canRunHelper` looks at; tests pass their own. */
export interface HelperHost {
  platform: NodeJS.Platform;
  arch: string;
  /** Asked only on macOS: an Intel Mac cannot run MLX, an Apple Silicon one (even under Rosetta) can. */
  isAppleSilicon: () => boolean;
}

let override: boolean | undefined;

/**
 * True where the helper's MLX runs: a Mac with Apple Silicon, or Linux on x86-64 or arm64 (mlx-lm's CPU or
 * CUDA wheels). The CLI and `serve` polish wherever this holds; the Raycast commands additionally need
 * `isAppleSilicon()`, since Raycast's side of the product is Mac-only. Whether the helper's Python
 * environment is actually there is the helper start's question (`helper_unavailable`), not this one's.
 */
export function canRunHelper(host: Partial<HelperHost> = {}): boolean {
  if (override !== undefined && Object.keys(host).length === 0) return override;
  const platform = host.platform ?? process.platform;
  const arch = host.arch ?? os.arch();
  if (platform === "darwin") return (host.isAppleSilicon ?? isAppleSilicon)();
  return platform === "linux" && (arch === "x64" || arch === "arm64");
}

/** Lets tests decide the answer for the running machine. `undefined` restores detection. */
export function setCanRunHelperOverride(value: boolean | undefined): void {
  override = value;
}
