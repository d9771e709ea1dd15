import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const root = path.resolve(__dirname, "..", "..");

describe("the lexicon asset", () => {
  it("is generated from the pinned lexical data as it is now (else run `npm run gen:lexicon`)", async () => {
    const tsx = path.join(root, "node_modules", ".bin", "tsx");
    const run = promisify(execFile)(tsx, ["scripts/gen-lexicon.ts", "--check"], { cwd: root });
    await expect(run).resolves.toMatchObject({ stderr: "" });
  });
});
