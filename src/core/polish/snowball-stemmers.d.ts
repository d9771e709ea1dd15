// The part of snowball-stemmers (it ships no types) the lexicon uses.
declare module "snowball-stemmers" {
  export function newStemmer(language: string): { stem(word: string): string };
}
