import fs from "node:fs/promises";
import path from "node:path";
import { listTree, removeEmptyFolders, type RepoCache } from "./hub-cache";

/**
 * Removes one snapshot (and `refs/main` when asked), then every blob and partial file no remaining snapshot
 * links, then the folders left empty. Blobs another snapshot still links stay.
 */
export async function removeRevision(
  cache: RepoCache,
  params: { revision?: string; removeRef: boolean },
): Promise<void> {
  if (params.revision) await fs.rm(path.join(cache.snapshots, params.revision), { recursive: true, force: true });
  if (params.removeRef) await fs.rm(cache.refMain, { force: true });
  const linked = new Set<string>();
  for (const relative of await listTree(cache.snapshots)) {
    const target = await fs.readlink(path.join(cache.snapshots, relative)).catch(() => undefined);
    if (target) linked.add(path.basename(target));
  }
  for (const name of await fs.readdir(cache.blobs).catch(() => [] as string[])) {
    if (!linked.has(name)) await fs.rm(path.join(cache.blobs, name), { force: true });
  }
  await removeEmptyFolders(cache.root);
}
