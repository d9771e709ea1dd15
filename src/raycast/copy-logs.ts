import { Clipboard, environment, showHUD } from "@raycast/api";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { HELPER_LOG_FILE } from "../core";

/** Enough of the helper's log to show why it failed, short enough to paste into an issue. */
const LOG_LINES = 80;

/** Copies what went wrong and the end of the helper's log, for a bug report. */
export async function copyLogs(summary: string): Promise<void> {
  const log = await readFile(path.join(environment.supportPath, HELPER_LOG_FILE), "utf8").catch(() => "");
  const tail = log.trimEnd().split("\n").slice(-LOG_LINES).join("\n");
  await Clipboard.copy(tail ? `${summary}\n\n${HELPER_LOG_FILE} (last lines):\n${tail}` : summary);
  await showHUD("Copied logs");
}
