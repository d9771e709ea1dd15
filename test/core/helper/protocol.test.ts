import { execFile } from "node:child_process";
import { copyFile, mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const root = path.resolve(__dirname, "..", "..", "..");
const protocolTs = path.join(root, "src", "core", "helper", "protocol.ts");

async function checkProtocolTypes(file: string): Promise<{ ok: boolean; stderr: string }> {
  const tsx = path.join(root, "node_modules", ".bin", "tsx");
  try {
    await promisify(execFile)(tsx, ["scripts/gen-protocol.ts", "--check", "--file", file], { cwd: root });
    return { ok: true, stderr: "" };
  } catch (error) {
    return { ok: false, stderr: String((error as { stderr?: string }).stderr) };
  }
}

describe("the helper protocol types", () => {
  it("are generated from helper/protocol.schema.json as it is now (else run `npm run gen:protocol`)", async () => {
    const result = await checkProtocolTypes(protocolTs);
    expect(result.stderr).toBe("");
    expect(result.ok).toBe(true);
  });

  it("are reported stale when they no longer match the schema", async () => {
    const copy = path.join(await mkdtemp(path.join(os.tmpdir(), "protocol-")), "protocol.ts");
    await copyFile(protocolTs, copy);
    const edited = (await readFile(copy, "utf8")).replace('"model_not_found"', '"model_missing"');
    await writeFile(copy, edited);
    const result = await checkProtocolTypes(copy);
    expect(result.ok).toBe(false);
    expect(result.stderr).toContain("is stale");
  });
});
