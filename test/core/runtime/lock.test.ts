/**
 * What the runtime set-up installs is what the repo says: the committed locks are fresh (regenerate with
 * `npm run lock:runtime`), hash-pinned, on the same pins as helper/constraints.txt; the helper source in
 * assets/ is the checkout's own; and uv comes from PyPI's file host.
 */
import { lstatSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import {
  HELPER_SOURCE_DIR,
  LOCK_TARGETS,
  UV_VERSION,
  UV_WHEELS,
  lockFileName,
  type RuntimePlatform,
} from "../../../src/core";
import { lockInputsHash } from "../../../scripts/lock-runtime";

const root = path.resolve(__dirname, "..", "..", "..");
const platforms = Object.keys(LOCK_TARGETS) as RuntimePlatform[];
const normalize = (name: string) => name.toLowerCase().replace(/[-_.]+/g, "-");

function lockText(platform: RuntimePlatform): string {
  return readFileSync(path.join(root, "assets", "runtime", lockFileName(platform)), "utf8");
}

describe("the runtime's lock files", () => {
  it.each(platforms)("%s was generated from the current pyproject and constraints", (platform) => {
    expect(lockText(platform)).toContain(`# inputs-sha256: ${lockInputsHash()}\n`);
  });

  it.each(platforms)("%s pins every package to the constraints' version, with hashes", (platform) => {
    const constraints = new Map(
      readFileSync(path.join(root, "helper", "constraints.txt"), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => line.split("==") as [string, string])
        .map(([name, version]) => [normalize(name), version]),
    );
    const entries = lockText(platform)
      .split(/\n(?=[A-Za-z])/)
      .filter((entry) => /^[A-Za-z]/.test(entry));
    expect(entries.length).toBeGreaterThan(30);
    for (const entry of entries) {
      const [, name, version] = /^([A-Za-z0-9._-]+)==(\S+) \\/.exec(entry) ?? [];
      expect({ name, version }).toEqual({ name, version: constraints.get(normalize(name ?? "")) });
      expect(entry).toMatch(/--hash=sha256:[0-9a-f]{64}/);
    }
    expect(entries.some((entry) => entry.startsWith("mlx-lm=="))).toBe(true);
  });

  it("installs Metal mlx on the Mac and CPU mlx on Linux", () => {
    expect(lockText("macos-arm64")).toMatch(/^mlx-metal==/m);
    expect(lockText("macos-arm64")).not.toMatch(/^mlx-cpu==/m);
    expect(lockText("linux-x86_64")).toMatch(/^mlx-cpu==/m);
  });

  it("ships the helper's source itself beside them: the checkout's helper/src is the shipped package", () => {
    const shipped = path.join(root, "assets", "runtime", HELPER_SOURCE_DIR, "mlx_polish_helper");
    expect(realpathSync(path.join(root, "helper", "src", "mlx_polish_helper"))).toBe(realpathSync(shipped));
    expect(lstatSync(path.join(shipped, "protocol.py")).isFile()).toBe(true);
    expect(lstatSync(path.join(shipped, "protocol.schema.json")).isFile()).toBe(true);
  });

  it.each(platforms)("takes uv for %s from PyPI's file host, this version, with a sha256", (platform) => {
    const wheel = UV_WHEELS[platform];
    const url = new URL(wheel.url);
    expect(url.protocol + url.host).toBe("https:files.pythonhosted.org");
    expect(path.basename(url.pathname)).toMatch(new RegExp(`^uv-${UV_VERSION.replace(/\./g, "\\.")}-py3-none-`));
    expect(wheel.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
