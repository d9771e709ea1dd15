/**
 * `npm run eval`: how faithful and how useful the rewrites are, through the same `polish()` the user gets.
 *
 *   npm run eval                                   # Linux: SmolLM2-135M (converted from PyPI); Mac: the default model
 *   npm run eval -- --model all                    # every downloaded catalogue model, one table each
 *   npm run eval -- --model qwen3-0.6b --style email --cases numbers,question --json
 *   npm run eval -- --rescore eval/results/smollm2-135m.json   # score saved results again, no model
 *   npm run eval -- --rescore eval/results/smollm2-135m.json --rejudge   # …with today's faithfulness check
 *
 * Writes `eval/results/<label>.json` (every case's text and figures) and, for a full run, the report:
 * `eval/REPORT.md` for SmolLM2, `eval/results/<label>.md` for a catalogue model.
 * `--json` prints the scored run as JSON on stdout instead of the summary.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  CATALOG,
  findModel,
  getModelState,
  isAppleSilicon,
  polish,
  saveCustomModel,
  stopHelper,
  type CustomModel,
  type PolishResult,
} from "../src/core";
import { smollm2Model } from "../scripts/smollm2-model";
import { caseVocabulary, readCases, selectCases, type EvalCase } from "./cases";
import type { RunRecord } from "./score";

const RESULTS_DIR = path.join(__dirname, "results");
export const SMOLLM2_LABEL = "smollm2-135m";

interface Target {
  /** Catalogue id polish() is called with. */
  modelId: string;
  /** Name in file names and the report. */
  label: string;
  title: string;
  cacheDir?: string;
  /** A model added by repo id (`models add`): the eval's own support folder must know it too. */
  custom?: CustomModel;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      model: { type: "string" },
      style: { type: "string" },
      cases: { type: "string" },
      json: { type: "boolean", default: false },
      rescore: { type: "string" },
      rejudge: { type: "boolean", default: false },
      report: { type: "string" },
      label: { type: "string" },
    },
  });
  if (values.rescore) {
    const saved = JSON.parse(readFileSync(values.rescore, "utf8")) as RunRecord;
    const run = values.rejudge ? (await import("./rejudge")).rejudgeRun(saved, readCases()) : saved;
    await finish(run, values.json, values.report);
    return;
  }
  const cases = selectCases(readCases(), values.cases, values.style);
  if (cases.length === 0) throw new Error("No case matches --cases/--style.");
  const full = !values.cases && !values.style;
  for (const target of await targets(values.model, values.label)) {
    const run = await evaluate(target, cases);
    mkdirSync(RESULTS_DIR, { recursive: true });
    const resultsFile = path.join(RESULTS_DIR, `${target.label}.json`);
    writeFileSync(resultsFile, `${JSON.stringify(run, null, 2)}\n`);
    formatForRepo(resultsFile);
    // The committed report is SmolLM2's; other models' reports land next to their results.
    const report =
      target.label === SMOLLM2_LABEL ? path.join(__dirname, "REPORT.md") : path.join(RESULTS_DIR, `${target.label}.md`);
    await finish(run, values.json, values.report ?? (full ? report : undefined));
  }
}

/** Which models to run: on Linux SmolLM2 stands in (MLX on the CPU); on a Mac the catalogue's own. */
async function targets(model: string | undefined, label: string | undefined): Promise<Target[]> {
  if (!model && !isAppleSilicon()) {
    const smollm2 = await smollm2Model();
    return [
      {
        modelId: smollm2.modelId,
        label: label ?? SMOLLM2_LABEL,
        title: "SmolLM2-135M-Instruct (float16, from PyPI)",
        cacheDir: smollm2.cacheDir,
      },
    ];
  }
  const ids = model === "all" ? CATALOG.map((entry) => entry.id) : [model ?? CATALOG[0].id];
  const ready: Target[] = [];
  for (const id of ids) {
    const entry = findModel(id);
    const state = await getModelState(entry.id);
    if (state.status.kind !== "ready") {
      console.error(`eval: skipping ${id}: not downloaded (npm run --silent cli -- models download ${id})`);
      continue;
    }
    ready.push({
      modelId: entry.id,
      label: label ?? entry.id,
      title: entry.title,
      ...(entry.custom && { custom: { ...entry, custom: entry.custom } }),
    });
  }
  return ready;
}

/** What decides a case's cached prompt prefix: cases sharing it run one after another. */
function caseOrder(item: EvalCase): string {
  return [item.style, item.instructions ?? "", ...(item.vocabulary ?? [])].join("\u0000");
}

/** Polishes every case in turn, grouped by prompt prefix (style, instructions, vocabulary) so the helper's cache stays warm. */
async function evaluate(target: Target, cases: EvalCase[]): Promise<RunRecord> {
  const ordered = [...cases].sort((a, b) => caseOrder(a).localeCompare(caseOrder(b)));
  // A helper of our own, apart from the user's (its socket and log live in this folder).
  const supportDir = mkdtempSync(path.join(os.tmpdir(), "mlx-polish-eval-"));
  if (target.custom) await saveCustomModel(target.custom, supportDir);
  const startedAt = Date.now();
  const results: RunRecord["results"] = [];
  try {
    for (const [index, item] of ordered.entries()) {
      // The model's own words before the faithfulness check, so a changed check can be replayed (`--rejudge`).
      // A polish that falls back shows the dictation again last: that is not the model's rewrite.
      let rewrite = item.input;
      const result: PolishResult = await polish({
        onText: (text) => {
          if (text !== item.input) rewrite = text;
        },
        text: item.input,
        modelId: target.modelId,
        style: item.style,
        customInstructions: item.instructions,
        vocabulary: caseVocabulary(item),
        cacheDir: target.cacheDir,
        supportDir,
        unloadAfterSeconds: null,
      });
      results.push({ id: item.id, result, rewrite });
      if (!process.stdout.isTTY || index % 10 === 9) {
        console.error(
          `eval: ${index + 1}/${ordered.length} ${item.id} ${outcomeOf(result)} ${Math.round(result.timings.totalMs)} ms`,
        );
      }
    }
  } finally {
    await stopHelper({ supportDir });
  }
  return {
    model: target.modelId,
    label: target.label,
    title: target.title,
    platform: `${process.platform}/${process.arch}`,
    startedAt: new Date(startedAt).toISOString(),
    wallMs: Date.now() - startedAt,
    results,
  };
}

function outcomeOf(result: PolishResult): string {
  return result.polished ? ((result as { outcome?: string }).outcome ?? "polished") : `fallback:${result.reason}`;
}

async function finish(run: RunRecord, json: boolean, reportFile: string | undefined): Promise<void> {
  // Loaded late: a long run's results are saved even if scoring then fails, and can be re-scored.
  const { scoreRun, summaryLine } = await import("./score");
  const { writeReport } = await import("./report");
  const scored = scoreRun(run, readCases());
  if (json) process.stdout.write(`${JSON.stringify(scored, null, 2)}\n`);
  else console.log(summaryLine(scored));
  if (reportFile) {
    writeReport(reportFile, scored);
    formatForRepo(reportFile);
  }
}

/** What the eval writes is committed: Prettier-format it, so `npm test`'s Prettier check stays green. */
function formatForRepo(file: string): void {
  const prettier = path.join(__dirname, "..", "node_modules", ".bin", "prettier");
  spawnSync(prettier, ["--log-level", "warn", "--write", file], { stdio: "inherit" });
}

main().catch((error) => {
  console.error(`eval: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
