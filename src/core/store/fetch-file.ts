import fs from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import { createContentHash } from "./content-hash";
import { PolishError } from "../errors";
import type { HubFile } from "./hub-files";

/** Files at least twice this size are fetched over several ranged connections, one per segment. */
export const DEFAULT_SEGMENT_BYTES = 64 * 1024 * 1024;
/** Connections per file, as hf_transfer does: one TCP stream rarely fills a fast link to a CDN. */
export const DEFAULT_CONNECTIONS = 4;
/**
 * Bytes gathered from a connection before one write at their offset; the resume record is updated after each
 * write, so a SIGKILL loses at most this much per connection.
 */
export const CHUNK_BYTES = 1024 * 1024;
// Past this much unwritten data a connection is paused until its write lands.
const MAX_BUFFERED_BYTES = 2 * CHUNK_BYTES;
// The hasher is woken at most this often (in bytes of newly contiguous data), and hashes files this small inline.
const HASH_STEP_BYTES = 4 * CHUNK_BYTES;
const INLINE_HASH_BYTES = 16 * 1024 * 1024;
const MAX_REDIRECTS = 5;
const RECORD_BYTES = 16;

export interface FetchFileParams {
  repo: string;
  revision: string;
  file: HubFile;
  /** The repo's `blobs/` folder: the verified blob lands at `<blobs>/<blobName>`, partial bytes beside it. */
  blobsDir: string;
  hubUrl: string;
  accessToken?: string;
  /** Aborting it stops every connection; what was written stays for the resume. */
  signal: AbortSignal;
  /** Called with each chunk's length as it arrives; a negative count when partial bytes are discarded. */
  onBytes: (count: number) => void;
  /** Told the status (and `Retry-After`) of an unsuccessful HTTP answer, for the retry decision. */
  onFailedResponse?: (status: number, retryAfterMs: number | undefined) => void;
  /** Least size of a segment (default 64 MiB); tests make it small to see several connections on small files. */
  segmentBytes?: number;
  /** Most connections for one file (default 4). */
  connections?: number;
}

/** One range of the file and how far its bytes are on disk. */
interface Segment {
  start: number;
  end: number;
  written: number;
}

/**
 * Brings one file into the blob store. Large files are split into segments fetched by parallel ranged
 * connections and written at their offsets; a small record beside the partial file (`<blob>.incomplete.segments`)
 * keeps each segment's progress, so a new process resumes every connection where its last write landed. A
 * worker thread hashes the file in order as contiguous bytes land, so hashing never holds up a socket. The
 * whole content is verified against the Hub's id before the rename into place; a mismatch discards the
 * partial file and throws a retryable `integrity` error.
 */
export async function fetchFile(params: FetchFileParams): Promise<void> {
  const { file } = params;
  const blob = path.join(params.blobsDir, file.blobName);
  const partial = `${blob}.incomplete`;
  const record = `${partial}.segments`;
  await fs.mkdir(params.blobsDir, { recursive: true });

  const segments = await loadSegments(partial, record, file.size, params);
  const handle = await fs.open(partial, (await exists(partial)) ? "r+" : "w+");
  const recordHandle = segments.length > 1 ? await fs.open(record, (await exists(record)) ? "r+" : "w+") : undefined;
  const hasher = new OrderedHasher(partial, file);
  let received = segments.reduce((sum, segment) => sum + segment.written - segment.start, 0);
  let recordWrites = Promise.resolve();
  try {
    if (recordHandle)
      for (const [index, segment] of segments.entries()) await saveSegment(recordHandle, index, segment);
    const advance = () => hasher.advance(contiguousEnd(segments));
    advance();
    const stop = new AbortController();
    const signal = AbortSignal.any([params.signal, stop.signal]);
    let firstError: unknown;
    const onWritten = (index: number, count: number) => {
      received += count;
      // Recorded after every write: a SIGKILL costs each connection only what it held in memory (< a chunk).
      if (recordHandle) {
        const entry = { ...segments[index] };
        recordWrites = recordWrites.then(() => saveSegment(recordHandle, index, entry));
      }
      advance();
    };
    await Promise.allSettled(
      segments.map(async (segment, index) => {
        if (segment.written >= segment.end) return;
        try {
          await fetchSegment({ params, segment, handle, signal, onWritten: (count) => onWritten(index, count) });
        } catch (error) {
          // One connection failed: the others stop too (keeping what they wrote), and the retry resumes them all.
          if (!stop.signal.aborted || params.signal.aborted) firstError ??= error;
          stop.abort();
        }
      }),
    );
    if (firstError !== undefined || params.signal.aborted) throw firstError ?? params.signal.reason;
    await recordWrites;
  } catch (error) {
    hasher.cancel();
    await recordWrites;
    await recordHandle?.sync().catch(() => undefined);
    await recordHandle?.close();
    await handle.close();
    throw error;
  }
  await recordHandle?.close();
  await handle.close();
  const actual = await hasher.finish(file.size);
  if (received !== file.size || actual !== file.blobName) {
    await discard(partial, record);
    params.onBytes(-received);
    throw new PolishError("integrity", `${file.path} failed its checksum and was discarded.`, { retryable: true });
  }
  await fs.rename(partial, blob);
  await fs.rm(record, { force: true });
}

/** Bytes of `file` already on disk from an interrupted download (what a resume starts from). */
export async function partialBytes(blobsDir: string, file: Pick<HubFile, "blobName" | "size">): Promise<number> {
  const partial = path.join(blobsDir, `${file.blobName}.incomplete`);
  const record = await readRecord(`${partial}.segments`, file.size);
  if (record) return record.reduce((sum, segment) => sum + segment.written - segment.start, 0);
  return Math.min((await fs.stat(partial).catch(() => undefined))?.size ?? 0, file.size);
}

/** The segments to fetch, with what is already on disk; anything inconsistent is discarded and started over. */
async function loadSegments(
  partial: string,
  record: string,
  size: number,
  params: FetchFileParams,
): Promise<Segment[]> {
  const saved = (await exists(partial)) ? await readRecord(record, size) : undefined;
  if (saved) return saved;
  const onDisk = (await fs.stat(partial).catch(() => undefined))?.size ?? 0;
  if (onDisk > size) {
    await discard(partial, record);
    params.onBytes(-onDisk);
  } else if (onDisk > 0) {
    // A partial file without a record was written front to back by one connection: it resumes as one.
    return [{ start: 0, end: size, written: onDisk }];
  }
  await fs.rm(record, { force: true });
  return planSegments(size, params.segmentBytes ?? DEFAULT_SEGMENT_BYTES, params.connections ?? DEFAULT_CONNECTIONS);
}

function planSegments(size: number, segmentBytes: number, connections: number): Segment[] {
  const count = Math.max(1, Math.min(connections, Math.floor(size / segmentBytes)));
  // Segment bounds on chunk boundaries, so every write but the last of each segment is a whole chunk.
  const step = Math.ceil(size / count / CHUNK_BYTES) * CHUNK_BYTES;
  const segments: Segment[] = [];
  for (let start = 0; start < size || segments.length === 0; start += step) {
    const end = Math.min(size, start + step);
    segments.push({ start, end, written: start });
  }
  return segments;
}

async function readRecord(record: string, size: number): Promise<Segment[] | undefined> {
  const bytes = await fs.readFile(record).catch(() => undefined);
  if (!bytes || bytes.length === 0 || bytes.length % RECORD_BYTES !== 0) return undefined;
  const segments: Segment[] = [];
  for (let offset = 0; offset < bytes.length; offset += RECORD_BYTES) {
    const start = segments.at(-1)?.end ?? 0;
    const written = bytes.readDoubleLE(offset + 8);
    const end = bytes.readDoubleLE(offset);
    if (end <= start || end > size || !(written >= start && written <= end)) return undefined;
    segments.push({ start, end, written });
  }
  return segments.at(-1)?.end === size ? segments : undefined;
}

/** One fixed-size entry per segment (its end and how far it is written), rewritten in place after each write. */
async function saveSegment(handle: fs.FileHandle, index: number, segment: Segment): Promise<void> {
  const entry = Buffer.allocUnsafe(RECORD_BYTES);
  entry.writeDoubleLE(segment.end, 0);
  entry.writeDoubleLE(segment.written, 8);
  await handle.write(entry, 0, RECORD_BYTES, index * RECORD_BYTES).catch(() => undefined);
}

/** End of the bytes written without a gap from the start of the file. */
function contiguousEnd(segments: Segment[]): number {
  for (const segment of segments) if (segment.written < segment.end) return segment.written;
  return segments.at(-1)!.end;
}

interface SegmentFetch {
  params: FetchFileParams;
  segment: Segment;
  handle: fs.FileHandle;
  signal: AbortSignal;
  onWritten: (count: number) => void;
}

/** Fetches the rest of one segment with a ranged GET, writing large batches at their offsets. */
async function fetchSegment({ params, segment, handle, signal, onWritten }: SegmentFetch): Promise<void> {
  const { file } = params;
  const url = `${params.hubUrl}/${params.repo}/resolve/${params.revision}/${file.path.split("/").map(encodeURIComponent).join("/")}`;
  const response = await get(url, `bytes=${segment.written}-${segment.end - 1}`, params, signal);
  const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(response.headers["content-range"] ?? "");
  const total = range?.[3] === "*" ? undefined : Number(range?.[3]);
  if (response.statusCode === 206 && (!range || Number(range[1]) !== segment.written)) {
    response.destroy();
    throw new PolishError("integrity", `${file.path}: the Hub answered another range than asked.`, { retryable: true });
  }
  if (response.statusCode === 200 && segment.written !== 0) {
    response.destroy();
    throw new PolishError("network", `${file.path}: the Hub ignored a ranged request.`, { retryable: true });
  }
  const size = total ?? Number(response.headers["content-length"] ?? file.size);
  if (response.statusCode === 200 ? size !== file.size : total !== undefined && total !== file.size) {
    response.destroy();
    throw new PolishError(
      "integrity",
      `${file.path}: the Hub serves ${total ?? size} bytes, its listing says ${file.size}.`,
      { retryable: true },
    );
  }

  await new Promise<void>((resolve, reject) => {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let inFlight = 0;
    let writing: Promise<void> = Promise.resolve();
    let failed = false;
    const onAbort = () => fail(signal.reason);
    const settle = (error?: unknown) => {
      signal.removeEventListener("abort", onAbort);
      if (error === undefined) resolve();
      else reject(error);
    };
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      response.destroy();
      // Bytes that arrived before the failure are good: they land (and count) before the error goes up.
      if (pendingBytes > 0) flush();
      writing.then(
        () => settle(error),
        () => settle(error),
      );
    };
    const flush = () => {
      const batch = pending;
      const bytes = pendingBytes;
      const position = segment.written + inFlight;
      pending = [];
      pendingBytes = 0;
      inFlight += bytes;
      writing = writing.then(async () => {
        const { bytesWritten } = await handle.writev(batch, position);
        if (bytesWritten < bytes) {
          const rest = Buffer.concat(batch).subarray(bytesWritten);
          await handle.write(rest, 0, rest.length, position + bytesWritten);
        }
        inFlight -= bytes;
        segment.written += bytes;
        onWritten(bytes);
        if (inFlight === 0 && pendingBytes > 0) flush();
        if (response.isPaused() && inFlight < MAX_BUFFERED_BYTES && !failed) response.resume();
      });
      writing.catch(fail);
    };
    const remaining = () => segment.end - segment.written - inFlight - pendingBytes;
    signal.addEventListener("abort", onAbort, { once: true });
    if (signal.aborted) return fail(signal.reason);
    response.on("data", (chunk: Buffer) => {
      if (failed) return;
      // A 200 answer to a segment of a larger file carries bytes past it: take only the segment's.
      const piece = chunk.length > remaining() ? chunk.subarray(0, remaining()) : chunk;
      pending.push(piece);
      pendingBytes += piece.length;
      params.onBytes(piece.length);
      // Written at once when the disk is idle, else gathered while a write is under way (up to a chunk): large
      // writes when data pours in, nothing left in memory when it trickles or stalls.
      if (inFlight === 0 || pendingBytes >= CHUNK_BYTES || remaining() === 0) flush();
      if (inFlight >= MAX_BUFFERED_BYTES) response.pause();
      if (remaining() === 0) {
        response.destroy();
        writing.then(() => settle(), fail);
      }
    });
    response.on("error", fail);
    response.on("end", () => {
      if (failed || remaining() === 0) return;
      if (pendingBytes > 0) flush();
      writing.then(() => {
        const missing = segment.end - segment.written;
        fail(
          new PolishError("network", `${file.path} ended early (${missing} bytes of a range missing).`, {
            retryable: true,
          }),
        );
      }, fail);
    });
    response.on("close", () => {
      if (!response.complete && remaining() > 0)
        fail(new PolishError("network", `${file.path}: the connection dropped.`, { retryable: true }));
    });
  });
}

/** A GET that follows the Hub's redirects (to its CDN), sending the token only to the Hub itself. */
async function get(
  url: string,
  range: string,
  params: FetchFileParams,
  signal: AbortSignal,
  redirects = 0,
): Promise<http.IncomingMessage> {
  const target = new URL(url);
  const sameOrigin = target.origin === new URL(params.hubUrl).origin;
  const headers: Record<string, string> = { range, "accept-encoding": "identity" };
  if (params.accessToken && sameOrigin) headers.authorization = `Bearer ${params.accessToken}`;
  const client = target.protocol === "https:" ? https : http;
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const request = client.get(target, { headers, signal }, resolve);
    request.on("error", reject);
  });
  const status = response.statusCode ?? 0;
  if (status >= 300 && status < 400 && response.headers.location) {
    response.resume();
    if (redirects >= MAX_REDIRECTS) throw new PolishError("network", `Too many redirects for ${params.file.path}.`);
    return get(new URL(response.headers.location, target).toString(), range, params, signal, redirects + 1);
  }
  if (status !== 200 && status !== 206) {
    response.resume();
    params.onFailedResponse?.(status, retryAfterMs(response.headers["retry-after"]));
    const error = new Error(`HTTP ${status} for ${params.file.path}`);
    if (status === 404) throw new PolishError("not_found", `${params.file.path} is no longer in ${params.repo}.`);
    throw error;
  }
  return response;
}

function retryAfterMs(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Hashes a file in order while it is being written: told how far the bytes are contiguous, it catches up. */
interface Hasher {
  advance(contiguousEnd: number): void;
  /** The hex digest once all `size` bytes are written. */
  finish(size: number): Promise<string>;
  cancel(): void;
}

/**
 * Hashes the file in order by reading back each contiguous stretch as soon as it is on disk (from the page
 * cache), a chunk at a time between socket events: the sockets never wait for the hash, and no bytes are held
 * in memory for it. Small files are read back once at the end.
 */
class OrderedHasher implements Hasher {
  private readonly hash;
  private readonly buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private hashed = 0;
  private target = 0;
  private running: Promise<void> = Promise.resolve();
  private handle?: Promise<fs.FileHandle>;
  private cancelled = false;

  constructor(
    private readonly partial: string,
    private readonly file: HubFile,
  ) {
    this.hash = createContentHash(file);
  }

  advance(end: number): void {
    if (this.file.size < INLINE_HASH_BYTES || end - this.target < HASH_STEP_BYTES) return;
    this.target = end;
    this.running = this.running.then(() => this.catchUp());
  }

  async finish(size: number): Promise<string> {
    this.target = size;
    this.running = this.running.then(() => this.catchUp());
    await this.running;
    await (await this.handle)?.close();
    return this.hashed === size ? this.hash.digest("hex") : "";
  }

  cancel(): void {
    this.cancelled = true;
    void this.running.then(async () => (await this.handle)?.close()).catch(() => undefined);
  }

  private async catchUp(): Promise<void> {
    this.handle ??= fs.open(this.partial, "r");
    const handle = await this.handle;
    while (this.hashed < this.target && !this.cancelled) {
      const length = Math.min(this.buffer.length, this.target - this.hashed);
      const { bytesRead } = await handle.read(this.buffer, 0, length, this.hashed);
      if (bytesRead === 0) return;
      this.hash.update(this.buffer.subarray(0, bytesRead));
      this.hashed += bytesRead;
    }
  }
}

async function discard(partial: string, record: string): Promise<void> {
  await fs.rm(partial, { force: true });
  await fs.rm(record, { force: true });
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}
