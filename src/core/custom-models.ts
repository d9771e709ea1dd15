/**
 * Models people add by Hub repo id (`models add`, "Add Model…"): kept beside the catalogue in
 * `<support>/custom-models.json`, written atomically, read by `findModel` so every part of the core that
 * takes a model id takes theirs too. A custom model's id is its repo with `--` for the slash
 * (`mlx-community/SmolLM2-360M-Instruct-4bit` → `mlx-community--SmolLM2-360M-Instruct-4bit`): the Hub
 * allows no `--` in a repo id, so the id maps back to one repo, and no catalogue id holds `--` (a test
 * keeps it so), so it never collides with one. Ids stay file names (download state, locks) and carry no
 * `:`, which the endpoint's `ID:style` model names use.
 */
import { existsSync, readFileSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { CatalogModel, CustomModelSource } from "./model";

export type { CustomModelSource } from "./model";
import { supportDir } from "./config";
import { PolishError } from "./errors";

/** A model added by repo id: a catalogue entry plus where it came from. */
export type CustomModel = CatalogModel & { custom: CustomModelSource };

interface RegistryFile {
  version: 1;
  models: CustomModel[];
  /** The one chosen with Use This Model in Manage Local Models: what the Model preference `custom` polishes with. */
  chosenId?: string;
}

const REGISTRY_FILE = "custom-models.json";

export function customModelsFile(support?: string): string {
  return path.join(supportDir(support), REGISTRY_FILE);
}

/** The id a repo gets: its `org/name` with `--` for the slash. */
export function customModelId(repo: string): string {
  return repo.replace("/", "--");
}

/** Whether an id has the shape of a custom model's (catalogue ids never do). */
export function isCustomModelId(id: string): boolean {
  return /^[^/]+--[^/]+$/.test(id);
}

/**
 * The models added by repo id, in the order they were added. Read synchronously: it is a small file and
 * `findModel` is synchronous. A file someone broke by hand is an error naming it, never silently emptied.
 */
export function readCustomModels(support?: string): CustomModel[] {
  return readRegistry(support).models;
}

/** The custom model chosen in Manage Local Models (Use This Model), while it is still there. */
export function chosenCustomModel(support?: string): CustomModel | undefined {
  const registry = readRegistry(support);
  return registry.models.find((model) => model.id === registry.chosenId);
}

/** Makes a custom model the one the Model preference `custom` polishes with. */
export async function chooseCustomModel(id: string, support?: string): Promise<void> {
  const registry = readRegistry(support);
  if (!registry.models.some((model) => model.id === id)) {
    throw new PolishError("unknown_model", `Unknown model "${id}": add it first.`);
  }
  await writeRegistry({ ...registry, chosenId: id }, support);
}

function readRegistry(support?: string): RegistryFile {
  const file = customModelsFile(support);
  if (!existsSync(file)) return { version: 1, models: [] };
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<RegistryFile>;
    if (!Array.isArray(parsed.models)) throw new Error("it has no models list");
    const chosenId = typeof parsed.chosenId === "string" ? parsed.chosenId : undefined;
    return { version: 1, models: parsed.models.filter(isCustomModel), ...(chosenId && { chosenId }) };
  } catch (error) {
    throw new PolishError(
      "internal",
      `Cannot read ${file} (${(error as Error).message}). Fix it or delete it to forget the models you added.`,
    );
  }
}

/** Adds a custom model, or replaces the one with the same id. */
export async function saveCustomModel(model: CustomModel, support?: string): Promise<void> {
  const registry = readRegistry(support);
  const models = registry.models.filter((entry) => entry.id !== model.id);
  await writeRegistry({ ...registry, models: [...models, model] }, support);
}

/** Forgets a custom model; true when it was there. */
export async function dropCustomModel(id: string, support?: string): Promise<boolean> {
  const registry = readRegistry(support);
  const kept = registry.models.filter((entry) => entry.id !== id);
  if (kept.length === registry.models.length) return false;
  const chosenId = registry.chosenId === id ? undefined : registry.chosenId;
  await writeRegistry({ version: 1, models: kept, ...(chosenId && { chosenId }) }, support);
  return true;
}

async function writeRegistry(registry: RegistryFile, support?: string): Promise<void> {
  const file = customModelsFile(support);
  await fs.mkdir(path.dirname(file), { recursive: true });
  // Readers see the old list or the new one, never half of it.
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  await fs.writeFile(temporary, `${JSON.stringify(registry, null, 2)}\n`);
  await fs.rename(temporary, file);
}

function isCustomModel(entry: unknown): entry is CustomModel {
  const model = entry as Partial<CustomModel> | null;
  return (
    typeof model?.id === "string" &&
    isCustomModelId(model.id) &&
    typeof model.repo === "string" &&
    typeof model.custom?.commit === "string" &&
    typeof model.custom.revision === "string" &&
    typeof model.chatTemplate?.systemRole === "boolean"
  );
}
