import { execFileSync } from "node:child_process";
import os from "node:os";

let override: boolean | undefined;

/**
 * True on a Mac with Apple Silicon, where MLX runs. A Node process running under Rosetta reports
 * `x64`, so on darwin/x64 we ask the kernel whether it is translating us (`sysctl.proc_translated`).
 */
export function isAppleSilicon(): boolean {
  if (override !== undefined) return override;
  if (process.platform !== "darwin") return false;
  if (os.arch() === "arm64") return true;
  try {
    return execFileSync("sysctl", ["-in", "sysctl.proc_translated"], { encoding: "utf8" }).trim() === "1";
  } catch {
    return false;
  }
}

/** Lets tests decide the answer. `undefined` restores detection. */
export function setAppleSiliconOverride(value: boolean | undefined): void {
  override = value;
}
