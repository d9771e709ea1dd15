/**
 * `models add` / `models remove` end to end, as a user runs them: the CLI against the local Hub serving a tiny
 * random model under a repo id no catalogue knows, then download, verify, polish (the real helper), delete and
 * remove with the id `models add` gave. Repos MLX Polish cannot run are refused before a byte of weights moves.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { stopHelper } from "../../src/core";
import { startLocalHub, type LocalHub } from "../support/hub-server";
import { tinyModel } from "../support/tiny-model";

const root = path.resolve(__dirname, "..", "..");
const REPO = "someone/tiny-dictation-mlx";
const ID = "someone--tiny-dictation-mlx";

let hub: LocalHub;
let folder: string;
let env: NodeJS.ProcessEnv;
let tinyFiles: Record<string, { file: string }>;

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      path.join(root, "node_modules", ".bin", "tsx"),
      [path.join(root, "src", "cli", "main.ts"), ...args],
      { cwd: root, env },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

/** The JSON on the last stdout line. */
const lastJson = (run: CliRun) => JSON.parse(run.stdout.trim().split("\n").at(-1)!);

const weightRequests = () => hub.requests.filter((request) => /\.(safetensors|bin)$/.test(request.url));

beforeAll(async () => {
  const model = await tinyModel("qwen3");
  tinyFiles = {};
  for (const name of await fs.readdir(model)) tinyFiles[name] = { file: path.join(model, name) };
  const config = JSON.parse(await fs.readFile(path.join(model, "config.json"), "utf8"));
  const tokenizerConfig = JSON.parse(await fs.readFile(path.join(model, "tokenizer_config.json"), "utf8"));
  hub = await startLocalHub();
  await hub.addRepo(REPO, { files: tinyFiles });
  // Weights large enough that fetching any of them would show.
  const weights = randomBytes(3_000_000);
  await hub.addRepo("someone/strange-arch-mlx", {
    files: {
      ...tinyFiles,
      "config.json": JSON.stringify({ ...config, model_type: "not_a_real_arch" }),
      "model.safetensors": weights,
    },
  });
  await hub.addRepo("someone/pytorch-only", {
    files: {
      "config.json": JSON.stringify(config),
      "tokenizer.json": tinyFiles["tokenizer.json"],
      "tokenizer_config.json": tinyFiles["tokenizer_config.json"],
      "pytorch_model.bin": weights,
    },
  });
  const withoutTemplate = { ...tokenizerConfig, chat_template: undefined };
  await hub.addRepo("someone/base-model-mlx", {
    files: { ...tinyFiles, "tokenizer_config.json": JSON.stringify(withoutTemplate), "model.safetensors": weights },
  });
  folder = await fs.mkdtemp(path.join(os.tmpdir(), "mlx-polish-custom-"));
  env = {
    PATH: process.env.PATH ?? "",
    HOME: folder,
    HF_ENDPOINT: hub.url,
    HF_HUB_CACHE: path.join(folder, "hub"),
    MLX_POLISH_SUPPORT_DIR: path.join(folder, "support"),
  };
});

afterAll(async () => {
  await stopHelper({ supportDir: path.join(folder, "support") }).catch(() => undefined);
  await hub.close();
  await fs.rm(folder, { recursive: true, force: true });
});

beforeEach(() => hub.resetCounters());

test("a model added by repo id downloads, verifies, polishes, deletes and is removed", async () => {
  const added = await cli(["models", "add", REPO, "--json"]);
  expect(added).toMatchObject({ code: 0 });
  expect(lastJson(added)).toMatchObject({
    id: ID,
    repo: REPO,
    revision: "main",
    commit: expect.stringMatching(/^[0-9a-f]{40}$/),
    architecture: "qwen3",
    quantizationBits: null,
    // The tiny model's template is Qwen 3's: a system role, thinking unless told not to.
    chatTemplate: { systemRole: true, thinksByDefault: true },
  });
  // Adding read the config and template, and fetched no weights.
  expect(weightRequests()).toEqual([]);
  expect(hub.servedBytes("model.safetensors")).toBe(0);

  const listed = await cli(["models", "list", "--json"]);
  const entry = lastJson(listed).find((model: { id: string }) => model.id === ID);
  expect(entry).toMatchObject({ repo: REPO, status: "not_downloaded", custom: { revision: "main" } });
  expect((await cli(["models", "list"])).stdout).toMatch(new RegExp(`${ID} +not_downloaded .*\\(custom\\)`));

  const downloaded = await cli(["models", "download", ID, "--json"]);
  expect(downloaded.code).toBe(0);
  expect(lastJson(downloaded)).toMatchObject({ event: "done", id: ID, status: "ready" });
  // Downloaded where Python's huggingface_hub looks for this repo.
  const snapshot = lastJson(downloaded).path as string;
  expect(snapshot).toContain(path.join(folder, "hub", "models--someone--tiny-dictation-mlx", "snapshots"));

  const verified = await cli(["models", "verify", ID, "--json"]);
  expect(verified.code).toBe(0);
  expect(lastJson(verified)).toMatchObject({ status: "ready", damagedFiles: [] });

  const polished = await cli(["polish", "--model", ID, "--json", "so um the meeting is at three"]);
  const result = JSON.parse(polished.stdout);
  expect(result.model).toBe(ID);
  // Random weights write nonsense: the helper answered and the guard judged it, either way.
  if (result.outcome === "original") {
    expect(polished.code).toBe(2);
    expect(result.reason).toBe("unfaithful");
  } else {
    expect(polished.code).toBe(0);
  }

  const deleted = await cli(["models", "delete", ID]);
  expect(deleted.code).toBe(0);
  expect(lastJson(await cli(["models", "status", ID, "--json"]))).toMatchObject({ status: "not_downloaded" });

  const removed = await cli(["models", "remove", ID]);
  expect(removed).toMatchObject({ code: 0, stdout: expect.stringMatching(`Removed ${ID}`) });
  const after = lastJson(await cli(["models", "list", "--json"]));
  expect(after.map((model: { id: string }) => model.id)).not.toContain(ID);
  const unknown = await cli(["models", "status", ID]);
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toMatch(`Unknown model "${ID}"`);
}, 240_000);

test.each([
  ["someone/strange-arch-mlx", "mlx-lm 0.32.2 cannot load architecture 'not_a_real_arch'"],
  ["someone/pytorch-only", "has no MLX weights (model*.safetensors). It has pytorch_model.bin."],
  ["someone/base-model-mlx", "has no chat template"],
])(
  "%s is refused with the reason, exit 9, before any weight is fetched",
  async (repo, reason) => {
    const run = await cli(["models", "add", repo, "--json"]);
    expect(run.code).toBe(9);
    expect(lastJson(run)).toMatchObject({ event: "error", code: "incompatible_model" });
    expect(lastJson(run).message).toContain(reason);
    expect(run.stderr).toContain(reason);
    expect(weightRequests()).toEqual([]);
    expect(hub.servedBytes()).toBeLessThan(100_000);
    const listed = lastJson(await cli(["models", "list", "--json"]));
    expect(listed.map((model: { repo: string }) => model.repo)).not.toContain(repo);
  },
  60_000,
);

test("a malformed repo id, a catalog repo, a missing repo or revision are refused with their own exit codes", async () => {
  const malformed = await cli(["models", "add", "not a repo"]);
  expect(malformed.code).toBe(1);
  expect(malformed.stderr).toMatch(/"not a repo" is not a Hub repo id: write it as org\/name/);
  const catalog = await cli(["models", "add", "mlx-community/Qwen3-0.6B-4bit"]);
  expect(catalog.code).toBe(1);
  expect(catalog.stderr).toMatch(/in the catalog already, as qwen3-0\.6b/);
  const missing = await cli(["models", "add", "someone/no-such-model"]);
  expect(missing.code).toBe(7);
  expect(missing.stderr).toMatch(/someone\/no-such-model is not on the Hub/);
  const revision = await cli(["models", "add", REPO, "--revision", "v9"]);
  expect(revision.code).toBe(7);
  expect(revision.stderr).toMatch(/someone\/tiny-dictation-mlx has no revision "v9" on the Hub/);
  const catalogRemove = await cli(["models", "remove", "qwen3-0.6b"]);
  expect(catalogRemove.code).toBe(1);
  expect(catalogRemove.stderr).toMatch(/is in the catalog, not added by you/);
}, 60_000);
