/**
 * A local Hugging Face Hub for tests and the download benchmark: real HTTP on 127.0.0.1, speaking the endpoints
 * `@huggingface/hub` and `huggingface_hub` call (model info, tree with `Link` pagination, paths-info, resolve with
 * Range/206, ETag and `X-Error-Code`), serving real files, with faults switched on per test.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";

/** A file's content: bytes in memory, or a path on disk (large or sparse files for the benchmark). */
export type FileSource = Buffer | string | { file: string };

export interface RepoSpec {
  files: Record<string, FileSource>;
  /** Commit sha; a fixed one derived from the repo name when omitted. */
  sha?: string;
  /** Only this token may read the repo; others get 401 (a gated or private repo). */
  token?: string;
  /** Extra raw entries for the tree listing (hostile paths, bad ids). */
  extraTreeEntries?: object[];
  /** Entries per tree page; the rest follow through the `Link` header. */
  pageSize?: number;
}

/** A misbehaviour for the next `times` matching requests; `path` limits it to one file's requests. */
export type Fault = { times: number; target?: Target; path?: string } & (
  | { kind: "status"; status: number; retryAfter?: string }
  | { kind: "drop"; afterBytes: number }
  | { kind: "stall"; afterBytes: number }
  | { kind: "truncate"; afterBytes: number }
  | { kind: "wrong-bytes" }
);

/** Which requests a fault hits: content reads (not the 1-byte probe, the default), API calls, or any request. */
export type Target = "file" | "api" | "all";

export interface ServedFile {
  path: string;
  size: number;
  oid: string;
  lfs?: { oid: string; size: number; pointerSize: number };
  source: Buffer | string;
}

interface ServedRepo {
  name: string;
  sha: string;
  token?: string;
  files: Map<string, ServedFile>;
  extraTreeEntries: object[];
  pageSize: number;
}

export interface RequestLog {
  method: string;
  url: string;
  range?: string;
  authorization?: string;
}

export interface LocalHub {
  url: string;
  addRepo(name: string, spec: RepoSpec): Promise<{ sha: string; files: ServedFile[] }>;
  fault(fault: Fault): void;
  /**
   * Caps all file bodies together at this many bytes per second, as one link shared by every connection would
   * (a realistic link for the benchmark); undefined lifts it.
   */
  limitRate(bytesPerSecond: number | undefined): void;
  clearFaults(): void;
  /** Every request seen, in order. */
  requests: RequestLog[];
  /** Content bytes sent for file reads (probes excluded), in total and per path. */
  servedBytes(path?: string): number;
  resetCounters(): void;
  close(): Promise<void>;
}

const LFS_ABOVE_BYTES = 1_000_000;

export async function startLocalHub(): Promise<LocalHub> {
  const repos = new Map<string, ServedRepo>();
  const faults: Fault[] = [];
  const requests: RequestLog[] = [];
  const served = new Map<string, number>();
  let rateLimit: number | undefined;
  // When the shared link is next free: each chunk of any body takes its turn on it.
  let linkFreeAt = 0;

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error) => {
      if (!response.headersSent) response.writeHead(500).end(String(error));
      else response.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function takeFault(target: "file" | "api" | "probe", pathname: string): Fault | undefined {
    const index = faults.findIndex((fault) => {
      const wanted = fault.target ?? (fault.kind === "status" ? "all" : "file");
      if (fault.path && !pathname.endsWith(`/${fault.path}`)) return false;
      return wanted === "all" || wanted === target;
    });
    if (index < 0) return undefined;
    const fault = faults[index];
    fault.times -= 1;
    if (fault.times <= 0) faults.splice(index, 1);
    return fault;
  }

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const requestUrl = new URL(request.url ?? "/", url);
    requests.push({
      method: request.method ?? "GET",
      url: requestUrl.pathname + requestUrl.search,
      range: request.headers.range,
      authorization: request.headers.authorization,
    });
    const api = requestUrl.pathname.match(/^\/api\/models\/([^/]+\/[^/]+)\/(revision|tree|paths-info)\/([^/]+)$/);
    const resolve = requestUrl.pathname.match(/^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/);
    const isProbe = request.headers.range === "bytes=0-0";
    const fault = takeFault(api ? "api" : isProbe ? "probe" : "file", decodeURIComponent(requestUrl.pathname));
    if (fault?.kind === "status") {
      const headers: http.OutgoingHttpHeaders = { "Content-Type": "application/json" };
      if (fault.retryAfter !== undefined) headers["Retry-After"] = fault.retryAfter;
      response.writeHead(fault.status, headers).end(JSON.stringify({ error: `Injected HTTP ${fault.status}` }));
      return;
    }
    const repo = repos.get(decodeURIComponent((api ?? resolve)?.[1] ?? ""));
    if (!repo) {
      response.writeHead(404, { "Content-Type": "application/json", "X-Error-Code": "RepoNotFound" });
      response.end(JSON.stringify({ error: "Repository not found" }));
      return;
    }
    if (repo.token && request.headers.authorization !== `Bearer ${repo.token}`) {
      response.writeHead(401, { "Content-Type": "application/json", "X-Error-Code": "GatedRepo" });
      response.end(
        JSON.stringify({ error: `Access to model ${repo.name} is restricted. You must have access to it.` }),
      );
      return;
    }
    const revision = decodeURIComponent((api ?? resolve)?.[api ? 3 : 2] ?? "");
    if (!["main", "HEAD", repo.sha].includes(revision)) {
      response.writeHead(404, { "Content-Type": "application/json", "X-Error-Code": "RevisionNotFound" });
      response.end(JSON.stringify({ error: "Invalid rev id" }));
      return;
    }
    if (api?.[2] === "revision") return json(response, modelInfo(repo));
    if (api?.[2] === "tree") return tree(requestUrl, response, repo);
    if (api?.[2] === "paths-info") return pathsInfo(request, response, repo);
    if (resolve) return file(request, response, repo, decodeURIComponent(resolve[3]), isProbe ? undefined : fault);
    response.writeHead(404).end("Not found");
  }

  function tree(requestUrl: URL, response: http.ServerResponse, repo: ServedRepo): void {
    const entries = [...treeEntries(repo), ...repo.extraTreeEntries];
    const cursor = Number(requestUrl.searchParams.get("cursor") ?? 0);
    const page = entries.slice(cursor, cursor + repo.pageSize);
    const headers: http.OutgoingHttpHeaders = {};
    if (cursor + repo.pageSize < entries.length) {
      const next = new URL(requestUrl.href);
      next.searchParams.set("cursor", String(cursor + repo.pageSize));
      headers.Link = `<${next.href}>; rel="next"`;
    }
    json(response, page, headers);
  }

  async function pathsInfo(request: http.IncomingMessage, response: http.ServerResponse, repo: ServedRepo) {
    let body = "";
    for await (const chunk of request) body += chunk;
    const form = new URLSearchParams(body);
    const wanted = request.headers["content-type"]?.includes("json")
      ? (JSON.parse(body).paths as string[])
      : form.getAll("paths");
    json(
      response,
      treeEntries(repo).filter((entry) => wanted.includes(entry.path)),
    );
  }

  function file(
    request: http.IncomingMessage,
    response: http.ServerResponse,
    repo: ServedRepo,
    filePath: string,
    fault: Fault | undefined,
  ): void {
    const entry = repo.files.get(filePath);
    if (!entry) {
      response.writeHead(404, { "Content-Type": "application/json", "X-Error-Code": "EntryNotFound" });
      response.end(JSON.stringify({ error: "Entry not found" }));
      return;
    }
    const etag = `"${entry.lfs?.oid ?? entry.oid}"`;
    const headers: http.OutgoingHttpHeaders = {
      "Content-Type": "application/octet-stream",
      "Accept-Ranges": "bytes",
      ETag: etag,
      "X-Repo-Commit": repo.sha,
      "X-Linked-Etag": etag,
      "X-Linked-Size": String(entry.size),
    };
    let start = 0;
    let end = entry.size - 1;
    let status = 200;
    const range = request.headers.range?.match(/^bytes=(\d+)-(\d*)$/);
    if (range) {
      start = Number(range[1]);
      end = range[2] ? Math.min(Number(range[2]), entry.size - 1) : entry.size - 1;
      if (start >= entry.size) {
        response.writeHead(416, { "Content-Range": `bytes */${entry.size}` }).end();
        return;
      }
      status = 206;
      headers["Content-Range"] = `bytes ${start}-${end}/${entry.size}`;
    }
    let length = end - start + 1;
    if (fault?.kind === "truncate") length = Math.min(length, fault.afterBytes);
    headers["Content-Length"] = String(length);
    response.writeHead(status, headers);
    if (request.method === "HEAD" || length <= 0) {
      response.end();
      return;
    }
    const body = readRange(entry.source, start, start + length - 1);
    const count = (bytes: number) => {
      if (range?.[0] === "bytes=0-0") return;
      served.set(entry.path, (served.get(entry.path) ?? 0) + bytes);
    };
    const bodyFault = fault && fault.kind !== "status" && fault.kind !== "truncate" ? fault : undefined;
    if (!bodyFault && !rateLimit) {
      body.on("data", (chunk: Buffer) => count(chunk.length));
      body.pipe(response);
      return;
    }
    // A client that aborts mid-body (cancel, a test's AbortSignal) is normal: stop reading the file.
    sendSlowly(body, response, bodyFault, count).catch(() => body.destroy());
  }

  /** Sends a body chunk by chunk, applying a fault and the rate limit. */
  async function sendSlowly(
    body: Readable,
    response: http.ServerResponse,
    fault: Fault | undefined,
    count: (n: number) => void,
  ) {
    let sent = 0;
    for await (const chunk of body as AsyncIterable<Buffer>) {
      if (rateLimit) {
        const now = performance.now();
        const slot = Math.max(now, linkFreeAt);
        linkFreeAt = slot + (chunk.length / rateLimit) * 1000;
        if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
      }
      let piece = chunk;
      if (!fault) {
        await write(response, piece);
        count(piece.length);
        sent += piece.length;
        continue;
      }
      if (fault.kind === "wrong-bytes") {
        piece = Buffer.from(chunk);
        piece[0] ^= 0xff;
      }
      if ((fault.kind === "drop" || fault.kind === "stall") && sent + piece.length >= fault.afterBytes) {
        piece = piece.subarray(0, fault.afterBytes - sent);
        if (piece.length > 0) await write(response, piece);
        count(piece.length);
        // The body stays unfinished: the socket closes (drop) or stays silent until the test closes the hub (stall).
        if (fault.kind === "drop") setTimeout(() => response.socket?.destroy(), 20);
        body.destroy();
        return;
      }
      await write(response, piece);
      count(piece.length);
      sent += piece.length;
    }
    response.end();
  }

  return {
    url,
    requests,
    async addRepo(name, spec) {
      const files = new Map<string, ServedFile>();
      for (const [filePath, content] of Object.entries(spec.files)) {
        files.set(filePath, await describe(filePath, content));
      }
      const sha = spec.sha ?? createHash("sha1").update(`commit ${name}`).digest("hex");
      repos.set(name, {
        name,
        sha,
        token: spec.token,
        files,
        extraTreeEntries: spec.extraTreeEntries ?? [],
        pageSize: spec.pageSize ?? 1000,
      });
      return { sha, files: [...files.values()] };
    },
    fault(fault) {
      faults.push({ ...fault });
    },
    clearFaults() {
      faults.length = 0;
    },
    limitRate(bytesPerSecond) {
      rateLimit = bytesPerSecond;
    },
    servedBytes(filePath) {
      if (filePath) return served.get(filePath) ?? 0;
      return [...served.values()].reduce((sum, bytes) => sum + bytes, 0);
    },
    resetCounters() {
      served.clear();
      requests.length = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function modelInfo(repo: ServedRepo) {
  return {
    _id: repo.sha.slice(0, 24),
    id: repo.name,
    modelId: repo.name,
    sha: repo.sha,
    private: false,
    gated: repo.token ? "manual" : false,
    disabled: false,
    downloads: 0,
    likes: 0,
    tags: ["mlx"],
    library_name: "mlx",
    pipeline_tag: "text-generation",
    createdAt: "2025-01-01T00:00:00.000Z",
    lastModified: "2025-01-01T00:00:00.000Z",
    siblings: [...repo.files.keys()].map((rfilename) => ({ rfilename })),
  };
}

function treeEntries(repo: ServedRepo) {
  const folders = new Set<string>();
  for (const filePath of repo.files.keys()) {
    const parts = filePath.split("/");
    for (let depth = 1; depth < parts.length; depth++) folders.add(parts.slice(0, depth).join("/"));
  }
  return [
    ...[...folders].map((folder) => ({ type: "directory", path: folder, size: 0, oid: "0".repeat(40) })),
    ...[...repo.files.values()].map((entry) => ({
      type: "file",
      path: entry.path,
      size: entry.lfs ? entry.lfs.pointerSize : entry.size,
      oid: entry.oid,
      ...(entry.lfs && { lfs: entry.lfs }),
    })),
  ];
}

async function describe(filePath: string, content: FileSource): Promise<ServedFile> {
  const source = typeof content === "string" ? Buffer.from(content) : Buffer.isBuffer(content) ? content : content.file;
  const size = Buffer.isBuffer(source) ? source.length : (await fs.stat(source)).size;
  const sha256 = createHash("sha256");
  const gitSha1 = createHash("sha1").update(`blob ${size}\0`);
  for await (const chunk of readRange(source, 0, size - 1) as AsyncIterable<Buffer>) {
    sha256.update(chunk);
    gitSha1.update(chunk);
  }
  const isLfs = filePath.endsWith(".safetensors") || size > LFS_ABOVE_BYTES;
  if (!isLfs) return { path: filePath, size, oid: gitSha1.digest("hex"), source };
  const lfsOid = sha256.digest("hex");
  const pointer = `version https://git-lfs.github.com/spec/v1\noid sha256:${lfsOid}\nsize ${size}\n`;
  return {
    path: filePath,
    size,
    oid: createHash("sha1").update(`blob ${pointer.length}\0${pointer}`).digest("hex"),
    lfs: { oid: lfsOid, size, pointerSize: pointer.length },
    source,
  };
}

function readRange(source: Buffer | string, start: number, end: number): Readable {
  if (end < start) return Readable.from([]);
  if (Buffer.isBuffer(source)) {
    const slice = source.subarray(start, end + 1);
    const pieces: Buffer[] = [];
    for (let offset = 0; offset < slice.length; offset += 64 * 1024)
      pieces.push(slice.subarray(offset, offset + 64 * 1024));
    return Readable.from(pieces);
  }
  return createReadStream(source, { start, end, highWaterMark: 1 << 20 });
}

function json(response: http.ServerResponse, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  response.writeHead(200, { "Content-Type": "application/json", ...headers }).end(JSON.stringify(body));
}

function write(response: http.ServerResponse, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    response.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}
