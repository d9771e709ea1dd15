// A stand-in helper for CLI tests: speaks the wire protocol on --socket, answers hello/status/cancel/shutdown,
// and never finishes a generate (a model that takes forever) unless $FAKE_HELPER_ANSWER holds the answer a
// model gives every generate. Every request it receives is appended, one JSON line each, to
// $FAKE_HELPER_REQUESTS, so a test sees what the client asked.
import fs from "node:fs";
import net from "node:net";

const socketPath = process.argv[process.argv.indexOf("--socket") + 1];
const requestsFile = process.env.FAKE_HELPER_REQUESTS;
const generating = new Map();

const server = net.createServer((socket) => {
  let buffer = "";
  const reply = (line) => socket.write(`${JSON.stringify(line)}\n`);
  socket.on("data", (chunk) => {
    buffer += chunk;
    for (let newline = buffer.indexOf("\n"); newline >= 0; newline = buffer.indexOf("\n")) {
      const request = JSON.parse(buffer.slice(0, newline));
      buffer = buffer.slice(newline + 1);
      fs.appendFileSync(
        requestsFile,
        `${JSON.stringify({ id: request.id, method: request.method, params: request.params })}\n`,
      );
      if (request.method === "hello") {
        reply({
          id: request.id,
          result: {
            protocol: 1,
            helper_version: process.env.FAKE_HELPER_VERSION,
            mlx_version: "0",
            mlx_lm_version: "0",
            pid: process.pid,
          },
        });
      } else if (request.method === "generate") {
        generating.set(request.id, reply);
        reply({ id: request.id, event: "started" });
        const answer = process.env.FAKE_HELPER_ANSWER;
        if (answer !== undefined) {
          generating.delete(request.id);
          reply({ id: request.id, event: "token", text: answer });
          const result = {
            text: answer,
            finish_reason: "stop",
            prompt_tokens: 100,
            cached_prompt_tokens: 0,
            generation_tokens: 10,
            prompt_tps: 1000,
            generation_tps: 100,
            peak_memory_bytes: 0,
            time_to_first_token_ms: 20,
            total_ms: 130,
            load_ms: 0,
          };
          reply({ id: request.id, event: "done", result });
        }
      } else if (request.method === "cancel") {
        const owner = generating.get(request.params.request_id);
        generating.delete(request.params.request_id);
        owner?.({ id: request.params.request_id, error: { code: "cancelled", message: "The request was cancelled." } });
        reply({ id: request.id, result: { cancelled: Boolean(owner) } });
      } else if (request.method === "shutdown") {
        reply({ id: request.id, result: {} });
        server.close();
        fs.rmSync(socketPath, { force: true });
        setTimeout(() => process.exit(0), 10);
      } else {
        reply({ id: request.id, error: { code: "bad_request", message: `fake helper: no ${request.method}` } });
      }
    }
  });
  socket.on("error", () => undefined);
});
fs.rmSync(socketPath, { force: true });
server.listen(socketPath, () => fs.chmodSync(socketPath, 0o600));
process.on("SIGTERM", () => process.exit(0));
