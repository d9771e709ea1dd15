import { createHash, type Hash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { once } from "node:events";
import { finished } from "node:stream/promises";
import { downloadFile } from "@huggingface/hub";
import { PolishError } from "../errors";
import type { HubFile } from "./hub-files";

const WRITE_BUFFER_BYTES = 1024 * 1024;

export interface FetchFileParams {
  repo: string;
  revision: string;
  file: HubFile;
  /** The repo's `blobs/` folder: the verified blob lands at `<blobs>/<blobName>`, partial bytes beside it. */
  blobsDir: string;
  hubUrl: string;
  fetch: typeof fetch;
  accessToken?: string;
  /** Called with each chunk's length as it arrives; a negative count when partial bytes are discarded. */
  onBytes: (count: number) => void;
}

/**
 * Brings one file into the blob store: resumes from the bytes already in `<blob>.incomplete` with a ranged
 * read, verifies the whole content against the Hub's id, then renames it into place. A mismatch discards the
 * partial file and throws a retryable `integrity` error.
 */
export async function fetchFile(params: FetchFileParams): Promise<void> {
  const { file } = params;
  const blob = path.join(params.blobsDir, file.blobName);
  const partial = `${blob}.incomplete`;
  await fs.mkdir(params.blobsDir, { recursive: true });

  let offset = (await fs.stat(partial).catch(() => undefined))?.size ?? 0;
  if (offset > file.size) {
    await fs.rm(partial, { force: true });
    params.onBytes(-offset);
    offset = 0;
  }
  const hash = createHash(file.digest === "sha256" ? "sha256" : "sha1");
  if (file.digest === "git-sha1") hash.update(`blob ${file.size}\0`);
  if (offset > 0) await hashFile(partial, hash);

  if (offset < file.size) {
    const remote = await downloadFile({
      repo: params.repo,
      path: file.path,
      revision: params.revision,
      hubUrl: params.hubUrl,
      fetch: params.fetch,
      accessToken: params.accessToken,
      xet: false,
    });
    if (!remote) throw new PolishError("not_found", `${file.path} is no longer in ${params.repo}.`);
    if (remote.size !== file.size) {
      throw new PolishError(
        "integrity",
        `${file.path}: the Hub serves ${remote.size} bytes, its listing says ${file.size}.`,
        {
          retryable: true,
        },
      );
    }
    offset += await appendStream(
      offset > 0 ? remote.slice(offset).stream() : remote.stream(),
      partial,
      hash,
      params.onBytes,
    );
  }
  if (offset < file.size) {
    throw new PolishError("network", `${file.path} ended early (${offset} of ${file.size} bytes).`, {
      retryable: true,
    });
  }
  const expected = file.blobName;
  const actual = hash.digest("hex");
  if (offset !== file.size || actual !== expected) {
    await fs.rm(partial, { force: true });
    params.onBytes(-offset);
    throw new PolishError("integrity", `${file.path} failed its checksum and was discarded.`, { retryable: true });
  }
  await fs.rename(partial, blob);
}

async function hashFile(file: string, hash: Hash): Promise<void> {
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
}

/** Appends a stream to a file, hashing as it goes; returns the bytes written. */
async function appendStream(
  stream: ReadableStream<Uint8Array>,
  file: string,
  hash: Hash,
  onBytes: (count: number) => void,
): Promise<number> {
  // A write stream batches the network's small chunks into large writes, off the read path.
  const out = createWriteStream(file, { flags: "a", highWaterMark: WRITE_BUFFER_BYTES });
  let written = 0;
  try {
    for await (const chunk of stream) {
      hash.update(chunk);
      written += chunk.byteLength;
      onBytes(chunk.byteLength);
      if (!out.write(chunk)) await once(out, "drain");
    }
    out.end();
    await finished(out);
  } catch (error) {
    out.destroy();
    await finished(out).catch(() => undefined);
    throw error;
  }
  return written;
}
