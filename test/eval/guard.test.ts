import { STYLES } from "../../src/core";
import { PAIR_LANGS, readPairs } from "../../eval/guard/pairs";
import { judgePairs, scoreGuard } from "../../eval/guard/score-guard";

// The guard on the labelled pairs (`eval/pairs.jsonl`, written blind to the guard). Issue 18's goal is 97%
// of faithful rewrites accepted and no unfaithful one; these floors are what the guard measures today, so
// a change that loses ground fails here. `npm run eval:guard -- --misjudged --split dev` shows what broke.
// The floors count every split: the `holdout` pairs (written later, by someone who never saw the guard or
// the other pairs), the 80 `d-` pairs of the dev split, written the same way (on first reading the guard
// accepted 60% of their faithful rewrites and let 9 of 40 unfaithful ones through), and the 100 `fresh`
// pairs, written the same way again (first reading: 80% of faithful accepted, 8 of 50 unfaithful through;
// the guard at the start of that session: 74% and 8), and the 120 `sealed` pairs, written the same way once
// more and only ever scored (first reading: 63.3% of faithful accepted, 1 of 60 unfaithful through), and the
// 150 `k-` pairs of the dev split, written the same way again (first reading: 56.3% of faithful accepted, 5
// of 70 unfaithful through; the guard at the start of that session: 56.3% and 9), and two batches written
// the same way again: 100 `n-` pairs of the dev split (first reading: 60% of faithful accepted, 6 of 50
// unfaithful through) and 120 `m-` pairs of the sealed split (first reading: 63.3%, 6 of 60 through), and
// 200 more of the dev split, `o-` (first reading: 52%, 3 of 50 through; the guard at the start of that
// session: 52% and 5) and `p-` (68%, 4 of 50; at the start of the session 68% and 5), and 200 more of the
// dev split, `r-` (first reading: 60%, 3 of 50 through; at the start of the session 58% and 5) and `s-`
// (58%, 1 of 50; at the start of the session 56% and 1), and 200 more of the dev split, `t-` (first
// reading: 50%, 4 of 50 through; at the start of the session 48% and 4) and `u-`, mostly German, Spanish,
// French and Chinese (38%, 3 of 50; at the start of the session 36% and 3), and 200 more of the dev
// split, `v-`, numbers and amounts (60%, 3 of 50; at the start of the session 48% and 4), and `w-`,
// questions, requests and messages for others (62%, 6 of 50; at the start of the session 62% and 8), and
// 120 `q-` pairs of the sealed split, written the same way that session and scored once, at its end
// (70%, 4 of 60 through; the guard at the start of the session: 66.7% and 5).
const FLOOR = { faithfulAccepted: 0.73, unfaithfulAccepted: 19, devUnfaithfulAccepted: 8 };

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
