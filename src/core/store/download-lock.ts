import fs from "node:fs/promises";
import path from "node:path";
import lockfile from "proper-lockfile";
import { lockFile, readDownloadRecord } from "./download-state";
import { isProcessAlive } from "../is-process-alive";
import { PolishError } from "../errors";

// proper-lockfile refreshes a held lock every STALE_MS / 2 (its default); one not refreshed for
// STALE_MS belongs to a dead process.
const STALE_MS = 4_000;

/**
 * Takes the one-download-per-model lock shared by every process. A lock whose holder died (SIGKILL, crash) is
 * taken over once stale; one held by a live process is refused with `busy`. `onLost` fires if the lock is
 * taken from us (the machine slept past the stale time), so the download stops rather than race another.
 */
export async function acquireDownloadLock(
  supportDir: string,
  modelId: string,
  onLost: (error: Error) => void,
): Promise<() => Promise<void>> {
  const file = lockFile(supportDir, modelId);
  await fs.mkdir(path.dirname(file), { recursive: true });
  const deadline = Date.now() + STALE_MS * 2;
  for (;;) {
    try {
      return await lockfile.lock(file, { realpath: false, lockfilePath: file, stale: STALE_MS, onCompromised: onLost });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ELOCKED") throw error;
      const record = await readDownloadRecord(supportDir, modelId);
      const holderAlive = record ? isProcessAlive(record.pid) : true;
      if (holderAlive || Date.now() > deadline) {
        const who = record && holderAlive ? ` (process ${record.pid})` : "";
        throw new PolishError("busy", `${modelId} is already being downloaded${who}.`, { retryable: true });
      }
      // The holder is dead: its lock turns stale within STALE_MS.
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
