/** The helper client's recovery, against the real (source) helper. */
import path from "node:path";
import { isProcessAlive } from "../../../src/core/is-process-alive";
import { getHelperStatus, stopHelper, withHelper } from "../../../src/core";
import { requestHelper } from "../../../src/core/helper/helper-connection";
import { polishFolders } from "../polish/polish-fixtures";

const root = path.resolve(__dirname, "..", "..", "..");
let supportDir: string;

beforeAll(async () => {
  process.env.MLX_POLISH_HELPER = `${path.join(root, "helper", ".venv", "bin", "python")} -m mlx_polish_helper`;
  ({ supportDir } = await polishFolders());
});
afterAll(async () => {
  await stopHelper({ supportDir });
  delete process.env.MLX_POLISH_HELPER;
});

describe("the helper client", () => {
  it("restarts a helper that dies before answering, once, and carries on", async () => {
    const pids: number[] = [];
    const status = await withHelper({ supportDir }, async ({ connection, hello }) => {
      pids.push(hello.pid);
      if (pids.length === 1) process.kill(hello.pid, "SIGKILL");
      return requestHelper(connection, "status", {}, 5000);
    });
    expect(status.state).toBe("idle");
    expect(pids).toHaveLength(2);
    expect(pids[1]).not.toBe(pids[0]);
  });

  it("gives up when the restarted helper dies too", async () => {
    const attempts: number[] = [];
    const work = withHelper({ supportDir }, async ({ connection, hello }) => {
      attempts.push(hello.pid);
      process.kill(hello.pid, "SIGKILL");
      return requestHelper(connection, "status", {}, 5000);
    });
    await expect(work).rejects.toMatchObject({ code: "helper_unavailable" });
    expect(attempts).toHaveLength(2);
  });

  it("replaces a helper that accepts connections but no longer answers", async () => {
    const hung = await withHelper({ supportDir }, async ({ hello }) => hello.pid);
    process.kill(hung, "SIGSTOP");
    try {
      const fresh = await withHelper({ supportDir }, async ({ hello }) => hello.pid);
      expect(fresh).not.toBe(hung);
      expect(await getHelperStatus({ supportDir })).toMatchObject({ state: "idle" });
      await waitUntil(() => !isProcessAlive(hung));
    } finally {
      if (isProcessAlive(hung)) process.kill(hung, "SIGKILL");
    }
  });

  it("stops a helper that no longer answers", async () => {
    const hung = await withHelper({ supportDir }, async ({ hello }) => hello.pid);
    process.kill(hung, "SIGSTOP");
    expect(await stopHelper({ supportDir })).toEqual({ stopped: true });
    await waitUntil(() => !isProcessAlive(hung));
    expect(await getHelperStatus({ supportDir })).toBeUndefined();
  });
});

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 50) {
    if (waited > 5000) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
