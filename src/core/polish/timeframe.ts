/**
 * When a German, Spanish or French text says things happen: in the past, in the future, or neither for sure.
 * English tense is read verb by verb with the lexicon (`changedTenses` in `faithfulness.ts`); these languages
 * have no such lexicon here, so their tenses are read from the forms that cannot be anything else: a
 * perfect (auxiliary + participle: "on a envoyé", "hemos enviado", "wir haben geschickt"), a few simple pasts
 * ("envió", "fue", "war"), a future ("enverrons", "enviaremos") or "go to" and "werden" + infinitive ("on va
 * envoyer", "vamos a enviar", "wir werden schicken"). A present says no time of its own ("mañana voy" is a
 * future) and neither does an imperfect ("je voulais te dire" is politeness), so they are not read.
 *
 * Only a text clearly in one time is judged against a rewrite clearly in the other: the check refuses "on a
 * déjà envoyé les devis" written "Nous enverrons les devis", never a text that speaks of both.
 */
import { words } from "./word-sets";
import type { Language } from "./words";

export type Timeframe = "past" | "future";

interface Token {
  text: string;
  /** Written with a capital letter in the middle of a sentence: a name or a German noun, never a verb form. */
  capital: boolean;
}

// Words that may stand between an auxiliary and its participle: "on a déjà envoyé", "on n'a pas reçu". Object
// pronouns stand before the auxiliary ("je l'ai envoyé"), so "il a la clé" is no perfect.
const FRENCH_ADVERBS = words("pas jamais déjà bien encore tout rien plus toujours aussi vraiment juste beaucoup trop");
// Between "aller" and its infinitive, object pronouns too: "je vais pas pouvoir", "on va leur dire".
const FRENCH_BEFORE_INFINITIVE = new Set([
  ...FRENCH_ADVERBS,
  ...words("ne n le la les l lui leur y en me m te t se s nous vous"),
]);
const FRENCH_AVOIR = words("ai as a avons avez ont");
const FRENCH_ETRE = words("suis es est sommes êtes sont");
const FRENCH_ALLER = words("vais vas va allons allez vont");
const FRENCH_VENIR = words("viens vient venons venez viennent");
const FRENCH_REFLEXIVE = words("s se m me t te");
const FRENCH_SHORT_PARTICIPLES = words("eu vu lu su pu dû bu né mis pris dit fait été mort");
// Words after "avoir" shaped like a participle that are not one ("il y a lieu", "on a envie", "il y a plus").
const FRENCH_NOT_PARTICIPLES = words(
  "lieu envie plus tous peu aussi ici midi lundi mardi mercredi jeudi vendredi samedi parmi merci souci ami amie trois",
);
// Participles of the verbs that take "être" ("il est parti"); with any other verb "est" + participle is
// mostly a state ("le dossier est terminé").
const FRENCH_ETRE_PARTICIPLE =
  /^(?:all|ven|revenu|devenu|arriv|part|repart|rentr|pass|sort|entr|rest|tomb|n|mort|mont|descend|retourn)(?:é|ée|és|ées|u|ue|us|ues|i|ie|is|ies)$/;
const FRENCH_PARTICIPLE = /(?:é|ée|és|ées|i|is|ie|ies|it|u|us|ue|ues|ert|erts|erte|ertes|eint|aint|oint)$/;
// The futur simple: the infinitive (or an irregular stem in -rr, -dr) and -ai, -as, -a, -ons, -ez, -ont.
// After -vr and -tr only the endings no present has ("livrons" and "entrez" are presents).
const FRENCH_FUTURE = /^\p{L}+(?:[eiu]r|rr|dr)(?:ai|as|a|ons|ez|ont)$|^\p{L}+(?:vr|tr)(?:ai|as|a|ont)$/u;
const FRENCH_NOT_FUTURES = words("environs marrons extra ultra contra");
const FRENCH_SHORT_FUTURES = words("irai iras ira irons irez iront");
const FRENCH_INFINITIVE = /^\p{L}{2,}(?:er|ir|re|oir)$/u;
const FRENCH_NOT_INFINITIVES = words("notre votre autre entre contre centre hier leur mercredi");

const SPANISH_HABER = words("he has ha hemos habéis han");
const SPANISH_ADVERBS = words("ya");
const SPANISH_IR = words("voy vas va vamos vais van");
const SPANISH_PARTICIPLE =
  /^(?:\p{L}{2,}(?:ado|ido|ada|ida|ados|idos|adas|idas)|hecho|dicho|visto|puesto|escrito|abierto|vuelto|devuelto|roto|muerto|resuelto|cubierto|descubierto|propuesto|compuesto)$/u;
// The pretérito: third persons in -ó and -aron/-ieron, first persons in -é (not -ré, which may be a
// future) and -í, and the irregular ones.
const SPANISH_PRETERITE =
  /^(?:\p{L}{2,}(?:ó|aron|ieron|yeron)|\p{L}{3,}[^r\P{L}]é|\p{L}{4,}í|fue|fui|fuimos|fueron|hizo|hice|hicimos|hicieron|tuvo|tuve|tuvimos|tuvieron|dijo|dije|dijimos|dijeron|pudo|pude|pudieron|puso|puse|pusieron|quiso|supo|estuvo|estuve|estuvieron|dio|vio|trajo|trajeron)$/u;
const SPANISH_NOT_PRETERITES = words("comité porqué canapé consomé chalé bebé café josé aquí allí ahí así maniquí");
// The futuro: -rás, -rá, -réis, -rán, -remos after the infinitive or an irregular stem, and the irregular
// first persons ("iré", "haré"); a regular "-aré" may be the pretérito of a verb in -rar ("preparé").
const SPANISH_FUTURE =
  /^(?:\p{L}+(?:rás|rá|réis|rán)|\p{L}+(?:aremos|eremos|iremos|dremos|bremos|rremos)|iremos|haremos|diremos|iré|haré|diré|tendré|podré|sabré|pondré|saldré|vendré|querré|habré)$/u;
const SPANISH_NOT_FUTURES = words("atrás detrás queremos");
const SPANISH_INFINITIVE = /^\p{L}{2,}(?:ar|er|ir|ír)(?:me|te|se|lo|la|le|los|las|les|nos)?$/u;

const GERMAN_HABEN = words("habe hab hast hat haben habt");
const GERMAN_SEIN = words("bin bist ist sind seid");
const GERMAN_WERDEN = words("werde wirst wird werden werdet");
const GERMAN_PAST = words(
  "war warst waren wart hatte hattest hatten hattet wurde wurdest wurden wurdet ging gingen kam kamen",
);
// A participle: ge- inside (gemacht, mitgebracht, angerufen), an inseparable prefix, maybe after a separable
// one (bezahlt, verschoben, vorbereitet), or -iert (informiert); nouns of the same shape are written with a
// capital, or are listed here.
const GERMAN_PARTICIPLE =
  /^(?:\p{L}*ge\p{L}{2,}(?:t|en)|(?:vor|an|auf|aus|ab|bei|ein|mit|nach|zu|zurück|um|weiter|fest)?(?:be|ver|er|ent|emp|zer|miss)\p{L}{2,}(?:t|en)|\p{L}{3,}iert)$/u;
const GERMAN_NOT_PARTICIPLES =
  /(?:heit|keit|schaft|richt|lust|dacht|schäft|gebiet|gericht|gesicht|gewicht|gehalt|geburt)$/;
// Participles of the verbs that take "sein" ("ist angekommen", "ist ausgefallen", "ist passiert").
const GERMAN_SEIN_PARTICIPLE =
  /(?:ge(?:gangen|kommen|fahren|flogen|blieben|wesen|worden|laufen|storben|troffen|standen|zogen|fallen|reist|kehrt))$|^passiert$/;
const GERMAN_INFINITIVE = /^\p{L}{2,}(?:en|ern|eln)$/u;
// Words in -en that end a clause without being its verb.
const GERMAN_NOT_INFINITIVES = words(
  "den einen keinen meinen deinen seinen ihren unseren euren diesen jenen allen jeden welchen morgen wochen eltern",
);
// What closes a German clause when nobody said the comma: a conjunction, or a new subject.
const GERMAN_CLAUSE_START = words("und aber oder denn sondern dass weil wenn ob als ich du er sie es wir ihr man");

// How each language says its times, clause by clause.
const READERS: Record<Language, (clause: Token[]) => Timeframe[]> = {
  fr: frenchTimes,
  es: spanishTimes,
  de: germanTimes,
};

/** The times a text says, read clause by clause (see the module comment). */
export function timeframes(text: string, language: Language): Set<Timeframe> {
  const clauses = text
    .normalize("NFKC")
    .replace(/[’‘`]/g, "'")
    .split(/[.,;:!?¿¡\n]+/);
  const said = new Set<Timeframe>();
  for (const clause of clauses) {
    const tokens = [...clause.matchAll(/\p{L}+/gu)].map((match, index) => ({
      text: match[0].toLowerCase(),
      capital: index > 0 && /^\p{Lu}/u.test(match[0]),
    }));
    for (const time of READERS[language](tokens)) said.add(time);
  }
  return said;
}

/**
 * The time a rewrite moved its dictation to: "future" when the dictation speaks only of the past and the
 * rewrite only of the future, "past" the other way round, nothing otherwise.
 */
export function shiftedTimeframe(input: string, output: string, language: Language): Timeframe[] {
  const said = timeframes(input, language);
  const written = timeframes(output, language);
  const only = (times: Set<Timeframe>, time: Timeframe) => times.size === 1 && times.has(time);
  if (only(said, "past") && only(written, "future")) return ["future"];
  if (only(said, "future") && only(written, "past")) return ["past"];
  return [];
}

function frenchTimes(clause: Token[]): Timeframe[] {
  const times: Timeframe[] = [];
  for (const [index, { text, capital }] of clause.entries()) {
    const next = nextAfter(clause, index, FRENCH_ADVERBS);
    const before = clause[index - 1]?.text;
    if (FRENCH_AVOIR.has(text) && next && frenchParticiple(next)) times.push("past");
    if (FRENCH_ETRE.has(text) && next && (FRENCH_ETRE_PARTICIPLE.test(next) || reflexive(before, next))) {
      times.push("past");
    }
    if (
      FRENCH_VENIR.has(text) &&
      /^de?$/.test(clause[index + 1]?.text ?? "") &&
      frenchInfinitive(clause[index + 2]?.text)
    ) {
      times.push("past");
    }
    if (FRENCH_ALLER.has(text) && frenchInfinitive(nextAfter(clause, index, FRENCH_BEFORE_INFINITIVE))) {
      times.push("future");
    }
    if (capital) continue;
    if (FRENCH_SHORT_FUTURES.has(text) || (FRENCH_FUTURE.test(text) && !FRENCH_NOT_FUTURES.has(text))) {
      times.push("future");
    }
  }
  return times;

  function reflexive(before: string | undefined, participle: string): boolean {
    return before !== undefined && FRENCH_REFLEXIVE.has(before) && frenchParticiple(participle);
  }
}

function frenchParticiple(text: string): boolean {
  if (FRENCH_SHORT_PARTICIPLES.has(text)) return true;
  return text.length >= 4 && FRENCH_PARTICIPLE.test(text) && !FRENCH_NOT_PARTICIPLES.has(text);
}

function frenchInfinitive(text: string | undefined): boolean {
  return text !== undefined && FRENCH_INFINITIVE.test(text) && !FRENCH_NOT_INFINITIVES.has(text);
}

function spanishTimes(clause: Token[]): Timeframe[] {
  const times: Timeframe[] = [];
  for (const [index, { text, capital }] of clause.entries()) {
    const next = nextAfter(clause, index, SPANISH_ADVERBS);
    if (SPANISH_HABER.has(text) && next && SPANISH_PARTICIPLE.test(next)) times.push("past");
    const infinitive = clause[index + 2]?.text ?? "";
    if (SPANISH_IR.has(text) && clause[index + 1]?.text === "a" && SPANISH_INFINITIVE.test(infinitive)) {
      times.push("future");
    }
    if (capital) continue;
    if (SPANISH_PRETERITE.test(text) && !SPANISH_NOT_PRETERITES.has(text)) times.push("past");
    if (SPANISH_FUTURE.test(text) && !SPANISH_NOT_FUTURES.has(text)) times.push("future");
  }
  return times;
}

/**
 * German puts the participle or infinitive at the end of its clause ("wir haben die Rechnung gestern
 * geschickt"), or right before the auxiliary in a clause of its own ("dass wir sie geschickt haben").
 */
function germanTimes(clause: Token[]): Timeframe[] {
  const times: Timeframe[] = [];
  for (const [index, { text }] of clause.entries()) {
    if (GERMAN_PAST.has(text)) times.push("past");
    const closing = germanClosingWords(clause, index);
    const before = clause[index - 1];
    const participle = (token: Token | undefined) => token !== undefined && germanParticiple(token, clause);
    if (GERMAN_HABEN.has(text) && (closing.some(participle) || participle(before))) times.push("past");
    const comesWithSein = (token: Token | undefined) =>
      participle(token) && GERMAN_SEIN_PARTICIPLE.test(token?.text ?? "");
    if (GERMAN_SEIN.has(text) && (closing.some(comesWithSein) || comesWithSein(before))) times.push("past");
    if (GERMAN_WERDEN.has(text) && (closing.some(germanInfinitive) || germanInfinitive(before))) {
      times.push("future");
    }
  }
  return times;
}

/** The words after `index` that may close its clause: the word before a conjunction or new subject, or the last. */
function germanClosingWords(clause: Token[], index: number): Token[] {
  return clause.slice(index + 1).filter((_, at, rest) => {
    const following = rest[at + 1];
    return following === undefined || GERMAN_CLAUSE_START.has(following.text);
  });
}

function germanParticiple(token: Token, clause: Token[]): boolean {
  const { text } = token;
  const afterZu = clause[clause.indexOf(token) - 1]?.text === "zu";
  return !token.capital && !afterZu && GERMAN_PARTICIPLE.test(text) && !GERMAN_NOT_PARTICIPLES.test(text);
}

function germanInfinitive(token: Token | undefined): boolean {
  if (token === undefined || token.capital) return false;
  return GERMAN_INFINITIVE.test(token.text) && !/^ge/.test(token.text) && !GERMAN_NOT_INFINITIVES.has(token.text);
}

/** The first word after `index` that is not one of `skipped`. */
function nextAfter(clause: Token[], index: number, skipped: ReadonlySet<string>): string | undefined {
  return clause.slice(index + 1).find((token) => !skipped.has(token.text))?.text;
}
