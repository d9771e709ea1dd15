import fs from "node:fs/promises";
import path from "node:path";
import { HELPER_LOG_FILE } from "../helper";
import { DOWNLOAD_LOG_FILE } from "../store";

/** The newest failure a log in the support folder records, reduced to what is safe to paste. */
export interface LoggedFailure {
  source: typeof HELPER_LOG_FILE | typeof DOWNLOAD_LOG_FILE;
  /** The log line's own time stamp, as written. */
  at: string;
  /** What failed: a helper request (`generate`, `load`, …) or `download <model id>`. */
  what: string;
  /** The error code (the helper's wire code, or the core's for a download). */
  code: string;
  /**
   * The download's error message (tokens masked). Null for the helper: its messages may quote a
   * request, so only the code is kept.
   */
  message: string | null;
}

/** Only the end of a log is read: the newest lines are the ones that matter. */
const TAIL_BYTES = 256 * 1024;

// `2026-12-06 21:00:00,123 INFO mlx_polish_helper.engine: generate 7f3a failed: model_not_found: …`,
// or an ERROR line from a crash (`request 7f3a failed`, the traceback below it).
const HELPER_FAILURE =
  /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:,\d+)?) (INFO|WARNING|ERROR|CRITICAL) [\w.]+: (\w+) \S+ failed(?:: (\w+):)?/;
// `2026-12-06T21:00:00.000Z download qwen3-0.6b: network: Could not reach the Hub …`
const DOWNLOAD_FAILURE = /^(\S+) download ([\w.-]+): (\w+): (.*)$/;
const TOKEN = /\bhf_[A-Za-z0-9]{6,}\b/g;

/** The newest failure in `helper.log` and `download-worker.log`, or undefined when neither has one. */
export async function readLastFailure(supportDir: string): Promise<LoggedFailure | undefined> {
  const [helper, download] = await Promise.all([
    lastMatch(path.join(supportDir, HELPER_LOG_FILE), helperFailure),
    lastMatch(path.join(supportDir, DOWNLOAD_LOG_FILE), downloadFailure),
  ]);
  if (!helper || !download) return helper ?? download;
  return timeOf(helper) >= timeOf(download) ? helper : download;
}

function helperFailure(line: string): LoggedFailure | undefined {
  const match = HELPER_FAILURE.exec(line);
  if (!match) return undefined;
  const [, at, , what, code] = match;
  return { source: HELPER_LOG_FILE, at, what, code: code ?? "internal", message: null };
}

function downloadFailure(line: string): LoggedFailure | undefined {
  const match = DOWNLOAD_FAILURE.exec(line);
  if (!match) return undefined;
  const [, at, modelId, code, message] = match;
  return {
    source: DOWNLOAD_LOG_FILE,
    at,
    what: `download ${modelId}`,
    code,
    message: message.replace(TOKEN, "hf_***"),
  };
}

async function lastMatch(
  file: string,
  parse: (line: string) => LoggedFailure | undefined,
): Promise<LoggedFailure | undefined> {
  const lines = (await readTail(file)).split("\n");
  for (let index = lines.length - 1; index >= 0; index--) {
    const failure = parse(lines[index]);
    if (failure) return failure;
  }
  return undefined;
}

async function readTail(file: string): Promise<string> {
  const handle = await fs.open(file, "r").catch(() => undefined);
  if (!handle) return "";
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return buffer.toString("utf8");
  } finally {
    await handle.close();
  }
}

/** Python's logging writes local time with a comma before the milliseconds; the worker writes ISO UTC. */
function timeOf(failure: LoggedFailure): number {
  const time = Date.parse(failure.at.replace(" ", "T").replace(",", "."));
  return Number.isNaN(time) ? 0 : time;
}
