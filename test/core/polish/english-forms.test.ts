import { checkFaithfulness, type StyleId } from "../../../src/core";
import { lexicon } from "../../../src/core/polish";

const judge = (input: string, output: string, style: StyleId) => checkFaithfulness({ input, output, style });

describe("irregular English forms", () => {
  it.each([
    ["went", "go"],
    ["took", "taken"],
    ["mice", "mouse"],
    ["worse", "bad"],
  ])("reads %j as a form of %j", (form, base) => {
    expect(lexicon().relation(form, base)).toBe("same");
  });

  it.each([
    ["the kids loved the new playground", "The children loved the new playground.", "concise"],
    ["sales went up last month", "Sales rose last month.", "concise"],
    ["the team chose the blue design", "The team selected the blue design.", "formal"],
  ] as const)("accepts %j → %j, an irregular form replaced by an equivalent", (input, output, style) => {
    expect(judge(input, output, style)).toMatchObject({ faithful: true });
  });
});

describe("a verb's tense, a fact of its own", () => {
  it.each([
    ["a plan written as done", "they are going to hire a designer", "They hired a designer.", "concise", "hired"],
    [
      "a promise written as done",
      "we will send the contract on monday",
      "We sent the contract on Monday.",
      "formal",
      "sent",
    ],
    [
      "a past event written as a habit",
      "we shipped the order on friday",
      "We ship the order on Friday.",
      "casual",
      "ship",
    ],
    ["an irregular past made present", "she took the early train", "She takes the early train.", "formal", "takes"],
  ] as const)("refuses %s", (_what, input, output, style, added) => {
    expect(judge(input, output, style)).toMatchObject({ faithful: false, added: expect.arrayContaining([added]) });
  });

  it("refuses an irregular past written as a future", () => {
    const result = judge("i went to the bank this morning", "I will go to the bank this morning.", "formal");
    expect(result).toMatchObject({ faithful: false, added: expect.arrayContaining(["go"]) });
  });

  it.each([
    ["a passive made active", "the invoice has to be paid by friday", "You must pay the invoice by Friday.", "formal"],
    ["a past kept past", "we finished the report yesterday", "We completed the report yesterday.", "formal"],
  ] as const)("accepts %s", (_what, input, output, style) => {
    expect(judge(input, output, style)).toMatchObject({ faithful: true });
  });
});

describe("function words a rephrasing writes another way", () => {
  it.each([
    ["the tickets were about forty dollars", "The tickets cost approximately $40."],
    ["you will get an email tomorrow", "You will receive an email tomorrow."],
  ])("accepts %j → %j, a function word replaced by its equivalent", (input, output) => {
    expect(judge(input, output, "formal")).toMatchObject({ faithful: true });
  });

  it("keeps Clean Up to the dictated words", () => {
    const result = judge("you will get an email tomorrow", "You will receive an email tomorrow.", "clean-up");
    expect(result).toMatchObject({ faithful: false, added: ["receive"] });
  });
});

describe("who does what to whom, told by pronouns", () => {
  it.each([
    ["the landlord owes me three hundred dollars", "I owe the landlord $300.", ["me", "i"]],
    ["my sister called us last night", "We called my sister last night.", ["us", "we"]],
  ])("refuses %j → %j", (input, output, moved) => {
    expect(judge(input, output, "formal")).toMatchObject({ faithful: false, moved: expect.arrayContaining(moved) });
  });

  it("accepts a passive that keeps the roles", () => {
    const result = judge("they told us the office is closed", "We were told the office is closed.", "formal");
    expect(result).toMatchObject({ faithful: true });
  });
});
