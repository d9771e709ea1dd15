/**
 * The model catalogue: the one place that knows which models MLX Polish offers and what they need.
 * Every size is approximate (what the Hub lists for the 4-bit MLX conversion); the download engine
 * works from the Hub's own file list, these figures are for people choosing a model. The rewrite
 * styles people choose from live here too; their prompts live with the prompt builder.
 */
import os from "node:os";
import { hubUrl } from "./config";
import { customModelId, isCustomModelId, readCustomModels } from "./custom-models";
import type { CatalogModel, ModelFamily } from "./model";

export type { CatalogModel, CustomModelSource, ModelFamily } from "./model";
import { PolishError } from "./errors";

/** How people name each family. */
export const FAMILY_TITLES: Record<ModelFamily, string> = {
  qwen3: "Qwen 3",
  gemma3: "Gemma 3",
  smollm3: "SmolLM 3",
  ministral3: "Ministral 3",
  custom: "Custom",
};

const GB = 1_000_000_000;

export const CATALOG: readonly CatalogModel[] = [
  {
    id: "qwen3-1.7b",
    title: "Qwen 3 1.7B",
    family: "qwen3",
    repo: "mlx-community/Qwen3-1.7B-4bit",
    parameters: "1.7B",
    downloadBytes: 1.0 * GB,
    ramBytes: 2.0 * GB,
    license: "Apache-2.0",
    chatTemplate: { systemRole: true, thinksByDefault: true },
    strengths: "Best balance of speed and care; follows cleanup rules reliably.",
  },
  {
    id: "qwen3-0.6b",
    title: "Qwen 3 0.6B",
    family: "qwen3",
    repo: "mlx-community/Qwen3-0.6B-4bit",
    parameters: "0.6B",
    downloadBytes: 0.35 * GB,
    ramBytes: 1.0 * GB,
    license: "Apache-2.0",
    chatTemplate: { systemRole: true, thinksByDefault: true },
    strengths: "Fastest and smallest; fine for punctuation and casing on 8 GB Macs.",
  },
  {
    id: "qwen3-4b",
    title: "Qwen 3 4B Instruct",
    family: "qwen3",
    repo: "mlx-community/Qwen3-4B-Instruct-2507-4bit",
    parameters: "4B",
    downloadBytes: 2.3 * GB,
    ramBytes: 4.0 * GB,
    license: "Apache-2.0",
    chatTemplate: { systemRole: true, thinksByDefault: false },
    strengths: "Most faithful rewrites and styles; needs 16 GB for comfort.",
  },
  {
    id: "gemma3-1b",
    title: "Gemma 3 1B",
    family: "gemma3",
    repo: "mlx-community/gemma-3-1b-it-qat-4bit",
    parameters: "1B",
    downloadBytes: 0.8 * GB,
    ramBytes: 1.5 * GB,
    license: "Gemma",
    chatTemplate: { systemRole: false, thinksByDefault: false },
    strengths: "Small and quick, good with many languages.",
  },
  {
    id: "gemma3-4b",
    title: "Gemma 3 4B",
    family: "gemma3",
    repo: "mlx-community/gemma-3-text-4b-it-4bit",
    parameters: "4B",
    downloadBytes: 2.6 * GB,
    ramBytes: 4.5 * GB,
    license: "Gemma",
    chatTemplate: { systemRole: false, thinksByDefault: false },
    strengths: "Natural phrasing for Formal and Email styles; multilingual.",
  },
  {
    id: "smollm3-3b",
    title: "SmolLM 3 3B",
    family: "smollm3",
    repo: "mlx-community/SmolLM3-3B-4bit",
    parameters: "3B",
    downloadBytes: 1.8 * GB,
    ramBytes: 3.0 * GB,
    license: "Apache-2.0",
    chatTemplate: { systemRole: true, thinksByDefault: true },
    strengths: "Fully open model; solid English and European languages.",
  },
  {
    id: "ministral3-3b",
    title: "Ministral 3 3B",
    family: "ministral3",
    repo: "mlx-community/Ministral-3-3B-Instruct-2512-4bit",
    parameters: "3B",
    downloadBytes: 2.8 * GB,
    ramBytes: 4.0 * GB,
    license: "Apache-2.0",
    chatTemplate: { systemRole: true, thinksByDefault: false },
    strengths: "Strong instruction following; good for Concise and Bullet List.",
  },
];

export const DEFAULT_MODEL_ID = "qwen3-1.7b";

/**
 * The Model preference's value for "the model chosen in Manage Local Models": Raycast's dropdown is fixed in
 * `package.json` and extensions cannot write preferences, so a model added by repo id is chosen there
 * (`chooseCustomModel`) and this value polishes with it.
 */
export const CUSTOM_MODEL_PREFERENCE = "custom";

/** Where the models added by repo id are kept (`<support>/custom-models.json`); defaults to `paths.ts`. */
export interface ModelLookupOptions {
  supportDir?: string;
}

/**
 * Looks a model up by id: the catalogue's, else one added by repo id (its `org--name` id, or its repo).
 * An unknown id is a user error with the list of known ids.
 */
export function findModel(id: string, options: ModelLookupOptions = {}): CatalogModel {
  const model = CATALOG.find((entry) => entry.id === id);
  if (model) return model;
  const wanted = id.includes("/") ? customModelId(id) : id;
  const custom = isCustomModelId(wanted)
    ? readCustomModels(options.supportDir).find((entry) => entry.id === wanted)
    : undefined;
  if (!custom && id === CUSTOM_MODEL_PREFERENCE) {
    throw new PolishError(
      "unknown_model",
      "The Model preference is Custom Model, but no model you added is chosen: add one in Manage Local Models and choose Use This Model.",
    );
  }
  if (!custom) {
    const known = listModels(options).map((entry) => entry.id);
    throw new PolishError("unknown_model", `Unknown model "${id}". Known models: ${known.join(", ")}.`);
  }
  return custom;
}

/** The catalogue, then the models added by repo id. */
export function listModels(options: ModelLookupOptions = {}): CatalogModel[] {
  return [...CATALOG, ...readCustomModels(options.supportDir)];
}

/** The rewrite styles, the list people choose from (their prompts: `polish/build-prompt.ts`). */
export const STYLES = [
  { id: "clean-up", title: "Clean Up" },
  { id: "formal", title: "Formal" },
  { id: "casual", title: "Casual" },
  { id: "concise", title: "Concise" },
  { id: "email", title: "Email" },
  { id: "bullet-list", title: "Bullet List" },
] as const;

export type StyleId = (typeof STYLES)[number]["id"];

export const DEFAULT_STYLE_ID: StyleId = "clean-up";

/** The model's page on the Hub (or on the mirror in `HF_ENDPOINT`), for "Open on Hugging Face". */
export function modelPageUrl(model: Pick<CatalogModel, "repo">): string {
  return `${hubUrl()}/${model.repo}`;
}

/**
 * Metal lets the GPU wire about three quarters of a Mac's unified memory by default
 * (`recommendedMaxWorkingSetSize`); a model needing more than that swaps or fails to load.
 */
const GPU_SHARE = 0.75;

export interface MemoryFit {
  fits: boolean;
  totalBytes: number;
  usableBytes: number;
}

/** Whether a model needing `ramBytes` fits this Mac's memory (shown in orange in Manage Local Models when not). */
export function memoryFit(ramBytes: number, totalBytes = os.totalmem()): MemoryFit {
  const usableBytes = Math.floor(totalBytes * GPU_SHARE);
  return { fits: ramBytes <= usableBytes, totalBytes, usableBytes };
}
