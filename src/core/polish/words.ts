import { chineseSpellings, HAN, isHanDate, splitHan } from "./chinese";

/**
 * The words of a dictation or a rewrite as the faithfulness check compares them, in their order.
 *
 * Everything a good clean-up legitimately changes is normalised away here, so the check can align what is
 * left: casing, punctuation, contractions ("can't" = "can not", "unable" = "not able"), number words in
 * English, German, French, Spanish and Chinese ("twenty five" = "25", "nineteen fifty" = "1950", "neun" = 9,
 * "quatre-vingt-dix" = 90, "neunzehnhundertfünfzig" = 1950, "mil novecientos" = 1900, "le premier" = "le 1er",
 * "three point five" = "3.5"), clock times ("half past three" = "halb vier" = "3:30", "quinze heures trente" =
 * "15 h 30", "nueve de la noche" = "21:00"), amounts ("$50" = "50 dollars", "nineteen euros fifty" = "19.50
 * euros"), abbreviations ("Dr." = "doctor"), fillers, spoken punctuation ("comma", "new paragraph"), and the
 * words a spoken self-correction ("tuesday no wait wednesday") takes back.
 */

export type WordKind = "number" | "date" | "negation" | "unit" | "content";

export interface Word {
  /** Lower case, digits for number words (decimals and times with their digits only: "3.5" → "35"). */
  text: string;
  /** Compared form: plural, past and -ing endings removed. */
  stem: string;
  kind: WordKind;
  /** A number, date, time, amount or negation: never dropped, never invented, never reordered. */
  fact: boolean;
  /** A filler, function word, spoken punctuation or a word a self-correction took back: may go. */
  optional: boolean;
  /** Taken back by a spoken self-correction ("tuesday" in "tuesday no wait wednesday"). */
  takenBack?: boolean;
  /** A lead-in or hedge word of the dictation, which some styles may drop (set by the check). */
  hedge?: boolean;
  /** Capitalised inside a sentence of the rewrite: a name, compared letter for letter ("Jona" ≠ "jonas"). */
  name?: boolean;
  /** The line of the text it is on (a bullet list has one item a line). */
  line: number;
}

// English, and the German, French and Spanish hesitation sounds.
const FILLERS = words(
  "um umm uh uhh uhm er erm ah ahh eh hmm mm mhm like yeah yep ok okay oh well right alright basically literally äh ähm öh euh bah este pues hey",
);
const FILLER_PHRASES = /\b(?:you know|kind of|sort of|you see|i guess|o sea|en fait|du coup|sozusagen)\b/g;
// Words that are fillers only in their own language: German modal particles wherever they stand ("das ist
// halt so"), and discourse markers that open the text or a clause or stand next to another filler ("eh
// bueno", "euh ben", "bon alors"); elsewhere they are words ("es bueno", "bon voyage", Ben the name).
const LANGUAGE_FILLERS: Record<Language, RegExp[]> = {
  de: [/\b(?:halt|quasi)\b/g],
  es: discourseMarkers("bueno"),
  fr: discourseMarkers("ben|bon"),
};
// Spoken forms each language writes out in full: German drops a verb's -e ("ich hab", "ich glaub") and runs
// a preposition into its article ("fürs" = "für das"), Spanish clips "para" and "por favor", French clips
// "petit" and says "ouais" for "oui". Like English contractions, both spellings read as the full form.
const SPOKEN_FORMS: Record<Language, Record<string, string>> = {
  de: {
    hab: "habe",
    glaub: "glaube",
    denk: "denke",
    mach: "mache",
    schick: "schicke",
    brauch: "brauche",
    nen: "einen",
    nich: "nicht",
    nix: "nichts",
    is: "ist",
    heut: "heute",
    grad: "gerade",
    gern: "gerne",
    fürs: "für das",
    aufs: "auf das",
    ums: "um das",
    durchs: "durch das",
    übers: "über das",
    ins: "in das",
    ans: "an das",
    beim: "bei dem",
    vom: "von dem",
    zum: "zu dem",
    zur: "zu der",
    haste: "hast du",
    kannste: "kannst du",
    biste: "bist du",
    weißte: "weißt du",
  },
  es: { pa: "para", pal: "para el", porfa: "por favor", porfi: "por favor", na: "nada" },
  fr: { ouais: "oui", "p'tit": "petit", "p'tite": "petite", "p'tits": "petits", "p'tites": "petites" },
};
// A future said with "go" ("va a reiniciar", "on va envoyer") and the same future in one word ("reiniciará",
// "enverra") are one verb and one time: both read as the infinitive, the time being judged apart
// (`timeframe.ts`). The forms of "go" before an infinitive, and the future stems that are not the infinitive.
const GO_BEFORE_INFINITIVE: Partial<Record<Language, { go: ReadonlySet<string>; between: ReadonlySet<string> }>> = {
  es: { go: words("voy vas va vamos vais van"), between: words("a") },
  fr: {
    go: words("vais vas va allons allez vont"),
    between: words("ne n pas plus jamais le la les l lui leur y en me m te t se s nous vous"),
  },
};
const INFINITIVE: Partial<Record<Language, RegExp>> = {
  es: /^\p{L}+(?:ar|er|ir)(?:me|te|se|lo|la|le|los|las|les|nos)?$/u,
  fr: /^\p{L}{2,}(?:er|ir|re|oir)$/u,
};
const NOT_INFINITIVES = words("notre votre autre entre contre centre hier leur mercredi mer");
const FUTURE_ENDINGS: Partial<Record<Language, string>> = {
  es: "é|ás|á|emos|éis|án",
  fr: "ai|as|a|ons|ez|ont",
};
const FUTURE_STEMS: Partial<Record<Language, Record<string, string>>> = {
  es: {
    ir: "ir",
    tendr: "tener",
    podr: "poder",
    pondr: "poner",
    saldr: "salir",
    vendr: "venir",
    sabr: "saber",
    habr: "haber",
    har: "hacer",
    dir: "decir",
    querr: "querer",
    valdr: "valer",
    cabr: "caber",
  },
  fr: {
    ser: "être",
    aur: "avoir",
    fer: "faire",
    ir: "aller",
    pourr: "pouvoir",
    devr: "devoir",
    recevr: "recevoir",
    voudr: "vouloir",
    viendr: "venir",
    tiendr: "tenir",
    enverr: "envoyer",
    saur: "savoir",
    verr: "voir",
    faudr: "falloir",
    dir: "dire",
    lir: "lire",
  },
};
// French "genre" is "like" unless it is the noun ("ce genre de film", "le genre").
const FRENCH_LIKE =
  /(?<!(?:^|\P{L})(?:le|un|ce|du|quel|mon|ton|son|notre|votre|leur|même|autre|nouveau|de|mauvais|bon|sans)\s)(?<!\p{L})genre(?!\p{L})(?!\s+(?:de|d)(?!\p{L}))/gu;
const CJK_FILLERS = /[嗯啊呃哦噢]|那个|就是说|就是/g;
/**
 * A spoken full stop. "period" after a determiner or a word it names a span of ("a trial period", "the
 * same period") or before "of" ("a period of growth") is the word.
 */
export const SPOKEN_PERIOD =
  /(?<!\b(?:a|an|the|this|that|each|every|per|same|trial|grace|waiting|notice|billing|probation|time)\s+)\b(?:period|full stop)\b(?!\s+of\b)/g;
const SPOKEN_MARKS =
  /\b(?:question mark|exclamation (?:mark|point)|new (?:line|paragraph)|open (?:quote|paren(?:thesis)?)|close (?:quote|paren(?:thesis)?)|end quote|unquote|comma|colon|semicolon|ellipsis|dot|slash|underscore|hyphen|dash|bullet point|point à la ligne|à la ligne|nouvelle ligne|nouveau paragraphe|point d'interrogation|point d'exclamation|deux points|punto y aparte|punto y seguido|punto final|nueva línea|signo de interrogación|dos puntos|neue zeile|neuer absatz|fragezeichen|ausrufezeichen|doppelpunkt|punto y coma|point-virgule|point virgule|semikolon|signo de exclamación|nuevo párrafo)\b|\b(?:virgule|coma|komma)\b(?!\s+(?:\d|zéro|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|null|eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun)\b)|\bpoint\b(?=\s*$)|(?<!\b(?:el|un|al|del|este|ese|aquel|mi|tu|su|cada|buen|mal|ningún|algún|cierto|otro|a|en|der|den|dem|des|ein|einen|einem|eines|dieser|diesen|diesem|jeder|jeden|am|zum|im|beim|vom|auf|kein|keinen|mein|dein|unser)\s)\b(?:punto|punkt)\b(?!\s+(?:\d|cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|null|eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf)\b)/g;
const SPOKEN_PUNCTUATION = new RegExp(`${SPOKEN_MARKS.source}|${SPOKEN_PERIOD.source}`, "g");
// French says "point" for a full stop; elsewhere it is English "point", and "point de vue", "au point" stay.
const FRENCH_FULL_STOP =
  /(?<!(?:^|\P{L})(?:le|un|au|du|ce|mon|ton|son|notre|votre|leur|chaque|quel|bon|à|en|sur|de|ne)\s)(?<!\p{L})point(?!\p{L})(?!\s+(?:\d|de|d|zéro|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf)(?!\p{L}))/gu;
export const FUNCTION_WORDS = words(
  // English
  "a an the and or but if then so to of in on at by for with from up down out off over under about into onto as than too also very " +
    "is am are was were be been being do does did done have has had having will would shall should can could may might must " +
    "i me my mine myself we us our ours you your yours he him his she her hers it its they them their theirs this that these those there here " +
    "all any each some such both own same again once only just s t ll re ve d m let lets get gets got going gonna wanna gotta please " +
    // German, French, Spanish
    "der die das den dem des ein eine einen einem und oder aber dass ich du er sie es wir ihr mir mich dich uns zu im am auf mit von für ist sind war " +
    "le la les l un une des de du et ou mais je tu il elle nous vous ils elles que qui est sont à au aux en ce cette n ne " +
    "el los las una unos unas y o pero yo tú él ella nosotros que es son a al del en lo " +
    // Chinese particles (one character each)
    "的 了 吗 呢 吧 啦 呀 我 你 他 她 们 是 把 给",
);
const NEGATIONS = words(
  "not no never nobody nothing none neither nor without nowhere nicht kein keine keinen nie pas jamais nunca nada nadie 不 没 别",
);
const DATE_WORDS = words(
  "january february march april may june july august september october november december " +
    "monday tuesday wednesday thursday friday saturday sunday today tomorrow tonight yesterday weekend " +
    "montag dienstag mittwoch donnerstag freitag samstag sonntag heute morgen gestern januar februar märz mai juni juli oktober dezember " +
    "lundi mardi mercredi jeudi vendredi samedi dimanche demain hier aujourd janvier février mars avril juin juillet août septembre octobre novembre décembre " +
    "lunes martes miércoles jueves viernes sábado domingo mañana ayer hoy enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
);
const UNIT_WORDS = words(
  "am pm noon midnight percent dollars dollar euros euro pounds pound cents cent yen uhr heures heure horas hora prozent pour cent por ciento",
);
const CURRENCIES = words("dollars dollar euros euro pounds pound yen");
// "next" and "last" shift a date: "next friday" is not "last friday".
const DATE_SHIFTS = words("next last this coming past nächsten nächste letzten prochain dernier próximo pasado");
export type Language = "de" | "es" | "fr";
// Function words and fillers of German, Spanish and French (some shared by two of them): which one a text
// is in.
const LANGUAGE_CUES: Record<Language, ReadonlySet<string>> = {
  de: words(
    "und ist nicht ich wir der die das den dem mit für auf eine einen ein sie es wird sind hat dass auch noch ihn mich dich mir bitte äh ähm halt quasi",
  ),
  es: words("el los las una por para con pero yo está muy del lo se que la es en de te me mi su al pues este bueno"),
  fr: words(
    "je tu il nous vous est et à pas les des une qui dans pour avec mais on suis que la en de te me le du au euh ben bon bah",
  ),
};

// Abbreviations people write for spoken words; both sides are read as the spoken word.
const ABBREVIATIONS = table<string>({
  mr: "mister",
  mrs: "missus",
  ms: "miss",
  prof: "professor",
  jr: "junior",
  ave: "avenue",
  rd: "road",
  blvd: "boulevard",
  dept: "department",
  approx: "approximately",
  etc: "etcetera",
  vs: "versus",
  min: "minutes",
  mins: "minutes",
  hr: "hours",
  hrs: "hours",
  sec: "seconds",
  kg: "kilos",
  kgs: "kilos",
  kilograms: "kilos",
  km: "kilometers",
  lbs: "pounds",
  asap: "as soon as possible",
  tv: "television",
});

// Abbreviations that stand for more than one spoken word ("St." for street and saint): each of those words
// reads as the abbreviation, so either writing matches.
const AMBIGUOUS_ABBREVIATIONS = table<string>({
  street: "st",
  saint: "st",
  senior: "sr",
  señor: "sr",
  señora: "sra",
  señorita: "srta",
  madame: "mme",
  mademoiselle: "mlle",
  monsieur: "m",
  doctor: "dr",
  doktor: "dr",
  docteur: "dr",
  doctora: "dra",
});

// Spoken self-corrections and how many words before them they may take back. An apology is not one
// ("delayed by two days sorry for the trouble"), nor is a bare "rather" ("i would rather wait").
const CORRECTIONS: [RegExp, number][] = [
  [/\b(?:scratch that|never mind|forget that|delete that|strike that)\b/g, 12],
  [
    /\b(?:no wait|wait no|no no|make that|or rather|no sorry|sorry(?! (?:for|about|to|if|but|that)\b)|correction|i mean|actually no|nein warte|warte nein|no espera|espera no|non attends|attends non|nein|no|non|pardon|perdón|mejor dicho|ich meine|je veux dire|quiero decir|enfin)\b/g,
    4,
  ],
  [/\b(?:actually)\b/g, 3],
];
// Han cues take back the characters before them (a name is two or three).
const CJK_CORRECTIONS = /不对|我是说|我的意思是/g;
const CORRECTION_MARK = "\uE000";
const LINE_MARK = "\uE001";

/**
 * Reads text into the words the check aligns, in order. `language` is the one both texts of a check are
 * read in (its spoken forms spelled out), else the text's own.
 */
export function analyse(text: string, language?: Language): Word[] {
  const normalised = normalise(text);
  let prepared = normalised.replace(CJK_FILLERS, " ").replace(FILLER_PHRASES, " ").replace(SPOKEN_PUNCTUATION, " ");
  prepared = spelledOut(withoutLanguageWords(prepared, languageOf(normalised)), language ?? textLanguage(normalised));
  for (const [cue] of CORRECTIONS)
    prepared = prepared.replace(cue, (match) => ` ${CORRECTION_MARK}${match.replace(/\s+/g, "_")} `);
  // Han text has no spaces: its cues become a mark of Latin letters, so splitting characters keeps it whole.
  prepared = prepared.replace(CJK_CORRECTIONS, ` ${CORRECTION_MARK}han_correction `);
  const raw = prepared.match(/[\p{L}\p{M}\p{N}\uE000\uE001_]+/gu) ?? [];
  const tokens = englishRatesAndTimes(
    amountsInOrder(
      dayPeriods(
        clockPhrases(
          numbersToDigits(
            englishAmountWords(spokenFractions(withoutStutters(raw.flatMap(splitCjk).flatMap(expandAbbreviation)))),
          ),
        ),
      ),
    ),
  );
  const result: Word[] = [];
  let line = 0;
  for (const token of tokens) {
    if (token === LINE_MARK) {
      line++;
      continue;
    }
    if (token.startsWith(CORRECTION_MARK)) {
      const cue = token.slice(1).replace(/_/g, " ");
      const reach = CORRECTIONS.find(([pattern]) => new RegExp(`^${pattern.source}$`).test(cue))?.[1] ?? 4;
      const previous = result.at(-1);
      // "no"/"non" alone is only a correction right after a fact ("eight no nine"); otherwise a negation.
      if ((cue === "no" || cue === "non") && !(previous?.fact && previous.kind !== "negation")) {
        result.push(makeWord(cue, line));
        continue;
      }
      // "actually" is a correction only after a fact ("at three actually four"): else it is emphasis.
      if (cue === "actually" && !previous?.fact) continue;
      for (let back = 1; back <= reach && back <= result.length; back++) {
        const word = result[result.length - back];
        word.optional = true;
        word.takenBack = true;
      }
      continue;
    }
    const word = makeWord(token, line);
    // "am" is a time only after a number ("9 am"); elsewhere it is the verb ("i am").
    if (token === "am" && !/^\d+$/.test(result.at(-1)?.text ?? "")) {
      Object.assign(word, { fact: false, optional: true, kind: "content" });
    }
    // "may" and "march" are months only next to a number or a date word.
    if ((token === "may" || token === "march") && !nextToNumber(tokens, result)) {
      Object.assign(word, { fact: false, kind: "content", optional: token === "may" });
    }
    result.push(word);
  }
  return result;
}

/** The language of German, Spanish and French a text reads as: two or more of its own function words. */
export function languageOf(text: string): Language | undefined {
  const tokens = text.split(/[^\p{L}]+/u);
  const counts = (Object.keys(LANGUAGE_CUES) as Language[]).map(
    (language) => [language, new Set(tokens.filter((token) => LANGUAGE_CUES[language].has(token))).size] as const,
  );
  const [best, second] = [...counts].sort((a, b) => b[1] - a[1]);
  return best[1] >= 2 && best[1] > second[1] ? best[0] : undefined;
}

// Letters only one of the three languages writes, and the commonest English words: a short text ("das geht
// heut nich", "mañana voy a la oficina") has too few function words for `languageOf`.
const LANGUAGE_LETTERS: Record<Language, RegExp> = { de: /[äöüß]/, es: /[ñáíóú¿¡]/, fr: /[èàùâêîôûçœëï]/ };
const ENGLISH_CUES = words(
  "the an and is are was were to of it this that with for you we i be have will our on at my your he she they not can just what",
);
// Function words of another language that English also writes ("on", "me", "an"): no cue on their own.
const SHARED_WITH_ENGLISH = words("on an me te se mi su al bon ben");

/**
 * The language of a text as `languageOf` reads it or, in a short text with no English word, the one
 * language whose letters it has, else the one language one of whose function words it has.
 */
export function textLanguage(text: string): Language | undefined {
  const found = languageOf(text);
  if (found) return found;
  const tokens = text.split(/[^\p{L}]+/u);
  if (tokens.some((token) => ENGLISH_CUES.has(token))) return undefined;
  const languages = Object.keys(LANGUAGE_CUES) as Language[];
  const byLetters = languages.filter((language) => LANGUAGE_LETTERS[language].test(text));
  if (byLetters.length === 1) return byLetters[0];
  const byCues = languages.filter((language) =>
    tokens.some((token) => LANGUAGE_CUES[language].has(token) && !SHARED_WITH_ENGLISH.has(token)),
  );
  return byLetters.length === 0 && byCues.length === 1 ? byCues[0] : undefined;
}

/** Drops the fillers and spoken punctuation only the text's language has (`LANGUAGE_FILLERS`, French "genre", "point"). */
function withoutLanguageWords(text: string, language: Language | undefined): string {
  if (!language) return text;
  const out = LANGUAGE_FILLERS[language].reduce((said, pattern) => said.replace(pattern, " "), text);
  return language === "fr" ? out.replace(FRENCH_LIKE, " ").replace(FRENCH_FULL_STOP, " ") : out;
}

/** The text with its language's spoken forms written out in full (`SPOKEN_FORMS`): "ich hab" → "ich habe". */
function spelledOut(text: string, language: Language | undefined): string {
  if (!language) return text;
  const forms = SPOKEN_FORMS[language];
  const written = text.replace(/(?<!\p{L})\p{L}+(?:'\p{L}+)*(?!\p{L})/gu, (token) =>
    Object.hasOwn(forms, token) ? forms[token] : token,
  );
  return futuresAsInfinitives(written, language);
}

/**
 * The futures of a Spanish or French text read as their infinitives: "se va a reiniciar" and "se
 * reiniciará" both as "se reiniciar", "je vais pas pouvoir" and "je ne pourrai pas" as "pouvoir".
 */
function futuresAsInfinitives(text: string, language: Language): string {
  const go = GO_BEFORE_INFINITIVE[language];
  if (!go) return text;
  const tokens = [...text.matchAll(/\p{L}+/gu)].map((match) => match[0]);
  const written = tokens.map((token) => infinitiveOfFuture(token, language));
  for (const [index, token] of tokens.entries()) {
    if (!go.go.has(token)) continue;
    const at = tokens.findIndex((after, next) => next > index && !go.between.has(after));
    if (at < 0 || !isInfinitive(tokens[at], language)) continue;
    // "je vais pas pouvoir" is "je ne pourrai pas": the negation follows the verb it denies.
    const negations = tokens.slice(index + 1, at).filter((between) => NEGATIONS.has(between));
    written[index] = "";
    for (let between = index + 1; between < at; between++) if (NEGATIONS.has(tokens[between])) written[between] = "";
    written[at] = [tokens[at], ...negations].join(" ");
  }
  let index = 0;
  return text.replace(/\p{L}+/gu, () => written[index++]);
}

function isInfinitive(token: string, language: Language): boolean {
  return (INFINITIVE[language]?.test(token) ?? false) && !NOT_INFINITIVES.has(token);
}

/**
 * The infinitive a future is made of: "enviaremos" → "enviar", "réserverons" → "réserver", "prendrai" →
 * "prendre", or an irregular stem's ("tendrá" → "tener", "enverra" → "envoyer", "reviendra" → "revenir").
 */
function infinitiveOfFuture(token: string, language: Language): string {
  const endings = FUTURE_ENDINGS[language];
  const stems = FUTURE_STEMS[language];
  if (!endings || !stems) return token;
  const ending = new RegExp(`(?:${endings})$`, "u").exec(token);
  if (!ending) return token;
  const stem = token.slice(0, ending.index);
  // A prefix before an irregular stem only in "-dr" ("reviendra", "mantendrá"): "passera" is "passer".
  const irregular = Object.keys(stems).find(
    (known) => stem === known || (known.endsWith("dr") && stem.endsWith(known) && stem.length > known.length + 1),
  );
  if (irregular) return stem.slice(0, stem.length - irregular.length) + stems[irregular];
  if (/(?:ar|er|ir)$/.test(stem) && stem.length > 2) {
    // French "-uire" and "-crire" verbs keep their -e in the infinitive: "conduirai" → "conduire".
    return language === "fr" && /(?:uir|crir)$/.test(stem) ? `${stem}e` : stem;
  }
  return language === "fr" && /\p{L}[dtv]r$/u.test(stem) ? `${stem}e` : token;
}

/** A discourse marker where it is a filler: opening the text or a clause, after or before another filler. */
function discourseMarkers(markers: string): RegExp[] {
  const fillers = [...FILLERS, markers].join("|");
  return [
    new RegExp(`(?<=^|[.,;:!?¿¡]\\s*|(?<!\\p{L})(?:${fillers})\\s+)(?:${markers})(?!\\p{L})`, "gu"),
    new RegExp(`(?<!\\p{L})(?:${markers})(?=\\s*,|\\s+(?:${fillers})(?!\\p{L}))`, "gu"),
  ];
}

function nextToNumber(tokens: string[], sofar: Word[]): boolean {
  const previous = sofar.at(-1);
  const index = sofar.length;
  return /^\d/.test(previous?.text ?? "") || /^\d/.test(tokens[index + 1] ?? "") || previous?.text === "the";
}

const TITLES = "Mr|Mrs|Ms|Dr|Prof|St|Sr|Sra|Srta|Mme|Mlle|Hr|Fr";
const TITLE_PERIOD = new RegExp(`\\b(${TITLES})\\.`, "g");
/** Where a written sentence ends (the end marks and closing quotes included); a title's period is no end. */
export const SENTENCE_END = new RegExp(`(?<!\\b(?:${TITLES}))[.!?。！？]+["'”’)\\]]*(?=\\s|$)|\\n+`, "g");

/**
 * Flags the words of a rewrite written with a capital inside a sentence: names. Word order is the same
 * in `text` and `list` except where numbers were joined, so the names are matched by their text.
 */
export function markNames(text: string, list: Word[]): Word[] {
  // A title's period ("Mr. Thompson") does not end a sentence: the word after it is still a name.
  const titled = text.normalize("NFKC").replace(TITLE_PERIOD, "$1");
  const names = new Set(
    [...titled.matchAll(/(?<![.!?:\n]\s*|^\s*|^[-•*]\s*|\n[-•*]\s*)\b(\p{Lu}\p{Ll}+)\b/gu)].map((match) =>
      match[1].toLowerCase(),
    ),
  );
  return list.map((word) => (names.has(word.text) && !word.fact && !word.optional ? { ...word, name: true } : word));
}

function makeWord(text: string, line: number): Word {
  const isNumber = /^\d+$/.test(text);
  const kind: WordKind = isNumber
    ? "number"
    : NEGATIONS.has(text)
      ? "negation"
      : DATE_WORDS.has(text) || DATE_SHIFTS.has(text) || isHanDate(text)
        ? "date"
        : UNIT_WORDS.has(text)
          ? "unit"
          : "content";
  const fact = kind !== "content";
  const optional =
    !fact && (FILLERS.has(text) || FUNCTION_WORDS.has(text) || (text.length === 1 && /[a-z]/.test(text)));
  // "one", "second" and 一 stay words when alone (numbersToDigits) but compare equal to their digits.
  const compared = text === "one" || text === "一" ? "1" : text === "second" ? "2" : stem(text);
  return { text, stem: compared, kind, fact, optional, line };
}

/** Lower case, one apostrophe, contractions spelled out, symbols as words, digits joined as people read them. */
export function normalise(text: string): string {
  return (
    chineseNumbers(chineseSpellings(text.normalize("NFKC")))
      // getUserName → get User Name before lower-casing; snake_case splits at the underscore below.
      .replace(/([a-z])([A-Z])/g, "$1 $2")
      // A line break separates list items; the mark keeps their lines apart.
      .replace(/\n+/g, ` ${LINE_MARK} `)
      .toLowerCase()
      .replace(/[’‘`]/g, "'")
      .replace(/\b(can)not\b/g, "$1 not")
      .replace(/\bcan't\b/g, "can not")
      .replace(/\bwon't\b/g, "will not")
      .replace(/\bshan't\b/g, "shall not")
      .replace(/\bain't\b/g, "is not")
      .replace(/n't\b/g, " not")
      .replace(/\bunable\b/g, "not able")
      .replace(/'re\b/g, " are")
      .replace(/'m\b/g, " am")
      .replace(/'ll\b/g, " will")
      .replace(/'ve\b/g, " have")
      .replace(/'d\b/g, "")
      .replace(/'s\b/g, "")
      .replace(/\b(?:n'|d'|l'|qu'|j'|c'|s')/g, (match) => `${match.slice(0, -1)} `)
      .replace(/\bgonna\b/g, "going to")
      .replace(/\bwanna\b/g, "want to")
      .replace(/\bgotta\b/g, "got to")
      .replace(/\bo'clock\b/g, "")
      .replace(/\ben punto\b/g, "")
      .replace(/(?:^|\s)'?(?:cause|cuz|coz)\b/g, " because")
      .replace(/\b(\d+)\s*h\b(?!\s*\d)/g, "$1 heures")
      .replace(/\b(\d+)\s*h\s*(\d\d)\b/g, "$1:$2")
      // A time on the hour is its hour ("9:00" as "nine o'clock"); an hour's leading zero goes ("09:30").
      .replace(/\b0(\d)(?=:\d\d\b)/g, "$1")
      .replace(/\b(\d{1,2}):00\b/g, "$1")
      // "2.5 million" is 2,500,000, not 25 million: a decimal before a scale word is written out.
      .replace(
        /\b(\d+)\.(\d+)\s+(thousand|million|billion|trillion)\b/g,
        (_, whole: string, part: string, scale: string) =>
          String(Math.round(Number(`${whole}.${part}`) * SCALES[scale])),
      )
      .replace(/(\d)[.:,](\d)/g, "$1$2")
      .replace(/(\d)(?:st|nd|rd|th|er|e|º|ª)\b/g, "$1")
      .replace(/(\d)\.(?=\s|$)/g, "$1")
      .replace(/(\d)(am|pm|k|kg|km|h)\b/g, "$1 $2")
      .replace(/\ba\.m\.?/g, "am")
      .replace(/\bp\.m\.?/g, "pm")
      // "$2 million" is "2 million dollars": the amount's scale word stays with its number.
      .replace(/\$\s*(\d+(?:\s+(?:hundred|thousand|million|billion|trillion))?)/g, "$1 dollars ")
      .replace(/€\s*(\d+(?:\s+(?:hundred|thousand|million|billion|trillion))?)/g, "$1 euros ")
      .replace(/£\s*(\d+(?:\s+(?:hundred|thousand|million|billion|trillion))?)/g, "$1 pounds ")
      .replace(/(\d+)\s*€/g, "$1 euros ")
      .replace(/\$/g, " dollars ")
      .replace(/€/g, " euros ")
      .replace(/£/g, " pounds ")
      .replace(/%/g, " percent ")
      .replace(/\bbucks?\b/g, "dollars")
      .replace(/\bper cent\b/g, "percent")
      .replace(/\b(?:pour cent|por ciento|prozent)\b/g, "percent")
      .replace(/_/g, " ")
      .replace(/[“”"«»]/g, " ")
      .replace(/\s+/g, " ")
      .trim()
  );
}

function expandAbbreviation(token: string): string[] {
  const shared = AMBIGUOUS_ABBREVIATIONS[token];
  if (shared) return [shared];
  const spoken = ABBREVIATIONS[token];
  return spoken ? spoken.split(" ") : [token];
}

// Han, kana and hangul are compared character by character: there are no spaces between their words. A
// few Chinese words are kept whole (`splitHan`).
function splitCjk(token: string): string[] {
  if (!/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(token)) return [token];
  return (
    token.match(
      /\p{Script=Han}+|[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu,
    ) ?? []
  ).flatMap((part) => (HAN.test(part) ? splitHan(part) : [part]));
}

// Chinese numerals, and what makes a lone one a number rather than part of a word (一下, 一起): a
// measure word or unit after it.
const HAN_SCALES = table<number>({ 十: 10, 百: 100, 千: 1000, 万: 10000 });
const HAN_NUMBER = /[零一二两三四五六七八九十百千万]+/g;
const HAN_MEASURE = /^[点个号月日岁人天年块元分次位件张本台%]/;

/**
 * Chinese numbers as digits, as people write them: "三点半" → "3:30", "百分之十二" → "12%", "两千" → "2000".
 * A lone numeral stays a character unless a measure word follows it.
 */
function chineseNumbers(text: string): string {
  const digits = text
    .replace(/百分之([零一二两三四五六七八九十百千万]+|\d+)/g, "$1%")
    .replace(HAN_NUMBER, (run, offset: number, whole: string) => {
      if (run.length === 1 && run !== "十" && !HAN_MEASURE.test(whole.slice(offset + 1))) return run;
      let total = 0;
      let current = 0;
      for (const char of run) {
        if (!(char in HAN_SCALES)) current = current * 10 + UNITS[char];
        else {
          total += (current || 1) * HAN_SCALES[char];
          current = 0;
        }
      }
      return String(total + current);
    });
  // 块 and 块钱 are the spoken words for 元, the yuan.
  return digits
    .replace(/(\d+)点半/g, "$1:30")
    .replace(/(\d+)点(\d+)分?/g, "$1:$2")
    .replace(/(\d)块钱?/g, "$1元");
}

/** A word said twice in a row ("yesterday's yesterday's review") is a stutter: it counts once. */
function withoutStutters(tokens: string[]): string[] {
  return tokens.filter((token, index) => index === 0 || token !== tokens[index - 1] || isNumberish(token));
}

const CENTS = words("cents cent centimes céntimos");

/**
 * Spoken fractions as the decimals people write: "three and a half" → "three point five", "half a percent"
 * → "zero point five percent", "twelve dollars and fifty cents" → "twelve point fifty dollars" (as "$12.50"
 * normalises), "treinta y uno" → "treinta y one".
 */
function spokenFractions(tokens: string[]): string[] {
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
function amountsInOrder(tokens: string[]): string[] {
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
const SCALES = table<number>({
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
 * "one" and "second" alone stay words unless a number is next to them.
 */
function numbersToDigits(input: string[]): string[] {
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

function isNumberish(token: string | undefined): boolean {
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
function clockPhrases(tokens: string[]): string[] {
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

/** A time of the afternoon or evening as the 24-hour time people may write for it: "930 de la noche" → 2130. */
function dayPeriods(tokens: string[]): string[] {
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
function englishAmountWords(tokens: string[]): string[] {
  return tokens.flatMap((token, index) =>
    token === "grand" && isNumberish(tokens[index - 1]) ? ["thousand", "dollars"] : [token],
  );
}

/**
 * English rates and clock times as people write them: "$200 a night" is "$200 per night" (an "a" or "an"
 * between an amount and the period or measure it is per), "in one week" is "in a week", and "two in the
 * afternoon" is "2 pm".
 */
function englishRatesAndTimes(tokens: string[]): string[] {
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

/** The compared form of a word: plural, past and -ing endings removed. */
export function stem(text: string): string {
  if (text.length <= 3 || /^\d+$/.test(text)) return text;
  return text
    .replace(/ies$/, "y")
    .replace(/(?<=..)(?:ing|ed|es|s)$/, "")
    .replace(/(.)\1$/, "$1");
}

/**
 * A lookup table with no prototype: a dictated "constructor" or "toString" is a word, not a key every
 * object has.
 */
function table<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

export function words(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter(Boolean));
}

/**
 * The dictation with each spoken self-correction applied: the taken-back words and the cue go, the
 * correction stays ("meet on tuesday no wait wednesday" → "meet on wednesday", "in boston wait no in
 * chicago" → "in chicago"). What is taken back is the nearest earlier word of the same kind as the
 * correction's first word (a number for a number, a day for a day, the same word), with the run of such
 * words it belongs to; a cue with no such word before it within its reach is left as dictated. Used
 * only for what the model reads (`pre-clean.ts`, `salvage.ts`): the rewrite is still judged against what
 * was said.
 */
export function applySpokenCorrections(text: string): string {
  const tokens = text.split(/\s+/).filter(Boolean);
  const plain = (token: string | undefined) => (token ?? "").toLowerCase().replace(/[^\p{L}\p{N}']/gu, "");
  const kindOf = (token: string | undefined) => {
    const word = plain(token);
    if (/^\d+$/.test(word) || isNumberWord(word)) return "number";
    if (DATE_WORDS.has(word)) return "date";
    return `word:${word}`;
  };
  const out: string[] = [];
  let index = 0;
  while (index < tokens.length) {
    const cue = CORRECTIONS.flatMap(([pattern, reach]) => {
      const single = new RegExp(`^(?:${pattern.source})$`);
      for (const length of [3, 2, 1]) {
        const phrase = tokens
          .slice(index, index + length)
          .map(plain)
          .join(" ");
        if (single.test(phrase)) return [{ length, reach }];
      }
      return [];
    }).sort((a, b) => b.length - a.length)[0];
    const next = tokens[index + (cue?.length ?? 0)];
    if (!cue || next === undefined || out.length === 0) {
      out.push(tokens[index]);
      index++;
      continue;
    }
    const kind = kindOf(next);
    let start = -1;
    for (let back = out.length - 1; back >= Math.max(0, out.length - cue.reach); back--) {
      if (kindOf(out[back]) === kind) {
        start = back;
        break;
      }
    }
    // A bare "no" or "actually" after anything but a number or a day is meant as said.
    const bare = cue.length === 1 && /^(?:no|non|actually)$/.test(plain(tokens[index]));
    if (start < 0 || (bare && kind.startsWith("word:"))) {
      out.push(tokens[index]);
      index++;
      continue;
    }
    while (start > 0 && kind !== "date" && !kind.startsWith("word:") && kindOf(out[start - 1]) === kind) start--;
    out.splice(start);
    index += cue.length;
  }
  return out.join(" ");
}
