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
