/**
 * Models added by repo id, in the core: what `addCustomModel` reads from a repo (architecture after mlx-lm's
 * renames, quantization, chat-template needs, memory), where it keeps them, and that the rest of the core
 * (findModel, state, downloads at a pinned revision, the endpoint's model list) takes their ids.
 */
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import {
  CATALOG,
  addCustomModel,
  customModelsFile,
  downloadModel,
  findModel,
  getModelState,
  getModelStates,
  isCustomModelId,
  removeCustomModel,
  startServer,
} from "../../../src/core";
import MLX_ARCHITECTURES from "../../../src/core/store/mlx-architectures.json";
import { startLocalHub, type LocalHub } from "../../support/hub-server";
import { tinyModel } from "../../support/tiny-model";

const root = path.resolve(__dirname, "..", "..", "..");
const GB = 1_000_000_000;

let hub: LocalHub;
let folder: string;
let store: { supportDir: string; cacheDir: string; hubUrl: string };
let qwen3: Record<string, string>;
let gemma3: Record<string, string>;

/** A model folder's small files as text (the weights stay out: adding never reads them). */
async function textFiles(family: "qwen3" | "gemma3"): Promise<Record<string, string>> {
  const model = await tinyModel(family);
  const files: Record<string, string> = {};
  for (const name of await fs.readdir(model)) {
    if (name.endsWith(".json")) files[name] = await fs.readFile(path.join(model, name), "utf8");
  }
  return files;
}

/** Serves a repo: the tiny model's configs with `config` merged in, and weights of `weightBytes`. */
async function serve(repo: string, config: object = {}, extra: Record<string, string | Buffer> = {}) {
  const files = {
    ...qwen3,
    "config.json": JSON.stringify({ ...JSON.parse(qwen3["config.json"]), ...config }),
    "model.safetensors": Buffer.alloc(2000, 1),
    ...extra,
  };
  return { ...(await hub.addRepo(repo, { files })), files };
}

beforeAll(async () => {
  [qwen3, gemma3] = await Promise.all([textFiles("qwen3"), textFiles("gemma3")]);
});

beforeEach(async () => {
  hub = await startLocalHub();
  folder = await fs.mkdtemp(path.join(os.tmpdir(), "mlx-polish-custom-core-"));
  store = { supportDir: path.join(folder, "support"), cacheDir: path.join(folder, "hub"), hubUrl: hub.url };
});

afterEach(async () => {
  await hub.close();
  await fs.rm(folder, { recursive: true, force: true });
});

test("the list of architectures is the one the installed mlx-lm loads (npm run gen:architectures)", async () => {
  const script = path.join(root, "helper", "tools", "list_mlx_architectures.py");
  const { stdout } = await promisify(execFile)(path.join(root, "helper", ".venv", "bin", "python"), [script]);
  expect(MLX_ARCHITECTURES).toEqual(JSON.parse(stdout));
  // The catalogue's own architectures are among them, and helper modules (cache, rope_utils) are not.
  expect(MLX_ARCHITECTURES.modelTypes).toEqual(expect.arrayContaining(["qwen3", "gemma3_text", "llama"]));
  expect(MLX_ARCHITECTURES.modelTypes).not.toContain("cache");
}, 30_000);

test("no catalogue id can be taken for a custom one", () => {
  for (const model of CATALOG) expect(isCustomModelId(model.id)).toBe(false);
});

test("an added model is found by its id and its repo, and counts in the store's states", async () => {
  await serve("someone/tiny-dictation-mlx");
  const model = await addCustomModel({ ...store, repo: "someone/tiny-dictation-mlx" });
  expect(model.id).toBe("someone--tiny-dictation-mlx");
  expect(findModel(model.id, store)).toEqual(model);
  expect(findModel("someone/tiny-dictation-mlx", store).id).toBe(model.id);
  // Another support folder does not know it.
  expect(() => findModel(model.id)).toThrow(/Unknown model "someone--tiny-dictation-mlx"/);
  const { models } = await getModelStates(store);
  expect(models.map((state) => state.model.id)).toEqual([...CATALOG.map((entry) => entry.id), model.id]);
  // Kept as JSON, written whole (no temporary file left behind).
  expect(await fs.readdir(store.supportDir)).toEqual(["custom-models.json"]);
  const saved = JSON.parse(await fs.readFile(customModelsFile(store.supportDir), "utf8"));
  expect(saved).toMatchObject({ version: 1, models: [{ id: model.id, repo: "someone/tiny-dictation-mlx" }] });
});

test("adding the same repo twice, in any case, is refused with the id it has", async () => {
  await serve("someone/tiny-dictation-mlx");
  await addCustomModel({ ...store, repo: "someone/tiny-dictation-mlx" });
  await expect(addCustomModel({ ...store, repo: "Someone/Tiny-Dictation-MLX" })).rejects.toMatchObject({
    code: "bad_input",
    message: expect.stringMatching(/is added already, as someone--tiny-dictation-mlx \(revision main\)/),
  });
});

test("a model_type mlx-lm renames is accepted; the config's quantization and size give bits, parameters and memory", async () => {
  // mlx-lm loads `mistral` with its llama module (MODEL_REMAPPING).
  expect(MLX_ARCHITECTURES.modelTypes).not.toContain("mistral");
  const { files } = await serve(
    "someone/mistral-4bit",
    { model_type: "mistral", quantization: { bits: 4, group_size: 64 } },
    { "model.safetensors": Buffer.alloc(450_000, 1), "README.md": "# Mistral" },
  );
  const model = await addCustomModel({ ...store, repo: "https://huggingface.co/someone/mistral-4bit" });
  expect(model).toMatchObject({
    repo: "someone/mistral-4bit",
    family: "custom",
    // 450 kB at 4.5 bits per parameter (4 bits plus a scale and bias per 64).
    parameters: "~800K",
    custom: { architecture: "mistral", quantizationBits: 4, revision: "main" },
    // The weights and what a download fetches (configs, tokenizer); the README is not fetched.
    downloadBytes: Object.entries(files)
      .filter(([name]) => name !== "README.md")
      .reduce((sum, [, content]) => sum + Buffer.byteLength(content), 0),
  });
  expect(model.ramBytes).toBe(Math.round(450_000 * 1.5 + 0.5 * GB));
});

test("the chat template says whether the model has a system role and thinks by default", async () => {
  await serve("someone/qwen-like");
  await hub.addRepo("someone/gemma-like", {
    files: { ...gemma3, "model.safetensors": Buffer.alloc(1000, 1) },
  });
  await serve(
    "someone/template-file",
    {},
    {
      "tokenizer_config.json": JSON.stringify({
        ...JSON.parse(qwen3["tokenizer_config.json"]),
        chat_template: undefined,
      }),
      "chat_template.jinja": "{% for message in messages %}{{ message.role }}: {{ message.content }}\n{% endfor %}",
    },
  );
  expect((await addCustomModel({ ...store, repo: "someone/qwen-like" })).chatTemplate).toEqual({
    systemRole: true,
    thinksByDefault: true,
  });
  expect((await addCustomModel({ ...store, repo: "someone/gemma-like" })).chatTemplate).toEqual({
    systemRole: false,
    thinksByDefault: false,
  });
  expect((await addCustomModel({ ...store, repo: "someone/template-file" })).chatTemplate).toEqual({
    systemRole: true,
    thinksByDefault: false,
  });
});

test("a model too large for this Mac's memory is refused with the figures", async () => {
  await serve("someone/huge-mlx", {}, { "model.safetensors": Buffer.alloc(3_000_000, 1) });
  // 8 MB of memory: a model can have 6 MB; this one needs 0.5 GB.
  await expect(
    addCustomModel({ ...store, repo: "someone/huge-mlx", totalMemoryBytes: 8_000_000 }),
  ).rejects.toMatchObject({
    code: "incompatible_model",
    message: expect.stringMatching(/needs about 505 MB of memory; this Mac can give a model 6\.0 MB \(of 8\.0 MB\)/),
  });
  expect(hub.servedBytes("model.safetensors")).toBe(0);
});

test("a model added at a revision downloads that commit and marks it under its own ref, not refs/main", async () => {
  const { sha } = await serve("someone/pinned-mlx");
  await expect(addCustomModel({ ...store, repo: "someone/pinned-mlx", revision: "v2" })).rejects.toMatchObject({
    code: "not_found",
    message: 'someone/pinned-mlx has no revision "v2" on the Hub (or is private: set HF_TOKEN).',
  });
  const model = await addCustomModel({ ...store, repo: "someone/pinned-mlx", revision: sha });
  expect(model.custom).toMatchObject({ revision: sha, commit: sha });
  const state = await downloadModel({ ...store, modelId: model.id });
  expect(state).toMatchObject({ status: { kind: "ready" }, revision: sha });
  const refs = path.join(store.cacheDir, "models--someone--pinned-mlx", "refs");
  expect(await fs.readdir(refs)).toEqual([sha]);
  // Removing it deletes its files and forgets it.
  const { freedBytes } = await removeCustomModel({ ...store, modelId: model.id });
  expect(freedBytes).toBeGreaterThan(2000);
  await expect(fs.access(path.join(store.cacheDir, "models--someone--pinned-mlx"))).rejects.toThrow();
  expect(() => findModel(model.id, store)).toThrow(/Unknown model/);
});

test("the endpoint lists a ready custom model under its id and one name per style", async () => {
  await serve("someone/served-mlx");
  const model = await addCustomModel({ ...store, repo: "someone/served-mlx" });
  const server = await startServer({ port: 0, supportDir: store.supportDir, cacheDir: store.cacheDir });
  try {
    const names = async () =>
      ((await (await fetch(`${server.baseUrl}/models`)).json()) as { data: { id: string }[] }).data.map(
        (entry) => entry.id,
      );
    expect(await names()).not.toContain(model.id);
    await downloadModel({ ...store, modelId: model.id });
    expect(await names()).toEqual(expect.arrayContaining([model.id, `${model.id}:formal`]));
  } finally {
    await server.close();
  }
});

test("a registry broken by hand is an error naming the file; catalogue models still resolve", async () => {
  await fs.mkdir(store.supportDir, { recursive: true });
  await fs.writeFile(customModelsFile(store.supportDir), "{ not json");
  expect(findModel("qwen3-1.7b", store).id).toBe("qwen3-1.7b");
  expect(() => findModel("someone--thing", store)).toThrow(/custom-models\.json .*Fix it or delete it/);
  expect((await getModelState("qwen3-1.7b", store)).status.kind).toBe("not_downloaded");
});
