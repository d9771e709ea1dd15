import fs from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "./hub-cache";
import type { HubFile } from "./hub-files";

/**
 * What a completed download holds (files and sizes), kept in the support folder so a status check can tell a
 * complete snapshot from one that lost a file, without reading gigabytes.
 */
export interface ModelManifest {
  repo: string;
  revision: string;
  files: Pick<HubFile, "path" | "size" | "blobName">[];
}

function manifestFile(supportDir: string, modelId: string): string {
  return path.join(supportDir, "manifests", `${modelId}.json`);
}

export async function readManifest(supportDir: string, modelId: string): Promise<ModelManifest | undefined> {
  try {
    return JSON.parse(await fs.readFile(manifestFile(supportDir, modelId), "utf8")) as ModelManifest;
  } catch {
    return undefined;
  }
}

export async function writeManifest(supportDir: string, modelId: string, manifest: ModelManifest): Promise<void> {
  await writeFileAtomic(manifestFile(supportDir, modelId), `${JSON.stringify(manifest)}\n`);
}

export async function removeManifest(supportDir: string, modelId: string): Promise<void> {
  await fs.rm(manifestFile(supportDir, modelId), { force: true });
}
