import { splitText } from "../../../src/core";

const rejoin = (pieces: { text: string; gap: string }[]) => pieces.map((piece) => piece.text + piece.gap).join("");

describe("splitting long dictation", () => {
  it("leaves text within the limit whole", () => {
    expect(splitText("One sentence. Two.", 100)).toEqual([{ text: "One sentence. Two.", gap: "" }]);
  });

  it("cuts at paragraph breaks first", () => {
    const text = `${"a".repeat(30)}. ${"b".repeat(30)}.\n\n${"c".repeat(30)}.`;
    const pieces = splitText(text, 80);
    expect(pieces.map((piece) => piece.text)).toEqual([`${"a".repeat(30)}. ${"b".repeat(30)}.`, `${"c".repeat(30)}.`]);
    expect(pieces[0].gap).toBe("\n\n");
  });

  it("cuts at sentence ends when a paragraph is too long, including CJK ones without spaces", () => {
    const latin = splitText("First sentence here. Second sentence here. Third one.", 45);
    expect(latin.map((piece) => piece.text)).toEqual(["First sentence here. Second sentence here.", "Third one."]);
    const cjk = splitText("今日は晴れです。明日は雨です。明後日は雪です。", 16);
    expect(cjk.map((piece) => piece.text)).toEqual(["今日は晴れです。明日は雨です。", "明後日は雪です。"]);
  });

  it("never loses, reorders or changes a character, whatever the text", () => {
    const text = "Hello 👋🏽 world. مرحبا بالعالم! 你好，世界。\nnew line\n\n  indented para. ".repeat(40);
    for (const limit of [10, 37, 200, 1500]) {
      const pieces = splitText(text, limit);
      expect(rejoin(pieces)).toBe(text);
      for (const piece of pieces) expect(piece.text.length).toBeLessThanOrEqual(limit);
    }
  });

  it("cuts a run without any boundary at the limit", () => {
    const pieces = splitText("x".repeat(25), 10);
    expect(pieces.map((piece) => piece.text.length)).toEqual([10, 10, 5]);
  });
});

describe("splitting text without any boundary", () => {
  it("never cuts an emoji in half", () => {
    const pieces = splitText("😀".repeat(12), 7);
    for (const piece of pieces) expect(Buffer.from(piece.text, "utf8").toString("utf8")).toBe(piece.text);
    expect(pieces.map((piece) => piece.text).join("")).toBe("😀".repeat(12));
  });
});
