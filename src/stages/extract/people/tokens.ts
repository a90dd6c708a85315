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
  /** Position of the token in the token list. */
  index: number;
}

// A token: letters and digits joined by apostrophes, hyphens or dots ("d'Estaing", "Jean-Yves",
// "J.-Y", "P.-D.G"), or one of © & @. Latin letters only (with every accented Latin letter):
// names in other scripts are not read.
/** ASCII letters and digits, Latin-1 and Latin Extended letters, Latin Extended Additional. */
function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x1e00 && c <= 0x1eff);
}
// a capital inside a word only after a surname prefix ("McDonald", "DeLucca", "MacLeod"); other
// inner capitals are words glued together by flattened pages ("ShapiroChief")
const PREFIX = '(?:Mc|Mac|De|Le|La|Di|Da|Du|Van|Von|Fitz|St)';
const CAP = new RegExp(`^(?:\\p{Lu}['’])?(?:${PREFIX}\\p{Lu}|\\p{Lu})[\\p{Ll}\\p{M}]+(?:['’]\\p{Ll}+)?(?:-(?:\\p{Lu}['’])?(?:${PREFIX}\\p{Lu}|\\p{Lu})?[\\p{Ll}\\p{M}]+)*$`, 'u');
const UPPER = /^\p{Lu}[\p{Lu}\p{M}]*(?:['’-]\p{Lu}[\p{Lu}\p{M}]*)*$/u;
const INITIAL = /^\p{Lu}(?:\.-?\p{Lu})*$/u;
const PARTICLE_WORDS = new Set(['de', 'du', 'des', 'la', 'le', 'van', 'von', 'der', 'den', 'ter', 'da', 'das', 'do', 'dos', 'di', 'del', 'della', 'bin', 'ben', 'al', 'el', 'ibn', 'y', 'zu', 'af', 'e']);
const ELIDED_PARTICLE = /^[dD]['’]\p{Lu}/u;
/** Elided French articles and prepositions written against the next word. */
// (a capital N, M, S, T or J before a capital opens a name: "N'Diaye", "M'Bappé", "N'Golo")
const ELISION = /^(?:[dlDLjmnstT]|[JMNS](?=['’]\p{Ll})|[qQ]u|[lL]orsqu|[pP]uisqu|[jJ]usqu)['’](?=\p{L})/u;

/** Capitalised particles that may open a surname ("Le Gall", "Van Damme", "De Gaulle"). */
export const CAPITAL_PARTICLES = new Set(['le', 'la', 'de', 'du', 'des', 'van', 'von', 'da', 'di', 'del', 'della', 'dos', 'al', 'el', 'bin', 'ben', 'mac', 'st']);

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let line = 0;
  let nextNewline = text.indexOf('\n');
  const n = text.length;
  let i = 0;
  while (i < n) {
    // a hand-written scan (three to four times faster than the same regex on long releases)
    const c = text.charCodeAt(i);
    const start = i;
    i++;
    if (!isWordChar(c)) {
      if (c !== 169 && c !== 38 && c !== 64) continue;
    } else {
      for (;;) {
        while (i < n && isWordChar(text.charCodeAt(i))) i++;
        const d = text.charCodeAt(i);
        if ((d === 39 || d === 8217 || d === 45) && isWordChar(text.charCodeAt(i + 1))) i += 1;
        else if (d === 46 && text.charCodeAt(i + 1) === 45 && isWordChar(text.charCodeAt(i + 2))) i += 2;
        else if (d === 46 && isWordChar(text.charCodeAt(i + 1))) i += 1;
        else break;
      }
    }
    while (nextNewline !== -1 && nextNewline < start) {
      line++;
      nextNewline = text.indexOf('\n', nextNewline + 1);
    }
    let raw = text.slice(start, i);
    const after = text.charCodeAt(i);
    // most tokens are plain lower-case ASCII words: no link, elision or name shape to look for
    if (c >= 97 && c <= 122 && isPlainLower(raw) && !(raw.length > 6 && endsWithLink(raw))) {
      out.push({ start, end: i, raw, key: raw, kind: raw.length <= 5 && PARTICLE_WORDS.has(raw) && after !== 64 ? 'particle' : 'other', dot: after === 46, line, index: out.length });
      continue;
    }
    // text glued to a link in flattened pages: "Robert Smithhttps://..." -> "Robert Smith"
    const lastCode = raw.charCodeAt(raw.length - 1);
    if (raw.length > 6 && (lastCode === 112 || lastCode === 115 || lastCode === 119) && (raw.endsWith('http') || raw.endsWith('https') || raw.endsWith('www')) && /\p{Ll}(?:https?|www)$/u.test(raw)) raw = raw.replace(/(?:https?|www)$/, '');
    const apostrophe = raw.includes("'") || raw.includes('’');
    // a possessive is not part of the name: "Michon's" -> "Michon"
    if (apostrophe && raw.length > 3 && /['’]s$/.test(raw) && /^\p{Lu}/u.test(raw)) raw = raw.slice(0, -2);
    // French elision is a word of its own: "d'Airbus" -> "d'" "Airbus", "L'astronaute" -> "L'" "astronaute"
    const elided = apostrophe ? ELISION.exec(raw) : null;
    if (elided) {
      const e = elided[0];
      out.push({ start, end: start + e.length, raw: e, key: foldWord(e).slice(0, -1), kind: e[0] === 'd' ? 'particle' : 'other', dot: false, line, index: out.length });
      raw = raw.slice(e.length);
    }
    const from = start + (elided ? elided[0].length : 0);
    const end = from + raw.length;
    // a word right before "@" starts an e-mail address glued to a name: never a name word
    out.push({ start: from, end, raw, key: foldWord(raw), kind: text.charCodeAt(end) === 64 ? 'other' : kindOf(raw, text.charCodeAt(end) === 46), dot: text.charCodeAt(end) === 46, line, index: out.length });
  }
  return out;
}

/** "...http", "...https", "...www" (a word glued to a link), read without a regex. */
function endsWithLink(raw: string): boolean {
  const last = raw.charCodeAt(raw.length - 1);
  if (last === 112) return raw.endsWith('http');
  if (last === 115) return raw.endsWith('https');
  return last === 119 && raw.endsWith('www');
}

/** Only ASCII lower-case letters (the common case, read without regexes). */
function isPlainLower(raw: string): boolean {
  for (let k = 0; k < raw.length; k++) {
    const c = raw.charCodeAt(k);
    if (c < 97 || c > 122) return false;
  }
  return true;
}

/** Capital then ASCII lower-case letters only ("Smith"): a 'cap' without the Unicode regex. */
function isPlainCap(raw: string): boolean {
  const c = raw.charCodeAt(0);
  if (c < 65 || c > 90 || raw.length < 2) return false;
  for (let k = 1; k < raw.length; k++) {
    const d = raw.charCodeAt(k);
    if (d < 97 || d > 122) return false;
  }
  return true;
}

/** fold() with a fast path for plain ASCII words (most of them). */
function foldWord(raw: string): string {
  let upper = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c > 127) return fold(raw);
    if (c >= 65 && c <= 90) upper = true;
  }
  return upper ? raw.toLowerCase() : raw;
}

function kindOf(raw: string, dot: boolean): TokenKind {
  const c = raw.charCodeAt(0);
  if (c >= 48 && c <= 57) return 'other';
  const lower = c >= 97 && c <= 122;
  if (lower) {
    if (raw.length > 5) return 'other';
    if (PARTICLE_WORDS.has(raw) || ELIDED_PARTICLE.test(raw)) return 'particle';
    return 'other';
  }
  if (isPlainCap(raw)) return 'cap';
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

/** Index of the token that starts (or ends, with `atEnd`) exactly at an offset, or -1 (binary search). */
export function tokenIndexAt(tokens: Token[], offset: number, atEnd = false): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = atEnd ? tokens[mid]!.end : tokens[mid]!.start;
    if (v === offset) return mid;
    if (v < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
