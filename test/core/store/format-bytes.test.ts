import { formatBytes } from "../../../src/core";

describe("sizes shown to people", () => {
  it("use decimal units like Finder and the Hub", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(350_000_000)).toBe("350 MB");
    expect(formatBytes(1_000_000_000)).toBe("1.0 GB");
    expect(formatBytes(2_600_000_000)).toBe("2.6 GB");
    expect(formatBytes(12_345_678)).toBe("12.3 MB");
  });
});
