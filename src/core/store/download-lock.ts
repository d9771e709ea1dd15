import fs from "node:fs/promises";
import path from "node:path";
import lockfile from "proper-lockfile";
import { lockFile, readDownloadRecord } from "./download-state";
import { writeFileAtomic } from "./hub-cache";
import { currentProcess, isSameProcessAlive, type ProcessIdentity } from "../process-identity";
import { PolishError } from "../errors";

// proper-lockfile refreshes a held lock every STALE_MS / 2 (its default); one not refreshed for STALE_MS belongs
// to a dead process. Only a holder that left no owner file (killed between taking the lock and writing it)
// waits for this.
const STALE_MS = 4_000;

function ownerFile(lock: string): string {
  return `${lock}.owner.json`;
}

async function readOwner(lock: string): Promise<ProcessIdentity | undefined> {
  try {
    const owner = JSON.parse(await fs.readFile(ownerFile(lock), "utf8")) as ProcessIdentity;
    return Number.isInteger(owner.pid) ? owner : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the one-download-per-model lock shared by every process. Beside the lock sits its owner (pid and
 * process start time): a lock whose owner is dead (SIGKILL, crash) is taken over at once; one held by a live
 * process is refused with `busy`. `onLost` fires if the lock is taken from us (the machine slept past the
 * stale time), so the download stops rather than race another.
 */
export async function acquireDownloadLock(
  supportDir: string,
  modelId: string,
  onLost: (error: Error) => void,
): Promise<() => Promise<void>> {
  const file = lockFile(supportDir, modelId);
  await fs.mkdir(path.dirname(file), { recursive: true });
  const deadline = Date.now() + STALE_MS * 2;
  for (let takeovers = 0; ;) {
    try {
      const release = await lockfile.lock(file, {
        realpath: false,
        lockfilePath: file,
        stale: STALE_MS,
        onCompromised: onLost,
      });
      await writeFileAtomic(ownerFile(file), `${JSON.stringify(currentProcess())}\n`);
      return async () => {
        await fs.rm(ownerFile(file), { force: true });
        await release();
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ELOCKED") throw error;
      const owner = (await readOwner(file)) ?? (await readDownloadRecord(supportDir, modelId));
      const holderAlive = owner ? isSameProcessAlive(owner) : true;
      if (holderAlive || Date.now() > deadline) {
        const who = owner && holderAlive ? ` (process ${owner.pid})` : "";
        throw new PolishError("busy", `${modelId} is already being downloaded${who}.`, { retryable: true });
      }
      if (takeovers++ < 3 && (await readOwner(file))?.pid === owner!.pid) {
        // The owner is dead: its lock is ours now. (Racing takers: the loser's lock is compromised and it stops.)
        await fs.rm(file, { recursive: true, force: true });
        await fs.rm(ownerFile(file), { force: true });
        continue;
      }
      // A dead holder that left no owner file: its lock turns stale within STALE_MS.
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
