import { checkFaithfulness, type StyleId } from "../../../src/core";

const judge = (input: string, output: string, style: StyleId) => checkFaithfulness({ input, output, style });

describe("Chinese read as a careful editor reads it", () => {
  it.each([
    [
      "a changed name in a clean-up",
      "clean-up",
      "我昨天下午在图书馆遇到了小李他说下个月要去北京出差",
      "我昨天下午在图书馆遇到了小王，他说下个月要去北京出差。",
    ],
    [
      "a homophone written for the word said",
      "clean-up",
      "这次期中考试的成绩周五会发到每个同学的邮箱里",
      "这次期终考试的成绩周五会发到每个同学的邮箱里。",
    ],
    [
      "a verb changed in a clean-up",
      "clean-up",
      "请大家把自己的意见写在表格里然后交给班长",
      "请大家把自己的意见填在表格里，然后交给班长。",
    ],
    ["a surname before a title changed", "casual", "周老师说明天的课改到礼堂上", "吴老师说明天的课改到礼堂上哈。"],
    ["a surname after 小 changed", "formal", "小周你下星期一把合同带过来", "小吴，请您下周一把合同带过来。"],
    ["another day", "formal", "明天下午我们去医院看望王老师", "后天下午我们前往医院看望王老师。"],
    [
      "a dropped requirement",
      "concise",
      "周五晚上七点我们去老地方吃饭记得带上你的身份证因为要登记",
      "周五晚上7点去老地方吃饭，因为要登记。",
    ],
    ["a name the speaker took back", "clean-up", "把钥匙交给小赵不对交给小孙", "把钥匙交给小赵。"],
    ["a dropped 可能 in a clean-up", "clean-up", "我觉得他可能明天不会来了", "我觉得他明天不会来了。"],
  ] as const)("refuses %s", (_what, style, input, output) => {
    expect(judge(input, output, style)).toMatchObject({ faithful: false });
  });

  it.each([
    [
      "a lead-in with 一下, which is no number",
      "concise",
      "我想通知大家一下本周五下午公司停电请提前保存文件",
      "本周五下午公司停电，请提前保存文件。",
    ],
    ["hedges and a lead-in", "concise", "我就是想跟你说一下明天的车票我已经买好了", "明天的车票我已经买好了。"],
    ["下礼拜 written 下周", "formal", "咱们下礼拜三开个会讨论一下这个方案", "我们下周三召开会议讨论这个方案。"],
    ["a yes-or-no question with 来不来", "casual", "你明天来不来公司加班", "你明天来公司加班吗？"],
    ["特别, which negates nothing", "casual", "这个问题特别重要大家一定要注意", "这个问题超重要，大家一定要注意哈。"],
    [
      "an email's Chinese greeting and sign-off",
      "email",
      "嗨老刘周末的聚会改到周日中午了地点不变",
      "老刘：\n\n你好！周末的聚会改到周日中午了，地点不变。\n\n祝好",
    ],
    [
      "formal prepositions (于, 对) for 在",
      "formal",
      "我们下午在三楼会议室讨论预算",
      "我们下午于三楼会议室对预算进行讨论。",
    ],
    [
      "formal 将于 for a plan on a day to come",
      "formal",
      "报价单我们周三之前发给老王",
      "我们将于周三之前把报价单发给老王。",
    ],
  ] as const)("accepts %s", (_what, style, input, output) => {
    expect(judge(input, output, style)).toMatchObject({ faithful: true });
  });
});

describe("a Chinese character turned into its opposite elsewhere in the sentence", () => {
  it("refuses 回去 written as 来 put before the persons, and accepts the same words moved", () => {
    const said = "你问问奶奶明天要不要我们回去吃午饭";
    expect(judge(said, "你问问奶奶明天要不要来我们这儿吃午饭呗。", "casual")).toMatchObject({
      faithful: false,
      lost: expect.arrayContaining(["去"]),
      added: expect.arrayContaining(["来"]),
    });
    expect(judge(said, "你问下奶奶明天要不要我们回去吃个午饭呗。", "casual").faithful).toBe(true);
  });
});

describe("a Chinese action under way or done", () => {
  it("refuses 还在看 written as done, and accepts it still under way in other words", () => {
    const said = "合同我们已经收到了法务还在看";
    expect(judge(said, "我们已收到合同，法务已审阅完毕。", "formal")).toMatchObject({
      faithful: false,
      refusedBy: expect.arrayContaining(["tense-or-timeframe"]),
    });
    expect(judge(said, "我们已收到合同，法务正在审阅。", "formal").faithful).toBe(true);
    expect(judge("报告我还在写明天给你", "报告我仍在写，明天给你。", "formal").faithful).toBe(true);
  });
});

describe("Chinese function characters", () => {
  it("lets formal prepositions stand for the spoken ones, and still counts a new thing or a changed one", () => {
    const said = "我们下午在三楼会议室讨论预算";
    expect(judge(said, "我们下午于三楼会议室对预算进行讨论并投票。", "formal").faithful).toBe(false);
    expect(judge(said, "我们下午于三楼会议室对工资进行讨论。", "formal").faithful).toBe(false);
  });
});

describe("persons joined in Chinese", () => {
  it("refuses a rewrite that drops one of two persons joined by 和, and keeps 您 for 你", () => {
    const input = "嗯孩子们的家长会是周四晚上七点你和我都得去";
    expect(checkFaithfulness({ input, output: "周四晚上7点家长会，你得去。", style: "concise" })).toMatchObject({
      faithful: false,
      lost: expect.arrayContaining(["我"]),
    });
    expect(checkFaithfulness({ input, output: "周四晚上7点家长会，你我都得去。", style: "concise" }).faithful).toBe(
      true,
    );
    expect(
      checkFaithfulness({ input: "明天你和我一起去银行", output: "明天您和我一起去银行。", style: "formal" }).lost,
    ).toEqual([]);
  });
});
