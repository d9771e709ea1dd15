/**
 * The runtime set-up when things go wrong, against a local index of small wheels: offline, interrupted,
 * tampered, a full disk. Each time the error says which, the previous runtime stays the one in use and
 * nothing half-built is taken for ready.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { findHelper, setupRuntime, runtimeRoot, type RuntimeSetupProgress } from "../../../src/core";
import {
  assetsWithLock,
  buildWheel,
  cachedUvWheel,
  previousRuntime,
  startLocalIndex,
  type LocalIndex,
  type TestWheel,
} from "../../support/local-index";

let wheels: TestWheel[];
let index: LocalIndex;
let uvWheel: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), "mlx-polish-wheels-"));
  wheels = [await buildWheel("tinypkg", "1.0", folder), await buildWheel("otherpkg", "2.0", folder)];
  index = await startLocalIndex(wheels);
  uvWheel = await cachedUvWheel();
});

afterAll(async () => {
  await index.close();
});

afterEach(() => {
  process.env = { ...savedEnv };
  index.mode = "serve";
});

async function freshSupport(): Promise<{ supportDir: string; previous: { path: string; lock: string } }> {
  const supportDir = await fs.mkdtemp(path.join(os.tmpdir(), "mlx-polish-support-"));
  return { supportDir, previous: await previousRuntime(supportDir) };
}

/** Nothing but the previous runtime (and uv, and uv's Pythons) is left in the runtime folder. */
function expectOnlyPrevious(supportDir: string, previous: { path: string }): void {
  const left = readdirSync(runtimeRoot(supportDir)).filter(
    (name) => name.startsWith("env-") || name.startsWith(".build"),
  );
  expect(left).toEqual([path.basename(previous.path)]);
}

describe("setting up the runtime, when it fails", () => {
  it("reports a tampered package (a hash the lock does not pin) as an integrity error and keeps the previous runtime", async () => {
    const { supportDir, previous } = await freshSupport();
    process.env.UV_INDEX_URL = index.url;
    index.mode = "tamper";
    const assetsDir = await assetsWithLock(wheels);
    const setup = setupRuntime({ supportDir, assetsDir, uvWheel });
    await expect(setup).rejects.toMatchObject({ code: "integrity", message: expect.stringMatching(/hash/i) });
    expectOnlyPrevious(supportDir, previous);
    expect(await findHelper({ supportDir, assetsDir })).toMatchObject({ kind: "runtime", path: previous.path });
  });

  it("reports a lock whose hash matches nothing served as an integrity error", async () => {
    const { supportDir, previous } = await freshSupport();
    process.env.UV_INDEX_URL = index.url;
    const assetsDir = await assetsWithLock(wheels, true);
    await expect(setupRuntime({ supportDir, assetsDir, uvWheel })).rejects.toMatchObject({ code: "integrity" });
    expectOnlyPrevious(supportDir, previous);
  });

  it("reports an unreachable index as a network error and keeps the previous runtime", async () => {
    const { supportDir, previous } = await freshSupport();
    const closed = await startLocalIndex([]);
    await closed.close();
    process.env.UV_DEFAULT_INDEX = closed.url;
    process.env.UV_HTTP_RETRIES = "0";
    const assetsDir = await assetsWithLock(wheels);
    await expect(setupRuntime({ supportDir, assetsDir, uvWheel })).rejects.toMatchObject({ code: "network" });
    expectOnlyPrevious(supportDir, previous);
  });

  it("stops when canceled mid-download, removes the partial build and keeps the previous runtime", async () => {
    const { supportDir, previous } = await freshSupport();
    process.env.UV_INDEX_URL = index.url;
    index.mode = "stall";
    const assetsDir = await assetsWithLock(wheels);
    const controller = new AbortController();
    const stages: string[] = [];
    const requested = index.nextWheelRequest();
    const setup = setupRuntime({
      supportDir,
      assetsDir,
      uvWheel,
      signal: controller.signal,
      onProgress: (progress: RuntimeSetupProgress) => stages.push(progress.stage),
    });
    await requested;
    controller.abort();
    await expect(setup).rejects.toMatchObject({ code: "cancelled" });
    expect([...new Set(stages)]).toEqual(["uv", "python", "packages"]);
    expectOnlyPrevious(supportDir, previous);
    expect(await findHelper({ supportDir, assetsDir })).toMatchObject({ kind: "runtime", path: previous.path });
  });

  it("never takes a set-up killed mid-download for ready, and the next set-up clears what it left", async () => {
    const { supportDir, previous } = await freshSupport();
    index.mode = "stall";
    const assetsDir = await assetsWithLock(wheels);
    const requested = index.nextWheelRequest();
    // The CLI in its own process group, killed outright (as when Raycast's process goes away).
    const root = path.resolve(__dirname, "..", "..", "..");
    const child = spawn(
      path.join(root, "node_modules", ".bin", "tsx"),
      [path.join(root, "src", "cli", "main.ts"), "helper", "setup"],
      {
        cwd: root,
        detached: true,
        stdio: "ignore",
        env: {
          ...process.env,
          MLX_POLISH_SUPPORT_DIR: supportDir,
          MLX_POLISH_ASSETS_DIR: assetsDir,
          MLX_POLISH_UV_WHEEL: uvWheel,
          UV_INDEX_URL: index.url,
        },
      },
    );
    const exited = new Promise((resolve) => child.once("exit", resolve));
    await requested;
    process.kill(-child.pid!, "SIGKILL");
    await exited;

    const left = readdirSync(runtimeRoot(supportDir));
    expect(left.some((name) => name.startsWith(".build-"))).toBe(true);
    expect(await findHelper({ supportDir, assetsDir })).toMatchObject({ kind: "runtime", path: previous.path });

    // The next set-up waits out the dead one's lock, removes its build, and fails on its own terms.
    process.env.UV_INDEX_URL = index.url;
    index.mode = "tamper";
    await expect(setupRuntime({ supportDir, assetsDir, uvWheel })).rejects.toMatchObject({ code: "integrity" });
    expectOnlyPrevious(supportDir, previous);
  }, 60_000);

  it("refuses a uv wheel that is not the pinned one, keeping nothing of it", async () => {
    const { supportDir } = await freshSupport();
    const forged = path.join(supportDir, "uv.whl");
    const bytes = await fs.readFile(uvWheel);
    bytes[1000] ^= 0xff;
    await fs.writeFile(forged, bytes);
    process.env.MLX_POLISH_UV_WHEEL = forged;
    const setup = setupRuntime({ supportDir, assetsDir: await assetsWithLock(wheels) });
    await expect(setup).rejects.toMatchObject({
      code: "integrity",
      message: expect.stringMatching(/uv 0\.\d+\.\d+ wheel/),
    });
    expect(readdirSync(runtimeRoot(supportDir)).filter((name) => name.startsWith("uv-"))).toEqual([]);
  });

  it("checks the free space first and says how much it needs", async () => {
    const { supportDir, previous } = await freshSupport();
    const setup = setupRuntime({ supportDir, assetsDir: await assetsWithLock(wheels), uvWheel, minFreeBytes: 2 ** 60 });
    await expect(setup).rejects.toMatchObject({
      code: "disk_full",
      message: expect.stringMatching(/needs .* GB free/),
    });
    expectOnlyPrevious(supportDir, previous);
    expect(existsSync(path.join(runtimeRoot(supportDir), "uv-0.13.8"))).toBe(false);
  });
});
