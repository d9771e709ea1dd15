import { acceptRewrite } from "../../../src/core";
import { MAX_SALVAGED_PARTS, retryHint, salvage } from "../../../src/core/polish/salvage";
import { applySpokenCorrections } from "../../../src/core/polish/words";

describe("applySpokenCorrections", () => {
  it.each([
    ["um lets meet on tuesday no wait wednesday at three", "um lets meet on wednesday at three"],
    ["we need seven chairs sorry eight chairs", "we need eight chairs"],
    ["the office in boston wait no in chicago", "the office in chicago"],
    ["the budget is five thousand i mean fifty thousand dollars", "the budget is fifty thousand dollars"],
    ["call extension two one two actually two one three", "call extension two one three"],
  ])("takes back what the speaker corrected: %s", (dictated, corrected) => {
    expect(applySpokenCorrections(dictated)).toBe(corrected);
  });

  it.each([
    "no i don't think so",
    "the answer is no we will not ship",
    "i actually like the new design",
    "send it to anna and to bob",
  ])("leaves a dictation without a correction as said: %s", (dictated) => {
    expect(applySpokenCorrections(dictated)).toBe(dictated);
  });
});

describe("salvage", () => {
  const input = "the invoice is due on friday. we owe them fifty dollars.";
  // The first sentence is kept, the second lost its amount: one part to ask for again.
  const refused = acceptRewrite({
    input,
    output: "The invoice is due on Friday. We owe them money.",
    style: "clean-up",
  });

  it("asks again only for the refused sentence, with the reason, and keeps a faithful second try", async () => {
    expect(refused.outcome).toBe("partial");
    const asked: Array<[string, string]> = [];
    const result = await salvage(refused, "clean-up", async (text, hint) => {
      asked.push([text, hint]);
      return "We owe them $50.";
    });
    expect(asked).toHaveLength(1);
    expect(asked[0][0]).toBe("we owe them fifty dollars.");
    expect(asked[0][1]).toContain("50");
    expect(result.outcome).toBe("polished");
    expect(result.text).toBe("The invoice is due on Friday. We owe them $50.");
  });

  it("keeps the dictated words when the second try is unfaithful too", async () => {
    const result = await salvage(refused, "clean-up", async () => "We owe them $15.");
    expect(result.outcome).toBe("partial");
    expect(result.text).toContain("we owe them fifty dollars.");
    expect(result.check?.faithful).toBe(false);
  });

  it("asks the model again with the correction applied, but judges against what was said", async () => {
    const dictated = "meet on tuesday no wait wednesday";
    const first = acceptRewrite({ input: dictated, output: "Meet on Tuesday.", style: "clean-up" });
    const seen: string[] = [];
    const result = await salvage(first, "clean-up", async (text) => {
      seen.push(text);
      return "Meet on Wednesday.";
    });
    expect(seen).toEqual(["meet on wednesday"]);
    expect(result.outcome).toBe("polished");
  });

  it("asks for each dictated sentence alone when the rewrite merged them, and keeps the faithful ones", async () => {
    const dictated = "the van is booked for friday period we pay forty dollars period";
    const first = acceptRewrite({ input: dictated, output: "The van is booked; we pay $14.", style: "clean-up" });
    expect(first).toMatchObject({ outcome: "unfaithful", text: dictated, keptSentences: 2, sentences: 2 });
    const asked: string[] = [];
    const result = await salvage(first, "clean-up", async (text) => {
      asked.push(text);
      return text.startsWith("the van") ? "The van is booked for Friday." : "We pay $4.";
    });
    expect(asked).toEqual(["the van is booked for friday period", "we pay forty dollars period"]);
    expect(result).toMatchObject({ outcome: "partial", keptSentences: 1, sentences: 2 });
    expect(result.text).toBe("The van is booked for Friday. we pay forty dollars period");
  });

  it(`asks for at most ${MAX_SALVAGED_PARTS} sentences of one piece`, async () => {
    const many = Array.from({ length: 5 }, (_, i) => `item ${i + 1} costs ${i + 10} dollars.`).join(" ");
    const bad = Array.from({ length: 5 }, (_, i) => `Item ${i + 1} costs ${i + 90} dollars.`).join(" ");
    const first = acceptRewrite({ input: many, output: bad, style: "clean-up" });
    let calls = 0;
    await salvage(first, "clean-up", async () => {
      calls++;
      return "Nothing useful.";
    });
    expect(calls).toBe(MAX_SALVAGED_PARTS);
  });

  it("stops asking once the polish is cancelled", async () => {
    const controller = new AbortController();
    controller.abort();
    let calls = 0;
    const result = await salvage(refused, "clean-up", async () => (calls++, "We owe them $50."), controller.signal);
    expect(calls).toBe(0);
    expect(result.text).toContain("we owe them fifty dollars.");
  });

  it("tells the model what its last try lost", () => {
    expect(retryHint(refused.check!)).toMatch(/refused/);
  });
});
