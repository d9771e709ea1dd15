/**
 * The mechanical part of a clean-up, done before the model reads the dictation: hesitation sounds out,
 * spoken self-corrections applied (`applySpokenCorrections`), spoken punctuation written as marks,
 * stuttered words once. A small model copies whatever it is given; handed "dear team comma the office is
 * closed period" it writes the words "comma" and "period" back, and handed "on tuesday no wait wednesday"
 * it keeps Tuesday. The rewrite is still judged against what was said, not this: a correction read wrongly
 * here makes a rewrite the check refuses, never one it accepts.
 */
import { isNumberWord } from "./numbers";
import { applySpokenCorrections, SPOKEN_PERIOD } from "./words";

// Sounds that are never words of their own, in the languages the check reads; German's "um" (at) and "er"
// (he) are words.
const HESITATIONS =
  /(?<![\p{L}\p{N}'])(?:u+m+|u+h+|uhm|e+r+m*|a+h+|hm+|mm+|mhm|äh+m*|öh+|euh+)(?![\p{L}\p{N}'])[,.]?/giu;
// One German word is enough to keep "um" and "er": stripping a word costs more than keeping a sound.
const GERMAN_WORD =
  /(?<![\p{L}'])(?:der|das|dem|und|ist|nicht|ich|wir|mit|für|auf|uhr|nein|bitte|danke|kommt|sind|haben|wird|auch|noch|schon|aber|oder|wenn|dass|ein|eine|zum|zur|vom|beim|im)(?![\p{L}'])/iu;
const GERMAN_HESITATIONS = /(?<![\p{L}\p{N}'])(?:u+h+|uhm|a+h+|hm+|mm+|mhm|äh+m*|öh+)(?![\p{L}\p{N}'])[,.]?/giu;
const CJK_HESITATIONS = /[嗯呃]+[，,]?/g;

// How each spoken mark is written (`SPOKEN_PERIOD` says when "period" is the word); a comma word before a
// number is a decimal point ("drei komma fünf"), left to the model.
const SPOKEN_MARKS: [RegExp, string][] = [
  [/\s*\b(?:new paragraph|nouveau paragraphe|neuer absatz|punto y aparte)\b\s*/gi, "\n\n"],
  [/\s*\bpoint à la ligne\b\s*/gi, ".\n"],
  [/\s*\b(?:new line|nouvelle ligne|à la ligne|neue zeile|nueva línea)\b\s*/gi, "\n"],
  [/\s*\b(?:question mark|point d'interrogation|fragezeichen|signo de interrogación)\b/gi, "?"],
  [/\s*\b(?:exclamation (?:mark|point)|point d'exclamation|ausrufezeichen|signo de exclamación)\b/gi, "!"],
  [/\s*\b(?:semicolon|point-virgule|strichpunkt|punto y coma)\b/gi, ";"],
  [/\s*\b(?:colon|deux points|doppelpunkt|dos puntos)\b/gi, ":"],
  [/\s*\b(?:comma|virgule|komma|coma)\b(?!\s+\d)/gi, ","],
  [new RegExp(`\\s*${SPOKEN_PERIOD.source}`, "gi"), "."],
];

// The short words a speaker stutters on ("the the", "we we"); other doubled words may be meant ("that
// that", "twenty twenty", "very very").
const STUTTERED = new Set(
  "the a an i we you it to and of in on for is my our der die das ich wir le la les je et el la y".split(" "),
);

/** `text` with the mechanical clean-up applied; the words the speaker settled on are all still there. */
export function preClean(text: string): string {
  const hesitations = GERMAN_WORD.test(text) ? GERMAN_HESITATIONS : HESITATIONS;
  // A sound after a number is a unit ("five mm"), not a hesitation.
  const withoutSounds = text.replace(hesitations, (sound: string, at: number, all: string) => {
    const before = /(\S+)\s+$/.exec(all.slice(0, at))?.[1].toLowerCase() ?? "";
    return /^\d/.test(before) || isNumberWord(before) ? sound : " ";
  });
  let cleaned = applySpokenCorrections(withoutSounds.replace(CJK_HESITATIONS, ""));
  for (const [spoken, mark] of SPOKEN_MARKS) {
    cleaned = cleaned.replace(spoken, (found: string, at: number, all: string) =>
      mark === "," && isNumberWord(/^\s*(\S*)/.exec(all.slice(at + found.length))![1].toLowerCase()) ? found : mark,
    );
  }
  cleaned = cleaned.replace(/(?<![\p{L}'])(\p{L}+)(?:\s+\1)+(?![\p{L}'])/giu, (run: string, word: string) =>
    STUTTERED.has(word.toLowerCase()) ? word : run,
  );
  return cleaned
    .replace(/[ \t]+/g, " ")
    .replace(/ +([,.;:?!])/g, "$1")
    .replace(/([,.;:?!])(?=[^\s\d,.;:?!])/g, "$1 ")
    .replace(/^[\s,.;:]+/, "")
    .replace(/ *\n */g, "\n")
    .trim();
}
