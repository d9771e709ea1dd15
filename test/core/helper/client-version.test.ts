import { setAppleSiliconOverride, stopHelper } from "../../../src/core";
import { ensureHelper } from "../../../src/core/helper/ensure-helper";
import { polishFolders } from "../polish/polish-fixtures";
import path from "node:path";

// This client expects another helper version than the one installed, as after an extension update
// while the previous version's helper still runs.
jest.mock("../../../src/core/helper/helper-constants", () => ({
  ...jest.requireActual("../../../src/core/helper/helper-constants"),
  HELPER_VERSION: "0.0.0-other",
}));

const root = path.resolve(__dirname, "..", "..", "..");

afterAll(() => {
  delete process.env.MLX_POLISH_HELPER;
  setAppleSiliconOverride(undefined);
});

describe("a running helper of another version", () => {
  it("is shut down and replaced by a fresh one", async () => {
    process.env.MLX_POLISH_HELPER = `${path.join(root, "helper", ".venv", "bin", "python")} -m mlx_polish_helper`;
    const { supportDir } = await polishFolders();
    const old = await ensureHelper({ supportDir });
    old.connection.close();
    expect(old.hello.helper_version).not.toBe("0.0.0-other");

    const fresh = await ensureHelper({ supportDir });
    fresh.connection.close();
    expect(fresh.hello.pid).not.toBe(old.hello.pid);
    expect(() => process.kill(old.hello.pid, 0)).toThrow();
    await stopHelper({ supportDir });
  });
});
