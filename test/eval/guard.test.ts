import { STYLES } from "../../src/core";
import { PAIR_LANGS, readPairs } from "../../eval/guard/pairs";
import { judgePairs, scoreGuard } from "../../eval/guard/score-guard";

// The guard on the labelled pairs (`eval/pairs.jsonl`, written blind to the guard). Issue 18's goal is 97%
// of faithful rewrites accepted and no unfaithful one; these floors are what the guard measures today, so
// a change that loses ground fails here. `npm run eval:guard -- --misjudged --split dev` shows what broke.
// The floors count every split, the sealed ones too; `eval/guard/BATCHES.md` says how each batch was
// written and how the guard first read it.
const FLOOR = { faithfulAccepted: 0.712, unfaithfulAccepted: 28, devUnfaithfulAccepted: 7 };

describe("the faithfulness guard on the labelled pair set", () => {
  const pairs = readPairs();
  const score = scoreGuard(judgePairs(pairs));
  const dev = scoreGuard(judgePairs(pairs.filter((pair) => pair.split === "dev")));

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

  it("names the checks that refused each faithful rewrite it refused", () => {
    const refused = score.misjudged.filter((item) => item.pair.faithful);
    expect(refused.filter((item) => item.refusedBy.length === 0).map((item) => item.pair.id)).toEqual([]);
    const alone = score.faithfulRefusedBy.reduce((sum, item) => sum + item.alone, 0);
    expect(alone).toBe(refused.filter((item) => item.refusedBy.length === 1).length);
  });

  it("lets no more unfaithful rewrites of the working pairs through than it did", () => {
    const through = dev.misjudged.filter((item) => !item.pair.faithful).map((item) => item.pair.id);
    expect(through.length).toBeLessThanOrEqual(FLOOR.devUnfaithfulAccepted);
  });

  it("lets no more unfaithful rewrites through than it did, and keeps as many faithful ones", () => {
    const through = score.misjudged.filter((item) => !item.pair.faithful).map((item) => item.pair.id);
    expect(through.length).toBeLessThanOrEqual(FLOOR.unfaithfulAccepted);
    expect(score.recall).toBeGreaterThanOrEqual(FLOOR.faithfulAccepted);
  });
});
