/**
 * Who does what, and in which order: a rewrite that keeps every word may still swap two people, two days
 * or two amounts, move a "not" to another word, or turn the object of a verb into its subject. Each check
 * here reads the alignment (`alignment.ts`) for facts that traded places.
 */
import type { Alignment } from "./alignment";
import { lexicon } from "./lexicon";
import { table, words } from "./word-sets";
import type { Word } from "./words";

// Forms of "be" and "get" before a participle make it a passive ("must be paid"), which says no tense.
export const PASSIVE_AUXILIARIES = words("be is am are was were been being get gets got gotten getting");
// Adverbs that stand between a subject and its verb: "we still owe", "they already paid", "I just sent".
const BEFORE_VERB = words("still already just also really actually even always usually often sometimes then now");

/**
 * Facts of one kind whose order the rewrite changed: two days ("from tuesday to wednesday"), two numbers
 * ("the third not the first"), two names ("alice owes bob"). Which of two facts comes first carries who
 * does what to whom; facts of different kinds (a date and a time) may trade places.
 */
export function swappedFacts(source: Word[], rewrite: Word[], alignment: Alignment): string[] {
  const role = (list: Word[], index: number) => {
    const word = list[index];
    if (word.kind === "number") return `number:${context(list, index)}`;
    if (word.kind === "date") return "date";
    if (word.name || rewrite[alignment.sourceTo[index] ?? -1]?.name) return "name";
    return undefined;
  };
  const swapped: string[] = [];
  const facts = source
    .map((word, index) => ({ word, index, at: alignment.sourceTo[index], role: role(source, index) }))
    .filter((fact) => fact.role && fact.at !== undefined && rewrite[fact.at!].text === fact.word.text);
  for (let a = 0; a < facts.length; a++) {
    for (let b = a + 1; b < facts.length; b++) {
      const [first, second] = [facts[a], facts[b]];
      if (first.word.text === second.word.text || first.at! < second.at!) continue;
      const rewriteRole = (at: number) => (first.role === "name" ? "name" : role(rewrite, at));
      const [firstNow, secondNow] = [rewriteRole(first.at!), rewriteRole(second.at!)];
      // Two facts of one role that traded places, or two numbers that traded their roles as well ("close at
      // 8 tonight instead of 9" → "at 9 tonight instead of 8").
      const sameRole = first.role === second.role && firstNow === secondNow;
      const tradedRoles = first.role !== second.role && first.role === secondNow && second.role === firstNow;
      if (sameRole || tradedRoles) swapped.push(first.word.text, second.word.text);
    }
  }
  return swapped;
}

/**
 * Two people (or things named with a capital) that traded places around a word both kept: "alice owes bob"
 * → "Bob owes Alice". A name the rewrite moved without crossing such a pivot ("i told alice yesterday" →
 * "Yesterday I told Alice") keeps its role.
 */
export function swappedAroundPivot(source: Word[], rewrite: Word[], alignment: Alignment, output: string): string[] {
  const capitalized = new Set(
    [...output.matchAll(/\b\p{Lu}[\p{Ll}\p{Lu}]*\b/gu)].map((match) => match[0].toLowerCase()),
  );
  const named = source.flatMap((word, index) => {
    const at = alignment.sourceTo[index];
    if (at === undefined || word.optional || word.fact) return [];
    const counterpart = rewrite[at];
    if (counterpart.text !== word.text || !capitalized.has(counterpart.text)) return [];
    return [{ index, at, name: counterpart.name === true, text: word.text }];
  });
  const swapped: string[] = [];
  for (const first of named) {
    for (const second of named) {
      if (first.index >= second.index || first.at < second.at || !(first.name || second.name)) continue;
      const pivot = source.some((word, index) => {
        const at = alignment.sourceTo[index];
        return (
          index > first.index &&
          index < second.index &&
          !word.optional &&
          at !== undefined &&
          at < first.at &&
          at > second.at
        );
      });
      if (pivot) swapped.push(first.text, second.text);
    }
  }
  return swapped;
}

/**
 * Two plain words that crossed a word both kept, in opposite directions: "back up the database before you
 * run the migration" → "run the migration before you back up the database", "alex reviews the contract and
 * jamie signs it" → "Jamie reviews the contract, Alex signs it". One word moving across ("i told alice
 * yesterday" → "Yesterday I told Alice") is a rephrasing; two trading sides is a changed order of facts.
 */
export function crossedAroundPivot(source: Word[], rewrite: Word[], alignment: Alignment, said = source): string[] {
  const compounded = compoundedNouns(said, alignment, source);
  const placed = source.flatMap((word, index) => {
    const at = alignment.sourceTo[index];
    if (at === undefined || word.optional || word.fact || rewrite[at].optional || compounded.has(word)) return [];
    // A Chinese character is a word only with its neighbours: characters that cross are a clause moved
    // whole ("晚饭不回来吃了" → "不回来吃晚饭了"), which `hanEdits` judges.
    if (HAN_CHARACTER.test(word.text)) return [];
    // A word that comments on the whole sentence may stand anywhere in it: "die nachhilfe muss leider
    // ausfallen" is "leider muss die Nachhilfe ausfallen".
    if (SENTENCE_ADVERBS.has(word.text)) return [];
    return [{ index, at, text: word.text }];
  });
  for (const pivot of placed) {
    const movedRight = placed.filter((word) => word.index < pivot.index && word.at > pivot.at);
    const movedLeft = placed.filter((word) => word.index > pivot.index && word.at < pivot.at);
    if (movedRight.length && movedLeft.length) return [movedRight[0].text, movedLeft[0].text];
  }
  // Two runs of two or more words that traded places with nothing kept between them: "first drop the kids
  // off and then pick up the cake" → "first pick up the cake, then drop the kids off".
  for (let split = 2; split <= placed.length - 2; split++) {
    const before = placed.slice(0, split).sort((a, b) => b.at - a.at);
    const after = placed.slice(split).sort((a, b) => a.at - b.at);
    if (after[1].at < before[1].at) return [before[0].text, after[0].text];
  }
  return [];
}

// The words that link a noun to what it is for or of, and the determiners that may follow them.
const COMPOUND_LINKS = words("for of");
const COMPOUND_DETERMINERS = words("the a an my our your his her their this that next last");

/**
 * English nouns written as a compound: "the flight details for the osaka trip" may be "the Osaka trip flight
 * details", "the invoice for march" "the March invoice". One or two words on each side of "for" or "of"
 * (`said`, every word of the dictation), written the other way round and side by side, say what they said.
 */
function compoundedNouns(said: Word[], alignment: Alignment, kept: Word[]): Set<Word> {
  const found = new Set<Word>();
  const at = (word: Word | undefined) => (word ? alignment.sourceTo[kept.indexOf(word)] : undefined);
  for (const [link, word] of said.entries()) {
    if (!COMPOUND_LINKS.has(word.text)) continue;
    const first = COMPOUND_DETERMINERS.has(said[link + 1]?.text) ? link + 2 : link + 1;
    for (const headLength of [1, 2])
      for (const tailLength of [1, 2]) {
        const head = said.slice(Math.max(link - headLength, 0), link);
        const tail = said.slice(first, first + tailLength);
        const written = [...tail, ...head].map(at);
        const sideBySide = written.every(
          (position, rank) => position !== undefined && (rank === 0 || position === written[rank - 1]! + 1),
        );
        if (head.length === headLength && tail.length === tailLength && sideBySide)
          [...head, ...tail].forEach((noun) => found.add(noun));
      }
  }
  return found;
}

const HAN_CHARACTER = /^\p{Script=Han}$/u;
const SENTENCE_ADVERBS = words(
  "unfortunately sadly luckily fortunately hopefully leider hoffentlich glücklicherweise malheureusement heureusement lamentablemente desafortunadamente afortunadamente ojalá",
);

// The people a sentence is about when they are not named: who does what may hang on them.
// Each person's pronouns, subject and object forms alike, in English, French and Spanish (forms that are
// also articles, as "la" and "le", are left out). "you" stands for any addressee: a formal rewrite may write
// "vous" for "tu". German puts its subject after the verb whenever a sentence opens with another word
// ("anbei schicke ich dir"), so its pronouns say nothing by where they stand.
const PERSON_FORMS: [string, string][] = [
  ["i", "i me je j moi yo mí"],
  ["you", "you tu toi te vous tú ti usted ustedes"],
  ["he", "he him il lui él"],
  ["she", "she her elle ella"],
  ["we", "we us nous nosotros nosotras"],
  ["they", "they them ils elles eux ellos ellas"],
];
const PERSON_OF = new Map(PERSON_FORMS.flatMap(([person, forms]) => forms.split(" ").map((form) => [form, person])));

/**
 * A person said once on each side and a word both kept that traded sides around a third kept word: "lena
 * will present the budget and you'll take notes" → "You will present the budget and Lena will take notes".
 * Pronouns are function words the alignment leaves out, so they are placed here by position.
 */
export function crossedPerson(source: Word[], rewrite: Word[], kept: Word[], written: Word[], alignment: Alignment) {
  const personOf = (word: Word) => PERSON_OF.get(word.text);
  const once = (list: Word[], person: string) => list.filter((word) => personOf(word) === person).length === 1;
  const placed = kept.flatMap((word, index) => {
    const at = alignment.sourceTo[index];
    if (at === undefined || word.fact) return [];
    return [{ index: source.indexOf(word), at: rewrite.indexOf(written[at]), text: word.text }];
  });
  for (const [person] of PERSON_FORMS) {
    if (!once(source, person) || !once(rewrite, person)) continue;
    const index = source.findIndex((word) => personOf(word) === person);
    const at = rewrite.findIndex((word) => personOf(word) === person);
    for (const pivot of placed) {
      const crossedBy = (word: { index: number; at: number }) =>
        word.index < pivot.index !== word.at < pivot.at && word.index < pivot.index !== index < pivot.index;
      if (index < pivot.index === at < pivot.at) continue;
      const other = placed.find((word) => word !== pivot && crossedBy(word));
      if (other) return [person, other.text];
    }
  }
  return [];
}

/** What a number is next to: a date, a time or a unit; numbers of different roles may trade places. */
function context(list: Word[], index: number): string {
  const near = [list[index - 1], list[index + 1]].filter((word): word is Word => word !== undefined);
  const date = near.find((word) => word.kind === "date");
  if (date) return "date";
  const unit = near.find((word) => word.kind === "unit");
  return unit ? unit.text : "";
}

// A personal pronoun's subject and object forms: which one a verb has says who does it to whom.
const PRONOUN_CASES: [string, string][] = [
  ["i", "me"],
  ["we", "us"],
  ["he", "him"],
  ["she", "her"],
  ["they", "them"],
];

/**
 * A pronoun that traded roles around a verb both keep: "the vendor owes us" → "We owe the vendor", "we
 * called them" → "They called us". The object right after a dictated verb became the subject before the
 * same verb in the rewrite, or the other way round. A passive ("we were told") says who did what in other
 * words, and is not read as such a swap.
 */
export function swappedPronounRoles(source: Word[], rewrite: Word[]): string[] {
  // The plain word a pronoun is the object of (the word before it) or the subject of (the first plain word
  // after it, past modals, auxiliaries other than "be" and "get", and adverbs such as "still").
  const objectOf = (list: Word[], pronoun: string) =>
    list.flatMap((word, index) =>
      index > 0 && word.text === pronoun && !list[index - 1].optional ? [list[index - 1]] : [],
    );
  const subjectOf = (list: Word[], pronoun: string) =>
    list.flatMap((word, index) => {
      if (word.text !== pronoun) return [];
      const verb = list
        .slice(index + 1)
        .find((next) => (!next.optional && !BEFORE_VERB.has(next.text)) || PASSIVE_AUXILIARIES.has(next.text));
      return verb && !verb.optional ? [verb] : [];
    });
  for (const [subject, object] of PRONOUN_CASES) {
    for (const [said, written, saidRole, writtenRole] of [
      [object, subject, objectOf, subjectOf],
      [subject, object, subjectOf, objectOf],
    ] as const) {
      const verbs = saidRole(source, said);
      const alsoSaid = writtenRole(source, written);
      const swapped = writtenRole(rewrite, written).some(
        (verb) => verbs.some((other) => sameWord(other, verb)) && !alsoSaid.some((other) => sameWord(other, verb)),
      );
      if (swapped) return [said, written];
    }
  }
  return [];
}

/** Two forms of one word: "owes" and "owe", "went" and "go". */
export function sameWord(a: Word, b: Word): boolean {
  return a.stem === b.stem || lexicon().relation(a.text, b.text) === "same";
}

/**
 * A "not" that now belongs to another word: "due on the third not the first" → "due on the first, not the
 * third". Each negation must still come right before the first kept word it came before.
 */
export function movedNegations(source: Word[], rewrite: Word[], alignment: Alignment): string[] {
  const moved: string[] = [];
  const negations = (list: Word[]) => list.flatMap((word, index) => (word.kind === "negation" ? [index] : []));
  const sourceNegations = negations(source);
  const rewriteNegations = negations(rewrite);
  if (sourceNegations.length !== rewriteNegations.length) return moved;
  for (const [order, at] of sourceNegations.entries()) {
    const next = source.findIndex(
      (word, index) => index > at && word.kind !== "negation" && alignment.sourceTo[index] !== undefined,
    );
    if (next < 0) continue;
    const target = alignment.sourceTo[next]!;
    const negation = rewriteNegations[order];
    const firstAfter = rewrite.findIndex(
      (word, index) => index > negation && word.kind !== "negation" && alignment.rewriteTo[index] !== undefined,
    );
    // French negates the verb before "pas" ("n'oublie pas de fermer") and the infinitive after it ("ne pas
    // oublier de fermer"): the same verb, so no move.
    const verb = FRENCH_NEGATIONS.has(source[at].text)
      ? source.findLastIndex((word, index) => index < at && alignment.sourceTo[index] !== undefined)
      : -1;
    if (verb >= 0 && alignment.sourceTo[verb] === firstAfter) continue;
    if (firstAfter !== target) moved.push("not", source[next].text);
  }
  return moved;
}

const FRENCH_NEGATIONS = words("pas jamais plus rien point");

// Prepositions that say where a thing comes from, and those that place it or say where it goes: "pick up
// jake from practice" is not "drop jake off at practice". (French "de" and Spanish "de" and "a" mostly mean
// "of", so only their unambiguous words count.)
const ORIGIN = words("from von aus desde depuis");
const PLACE_OR_GOAL = words(
  "to into onto toward towards at in on nach zu zum zur ins bei an auf hacia hasta en vers chez jusqu dans",
);
// What may stand between a preposition and its word: articles, possessives and demonstratives.
const DETERMINERS = words(
  "the a an my your his her its our their this that these those der die das dem den des ein eine einem einen einer mein meine meinem meinen dein deine sein seine unser unsere el la los las un una mi mis tu tus su sus le les l mon ma mes ton ta ses son notre votre",
);

/**
 * A word both keep that the rewrite places on the other side of a journey: said after "from", written
 * after "to" or "at", or the other way round ("moving the servers from dallas" → "to Dallas"). Where it
 * comes from and where it goes are two different facts.
 */
export function changedDirections(
  source: Word[],
  rewrite: Word[],
  kept: Word[],
  written: Word[],
  alignment: Alignment,
): string[] {
  const [saidSpans, wroteSpans] = [spans(source), spans(rewrite)];
  const prepositionOf = (list: Word[], word: Word) => {
    for (let index = list.indexOf(word) - 1, seen = 0; index >= 0 && seen < 3; index--, seen++) {
      const before = list[index].text;
      if (DETERMINERS.has(before)) continue;
      const said = ORIGIN.has(before) ? "origin" : PLACE_OR_GOAL.has(before) ? "place" : undefined;
      return said ?? (list === source ? saidSpans : wroteSpans).get(word);
    }
    return undefined;
  };
  return kept.flatMap((word, index) => {
    const at = alignment.sourceTo[index];
    if (at === undefined) return [];
    // A time or a day after "from" starts a span ("moved from 2 to 3" for "at two"): only places move.
    if (word.fact) return [];
    const [said, wrote] = [prepositionOf(source, word), prepositionOf(rewrite, written[at])];
    return said && wrote && said !== wrote ? [word.text] : [];
  });
}

// The two ends of a span said with words that mean "of" and "to" elsewhere: "del trastero al coche",
// "du salon à la cuisine", "vom Keller zum Auto".
const SPAN_FROM = words("de del du des vom");
const SPAN_TO = words("a al à au aux zum zur");
const SPAN_WORDS = 5;

/** The first plain words after each end of such a span: where a thing comes from, and where it goes. */
function spans(list: Word[]): Map<Word, "origin" | "place"> {
  const ends = new Map<Word, "origin" | "place">();
  const plainAfter = (index: number) =>
    list.slice(index + 1, index + 1 + SPAN_WORDS).find((word) => !DETERMINERS.has(word.text) && !word.optional);
  for (const [index, word] of list.entries()) {
    if (!SPAN_FROM.has(word.text)) continue;
    const from = plainAfter(index);
    if (!from) continue;
    const to = list.findIndex(
      (next, at) => at > list.indexOf(from) && at <= index + SPAN_WORDS && SPAN_TO.has(next.text),
    );
    const goal = to >= 0 ? plainAfter(to) : undefined;
    if (!goal) continue;
    ends.set(from, "origin");
    ends.set(goal, "place");
  }
  return ends;
}

/**
 * A fact or a thing a bulleted rewrite put on the line of another item: "exchange three hundred euros get the car
 * serviced by friday" → "- Exchange €300 by Friday / - Get the car serviced". A fact goes with the words
 * said next to it; one whose dictated neighbors, before and after, both went to other lines moved. A fact
 * said first or last has one neighbor: it moved when that went to another line and the fact went to the
 * line of other words ("…renew the car registration before the fifteenth" → "- Pay the electric bill
 * before the 15th"), not to a heading of its own ("By Friday:").
 */
// Prepositions that tie a date, time or amount to what it is said of.
const FACT_LINKS = words(
  "before after by until till on at in from to for since vor nach bis am um ab avant après jusqu pour depuis antes después hasta desde para",
);

export function movedToOtherItem(kept: Word[], written: Word[], alignment: Alignment): string[] {
  if (new Set(written.map((word) => word.line)).size < 2) return [];
  const lineOf = (index: number) => {
    const at = alignment.sourceTo[index];
    return at === undefined || kept[index].fact ? undefined : written[at].line;
  };
  const neighbor = (from: number, step: number) => {
    for (let index = from + step; index >= 0 && index < kept.length; index += step) {
      // The word that ties the fact to its item goes with it ("before the 15th").
      if (FACT_LINKS.has(kept[index].text)) continue;
      const line = lineOf(index);
      if (line !== undefined) return line;
    }
    return undefined;
  };
  return kept.flatMap((word, index) => {
    const at = alignment.sourceTo[index];
    if (at === undefined || word.optional) return [];
    const [before, after] = [neighbor(index, -1), neighbor(index, 1)];
    const line = written[at].line;
    // A thing said between two words that went to one other line went with them, not to a line of its own
    // company: "ya tenemos cajas y cinta pero nos faltan mantas y una carretilla" → "- Ya tenemos: cajas,
    // cinta y mantas / - Falta: una carretilla".
    if (!word.fact) return before !== undefined && before === after && before !== line ? [word.text] : [];
    if (before === undefined || after === undefined) {
      const other = before ?? after;
      const amongWords = kept.some((said, at) => !said.fact && lineOf(at) === line);
      return other !== undefined && other !== line && amongWords ? [word.text] : [];
    }
    return before !== line && after !== line ? [word.text] : [];
  });
}

// French says who does a thing and to whom by the pronoun's form: "tu me renvoies" (you to me), "je te
// renvoie" (me to you). ("nous" and "vous" have one form for both, and "t'" is either: "t'es" is "tu es".)
const FRENCH_SUBJECTS = table<string>({ je: "i", j: "i", tu: "you" });
const FRENCH_OBJECTS = table<string>({ me: "i", m: "i", te: "you" });

/**
 * "tu peux me renvoyer le fichier" → "Je te renvoie le fichier": the speaker and the one spoken to traded
 * roles. The first subject and the first object of each text are compared.
 */
export function swappedFrenchPersons(source: Word[], rewrite: Word[]): string[] {
  const first = (list: Word[], forms: Record<string, string>) => list.find((word) => word.text in forms)?.text;
  const roles = (list: Word[]) => {
    const [subject, object] = [first(list, FRENCH_SUBJECTS), first(list, FRENCH_OBJECTS)];
    return subject && object ? [FRENCH_SUBJECTS[subject], FRENCH_OBJECTS[object]] : undefined;
  };
  // "je voulais te demander si tu pouvais m'envoyer…" written "Tu peux m'envoyer…": who asks whom goes with
  // the lead-in; the persons of what was asked are compared.
  const asked = source.findIndex(
    (word, index) => FRENCH_ASKING.has(word.text) && /^(?:si|que|qu)$/.test(source[index + 1]?.text ?? ""),
  );
  const times = (list: Word[]) => list.filter((word) => word.text === source[asked].text).length;
  const leadInDropped = asked >= 0 && times(source) > times(rewrite);
  const [said, written] = [roles(leadInDropped ? source.slice(asked + 2) : source), roles(rewrite)];
  if (!said || !written || said[0] === said[1]) return [];
  return said[0] === written[1] && said[1] === written[0] ? ["tu", "je"] : [];
}

// Verbs of asking and telling that lead into what is asked or told ("je voulais te dire que…").
const FRENCH_ASKING = words("demander dire demande dis");

/**
 * A person the rewrite brings in where the dictation's went: "hasta que yo la revise" → "hasta que él la
 * revise". Only when no form of the new person was said, and no form of the old one is written.
 */
export function changedPersons(source: Word[], rewrite: Word[]): string[] {
  const persons = (list: Word[]) => new Set(list.flatMap((word) => PERSON_OF.get(word.text) ?? []));
  const [said, written] = [persons(source), persons(rewrite)];
  const gone = [...said].filter((person) => !written.has(person));
  const brought = [...written].filter((person) => !said.has(person));
  // "they" may be one person: "kai said he would" → "Kai said they would" names no one new.
  const third = (list: string[]) => list.every((person) => person === "he" || person === "she" || person === "they");
  if (third(gone) && third(brought)) return [];
  return gone.length > 0 && brought.length > 0 ? [gone[0], brought[0]] : [];
}

// What marks a person as the one a thing is done to or for in Spanish and French ("le presta el coche a
// Marta", "il le prête à Julie"), and the prepositions that place a name otherwise.
const RECIPIENT = words("a al à au");
const PREPOSITIONS = words(
  "de del du des desde hasta en con para por sin sobre entre hacia chez pour avec sans sur dans vers par jusqu",
);

/**
 * A name said bare (who does it) and written after "a" or "à" (to whom it is done), or the other way round
 * (`openingNames`: the words no table knows that open a sentence of the rewrite with a capital, "Thomas m'a
 * prêté…", which `markNames` cannot tell from any first word):
 * "marta le va a prestar el coche" → "le va a prestar el coche a Marta". Spanish and French may put a
 * subject after its verb, so the marking, not the place, says the role.
 */
export function changedRecipients(source: Word[], rewrite: Word[], openingNames: ReadonlySet<string>): string[] {
  const role = (list: Word[], index: number) => {
    const before = list[index - 1]?.text ?? "";
    return RECIPIENT.has(before) ? "recipient" : PREPOSITIONS.has(before) ? undefined : "bare";
  };
  const once = (list: Word[], text: string) => list.filter((word) => word.text === text).length === 1;
  return rewrite.flatMap((word, at) => {
    if (!(word.name || openingNames.has(word.text)) || !once(rewrite, word.text) || !once(source, word.text)) return [];
    const [said, wrote] = [
      role(
        source,
        source.findIndex((other) => other.text === word.text),
      ),
      role(rewrite, at),
    ];
    return said && wrote && said !== wrote ? [word.text] : [];
  });
}

// Whose a thing is: the persons each possessive may stand for. Spanish "su", German "ihr" and French
// "votre" also address the reader formally, so a formal rewrite may write them for "tu", "dein" or "ton".
const OWNERS = table<string>(
  Object.fromEntries(
    Object.entries({
      "1": "my mein meine meinem meinen meiner mi mis mon ma mes",
      "2": "your dein deine deinem deinen deiner tu tus ton ta tes votre vos",
      "3m": "his",
      "3f": "her",
      "3n": "its",
      "1p": "our unser unsere unserem unseren nuestro nuestra nuestros nuestras notre nos",
      "3p": "their leur leurs",
      "3m 3n": "sein seine seinem seinen seiner",
      "3f 3p 2": "ihr ihre ihrem ihren ihrer",
      "3m 3f 3n 3p 2": "su sus",
      "3m 3f 3n": "son sa ses",
    }).flatMap(([persons, list]) => [...words(list)].map((word) => [word, persons])),
  ),
);

/**
 * A thing both keep that belongs to someone else in the rewrite: "my sister" → "your sister", "his flight"
 * → "her flight", "dave's car" → "my car". The possessive right before the word (an adjective may stand
 * between) names another person, in every reading it has.
 */
export function changedOwners(
  source: Word[],
  rewrite: Word[],
  kept: Word[],
  written: Word[],
  alignment: Alignment,
  input: string,
  output: string,
): string[] {
  const ownerOf = (list: Word[], word: Word, genitive: Map<string, string>) => {
    const at = list.indexOf(word);
    for (const before of [list[at - 1], list[at - 2]]) {
      const persons = before && OWNERS[before.text];
      if (persons) return persons.split(" ");
    }
    const owner = genitive.get(word.text);
    return owner === undefined ? undefined : [owner];
  };
  const [saidGenitive, writtenGenitive] = [genitives(input), genitives(output)];
  return kept.flatMap((word, index) => {
    const at = alignment.sourceTo[index];
    if (at === undefined) return [];
    const [said, wrote] = [ownerOf(source, word, saidGenitive), ownerOf(rewrite, written[at], writtenGenitive)];
    return said && wrote && !said.some((person) => wrote.some((other) => sameOwner(person, other))) ? [word.text] : [];
  });
}

// Words before "'s" that make a contraction, not an owner: "it's", "that's", "let's".
const NOT_OWNERS = words(
  "it that there here what who where when how let he she this everyone everybody nobody mine yours",
);

/** Two owners that are one: the same person, or one name spelled two ways ("organization", "organisation"). */
function sameOwner(a: string, b: string): boolean {
  const relation = a === b ? "same" : lexicon().relation(a, b);
  return relation === "same" || relation === "spelling";
}

/** The things an English text gives an owner with "'s" ("dave's car", "the client's invoice"): thing → owner. */
function genitives(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of text.toLowerCase().matchAll(/(\p{L}+)['’]s\s+(\p{L}+)/gu)) {
    if (!NOT_OWNERS.has(match[1])) found.set(match[2], match[1]);
  }
  return found;
}

// Chinese personal pronouns, one character each: a character alone is a word here.
const HAN_PERSONS = ["我", "你", "他", "她", "它", "您"];

/**
 * A Chinese person, named or a pronoun, and another pronoun that traded sides of a character both keep
 * once: 老周会去机场接他 → 他去机场接老周, 我借给小李 → 小李借给我, 我来订你订 → 你来订我订. Who does what
 * for whom turned around, though every character is still there. Each is placed by their first mention.
 */
export function crossedHanPerson(source: Word[], rewrite: Word[]): string[] {
  const count = (list: Word[], text: string) => list.filter((word) => word.text === text).length;
  const once = (list: Word[], text: string) => count(list, text) === 1;
  // A person said as often on each side is placed by their first mention: 我借给小李…还我 → 小李借给我…
  const asOften = (text: string) => count(source, text) > 0 && count(source, text) === count(rewrite, text);
  const place = (list: Word[], text: string) => list.findIndex((word) => word.text === text);
  const pivots = source.filter(
    (word) =>
      /^\p{Script=Han}$/u.test(word.text) &&
      !word.name &&
      !word.optional &&
      !HAN_PERSONS.includes(word.text) &&
      once(source, word.text) &&
      once(rewrite, word.text),
  );
  // The other side may be a name or another pronoun: 我来订蛋糕你订餐厅 → 你来订蛋糕我订餐厅.
  const names = [
    ...source.filter((word) => word.name && asOften(word.text)),
    ...HAN_PERSONS.filter((person) => count(source, person) > 0 && count(rewrite, person) > 0).map((person) =>
      source.find((word) => word.text === person)!,
    ),
  ];
  for (const person of HAN_PERSONS) {
    if (!(count(source, person) > 0 && count(rewrite, person) > 0)) continue;
    for (const name of names.filter((other) => other.text !== person))
      for (const pivot of pivots) {
        const side = (list: Word[], text: string) => place(list, text) < place(list, pivot.text);
        const apart = side(source, person) !== side(source, name.text);
        if (
          apart &&
          side(source, person) !== side(rewrite, person) &&
          side(source, name.text) !== side(rewrite, name.text)
        )
          return [person, name.text];
      }
  }
  return [];
}

/**
 * Items of a bulleted list whose people traded what they do: "sam does the intro i'll do the numbers and
 * kate handles q and a" → "- Intro: Sam / - Numbers: Kate / - Q&A: me". Each person said owns the words
 * said next to them, either those after them ("sam does the intro") or those before ("the intro is
 * sam's"). A list is refused when no such reading gives every line with one person only words of that
 * person's own, never another's. (`labelNames`: the names a line's label leads to, "Intro: Sam", which
 * `markNames` cannot tell from a sentence's first word.)
 */
export function swappedItemOwners(source: Word[], rewrite: Word[], labelNames: ReadonlySet<string>): string[] {
  const names = new Set([...rewrite.filter((word) => word.name).map((word) => word.text), ...labelNames]);
  const personOf = (word: Word) => (names.has(word.text) ? word.text : PERSON_OF.get(word.text));
  const said = source.filter((word) => !word.optional || personOf(word));
  const people = said.flatMap((word, index) => (personOf(word) ? [index] : []));
  if (new Set(people.map((index) => personOf(said[index]))).size < 2) return [];
  const owners = (after: boolean) => {
    const owned = new Map<string, string>();
    const owner = (index: number) => {
      const before = people.filter((at) => at <= index).at(-1);
      const next = people.find((at) => at >= index);
      const at = after ? before : next;
      return at === undefined ? undefined : personOf(said[at]);
    };
    for (const [index, word] of said.entries()) {
      const person = owner(index);
      if (personOf(word) || !person) continue;
      // A word two people share ("the") says nothing of whose it is.
      owned.set(word.stem, owned.has(word.stem) && owned.get(word.stem) !== person ? "" : person);
    }
    return owned;
  };
  const lines = [...new Set(rewrite.map((word) => word.line))].map((line) =>
    rewrite.filter((word) => word.line === line),
  );
  // A word on several lines ("- Demander … / - Demander …") belongs to no one item.
  const onLines = new Map<string, Set<number>>();
  for (const word of rewrite) onLines.set(word.stem, (onLines.get(word.stem) ?? new Set()).add(word.line));
  const consistent = (owned: Map<string, string>) =>
    lines.every((line) => {
      const persons = new Set(line.flatMap((word) => personOf(word) ?? []));
      if (persons.size !== 1) return true;
      const [person] = persons;
      const whose = line.flatMap((word) =>
        personOf(word) || word.optional || onLines.get(word.stem)!.size > 1 ? [] : [owned.get(word.stem)],
      );
      return !(whose.some((other) => other && other !== person) && !whose.includes(person));
    });
  if (consistent(owners(true)) || consistent(owners(false))) return [];
  return [...new Set(people.map((index) => personOf(said[index])!))].slice(0, 2);
}

// The words that lead a spoken list to its next step ("first … then … finally").
const NEXT_STEP = words(
  "then next finally lastly afterwards dann danach schließlich zuletzt anschließend ensuite puis enfin finalement luego después finalmente 然后 最后",
);

/**
 * Two steps of a spoken list written as one bullet: "then the hiring plan then the office move" → "- Hiring
 * plan for the office move". The words said on each side of "then" (`said`: every word of the dictation)
 * went to one line of a rewrite that has several.
 */
export function mergedSteps(said: Word[], kept: Word[], written: Word[], alignment: Alignment): string[] {
  if (new Set(written.map((word) => word.line)).size < 2) return [];
  const lineOf = (word: Word) => {
    const at = alignment.sourceTo[kept.indexOf(word)];
    return at === undefined ? undefined : written[at].line;
  };
  return said.flatMap((word, index) => {
    if (!NEXT_STEP.has(word.text) || word.fact) return [];
    const before = said.slice(0, index).findLast((other) => !other.optional && lineOf(other) !== undefined);
    const after = said.slice(index + 1).find((other) => !other.optional && lineOf(other) !== undefined);
    return before && after && lineOf(before) === lineOf(after) ? [before.text, after.text] : [];
  });
}
