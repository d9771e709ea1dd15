import { readFile } from "node:fs/promises";
import path from "node:path";
import vectors from "../../../helper/socket-path-vectors.json";
import { HELPER_VERSION, helperSocketPath } from "../../../src/core";

describe("the helper's socket path", () => {
  it.each(vectors)("is the one the helper binds for $path", ({ path: preferredPath, tmpdir, uid, socket }) => {
    expect(helperSocketPath({ preferredPath, tmpdir, uid })).toBe(socket);
  });

  it("lives in the support folder when that is short enough", () => {
    expect(helperSocketPath({ supportDir: "/tmp/support" })).toBe("/tmp/support/helper.sock");
  });
});

describe("the helper version the client expects", () => {
  it("is the version of the helper in this checkout", async () => {
    const init = await readFile(
      path.join(__dirname, "..", "..", "..", "helper", "src", "mlx_polish_helper", "__init__.py"),
      "utf8",
    );
    expect(init).toContain(`__version__ = "${HELPER_VERSION}"`);
  });
});
