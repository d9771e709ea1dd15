import fs from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "./hub-cache";
import type { HubFile } from "./hub-files";

/**
 * What a completed download holds (files, sizes and the Hub's hash of each: `blobName` is the sha256 or git
 * oid, `digest` says which), kept in the support folder so a status check can tell a complete snapshot from
 * one that lost a file without reading gigabytes, and `models verify` can re-hash every byte.
 */
export interface ModelManifest {
  repo: string;
  revision: string;
  /** `digest` is absent in manifests written before it was kept: `digestOfBlobName` tells it. */
  files: (Pick<HubFile, "path" | "size" | "blobName"> & Partial<Pick<HubFile, "digest">>)[];
  /** Files `models verify` found damaged (their blobs removed): the model is corrupt until a download refetches them. */
  damaged?: string[];
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
