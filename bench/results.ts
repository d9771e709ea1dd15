import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export const RESULTS_DIR = path.join(__dirname, "results");

/** Keeps a benchmark's figures for `npm run bench`'s report (`bench/results/<name>.json`). */
export function saveResults(name: string, figures: Record<string, number | string | null>): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(path.join(RESULTS_DIR, `${name}.json`), `${JSON.stringify(figures, null, 2)}\n`);
}
