import { checkFaithfulness, comparableWords, type StyleId } from "../../../src/core";

const judge = (input: string, output: string, style: StyleId = "clean-up") =>
  checkFaithfulness({ input, output, style });

describe("English amounts, rates and clock times as people write them", () => {
  it.each([
    ["four point seven five million", "4.75 million"],
    ["three point two million bucks", "$3.2 million"],
    ["eighteen grand", "$18,000"],
    ["fifteen bucks a day", "$15 per day"],
    ["six percent a year", "6% per year"],
    ["four in the afternoon", "4 p.m."],
    ["six thirty in the morning", "6:30 a.m."],
    ["eight in the evening", "8 pm"],
    ["eleven at night", "11 p.m."],
    ["two at night", "2 a.m."],
    ["back in one week", "back in a week"],
  ])("reads %j as %j", (said, written) => {
    expect(comparableWords(said)).toEqual(comparableWords(written));
  });

  it.each([
    ["the deal is worth three point two million bucks", "The deal is worth $3.2 million."],
    ["the car cost eighteen grand", "The car cost $18,000."],
    ["parking is fifteen bucks a day", "Parking is $15 per day."],
    ["the call is at four in the afternoon", "The call is at 4 p.m."],
  ])("accepts %j → %j", (input, output) => {
    expect(judge(input, output)).toMatchObject({ faithful: true });
  });

  it.each([
    [
      "a decimal amount made ten times larger",
      "the city spent one point two billion dollars",
      "The city spent $12 billion.",
    ],
    [
      "a written decimal amount made ten times larger",
      "the grant is four point five million",
      "The grant is 45 million.",
    ],
    ["a changed number of grand", "the car cost eighteen grand", "The car cost $8,000."],
    ["grand written as dollars alone", "the car cost eighteen grand", "The car cost $18."],
    ["an afternoon time written as morning", "the call is at four in the afternoon", "The call is at 4 a.m."],
    ["a night time written as afternoon", "the alarm went off at eleven at night", "The alarm went off at 11 a.m."],
  ])("refuses %s", (_what, input, output) => {
    expect(judge(input, output, "formal").faithful).toBe(false);
  });

  it("accepts a single period counted with one, and refuses another count", () => {
    expect(judge("i will call back in an hour", "I will call back in one hour.", "formal").faithful).toBe(true);
    expect(judge("i will call back in an hour", "I will call back in two hours.", "formal").faithful).toBe(false);
  });
});
