import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { HELPER_VERSION } from "../../src/core";
import manifest from "../../package.json";

const root = path.resolve(__dirname, "..", "..");
const BINARY = path.join(root, manifest.bin["mlx-polish"]);

/** Runs the bundled `mlx-polish` on plain Node, as a user's shell would: no npm, no tsx. */
function mlxPolish(args: string[], env: NodeJS.ProcessEnv, stdin = "") {
  const child = spawn(BINARY, args, { env: { PATH: process.env.PATH, HOME: os.tmpdir(), ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  child.stdin.end(stdin);
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done };
}

let folder: string;
let env: NodeJS.ProcessEnv;
beforeAll(() => {
  // What `npm install` (prepare) and `npm test` do: bundle the CLI ahead of time.
  execFileSync(process.execPath, [path.join(root, "scripts", "build-cli.mjs")], { stdio: "ignore" });
});
beforeEach(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), "mlx-polish-binary-"));
  env = { MLX_POLISH_SUPPORT_DIR: path.join(folder, "support"), HF_HUB_CACHE: path.join(folder, "hub") };
});
afterEach(async () => {
  await mlxPolish(["helper", "stop"], env).done;
  await fs.rm(folder, { recursive: true, force: true });
});

test("the mlx-polish binary runs on plain Node: --version, usage and models", async () => {
  expect(await mlxPolish(["--version"], env).done).toEqual({
    code: 0,
    stdout: `mlx-polish ${HELPER_VERSION}\n`,
    stderr: "",
  });
  const usage = await mlxPolish([], env).done;
  expect(usage.stderr).toMatch(/usage: mlx-polish <command>[^]*models/);
  const list = await mlxPolish(["models", "list", "--json"], env).done;
  expect(list.code).toBe(0);
  expect(JSON.parse(list.stdout)[0]).toMatchObject({ id: "qwen3-1.7b", status: "not_downloaded" });
});

test("the mlx-polish binary finds this checkout's helper, as `npm run cli` does", async () => {
  // The bundle lives in build/cli/, at another depth than src/core: the helper is found all the same.
  const status = await mlxPolish(["helper", "status", "--json"], env).done;
  expect(status.code).toBe(0);
  const { runtime } = JSON.parse(status.stdout);
  expect(runtime).toMatchObject({ kind: expect.stringMatching(/^(frozen|venv)$/) });
  expect(runtime.path.startsWith(root)).toBe(true);
});

test("Ctrl-C during a polish cancels it in the helper, prints the original text and exits 3", async () => {
  // A downloaded-looking model and a helper whose generation never ends.
  const commit = "a".repeat(40);
  const repo = path.join(env.HF_HUB_CACHE!, "models--mlx-community--Qwen3-1.7B-4bit");
  await fs.mkdir(path.join(repo, "snapshots", commit), { recursive: true });
  await fs.mkdir(path.join(repo, "refs"));
  await fs.writeFile(path.join(repo, "refs", "main"), commit);
  await fs.writeFile(path.join(repo, "snapshots", commit, "config.json"), "{}");
  await fs.writeFile(path.join(repo, "snapshots", commit, "model.safetensors"), "x");
  const requests = path.join(folder, "requests.jsonl");
  await fs.writeFile(requests, "");
  Object.assign(env, {
    MLX_POLISH_HELPER: `${process.execPath} ${path.join(root, "test", "support", "fake-helper.mjs")}`,
    FAKE_HELPER_REQUESTS: requests,
    FAKE_HELPER_VERSION: HELPER_VERSION,
  });
  const text = "um so we meet tuesday no wait wednesday";

  const run = mlxPolish(["polish"], env, text);
  const received = async () =>
    (await fs.readFile(requests, "utf8"))
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { id: string; method: string; params?: { request_id?: string } });
  for (let waited = 0; !(await received()).some((request) => request.method === "generate"); waited += 20) {
    if (waited > 30_000) throw new Error("the polish never reached the helper");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  run.child.kill("SIGINT");
  const result = await run.done;

  expect(result.code).toBe(3);
  expect(result.stdout).toBe(`${text}\n`);
  expect(result.stderr).toMatch(/kept the original text \(cancelled\)/);
  const generate = (await received()).find((request) => request.method === "generate")!;
  expect(
    (await received()).some((request) => request.method === "cancel" && request.params?.request_id === generate.id),
  ).toBe(true);
});
