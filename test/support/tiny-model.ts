/**
 * Real mlx-lm model folders for tests, made by the helper's own generator
 * (helper/tools/make_tiny_model.py: random weights, a locally trained BPE tokenizer, the family's chat
 * template). Each is made once and cached under the repo's `.tmp/`, keyed by the generator's content, so
 * editing the generator remakes it.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";

export type TinyModelFamily = "qwen3" | "gemma3";
/** `tiny`: a few hundred kB, for tests; `bench`: ~80 M parameters, for benchmarks. */
export type TinyModelSize = "tiny" | "bench";

const root = path.resolve(__dirname, "..", "..");
const generator = path.join(root, "helper", "tools", "make_tiny_model.py");
const python = path.join(root, "helper", ".venv", "bin", "python");

/** The folder of a generated model of this family and size (made on first use); `mlx_lm.load` takes it. */
export async function tinyModel(family: TinyModelFamily, size: TinyModelSize = "tiny"): Promise<string> {
  const version = createHash("sha256")
    .update(await readFile(generator))
    .digest("hex")
    .slice(0, 12);
  const folder = path.join(root, ".tmp", "tiny-models", `${family}-${size}-${version}`);
  if (existsSync(path.join(folder, "config.json"))) return folder;
  if (!existsSync(python)) {
    throw new Error(`tinyModel needs the helper's Python environment: run \`npm run setup:python\` (${python}).`);
  }
  // Jest workers may race to make the same model: each writes its own folder, the first rename wins.
  const staging = `${folder}.${process.pid}-${Math.random().toString(16).slice(2)}`;
  await promisify(execFile)(python, [generator, "--family", family, "--size", size, "--out", staging]);
  try {
    await rename(staging, folder);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (!existsSync(path.join(folder, "config.json"))) throw error;
  }
  return folder;
}
