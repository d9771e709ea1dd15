import os from "node:os";
import path from "node:path";
import { hubCacheDir, supportDir } from "../../../src/core";

// Where models and state live is documented in the README ("Where models live", "CLI" › Environment).
const saved = { ...process.env };
beforeEach(() => {
  for (const name of ["HF_HUB_CACHE", "HF_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "MLX_POLISH_SUPPORT_DIR"])
    delete process.env[name];
});
afterAll(() => {
  process.env = saved;
});

describe("the Hugging Face cache, found as huggingface_hub finds it", () => {
  it("is HF_HUB_CACHE when set, before anything else", () => {
    process.env.HF_HUB_CACHE = "/models/hub";
    process.env.HF_HOME = "/hf";
    process.env.XDG_CACHE_HOME = "/xdg";
    expect(hubCacheDir()).toBe("/models/hub");
  });

  it("is $HF_HOME/hub when HF_HOME is set", () => {
    process.env.HF_HOME = "/hf";
    process.env.XDG_CACHE_HOME = "/xdg";
    expect(hubCacheDir()).toBe("/hf/hub");
  });

  it("is $XDG_CACHE_HOME/huggingface/hub when only XDG_CACHE_HOME is set", () => {
    process.env.XDG_CACHE_HOME = "/xdg";
    expect(hubCacheDir()).toBe("/xdg/huggingface/hub");
  });

  it("is ~/.cache/huggingface/hub otherwise", () => {
    expect(hubCacheDir()).toBe(path.join(os.homedir(), ".cache", "huggingface", "hub"));
  });
});

describe("MLX Polish's support folder", () => {
  it("on a Mac is the folder Raycast gives the extension, so the CLI and the extension share state", () => {
    expect(supportDir(undefined, "darwin")).toBe(
      `${os.homedir()}/Library/Application Support/com.raycast.macos/extensions/mlx-polish`,
    );
  });

  it("is the one Raycast passes, else MLX_POLISH_SUPPORT_DIR", () => {
    process.env.MLX_POLISH_SUPPORT_DIR = "/state";
    expect(supportDir("/raycast/support", "darwin")).toBe("/raycast/support");
    expect(supportDir(undefined, "darwin")).toBe("/state");
  });

  it("elsewhere follows XDG_STATE_HOME, else ~/.local/state", () => {
    expect(supportDir(undefined, "linux")).toBe(`${os.homedir()}/.local/state/mlx-polish`);
    process.env.XDG_STATE_HOME = "/xdg-state";
    expect(supportDir(undefined, "linux")).toBe("/xdg-state/mlx-polish");
  });
});
