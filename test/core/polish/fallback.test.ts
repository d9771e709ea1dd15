import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { findModel, polish, setCanRunHelperOverride } from "../../../src/core";
import { cachedModel, polishFolders } from "./polish-fixtures";

const UNICODE = "Ship it 🚀 tomorrow — 明日の会議 / مرحبا بالعالم / שלום 👩🏽‍💻\n";

beforeEach(() => setCanRunHelperOverride(true));
afterEach(() => {
  setCanRunHelperOverride(undefined);
  delete process.env.MLX_POLISH_HELPER;
});

describe("polishing falls back to the original text", () => {
  it("returns empty or blank input at once, untouched, without starting anything", async () => {
    for (const text of ["", "   \n\t "]) {
      const result = await polish({ text, supportDir: "/nonexistent/support" });
      expect(result).toMatchObject({ text, polished: false, reason: "empty_input" });
      expect(result.timings.totalMs).toBeLessThan(50);
    }
  });

  it("on a machine without Apple Silicon, saying so", async () => {
    setCanRunHelperOverride(false);
    const result = await polish({ text: UNICODE });
    expect(result).toMatchObject({ text: UNICODE, polished: false, reason: "unsupported_platform" });
    expect(result.message).toMatch(/Apple Silicon/);
  });

  it("for a model id the catalogue does not know, listing the known ones", async () => {
    const result = await polish({ text: UNICODE, modelId: "llama-70b" });
    expect(result).toMatchObject({ text: UNICODE, polished: false, reason: "unknown_model", model: "llama-70b" });
    expect(result.message).toMatch(/qwen3-1\.7b/);
  });

  it("when the model is not downloaded, naming it and how to get it", async () => {
    const { supportDir, cacheDir } = await polishFolders();
    const result = await polish({ text: UNICODE, modelId: "gemma3-1b", supportDir, cacheDir });
    expect(result).toMatchObject({
      text: UNICODE,
      polished: false,
      reason: "model_not_downloaded",
      model: "gemma3-1b",
    });
    expect(result.message).toContain(findModel("gemma3-1b").title);
    expect(result.message).toMatch(/Download it in Manage Local Models/);
  });

  it("when the downloaded model is missing its weights", async () => {
    const { supportDir, cacheDir } = await polishFolders();
    const repoFolder = path.join(cacheDir, "models--mlx-community--Qwen3-1.7B-4bit");
    await mkdir(path.join(repoFolder, "snapshots", "abc"), { recursive: true });
    await mkdir(path.join(repoFolder, "refs"));
    await writeFile(path.join(repoFolder, "refs", "main"), "abc");
    await writeFile(path.join(repoFolder, "snapshots", "abc", "config.json"), "{}");
    const result = await polish({ text: UNICODE, supportDir, cacheDir });
    expect(result).toMatchObject({ text: UNICODE, polished: false, reason: "model_corrupt" });
    expect(result.message).toMatch(/damaged.*download it again/);
  });

  it("when the helper program is missing, saying the helper could not start", async () => {
    const { supportDir, cacheDir } = await polishFolders();
    await cachedModel({ cacheDir, modelId: "qwen3-1.7b" });
    process.env.MLX_POLISH_HELPER = path.join(supportDir, "no-such-helper");
    const result = await polish({ text: UNICODE, supportDir, cacheDir });
    expect(result).toMatchObject({ text: UNICODE, polished: false, reason: "helper_unavailable" });
    expect(result.message).toMatch(/exited before it was ready.*ENOENT/s);
  });

  it("when the helper dies on start, with how it ended", async () => {
    const { supportDir, cacheDir } = await polishFolders();
    await mkdir(supportDir, { recursive: true });
    await cachedModel({ cacheDir, modelId: "qwen3-1.7b" });
    const helper = path.join(supportDir, "crashing-helper");
    await writeFile(helper, "#!/bin/sh\necho 'cannot import mlx' >&2\nexit 3\n", { mode: 0o755 });
    process.env.MLX_POLISH_HELPER = helper;
    const result = await polish({ text: UNICODE, supportDir, cacheDir });
    expect(result).toMatchObject({ text: UNICODE, polished: false, reason: "helper_unavailable" });
    expect(result.message).toMatch(/exit code 3/);
  });
});
