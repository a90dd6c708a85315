/**
 * Unicode-aware word boundaries. JavaScript's `\b` and `\w` are ASCII-only, so `\blundi\b` would
 * match inside "Mélundi" and fail after "é". Every rule pattern that needs a boundary uses these.
 */

/** Lookbehind: the previous character is not a letter, a digit or a combining mark. */
export const WORD_START = '(?<![\\p{L}\\p{N}\\p{M}])';
/** Lookahead: the next character is not a letter, a digit or a combining mark. */
export const WORD_END = '(?![\\p{L}\\p{N}\\p{M}])';

/** Wraps a pattern source in Unicode word boundaries and compiles it with the `u` flag (and `g` by default). */
export function wordPattern(source: string, flags = 'gu'): RegExp {
  const f = flags.includes('u') ? flags : flags + 'u';
  return new RegExp(`${WORD_START}(?:${source})${WORD_END}`, f);
}

/**
 * Escapes a literal string for use in a RegExp, also with the `u` flag (which refuses needless
 * escapes such as "\-" outside a character class). Not for use inside a character class.
 */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** An alternation of literals, longest first so that "Sept." wins over "Sep". */
export function alternation(words: Iterable<string>): string {
  return [...new Set(words)]
    .sort((a, b) => b.length - a.length || a.localeCompare(b))
    .map(escapeRegExp)
    .join('|');
}

/** Lower-cases and strips accents: "Février" -> "fevrier". For lookups, never for output. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** True for a letter in upper case (É, À, Ç included). */
export function isUpper(ch: string | undefined): boolean {
  return ch !== undefined && /\p{Lu}/u.test(ch);
}
