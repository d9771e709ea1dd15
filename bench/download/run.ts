/**
 * `npm run bench:download`: downloads a ≥ 1 GiB model from the local Hub (sparse files), and prints
 *   - our throughput next to `curl` fetching the same files in the same run (ratio; target ≥ 0.9×),
 *   - the downloader's peak RSS (target ≤ 150 MB),
 *   - bytes fetched twice after a SIGKILL mid-file and a resume (target ≤ one chunk).
 * The Hub runs in this process; the downloader and curl run as children, one at a time.
 */
import { spawn, execFile } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { parseArgs, promisify } from "node:util";
import { partialBytes } from "../../src/core/store/fetch-file";
import { startLocalHub, type ServedFile } from "../../test/support/hub-server";
import { saveResults } from "../results";

const MODEL_ID = "qwen3-1.7b";
const REPO = "mlx-community/Qwen3-1.7B-4bit";
const SHARD_BYTES = 576 * 1024 * 1024;
const SHARDS = ["model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"];
const work = path.resolve(__dirname, "..", "..", ".tmp", "bench-download");
const MB = 1_000_000;
const LINK_BYTES_PER_SECOND = 100 * MB;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { connections: { type: "string" } } });
  if (values.connections) process.env.BENCH_CONNECTIONS = values.connections;
  await fs.rm(work, { recursive: true, force: true });
  await fs.mkdir(path.join(work, "source"), { recursive: true });
  const config = '{"model_type":"qwen3"}';
  const files: Record<string, string | { file: string }> = { "config.json": config };
  for (const shard of SHARDS) {
    const file = path.join(work, "source", shard);
    const handle = await fs.open(file, "w");
    // Sparse, but not empty: a few real bytes so the content is not all zeros.
    await handle.write(Buffer.from(`${shard} header`), 0);
    await handle.truncate(SHARD_BYTES);
    await handle.close();
    files[shard] = { file };
  }
  process.stderr.write("bench:download: hashing the source files…\n");
  const hub = await startLocalHub();
  const { sha, files: served } = await hub.addRepo(REPO, { files });
  const totalBytes = SHARDS.length * SHARD_BYTES + config.length;

  await bundleChild();

  // Loopback: nothing but CPU limits either side, so this measures the cost of our streams and sha256.
  const curlMs = await timeCurl(hub.url, sha);
  // A verified download, the fair comparison: we hash every byte too.
  const curlSha256Ms = await timeCurl(hub.url, sha, true);
  const ours = await download(hub.url, "fresh");
  await fs.rm(path.join(work, "fresh"), { recursive: true, force: true });
  // A fast home link (800 Mbit/s): the case people have, where the network sets the pace.
  hub.limitRate(LINK_BYTES_PER_SECOND);
  const curlLinkMs = await timeCurl(hub.url, sha);
  const oursLink = await download(hub.url, "link");
  await fs.rm(path.join(work, "link"), { recursive: true, force: true });
  hub.limitRate(undefined);

  // Resume: SIGKILL the downloader in the middle of the second shard, then let a new process finish.
  const killed = await download(hub.url, "resume", totalBytes * 0.75);
  const kept = await bytesOnDisk(path.join(work, "resume"), served);
  hub.resetCounters();
  const resumed = await download(hub.url, "resume");
  const requested = hub.requests
    .filter((request) => request.url.includes("/resolve/") && request.range !== "bytes=0-0")
    .reduce(
      (sum, request) =>
        sum + requestedBytes(request.range, request.url.endsWith(".json") ? config.length : SHARD_BYTES),
      0,
    );
  const refetched = requested - (totalBytes - kept);
  await hub.close();
  await fs.rm(work, { recursive: true, force: true });

  const rate = (ms: number) => totalBytes / MB / (ms / 1000);
  const compare = (oursMs: number, theirsMs: number) =>
    `${rate(oursMs).toFixed(0)} MB/s vs curl ${rate(theirsMs).toFixed(0)} MB/s → ${(theirsMs / oursMs).toFixed(2)}× curl`;
  const lines = [
    `model: ${(totalBytes / 1024 ** 3).toFixed(2)} GiB in ${SHARDS.length} shards, local Hub on 127.0.0.1 (target ≥ 0.9× curl)`,
    `loopback, unlimited:   ${compare(ours.ms, curlMs)}`,
    `loopback, verified:    ${rate(ours.ms).toFixed(0)} MB/s vs curl | sha256sum ${rate(curlSha256Ms).toFixed(0)} MB/s → ${(curlSha256Ms / ours.ms).toFixed(2)}×`,
    `link at ${(LINK_BYTES_PER_SECOND / MB).toFixed(0)} MB/s:     ${compare(oursLink.ms, curlLinkMs)}`,
    `peak RSS:              ${(ours.maxRssBytes / MB).toFixed(0)} MB loopback, ${(oursLink.maxRssBytes / MB).toFixed(0)} MB on the link, ${(resumed.maxRssBytes / MB).toFixed(0)} MB resuming (target ≤ 150 MB)`,
    `resume after SIGKILL:  killed at ${(killed.downloadedBytes / MB).toFixed(0)} MB, ${kept} bytes on disk; ` +
      `the new process requested ${requested} bytes, re-fetched ${refetched} (target ≤ one chunk)`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  saveResults("download", {
    model_gib: totalBytes / 1024 ** 3,
    loopback_mb_per_s: rate(ours.ms),
    loopback_curl_mb_per_s: rate(curlMs),
    loopback_vs_curl: curlMs / ours.ms,
    loopback_curl_sha256_mb_per_s: rate(curlSha256Ms),
    loopback_vs_curl_sha256: curlSha256Ms / ours.ms,
    link_mb_per_s: rate(oursLink.ms),
    link_curl_mb_per_s: rate(curlLinkMs),
    link_vs_curl: curlLinkMs / oursLink.ms,
    peak_rss_mb: Math.max(ours.maxRssBytes, oursLink.maxRssBytes, resumed.maxRssBytes) / MB,
    resume_refetched_bytes: refetched,
  });
}

/** Bytes a request asked for: its Range, else the whole file. */
function requestedBytes(range: string | undefined, fileBytes: number): number {
  const match = range?.match(/^bytes=(\d+)-(\d*)$/);
  if (!match) return fileBytes;
  return (match[2] ? Number(match[2]) + 1 : fileBytes) - Number(match[1]);
}

async function bundleChild(): Promise<void> {
  await promisify(execFile)(path.resolve("node_modules/.bin/esbuild"), [
    path.join(__dirname, "download-child.ts"),
    "--bundle",
    "--platform=node",
    "--target=node22",
    "--log-level=warning",
    `--outfile=${path.join(work, "download-child.js")}`,
  ]);
}

/**
 * curl fetching every file to disk, one after another; with `sha256`, `curl … | sha256sum` as the issue
 * states it (hashed, not written: a stricter baseline than ours, which also writes every byte).
 */
async function timeCurl(hubUrl: string, sha: string, sha256 = false): Promise<number> {
  const folder = path.join(work, "curl");
  await fs.mkdir(folder, { recursive: true });
  const started = performance.now();
  for (const file of ["config.json", ...SHARDS]) {
    const url = `${hubUrl}/${REPO}/resolve/${sha}/${file}`;
    const target = path.join(folder, file);
    if (sha256) {
      await promisify(execFile)("bash", [
        "-o",
        "pipefail",
        "-c",
        'curl -sSf "$1" | tee "$2" | sha256sum',
        "curl",
        url,
        target,
      ]);
    } else {
      await promisify(execFile)("curl", ["-sSf", "-o", target, url]);
    }
  }
  const ms = performance.now() - started;
  await fs.rm(folder, { recursive: true, force: true });
  return ms;
}

/** Runs the downloader child into `<work>/<name>`; with `killAtBytes`, SIGKILLs it once that many bytes arrived. */
function download(hubUrl: string, name: string, killAtBytes?: number) {
  return new Promise<{ ms: number; maxRssBytes: number; downloadedBytes: number }>((resolve, reject) => {
    const child = spawn(path.resolve("node_modules/.bin/node"), [path.join(work, "download-child.js"), MODEL_ID], {
      env: {
        ...process.env,
        HF_ENDPOINT: hubUrl,
        HF_HUB_CACHE: path.join(work, name),
        MLX_POLISH_SUPPORT_DIR: path.join(work, `${name}-support`),
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let buffered = "";
    let downloadedBytes = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        const event = JSON.parse(line);
        if (event.event === "progress") downloadedBytes = event.downloadedBytes;
        if (event.event === "done") resolve({ ms: event.ms, maxRssBytes: event.maxRssBytes, downloadedBytes });
        if (killAtBytes !== undefined && downloadedBytes >= killAtBytes && child.exitCode === null) {
          child.kill("SIGKILL");
        }
      }
    });
    child.on("close", (code, signal) => {
      if (signal === "SIGKILL") resolve({ ms: 0, maxRssBytes: 0, downloadedBytes });
      else if (code !== 0) reject(new Error(`downloader exited ${code}`));
    });
  });
}

/** Bytes of verified blobs and partial files (by their segment records, not their sparse sizes): what a resume starts from. */
async function bytesOnDisk(cacheDir: string, files: ServedFile[]): Promise<number> {
  const blobs = path.join(cacheDir, `models--${REPO.replace("/", "--")}`, "blobs");
  let total = 0;
  for (const file of files) {
    const blobName = file.lfs?.oid ?? file.oid;
    const complete = await fs.stat(path.join(blobs, blobName)).catch(() => undefined);
    total += complete ? complete.size : await partialBytes(blobs, { blobName, size: file.size });
  }
  return total;
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
