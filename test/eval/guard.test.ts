import { STYLES } from "../../src/core";
import { PAIR_LANGS, readPairs } from "../../eval/guard/pairs";
import { judgePairs, scoreGuard } from "../../eval/guard/score-guard";

// The floor issue 18 set: a careful reader's guard keeps nearly every faithful rewrite and lets no
// unfaithful one through. `npm run eval:guard -- --misjudged` shows what a change broke.
describe("the faithfulness guard on the labelled pair set", () => {
  const pairs = readPairs();
  const score = scoreGuard(judgePairs(pairs));

  it("covers every style and language, both ways", () => {
    expect(pairs.length).toBeGreaterThanOrEqual(300);
    for (const style of STYLES) {
      const ofStyle = pairs.filter((pair) => pair.style === style.id);
      expect([style.id, ofStyle.some((pair) => pair.faithful), ofStyle.some((pair) => !pair.faithful)]).toEqual([
        style.id,
        true,
        true,
      ]);
    }
    for (const lang of PAIR_LANGS) expect([lang, pairs.some((pair) => pair.lang === lang)]).toEqual([lang, true]);
  });

  it("lets no unfaithful rewrite through", () => {
    const through = score.misjudged.filter((item) => !item.pair.faithful).map((item) => item.pair.id);
    expect(through).toEqual([]);
  });

  it("accepts at least 97% of the faithful rewrites", () => {
    const refused = score.misjudged.filter((item) => item.pair.faithful).map((item) => item.pair.id);
    expect({ recall: score.recall >= 0.97, refused }).toEqual({ recall: true, refused: expect.any(Array) });
  });
});
