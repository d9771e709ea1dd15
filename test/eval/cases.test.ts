import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { caseVocabulary, readCases } from "../../eval/cases";

async function casesFile(lines: object[]): Promise<string> {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), "mlx-polish-cases-")), "cases.jsonl");
  await writeFile(file, lines.map((line) => JSON.stringify(line)).join("\n"));
  return file;
}

describe("the eval's per-app and vocabulary cases", () => {
  it("take the style from the app through the App Styles rules, by name or bundle id", async () => {
    const file = await casesFile([
      { id: "a", app: "Slack", input: "hi", tags: [] },
      { id: "b", app: "com.apple.mail", input: "hi", tags: [] },
    ]);
    expect(readCases(file).map((item) => item.style)).toEqual(["casual", "email"]);
  });

  it("refuse an app no rule names, or a style the rules would not pick, naming the line", async () => {
    const unknown = await casesFile([{ id: "a", app: "Xcode", input: "hi", tags: [] }]);
    expect(() => readCases(unknown)).toThrow(/:1: no rule of EVAL_APP_STYLES names the app Xcode/);
    const mismatch = await casesFile([
      { id: "a", style: "casual", input: "hi", tags: [] },
      { id: "b", app: "Slack", style: "formal", input: "hi", tags: [] },
    ]);
    expect(() => readCases(mismatch)).toThrow(/:2: the rules give Slack the style casual, not formal/);
  });

  it("read a case's vocabulary as a vocabulary file's lines, and refuse one with a bad line", async () => {
    const file = await casesFile([
      { id: "a", style: "clean-up", input: "hi", vocabulary: ["Jon", "a -> b"], tags: [] },
    ]);
    expect(caseVocabulary(readCases(file)[0])).toEqual([{ written: "Jon" }, { heard: "a", written: "b" }]);
    const bad = await casesFile([{ id: "a", style: "clean-up", input: "hi", vocabulary: ["a -> b -> c"], tags: [] }]);
    expect(() => readCases(bad)).toThrow(/Line 1 has more than one "->"/);
  });

  it("are in the reference set: 6 or more vocabulary cases and a few per-app ones", () => {
    const cases = readCases();
    expect(
      cases.filter((item) => item.tags.includes("vocabulary") && item.vocabulary?.length).length,
    ).toBeGreaterThanOrEqual(6);
    expect(cases.filter((item) => item.tags.includes("app-style") && item.app).length).toBeGreaterThanOrEqual(3);
  });
});
