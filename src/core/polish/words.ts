import { chineseSpellings, HAN, isHanDate, splitHan } from "./chinese";
import {
  amountsInOrder,
  chineseNumbers,
  clockPhrases,
  dayPeriods,
  spokenMeridiems,
  englishAmountWords,
  englishRatesAndTimes,
  isNumberish,
  isNumberWord,
  numbersToDigits,
  SCALES,
  spokenFractions,
  MEASURE_WORDS,
  UNIT_WORDS,
} from "./numbers";
import { table, words } from "./word-sets";

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
  /** How many words before the correction's cue a taken-back word was said (1: right before it). */
  takenBackDistance?: number;
  /** Said right after a self-correction's cue: what the speaker put in place of what they took back. */
  corrects?: boolean;
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
// Spoken forms each language writes out in full: German drops a verb's -e ("ich hab", "ich glaub"), runs
// a preposition into its article ("fürs" = "für das") and clips "dar-" and "her-" ("drunter", "raus"),
// Spanish clips "para" and "por favor", French clips "petit" and says "ouais" for "oui". Like English
// contractions, both spellings read as the full form.
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
    drunter: "darunter",
    drüber: "darüber",
    drauf: "darauf",
    drin: "darin",
    dran: "daran",
    draus: "daraus",
    rum: "herum",
    raus: "heraus",
    rein: "herein",
    runter: "herunter",
    rüber: "herüber",
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
  /\b(?:question mark|exclamation (?:mark|point)|new (?:line|paragraph)|open (?:quote|paren(?:thesis)?)|close (?:quote|paren(?:thesis)?)|end quote|unquote|comma|colon|semicolon|ellipsis|dot|slash|underscore|hyphen|dash|bullet point|point à la ligne|à la ligne|nouvelle ligne|nouveau paragraphe|point d['\s]?\s?interrogation|point d['\s]?\s?exclamation|deux points|punto y aparte|punto y seguido|punto final|nueva línea|signo de interrogación|dos puntos|neue zeile|neuer absatz|fragezeichen|ausrufezeichen|doppelpunkt|punto y coma|point-virgule|point virgule|semikolon|signo de exclamación|nuevo párrafo)\b|\b(?:virgule|coma|komma)\b(?!\s+(?:\d|zéro|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|null|eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun)\b)|\bpoint\b(?=\s*$)|(?<!\b(?:el|un|al|del|este|ese|aquel|mi|tu|su|cada|buen|mal|ningún|algún|cierto|otro|a|en|der|den|dem|des|ein|einen|einem|eines|dieser|diesen|diesem|jeder|jeden|am|zum|im|beim|vom|auf|kein|keinen|mein|dein|unser)\s)\b(?:punto|punkt)\b(?!\s+(?:\d|cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|null|eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf)\b)/g;
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
    "which who whom whose whether ob " +
    // German, French, Spanish, as in English: articles, pronouns and possessives, auxiliaries and light
    // verbs ("do", "faire"), the prepositions English has above, particles. Not "vor"/"nach", "avant"/
    // "après", "antes"/"después" (an order), "ohne", "sans", "sin" (a negation), "desde"/"hasta" (a range),
    // nor "être", which is half of "peut-être" (a modality).
    "der die das den dem des ein eine einen einem einer eines und oder aber auch dass ich du er sie es wir ihr mir mich dich uns zu im am auf mit von für ist sind war " +
    "sich ihn ihm ihnen ihre ihren ihrem ihrer sein seine seinen seinem seiner mein meine meinen meinem meiner dein deine deinen unser unsere unseren euch " +
    "bin bist seid waren gewesen habe hast hat haben habt hatte hatten werde wirst wird werden werdet wurde wurden an in um bei aus über unter zum zur ins " +
    "da dann denn doch ja mal schon halt eben so machen mache machst macht machte " +
    "le la les l un une des de du et ou mais aussi je tu il elle nous vous ils elles que qui est sont à au aux en ce cette n ne " +
    "qu j c on y me m te se s lui leur leurs mon ma mes ton ta tes son sa ses notre nos votre vos ces cet ça cela ceci dans par pour avec sur sous chez " +
    "ai as a avons avez ont avait été suis es sommes êtes était très déjà faire fais fait faisons faites font ferai fera ferons " +
    "el los las una unos unas y o pero también yo tú él ella nosotros que es son a al del en lo " +
    "un uno le les me te se nos os mi mis tu tus su sus nuestro nuestra nuestros nuestras este esta esto estos estas ese esa eso esos esas " +
    "usted ustedes ellos ellas por para con sobre entre muy ya he has ha hemos han había estoy estás está estamos están estaba soy eres somos era fue ser estar haber hay " +
    "hacer hago haces hace hacemos hacen haré hará " +
    // Chinese particles (one character each), and the characters that do the work of the English words above:
    // pronouns and demonstratives (您, 这, 该), prepositions and conjunctions (于, 从, 和), "please"
    // and "very" (请, 很).
    "的 了 吗 呢 吧 啦 呀 我 你 他 她 们 是 把 给 " +
    "您 咱 它 这 那 该 此 其 于 为 对 从 向 跟 与 和 及 或 以 被 让 请 很",
);
const NEGATIONS = words(
  "not no never nobody nothing none neither nor without nowhere nicht kein keine keinen nie pas jamais nunca nada nadie 不 没 别 未 无需 无须 无法",
);
const SAME_NEGATION = table<string>({ kein: "nicht", keine: "nicht", keinen: "nicht" });
const DATE_WORDS = words(
  "january february march april may june july august september october november december " +
    "monday tuesday wednesday thursday friday saturday sunday today tomorrow tonight yesterday weekend " +
    "montag dienstag mittwoch donnerstag freitag samstag sonntag heute morgen gestern januar februar märz mai juni juli oktober dezember " +
    "lundi mardi mercredi jeudi vendredi samedi dimanche demain hier aujourd janvier février mars avril juin juillet août septembre octobre novembre décembre " +
    "lunes martes miércoles jueves viernes sábado domingo mañana ayer hoy enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
);
// The parts of a day are dates too ("leave on the 16th in the morning" is not "in the evening"), each
// compared as one of three: an evening and a night are one part ("saturday evening" = "Saturday night").
const DAY_PARTS = table<string>({
  morning: "morning",
  afternoon: "afternoon",
  evening: "evening",
  night: "evening",
  vormittag: "vormittag",
  nachmittag: "nachmittag",
  abend: "abend",
  nacht: "abend",
  matin: "matin",
  soir: "soir",
  soirée: "soir",
  nuit: "soir",
  noche: "noche",
});
// Greetings and wishes that name a part of the day without dating anything.
const GREETS_WITH_DAY_PART = words("good guten gute buenos buenas bonne bon");

// "next" and "last" shift a date: "next friday" is not "last friday".
const DATE_SHIFTS = words("next last this coming past nächsten nächste letzten prochain dernier próximo pasado");
/** The languages besides English and Chinese the check reads. */
export const LANGUAGES = ["de", "es", "fr"] as const;
export type Language = (typeof LANGUAGES)[number];
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
  // The same units in German, French and Spanish, so "100 000 km" reads as "cent mille kilomètres".
  kilometer: "kilometers",
  kilometern: "kilometers",
  kilomètre: "kilometers",
  kilomètres: "kilometers",
  kilómetro: "kilometers",
  kilómetros: "kilometers",
  kilogramm: "kilos",
  kilogramme: "kilos",
  kilogrammes: "kilos",
  kilogramo: "kilos",
  kilogramos: "kilos",
  g: "grams",
  gr: "grams",
  gram: "grams",
  gramm: "grams",
  gramme: "grams",
  grammes: "grams",
  gramo: "grams",
  gramos: "grams",
  minuten: "minutes",
  minuto: "minutes",
  minutos: "minutes",
  lbs: "pounds",
  asap: "as soon as possible",
  tv: "television",
  appt: "appointment",
  mgr: "manager",
  thx: "thanks",
  pls: "please",
  // German, Spanish and French: "Nr.", "bzw.", "usw."; "RR. HH." and "EE. UU." double their letters for a
  // plural; "RDV", "SVP".
  nr: "nummer",
  str: "straße",
  bzw: "beziehungsweise",
  usw: "und so weiter",
  rr: "recursos",
  hh: "humanos",
  ee: "estados",
  uu: "unidos",
  dpto: "departamento",
  avda: "avenida",
  rdv: "rendez vous",
  svp: "s il vous plaît",
  // Clipped words people say for the full ones: "dispo", "appart", "finde", "peli", "info", "till".
  info: "information",
  infos: "informations",
  dispo: "disponible",
  dispos: "disponibles",
  appart: "appartement",
  asso: "association",
  resto: "restaurant",
  finde: "fin de semana",
  profe: "profesor",
  peli: "película",
  bici: "bicicleta",
  till: "until",
  til: "until",
  thru: "through",
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
    /\b(?:no wait|wait no|no no|make that|or rather|no sorry|sorry(?! (?:for|about|to|if|but|that)\b)|correction|i mean|actually no|nein warte|warte nein|nee|no espera|espera no|non attends|attends non|nein|no|non|pardon|perdón|mejor dicho|ich meine|je veux dire|quiero decir|digo|enfin)\b/g,
    4,
  ],
  [/\b(?:actually)\b/g, 3],
];
// The cues that are also apologies.
const APOLOGIES = words("sorry pardon perdón");
// Han cues take back the characters before them (a name is two or three).
const CJK_CORRECTIONS = /不对|我是说|我的意思是/g;
const CORRECTION_MARK = "\uE000";
const LINE_MARK = "\uE001";

// The articles that count one of a measure after them: "a kilo", "ein Kilo", "un kilo", "una milla".
export const ONE_ARTICLES = words("a an ein eine einen einem einer un une uno una");

// The words after which "one" is a pronoun.
const ONE_AS_PRONOUN_AFTER = words("the this that which another each every any");

/**
 * Reads text into the words the check aligns, in order. `language` is the one both texts of a check are
 * read in (its spoken forms spelled out), else the text's own.
 */
export function analyse(text: string, language?: Language): Word[] {
  const normalised = normalise(text);
  let prepared = normalised.replace(CJK_FILLERS, " ").replace(FILLER_PHRASES, " ").replace(SPOKEN_PUNCTUATION, " ");
  const read = language ?? textLanguage(normalised);
  // French, German and Spanish group thousands with a space ("1 250 €"): one number, not two.
  if (read) prepared = prepared.replace(/\b\d{1,3}(?:[ \u00a0\u202f]\d{3})+\b/g, (number) => number.replace(/\D/g, ""));
  prepared = spelledOut(withoutLanguageWords(prepared, languageOf(normalised)), read);
  for (const [cue] of CORRECTIONS)
    prepared = prepared.replace(cue, (match) => ` ${CORRECTION_MARK}${match.replace(/\s+/g, "_")} `);
  // Han text has no spaces: its cues become a mark of Latin letters, so splitting characters keeps it whole.
  prepared = prepared.replace(CJK_CORRECTIONS, ` ${CORRECTION_MARK}han_correction `);
  const raw = prepared.match(/[\p{L}\p{M}\p{N}\uE000\uE001_]+/gu) ?? [];
  const tokens = englishRatesAndTimes(
    amountsInOrder(
      dayPeriods(
        spokenMeridiems(
          clockPhrases(
            numbersToDigits(
              englishAmountWords(spokenFractions(withoutStutters(raw.flatMap(splitCjk).flatMap(expandAbbreviation)))),
              read === "es",
            ),
          ),
        ),
      ),
    ),
  );
  const result: Word[] = [];
  let line = 0;
  // How many of the next plain words say a correction: one word, or two Han characters ("不对是牛肉").
  let correcting = 0;
  for (const [at, token] of tokens.entries()) {
    if (token === LINE_MARK) {
      line++;
      continue;
    }
    if (token.startsWith(CORRECTION_MARK)) {
      const cue = token.slice(1).replace(/_/g, " ");
      const reach = CORRECTIONS.find(([pattern]) => new RegExp(`^${pattern.source}$`).test(cue))?.[1] ?? 4;
      // The word before the cue, past hesitations ("mardi euh non mercredi").
      const previous = result.findLast((word) => !FILLERS.has(word.text));
      // Two cues in a row ("non pardon", "no perdón") are one: the last takes back.
      if (tokens[at + 1]?.startsWith(CORRECTION_MARK)) continue;
      // "actually" is a correction only after a fact ("at three actually four"): else it is emphasis.
      if (cue === "actually" && !previous?.fact) continue;
      // An apology that ends the dictation corrects nothing: "… until i get there sorry".
      if (APOLOGIES.has(cue) && tokens.slice(at + 1).every((next) => next === LINE_MARK)) {
        result.push(makeWord(cue, line));
        continue;
      }
      // A correction mirrors what it replaces: "el sábado a las nueve perdón a las ocho" takes back "a las
      // nueve" (as many words as lead the correction to its first fact, and back to the last fact said
      // before the cue of the same kind), not "sábado" too.
      const lead = tokens
        .slice(at + 1, at + 1 + reach)
        .findIndex((next) => next === LINE_MARK || next.startsWith(CORRECTION_MARK) || makeWord(next, line).fact);
      const leadsToFact =
        lead >= 0 && tokens[at + 1 + lead] !== LINE_MARK && !tokens[at + 1 + lead].startsWith(CORRECTION_MARK);
      const kind = leadsToFact ? makeWord(tokens[at + 1 + lead], line).kind : undefined;
      // "no", "non" and "digo" alone are only a correction between two facts of a kind ("eight no nine", "el
      // viernes digo el sábado"); otherwise a negation ("mañana no puedo") or a word ("te digo que sí").
      if (
        (cue === "no" || cue === "non" || cue === "digo") &&
        !(previous?.fact && previous.kind !== "negation" && kind === previous.kind)
      ) {
        result.push(makeWord(cue, line));
        continue;
      }
      const lastFact = result.findLastIndex((word) => word.fact && word.kind === kind);
      // A correction that says two facts again ("chapters four and five no wait five and six") takes back
      // the two said before it, as many words as it has.
      const saidAgain = factRun(tokens.slice(at + 1 + lead).map((next) => makeWord(next, line)));
      const mirrored = lead === 0 && saidAgain > 1 && factRun(result.slice(-saidAgain)) === saidAgain ? saidAgain : 0;
      // A correction that opens with a word said shortly before the cue says again from there: "um drei am
      // haupteingang nein am seiteneingang" takes back "am haupteingang", not the time.
      const opening = tokens[at + 1];
      const restated = result
        .slice(-reach)
        .reverse()
        .findIndex((word) => word.text === opening && !FILLERS.has(word.text));
      const taken = Math.max(
        mirrored,
        leadsToFact && lastFact >= 0
          ? Math.min(reach, Math.max(lead + 1, result.length - lastFact))
          : restated >= 0
            ? restated + 1
            : reach,
      );
      for (let back = 1; back <= taken && back <= result.length; back++) {
        const word = result[result.length - back];
        word.optional = true;
        word.takenBack = true;
        word.takenBackDistance = back;
      }
      correcting = cue === "han correction" ? 2 : 1;
      continue;
    }
    const word = makeWord(token, line);
    // "am" is a time only after a number ("9 am"); elsewhere it is the verb ("i am"), and in German always
    // "an dem" ("um drei am Haupteingang").
    if (token === "am" && (read === "de" || !/^\d+$/.test(result.at(-1)?.text ?? ""))) {
      Object.assign(word, { fact: false, optional: true, kind: "content" });
    }
    // "mm" after a number is millimeters ("5 mm"); elsewhere it is a hesitation. A measure after a number
    // is its unit ("10 minutes").
    // "ein kilo", "a mile", "una hora": the article before a measure counts one of it.
    if (MEASURE_WORDS.has(token) && ONE_ARTICLES.has(result.at(-1)?.text ?? "")) {
      Object.assign(result[result.length - 1], makeWord("1", line));
    }
    if ((token === "mm" || MEASURE_WORDS.has(token)) && /^\d+$/.test(result.at(-1)?.text ?? "")) {
      Object.assign(word, { fact: true, optional: false, kind: "unit" });
    }
    // "right" is a hesitation ("right so…") but a direction after a turn or an article ("turn right", "on
    // the right"), and then "left" is its opposite.
    if (token === "right" && RIGHT_AS_DIRECTION_AFTER.has(result.at(-1)?.text ?? "")) {
      Object.assign(word, { fact: false, optional: false, kind: "content" });
    }
    // "one" after an article or a demonstrative stands for a noun said before ("the one on maple street",
    // "that one"): a pronoun a rewrite may replace by its noun, not a count.
    if (token === "one" && ONE_AS_PRONOUN_AFTER.has(result.at(-1)?.text ?? "")) word.optional = true;
    // "good morning", "bonne soirée": a greeting or a wish, no date.
    if (token in DAY_PARTS && GREETS_WITH_DAY_PART.has(result.at(-1)?.text ?? "")) {
      Object.assign(word, { fact: false, kind: "content", optional: true });
    }
    // "next to" places a thing, it shifts no date ("next to the fruit bowl").
    if (token === "next" && tokens[at + 1] === "to") Object.assign(word, { fact: false, kind: "content" });
    // "may" and "march" are months only next to a number or a date word.
    if ((token === "may" || token === "march") && !nextToNumber(tokens, result)) {
      Object.assign(word, { fact: false, kind: "content", optional: token === "may" });
    }
    if (correcting > 0 && !word.optional && word.kind !== "negation") {
      word.corrects = true;
      correcting--;
    }
    result.push(word);
  }
  return withNegativeAny(result);
}

/**
 * "not … any" says the "no" of English grammar: "i don't have any comments" is "I have no comments". The
 * "not" compares as "no" when "any" follows it with only function words between.
 */
function withNegativeAny(list: Word[]): Word[] {
  for (const [index, word] of list.entries()) {
    if (word.text !== "not") continue;
    const any = list.slice(index + 1, index + 4).findIndex((next) => next.text === "any" || !next.optional);
    if (any >= 0 && list[index + 1 + any].text === "any") word.stem = "no";
  }
  return list;
}

// What joins two facts into one run: "four and five", "lunes o martes".
const FACT_JOINERS = words("and or und oder y o et ou");

/** How many words from the start of `list` are facts joined by "and" or "or" ("5 and 6" is 3), ending on a fact. */
function factRun(list: Word[]): number {
  let length = 0;
  while (length < list.length && (list[length].fact || (FACT_JOINERS.has(list[length].text) && list[length + 1]?.fact)))
    length++;
  return length > 0 && list[length - 1].fact ? length : 0;
}

/** The language of German, Spanish and French a text reads as: two or more of its own function words. */
export function languageOf(text: string): Language | undefined {
  const tokens = text.split(/[^\p{L}]+/u);
  const counts = LANGUAGES.map(
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
/** Whether `text` has words only English has ("the", "and"): its "a" is an article, not Spanish "a". */
export function saysEnglish(text: string): boolean {
  return text.split(/[^\p{L}]+/u).some((token) => ENGLISH_CUES.has(token));
}

export function textLanguage(text: string): Language | undefined {
  const found = languageOf(text);
  if (found) return found;
  const tokens = text.split(/[^\p{L}]+/u);
  if (tokens.some((token) => ENGLISH_CUES.has(token))) return undefined;
  const languages = LANGUAGES;
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

const RIGHT_AS_DIRECTION_AFTER = words(
  "turn turns turning turned go keep stay bear veer the to far your my his her their our",
);

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
      : DATE_WORDS.has(text) || DATE_SHIFTS.has(text) || isHanDate(text) || text in DAY_PARTS
        ? "date"
        : UNIT_WORDS.has(text)
          ? "unit"
          : "content";
  const fact = kind !== "content";
  const optional =
    !fact && (FILLERS.has(text) || FUNCTION_WORDS.has(text) || (text.length === 1 && /[a-z]/.test(text)));
  // "one", "second" and 一 stay words when alone (numbersToDigits) but compare equal to their digits;
  // German "kein" says the "nicht" of "nicht … ein" ("ich habe nicht einen Tag frei" → "keinen Tag frei").
  const compared =
    text === "one" || text === "一"
      ? "1"
      : text === "second"
        ? "2"
        : (SAME_NEGATION[text] ?? DAY_PARTS[text] ?? stem(text));
  return { text, stem: compared, kind, fact, optional, line };
}

// Connectives that give a reason (a closed class of each language's grammar, like its contractions), each
// with the one spelling it is compared in: "due to" is "because of", "en raison de" is "à cause de", "weil"
// is "wegen", "porque" and "ya que" are "a causa de". (French "car" is also the English word: not here.)
const CAUSES: [RegExp, string][] = [
  [/\b(?:because of|due to|owing to|on account of|as a result of)\b/g, "because of"],
  // "since" before a subject pronoun gives a reason ("since they're reseeding the field"); before a date or
  // a time it says when ("since monday", "since nine").
  [/\bsince(?= (?:we|i|you|they|he|she|it|there)\b)/g, "because"],
  [/(?<=^|\s)(?:en raison|du fait)(?= (?:de|des|du|d)\b)/g, "à cause"],
  [/\b(?:debido a|por culpa de|porque|ya que|puesto que)\b/g, "a causa de"],
  [/\b(?:aufgrund|infolge|weil)\b/g, "wegen"],
];
// "cause" said for "because": not after an article or a word that makes it the noun.
const CAUSE_NOUN =
  /(?<!(?:^|\s)(?:the|a|à|root|main|no|this|that|its|common|good|une|la|de|el|die|der)\s)(?<=^|\s)cause\b/g;

/** The reason connective `said` at `offset` of `text` (`CAUSES`) in its one spelling. */
function causeSpelling(said: string, offset: number, text: string): string {
  for (const [pattern, spelling] of CAUSES) {
    const here = new RegExp(pattern.source, "y");
    here.lastIndex = offset;
    if (here.test(text)) return spelling;
  }
  return said;
}
const ANY_CAUSE = new RegExp(CAUSES.map(([pattern]) => pattern.source).join("|"), "g");

// A check reads the same two texts many times over: their normal forms are kept for the next asks.
const normalised = new Map<string, string>();

/** Lower case, one apostrophe, contractions spelled out, symbols as words, digits joined as people read them. */
export function normalise(text: string): string {
  let found = normalised.get(text);
  if (found === undefined) {
    if (normalised.size > 256) normalised.clear();
    found = normaliseOnce(text);
    normalised.set(text, found);
  }
  return found;
}

function normaliseOnce(text: string): string {
  return (
    chineseNumbers(chineseSpellings(text.normalize("NFKC")))
      // getUserName → get User Name before lower-casing; snake_case splits at the underscore below.
      .replace(/([a-z])([A-Z])/g, "$1 $2")
      // A line break separates list items; the mark keeps their lines apart.
      .replace(/\n+/g, ` ${LINE_MARK} `)
      .toLowerCase()
      .replace(/[’‘`]/g, "'")
      .replace(/œ/g, "oe")
      .replace(/æ/g, "ae")
      .replace(/\b(can)not\b/g, "$1 not")
      .replace(/\bcan't\b/g, "can not")
      .replace(/\bwon't\b/g, "will not")
      .replace(/\bshan't\b/g, "shall not")
      .replace(/\bain't\b/g, "is not")
      .replace(/n't\b/g, " not")
      // "don't forget" says "remember" ("don't forget the bug spray" on a packing list is its item).
      .replace(/\bdo not forget\b/g, "remember")
      .replace(/\bthis evening\b/g, "tonight")
      .replace(/\be-mail/g, "email")
      .replace(/\bunable\b/g, "not able")
      .replace(/'re\b/g, " are")
      .replace(/'m\b/g, " am")
      .replace(/'ll\b/g, " will")
      .replace(/'ve\b/g, " have")
      .replace(/'d\b/g, "")
      .replace(/'s\b/g, "")
      // French "s'il" is "si il" ("vérifie s'il reste de la place"); "s'" before any other word is "se".
      .replace(/\bs'(?=ils?\b(?! (?:vous|te) pla))/g, "si ")
      .replace(/\b(?:n'|d'|l'|qu'|j'|c'|s')/g, (match) => `${match.slice(0, -1)} `)
      .replace(/\bgonna\b/g, "going to")
      .replace(/\bwanna\b/g, "want to")
      .replace(/\bgotta\b/g, "got to")
      .replace(/\bo'clock\b/g, "")
      .replace(/\ben punto\b/g, "")
      // "'cause" for "because", but not the noun ("the root cause", French "à cause de").
      .replace(/(?:^|\s)(?:'cause|cuz|coz)\b/g, " because")
      .replace(CAUSE_NOUN, "because")
      .replace(ANY_CAUSE, causeSpelling)
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
  // A number and the letter said after it, written as one ("six b" → "6B", "twelve a" → "12A").
  const lettered = /^(\d+)([a-z])$/.exec(token);
  if (lettered) return [lettered[1], lettered[2]];
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

/** A word said twice in a row ("yesterday's yesterday's review") is a stutter: it counts once. */
function withoutStutters(tokens: string[]): string[] {
  return tokens.filter((token, index) => index === 0 || token !== tokens[index - 1] || isNumberish(token));
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
    // A bare "no", "actually" or "digo" after anything but a number or a day is meant as said.
    const bare = cue.length === 1 && /^(?:no|non|actually|digo)$/.test(plain(tokens[index]));
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
