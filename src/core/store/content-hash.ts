import { createHash, type Hash } from "node:crypto";
import type { HubFile } from "./hub-files";

/**
 * A running hash of a file's content, as the Hub names it: sha256 of the bytes for LFS files, git's sha1 of
 * `blob <size>\0<bytes>` for the small ones. Its hex digest equals the file's `blobName` when the bytes are right.
 */
export function createContentHash(file: Pick<HubFile, "digest" | "size">): Hash {
  const hash = createHash(file.digest === "sha256" ? "sha256" : "sha1");
  if (file.digest === "git-sha1") hash.update(`blob ${file.size}\0`);
  return hash;
}

/** How a blob named `blobName` is checked, from the name alone (the cache names blobs by their hash). */
export function digestOfBlobName(blobName: string): HubFile["digest"] | undefined {
  if (/^[0-9a-f]{64}$/.test(blobName)) return "sha256";
  if (/^[0-9a-f]{40}$/.test(blobName)) return "git-sha1";
  return undefined;
}
