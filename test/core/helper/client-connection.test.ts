import net from "node:net";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { connectHelper, requestHelper } from "../../../src/core/helper/helper-connection";

/** A socket peer that answers every request line with `reply(line)`: a helper gone wrong. */
async function peer(reply: (line: string) => string): Promise<{ socketPath: string; close: () => void }> {
  const socketPath = path.join(await mkdtemp(path.join(os.tmpdir(), "peer-")), "helper.sock");
  const server = net.createServer((socket) => {
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => socket.write(reply(chunk)));
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return { socketPath, close: () => server.close() };
}

describe("talking to a helper that misbehaves", () => {
  it("fails the request, without crashing the caller, when a reply is not JSON", async () => {
    const garbled = await peer(() => "Traceback (most recent call last):\n");
    const connection = await connectHelper(garbled.socketPath, 1000);
    await expect(requestHelper(connection, "status", {}, 1000)).rejects.toMatchObject({
      code: "internal",
      message: expect.stringMatching(/not JSON/),
    });
    connection.close();
    garbled.close();
  });

  it("times out when the helper never answers", async () => {
    const silent = await peer(() => "");
    const connection = await connectHelper(silent.socketPath, 1000);
    await expect(requestHelper(connection, "status", {}, 200)).rejects.toMatchObject({ code: "timeout" });
    connection.close();
    silent.close();
  });

  it("says no helper listens when the socket is missing", async () => {
    await expect(connectHelper("/nonexistent/helper.sock", 1000)).rejects.toMatchObject({
      code: "helper_unavailable",
    });
  });
});
