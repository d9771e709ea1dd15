import manifest from "../../../package.json";
import { parseUnloadAfter } from "../../../src/core";

describe("the Unload Model After preference", () => {
  it("means never for 'never' and seconds otherwise", () => {
    expect(parseUnloadAfter("never")).toBeNull();
    expect(parseUnloadAfter("0")).toBe(0);
    expect(parseUnloadAfter("300")).toBe(300);
  });

  it("understands every choice the manifest offers", () => {
    const preference = manifest.preferences.find((entry) => entry.name === "unloadAfter")!;
    for (const choice of preference.data!) expect(() => parseUnloadAfter(choice.value)).not.toThrow();
  });

  it("refuses anything else with a clear message", () => {
    expect(() => parseUnloadAfter("5 minutes")).toThrow(/"never" or a number of seconds, not "5 minutes"/);
  });
});
