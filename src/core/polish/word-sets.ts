/** The two shapes the check's word tables take, shared by `words.ts` and `numbers.ts`. */

/** A set of words written as one space-separated string. */
export function words(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter(Boolean));
}

/**
 * A lookup table with no prototype: a dictated "constructor" or "toString" is a word, not a key every
 * object has.
 */
export function table<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
