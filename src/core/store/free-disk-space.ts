import fs from "node:fs/promises";
import path from "node:path";

/** Free bytes (for an unprivileged writer) on the volume that holds `folder`, or would hold it once created. */
export async function freeDiskSpace(folder: string): Promise<number> {
  let existing = path.resolve(folder);
  for (;;) {
    try {
      const stats = await fs.statfs(existing);
      return stats.bavail * stats.bsize;
    } catch (error) {
      const parent = path.dirname(existing);
      if ((error as NodeJS.ErrnoException).code !== "ENOENT" || parent === existing) throw error;
      existing = parent;
    }
  }
}
