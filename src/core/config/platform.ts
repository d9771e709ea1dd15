import { execFileSync } from "node:child_process";
import os from "node:os";

let override: boolean | undefined;

/** What the Apple Silicon check asks of the machine; tests pass their own answers. */
export interface MachineProbe {
  platform: NodeJS.Platform;
  /** The architecture Node was built for (`os.arch()`): `x64` for an Intel build, also under Rosetta. */
  arch: string;
  /** A kernel value by name (`sysctl -in NAME`); undefined when the kernel has no such value. */
  sysctl: (name: string) => string | undefined;
}

const realMachine: MachineProbe = {
  platform: process.platform,
  arch: os.arch(),
  sysctl: (name) => {
    try {
      return execFileSync("sysctl", ["-in", name], { encoding: "utf8" }).trim();
    } catch {
      return undefined;
    }
  },
};

/**
 * True on a Mac with Apple Silicon, where MLX runs. A Node process running under Rosetta reports
 * `x64`, so on darwin/x64 we ask the kernel whether it is translating us (`sysctl.proc_translated` is 1
 * under Rosetta, 0 natively on Apple Silicon, and missing on Intel Macs).
 */
export function isAppleSilicon(machine: Partial<MachineProbe> = {}): boolean {
  if (override !== undefined) return override;
  const { platform, arch, sysctl } = { ...realMachine, ...machine };
  if (platform !== "darwin") return false;
  if (arch === "arm64") return true;
  return sysctl("sysctl.proc_translated") === "1";
}

/** Lets tests decide the answer. `undefined` restores detection. */
export function setAppleSiliconOverride(value: boolean | undefined): void {
  override = value;
}
