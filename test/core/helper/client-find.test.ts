import { chmod, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { findHelper } from "../../../src/core";

const root = path.resolve(__dirname, "..", "..", "..");

afterEach(() => {
  delete process.env.MLX_POLISH_HELPER;
});

describe("finding the helper", () => {
  it("takes MLX_POLISH_HELPER as an executable path, or as a command line", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "helper-"));
    const executable = path.join(dir, "my helper");
    await writeFile(executable, "#!/bin/sh\n");
    process.env.MLX_POLISH_HELPER = executable;
    expect(await findHelper()).toEqual({ file: executable, args: [] });
    process.env.MLX_POLISH_HELPER = "/opt/python -m mlx_polish_helper";
    expect(await findHelper()).toEqual({ file: "/opt/python", args: ["-m", "mlx_polish_helper"] });
  });

  it("prefers the frozen helper in the extension's assets", async () => {
    const assetsDir = await mkdtemp(path.join(os.tmpdir(), "assets-"));
    const frozen = path.join(assetsDir, "helper", "mlx-polish-helper", "mlx-polish-helper");
    await mkdir(path.dirname(frozen), { recursive: true });
    await writeFile(frozen, "");
    await chmod(frozen, 0o755);
    expect(await findHelper({ assetsDir })).toEqual({ file: frozen, args: [] });
  });

  it("falls back to the development venv of this checkout", async () => {
    const assetsDir = await mkdtemp(path.join(os.tmpdir(), "assets-"));
    expect(await findHelper({ assetsDir })).toEqual({
      file: path.join(root, "helper", ".venv", "bin", "python"),
      args: ["-m", "mlx_polish_helper"],
    });
  });
});
