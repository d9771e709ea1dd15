import fs from "node:fs/promises";
import path from "node:path";
import type { ModelManifest } from "./model-manifest";

/**
 * Why a snapshot mlx-lm would load is incomplete, or undefined when it looks whole. With our manifest every
 * file and size is checked; a snapshot fetched by `mlx_lm`/the `hf` CLI is checked for what loading needs.
 */
export async function snapshotProblem(snapshot: string, manifest?: ModelManifest): Promise<string | undefined> {
  if (manifest) {
    if (manifest.damaged?.length) {
      return `${manifest.damaged.join(", ")} failed the checksum check; Retry Download fetches only ${manifest.damaged.length === 1 ? "it" : "them"}.`;
    }
    for (const file of manifest.files) {
      const size = await fileSize(path.join(snapshot, file.path));
      if (size === undefined) return `${file.path} is missing.`;
      if (size !== file.size) return `${file.path} has ${size} bytes, expected ${file.size}.`;
    }
    return undefined;
  }
  if ((await fileSize(path.join(snapshot, "config.json"))) === undefined) return "config.json is missing.";
  const weights = await weightFiles(snapshot);
  if (weights.length === 0) return "No model*.safetensors weights.";
  for (const weight of weights) {
    if ((await fileSize(path.join(snapshot, weight))) === undefined) return `${weight} is missing.`;
  }
  return undefined;
}

async function weightFiles(snapshot: string): Promise<string[]> {
  try {
    const index = JSON.parse(await fs.readFile(path.join(snapshot, "model.safetensors.index.json"), "utf8"));
    return [...new Set(Object.values(index.weight_map ?? {}) as string[])];
  } catch {
    const names = await fs.readdir(snapshot).catch(() => [] as string[]);
    return names.filter((name) => /^model.*\.safetensors$/.test(name));
  }
}

/** Size of the file a path leads to (following the snapshot's symlink); undefined when it leads nowhere. */
async function fileSize(file: string): Promise<number | undefined> {
  const stat = await fs.stat(file).catch(() => undefined);
  return stat?.isFile() ? stat.size : undefined;
}
