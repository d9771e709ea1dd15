import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { polish } from "../../src/core";
import { cachedModel, polishFolders } from "../core/polish/polish-fixtures";

const root = path.resolve(__dirname, "..", "..");
const UNICODE = "Ship it 🚀 tomorrow — 明日の会議 / مرحبا بالعالم / שלום 👩🏽‍💻\nsecond line\n";

interface CliRun {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Runs `mlx-polish ARGS` as a user would, with stdin and a private support folder and Hub cache. */
function runCli(args: string[], { stdin = "", env = {} }: { stdin?: string; env?: NodeJS.ProcessEnv } = {}) {
  return new Promise<CliRun>((resolve) => {
    const child = execFile(
      path.join(root, "node_modules", ".bin", "tsx"),
      [path.join(root, "src", "cli", "main.ts"), ...args],
      { cwd: root, env: { ...process.env, ...env }, encoding: "buffer" },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr: stderr.toString("utf8") });
      },
    );
    child.stdin!.end(stdin);
  });
}

async function cliEnv(): Promise<NodeJS.ProcessEnv> {
  const { supportDir, cacheDir } = await polishFolders();
  return { MLX_POLISH_SUPPORT_DIR: supportDir, HF_HUB_CACHE: cacheDir };
}

describe("mlx-polish polish", () => {
  it("prints the original text byte for byte, the reason on stderr, and exits 2 when it cannot polish", async () => {
    const run = await runCli(["polish"], { stdin: UNICODE, env: await cliEnv() });
    expect(run.code).toBe(2);
    expect(run.stdout.equals(Buffer.from(UNICODE, "utf8"))).toBe(true);
    expect(run.stderr).toMatch(/kept the original text \(model_not_downloaded\): Qwen 3 1\.7B is not downloaded/);
  });

  it("takes the text as an argument too, and reports in JSON with --json", async () => {
    const run = await runCli(["polish", "--json", "--style", "email", "--model", "gemma3-1b", "hello", "there"], {
      env: await cliEnv(),
    });
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout.toString("utf8"));
    expect(report).toMatchObject({
      text: "hello there",
      polished: false,
      reason: "model_not_downloaded",
      model: "gemma3-1b",
      style: "email",
      timings: { totalMs: expect.any(Number) },
    });
  });

  it("hands empty input straight back", async () => {
    const run = await runCli(["polish"], { stdin: "  \n", env: await cliEnv() });
    expect(run.code).toBe(2);
    expect(run.stdout.toString("utf8")).toBe("  \n");
    expect(run.stderr).toMatch(/empty_input/);
  });

  it("refuses an unknown style, option or model with the valid choices, and exits 1", async () => {
    const style = await runCli(["polish", "--style", "pirate", "ahoy"], { env: await cliEnv() });
    expect(style.code).toBe(1);
    expect(style.stderr).toMatch(/Unknown style "pirate". Styles: clean-up, formal/);
    expect(style.stdout.length).toBe(0);
    const option = await runCli(["polish", "--temperature", "2", "hi"], { env: await cliEnv() });
    expect(option.code).toBe(1);
    expect(option.stderr).toMatch(/Unknown option '--temperature'[^]*usage: mlx-polish polish/);
    const model = await runCli(["polish", "--model", "gpt-5", "hi"], { env: await cliEnv() });
    expect(model.code).toBe(1);
    expect(model.stderr).toMatch(/Unknown model "gpt-5"/);
  });
});

describe("mlx-polish arguments, one parser for every subcommand", () => {
  it.each([[[]], [["models"]], [["helper"]], [["polish"]]])(
    "prints the usage on stdout for %j --help",
    async (command) => {
      const run = await runCli([...command, "--help"], { env: await cliEnv() });
      expect(run.code).toBe(0);
      expect(run.stdout.toString("utf8")).toMatch(new RegExp(`^usage: mlx-polish ${command[0] ?? "<command>"}`));
      expect(run.stderr).toBe("");
    },
  );

  it.each([
    ["models", "list"],
    ["helper", "status"],
  ])("refuses an unknown option to %s with the usage, and exits 1", async (command, action) => {
    const run = await runCli([command, action, "--verbose"], { env: await cliEnv() });
    expect(run.code).toBe(1);
    expect(run.stdout.length).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`Unknown option '--verbose'[^]*usage: mlx-polish ${command}`));
  });
});

describe("mlx-polish helper", () => {
  it("says no helper is running, in words and in JSON", async () => {
    const env = await cliEnv();
    expect((await runCli(["helper", "status"], { env })).stdout.toString()).toMatch(
      /^No helper is running.\nruntime: (frozen|venv) \(/,
    );
    // Nothing set up in this fresh support folder: the helper would come from this checkout's build or venv.
    expect(JSON.parse((await runCli(["helper", "status", "--json"], { env })).stdout.toString())).toEqual({
      running: false,
      runtime: { kind: expect.stringMatching(/^(frozen|venv)$/), path: expect.any(String), lock: null },
    });
    const stop = await runCli(["helper", "stop"], { env });
    expect(stop).toMatchObject({ code: 0, stderr: "No helper was running.\n" });
  });
});

describe("mlx-polish with the real helper", () => {
  let env: NodeJS.ProcessEnv;
  afterAll(async () => {
    await runCli(["helper", "stop"], { env });
  });

  // No variable and no override: on Linux, where the helper's MLX runs on the CPU, the CLI polishes.
  it("starts one helper for racing commands, polishes as the core does, then reports and stops it", async () => {
    // The source helper: the frozen build has its own end-to-end run in polish-helper.test.ts.
    env = {
      ...(await cliEnv()),
      MLX_POLISH_HELPER: `${path.join(root, "helper", ".venv", "bin", "python")} -m mlx_polish_helper`,
    };
    await cachedModel({ cacheDir: env.HF_HUB_CACHE!, modelId: "qwen3-1.7b" });
    const text = "um so i think we should uh meet on tuesday no wait wednesday";
    const [first, second] = await Promise.all([
      runCli(["polish", "--model", "qwen3-1.7b", text], { env }),
      runCli(["polish", "--json"], { env, stdin: text }),
    ]);
    const report = JSON.parse(second.stdout.toString("utf8"));
    // The tiny model's random words are judged like any answer: polished, or refused as unfaithful.
    expect(report).toMatchObject({ model: "qwen3-1.7b", style: "clean-up" });
    if (report.polished) expect(first).toMatchObject({ code: 0, stderr: "" });
    else {
      expect(report).toMatchObject({
        outcome: "original",
        reason: "unfaithful",
        faithfulness: { lost: expect.any(Array) },
      });
      expect(first.code).toBe(2);
      expect(first.stderr.toString()).toMatch(
        /^mlx-polish: kept the original text \(unfaithful\): The rewrite changed/,
      );
    }
    expect(report.timings).toEqual({
      totalMs: expect.any(Number),
      firstTokenMs: expect.any(Number),
      tokensPerSecond: expect.any(Number),
      helperMs: expect.any(Number),
      loadMs: expect.any(Number),
      generationMs: expect.any(Number),
    });
    expect(first.stdout.toString("utf8")).toBe(`${report.text}\n`);

    const inProcess = await polish({ text, supportDir: env.MLX_POLISH_SUPPORT_DIR, cacheDir: env.HF_HUB_CACHE });
    expect(inProcess.text).toBe(report.text);
    const helperLog = await readFile(path.join(env.MLX_POLISH_SUPPORT_DIR!, "helper.log"), "utf8");
    expect(helperLog.match(/listening on/g)).toHaveLength(1);

    const status = await runCli(["helper", "status"], { env });
    expect(status.stdout.toString()).toMatch(/^state: idle\nmodel: qwen3-1\.7b \(.*snapshots/);
    const json = JSON.parse((await runCli(["helper", "status", "--json"], { env })).stdout.toString());
    expect(json).toMatchObject({
      running: true,
      state: "idle",
      model: { id: "qwen3-1.7b" },
      unload_after_seconds: 300,
    });

    expect(await runCli(["helper", "stop"], { env })).toMatchObject({ code: 0, stderr: "Stopped the helper.\n" });
    expect(JSON.parse((await runCli(["helper", "status", "--json"], { env })).stdout.toString())).toMatchObject({
      running: false,
      runtime: { kind: "override" },
    });
  });
});
