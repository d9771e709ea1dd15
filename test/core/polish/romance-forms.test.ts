import { checkFaithfulness, type StyleId } from "../../../src/core";

const check = (input: string, output: string, style: StyleId) => checkFaithfulness({ input, output, style });

describe("the faithfulness check in German, Spanish and French", () => {
  it.each([
    ["German", "ich hab nen termin fürs auto am montag", "Ich habe einen Termin für das Auto am Montag."],
    ["German", "kannste heut noch die folien schicken", "Kannst du heute noch die Folien schicken?"],
    ["German", "das geht heut nich", "Das geht heute nicht."],
    ["Spanish", "te lo mando pa mañana porfa", "Te lo mando para mañana, por favor."],
    ["French", "ouais le p'tit bureau est libre", "Oui, le petit bureau est libre."],
  ])("reads %s spoken forms as the words written out", (_language, input, output) => {
    expect(check(input, output, "clean-up").faithful).toBe(true);
  });

  it("reads a clipped German negation as a negation", () => {
    expect(check("die heizung geht nich", "Die Heizung geht.", "clean-up")).toMatchObject({ faithful: false });
    expect(check("die heizung geht", "Die Heizung geht nich.", "clean-up").added).toContain("nicht");
  });
});
