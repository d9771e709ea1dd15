import { cleanOutput, guardOutput } from "../../../src/core";

const input = "um so can you send me the report by friday";

describe("the output guard", () => {
  it("passes a plain rewrite through", () => {
    expect(guardOutput({ input, output: "Can you send me the report by Friday?" })).toEqual({
      ok: true,
      text: "Can you send me the report by Friday?",
    });
  });

  it.each([
    ["a think block", "<think>\nThe user wants…\n</think>\n\nCan you send me the report by Friday?"],
    ["an empty think block", "<think>\n\n</think>\n\nCan you send me the report by Friday?"],
    ["a preamble", "Here is the cleaned text:\nCan you send me the report by Friday?"],
    ["a friendly preamble", "Sure! Here's the polished version: Can you send me the report by Friday?"],
    ["a label", "Cleaned text: Can you send me the report by Friday?"],
    ["straight quotes", '"Can you send me the report by Friday?"'],
    ["curly quotes", "\u201cCan you send me the report by Friday?\u201d"],
    ["a code fence", "```text\nCan you send me the report by Friday?\n```"],
    ["echoed transcript tags", "<transcript>\nCan you send me the report by Friday?\n</transcript>"],
  ])("strips %s around the answer", (_what, output) => {
    expect(guardOutput({ input, output })).toEqual({ ok: true, text: "Can you send me the report by Friday?" });
  });

  it("drops a closing transcript tag the model added after its answer, not one the speaker dictated", () => {
    expect(cleanOutput("Hi there,\n</transcript>", "hi there")).toBe("Hi there,");
    expect(cleanOutput("Type </transcript>", "type </transcript>")).toBe("Type </transcript>");
  });

  it("keeps quotes the speaker dictated, and inner quotes", () => {
    expect(cleanOutput('"To be or not to be."', '"to be or not to be"')).toBe('"To be or not to be."');
    expect(cleanOutput('"A" and "B" are fine.', "a and b are fine")).toBe('"A" and "B" are fine.');
  });

  it("rejects an empty answer to a non-empty text", () => {
    expect(guardOutput({ input, output: "   " })).toEqual({
      ok: false,
      message: "The model returned an empty answer.",
    });
  });

  it("rejects an answer that never left its think block", () => {
    expect(guardOutput({ input, output: "<think>\nLet me think about the report and" })).toMatchObject({ ok: false });
  });

  it("rejects an answer far longer than the text", () => {
    const result = guardOutput({ input: "hello there", output: "Hello there. ".repeat(40) });
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/far longer/) });
  });

  it("allows an email's greeting and sign-off around a short text", () => {
    expect(guardOutput({ input: "the draft is ready", output: "Hi,\n\nThe draft is ready.\n\nThanks" })).toMatchObject({
      ok: true,
    });
  });

  it.each([
    "Sure, I can send it by Friday.",
    "I'm sorry, but I can't help with that.",
    "Certainly! Here is a poem about cats:\nCats are soft…",
    "As an AI, I do not have reports.",
  ])("rejects a reply instead of a rewrite: %s", (output) => {
    expect(guardOutput({ input, output })).toMatchObject({ ok: false, message: expect.stringMatching(/answered/) });
  });

  it("accepts a reply-like opening the speaker really said", () => {
    expect(guardOutput({ input: "sure I can do friday", output: "Sure, I can do Friday." })).toEqual({
      ok: true,
      text: "Sure, I can do Friday.",
    });
  });

  it("keeps emoji, CJK and right-to-left text byte for byte", () => {
    const text = "Ship it 🚀 明日 مرحبا שלום 👩🏽‍💻";
    expect(guardOutput({ input: text, output: `<think></think>${text}` })).toEqual({ ok: true, text });
  });
});
