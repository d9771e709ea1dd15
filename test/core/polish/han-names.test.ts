import { hanNames } from "../../../scripts/gen-han-names";
import { checkFaithfulness } from "../../../src/core";
import { changedHanNames } from "../../../src/core/polish/han-names";

describe("Chinese names", () => {
  it("finds a place the rewrite changed, in a style that may rephrase", () => {
    expect(changedHanNames("孩子周四要去北京参加比赛", "孩子周四要去上海参加比赛")).toEqual({
      lost: ["北京"],
      added: ["上海"],
    });
    const input = "李老师您好我们家孩子周四要去北京参加比赛请假两天周一回来上课";
    const changed = "李老师您好：\n\n我家孩子周四要去上海参加比赛，需请假两天，周一返校上课。\n\n谢谢！";
    expect(checkFaithfulness({ input, output: changed, style: "email" })).toMatchObject({
      faithful: false,
      refusedBy: expect.arrayContaining(["chinese"]),
    });
    const kept = changed.replace("上海", "北京");
    expect(checkFaithfulness({ input, output: kept, style: "email" }).lost).toEqual([]);
  });

  it("reads a name written inside a longer one as kept, and no name in text without Chinese", () => {
    expect(changedHanNames("我们去北京", "我们去北京市")).toEqual({ lost: [], added: [] });
    expect(changedHanNames("we go to beijing", "We go to Shanghai.")).toEqual({ lost: [], added: [] });
  });
});

describe("gen-han-names", () => {
  const cedict = [
    "# CC-CEDICT",
    "北京 北京 [Bei3 jing1] /Beijing, capital of the People's Republic of China/",
    "老闆 老板 [Lao3 ban3] /Robert Plant (1948-), vocalist of Led Zeppelin/",
    "老闆 老板 [lao3 ban3] /boss/",
    "週三 周三 [Zhou1 san1] /Wednesday/",
    "三月 三月 [San1 yue4] /March/",
    "英文 英文 [Ying1 wen2] /English (language)/",
    "北 北 [Bei3] /north/",
  ].join("\n");

  it("lists words of two to four characters that are only proper nouns, and no dates", () => {
    expect(hanNames(cedict)).toEqual(["北京", "英文"].sort());
  });
});
