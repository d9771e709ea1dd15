/**
 * Adding a model by Hub repo id, and removing it: before a byte of weights moves, the repo's config, file
 * listing and chat template are read through the same Hub code downloads use, and a repo MLX Polish
 * cannot run is refused with the reason (`incompatible_model`, exit 9). What passes is kept beside the
 * catalogue (`custom-models.ts`), and from then on its id works wherever a catalogue id does.
 */
import { CATALOG, findModel, memoryFit } from "../catalog";
import { resolveStoreOptions, type StoreOptions } from "../config";
import { customModelId, dropCustomModel, readCustomModels, saveCustomModel, type CustomModel } from "../custom-models";
import { PolishError } from "../errors";
import { classifyDownloadError } from "./classify-download-error";
import { deleteModel } from "./delete-model";
import { formatBytes } from "./format-bytes";
import {
  isWantedFile,
  listRepoFiles,
  readHubTextFile,
  resolveCommit,
  type HubFile,
  type HubRequest,
} from "./hub-files";
import MLX_ARCHITECTURES from "./mlx-architectures.json";

export interface AddCustomModelParams extends StoreOptions {
  /** `org/name`, or its page's URL on the Hub. */
  repo: string;
  /** A branch, tag or commit; the main branch by default. The commit it points to now is the one checked and downloaded. */
  revision?: string;
  /** Token for gated or private repos; defaults to `HF_TOKEN`. Never logged or written anywhere. */
  accessToken?: string;
  /** This Mac's memory for the RAM check; defaults to `os.totalmem()`. */
  totalMemoryBytes?: number;
}

export interface RemoveCustomModelParams extends StoreOptions {
  modelId: string;
  /** Says why the model cannot go now (loading or generating), or undefined when it can. From the helper. */
  isModelBusy?: (modelId: string) => Promise<string | undefined>;
}

const GB = 1_000_000_000;
// A config or tokenizer config is a few kB to a few MB (some embed their vocabulary); anything larger is not one.
const MAX_CONFIG_BYTES = 16_000_000;
// mlx-lm loads `model*.safetensors` from the repo's top folder, nothing else.
const MLX_WEIGHTS = /^model[^/]*\.safetensors$/;
const OTHER_WEIGHTS = /\.(bin|pt|pth|ckpt|gguf|safetensors|onnx|h5|msgpack)$/;
// Tokenizer files the helper requires one of (`helper/…/models.py`).
const TOKENIZER_FILES = /^(tokenizer\.json|tokenizer\.model|vocab\.json|tekken\.json|[^/]+\.tiktoken)$/;
// The Hub's rule for each half of a repo id: letters, digits, `_`, `-`, `.`; no `--` or `..`; at most 96.
const REPO_PART = /^(?!.*(--|\.\.))[A-Za-z0-9](?:[\w.-]{0,94}[A-Za-z0-9_])?$/;
const REVISION = /^(?!.*\.\.)(?!\/)[\w.\-/]{1,200}(?<!\/)$/;

/**
 * Checks a Hub repo and keeps it as a custom model: `org/name` well formed, not already there, an
 * architecture the pinned mlx-lm loads, `model*.safetensors` weights, a tokenizer, a chat template, and
 * memory this Mac can give it. Reads only the listing, `config.json` and the chat template; throws
 * `incompatible_model` naming what is wrong, `bad_input` for a malformed id, or the Hub's own failure.
 */
export async function addCustomModel(params: AddCustomModelParams): Promise<CustomModel> {
  const store = resolveStoreOptions(params);
  const model = await checkCustomModel(params);
  await saveCustomModel(model, store.supportDir);
  return model;
}

/** `addCustomModel`'s checks without keeping the model: what it would add, or why not. */
export async function checkCustomModel(params: AddCustomModelParams): Promise<CustomModel> {
  const store = resolveStoreOptions(params);
  const repo = normalizeRepo(params.repo, store.hubUrl);
  const revision = params.revision?.trim() || "main";
  if (!REVISION.test(revision)) {
    throw new PolishError("bad_input", `"${revision}" is not a revision: give a branch, tag or commit.`);
  }
  const id = customModelId(repo);
  const inCatalog = CATALOG.find((entry) => entry.repo.toLowerCase() === repo.toLowerCase());
  if (inCatalog) {
    throw new PolishError("bad_input", `${repo} is in the catalog already, as ${inCatalog.id}: use that id.`);
  }
  // Case-insensitively: ids are file names, and a Mac's disk does not tell `A` from `a`.
  const added = readCustomModels(store.supportDir).find((entry) => entry.id.toLowerCase() === id.toLowerCase());
  if (added) {
    throw new PolishError(
      "bad_input",
      `${repo} is added already, as ${added.id} (revision ${added.custom.revision}). Remove it first to add it at another revision.`,
    );
  }

  const request: HubRequest = {
    repo,
    hubUrl: store.hubUrl,
    fetch: store.fetch,
    accessToken: params.accessToken || process.env.HF_TOKEN || undefined,
  };
  const hub = <T>(step: () => Promise<T>): Promise<T> =>
    step().catch((error: unknown) => {
      const failure = classifyDownloadError(error, { repo, cancelled: false, stalled: false });
      if (failure.code === "not_found") {
        failure.message =
          revision === "main"
            ? `${repo} is not on the Hub (or is private: set HF_TOKEN).`
            : `${repo} has no revision "${revision}" on the Hub (or is private: set HF_TOKEN).`;
      }
      throw failure;
    });
  const commit = await hub(() => resolveCommit({ ...request, revision }));
  const at = { ...request, revision: commit };
  const files = await hub(() => listRepoFiles(at));
  const readText = (path: string) =>
    files.some((file) => file.path === path)
      ? hub(() => readHubTextFile({ ...at, path, maxBytes: MAX_CONFIG_BYTES }))
      : Promise.resolve(undefined);

  const config = parseJson(repo, "config.json", await readText("config.json"));
  if (!config) throw incompatible(`${repo} has no config.json: it is not a model mlx-lm can load.`);
  const architecture = checkArchitecture(repo, config);
  const weights = files.filter((file) => MLX_WEIGHTS.test(file.path));
  if (weights.length === 0) throw incompatible(noWeightsReason(repo, files));
  if (!files.some((file) => TOKENIZER_FILES.test(file.path))) {
    throw incompatible(`${repo} has no tokenizer (tokenizer.json, tokenizer.model, vocab.json or *.tiktoken).`);
  }
  const template = await chatTemplate(repo, files, readText);
  if (!template) {
    throw incompatible(
      `${repo} has no chat template (in tokenizer_config.json or chat_template.jinja): it looks like a base model; MLX Polish needs an instruct (chat) model.`,
    );
  }

  const quantization = readQuantization(config);
  const weightBytes = weights.reduce((sum, file) => sum + file.size, 0);
  const ramBytes = estimateRamBytes(weightBytes);
  const fit = memoryFit(ramBytes, params.totalMemoryBytes);
  if (!fit.fits) {
    throw incompatible(
      `${repo} needs about ${formatBytes(ramBytes)} of memory; this Mac can give a model ${formatBytes(fit.usableBytes)} (of ${formatBytes(fit.totalBytes)}).`,
    );
  }
  const name = repo.split("/")[1];
  const bitsLabel = quantization.bits ? `${quantization.bits}-bit` : "unquantized";
  return {
    id,
    title: name,
    family: "custom",
    repo,
    parameters: estimateParameters(weightBytes, quantization),
    downloadBytes: files.filter((file) => isWantedFile(file.path)).reduce((sum, file) => sum + file.size, 0),
    ramBytes,
    license: "See the model card",
    chatTemplate: {
      systemRole: !(architecture.startsWith("gemma") || /raise_exception\([^)]*system/i.test(template)),
      thinksByDefault: /enable_thinking/.test(template),
    },
    strengths: `Added from ${repo} (${architecture}, ${bitsLabel}).`,
    custom: {
      revision,
      commit,
      architecture,
      ...(quantization.bits && { quantizationBits: quantization.bits }),
      addedAt: new Date().toISOString(),
    },
  };
}

/**
 * Removes a model added by repo id: its files, if any (refused while it loads or polishes), then its
 * entry. Catalogue models are only ever deleted (`deleteModel`), never removed.
 */
export async function removeCustomModel(params: RemoveCustomModelParams): Promise<{ freedBytes: number }> {
  const store = resolveStoreOptions(params);
  const model = findModel(params.modelId, store);
  if (!model.custom) {
    throw new PolishError(
      "bad_input",
      `${model.id} is in the catalog, not added by you: delete its files with \`models delete ${model.id}\`.`,
    );
  }
  const { freedBytes } = await deleteModel({ ...params, modelId: model.id });
  await dropCustomModel(model.id, store.supportDir);
  return { freedBytes };
}

function normalizeRepo(input: string, hubUrl: string): string {
  let repo = input.trim();
  for (const prefix of [`${hubUrl}/`, "https://huggingface.co/", "https://hf.co/"]) {
    if (repo.startsWith(prefix)) repo = repo.slice(prefix.length).split(/[?#]/)[0].split("/").slice(0, 2).join("/");
  }
  const parts = repo.split("/");
  if (parts.length !== 2 || !parts.every((part) => REPO_PART.test(part))) {
    throw new PolishError(
      "bad_input",
      `"${input}" is not a Hub repo id: write it as org/name (for example mlx-community/Qwen3-0.6B-4bit).`,
    );
  }
  return repo;
}

function incompatible(message: string): PolishError {
  return new PolishError("incompatible_model", message);
}

function parseJson(repo: string, file: string, text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value;
  } catch {
    // Reported below.
  }
  throw incompatible(`${repo}'s ${file} is not a JSON object.`);
}

/** The architecture mlx-lm would load, after its own renames; refused when the pinned mlx-lm has no module for it. */
function checkArchitecture(repo: string, config: Record<string, unknown>): string {
  const modelType = config.model_type;
  if (typeof modelType !== "string" || !modelType) {
    throw incompatible(`${repo}'s config.json names no model_type: mlx-lm cannot tell what it is.`);
  }
  const classes = Array.isArray(config.architectures) ? config.architectures : [config.architectures];
  const byClass = MLX_ARCHITECTURES.architectureRemapping.find(
    ([type, className]) => type === modelType && classes.includes(className),
  );
  const remapping: Record<string, string> = MLX_ARCHITECTURES.remapping;
  const loaded = byClass?.[2] ?? remapping[modelType] ?? modelType;
  if (!MLX_ARCHITECTURES.modelTypes.includes(loaded)) {
    throw incompatible(`mlx-lm ${MLX_ARCHITECTURES.mlxLmVersion} cannot load architecture '${modelType}' (${repo}).`);
  }
  return modelType;
}

function noWeightsReason(repo: string, files: HubFile[]): string {
  const other = files.map((file) => file.path).filter((file) => OTHER_WEIGHTS.test(file));
  const found = other.length > 0 ? ` It has ${other.slice(0, 3).join(", ")}${other.length > 3 ? ", …" : ""}` : "";
  return `${repo} has no MLX weights (model*.safetensors).${found}${found ? "." : ""} Look for an MLX conversion, such as one from mlx-community.`;
}

/** The chat template: `chat_template.jinja`, else `tokenizer_config.json`'s (a string, or named ones: the default). */
async function chatTemplate(
  repo: string,
  files: HubFile[],
  readText: (path: string) => Promise<string | undefined>,
): Promise<string | undefined> {
  const jinja = await readText("chat_template.jinja");
  if (jinja?.trim()) return jinja;
  const tokenizerConfig = parseJson(repo, "tokenizer_config.json", await readText("tokenizer_config.json"));
  let template = tokenizerConfig?.chat_template;
  if (template === undefined && files.some((file) => file.path === "chat_template.json")) {
    template = parseJson(repo, "chat_template.json", await readText("chat_template.json"))?.chat_template;
  }
  if (Array.isArray(template)) {
    const named = template as { name?: unknown; template?: unknown }[];
    template = (named.find((entry) => entry.name === "default") ?? named[0])?.template;
  }
  return typeof template === "string" && template.trim() ? template : undefined;
}

function readQuantization(config: Record<string, unknown>): { bits?: number; groupSize?: number } {
  const block = (config.quantization ?? config.quantization_config) as { bits?: unknown; group_size?: unknown };
  const bits = typeof block?.bits === "number" && block.bits > 0 ? block.bits : undefined;
  const groupSize = typeof block?.group_size === "number" && block.group_size > 0 ? block.group_size : undefined;
  return { bits, groupSize };
}

/**
 * Memory while generating: the weights plus half again for the KV cache and activations, plus half a GB
 * for the runtime. Close to the catalogue's figures (e.g. 1.0 GB of weights → 2.0 GB).
 */
function estimateRamBytes(weightBytes: number): number {
  return Math.round(weightBytes * 1.5 + 0.5 * GB);
}

/** Parameters as people say them ("~1.7B"), from the weights' size: quantized weights also store a scale and bias per group. */
function estimateParameters(weightBytes: number, quantization: { bits?: number; groupSize?: number }): string {
  const bitsPerParameter = quantization.bits ? quantization.bits + 32 / (quantization.groupSize ?? 64) : 16;
  const count = (weightBytes * 8) / bitsPerParameter;
  if (count >= 1e9) return `~${(count / 1e9).toFixed(1)}B`;
  if (count >= 1e6) return `~${Math.round(count / 1e6)}M`;
  return `~${Math.max(1, Math.round(count / 1e3))}K`;
}
