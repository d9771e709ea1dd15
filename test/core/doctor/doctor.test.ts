import { appendFile, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { getDoctorReport, type RunCommand } from "../../../src/core";

const root = path.resolve(__dirname, "..", "..", "..");

async function folders() {
  const base = await mkdtemp(path.join(os.tmpdir(), "mlx-polish-doctor-"));
  const supportDir = path.join(base, "support");
  // An assets folder without a frozen helper: the helper comes from this checkout's venv.
  const assetsDir = path.join(base, "assets");
  await mkdir(supportDir, { recursive: true });
  await mkdir(assetsDir, { recursive: true });
  return { supportDir, assetsDir };
}

describe("getDoctorReport", () => {
  const saved = process.env.MLX_POLISH_HELPER;
  beforeEach(() => delete process.env.MLX_POLISH_HELPER);
  afterAll(() => {
    if (saved !== undefined) process.env.MLX_POLISH_HELPER = saved;
  });

  it("names a Mac's chip from sysctl and the helper's Python version from that Python", async () => {
    const calls: string[][] = [];
    const run: RunCommand = async (file, args) => {
      calls.push([file, ...args]);
      if (file === "sysctl") return "Apple M2 Pro\n";
      return "3.11.9\n";
    };
    const report = await getDoctorReport({ ...(await folders()), platform: "darwin", run });
    expect(report.chip).toBe("Apple M2 Pro");
    expect(calls).toContainEqual(["sysctl", "-n", "machdep.cpu.brand_string"]);
    const venvPython = path.join(root, "helper", ".venv", "bin", "python");
    expect(report.runtime).toMatchObject({ kind: "venv", lock: null, upToDate: false });
    expect(report.python).toEqual({ path: venvPython, version: "3.11.9" });
    expect(calls).toContainEqual([venvPython, "-c", "import platform; print(platform.python_version())"]);
  });

  it("falls back to Node's CPU name when sysctl says nothing, and to no version when Python does not answer", async () => {
    const report = await getDoctorReport({ ...(await folders()), platform: "darwin", run: async () => undefined });
    expect(report.chip).toBe(os.cpus()[0].model.trim());
    expect(report.python?.version).toBeNull();
  });

  it("reports the newest failure of the two logs, with the helper's code but not its message", async () => {
    const { supportDir, assetsDir } = await folders();
    const run: RunCommand = async () => undefined;
    const helperLog = path.join(supportDir, "helper.log");
    await writeFile(
      helperLog,
      "2026-01-01 08:00:00,000 INFO mlx_polish_helper.engine: generate 5a5a failed: cancelled: x\n",
    );
    await writeFile(
      path.join(supportDir, "download-worker.log"),
      "2026-01-02T10:00:00.000Z download gemma3-1b: started (process 12)\n" +
        "2026-01-02T10:00:05.000Z download gemma3-1b: network: Could not reach the Hub\n",
    );
    const older = await getDoctorReport({ supportDir, assetsDir, run });
    expect(older.lastFailure).toEqual({
      source: "download-worker.log",
      at: "2026-01-02T10:00:05.000Z",
      what: "download gemma3-1b",
      code: "network",
      message: "Could not reach the Hub",
    });
    await appendFile(
      helperLog,
      "2026-01-03 09:00:00,001 INFO mlx_polish_helper.engine: load 9c1d failed: out_of_memory: needs 3 GB\n" +
        "2026-01-03 09:00:01,002 ERROR mlx_polish_helper.server: request 9c1e failed\n" +
        "Traceback (most recent call last):\n" +
        "ValueError: something about the request\n" +
        "2026-01-03 09:00:02,003 INFO mlx_polish_helper.server: stopped\n",
    );
    const newer = await getDoctorReport({ supportDir, assetsDir, run });
    expect(newer.lastFailure).toEqual({
      source: "helper.log",
      at: "2026-01-03 09:00:01,002",
      what: "request",
      code: "internal",
      message: null,
    });
  });
});
