import fs from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "./hub-cache";
import type { ErrorCode } from "../errors";

/** Live figures of a download in flight. */
export interface DownloadProgress {
  downloadedBytes: number;
  totalBytes: number;
  /** Bytes per second, smoothed. */
  bytesPerSecond: number;
  /** Seconds left at the current speed; undefined until the speed is known. */
  etaSeconds?: number;
}

/**
 * The shared download state: one small JSON file per model in the support folder, written atomically by
 * the process that holds the model's download lock, read by every other process (Raycast after reopening,
 * the CLI) to show live progress, a failure, or to ask for a cancel.
 */
export interface DownloadRecord {
  modelId: string;
  pid: number;
  /** The writer's process start time (see `ProcessIdentity`), so a reused pid is not taken for it. */
  startTime?: string;
  status: "downloading" | "failed";
  revision?: string;
  progress?: DownloadProgress;
  error?: { code: ErrorCode; message: string; retryable: boolean };
  updatedAt: number;
}

function stateFolder(supportDir: string): string {
  return path.join(supportDir, "downloads");
}

function recordFile(supportDir: string, modelId: string): string {
  return path.join(stateFolder(supportDir), `${modelId}.json`);
}

export function cancelMarkerFile(supportDir: string, modelId: string): string {
  return path.join(stateFolder(supportDir), `${modelId}.cancel`);
}

export function lockFile(supportDir: string, modelId: string): string {
  return path.join(supportDir, "locks", `${modelId}.lock`);
}

export async function readDownloadRecord(supportDir: string, modelId: string): Promise<DownloadRecord | undefined> {
  try {
    return JSON.parse(await fs.readFile(recordFile(supportDir, modelId), "utf8")) as DownloadRecord;
  } catch {
    return undefined;
  }
}

export async function writeDownloadRecord(supportDir: string, record: DownloadRecord): Promise<void> {
  await writeFileAtomic(recordFile(supportDir, record.modelId), `${JSON.stringify(record)}\n`);
}

export async function clearDownloadRecord(supportDir: string, modelId: string): Promise<void> {
  await fs.rm(recordFile(supportDir, modelId), { force: true });
  await fs.rm(cancelMarkerFile(supportDir, modelId), { force: true });
}
