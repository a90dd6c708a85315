/**
 * Anchors: one pass over the text finds the places where a date can start (a run of digits, a
 * month or weekday name, a relative word, "Q", "FY"...); each rule is then tried only there, with
 * a sticky regex, instead of scanning the whole text once per rule. A rule's anchors are read at
 * load time from the start of its pattern ("{month}\s+{day}" starts with a month name,
 * "Q{quarter}" with the letter Q); a rule whose start cannot be read that way ("(?:a|b)...",
 * an optional first group) is still scanned the old way, so no rule is ever lost.
 */

/** The anchor that stands for "a run of digits starts here". */
export const DIGITS = '#';

/**
 * The first run of letters of a word, or DIGITS and the length of its run of digits when it
 * starts with one: "Févr." -> "Févr", "1er" -> "#1", "0000" (a year) -> "#4".
 */
export function firstRun(word: string): string | null {
  const m = /^(?:(\p{L}+)|(\d+))/u.exec(word.trim());
  if (!m) return null;
  return m[2] ? `${DIGITS}${m[2].length}` : m[1]!;
}

/** How long a run of digits may be where a pattern starts with `\d...`: "#" any, "#1", "#2"... */
function digitRuns(p: string): string[] {
  const m = /^\\d(?:\{(\d)(?:,(\d))?\})?/.exec(p);
  if (!m || !m[1]) return [DIGITS];
  const from = Number(m[1]);
  const to = m[2] ? Number(m[2]) : from;
  return Array.from({ length: to - from + 1 }, (_, i) => `${DIGITS}${from + i}`);
}

/** Index of the parenthesis closing the group opened at `open`, or -1. */
function closing(src: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** True when `src` has a `|` outside any group or class. */
function topLevelAlternation(src: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

const OPTIONAL = /^(?:\?|\*|\{0,)/;

/**
 * The words (as first letter runs, or DIGITS) a match of `pattern` must start with, or null when
 * that cannot be read from the pattern. `words(name)` gives the words of a {placeholder}, or null
 * for a placeholder that can start with anything.
 */
export function leadingTriggers(pattern: string, words: (name: string) => string[] | null): string[] | null {
  let p = pattern;
  for (;;) {
    if (topLevelAlternation(p)) return null;
    const opener = /^\((?:\?:|\?<[A-Za-z][A-Za-z0-9]*>)?/.exec(p);
    if (!opener || p.startsWith('(?=') || p.startsWith('(?!') || p.startsWith('(?<=') || p.startsWith('(?<!')) break;
    const end = closing(p, 0);
    if (end < 0 || OPTIONAL.test(p.slice(end + 1))) return null;
    // The group is required: its own start is the start of the match.
    p = p.slice(opener[0].length, end);
  }
  const placeholder = /^\{([A-Za-z]+)[23]?\}/.exec(p);
  if (placeholder) {
    if (OPTIONAL.test(p.slice(placeholder[0].length))) return null;
    const list = words(placeholder[1]!);
    if (!list) return null;
    const runs = new Set<string>();
    for (const w of list) {
      // "the end of": anchored on "the end", not on every "the" of the text
      const phrase = /^(\p{L}+\s+\p{L}+)(?:[\s'’.-]|$)/u.exec(w.trim());
      const r = phrase ? phrase[1]!.replace(/\s+/g, ' ') : firstRun(w);
      if (r === null) return null;
      runs.add(r);
    }
    return [...runs];
  }
  if (p.startsWith('\\d')) return digitRuns(p);
  if (p.startsWith('[0-9]')) return [DIGITS];
  const cls = /^\[(\p{L}+)\]/u.exec(p);
  if (cls) return OPTIONAL.test(p.slice(cls[0].length)) ? null : [...cls[1]!].map((c) => c.toLowerCase());
  const literal = /^\p{L}+/u.exec(p);
  if (literal) {
    const rest = p.slice(literal[0].length);
    // "Feb?" makes its last letter optional; letters right after (a class, a word list) would lengthen the run.
    if (OPTIONAL.test(rest) || /^\p{L}/u.test(rest)) return null;
    const next = /^\{([A-Za-z]+)[23]?\}/.exec(rest);
    if (next && !(words(next[1]!) ?? ['?']).every((w) => firstRun(w)?.startsWith(DIGITS))) return null;
    const nextClass = /^\[([^\]]*)\]/.exec(rest);
    if (nextClass && /\p{L}/u.test(nextClass[1]!.replace(/\\[dsSwWpP](\{[^}]*\})?/g, ''))) return null;
    return [literal[0].toLowerCase()];
  }
  return null;
}

export interface Anchors {
  /**
   * Finds anchor positions: group 1 is the word, absent for a run of digits. For speed it is
   * case-insensitive without the `u` flag, its word boundaries written with Latin letters only;
   * `anchorHits` checks the exact Unicode boundaries on the few places it finds.
   */
  regex: RegExp;
  /** Rule indices to try at an anchor, by the anchor word in lower case. */
  rulesAt: Map<string, number[]>;
  /** Rule indices to try at a run of digits, by its length (index 5 for 5 digits or more). */
  digitRules: number[][];
  /**
   * The same anchor words for a scan without a regex (`scanAnchors`): by a hash of their letters
   * in lower case; null when a word has a character the scan does not read (then `regex` is used).
   */
  words: WordIndex | null;
}

/** The anchor words by hash, and a filter on the low bits of the hash (1: a word, 2: the first word of a phrase). */
export interface WordIndex {
  table: Map<number, WordEntry[]>;
  filter: Uint8Array;
}

/** An anchor word (two words joined by one space for a phrase) and the rules to try there. */
export interface WordEntry {
  word: string;
  rules: number[];
}

/** The class of a character code below 0x370 for the scan: 1 a digit, 2 a letter of LATIN_LETTERS, 0 other. */
const CLASS: Uint8Array = (() => {
  const table = new Uint8Array(0x370);
  for (let c = 0; c < table.length; c++) {
    if (c >= 48 && c <= 57) table[c] = 1;
    else if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || c >= 0x300) table[c] = 2;
  }
  return table;
})();

/** True for the characters of LATIN (digits, Latin letters, combining accents). */
export function isLatin(c: number): boolean {
  return c < 0x370 && CLASS[c]! !== 0;
}

/** True for the characters of LATIN_LETTERS. */
export function isLatinLetter(c: number): boolean {
  return c < 0x370 && CLASS[c] === 2;
}

/** Lower case of a Latin letter's code as `toLowerCase` gives it, or -1 when that is not one character. */
const LOWER: Int32Array = (() => {
  const table = new Int32Array(0x370);
  for (let c = 0; c < table.length; c++) {
    const lo = String.fromCharCode(c).toLowerCase();
    table[c] = lo.length === 1 ? lo.charCodeAt(0) : -1;
  }
  return table;
})();

export function lowerCode(c: number): number {
  return c < 0x370 ? LOWER[c]! : -1;
}

/** The hash step of `scanAnchors`, over lower-case codes. */
export function hashStep(h: number, code: number): number {
  return (Math.imul(h, 31) + code) | 0;
}

const FILTER_SIZE = 1 << 16;
const FILTER_MASK = FILTER_SIZE - 1;

/** The word table of `scanAnchors`, or null when a word has characters it does not read. */
function wordIndexOf(rulesAt: Map<string, number[]>): WordIndex | null {
  const table = new Map<number, WordEntry[]>();
  const filter = new Uint8Array(FILTER_SIZE);
  for (const [word, rules] of rulesAt) {
    const parts = word.split(' ');
    if (parts.length > 2 || parts.some((w) => w === '')) return null;
    let h = 0;
    for (let k = 0; k < word.length; k++) {
      const c = word.charCodeAt(k);
      if (c === 32) {
        filter[h & FILTER_MASK] = filter[h & FILTER_MASK]! | 2;
        h = hashStep(h, 32);
        continue;
      }
      if (!isLatinLetter(c) || lowerCode(c) !== c) return null;
      h = hashStep(h, c);
    }
    filter[h & FILTER_MASK] = filter[h & FILTER_MASK]! | 1;
    const list = table.get(h);
    if (list) list.push({ word, rules });
    else table.set(h, [{ word, rules }]);
  }
  return { table, filter };
}

/** True when `text` from `from` to `to`, in lower case with runs of spaces read as one, is `word`. */
function sameWord(text: string, from: number, to: number, word: string): boolean {
  let k = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isLatinLetter(c)) {
      if (word.charCodeAt(k++) !== lowerCode(c)) return false;
    } else {
      if (word.charCodeAt(k++) !== 32) return false;
      while (i + 1 < to && !isLatinLetter(text.charCodeAt(i + 1))) i++;
    }
  }
  return k === word.length;
}

/** JavaScript's `\s`. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * What `regex` finds, without a regex: calls `hit(start, end, rules)` for every anchor word, and
 * `digits(start, end)` for every run of digits, where the word or run is not glued to a Latin
 * letter or digit before it. `end` is the end of the word (or phrase) or of the run of digits.
 */
export function scanAnchors(
  text: string,
  index: WordIndex,
  digits: (start: number, end: number) => void,
  hit: (start: number, end: number, rules: number[]) => void,
): void {
  const { table, filter } = index;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const cls = c < 0x370 ? CLASS[c]! : 0;
    if (cls === 0) {
      i++;
      continue;
    }
    const p = i > 0 ? text.charCodeAt(i - 1) : 0x370;
    const start = i === 0 || p >= 0x370 || CLASS[p] === 0;
    if (cls === 1) {
      let j = i + 1;
      while (j < n && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      if (start) digits(i, j);
      i = j;
      continue;
    }
    let j = i;
    if (!start) {
      // inside a word: to its end
      while (j < n && isLatinLetter(text.charCodeAt(j))) j++;
      i = j;
      continue;
    }
    let h = 0;
    let lowerOk = true;
    for (; j < n; j++) {
      const d = text.charCodeAt(j);
      if (d >= 0x370 || CLASS[d] !== 2) break;
      const lo = LOWER[d]!;
      if (lo < 0) lowerOk = false;
      h = hashStep(h, lo);
    }
    const f = lowerOk ? filter[h & FILTER_MASK]! : 0;
    if (f !== 0) {
      if (f & 2) {
        // "the end": a second word after spaces
        let k = j;
        while (k < n && isSpace(text.charCodeAt(k))) k++;
        if (k > j) {
          let e = k;
          let h2 = hashStep(h, 32);
          let ok = true;
          for (; e < n; e++) {
            const d = text.charCodeAt(e);
            if (!isLatinLetter(d)) break;
            const lo = lowerCode(d);
            if (lo < 0) ok = false;
            h2 = hashStep(h2, lo);
          }
          const list = ok && e > k ? table.get(h2) : undefined;
          const entry = list?.find((w) => sameWord(text, i, e, w.word));
          if (entry) {
            hit(i, e, entry.rules);
            i = e;
            continue;
          }
        }
      }
      const list = f & 1 ? table.get(h) : undefined;
      const entry = list?.find((w) => sameWord(text, i, j, w.word));
      if (entry) hit(i, j, entry.rules);
    }
    i = j;
  }
}

/** Latin letters, digits and combining accents, for the fast boundaries of the anchor scan. */
const LATIN_LETTERS = 'A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F\\u0300-\\u036F';
const LATIN = `0-9${LATIN_LETTERS}`;

/** Builds the anchor scanner for rules whose triggers are known (index -> trigger runs). */
export function buildAnchors(triggers: Array<string[] | null>): Anchors {
  const rulesAt = new Map<string, number[]>();
  const add = (key: string, rule: number) => {
    const list = rulesAt.get(key);
    if (!list) rulesAt.set(key, [rule]);
    else if (list[list.length - 1] !== rule) list.push(rule);
  };
  const digits: Array<Set<number>> = Array.from({ length: 6 }, () => new Set<number>());
  triggers.forEach((runs, i) => {
    if (!runs) return;
    for (const run of runs) {
      if (!run.startsWith(DIGITS)) add(run.toLowerCase(), i);
      else if (run === DIGITS) digits.forEach((set) => set.add(i));
      else digits[Math.min(5, Number(run.slice(1)))]!.add(i);
    }
  });
  const digitRules = digits.map((set) => [...set].sort((a, b) => a - b));
  const anyDigits = digitRules.some((list) => list.length > 0);
  const words = [...rulesAt.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b));
  const alt = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')).join('|');
  const parts = [anyDigits ? '\\d' : '', alt ? `(${alt})(?![${LATIN_LETTERS}])` : ''].filter(Boolean);
  const regex = new RegExp(`(?<![${LATIN}])(?:${parts.join('|') || '(?!)'})`, 'gi');
  return { regex, rulesAt, digitRules, words: wordIndexOf(rulesAt) };
}
