/**
 * Word tokens of a text, made once per document: the people and contacts stages look words up
 * in Sets and phrase tables instead of running hundreds of regexes over the whole text.
 */
import { fold } from '../../../text/unicode.js';

export type TokenKind =
  /** "Jean-Yves", "McDonald", "O'Brien", "Lièvre" */
  | 'cap'
  /** "DUSSUTOUR", "CNES", "LE-GALL" */
  | 'upper'
  /** "J", "J.-Y" written with a dot after: "J. Smith", "J.-Y. Le Gall" */
  | 'initial'
  /** "de", "van", "d'Estaing": lower-case name particles */
  | 'particle'
  /** anything else: lower-case words, numbers, mixed forms, symbols */
  | 'other';

export interface Token {
  start: number;
  end: number;
  /** The word as written. */
  raw: string;
  /** Folded (lower case, no accents) for lookups. */
  key: string;
  kind: TokenKind;
  /** A full stop follows the token directly ("Dr.", "J."). */
  dot: boolean;
  /** Index of the line the token is on (0-based). */
  line: number;
}

// Letters and digits joined by apostrophes, hyphens or dots ("d'Estaing", "Jean-Yves", "J.-Y", "P.-D.G"), or one symbol.
const TOKEN = /[\p{L}\p{M}\p{N}]+(?:(?:['’]|\.-?|-)[\p{L}\p{M}\p{N}]+)*|[©&@]/gu;
const CAP = /^(?:\p{Lu}['’])?\p{Lu}[\p{Ll}\p{M}]+(?:\p{Lu}[\p{Ll}\p{M}]+)?(?:-(?:\p{Lu}['’])?\p{Lu}?[\p{Ll}\p{M}]+(?:\p{Lu}[\p{Ll}\p{M}]+)?)*$/u;
const UPPER = /^\p{Lu}[\p{Lu}\p{M}]*(?:['’-]\p{Lu}[\p{Lu}\p{M}]*)*$/u;
const INITIAL = /^\p{Lu}(?:\.-?\p{Lu})*$/u;
const PARTICLE_WORDS = new Set(['de', 'du', 'des', 'la', 'le', 'van', 'von', 'der', 'den', 'ter', 'da', 'das', 'do', 'dos', 'di', 'del', 'della', 'bin', 'ben', 'al', 'el', 'ibn', 'y', 'zu', 'af', 'e']);
const ELIDED_PARTICLE = /^[dD]['’]\p{Lu}/u;
/** Elided French articles and prepositions written against the next word. */
const ELISION = /^(?:[dlDLjJmMnNsStT]|[qQ]u|[lL]orsqu|[pP]uisqu|[jJ]usqu)['’](?=\p{L})/u;

/** Capitalised particles that may open a surname ("Le Gall", "Van Damme", "De Gaulle"). */
export const CAPITAL_PARTICLES = new Set(['le', 'la', 'de', 'du', 'des', 'van', 'von', 'da', 'di', 'del', 'della', 'dos', 'al', 'el', 'bin', 'ben', 'mac', 'st']);

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let line = 0;
  let last = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const start = m.index;
    for (let i = text.indexOf('\n', last); i !== -1 && i < start; i = text.indexOf('\n', i + 1)) line++;
    let raw = m[0];
    // a possessive is not part of the name: "Michon's" -> "Michon"
    if (raw.length > 3 && /['’]s$/.test(raw) && /^\p{Lu}/u.test(raw)) raw = raw.slice(0, -2);
    // French elision is a word of its own: "d'Airbus" -> "d'" "Airbus", "L'astronaute" -> "L'" "astronaute"
    const elided = ELISION.exec(raw);
    if (elided) {
      const e = elided[0];
      out.push({ start, end: start + e.length, raw: e, key: fold(e).slice(0, -1), kind: e[0] === 'd' ? 'particle' : 'other', dot: false, line });
      raw = raw.slice(e.length);
    }
    const from = start + (elided ? elided[0].length : 0);
    const end = from + raw.length;
    last = end;
    out.push({ start: from, end, raw, key: fold(raw), kind: kindOf(raw, text.charCodeAt(end) === 46), dot: text.charCodeAt(end) === 46, line });
  }
  return out;
}

function kindOf(raw: string, dot: boolean): TokenKind {
  const c = raw.charCodeAt(0);
  const lower = c >= 97 && c <= 122;
  if (lower) {
    if (PARTICLE_WORDS.has(raw) || ELIDED_PARTICLE.test(raw)) return 'particle';
    return 'other';
  }
  if (raw.length === 1 || INITIAL.test(raw)) return /\p{Lu}/u.test(raw) && (dot || raw.length > 1) ? 'initial' : 'other';
  if (CAP.test(raw)) return 'cap';
  if (UPPER.test(raw)) return 'upper';
  if (ELIDED_PARTICLE.test(raw)) return 'particle';
  return 'other';
}

/** "DUSSUTOUR" -> "Dussutour", "LE-GALL" -> "Le-Gall", "O'BRIEN" -> "O'Brien". */
export function titleCase(word: string): string {
  return word.toLowerCase().replace(/(^|[-'’\s])(\p{Ll})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

/** Sorted line-start offsets, to find the line of any offset. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
