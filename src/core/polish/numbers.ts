/**
 * Numbers, times and amounts as people say them, read into the digits people write: number words in
 * English, German, French, Spanish and Chinese ("neunzehnhundertfünfzig", "mil novecientos cuarenta y
 * dos", "两千五百"), clock times ("half past three", "viertel vor fünf", "cuatro y media", "quinze heures
 * trente", "三点半"), fractions and cents, rates ("$200 a night") and parts of the day ("two in the
 * afternoon" = "2 p.m."). `words.ts` runs these steps over a text's tokens, in order.
 */
import { HAN_UNITS } from "./chinese";
import { table, words } from "./word-sets";

export const UNIT_WORDS = words(
  // ("pour cent" and "por ciento" are read as "percent" before this: as words, "pour" and "por" are plain.)
  "am pm noon midnight percent dollars dollar euros euro pounds pound cents cent yen uhr heures heure horas hora prozent " +
    HAN_UNITS.replaceAll("|", " "),
);
/**
 * Measures, a unit of the fact only after a number: "ten minutes" is not "ten hours", while "in a few
 * minutes" may become "shortly". (Not days, weeks and years, nor "yard" and "ton", a garden and "a ton
 * of".)
 */
export const MEASURE_WORDS = words(
  "minute minutes hour hours mile miles kilometer kilometers kilometre kilometres kilos kilo meter meters metre metres " +
    "foot feet inch inches gram grams ounce ounces liter liters litre litres gallon gallons " +
    "minuten stunde stunden gramm minuto minutos hora horas kilómetro kilómetros metros gramo gramos litro litros kilomètre kilomètres mètre mètres gramme grammes " +
    "斤 米 克 升 里",
);
const CURRENCIES = words("dollars dollar euros euro pounds pound yen");

// Chinese numerals, and what makes a lone one a number rather than part of a word (一下, 一起): a
// measure word or unit after it.
const HAN_SCALES = table<number>({ 十: 10, 百: 100, 千: 1000, 万: 10000 });
const HAN_NUMBER = /[零一二两三四五六七八九十百千万]+/g;
const HAN_MEASURE = /^[点个号月日岁人天年块元分次位件张本台%]/;

/**
 * Chinese numbers as digits, as people write them: "三点半" → "3:30", "百分之十二" → "12%", "两千" → "2000".
 * A lone numeral stays a character unless a measure word follows it.
 */
export function chineseNumbers(text: string): string {
  const digits = text
    .replace(/百分之([零一二两三四五六七八九十百千万]+|\d+)/g, "$1%")
    // "一万二" is 12 000 and "两千五" 2500: a single digit after 万, 千 or 百 counts the next scale down.
    .replace(
      /([零一二两三四五六七八九十]+)([万千百])([一二两三四五六七八九])(?![零一二两三四五六七八九十百千万])/g,
      (_, head, scale, tail) => {
        const next = { 万: "千", 千: "百", 百: "十" }[scale as "万" | "千" | "百"];
        return `${head}${scale}${tail}${next}`;
      },
    )
    // "2万" and "1.5万" write the scale after Arabic digits.
    .replace(/(\d+(?:\.\d+)?)([万千])/g, (_, number, scale) => String(Math.round(Number(number) * HAN_SCALES[scale])))
    .replace(HAN_NUMBER, (run, offset: number, whole: string) => {
      if (run.length === 1 && run !== "十" && !HAN_MEASURE.test(whole.slice(offset + 1))) return run;
      // 万 scales all that comes before it ("十万" is 100 000, "一万二千" 12 000); 十, 百 and 千 the digit.
      let total = 0;
      let section = 0;
      let current = 0;
      for (const char of run) {
        if (!(char in HAN_SCALES)) current = current * 10 + UNITS[char];
        else if (char === "万") {
          total += (section + current || 1) * HAN_SCALES[char];
          section = 0;
          current = 0;
        } else {
          section += (current || 1) * HAN_SCALES[char];
          current = 0;
        }
      }
      return String(total + section + current);
    });
  // 块 and 块钱 are the spoken words for 元, the yuan.
  return digits
    .replace(/(\d+)点半/g, "$1:30")
    .replace(/(\d+)点(\d+)分?/g, "$1:$2")
    .replace(/(\d)块钱?/g, "$1元");
}

const CENTS = words("cents cent centimes céntimos");

/**
 * Spoken fractions as the decimals people write: "three and a half" → "three point five", "half a percent"
 * → "zero point five percent", "twelve dollars and fifty cents" → "twelve point fifty dollars" (as "$12.50"
 * normalises), "treinta y uno" → "treinta y one".
 */
export function spokenFractions(tokens: string[]): string[] {
  const out: string[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    const previous = out.at(-1);
    if (token === "and" && tokens[index + 1] === "a" && tokens[index + 2] === "half" && isNumberish(previous)) {
      out.push("point", "five");
      index += 2;
      continue;
    }
    if (token === "half" && tokens[index + 1] === "a" && UNIT_WORDS.has(tokens[index + 2] ?? "")) {
      out.push("zero", "point", "five");
      index += 1;
      continue;
    }
    if (CURRENCIES.has(token) && tokens[index + 1] === "and" && isNumberish(previous)) {
      let end = index + 2;
      while (end < tokens.length && isNumberish(tokens[end]) && !CENTS.has(tokens[end])) end++;
      if (end > index + 2 && CENTS.has(tokens[end] ?? "")) {
        out.push("point", ...tokens.slice(index + 2, end), token);
        index = end;
        continue;
      }
    }
    if (/^(?:uno|una|un|une)$/.test(token) && /^(?:y|et)$/.test(previous ?? "") && (out.at(-2) ?? "") in TENS) {
      out.push("one");
      continue;
    }
    out.push(token);
  }
  return out;
}

/** "19 euros 50" (spoken "nineteen euros fifty") is the amount "19.50 euros": digits first, then the currency. */
export function amountsInOrder(tokens: string[]): string[] {
  const out: string[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const [number, currency, cents] = [tokens[index], tokens[index + 1], tokens[index + 2]];
    if (/^\d+$/.test(number) && CURRENCIES.has(currency ?? "") && /^\d\d$/.test(cents ?? "")) {
      out.push(number + cents, currency);
      index += 2;
      continue;
    }
    out.push(number);
  }
  return out;
}

// Number words in English, German, French, Spanish and Chinese. Articles that are also "one" (ein, un,
// une, uno, una) stay words: "ein Termin" is not "1 Termin".
const UNITS = table<number>({
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
  null: 0,
  eins: 1,
  zwei: 2,
  drei: 3,
  vier: 4,
  fünf: 5,
  sechs: 6,
  sieben: 7,
  acht: 8,
  neun: 9,
  zéro: 0,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  sept: 7,
  huit: 8,
  neuf: 9,
  // The first of a month is said as an ordinal ("le premier juin", "el primero de mayo"), the other days
  // as cardinals.
  premier: 1,
  première: 1,
  primero: 1,
  primera: 1,
  primer: 1,
  cero: 0,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
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
});
const TEENS = table<number>({
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
  zehn: 10,
  elf: 11,
  zwölf: 12,
  dreizehn: 13,
  vierzehn: 14,
  fünfzehn: 15,
  sechzehn: 16,
  siebzehn: 17,
  achtzehn: 18,
  neunzehn: 19,
  dix: 10,
  onze: 11,
  douze: 12,
  treize: 13,
  quatorze: 14,
  quinze: 15,
  seize: 16,
  diez: 10,
  once: 11,
  doce: 12,
  trece: 13,
  catorce: 14,
  quince: 15,
  dieciséis: 16,
  diecisiete: 17,
  dieciocho: 18,
  diecinueve: 19,
  十: 10,
});
const TENS = table<number>({
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
  zwanzig: 20,
  dreißig: 30,
  dreissig: 30,
  vierzig: 40,
  fünfzig: 50,
  sechzig: 60,
  siebzig: 70,
  achtzig: 80,
  neunzig: 90,
  vingt: 20,
  vingts: 20,
  trente: 30,
  quarante: 40,
  cinquante: 50,
  soixante: 60,
  // Belgian and Swiss French: "septante-cinq" is 75.
  septante: 70,
  huitante: 80,
  octante: 80,
  nonante: 90,
  veinte: 20,
  treinta: 30,
  cuarenta: 40,
  cincuenta: 50,
  sesenta: 60,
  setenta: 70,
  ochenta: 80,
  noventa: 90,
});
// Spanish says the hundreds as one word each ("novecientos" is 900, "quinientas" 500).
const HUNDREDS = table<number>({
  doscientos: 200,
  doscientas: 200,
  trescientos: 300,
  trescientas: 300,
  cuatrocientos: 400,
  cuatrocientas: 400,
  quinientos: 500,
  quinientas: 500,
  seiscientos: 600,
  seiscientas: 600,
  setecientos: 700,
  setecientas: 700,
  ochocientos: 800,
  ochocientas: 800,
  novecientos: 900,
  novecientas: 900,
});
const ORDINAL = /(?:first|second|third|th)$/;
export const SCALES = table<number>({
  hundred: 100,
  thousand: 1000,
  million: 1_000_000,
  millions: 1_000_000,
  millón: 1_000_000,
  millones: 1_000_000,
  millionen: 1_000_000,
  billion: 1_000_000_000,
  trillion: 1_000_000_000_000,
  hundredth: 100,
  thousandth: 1000,
  hundert: 100,
  tausend: 1000,
  cent: 100,
  cents: 100,
  mille: 1000,
  cien: 100,
  ciento: 100,
  cientos: 100,
  mil: 1000,
  百: 100,
  千: 1000,
});
// Words that join the parts of one number: "hundred and five", "treinta y cinco", "vingt et un",
// "dreiundzwanzig" (split below), "three point five".
const JOINERS = words("and y et und");
const DECIMAL_POINTS = words("point komma virgule coma punto");
// "half past three", "quarter to four", "halb vier" (half to four), "trois heures et demie".
const CLOCK = /^(?:half|quarter)$/;

// The parts German writes together in one number word: "neunzehnhundertachtundneunzig" is
// neunzehn·hundert·acht·und·neunzig (1998), "zweitausendsechsundzwanzig" zwei·tausend·sechs·und·zwanzig.
const GERMAN_NUMBER_PARTS = [
  ...words("null ein eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf"),
  ...words("dreizehn vierzehn fünfzehn sechzehn siebzehn achtzehn neunzehn"),
  ...words("zwanzig dreißig dreissig vierzig fünfzig sechzig siebzig achtzig neunzig hundert tausend und"),
].sort((a, b) => b.length - a.length);
// German ordinal stems that are not the number word itself ("erste", "dritte", "siebte", "achte").
const GERMAN_ORDINAL_STEMS = table<string>({
  er: "eins",
  ers: "eins",
  drit: "drei",
  sieb: "sieben",
  ach: "acht",
});

/**
 * German number words written as one ("dreiundzwanzig" → "zwanzig drei", "neunzehnhundertfünfzig" →
 * "neunzehn hundert fünfzig"), German ordinals ("ersten" → 1, "einundzwanzigsten" → 21), French ordinals
 * ("deuxième" → 2) and Spanish "veinti-" ("veintiséis" → "veinte seis").
 */
function splitCompound(token: string): string[] {
  const german = germanNumber(token);
  if (german) return german;
  // German ordinals: "fünfzehnten" → "fünfzehn", "zwanzigste" → "zwanzig", "dritte" → 3.
  const ordinal = /^(\p{L}+?)(?:st|t)(?:e|en|er|es|em)$/u.exec(token);
  if (ordinal) {
    const base = GERMAN_ORDINAL_STEMS[ordinal[1]] ?? ordinal[1];
    if (base in UNITS || base in TEENS || base in TENS || base in SCALES) return [base];
    const compound = germanNumber(base);
    if (compound) return compound;
  }
  const french = frenchOrdinal(token);
  if (french) return [french];
  const spanish = /^veinti(uno|ún|una|dós|dos|trés|tres|cuatro|cinco|séis|seis|siete|ocho|nueve)$/.exec(token);
  if (spanish) {
    const unit = spanish[1].normalize("NFD").replace(/\p{M}/gu, "");
    // "veintiuno" is 21: its "uno" is the number, not the article "uno" stays elsewhere.
    return ["veinte", /^un/.test(unit) ? "one" : unit];
  }
  return [token];
}

/** The parts of a German number written as one word, units after their tens; undefined when it is not one. */
function germanNumber(token: string): string[] | undefined {
  const parts = germanParts(token);
  if (!parts || parts.length < 2) return undefined;
  const out: string[] = [];
  for (let index = 0; index < parts.length; index++) {
    const [part, next, after] = [parts[index], parts[index + 1], parts[index + 2]];
    const unit = part === "ein" ? "eins" : part;
    // "sechsundzwanzig" is said unit first: the tens come first in the digits.
    if (next === "und" && after !== undefined && after in TENS && unit in UNITS) {
      out.push(after, unit);
      index += 2;
      continue;
    }
    if (part === "und" && !(out.at(-1) === "hundert" || out.at(-1) === "tausend")) return undefined;
    out.push(unit);
  }
  return out;
}

/** Splits a word into German number parts, all of it or nothing ("zweitausend" → "zwei", "tausend"). */
function germanParts(rest: string): string[] | undefined {
  if (rest === "") return [];
  for (const part of GERMAN_NUMBER_PARTS) {
    if (!rest.startsWith(part)) continue;
    const tail = germanParts(rest.slice(part.length));
    if (tail) return [part, ...tail];
  }
  return undefined;
}

/** French ordinals: "deuxième" → "deux", "cinquième" → "cinq", "neuvième" → "neuf", "onzième" → "onze". */
function frenchOrdinal(token: string): string | undefined {
  const stem = /^(\p{L}+)ième$/u.exec(token)?.[1];
  if (!stem) return undefined;
  const candidates = [stem, `${stem}e`, stem.replace(/v$/, "f"), stem.replace(/qu$/, "q")];
  return candidates.find((word) => word !== "un" && isNumberWord(word));
}

export function isNumberWord(token: string): boolean {
  return token in UNITS || token in TEENS || token in TENS || token in HUNDREDS || token in SCALES;
}

/**
 * Replaces runs of number words by the digits people write for them: "three hundred and forty two" → 342,
 * "two oh four" → 204, "nineteen ninety nine" → 1999, "nine thirty" → 930 (as "9:30" normalises),
 * "three point five" → 35 (as "3.5"), "half past three" → 330, "quatre vingt dix" → 90.
 * "one" and "second" alone stay words unless a number is next to them. `spanish`: the text is Spanish, the
 * one language where "once" is a number (11).
 */
export function numbersToDigits(input: string[], spanish = false): string[] {
  const tokens = clockTimes(input.flatMap(splitCompound));
  const out: string[] = [];
  let index = 0;
  while (index < tokens.length) {
    const run: string[] = [];
    let end = index;
    while (end < tokens.length) {
      const token = tokens[end];
      const previous = tokens[end - 1];
      const joiner =
        (JOINERS.has(token) && run.length > 0 && isNumberWord(tokens[end + 1] ?? "") && joinsOn(run)) ||
        (token === "oh" && run.length > 0) ||
        (DECIMAL_POINTS.has(token) &&
          run.length > 0 &&
          /^\d+$|^[a-z]/.test(tokens[end + 1] ?? "") &&
          isNumberish(tokens[end + 1]));
      if (!isNumberWord(token) && !joiner && !/^\d+$/.test(token)) break;
      // Spanish "once" (11) is the English word "once" in any other text.
      if (token === "once" && !spanish) break;
      if (/^\d+$/.test(token) && run.length > 0 && !(previous in SCALES) && !DECIMAL_POINTS.has(previous)) break;
      run.push(token);
      end++;
      // An ordinal ends a number: "june thirtieth twenty twenty six" is 30 and 2026, not 302026.
      if (ORDINAL.test(token)) break;
    }
    while (run.length && (JOINERS.has(run.at(-1)!) || run.at(-1) === "oh" || DECIMAL_POINTS.has(run.at(-1)!))) {
      run.pop();
      end--;
    }
    // "one" and "second" alone are often not numbers ("the blue one", "a second opinion"), nor is a 一 that
    // `chineseNumbers` left without a measure word (一起, 一定, 统一): keep them as
    // they are on both sides, so they compare equal either way.
    if (
      run.length === 0 ||
      (run.length === 1 &&
        !(run[0] in TENS || run[0] in TEENS || run[0] in HUNDREDS || run[0] in SCALES) &&
        (run[0] === "one" || run[0] === "second" || run[0] === "一" || !(run[0] in UNITS)))
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

/**
 * Whether "and", "y", "et" or "und" after these number words carries the number on: only after a round
 * hundred or ten ("three hundred and five", "treinta y cinco", "soixante et onze"). Elsewhere it joins two
 * numbers ("dos y tres" is 2 and 3, "las cuatro y diez" an hour and its minutes).
 */
function joinsOn(run: string[]): boolean {
  const value = Number(runValue(run));
  return value > 0 && (value % 100 === 0 || (value % 100 >= 20 && value % 10 === 0));
}

export function isNumberish(token: string | undefined): boolean {
  return token !== undefined && (/^\d+$/.test(token) || isNumberWord(token));
}

/** Spoken clock times as the digits of the written time: "half past three" → "3 30", "halb vier" → "3 30". */
function clockTimes(tokens: string[]): string[] {
  const out: string[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const [first, second, third] = [tokens[index], tokens[index + 1], tokens[index + 2]];
    const hourOf = (token: string | undefined) =>
      token === undefined ? undefined : /^\d+$/.test(token) ? Number(token) : (UNITS[token] ?? TEENS[token]);
    if (CLOCK.test(first) && (second === "past" || second === "after" || second === "to" || second === "before")) {
      const hour = hourOf(third);
      if (hour !== undefined) {
        const minutes = first === "half" ? 30 : 15;
        const forward = second === "past" || second === "after";
        const [h, m] = forward ? [hour, minutes] : [hour === 1 ? 12 : hour - 1, 60 - minutes];
        // One token, as "3:30" normalises to "330".
        out.push(`${h}${String(m).padStart(2, "0")}`);
        index += 2;
        continue;
      }
    }
    // "ten past seven" is 7:10, "twenty after six" 6:20: minutes said before the hour they follow.
    const minutes = /^\d/.test(first) ? undefined : hourOf(first);
    if (minutes !== undefined && minutes > 0 && minutes < 30 && (second === "past" || second === "after")) {
      const hour = hourOf(third);
      if (hour !== undefined && hour >= 1 && hour <= 12) {
        out.push(`${hour}${String(minutes).padStart(2, "0")}`);
        index += 2;
        continue;
      }
    }
    if (first === "halb" && hourOf(second) !== undefined) {
      const hour = hourOf(second)!;
      out.push(`${hour === 1 ? 12 : hour - 1}30`);
      index += 1;
      continue;
    }
    out.push(first);
  }
  return out;
}

// The word for the hour in a clock time: "quinze heures trente" is 15:30, "acht Uhr dreißig" 8:30.
const HOUR_WORDS = words("heures heure uhr");
// Minutes past the hour said as a fraction of it: "et demie", "y media", "et quart", "y cuarto".
const PARTS_OF_HOUR = table<number>({ demie: 30, media: 30, quart: 15, cuarto: 15 });
// Hours with a name of their own: "midi et demie" is 12:30.
const NAMED_HOURS = table<number>({ midi: 12, minuit: 0 });
// Spanish says a clock time with its article ("a las cuatro y diez"): it marks hour and minutes apart.
const HOUR_ARTICLES = words("las la");

interface Clock {
  hour: number;
  minute: number;
}

/**
 * Clock times said in words, once their numbers are digits, as the digits of the written time: "quinze
 * heures trente" → 1530 (as "15 h 30"), "cuatro y media" → 430, "cinq heures moins le quart" → 445,
 * "viertel vor fünf" → 445, "zehn nach halb drei" → 240, "acht Uhr" → 8 (as "8:00"), "midi" → "12 heures".
 */
export function clockPhrases(tokens: string[]): string[] {
  const out: string[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const time = germanClock(tokens, index) ?? clockAfterHour(tokens, index, out.at(-1));
    if (time) {
      out.push(...time.words);
      index += time.length - 1;
      continue;
    }
    out.push(tokens[index]);
  }
  return out;
}

/** German times said before their hour: "viertel vor fünf", "dreiviertel fünf", "zehn nach acht". */
function germanClock(tokens: string[], index: number): { words: string[]; length: number } | undefined {
  const [first, second, third] = [tokens[index], tokens[index + 1], tokens[index + 2]];
  if (first === "dreiviertel" || (first === "3" && second === "viertel")) {
    const length = first === "3" ? 3 : 2;
    const clock = clockOf(tokens[index + length - 1]);
    return clock && clock.hour <= 12 ? { words: [clockText(clock, -15)], length } : undefined;
  }
  if (second !== "vor" && second !== "nach") return undefined;
  const minutes = first === "viertel" ? 15 : /^\d+$/.test(first) && Number(first) < 30 ? Number(first) : undefined;
  const clock = clockOf(third);
  if (minutes === undefined || !clock || clock.hour > 12) return undefined;
  return { words: [clockText(clock, second === "vor" ? -minutes : minutes)], length: 3 };
}

/** Times said from their hour on: "cuatro y media", "quinze heures trente", "cinq heures moins dix". */
function clockAfterHour(
  tokens: string[],
  index: number,
  previous: string | undefined,
): { words: string[]; length: number } | undefined {
  const token = tokens[index];
  const named = token in NAMED_HOURS && previous !== "après";
  const clock = named ? { hour: NAMED_HOURS[token], minute: 0 } : clockOf(token);
  if (!clock) return undefined;
  const unit = HOUR_WORDS.has(tokens[index + 1] ?? "") ? tokens[index + 1] : undefined;
  const at = index + (unit ? 2 : 1);
  const [next, after, third] = [tokens[at], tokens[at + 1], tokens[at + 2]];
  const minutes = (word: string | undefined) =>
    /^\d\d?$/.test(word ?? "") && Number(word) < 60 ? Number(word) : undefined;
  // The hour and its minutes are apart only after "heures"/"Uhr" or the article of "las cuatro y diez".
  const spelledApart = unit !== undefined || HOUR_ARTICLES.has(previous ?? "");
  const onTheHour = clock.minute === 0;
  if (onTheHour && (next === "et" || next === "y") && after !== undefined && after in PARTS_OF_HOUR)
    return { words: [clockText(clock, PARTS_OF_HOUR[after])], length: at + 2 - index };
  if (onTheHour && (next === "moins" || next === "menos")) {
    const part = after === "le" ? third : after;
    if (part === "quart" || part === "cuarto")
      return { words: [clockText(clock, -15)], length: at + (after === "le" ? 3 : 2) - index };
    if (spelledApart && minutes(after) !== undefined)
      return { words: [clockText(clock, -minutes(after)!)], length: at + 2 - index };
  }
  if (onTheHour && unit && minutes(next) !== undefined)
    return { words: [clockText(clock, minutes(next)!)], length: at + 1 - index };
  if (onTheHour && next === "y" && spelledApart && minutes(after) !== undefined)
    return { words: [clockText(clock, minutes(after)!)], length: at + 2 - index };
  // "acht Uhr" is written "8 Uhr" or "8:00": the hour alone, as "eight o'clock" reads.
  if (unit === "uhr") return { words: [clockText(clock, 0)], length: 2 };
  if (named) return { words: [String(clock.hour), "heures"], length: 1 };
  return undefined;
}

/** The hour and minutes a token of digits may be: "4" → 4:00, "430" → 4:30 (as "4:30" normalises). */
function clockOf(token: string | undefined): Clock | undefined {
  if (!/^\d{1,4}$/.test(token ?? "")) return undefined;
  const value = Number(token);
  const [hour, minute] = token!.length <= 2 ? [value, 0] : [Math.floor(value / 100), value % 100];
  return hour <= 24 && minute < 60 ? { hour, minute } : undefined;
}

/** A clock time moved by some minutes, as the digits the written time normalises to ("4:45" → "445"). */
function clockText(clock: Clock, shift: number): string {
  let total = clock.hour * 60 + clock.minute + shift;
  // "viertel vor eins" is 12:45 on a twelve-hour clock; "minuit moins le quart" 23:45.
  if (total < 0) total += 24 * 60;
  else if (total < 60 && clock.hour >= 1) total += 12 * 60;
  const [hour, minute] = [Math.floor(total / 60) % 24, total % 60];
  return minute === 0 ? String(hour) : `${hour}${String(minute).padStart(2, "0")}`;
}

// What follows an hour of the afternoon or evening, and the hours it is said with: "nueve de la noche" is
// 21:00, "trois heures de l'après-midi" 15:00, "acht Uhr abends" 20:00, "two pm" 14:00.
const DAY_PERIODS: [string[], number, number][] = [
  ...[
    "pm",
    "in the afternoon",
    "in the evening",
    "de la tarde",
    "por la tarde",
    "du soir",
    "de l après midi",
    "abends",
    "nachmittags",
    "am abend",
    "am nachmittag",
  ].map((period): [string[], number, number] => [period.split(" "), 1, 11]),
  ...["at night", "de la noche", "por la noche"].map((period): [string[], number, number] => [
    period.split(" "),
    7,
    11,
  ]),
];
// What follows an hour of the morning in German, French and Spanish, whose written times say the morning by
// their hour alone: "siete y cuarto de la mañana" is 7:15, "sept heures du matin" 7 h.
const MORNING_PERIODS = ["de la mañana", "du matin", "morgens", "früh"].map((period) => period.split(" "));

/** "a m" and "p m" spelled out after a clock time, as dictation writes them, read as "am" and "pm". */
export function spokenMeridiems(tokens: string[]): string[] {
  const out: string[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const [token, next] = [tokens[index], tokens[index + 1]];
    if ((token === "a" || token === "p") && next === "m" && clockOf(out.at(-1))) {
      out.push(`${token}m`);
      index++;
      continue;
    }
    out.push(token);
  }
  return out;
}

/** A time of the afternoon or evening as the 24-hour time people may write for it: "930 de la noche" → 2130. */
export function dayPeriods(tokens: string[]): string[] {
  const out: string[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const clock = clockOf(tokens[index]);
    const unit = HOUR_WORDS.has(tokens[index + 1] ?? "") ? 1 : 0;
    const period = DAY_PERIODS.find(
      ([said, from, to]) =>
        clock !== undefined &&
        clock.hour >= from &&
        clock.hour <= to &&
        said.every((word, offset) => tokens[index + 1 + unit + offset] === word),
    );
    const morning = MORNING_PERIODS.find(
      (said) =>
        clock !== undefined &&
        clock.hour >= 1 &&
        clock.hour <= 11 &&
        said.every((word, offset) => tokens[index + 1 + unit + offset] === word),
    );
    if (clock && morning) {
      out.push(...tokens.slice(index, index + 1 + unit));
      index += unit + morning.length;
      continue;
    }
    if (!clock || !period) {
      out.push(tokens[index]);
      continue;
    }
    out.push(
      clockText({ hour: clock.hour + 12, minute: clock.minute }, 0),
      ...tokens.slice(index + 1, index + 1 + unit),
    );
    index += unit + period[0].length;
  }
  return out;
}

function runValue(run: string[]): string {
  const groups: number[] = [];
  let total = 0;
  let current = 0;
  let started = false;
  let decimals = "";
  let afterPoint = false;
  let scaleAfterPoint = 1;
  const flush = () => {
    if (started) groups.push(total + current);
    total = 0;
    current = 0;
    started = false;
  };
  for (const [position, token] of run.entries()) {
    if (JOINERS.has(token)) continue;
    if (DECIMAL_POINTS.has(token)) {
      flush();
      afterPoint = true;
      continue;
    }
    if (afterPoint && token in SCALES && SCALES[token] >= 1000) {
      // "two point five million" is 2,500,000: the scale multiplies the whole decimal.
      scaleAfterPoint *= SCALES[token];
      continue;
    }
    if (afterPoint) {
      // Digits after a decimal point are read one by one ("three point one four" → 3.14) or as one number.
      decimals += /^\d+$/.test(token) ? token : String(UNITS[token] ?? TEENS[token] ?? TENS[token] ?? "");
      continue;
    }
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
    if (token in HUNDREDS) {
      if (current !== 0) flush();
      current = HUNDREDS[token];
      started = true;
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
    // The number word before this one, past a joiner ("soixante et onze").
    const before = run.slice(0, position).findLast((word) => !JOINERS.has(word)) ?? "";
    // "quatre vingt" is 4 × 20; "soixante dix" 60 + 10; "dix sept" 10 + 7.
    if (value === 20 && started && lastTwo > 0 && lastTwo < 10 && before in UNITS && token.startsWith("vingt")) {
      current = current - lastTwo + lastTwo * 20;
      continue;
    }
    const fits =
      !started ||
      (value < 10 && lastTwo >= 20 && lastTwo % 10 === 0) ||
      (value < 10 && lastTwo === 10 && before === "dix") ||
      (value >= 10 && value < 20 && (lastTwo === 60 || lastTwo === 80) && /^(?:soixante|vingts?)$/.test(before)) ||
      (lastTwo === 0 && (current > 0 || total > 0));
    if (!fits) flush();
    current += value;
    started = true;
  }
  flush();
  const whole = groups.length === 1 ? String(groups[0]) : groups.map(String).join("");
  if (scaleAfterPoint > 1) return String(Math.round(Number(`${whole}.${decimals || 0}`) * scaleAfterPoint));
  return whole + decimals;
}

// The periods and measures a rate is given in: "$200 a night", "twelve percent a year", "two a day".
const RATE_UNITS = words(
  "second minute hour day night week month quarter year person head piece item unit mile kilometer gallon liter litre",
);
// The part of the day that makes a clock hour a.m. or p.m.: "two in the afternoon" is 2 p.m., "ten at
// night" 10 p.m. and "two at night" 2 a.m.
const DAY_PARTS: [string[], (hour: number) => string | undefined][] = [
  [["in", "the", "morning"], () => "am"],
  [["in", "the", "afternoon"], () => "pm"],
  [["in", "the", "evening"], () => "pm"],
  [["at", "night"], (hour) => (hour >= 6 && hour <= 11 ? "pm" : hour <= 4 || hour === 12 ? "am" : undefined)],
];

/** English amount words as the amounts people write: "ten grand" is "$10,000" ("ten thousand dollars"). */
export function englishAmountWords(tokens: string[]): string[] {
  return tokens.flatMap((token, index) =>
    token === "grand" && isNumberish(tokens[index - 1]) ? ["thousand", "dollars"] : [token],
  );
}

/**
 * English rates and clock times as people write them: "$200 a night" is "$200 per night" (an "a" or "an"
 * between an amount and the period or measure it is per), "in one week" is "in a week", and "two in the
 * afternoon" is "2 pm".
 */
export function englishRatesAndTimes(tokens: string[]): string[] {
  const out: string[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const [token, previous, next] = [tokens[index], out.at(-1) ?? "", tokens[index + 1] ?? ""];
    const amount = /^\d+$/.test(previous) || CURRENCIES.has(previous) || previous === "percent";
    if ((token === "a" || token === "an") && amount && RATE_UNITS.has(next)) {
      out.push("per");
      continue;
    }
    // "one week" is "a week": the article before a single period or measure is its count.
    if (token === "one" && RATE_UNITS.has(next)) {
      out.push("a");
      continue;
    }
    const meridiem = /^\d{1,4}$/.test(previous) ? dayPart(tokens, index, clockHour(previous)) : undefined;
    if (meridiem) {
      out.push(meridiem.text);
      index += meridiem.length - 1;
      continue;
    }
    out.push(token);
  }
  return out;
}

/** The hour of a clock time as the tokens carry it: "2" → 2, "230" (2:30) → 2. */
function clockHour(time: string): number {
  return Number(time.length > 2 ? time.slice(0, -2) : time);
}

/** "am" or "pm" for the part of the day said at `index` after a clock hour, and how many words said it. */
function dayPart(tokens: string[], index: number, hour: number): { text: string; length: number } | undefined {
  if (hour < 1 || hour > 12) return undefined;
  for (const [phrase, meridiem] of DAY_PARTS) {
    if (!phrase.every((word, offset) => tokens[index + offset] === word)) continue;
    const text = meridiem(hour);
    return text ? { text, length: phrase.length } : undefined;
  }
  return undefined;
}
