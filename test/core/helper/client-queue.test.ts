import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { connectHelper } from "../../../src/core/helper/helper-connection";
import { helperGenerate } from "../../../src/core/helper/helper-client";
import type { ConnectedHelper } from "../../../src/core/helper/ensure-helper";
import type { HelperGenerateParams, HelperHelloResult } from "../../../src/core/helper/protocol";

type Script = (id: string, write: (line: object) => void) => Promise<void>;

/** A stand-in helper on a real Unix socket that answers each generate with the scripted lines. */
async function fakeHelper(script: Script): Promise<{ helper: ConnectedHelper; close: () => Promise<void> }> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), "mlx-polish-queue-"));
  const socketPath = path.join(folder, "helper.sock");
  const server = net.createServer((socket) => {
    let buffer = "";
    socket.on("data", (chunk) => {
      buffer += chunk;
      for (let newline = buffer.indexOf("\n"); newline >= 0; newline = buffer.indexOf("\n")) {
        const request = JSON.parse(buffer.slice(0, newline));
        buffer = buffer.slice(newline + 1);
        if (request.method === "generate")
          void script(request.id, (line) => socket.write(`${JSON.stringify({ id: request.id, ...line })}\n`));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  const connection = await connectHelper(socketPath, 1000);
  return {
    helper: { connection, socketPath, hello: {} as HelperHelloResult },
    close: async () => {
      connection.close();
      await new Promise((resolve) => server.close(resolve));
      await fs.rm(folder, { recursive: true, force: true });
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const RESULT = { text: "Hi.", finish_reason: "stop", generation_tokens: 1, generation_tps: 1, total_ms: 1 };
const PARAMS: HelperGenerateParams = {
  model_id: "qwen3-1.7b",
  model_path: "/m",
  messages: [{ role: "user", content: "hi" }],
};

async function drain(stream: AsyncGenerator<string, unknown>): Promise<unknown> {
  for (let next = await stream.next(); ; next = await stream.next()) if (next.done) return next.value;
}

describe("a generate waiting in the helper's queue", () => {
  it("is not timed out for the time it waits: the first-token timeout starts when it starts", async () => {
    const { helper, close } = await fakeHelper(async (_id, write) => {
      write({ event: "queued", position: 1 });
      await sleep(600); // three times the first-token timeout, spent behind another request
      write({ event: "started" });
      await sleep(50);
      write({ event: "token", text: "Hi." });
      write({ event: "done", result: RESULT });
    });
    try {
      const result = await drain(helperGenerate(helper, PARAMS, { firstEventTimeoutMs: 200 }));
      expect(result).toMatchObject({ text: "Hi." });
    } finally {
      await close();
    }
  });

  it("still times out a helper that started the request and then says nothing", async () => {
    const { helper, close } = await fakeHelper(async (_id, write) => {
      write({ event: "queued", position: 1 });
      await sleep(50);
      write({ event: "started" });
    });
    try {
      await expect(drain(helperGenerate(helper, PARAMS, { firstEventTimeoutMs: 200 }))).rejects.toMatchObject({
        code: "timeout",
      });
    } finally {
      await close();
    }
  });
});
