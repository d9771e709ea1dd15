/**
 * `mlx-polish polish` with the user's own words and rules: `--vocabulary FILE` (or $MLX_POLISH_VOCABULARY)
 * and `--app` with `--app-styles` (or $MLX_POLISH_APP_STYLES). A stand-in helper gives a fixed answer and
 * records the prompt it was sent, so these check what reaches the model and what the guard makes of it.
 */
import { execFile, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { HELPER_VERSION, POLISH_HEADERS, stopHelper } from "../../src/core";

const root = path.resolve(__dirname, "..", "..");
const DICTATED = "we moved the database to post gress";
const ANSWER = "We moved the database to Postgres.";

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

let folder: string;
let env: NodeJS.ProcessEnv;
let requestsFile: string;

function runCli(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(
      path.join(root, "node_modules", ".bin", "tsx"),
      [path.join(root, "src", "cli", "main.ts"), ...args],
      { cwd: folder, env: { ...env, ...extraEnv } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
    child.stdin!.end();
  });
}

/** The system message of each generate the helper was sent. */
async function systemPrompts(): Promise<string[]> {
  return (await fs.readFile(requestsFile, "utf8"))
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { method: string; params?: { messages?: { content: string }[] } })
    .filter((request) => request.method === "generate")
    .map((request) => request.params!.messages![0].content);
}

beforeEach(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), "mlx-polish-own-words-"));
  const cacheDir = path.join(folder, "hub");
  // A downloaded-looking model: the stand-in helper never reads it.
  const commit = "a".repeat(40);
  const repo = path.join(cacheDir, "models--mlx-community--Qwen3-1.7B-4bit");
  await fs.mkdir(path.join(repo, "snapshots", commit), { recursive: true });
  await fs.mkdir(path.join(repo, "refs"));
  await fs.writeFile(path.join(repo, "refs", "main"), commit);
  await fs.writeFile(path.join(repo, "snapshots", commit, "config.json"), "{}");
  await fs.writeFile(path.join(repo, "snapshots", commit, "model.safetensors"), "x");
  requestsFile = path.join(folder, "requests.jsonl");
  await fs.writeFile(requestsFile, "");
  env = {
    ...process.env,
    MLX_POLISH_SUPPORT_DIR: path.join(folder, "support"),
    HF_HUB_CACHE: cacheDir,
    MLX_POLISH_HELPER: `${process.execPath} ${path.join(root, "test", "support", "fake-helper.mjs")}`,
    FAKE_HELPER_REQUESTS: requestsFile,
    FAKE_HELPER_VERSION: HELPER_VERSION,
    FAKE_HELPER_ANSWER: ANSWER,
  };
  // The user's own settings must not leak into these runs.
  delete env.MLX_POLISH_VOCABULARY;
  delete env.MLX_POLISH_APP_STYLES;
  await fs.writeFile(path.join(folder, "words.txt"), "# my words\nKubernetes\npost gress -> Postgres\n");
  await fs.writeFile(path.join(folder, "broken.txt"), "Kubernetes\npost -> gress -> Postgres\n");
});

afterEach(async () => {
  await stopHelper({ supportDir: env.MLX_POLISH_SUPPORT_DIR });
  await fs.rm(folder, { recursive: true, force: true });
});

describe("polish --vocabulary", () => {
  it("gives the model the vocabulary as spelling authority and accepts its replacement", async () => {
    const run = await runCli(["polish", "--vocabulary", "words.txt", DICTATED]);
    expect(run).toMatchObject({ code: 0, stdout: `${ANSWER}\n` });
    // Accepted as it came: no second try was needed.
    const prompts = await systemPrompts();
    expect(prompts).toHaveLength(1);
    const [system] = prompts;
    expect(system).toContain("Spelling authority");
    expect(system).toContain('- "post gress" → Postgres');
    expect(system).toContain("- Kubernetes");
  });

  it("without the vocabulary the same rewrite is a changed word, and the original comes back", async () => {
    const run = await runCli(["polish", DICTATED]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe(`${DICTATED}\n`);
    expect(run.stderr).toMatch(/unfaithful/);
    expect((await systemPrompts())[0]).not.toContain("Spelling authority");
  });

  it("reads the file named in MLX_POLISH_VOCABULARY, and --vocabulary wins over it", async () => {
    const fromEnv = await runCli(["polish", DICTATED], { MLX_POLISH_VOCABULARY: path.join(folder, "words.txt") });
    expect(fromEnv).toMatchObject({ code: 0, stdout: `${ANSWER}\n` });
    const flagWins = await runCli(["polish", "--vocabulary", "words.txt", DICTATED], {
      MLX_POLISH_VOCABULARY: path.join(folder, "broken.txt"),
    });
    expect(flagWins).toMatchObject({ code: 0, stdout: `${ANSWER}\n` });
  });

  it("refuses a vocabulary with a line it cannot use, naming the file and the line, and exits 1", async () => {
    const run = await runCli(["polish", "--vocabulary", "broken.txt", DICTATED]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/Vocabulary file broken\.txt: Line 2 has more than one "->"/);
    const missing = await runCli(["polish", DICTATED], { MLX_POLISH_VOCABULARY: path.join(folder, "nope.txt") });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Cannot read the vocabulary file .*nope\.txt: there is no such file/);
  });
});

describe("polish --app", () => {
  it("takes the style from the rule naming the app, by name or bundle id, and says which app in --json", async () => {
    const rules = "Slack=casual; com.apple.mail=Email";
    const slack = await runCli(["polish", "--json", "--app", "Slack", "--app-styles", rules, DICTATED], {
      FAKE_HELPER_ANSWER: "We moved the database to post gress.",
    });
    expect(JSON.parse(slack.stdout)).toMatchObject({ style: "casual", app: "Slack", polished: true });
    const mail = await runCli(["polish", "--json", "--style", "formal", "--app", "com.apple.mail", DICTATED], {
      MLX_POLISH_APP_STYLES: rules,
      FAKE_HELPER_ANSWER: "We moved the database to post gress.",
    });
    expect(JSON.parse(mail.stdout)).toMatchObject({ style: "email", app: "com.apple.mail" });
    const [casual, email] = await systemPrompts();
    expect(casual).toMatch(/Style: relaxed and friendly/);
    expect(email).toMatch(/Style: an email body/);
  });

  it("keeps --style for an app no rule names", async () => {
    const run = await runCli(
      ["polish", "--json", "--style", "formal", "--app", "Xcode", "--app-styles", "Slack=casual", DICTATED],
      {
        FAKE_HELPER_ANSWER: "We moved the database to post gress.",
      },
    );
    const report = JSON.parse(run.stdout);
    expect(report.style).toBe("formal");
    expect(report.app).toBeUndefined();
  });

  it("refuses rules it cannot use, naming the rule, and exits 1", async () => {
    const unknown = await runCli(["polish", "--app", "Slack", "--app-styles", "Slack=pirate", DICTATED]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/App Styles: "Slack=pirate" names an unknown style "pirate". Styles: clean-up/);
    const malformed = await runCli(["polish", "--app", "Slack", DICTATED], { MLX_POLISH_APP_STYLES: "Slack casual" });
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toMatch(/App Styles: "Slack casual" is not a rule; write App=Style/);
  });
});

describe("serve --vocabulary", () => {
  /** Runs `serve` until the test's request is answered; resolves with what a dictation app gets. */
  async function serveOnce(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
    const portFile = path.join(folder, `port-${Math.random().toString(16).slice(2)}`);
    const child = spawn(
      path.join(root, "node_modules", ".bin", "tsx"),
      [path.join(root, "src", "cli", "main.ts"), "serve", "--port", "0", "--port-file", portFile, ...args],
      { cwd: folder, env: { ...env, ...extraEnv }, detached: true },
    );
    try {
      for (let waited = 0; !existsSync(portFile) || !readFileSync(portFile, "utf8").endsWith("\n"); waited += 50) {
        if (waited > 30_000) throw new Error("serve did not start");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const response = await fetch(`http://127.0.0.1:${Number(readFileSync(portFile, "utf8"))}/v1/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ model: "qwen3-1.7b", messages: [{ role: "user", content: DICTATED }] }),
      });
      const body = (await response.json()) as { choices: { message: { content: string } }[] };
      return { polished: response.headers.get(POLISH_HEADERS.polished), text: body.choices[0].message.content };
    } finally {
      process.kill(-child.pid!, "SIGKILL");
    }
  }

  it("polishes every request with the vocabulary of --vocabulary or MLX_POLISH_VOCABULARY", async () => {
    expect(await serveOnce(["--vocabulary", "words.txt"])).toEqual({ polished: "true", text: ANSWER });
    expect(await serveOnce([], { MLX_POLISH_VOCABULARY: path.join(folder, "words.txt") })).toEqual({
      polished: "true",
      text: ANSWER,
    });
    expect((await systemPrompts()).every((system) => system.includes('- "post gress" → Postgres'))).toBe(true);
    // Without it, the dictation app gets its own words back.
    expect(await serveOnce([])).toEqual({ polished: "false", text: DICTATED });
  }, 60_000);

  it("refuses to start with a vocabulary it cannot use, naming the line, and exits 1", async () => {
    const run = await runCli(["serve", "--port", "0", "--vocabulary", "broken.txt"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Vocabulary file broken\.txt: Line 2 has more than one "->"/);
  });
});
