/**
 * Real models in a temporary Hugging Face cache, for polishing tests: a tiny generated model placed at a
 * catalogue model's repo in the standard layout (`models--org--name/snapshots/<sha>` + `refs/main`).
 */
import { cp, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { findModel } from "../../../src/core";
import { tinyModel, type TinyModelFamily, type TinyModelSize } from "../../support/tiny-model";

const REVISION = "0123456789abcdef0123456789abcdef01234567";

export interface CachedModelParams {
  cacheDir: string;
  modelId: string;
  family?: TinyModelFamily;
  size?: TinyModelSize;
  /** Replaces the weights with bytes mlx-lm cannot read. */
  corruptWeights?: boolean;
}

/** Puts a tiny real model where the store looks for `modelId`; returns its snapshot folder. */
export async function cachedModel({
  cacheDir,
  modelId,
  family,
  size,
  corruptWeights,
}: CachedModelParams): Promise<string> {
  const model = findModel(modelId);
  const repoFolder = path.join(cacheDir, `models--${model.repo.replace("/", "--")}`);
  const snapshot = path.join(repoFolder, "snapshots", REVISION);
  await mkdir(path.join(repoFolder, "refs"), { recursive: true });
  await cp(await tinyModel(family ?? (model.family === "gemma3" ? "gemma3" : "qwen3"), size), snapshot, {
    recursive: true,
  });
  if (corruptWeights) await writeFile(path.join(snapshot, "model.safetensors"), "not a safetensors file");
  await writeFile(path.join(repoFolder, "refs", "main"), REVISION);
  return snapshot;
}

/** A fresh support folder and Hub cache for one test. */
export async function polishFolders(): Promise<{ supportDir: string; cacheDir: string }> {
  const root = await mkdtemp(path.join(os.tmpdir(), "mlx-polish-"));
  return { supportDir: path.join(root, "support"), cacheDir: path.join(root, "hub") };
}
