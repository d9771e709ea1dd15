/**
 * The measured downloader: one `downloadModel` in its own process, so its peak RSS is ours alone. Prints one
 * JSON line per progress event and a final `{event: "done", ms, maxRssBytes}` on stdout.
 */
import { downloadModel } from "../../src/core/store/download-model";

async function main(): Promise<void> {
  const started = performance.now();
  await downloadModel({
    modelId: process.argv[2],
    reserveBytes: 0,
    // `npm run bench:download -- --connections N` tries another number of connections per file.
    connections: process.env.BENCH_CONNECTIONS ? Number(process.env.BENCH_CONNECTIONS) : undefined,
    onProgress: (progress) => process.stdout.write(`${JSON.stringify({ event: "progress", ...progress })}\n`),
  });
  const ms = performance.now() - started;
  process.stdout.write(
    `${JSON.stringify({ event: "done", ms, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`,
  );
}

void main();
