import { chmod, mkdir, mkdtemp, readFile, utimes, writeFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { findHelper, lockFileName, runtimePlatform } from "../../../src/core";

const root = path.resolve(__dirname, "..", "..", "..");

afterEach(() => {
  delete process.env.MLX_POLISH_HELPER;
});

async function emptySupportDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), "support-"));
}

/** A finished runtime as `setupRuntime` leaves it: a venv Python and the marker naming its lock. */
async function readyRuntime(supportDir: string, lock: string, createdAt: Date): Promise<string> {
  const folder = path.join(supportDir, "runtime", `env-${lock.slice(7, 23)}`);
  await mkdir(path.join(folder, "venv", "bin"), { recursive: true });
  await writeFile(path.join(folder, "venv", "bin", "python"), "");
  const marker = path.join(folder, "mlx-polish-runtime.json");
  await writeFile(marker, JSON.stringify({ lock, uv: "0", python: "3.11", createdAt: createdAt.toISOString() }));
  await utimes(marker, createdAt, createdAt);
  return folder;
}

describe("finding the helper", () => {
  it("takes MLX_POLISH_HELPER as an executable path, or as a command line", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "helper-"));
    const executable = path.join(dir, "my helper");
    await writeFile(executable, "#!/bin/sh\n");
    process.env.MLX_POLISH_HELPER = executable;
    expect(await findHelper()).toMatchObject({ file: executable, args: [], kind: "override", path: executable });
    process.env.MLX_POLISH_HELPER = "/opt/python -m mlx_polish_helper";
    expect(await findHelper()).toMatchObject({
      file: "/opt/python",
      args: ["-m", "mlx_polish_helper"],
      kind: "override",
    });
  });

  it("prefers the frozen helper in the extension's assets", async () => {
    const assetsDir = await mkdtemp(path.join(os.tmpdir(), "assets-"));
    const frozen = path.join(assetsDir, "helper", "mlx-polish-helper", "mlx-polish-helper");
    await mkdir(path.dirname(frozen), { recursive: true });
    await writeFile(frozen, "");
    await chmod(frozen, 0o755);
    expect(await findHelper({ assetsDir, supportDir: await emptySupportDir() })).toEqual({
      file: frozen,
      args: [],
      kind: "frozen",
      path: frozen,
      lock: null,
    });
  });

  it("falls back to the development venv of this checkout", async () => {
    const assetsDir = await mkdtemp(path.join(os.tmpdir(), "assets-"));
    expect(await findHelper({ assetsDir, supportDir: await emptySupportDir() })).toEqual({
      file: path.join(root, "helper", ".venv", "bin", "python"),
      args: ["-m", "mlx_polish_helper"],
      kind: "venv",
      path: path.join(root, "helper", ".venv"),
      lock: null,
    });
  });

  it("takes the runtime set up for the current lock, else the previous one, and runs the helper's source from the assets", async () => {
    const supportDir = await emptySupportDir();
    const assetsDir = path.join(root, "assets");
    const lockText = await readFile(
      path.join(assetsDir, "runtime", lockFileName(runtimePlatform() ?? "linux-x86_64")),
      "utf8",
    );
    const current = `sha256:${createHash("sha256").update(lockText).digest("hex")}`;
    const older = `sha256:${"0".repeat(64)}`;
    const previous = await readyRuntime(supportDir, older, new Date(Date.now() - 60_000));
    // Only a previous runtime: still used until the current lock's one is set up.
    expect(await findHelper({ supportDir, assetsDir })).toMatchObject({ kind: "runtime", path: previous, lock: older });
    const fresh = await readyRuntime(supportDir, current, new Date(Date.now() - 120_000));
    expect(await findHelper({ supportDir, assetsDir })).toEqual({
      file: path.join(fresh, "venv", "bin", "python"),
      args: ["-m", "mlx_polish_helper"],
      env: { PYTHONPATH: path.join(assetsDir, "runtime", "helper") },
      kind: "runtime",
      path: fresh,
      lock: current,
    });
  });

  it("never takes a runtime folder without its marker (an interrupted set-up) for ready", async () => {
    const supportDir = await emptySupportDir();
    await mkdir(path.join(supportDir, "runtime", "env-0123456789abcdef", "venv", "bin"), { recursive: true });
    await writeFile(path.join(supportDir, "runtime", "env-0123456789abcdef", "venv", "bin", "python"), "");
    const assetsDir = await mkdtemp(path.join(os.tmpdir(), "assets-"));
    expect(await findHelper({ supportDir, assetsDir })).toMatchObject({ kind: "venv" });
  });
});
