/**
 * How the guard reads Chinese, which has no spaces between its words. Han text is compared character by
 * character (`words.ts`), except for the words whose characters would mislead on their own: dates (明天 is
 * not 明 and 天, and 后天 is another day), hedges a rephrasing may drop (我觉得, 可能, 一下), and words whose
 * 不, 没 or 别 is no negation (特别, 不错). On top of that come what a careful editor knows of Chinese: a
 * surname after 小/老 or before a title (小李, 王经理) is a name, one character written for another in the
 * same place is another word, and four characters dropped in a row are a clause.
 *
 * Nothing here imports the rest of the guard: `words.ts` and `faithfulness.ts` call in.
 */

import type { StyleId } from "../catalog";

/** A Han character. */
export const HAN = /\p{Script=Han}/u;

// The week's other names (星期, 礼拜) and the formal day words, as the words people write most.
const HAN_SPELLINGS: [RegExp, string][] = [
  [/(?:星期|礼拜)(?=[一二三四五六日天])|(?<=[上下这本每])个?(?:星期|礼拜)/g, "周"],
  [/周天/g, "周日"],
  [/这个?周/g, "本周"],
  [/这个月/g, "本月"],
  [/(?<=[上下])月/g, "个月"],
  // "别忘了" (don't forget) says "记得" (remember), as "don't forget" says "remember".
  [/(?:别|不要)忘(?:了|记)?/g, "记得"],
  [/今日/g, "今天"],
  [/明日/g, "明天"],
  [/昨日/g, "昨天"],
];

/** Chinese day and week words as one spelling: "下礼拜三" is "下周三", "明日" is "明天", "下月" is "下个月". */
export function chineseSpellings(text: string): string {
  return HAN_SPELLINGS.reduce((said, [pattern, written]) => said.replace(pattern, written), text);
}

// Days, weeks, months and parts of the day: facts, like "tomorrow" and "next friday".
const HAN_DATES = [
  "[上下本]周[一二三四五六日]",
  "周[一二三四五六日末]",
  "[上下本]周",
  "[上下本]个月",
  "大后天",
  "大前天",
  "[今明后昨前]天",
  "[今明昨]晚",
  "[今明]早",
  "[今明去前后]年",
  "[月年][底初]",
  "[上下中]午",
  "晚上",
  "早上",
  "凌晨",
  "傍晚",
];
/** Hedges and softeners a rephrasing may drop, as English "I think", "probably" and "just". */
export const HAN_HEDGES: ReadonlySet<string> = new Set(
  "觉得 认为 可能 也许 或许 大概 其实 好像 似乎 感觉 一下 稍微 有点 真的".split(" "),
);
// The words that lead a spoken list to its next item, which its bullets say.
const HAN_LIST_LEADS = "还有|然后|另外|以及|记得";
/** What a style itself brings in Chinese, as `STYLE_WORDS` in English: greetings, sign-offs, politeness, particles. */
export const HAN_STYLE_WORDS: Partial<Record<StyleId, ReadonlySet<string>>> = {
  email: new Set("您好 你好 大家好 各位 尊敬 谢谢 感谢 此致 敬礼 祝好 顺祝 商祺 请 您".split(" ")),
  formal: new Set("请 您 敬请 烦请".split(" ")),
  casual: new Set("哈 呗 嘛 哦 呀 啊".split(" ")),
  "bullet-list": new Set(HAN_LIST_LEADS.split("|")),
};
// Words whose 不, 没, 别 or 未 negates nothing: "especially", "other people", "good", "however", "future".
const HAN_NOT_NEGATIONS =
  "特别 区别 分别 告别 个别 级别 类别 性别 差别 识别 别人 别的 别处 不过 不错 不少 不久 不断 不仅 不但 不管 不论 不得不 没收 未来".split(
    " ",
  );
// A verb, 不 or 没 and the verb again asks a yes-or-no question (来不来 "whether you come", 参加不参加): no
// negation.
const A_NOT_A = "(?<verb>\\p{Script=Han}{1,2})[不没]\\k<verb>";
// Units of measure of more than one character; one-character units (斤, 米) count after a number.
export const HAN_UNITS = "公斤|千克|公里|千米|厘米|毫米|分钟|小时|毫升|公升|平方米";
// 一下 after a verb is "briefly", not one of something (一下午 is a whole afternoon, 一下子 "at once").
const HAN_WORD = new RegExp(
  [
    ...HAN_DATES,
    ...HAN_NOT_NEGATIONS,
    A_NOT_A,
    "一下(?![午子])",
    // Negations of their own: "no need to", "cannot".
    "无需|无须|无法",
    // Units of measure, facts like "kilograms" (公斤 is not 斤, a pound).
    HAN_UNITS,
    "你好(?!好)|您好|大家好|此致|敬礼|祝好|顺祝|商祺|尊敬|谢谢|感谢",
    // What leads a spoken list to its next item: "and also", "then", "besides", "remember to".
    HAN_LIST_LEADS,
    ...[...HAN_HEDGES].filter((hedge) => hedge !== "一下"),
  ].join("|"),
  "gu",
);
const HAN_DATE = new RegExp(`^(?:${HAN_DATES.join("|")})$`, "u");

/** A run of Han text as the words the guard compares: the words of `HAN_WORD` whole, other characters one by one. */
export function splitHan(run: string): string[] {
  const out: string[] = [];
  let at = 0;
  for (const match of run.matchAll(HAN_WORD)) {
    out.push(...run.slice(at, match.index));
    out.push(match[0]);
    at = match.index + match[0].length;
  }
  out.push(...run.slice(at));
  return out;
}

/** Whether a word is a Chinese date ("明天", "下周三", "下午"). */
export function isHanDate(text: string): boolean {
  return HAN_DATE.test(text);
}

// The most common surnames, less those that make a common word after 小 or 老 (小于 "less than", 老毛病
// "an old trouble", 小龙虾 "crayfish", 小黄车, 小金库, 小孔, 小段).
const SURNAMES = new Set(
  "王李张刘陈杨赵吴周徐孙朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖董袁潘蒋蔡余杜程苏魏吕任沈姚卢姜崔钟谭陆汪范贾夏韦付邹孟熊秦邱尹薛闫侯史陶黎贺顾郝龚邵严覃武戴莫汤".split(
    "",
  ),
);
// What a surname is said with: 小李, 老王 before it; 王经理, 张老师, 陈总 after it.
const NAME_PREFIXES = new Set(["小", "老"]);
const TITLES = [
  "经理",
  "老师",
  "先生",
  "女士",
  "小姐",
  "太太",
  "医生",
  "大夫",
  "教授",
  "主任",
  "师傅",
  "阿姨",
  "叔叔",
  "律师",
  "同学",
  "校长",
  "局长",
  "部长",
  "处长",
  "科长",
  "院长",
  "总",
  "董",
  "工",
];
// 总 after a surname is a title (陈总) unless it starts a word: 周总结 is a weekly summary.
const NOT_TITLE_AFTER = /^总[结是共统部之体公裁额数计而算归的]/;

interface HanToken {
  text: string;
  fact: boolean;
  optional: boolean;
  name?: boolean;
}

/**
 * Marks the surnames of a Chinese text as names, which are facts: "小李" is not "小王", in any style. Other
 * Han characters carry no capital to tell a name by.
 */
export function markHanNames<T extends HanToken>(list: T[]): T[] {
  return list.map((word, index) => {
    // A name a self-correction took back stays taken back.
    if (!SURNAMES.has(word.text) || word.fact || word.optional) return word;
    const before = list[index - 1]?.text ?? "";
    const after = list
      .slice(index + 1, index + 3)
      .map((next) => next.text)
      .join("");
    const titled = TITLES.some((title) => after.startsWith(title)) && !NOT_TITLE_AFTER.test(after);
    return NAME_PREFIXES.has(before) || titled ? { ...word, name: true, fact: true } : word;
  });
}

/** A plain Han word the guard weighs: no fact, no filler or particle, no hedge. */
function plainHan(word: HanToken): boolean {
  return HAN.test(word.text) && !word.fact && !word.optional && !HAN_HEDGES.has(word.text);
}

// The structural particles people hear alike and write by grammar: writing one for another is spelling.
const PARTICLES = new Set(["的", "地", "得"]);

/**
 * Han characters the rewrite wrote for others in the same place, between words both kept: "小李" → "小王",
 * "期中" → "期终", "写在" → "填在". A clean-up writes what was said: each such place is a changed word.
 */
function hanSubstitutions(
  source: HanToken[],
  rewrite: HanToken[],
  sourceTo: readonly (number | undefined)[],
  rewriteTo: readonly (number | undefined)[],
): [string, string][] {
  const changed: [string, string][] = [];
  let previous = -1;
  let said: HanToken[] = [];
  for (let index = 0; index <= source.length; index++) {
    const at = index < source.length ? sourceTo[index] : rewrite.length;
    if (at === undefined) {
      said.push(source[index]);
      continue;
    }
    // A word kept out of order anchors nothing: the gap runs on to the next word kept in order.
    if (at <= previous) continue;
    const written = rewrite
      .slice(previous + 1, at)
      .filter((_, offset) => rewriteTo[previous + 1 + offset] === undefined);
    const [saidPlain, writtenPlain] = [said.filter(plainHan), written.filter(plainHan)];
    const spelling = [...saidPlain, ...writtenPlain].every((word) => PARTICLES.has(word.text));
    if (saidPlain.length && writtenPlain.length && !spelling) changed.push([texts(saidPlain), texts(writtenPlain)]);
    previous = at;
    said = [];
  }
  return changed;
}

function texts(list: HanToken[]): string {
  return list.map((word) => word.text).join("");
}

// Four Han characters in a row make a clause or a fact of their own: "需要带身份证", "在三楼会议室".
const CLAUSE_CHARACTERS = 4;

/**
 * Runs of dictated Han characters the rewrite dropped together, after the first word it kept (what comes
 * before is a lead-in, judged apart): a clause, a place, an object, a requirement. No style's tolerance
 * for stray words covers a dropped fact.
 */
function droppedHanClauses(source: HanToken[], sourceTo: readonly (number | undefined)[]): string[] {
  const dropped: string[] = [];
  const firstKept = sourceTo.findIndex((at) => at !== undefined);
  if (firstKept < 0) return dropped;
  let run = "";
  const flush = () => {
    if ([...run].length >= CLAUSE_CHARACTERS) dropped.push(run);
    run = "";
  };
  for (let index = firstKept + 1; index < source.length; index++) {
    const word = source[index];
    if (sourceTo[index] !== undefined || word.fact) flush();
    else if (plainHan(word)) run += word.text;
  }
  flush();
  return dropped;
}

/**
 * What Chinese adds to the guard's verdict, as facts lost and brought in: dropped clauses in every style,
 * and in a clean-up (`exact`) every character written for another, elsewhere only one written for its
 * opposite (`opposite`: 赢 → 输, 开门 → 关门), in its place or anywhere in the rewrite (`crossedOpposites`).
 */
export function hanEdits(
  source: HanToken[],
  rewrite: HanToken[],
  sourceTo: readonly (number | undefined)[],
  rewriteTo: readonly (number | undefined)[],
  exact: boolean,
  opposite: (said: string, written: string) => boolean = () => false,
): { lost: string[]; added: string[] } {
  const substituted = hanSubstitutions(source, rewrite, sourceTo, rewriteTo);
  // A rephrasing may pair a character with another as its own word choice: never with its opposite.
  const paired = source.flatMap((word, index): [string, string][] => {
    const at = sourceTo[index];
    return at !== undefined && HAN.test(word.text) && word.text !== rewrite[at].text
      ? [[word.text, rewrite[at].text]]
      : [];
  });
  const changed = exact
    ? substituted
    : [
        ...[...substituted, ...paired].filter(([said, written]) => opposite(said, written)),
        ...crossedOpposites(source, rewrite, sourceTo, rewriteTo, opposite),
      ];
  return {
    lost: [...changed.map(([said]) => said), ...droppedHanClauses(source, sourceTo)],
    added: changed.map(([, written]) => written),
  };
}

/**
 * A character gone whose opposite came anywhere in the rewrite (回去 → 来我们这儿): the fact turned, wherever
 * the rephrasing put it. Single characters only: a word kept whole, such as a greeting's 祝好, is judged as a
 * word.
 */
function crossedOpposites(
  source: HanToken[],
  rewrite: HanToken[],
  sourceTo: readonly (number | undefined)[],
  rewriteTo: readonly (number | undefined)[],
  opposite: (said: string, written: string) => boolean,
): [string, string][] {
  const single = (word: HanToken) => word.text.length === 1 && HAN.test(word.text) && plainHan(word);
  const kept = (word: HanToken, other: HanToken | undefined) => other !== undefined && other.text === word.text;
  const gone = source.filter((word, index) => single(word) && !kept(word, rewrite[sourceTo[index] ?? -1]));
  const came = rewrite.filter((word, index) => single(word) && !kept(word, source[rewriteTo[index] ?? -1]));
  return gone.flatMap((said) =>
    came
      .filter((written) => opposite(said.text, written.text))
      .map((written): [string, string] => [said.text, written.text]),
  );
}

// Where a thing goes from and to: 从 X 搬到 Y.
const FROM_TO =
  /从(\p{Script=Han}{1,8}?)(?:搬|送|寄|开|走|转|调|飞)?(?:到|往|去)(\p{Script=Han}{1,8}?)(?=[把从，,。；;、\s]|$)/gu;

/**
 * A move whose start and end traded places: 从我办公室搬到会议室 written 从会议室搬到我办公室. Chinese
 * characters that cross are otherwise a clause moved whole, so this is read from the text itself. Each move
 * is compared with the rewrite's move of the same rank: 把冰箱从厨房搬到阳台把书架从卧室搬到客厅.
 */
export function swappedFromTo(input: string, output: string): string[] {
  const [said, written] = [[...input.matchAll(FROM_TO)], [...output.matchAll(FROM_TO)]];
  if (said.length !== written.length) return [];
  const overlaps = (a: string, b: string) => a.includes(b) || b.includes(a);
  for (const [rank, move] of said.entries()) {
    const [from, to] = [move[1], move[2]];
    const [wroteFrom, wroteTo] = [written[rank][1], written[rank][2]];
    if (!overlaps(from, wroteFrom) && overlaps(wroteFrom, to) && overlaps(wroteTo, from)) return [from, to];
  }
  return [];
}

// What says the next step of a sequence: 然后, 接着, 之后, 再.
const THEN = /然后|接着|之后|再/u;

/**
 * Two steps whose order traded places around the word for "then": 先收拾会议室然后去接客户 written
 * 先去接客户再收拾会议室. A pair of characters said only before the step word now stands only after it,
 * and one said only after it now only before. (The characters of a clause moved whole are otherwise
 * `hanEdits`'s to judge; only the order of two steps is read here.)
 */
export function swappedSteps(input: string, output: string): string[] {
  const halves = (text: string) => {
    const at = THEN.exec(text);
    if (!at) return undefined;
    return [text.slice(0, at.index), text.slice(at.index + at[0].length)].map((part) => hanPairs(part));
  };
  const [said, written] = [halves(input), halves(output)];
  if (!said || !written) return [];
  const only = (pairs: Set<string>, other: Set<string>) => [...pairs].filter((pair) => !other.has(pair));
  const [saidFirst, saidThen] = [only(said[0], said[1]), only(said[1], said[0])];
  const movedBack = saidFirst.find((pair) => written[1].has(pair) && !written[0].has(pair));
  const movedForward = saidThen.find((pair) => written[0].has(pair) && !written[1].has(pair));
  return movedBack && movedForward ? [movedBack, movedForward] : [];
}

/** The pairs of adjacent Han characters of `text`: 会议室 → 会议, 议室. */
function hanPairs(text: string): Set<string> {
  const pairs = new Set<string>();
  for (const run of text.match(/\p{Script=Han}+/gu) ?? [])
    for (let index = 0; index + 1 < run.length; index++) pairs.add(run.slice(index, index + 2));
  return pairs;
}

// A dictated note of whom the email is for: 给李老师写封邮件, 给王总发一封邮件.
const HAN_EMAIL_FOR = /^\s*(?:给|跟)(\p{Script=Han}{1,6}?)(?:写|发)(?:一)?封(?:邮件|信|电子邮件)/u;

/**
 * An email's dictation without the note that says whom it is for (给李老师写封邮件…), when the email still
 * names them: the note tells the app what to write, it is not part of the email (as "email to sarah").
 */
export function withoutHanEmailNote(input: string, output: string): string {
  const note = HAN_EMAIL_FOR.exec(input);
  if (!note) return input;
  const rest = input.slice(note[0].length);
  return rest.includes(note[1]) || output.includes(note[1]) ? rest : input;
}

// A colour said with 色: 灰色, 浅蓝色.
const HAN_COLOUR = /([红橙黄绿蓝紫黑白灰棕粉金银])色/gu;

/**
 * Colours the rewrite says more often than the dictation: 柜子换成灰色的 written 柜子换成白色 names another
 * colour, though 白色 is said elsewhere (客厅保持白色). A colour is a fact of the thing it paints.
 */
export function changedColours(input: string, output: string): string[] {
  const count = (text: string) => {
    const found = new Map<string, number>();
    for (const [, colour] of text.matchAll(HAN_COLOUR)) found.set(colour, (found.get(colour) ?? 0) + 1);
    return found;
  };
  const [said, written] = [count(input), count(output)];
  return [...written].filter(([colour, times]) => times > (said.get(colour) ?? 0)).map(([colour]) => `${colour}色`);
}

// Two persons joined: 你和我, 我跟他们, 您与我们. A formal rewrite may write 您 for 你, a casual one 你 for 您.
const HAN_POLITE_PAIR = new Map([
  ["你", "您"],
  ["您", "你"],
]);
const HAN_JOINED_PERSONS = /([我你您他她])们?(?:和|跟|与|还有)([我你您他她])们?/gu;

/**
 * Persons the dictation joined that the rewrite no longer names: 你和我都得去 written 你得去 drops one of
 * the two who must go. Each person of such a pair is a fact, like an item of a list.
 */
export function droppedJoinedPersons(input: string, output: string): string[] {
  return [...input.matchAll(HAN_JOINED_PERSONS)].flatMap(([, first, second]) =>
    [first, second].filter(
      (person) =>
        !output.includes(person) && !(HAN_POLITE_PAIR.has(person) && output.includes(HAN_POLITE_PAIR.get(person)!)),
    ),
  );
}
