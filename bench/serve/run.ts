/**
 * `npm run bench:serve`: what the OpenAI-compatible endpoint costs on top of `polish()`. The server runs
 * in this process with the core's `polish()` wrapped to time each call; a keep-alive HTTP client (as
 * dictation apps hold one) posts the same chat request. Per request, the overhead is the client's time
 * minus the time `polish()` took inside the server for that same request: reading and checking the
 * request, JSON both ways, the queue, HTTP on loopback. Target ≤ 5 ms median, non-streamed (what Handy,
 * VoiceInk and OpenWhispr send); streamed is reported too.
 * Options: --runs N (per mode, default 30), --size tiny|bench (the generated model; `tiny` by default,
 * which keeps generation short so the overhead is not lost in its noise).
 */
import http from "node:http";
import { parseArgs } from "node:util";
import { polish, setAppleSiliconOverride, startServer, stopHelper, type PolishParams } from "../../src/core";
import { cachedModel, polishFolders } from "../../test/core/polish/polish-fixtures";
import { saveResults } from "../results";

const TEXT = "um so i think we should uh meet on tuesday no wait wednesday at three and bring the the report";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { runs: { type: "string", default: "30" }, size: { type: "string", default: "tiny" } },
  });
  setAppleSiliconOverride(true);
  const { supportDir, cacheDir } = await polishFolders();
  const size = values.size === "bench" ? "bench" : "tiny";
  await cachedModel({ cacheDir, modelId: "qwen3-1.7b", size });

  let lastPolishMs = 0;
  let lastPolished = false;
  const timedPolish = async (params: PolishParams) => {
    const startedAt = performance.now();
    const result = await polish(params);
    lastPolishMs = performance.now() - startedAt;
    lastPolished = result.polished || result.reason === "guard_tripped";
    return result;
  };
  const server = await startServer({ port: 0, supportDir, cacheDir, unloadAfterSeconds: null, polish: timedPolish });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  const measure = async (stream: boolean) => {
    const overhead: number[] = [];
    const total: number[] = [];
    const body = JSON.stringify({ model: "qwen3-1.7b", messages: [{ role: "user", content: TEXT }], stream });
    await post(server.port, body, agent); // warm the helper, the model and the prompt cache
    for (let index = 0; index < Number(values.runs); index++) {
      const startedAt = performance.now();
      await post(server.port, body, agent);
      const clientMs = performance.now() - startedAt;
      // Only a real model answer measures the path; a fallback (no helper, no model) would flatter it.
      if (!lastPolished) throw new Error("the request did not reach the model: check the helper and the model");
      total.push(clientMs);
      overhead.push(clientMs - lastPolishMs);
    }
    return { overhead, total };
  };
  const plain = await measure(false);
  const streamed = await measure(true);
  agent.destroy();
  await server.close();
  await stopHelper({ supportDir });

  console.log(
    `bench:serve — ${size} generated qwen3 model, ${TEXT.length}-character text, keep-alive client, mlx on ${process.platform}/${process.arch}`,
  );
  print("client time, non-streamed", plain.total);
  print("overhead over polish(), non-streamed", plain.overhead);
  print("overhead over polish(), streamed", streamed.overhead);
  saveResults("serve", {
    model_size: size,
    runs: plain.total.length,
    client_ms_median: median(plain.total),
    overhead_ms_median: median(plain.overhead),
    overhead_ms_p90: quantile(plain.overhead, 0.9),
    stream_overhead_ms_median: median(streamed.overhead),
  });
}

/** Posts a chat request and reads the whole answer (every SSE event, when streamed). */
function post(port: number, body: string, agent: http.Agent): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/v1/chat/completions",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        agent,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          if (response.statusCode !== 200) reject(new Error(`HTTP ${response.statusCode}`));
          else resolve(Buffer.concat(chunks).toString("utf8"));
        });
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

function quantile(values: number[], at: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(at * sorted.length))] * 100) / 100;
}

function median(values: number[]): number {
  return quantile(values, 0.5);
}

function print(label: string, values: number[]): void {
  const format = (value: number) => value.toFixed(2).padStart(8);
  console.log(
    `${label.padEnd(40)} median ${format(quantile(values, 0.5))}   p90 ${format(quantile(values, 0.9))}   min ${format(Math.min(...values))}   (n=${values.length})`,
  );
}

void main();
