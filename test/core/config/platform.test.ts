import { isAppleSilicon, setAppleSiliconOverride } from "../../../src/core";

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
