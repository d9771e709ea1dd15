/**
 * `mlx-polish serve` as a user runs it: in the foreground, saying where it listens, writing the port it
 * picked, answering a plain HTTP client (curl's request), stopping cleanly on SIGTERM, and refusing
 * settings that would expose the model.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { POLISH_HEADERS } from "../../src/core";
import { polishFolders } from "../core/polish/polish-fixtures";

const root = path.resolve(__dirname, "..", "..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");
const main = path.join(root, "src", "cli", "main.ts");
const TRANSCRIPT = "um so the launch is on tuesday no wait wednesday";

async function cliEnv(extra: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
  const { supportDir, cacheDir } = await polishFolders();
  return {
    ...process.env,
    MLX_POLISH_SUPPORT_DIR: supportDir,
    HF_HUB_CACHE: cacheDir,
    ...extra,
  };
}

/** Starts `serve --port 0 --port-file …` and resolves with its port once it listens. */
async function startServe(args: string[], env: NodeJS.ProcessEnv) {
  const portFile = path.join(await mkdtemp(path.join(os.tmpdir(), "mlx-polish-port-")), "port");
  // Its own process group: tsx runs the CLI in a child process, and a failed test must stop both.
  const child = spawn(tsx, [main, "serve", "--port", "0", "--port-file", portFile, ...args], {
    cwd: root,
    env,
    detached: true,
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  while (!existsSync(portFile) || !readFileSync(portFile, "utf8").endsWith("\n")) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`serve did not start: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, port: Number(readFileSync(portFile, "utf8")), stderr: () => stderr, exited };
}

/** The README's curl recipe, as fetch. */
function chat(port: number, headers: Record<string, string> = {}) {
  return fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ model: "qwen3-1.7b", messages: [{ role: "user", content: TRANSCRIPT }] }),
  });
}

function runCli(args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number; stderr: string }>((resolve) => {
    execFile(tsx, [main, ...args], { cwd: root, env }, (error, _stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stderr }),
    );
  });
}

describe("mlx-polish serve", () => {
  let running: ChildProcess | undefined;
  afterEach(() => {
    if (running?.exitCode === null) process.kill(-running.pid!, "SIGKILL");
  });

  it("serves on the port it picked, gives the transcript back without a model, and exits 0 on SIGTERM", async () => {
    const serve = await startServe([], await cliEnv());
    running = serve.child;
    expect(serve.stderr()).toContain(`serving an OpenAI-compatible API at http://127.0.0.1:${serve.port}/v1`);
    const response = await chat(serve.port);
    expect(response.status).toBe(200);
    expect(response.headers.get(POLISH_HEADERS.polished)).toBe("false");
    expect(response.headers.get(POLISH_HEADERS.reason)).toBe("model_not_downloaded");
    expect(
      ((await response.json()) as { choices: { message: { content: string } }[] }).choices[0].message.content,
    ).toBe(TRANSCRIPT);
    serve.child.kill("SIGTERM");
    expect(await serve.exited).toBe(0);
    expect(serve.stderr()).toMatch(/POST \/v1\/chat\/completions 200 kept the original \(model_not_downloaded\)/);
    expect(serve.stderr()).not.toMatch(/tuesday|wednesday/);
  });

  it("takes the API key from MLX_POLISH_API_KEY and refuses requests without it", async () => {
    const serve = await startServe([], await cliEnv({ MLX_POLISH_API_KEY: "from-env" }));
    running = serve.child;
    expect(serve.stderr()).toContain("(API key required)");
    expect((await chat(serve.port)).status).toBe(401);
    expect((await chat(serve.port, { authorization: "Bearer from-env" })).status).toBe(200);
    serve.child.kill("SIGINT");
    expect(await serve.exited).toBe(0);
    expect(serve.stderr()).not.toContain("from-env");
  });

  it("refuses to listen beyond loopback without a key, and a bad port, with exit 1", async () => {
    const env = await cliEnv();
    const open = await runCli(["serve", "--host", "0.0.0.0", "--port", "0"], env);
    expect(open.code).toBe(1);
    expect(open.stderr).toMatch(/Listening on 0\.0\.0\.0 lets other machines reach the model: set an API key/);
    const port = await runCli(["serve", "--port", "http"], env);
    expect(port.code).toBe(1);
    expect(port.stderr).toMatch(/--port must be a number from 0 to 65535/);
  });

  (process.platform === "darwin" ? it.skip : it)("says the login agent needs macOS, with exit 1", async () => {
    const run = await runCli(["serve", "--install-agent"], await cliEnv());
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/launchd, which only macOS has/);
  });
});
