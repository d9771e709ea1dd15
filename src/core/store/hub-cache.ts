import fs from "node:fs/promises";
import path from "node:path";
import { getRepoFolderName } from "@huggingface/hub";

/**
 * The Hugging Face cache layout, as `huggingface_hub` writes it:
 * `models--org--name/{blobs/<oid>, snapshots/<commit>/<file> → ../../blobs/<oid>, refs/main}`.
 */
export interface RepoCache {
  root: string;
  blobs: string;
  snapshots: string;
  /** The ref file marking the complete commit: `refs/main`, or `refs/<revision>` for a model added at another revision. */
  refMain: string;
}

export function repoCache(cacheDir: string, repo: string, ref = "main"): RepoCache {
  const root = path.join(cacheDir, getRepoFolderName({ name: repo, type: "model" }));
  return {
    root,
    blobs: path.join(root, "blobs"),
    snapshots: path.join(root, "snapshots"),
    refMain: path.join(root, "refs", ...ref.split("/")),
  };
}

/** The commit the ref file (`refs/main`) marks as completely downloaded, if any. */
export async function readRefMain(cache: RepoCache): Promise<string | undefined> {
  try {
    const commit = (await fs.readFile(cache.refMain, "utf8")).trim();
    return commit || undefined;
  } catch {
    return undefined;
  }
}

/** Writes a file so readers see the old or the new content, never half of it. */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  await fs.writeFile(temporary, content);
  await fs.rename(temporary, file);
}

/** Every regular file under a folder, as paths relative to it (symlinks included, not followed). */
export async function listTree(folder: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(folder, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => !entry.isDirectory())
      .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)));
  } catch {
    return [];
  }
}

/** Sum of the sizes of the regular files under a folder (blobs and partial files; symlinks count zero). */
export async function treeSize(folder: string): Promise<number> {
  let total = 0;
  for (const relative of await listTree(folder)) {
    const stat = await fs.lstat(path.join(folder, relative)).catch(() => undefined);
    // A partial file fetched over several connections has holes: count what is allocated, never more than its size.
    if (stat?.isFile()) total += stat.blocks > 0 ? Math.min(stat.size, stat.blocks * 512) : stat.size;
  }
  return total;
}

/** Removes empty folders bottom-up, the root included when it ends up empty. Never removes a file. */
export async function removeEmptyFolders(folder: string): Promise<boolean> {
  let entries;
  try {
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch {
    return false;
  }
  let empty = true;
  for (const entry of entries) {
    if (entry.isDirectory() && (await removeEmptyFolders(path.join(folder, entry.name)))) continue;
    empty = false;
  }
  if (empty) await fs.rmdir(folder).catch(() => undefined);
  return empty;
}
