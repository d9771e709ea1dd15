/**
 * Reads a rewrite against the dictation the way a careful reader would: does every number, date, time,
 * amount, name, negation and content word of the input survive, does the rewrite invent any, and does it
 * answer or obey the dictation instead of cleaning it? Small models change "wednesday" back to "tuesday",
 * drop half a sentence or reply "I'm glad you're excited", and the user pastes without reading: such a
 * rewrite must never count as polished.
 *
 * Words are compared after normalisation, so what a good clean-up legitimately changes passes: casing,
 * punctuation, contractions ("can't" = "can not"), number words ("twenty five" = "25", "two oh four" =
 * "204", "nine thirty" = "9:30"), fillers, spoken punctuation ("comma", "new paragraph"), and the words a
 * spoken self-correction ("tuesday no wait wednesday") takes back.
 */
import type { StyleId } from "../catalog";

export interface FaithfulnessParams {
  /** The dictated text (one piece or one sentence of it). */
  input: string;
  /** The model's rewrite, already stripped of wrapping (`cleanOutput`). */
  output: string;
  style: StyleId;
}

export interface FaithfulnessCheck {
  faithful: boolean;
  /** Input words missing from the rewrite (normalised: digits for numbers), facts first. */
  lost: string[];
  /** Words of the rewrite the input does not have (beyond what the style needs). */
  added: string[];
  /** The rewrite answers a question or carries out an order in the dictation instead of cleaning it. */
  answered: boolean;
}

interface Word {
  /** Lower-case, digits for number words. */
  text: string;
  /** Compared form: plural, past and -ing endings removed. */
  stem: string;
  /** A number, date, time, amount, negation or identifier part: never dropped, never invented. */
  fact: boolean;
  /** A filler, function word, spoken punctuation or a word a self-correction took back: may go. */
  optional: boolean;
  /** Capitalised inside a sentence of the rewrite: a name, compared letter for letter ("Jona" ≠ "jonas"). */
  name?: boolean;
}

// How many plain content words a style may drop or bring in, as a share of the input's content words
// (rounded down, so short texts get none). Facts get no such slack in any style.
const TOLERANCE: Record<StyleId, { lost: number; added: number }> = {
  "clean-up": { lost: 0.1, added: 0.1 },
  formal: { lost: 0.15, added: 0.3 },
  casual: { lost: 0.15, added: 0.25 },
  concise: { lost: 0.25, added: 0.1 },
  email: { lost: 0.15, added: 0.2 },
  "bullet-list": { lost: 0.2, added: 0.1 },
};

// Words a style itself brings: an email's greeting and sign-off, formal politeness.
const STYLE_WORDS: Partial<Record<StyleId, ReadonlySet<string>>> = {
  email: words(
    "hi hello dear hey greetings team all everyone there thanks thank regards best kind warm wishes cheers sincerely yours good morning afternoon evening",
  ),
  formal: words("please kindly would could unable attend regards request inform"),
  casual: words("hey thanks cool"),
};
// Hedges and padding Concise exists to cut.
const HEDGES = words(
  "probably maybe perhaps possibly think guess suppose believe seems seem kind sort just really quite pretty somewhat basically trying try say saying mean wanted want quickly actually consider great",
);

// English, and the German, French and Spanish hesitation sounds.
const FILLERS = words(
  "um umm uh uhh uhm er erm ah ahh eh hmm mm mhm like yeah yep ok okay oh well right alright basically literally äh ähm öh euh bah este pues",
);
const FILLER_PHRASES = /\b(?:you know|kind of|sort of|you see)\b/g;
const CJK_FILLERS = /[嗯啊呃哦噢]|那个|就是说|就是/g;
const SPOKEN_PUNCTUATION =
  /\b(?:question mark|exclamation (?:mark|point)|full stop|new (?:line|paragraph)|open (?:quote|paren(?:thesis)?)|close (?:quote|paren(?:thesis)?)|end quote|unquote|comma|period|colon|semicolon|ellipsis|dot|slash|underscore|hyphen|dash)\b/g;
const FUNCTION_WORDS = words(
  // English
  "a an the and or but if then so to of in on at by for with from up down out off over under about into onto as than too also very " +
    "is am are was were be been being do does did done have has had having will would shall should can could may might must " +
    "i me my mine myself we us our ours you your yours he him his she her hers it its they them their theirs this that these those there here " +
    "all any each some such both own same again once only just s t ll re ve d m let lets get gets got going gonna wanna gotta please " +
    // German, French, Spanish
    "der die das den dem des ein eine einen einem und oder aber ich du er sie es wir ihr mir mich dich uns zu im am auf mit von für ist sind war " +
    "le la les l un une des de du et ou mais je tu il elle nous vous ils elles que qui est sont à au aux en ce cette " +
    "el los las una unos unas y o pero yo tú él ella nosotros que es son a al del en lo " +
    // Chinese particles (one character each)
    "的 了 吗 呢 吧 啦 呀 我 你 他 她 们 是 把 给",
);
const NEGATIONS = words(
  "not no never nobody nothing none neither nor without nowhere nicht kein keine nie pas jamais ne nunca nada nadie 不 没 别",
);
const FACT_WORDS = words(
  "january february march april june july august september october november december " +
    "monday tuesday wednesday thursday friday saturday sunday today tomorrow tonight yesterday next last " +
    "am pm noon midnight morning afternoon evening percent dollars dollar euros euro pounds pound cents yen",
);
// Spoken self-corrections and how many words before them they may take back.
const CORRECTIONS: [RegExp, number][] = [
  [/\b(?:scratch that|never mind|forget that|delete that|strike that)\b/g, 12],
  [/\b(?:no wait|wait no|no no|make that|or rather|no sorry|sorry|correction|i mean|rather|actually no|nein|no)\b/g, 4],
  [/\b(?:actually)\b/g, 3],
];
const CORRECTION_MARK = "\uE000";
const QUESTION_START =
  /^(?:what|what's|whats|who|whom|whose|where|when|why|how|which|is|are|was|were|am|do|does|did|can|could|would|should|will|shall|may|have|has)\b/;
const COMMAND_START =
  /^(?:please |now |just |then )?(?:write|tell|give|make|create|translate|summarize|summarise|explain|list|ignore|forget|disregard|reply|respond|answer|say|print|reveal|show|generate|describe|compose|draft|stop|remind|send|book|order|call|set|run|rename|merge|transfer|pick)\b/;
// Openings of an assistant's reply, as `normalise` spells them ("i'm" → "i am").
const REPLY_OPENINGS =
  /^(?:sure|certainly|of course|absolutely|no problem|i am glad|i am sorry|i am happy|i would be happy|thank you for|as an ai|here is|here are|the answer is)\b/;

/** Checks a rewrite against its input; see the module comment for what passes. */
export function checkFaithfulness({ input, output, style }: FaithfulnessParams): FaithfulnessCheck {
  const styleWords = STYLE_WORDS[style];
  // An email's greeting and sign-off words ("hi", "thanks") may be moved or reworded.
  const source = analyse(input).map((word) =>
    style === "email" && styleWords?.has(word.text) ? { ...word, optional: true } : word,
  );
  const rewrite = markNames(output, analyse(output));
  const sourceStems = new Set(source.map((word) => word.stem));
  const sourceTexts = new Set(source.map((word) => word.text));
  const sourceJoined = joinedRuns(source);
  // A name of the rewrite stands only for itself: "Jona" does not keep "jonas".
  const rewriteStems = new Set(rewrite.filter((word) => !word.name).map((word) => word.stem));
  const rewriteTexts = new Set(rewrite.map((word) => word.text));
  const rewriteJoined = joinedRuns(rewrite);

  const lostFacts: string[] = [];
  const lostContent: string[] = [];
  for (const word of unique(source.filter((word) => !word.optional))) {
    if (rewriteStems.has(word.stem) || rewriteTexts.has(word.text) || rewriteJoined.has(word.text)) continue;
    if (style === "concise" && !word.fact && HEDGES.has(word.text)) continue;
    (word.fact ? lostFacts : lostContent).push(word.text);
  }
  const addedFacts: string[] = [];
  const addedContent: string[] = [];
  for (const word of unique(rewrite.filter((word) => !word.optional || word.fact))) {
    if ((word.name ? sourceTexts.has(word.text) : sourceStems.has(word.stem)) || sourceJoined.has(word.text)) continue;
    if (!word.fact && (styleWords?.has(word.text) || FUNCTION_WORDS.has(word.text))) continue;
    (word.fact ? addedFacts : addedContent).push(word.text);
  }
  const negationChange = count(source, NEGATIONS) - count(rewrite, NEGATIONS);
  if (negationChange > 0 && !lostFacts.includes("not")) lostFacts.push("not");
  if (negationChange < 0 && !addedFacts.includes("not")) addedFacts.push("not");

  const contentCount = unique(source.filter((word) => !word.optional && !word.fact)).length;
  const tolerance = TOLERANCE[style];
  const tooManyLost = lostContent.length > Math.floor(contentCount * tolerance.lost);
  const tooManyAdded = addedContent.length > Math.floor(contentCount * tolerance.added);
  const replyOpening = REPLY_OPENINGS.test(normalise(output)) && !REPLY_OPENINGS.test(normalise(input));
  const asksOrOrders = isQuestionOrOrder(input);
  // A new word that replaces a lost one of the same root ("Jona" for "jonas") is a change, not an answer.
  const changed = (added: string) =>
    [...lostFacts, ...lostContent].some((lost) => stem(lost).startsWith(stem(added).slice(0, 4)));
  const answered =
    (replyOpening && rewrite.length > 0) ||
    (asksOrOrders && tooManyAdded && [...addedFacts, ...addedContent].some((added) => !changed(added)));
  const faithful = source.every((word) => word.optional)
    ? rewrite.every((word) => word.optional)
    : lostFacts.length === 0 && addedFacts.length === 0 && !tooManyLost && !tooManyAdded && !answered;
  return { faithful, lost: [...lostFacts, ...lostContent], added: [...addedFacts, ...addedContent], answered };
}

/** A short account of an unfaithful rewrite for people, naming the words it lost and brought in. */
export function describeUnfaithful(check: FaithfulnessCheck): string {
  const quote = (list: string[]) =>
    list
      .slice(0, 6)
      .map((word) => `"${word}"`)
      .join(", ") + (list.length > 6 ? ", …" : "");
  const parts: string[] = [];
  if (check.answered) parts.push("it answered or carried out the text instead of rewriting it");
  if (check.lost.length) parts.push(`it lost ${quote(check.lost)}`);
  if (check.added.length) parts.push(`it added ${quote(check.added)}`);
  return parts.length
    ? `The rewrite changed what you said: ${parts.join("; ")}.`
    : "The rewrite changed what you said.";
}

/** The words of `text` as the check compares them (exported for the eval's fact checks). */
export function comparableWords(text: string): string[] {
  return analyse(text).map((word) => word.text);
}

function analyse(text: string): Word[] {
  let prepared = normalise(text)
    .replace(CJK_FILLERS, " ")
    .replace(FILLER_PHRASES, " ")
    .replace(SPOKEN_PUNCTUATION, " ");
  for (const [cue] of CORRECTIONS)
    prepared = prepared.replace(cue, (match) => ` ${CORRECTION_MARK}${match.replace(/\s+/g, "_")} `);
  const raw = prepared.match(/[\p{L}\p{M}\p{N}\uE000_]+/gu) ?? [];
  const tokens = numbersToDigits(raw.flatMap(splitCjk));
  const result: Word[] = [];
  for (const token of tokens) {
    if (token.startsWith(CORRECTION_MARK)) {
      const cue = token.slice(1).replace(/_/g, " ");
      const reach = CORRECTIONS.find(([pattern]) => new RegExp(`^${pattern.source}$`).test(cue))?.[1] ?? 4;
      // "no" alone is only a correction right after a fact ("eight no nine"); otherwise it is a negation.
      if (cue === "no" && !(result.at(-1)?.fact && /^\d/.test(result.at(-1)!.text))) {
        result.push(makeWord("no"));
        continue;
      }
      for (let back = 1; back <= reach && back <= result.length; back++) result[result.length - back].optional = true;
      continue;
    }
    const word = makeWord(token);
    // "am" is a time only after a number ("9 am"); elsewhere it is the verb ("i am").
    if (token === "am" && !/^\d+$/.test(result.at(-1)?.text ?? ""))
      Object.assign(word, { fact: false, optional: true });
    result.push(word);
  }
  return result;
}

/**
 * Flags the words of a rewrite written with a capital inside a sentence: names. Word order is the same
 * in `text` and `list` except where numbers were joined, so the names are matched by their text.
 */
function markNames(text: string, list: Word[]): Word[] {
  const names = new Set(
    [...text.normalize("NFKC").matchAll(/(?<![.!?:\n]\s*|^\s*|^-\s*|\n-\s*)\b(\p{Lu}\p{Ll}+)\b/gu)].map((match) =>
      match[1].toLowerCase(),
    ),
  );
  return list.map((word) => (names.has(word.text) && !word.fact && !word.optional ? { ...word, name: true } : word));
}

function makeWord(text: string): Word {
  const isNumber = /^\d+$/.test(text);
  const fact = isNumber || NEGATIONS.has(text) || FACT_WORDS.has(text);
  const optional =
    !fact && (FILLERS.has(text) || FUNCTION_WORDS.has(text) || (text.length === 1 && /[a-z]/.test(text)));
  // "one" and "second" stay words when alone (numbersToDigits) but compare equal to their digits.
  const compared = text === "one" ? "1" : text === "second" ? "2" : stem(text);
  return { text, stem: compared, fact, optional };
}

/** Lower case, one apostrophe, contractions spelled out, symbols as words, digits joined as people read them. */
function normalise(text: string): string {
  return (
    text
      .normalize("NFKC")
      // getUserName → get User Name before lower-casing; snake_case splits at the underscore below.
      .replace(/([a-z])([A-Z])/g, "$1 $2")
      .toLowerCase()
      .replace(/[’‘`]/g, "'")
      .replace(/\b(can)not\b/g, "$1 not")
      .replace(/\bcan't\b/g, "can not")
      .replace(/\bwon't\b/g, "will not")
      .replace(/\bshan't\b/g, "shall not")
      .replace(/\bain't\b/g, "is not")
      .replace(/n't\b/g, " not")
      .replace(/'re\b/g, " are")
      .replace(/'m\b/g, " am")
      .replace(/'ll\b/g, " will")
      .replace(/'ve\b/g, " have")
      .replace(/'d\b/g, "")
      .replace(/'s\b/g, "")
      .replace(/\bgonna\b/g, "going to")
      .replace(/\bwanna\b/g, "want to")
      .replace(/\bgotta\b/g, "got to")
      .replace(/\bo'clock\b/g, "")
      .replace(/(\d)[.:](\d\d)\b/g, "$1$2")
      .replace(/(\d),(\d{3})\b/g, "$1$2")
      .replace(/(\d)(?:st|nd|rd|th)\b/g, "$1")
      .replace(/(\d)(am|pm|k)\b/g, "$1 $2")
      .replace(/\ba\.m\.?/g, "am")
      .replace(/\bp\.m\.?/g, "pm")
      .replace(/\$/g, " dollars ")
      .replace(/€/g, " euros ")
      .replace(/£/g, " pounds ")
      .replace(/%/g, " percent ")
      .replace(/_/g, " ")
      .replace(/[“”"]/g, " ")
      .replace(/\s+/g, " ")
      .trim()
  );
}

// Han, kana and hangul are compared character by character: there are no spaces between their words.
function splitCjk(token: string): string[] {
  if (!/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(token)) return [token];
  return (
    token.match(
      /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu,
    ) ?? []
  );
}

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const TEENS: Record<string, number> = {
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  twentieth: 20,
  thirtieth: 30,
  fortieth: 40,
  fiftieth: 50,
  sixtieth: 60,
  seventieth: 70,
  eightieth: 80,
  ninetieth: 90,
};
const ORDINAL = /(?:first|second|third|th)$/;
const SCALES: Record<string, number> = {
  hundred: 100,
  thousand: 1000,
  million: 1_000_000,
  hundredth: 100,
  thousandth: 1000,
};

/**
 * Replaces runs of number words by the digits people write for them: "three hundred and forty two" → 342,
 * "two oh four" → 204, "nineteen ninety nine" → 1999, "nine thirty" → 930 (as "9:30" normalises).
 * "second" alone stays a word unless a number is next to it.
 */
function numbersToDigits(tokens: string[]): string[] {
  const out: string[] = [];
  let index = 0;
  while (index < tokens.length) {
    const run: string[] = [];
    let end = index;
    while (end < tokens.length) {
      const token = tokens[end];
      const isNumberWord = token in UNITS || token in TEENS || token in TENS || token in SCALES;
      const joiner =
        (token === "and" && run.length > 0 && tokens[end - 1] in SCALES) || (token === "oh" && run.length > 0);
      if (!isNumberWord && !joiner && !/^\d+$/.test(token)) break;
      if (/^\d+$/.test(token) && run.length > 0 && !(run.at(-1)! in SCALES)) break;
      run.push(token);
      end++;
      // An ordinal ends a number: "june thirtieth twenty twenty six" is 30 and 2026, not 302026.
      if (ORDINAL.test(token)) break;
    }
    while (run.length && (run.at(-1) === "and" || run.at(-1) === "oh")) {
      run.pop();
      end--;
    }
    // "one" and "second" alone are often not numbers ("the blue one", "a second opinion"): keep them as
    // they are on both sides, so they compare equal either way.
    if (
      run.length === 0 ||
      (run.length === 1 &&
        !(run[0] in TENS || run[0] in TEENS || run[0] in SCALES) &&
        (run[0] === "one" || run[0] === "second" || !(run[0] in UNITS)))
    ) {
      out.push(tokens[index]);
      index++;
      continue;
    }
    out.push(runValue(run));
    index = end;
  }
  return out;
}

function runValue(run: string[]): string {
  const groups: number[] = [];
  let total = 0;
  let current = 0;
  let started = false;
  const flush = () => {
    if (started) groups.push(total + current);
    total = 0;
    current = 0;
    started = false;
  };
  for (const token of run) {
    if (token === "and") continue;
    if (/^\d+$/.test(token)) {
      current = current * 1 + Number(token);
      started = true;
      continue;
    }
    if (token === "oh") {
      flush();
      groups.push(0);
      continue;
    }
    if (token in SCALES) {
      const scale = SCALES[token];
      if (scale === 100) current = (current || 1) * 100;
      else {
        total += (current || 1) * scale;
        current = 0;
      }
      started = true;
      continue;
    }
    const value = UNITS[token] ?? TEENS[token] ?? TENS[token];
    const lastTwo = current % 100;
    const fits =
      !started || (value < 10 && lastTwo >= 20 && lastTwo % 10 === 0) || (lastTwo === 0 && (current > 0 || total > 0));
    if (!fits) flush();
    current += value;
    started = true;
  }
  flush();
  return groups.length === 1 ? String(groups[0]) : groups.map(String).join("");
}

/** Adjacent words run together ("dry cleaning" = "drycleaning", "m l x" = "mlx"), for spelling changes. */
function joinedRuns(list: Word[]): Set<string> {
  const joined = new Set<string>();
  for (let start = 0; start < list.length; start++) {
    let text = list[start].text;
    for (let length = 2; length <= 4 && start + length <= list.length; length++) {
      text += list[start + length - 1].text;
      joined.add(text);
    }
  }
  return joined;
}

function stem(text: string): string {
  if (text.length <= 3 || /^\d+$/.test(text)) return text;
  return text
    .replace(/ies$/, "y")
    .replace(/(?<=..)(?:ing|ed|es|s)$/, "")
    .replace(/(.)\1$/, "$1");
}

function isQuestionOrOrder(input: string): boolean {
  const text = normalise(input)
    .replace(FILLER_PHRASES, " ")
    .replace(/\b(?:um|uh|er|hmm|so|hey|ok|okay|well)\b/g, " ")
    .trim();
  return (
    /\?|question mark/.test(text) ||
    QUESTION_START.test(text) ||
    COMMAND_START.test(text) ||
    /\b(?:ignore|disregard|forget)\b.*\b(?:instructions|rules|above)\b/.test(text)
  );
}

function count(list: Word[], set: ReadonlySet<string>): number {
  return list.filter((word) => !word.optional && set.has(word.text)).length;
}

function unique(list: Word[]): Word[] {
  const seen = new Set<string>();
  return list.filter((word) => !seen.has(word.stem) && seen.add(word.stem));
}

function words(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter(Boolean));
}
