/**
 * Anchors: one pass over the text finds the places where a date can start (a run of digits, a
 * month or weekday name, a relative word, "Q", "FY"...); each rule is then tried only there, with
 * a sticky regex, instead of scanning the whole text once per rule. A rule's anchors are read at
 * load time from the start of its pattern ("{month}\s+{day}" starts with a month name,
 * "Q{quarter}" with the letter Q); a rule whose start cannot be read that way ("(?:a|b)...",
 * an optional first group) is still scanned the old way, so no rule is ever lost.
 */
import { WORD_START } from '../../../text/unicode.js';

/** The anchor that stands for "a run of digits starts here". */
export const DIGITS = '#';

/** The first run of letters of a word, or DIGITS when it starts with a digit: "Févr." -> "Févr", "1er" -> "#". */
export function firstRun(word: string): string | null {
  const m = /^(?:(\p{L}+)|(\d))/u.exec(word.trim());
  if (!m) return null;
  return m[2] ? DIGITS : m[1]!;
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
      const r = firstRun(w);
      if (r === null) return null;
      runs.add(r);
    }
    return [...runs];
  }
  if (/^(?:\\d|\[0-9\])/.test(p)) return [DIGITS];
  const cls = /^\[(\p{L}+)\]/u.exec(p);
  if (cls) return OPTIONAL.test(p.slice(cls[0].length)) ? null : [...cls[1]!].map((c) => c.toLowerCase());
  const literal = /^\p{L}+/u.exec(p);
  if (literal) {
    const rest = p.slice(literal[0].length);
    // "Feb?" makes its last letter optional; letters right after (a class, a word list) would lengthen the run.
    if (OPTIONAL.test(rest) || /^\p{L}/u.test(rest)) return null;
    const next = /^\{([A-Za-z]+)[23]?\}/.exec(rest);
    if (next && !(words(next[1]!) ?? ['?']).every((w) => firstRun(w) === DIGITS)) return null;
    const nextClass = /^\[([^\]]*)\]/.exec(rest);
    if (nextClass && /\p{L}/u.test(nextClass[1]!.replace(/\\[dsSwWpP](\{[^}]*\})?/g, ''))) return null;
    return [literal[0].toLowerCase()];
  }
  return null;
}

/** The spellings under which an anchor word is looked for: as written, lower, Capitalised, UPPER. */
function spellingsOf(run: string): string[] {
  const lower = run.toLowerCase();
  return [run, lower, lower.charAt(0).toUpperCase() + lower.slice(1), run.toUpperCase()];
}

export interface Anchors {
  /** Finds anchor positions: group 1 is the word, absent for a run of digits. */
  regex: RegExp;
  /** Rule indices to try at an anchor, by the anchor word as written (DIGITS for digits). */
  rulesAt: Map<string, number[]>;
}

/** Builds the anchor scanner for rules whose triggers are known (index -> trigger runs). */
export function buildAnchors(triggers: Array<string[] | null>): Anchors {
  const rulesAt = new Map<string, number[]>();
  const add = (key: string, rule: number) => {
    const list = rulesAt.get(key);
    if (!list) rulesAt.set(key, [rule]);
    else if (list[list.length - 1] !== rule) list.push(rule);
  };
  triggers.forEach((runs, i) => {
    if (!runs) return;
    for (const run of runs) {
      if (run === DIGITS) add(DIGITS, i);
      else for (const s of new Set(spellingsOf(run))) add(s, i);
    }
  });
  const words = [...rulesAt.keys()].filter((k) => k !== DIGITS).sort((a, b) => b.length - a.length || a.localeCompare(b));
  const alt = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const parts = [rulesAt.has(DIGITS) ? '\\d' : '', alt ? `(${alt})(?!\\p{L})` : ''].filter(Boolean);
  const regex = new RegExp(`${WORD_START}(?:${parts.join('|') || '(?!)'})`, 'gu');
  return { regex, rulesAt };
}
