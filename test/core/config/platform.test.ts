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

describe("Apple Silicon detection from what the machine reports", () => {
  const asked: string[] = [];
  const sysctl = (answer: string | undefined) => (name: string) => {
    asked.push(name);
    return answer;
  };
  const assumed = process.env.MLX_POLISH_ASSUME_APPLE_SILICON;
  beforeEach(() => {
    asked.length = 0;
    delete process.env.MLX_POLISH_ASSUME_APPLE_SILICON;
  });
  afterAll(() => {
    if (assumed !== undefined) process.env.MLX_POLISH_ASSUME_APPLE_SILICON = assumed;
  });

  it("is true for an arm64 Node on macOS", () => {
    expect(isAppleSilicon({ platform: "darwin", arch: "arm64", sysctl: sysctl(undefined) })).toBe(true);
  });

  it("is true for an x64 Node under Rosetta on Apple Silicon", () => {
    expect(isAppleSilicon({ platform: "darwin", arch: "x64", sysctl: sysctl("1") })).toBe(true);
    expect(asked).toEqual(["sysctl.proc_translated"]);
  });

  it("is false on an Intel Mac, whose kernel has no translation flag", () => {
    expect(isAppleSilicon({ platform: "darwin", arch: "x64", sysctl: sysctl(undefined) })).toBe(false);
    expect(isAppleSilicon({ platform: "darwin", arch: "x64", sysctl: sysctl("0") })).toBe(false);
  });

  it("is false on Linux, even on arm64, without asking the kernel", () => {
    expect(isAppleSilicon({ platform: "linux", arch: "arm64", sysctl: sysctl("1") })).toBe(false);
    expect(isAppleSilicon({ platform: "linux", arch: "x64", sysctl: sysctl("1") })).toBe(false);
    expect(asked).toEqual([]);
  });
});
