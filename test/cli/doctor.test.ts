import { execFile } from "node:child_process";
import { appendFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { cachedModel, polishFolders } from "../core/polish/polish-fixtures";

const root = path.resolve(__dirname, "..", "..");
const TOKEN = "hf_doctorLeakTestSecret0123456789";
// Words no report field holds by chance: any of them in the output means dictated text leaked.
const DICTATION = "um so quokkas juggle tangerines beside zanzibar lighthouses on thursday";
const DICTATED_WORDS = ["quokkas", "juggle", "tangerines", "zanzibar", "lighthouses", "thursday"];

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      path.join(root, "node_modules", ".bin", "tsx"),
      [path.join(root, "src", "cli", "main.ts"), ...args],
      { cwd: root, env: { ...process.env, ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

async function freshEnv(): Promise<NodeJS.ProcessEnv> {
  const { supportDir, cacheDir } = await polishFolders();
  return { MLX_POLISH_SUPPORT_DIR: supportDir, HF_HUB_CACHE: cacheDir, HF_TOKEN: TOKEN };
}

/** Every value line of the human block starts in the same column, after its label. */
function valueColumns(block: string): Set<number> {
  return new Set(
    block
      .trimEnd()
      .split("\n")
      .map((line) => line.search(/(?<=\S {2,}|^ {2,})\S/)),
  );
}

describe("mlx-polish doctor", () => {
  it("reports a machine with nothing set up and still exits 0, in words and in JSON", async () => {
    const env = await freshEnv();
    const human = await runCli(["doctor"], env);
    expect(human).toMatchObject({ code: 0, stderr: "" });
    expect(human.stdout).toMatch(/^mlx-polish +\d+\.\d+\.\d+\n/);
    expect(human.stdout).toMatch(/\nhelper +\S+, not running\n/);
    expect(human.stdout).toMatch(/\nlast failure +none logged\n/);
    expect(valueColumns(human.stdout).size).toBe(1);

    const json = await runCli(["doctor", "--json"], env);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({
      os: { platform: process.platform, arch: process.arch },
      memory: { totalBytes: expect.any(Number), freeBytes: expect.any(Number) },
      helper: { running: false, state: null, loadedModel: null },
      hfCache: env.HF_HUB_CACHE,
      supportDir: env.MLX_POLISH_SUPPORT_DIR,
      hfTokenSet: true,
      disk: { path: env.HF_HUB_CACHE, freeBytes: expect.any(Number) },
      lastFailure: null,
    });
    expect(report.helper.socket).toBe(path.join(env.MLX_POLISH_SUPPORT_DIR!, "helper.sock"));
    expect(report.models.map((model: { state: string }) => model.state)).not.toContain("ready");
  });

  it("prints its usage with --help, and refuses an unknown option with the usage and exit 1", async () => {
    const help = await runCli(["doctor", "--help"], await freshEnv());
    expect(help).toMatchObject({ code: 0, stderr: "" });
    expect(help.stdout).toMatch(/^usage: mlx-polish doctor \[--json\]/);
    const run = await runCli(["doctor", "--verbose"], await freshEnv());
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/Unknown option '--verbose'[^]*usage: mlx-polish doctor/);
  });

  describe("after a real polish", () => {
    let env: NodeJS.ProcessEnv;
    afterAll(async () => {
      await runCli(["helper", "stop"], env);
    });

    it("shows the warm helper and the ready model, and never the token or a word that was dictated", async () => {
      env = {
        ...(await freshEnv()),
        MLX_POLISH_HELPER: `${path.join(root, "helper", ".venv", "bin", "python")} -m mlx_polish_helper`,
      };
      await cachedModel({ cacheDir: env.HF_HUB_CACHE!, modelId: "qwen3-0.6b" });
      const polished = await runCli(["polish", "--model", "qwen3-0.6b", DICTATION], env);
      expect([0, 2]).toContain(polished.code);
      // Failures the logs may hold: a helper error quoting a request (as a schema error would) and a
      // download failure naming the token. The report keeps their codes, not what they quote.
      const supportDir = env.MLX_POLISH_SUPPORT_DIR!;
      await appendFile(
        path.join(supportDir, "helper.log"),
        `2000-01-01 00:00:00,000 INFO mlx_polish_helper.engine: generate 1f2e failed: bad_request: '${DICTATION}' is too long\n`,
      );
      await mkdir(supportDir, { recursive: true });
      await appendFile(
        path.join(supportDir, "download-worker.log"),
        `2000-01-01T00:00:01.000Z download qwen3-0.6b: unauthorized: The Hub refused ${TOKEN} for this repo\n`,
      );

      const json = await runCli(["doctor", "--json"], env);
      const human = await runCli(["doctor"], env);
      for (const run of [json, human]) {
        expect(run.code).toBe(0);
        expect(run.stdout).not.toContain(TOKEN);
        for (const word of DICTATED_WORDS) expect(run.stdout.toLowerCase()).not.toContain(word);
      }
      const report = JSON.parse(json.stdout);
      expect(report).toMatchObject({
        runtime: { kind: "override", lock: null, upToDate: false },
        helper: { running: true, state: "idle", loadedModel: "qwen3-0.6b" },
        hfTokenSet: true,
        // The download line is the newer of the two.
        lastFailure: {
          source: "download-worker.log",
          what: "download qwen3-0.6b",
          code: "unauthorized",
          message: "The Hub refused hf_*** for this repo",
        },
      });
      expect(report.models).toContainEqual({
        id: "qwen3-0.6b",
        state: "ready",
        sizeOnDiskBytes: expect.any(Number),
        error: null,
      });
      expect(human.stdout).toMatch(/\nhelper +\S+, running \(idle, qwen3-0\.6b loaded\)\n/);
      expect(human.stdout).toMatch(/\n +qwen3-0\.6b +ready /);
      expect(valueColumns(human.stdout).size).toBe(1);
    }, 180_000);
  });
});
