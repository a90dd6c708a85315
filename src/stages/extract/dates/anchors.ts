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
  return { regex, rulesAt, digitRules };
}
