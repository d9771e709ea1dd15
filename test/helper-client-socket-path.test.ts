import vectors from "../helper/socket-path-vectors.json";
import { helperSocketPath } from "../src/core";

describe("the helper's socket path", () => {
  it.each(vectors)("is the one the helper binds for $path", ({ path, tmpdir, uid, socket }) => {
    expect(helperSocketPath({ preferredPath: path, tmpdir, uid })).toBe(socket);
  });

  it("lives in the support folder when that is short enough", () => {
    expect(helperSocketPath({ supportDir: "/tmp/support" })).toBe("/tmp/support/helper.sock");
  });
});
