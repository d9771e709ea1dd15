import type { PolishResult } from "../../src/core";
import { readCases } from "../../eval/cases";
import { scoreCase, wordErrorRate } from "../../eval/score";

const item = {
  id: "correction-01",
  style: "clean-up" as const,
  input: "um so i think we should uh meet on tuesday no wait wednesday at three",
  reference: "I think we should meet on Wednesday at 3.",
  facts: ["wednesday", "3"],
  forbidden: ["tuesday"],
  tags: ["self-correction"],
};

function result(text: string, outcome: PolishResult["outcome"], reason?: PolishResult["reason"]): PolishResult {
  return {
    text,
    polished: outcome !== "original",
    outcome,
    reason,
    model: "m",
    style: "clean-up",
    timings: { totalMs: 1234 },
  };
}

describe("the eval's scoring", () => {
  it("counts an accepted rewrite that reverted a correction as unfaithful", () => {
    const score = scoreCase(item, result("I think we should meet on Tuesday.", "polished"));
    expect(score).toMatchObject({ accepted: true, faithful: false, missingFacts: ["wednesday", "3"], lost: false });
  });

  it("scores a faithful rewrite as faithful and cleaned, with its WER", () => {
    const score = scoreCase(item, result("I think we should meet on Wednesday at 3.", "polished"));
    expect(score).toMatchObject({ faithful: true, answered: false, cleaned: true, wer: 0 });
  });

  it("counts a fallback as faithful, not cleaned, and never lost when the text is the input", () => {
    const score = scoreCase(item, result(item.input, "original", "unfaithful"));
    expect(score).toMatchObject({ accepted: false, faithful: true, cleaned: false, lost: false });
    expect(scoreCase(item, result("", "original", "internal")).lost).toBe(true);
  });

  it("flags an answer by its answer-only phrase", () => {
    const question = { ...item, input: "what is the capital of france", facts: ["france"], forbidden: ["paris"] };
    expect(scoreCase(question, result("The capital of France is Paris.", "polished")).answered).toBe(true);
  });

  it("measures word error rate on normalised words", () => {
    expect(wordErrorRate("Meet at 3 on March 15.", "meet at three on march fifteenth")).toBe(0);
    expect(wordErrorRate("a b c d", "a x c")).toBe(0.5);
  });

  it("reads a well-formed reference set of at least 120 cases", () => {
    const cases = readCases();
    expect(cases.length).toBeGreaterThanOrEqual(120);
    for (const tag of [
      "self-correction",
      "question",
      "command",
      "injection",
      "german",
      "french",
      "spanish",
      "chinese",
    ]) {
      expect(cases.some((entry) => entry.tags.includes(tag))).toBe(true);
    }
  });
});
