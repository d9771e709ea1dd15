import { glosses, oppositePairs } from "../../../scripts/gen-han-opposites";
import { checkFaithfulness } from "../../../src/core";
import { hanOpposites, oppositeCharacters } from "../../../src/core/polish/han-opposites";

describe("Chinese opposites", () => {
  it("finds a word the rewrite turned into its opposite, and nothing in a faithful rewrite", () => {
    expect(
      hanOpposites("跟财务说一下明年的培训预算要增加百分之十", "请告知财务部门，明年的培训预算需减少10%。"),
    ).toEqual(["减少"]);
    expect(
      hanOpposites("跟财务说一下明年的培训预算要增加百分之十", "请告知财务部门，明年的培训预算需增加10%。"),
    ).toEqual([]);
  });

  it("refuses the opposite in any style, and still accepts a faithful formal rewrite", () => {
    const check = (output: string) =>
      checkFaithfulness({ input: "跟财务说一下明年的培训预算要增加百分之十", output, style: "formal" });
    expect(check("请告知财务部门，明年的培训预算需减少10%。").faithful).toBe(false);
    expect(
      checkFaithfulness({
        input: "告诉客户我们接受他们的报价",
        output: "请告知客户，我们拒绝他们的报价。",
        style: "formal",
      }).faithful,
    ).toBe(false);
    expect(
      checkFaithfulness({
        input: "告诉客户我们接受他们的报价",
        output: "请告知客户，我们接受他们的报价。",
        style: "formal",
      }).faithful,
    ).toBe(true);
  });
});

describe("Chinese opposite characters", () => {
  it("knows single characters that say the opposite, in either order", () => {
    expect([oppositeCharacters("开", "关"), oppositeCharacters("输", "赢"), oppositeCharacters("涨", "降")]).toEqual([
      true,
      true,
      true,
    ]);
    expect(oppositeCharacters("咱", "我")).toBe(false);
  });
});

describe("gen-han-opposites", () => {
  const cedict = [
    "# CC-CEDICT",
    "增加 增加 [zeng1 jia1] /to raise/to increase/",
    "減少 减少 [jian3 shao3] /to lessen; to decrease; to reduce/",
    "大 大 [da4] /big/",
    "小 小 [xiao3] /small/",
    "提高 提高 [ti2 gao1] /to raise/to increase/",
  ].join("\n");

  it("reads the one-word glosses of words of two or three characters", () => {
    const read = glosses(cedict);
    expect([...read.keys()]).toEqual(["增加", "减少", "提高"]);
    expect([...read.get("减少")!]).toEqual(["lessen", "decrease", "reduce"]);
  });

  it("reads single characters apart, with their own glosses", () => {
    expect([...glosses(cedict, true).keys()]).toEqual(["大", "小"]);
    expect(oppositePairs(glosses(cedict, true), [["big", "small"]])).toEqual(["大|小"]);
  });

  it("pairs the words whose glosses WordNet calls opposites, never two that share a gloss", () => {
    const pairs = oppositePairs(glosses(cedict), [
      ["increase", "decrease"],
      ["raise", "increase"],
    ]);
    expect(pairs).toEqual(["减少|增加", "减少|提高"]);
  });
});
