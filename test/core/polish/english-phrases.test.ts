import { checkFaithfulness, type StyleId } from "../../../src/core";
import { lexicon } from "../../../src/core/polish";

const judge = (input: string, output: string, style: StyleId) => checkFaithfulness({ input, output, style });

describe("English phrases that mean a word", () => {
  it.each([
    ["putting off", "postpone"],
    ["went up", "rise"],
    ["at the same time", "simultaneously"],
    ["for the time being", "for the moment"],
  ])("reads %j and %j as equivalent, the phrase in any form", (phrase, word) => {
    expect(lexicon().relation(phrase, word)).toBeDefined();
  });

  it.each([
    ["from time to time the alarm goes off", "Occasionally the alarm goes off.", "formal"],
    ["both speakers talked at the same time", "Both speakers talked simultaneously.", "formal"],
    ["the parade will take place on the main road", "The parade will happen on the main road.", "casual"],
    [
      "they decided to call off the parade and put off the fair",
      "They decided to cancel the parade and postpone the fair.",
      "formal",
    ],
  ] as const)("accepts %j → %j, a phrase written as the word WordNet gives for it", (input, output, style) => {
    expect(judge(input, output, style)).toMatchObject({ faithful: true });
  });

  it("keeps an exact clean-up to the words said", () => {
    expect(
      judge("the parade will take place on the main road", "The parade will happen on the main road.", "clean-up"),
    ).toMatchObject({ faithful: false });
  });
});

describe("a reason given with 'since'", () => {
  it("reads 'since' before a clause as 'because', and before a day as a time", () => {
    const reason = "the picnic is off because it's going to rain all day";
    expect(judge(reason, "Picnic's off since it's gonna rain all day.", "casual").faithful).toBe(true);
    expect(judge("we haven't talked since monday", "We haven't talked because of Monday.", "casual").faithful).toBe(
      false,
    );
  });
});

describe("a phrase changed into another", () => {
  it.each([
    ["the rent will go up in spring", "The rent will go down in spring.", "formal", ["up", "down"]],
    ["the price went up again", "The price went down again.", "concise", ["up", "down"]],
    ["please turn the heater on before noon", "Please turn the heater off before noon.", "casual", ["on", "off"]],
  ] as const)("refuses %j → %j, a particle turned into its opposite", (input, output, style, moved) => {
    expect(judge(input, output, style)).toMatchObject({ faithful: false, moved: expect.arrayContaining([...moved]) });
  });

  it("refuses a phrasal verb replaced by one WordNet says means something else", () => {
    const check = judge(
      "we need to put off the launch until the contract is signed",
      "We need to bring forward the launch until the contract is signed.",
      "formal",
    );
    expect(check).toMatchObject({ faithful: false, lost: ["put"] });
  });

  it("still accepts the phrasal verb replaced by its equivalent", () => {
    const check = judge(
      "we need to put off the launch until the contract is signed",
      "We need to postpone the launch until the contract is signed.",
      "formal",
    );
    expect(check).toMatchObject({ faithful: true });
  });
});

describe("different kinds of one thing", () => {
  it.each([
    [
      "a room by another room",
      "please ask the landlord to fix the heater in the bedroom before the weekend",
      "Please ask the landlord to repair the heater in the bathroom before the weekend.",
    ],
    [
      "a dish by another dish",
      "tell grandma we will bring the potato salad on sunday",
      "Tell Grandma we will bring the pasta salad on Sunday.",
    ],
  ])("refuses %s in a rephrasing", (_what, input, output) => {
    expect(checkFaithfulness({ input, output, style: "formal" }).faithful).toBe(false);
  });

  it("still lets a rephrasing use a broader or a plainer word", () => {
    expect(lexicon().siblings("car", "vehicle")).toBe(false);
    expect(
      checkFaithfulness({
        input: "we intend to purchase a new vehicle once we have saved sufficient funds",
        output: "We're planning to buy a new car once we've saved up enough money.",
        style: "casual",
      }).faithful,
    ).toBe(true);
  });
});
