import { canRunHelper, isAppleSilicon, setAppleSiliconOverride, setCanRunHelperOverride } from "../../../src/core";

afterEach(() => setAppleSiliconOverride(undefined));

describe("the Apple Silicon check", () => {
  it("is false on this Linux machine, where MLX-specific features must stay hidden", () => {
    if (process.platform === "darwin") return;
    expect(isAppleSilicon()).toBe(false);
  });

  it("can be decided by tests", () => {
    setAppleSiliconOverride(true);
    expect(isAppleSilicon()).toBe(true);
    setAppleSiliconOverride(false);
    expect(isAppleSilicon()).toBe(false);
  });
});

describe("where the helper can run", () => {
  afterEach(() => setCanRunHelperOverride(undefined));

  it("includes Linux on x86-64 and arm64, where mlx-lm's CPU and CUDA wheels run", () => {
    expect(canRunHelper({ platform: "linux", arch: "x64" })).toBe(true);
    expect(canRunHelper({ platform: "linux", arch: "arm64" })).toBe(true);
    expect(canRunHelper({ platform: "linux", arch: "ia32" })).toBe(false);
  });

  it("includes a Mac only with Apple Silicon, and never Windows", () => {
    expect(canRunHelper({ platform: "darwin", arch: "arm64", isAppleSilicon: () => true })).toBe(true);
    expect(canRunHelper({ platform: "darwin", arch: "x64", isAppleSilicon: () => false })).toBe(false);
    expect(canRunHelper({ platform: "win32", arch: "x64" })).toBe(false);
  });

  it("holds on this Linux machine without any variable, while Raycast's Apple Silicon check stays false", () => {
    if (process.platform !== "linux") return;
    expect(canRunHelper()).toBe(true);
    expect(isAppleSilicon()).toBe(false);
  });
});
