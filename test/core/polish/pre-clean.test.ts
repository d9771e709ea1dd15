import { checkFaithfulness } from "../../../src/core";
import { preClean } from "../../../src/core/polish/pre-clean";
import { applySpokenCorrections } from "../../../src/core/polish/words";
import { readCases } from "../../../eval/cases";

describe("preClean: what the model reads", () => {
  it.each([
    ["um so we ship on friday uh probably", "so we ship on friday probably"],
    ["hi team comma the demo moved to noon period see you there", "hi team, the demo moved to noon. see you there"],
    ["is the room free question mark", "is the room free?"],
    ["that was close exclamation point", "that was close!"],
    ["bring two things colon a laptop and a charger", "bring two things: a laptop and a charger"],
    ["done period new paragraph next steps follow", "done.\n\nnext steps follow"],
    ["milk new line bread", "milk\nbread"],
    ["the the printer is is out of paper", "the printer is out of paper"],
    ["salut virgule on se voit demain point à la ligne merci", "salut, on se voit demain.\nmerci"],
    ["嗯我们明天开会", "我们明天开会"],
    ["um we meet on tuesday no wait wednesday comma at noon", "we meet on wednesday, at noon"],
  ])("writes the spoken marks and drops the hesitations of %j", (dictated, cleaned) => {
    expect(preClean(dictated)).toBe(cleaned);
  });

  it.each([
    "the trial period ends on friday",
    "drill a five mm hole and a 6 mm one",
    "we went through a period of slow growth",
    "the deadline is june thirtieth twenty twenty six",
    "that that was the plan is news to me",
    "der zug kommt um acht uhr an und er wartet",
    "der wert ist drei komma fünf",
  ])("leaves words that only look like marks, hesitations or stutters: %j", (dictated) => {
    expect(preClean(dictated)).toBe(dictated);
  });

  it("leaves nothing of a dictation that was only hesitations, so polish sends it as it was", () => {
    expect(preClean("um uh hmm")).toBe("");
  });

  // A self-correction applied is judged by the check as the model's reading, not as a mechanical edit:
  // those dictations are left out here (the salvage tests cover them).
  it("makes only edits the faithfulness check allows, on every dictation of the eval", () => {
    const refused = readCases()
      .filter((item) => preClean(item.input).trim() && applySpokenCorrections(item.input) === item.input)
      .filter(
        (item) => !checkFaithfulness({ input: item.input, output: preClean(item.input), style: "clean-up" }).faithful,
      )
      .map((item) => item.id);
    expect(refused).toEqual([]);
  });
});
