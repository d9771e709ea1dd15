import { Color } from "@raycast/api";
import type { ModelRow } from "./useMlxModels";
import { adviceFor } from "../raycast/advice";
import { formatPercent, formatProgress } from "../raycast/format";

/** The status tag of a model in the list: "Downloading 42% · 12 MB/s · 1 min left", "Ready", "Loaded"… */
export function statusTag(row: ModelRow): { value: string; color: Color } {
  const { status } = row;
  switch (status.kind) {
    case "not_downloaded":
      return { value: "Not Downloaded", color: Color.SecondaryText };
    case "downloading":
      return { value: `Downloading ${formatProgress(status.progress)}`, color: Color.Blue };
    case "partial":
      return { value: `Paused ${formatPercent(status.downloadedBytes, status.totalBytes)}`, color: Color.Yellow };
    case "ready":
      if (row.activity === "loading") return { value: "Loading…", color: Color.Blue };
      if (row.activity === "generating") return { value: "Polishing…", color: Color.Purple };
      return row.loaded ? { value: "Loaded", color: Color.Purple } : { value: "Ready", color: Color.Green };
    case "failed":
      return { value: "Failed", color: Color.Red };
    case "corrupt":
      return { value: "Corrupt", color: Color.Orange };
  }
}

/** For a failed or corrupt model: what happened and what to do, in a sentence or two. */
export function statusAdvice(row: ModelRow): string | undefined {
  const { status } = row;
  if (status.kind === "failed") {
    const advice = adviceFor(status.code, row.model.title);
    return `${advice.title}. ${advice.hint}`;
  }
  // Corrupt files are repaired like a failed integrity check: Retry Download fetches only the bad ones.
  if (status.kind === "corrupt") return `Some files are damaged. ${adviceFor("integrity", row.model.title).hint}`;
  return undefined;
}

/** The last error to show in the detail pane, if any. */
export function lastError(row: ModelRow): string | undefined {
  if (row.status.kind === "failed" || row.status.kind === "corrupt") return row.status.message;
  return undefined;
}
