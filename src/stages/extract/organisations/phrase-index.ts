/**
 * Fast gazetteer lookup shared by the organisations and places stages.
 *
 * A document is folded once (lower case, accents stripped, curly apostrophes made straight, with
 * the SAME length as the original so offsets carry over), cut into word tokens, and every phrase
 * of a gazetteer is looked up by its first token in a Map: the cost is linear in the text and
 * independent of the size of the gazetteer. Phrases match across spaces, one line break,
 * apostrophes and hyphens ("Centre National d’Etudes Spatiales" = "centre national d'études
 * spatiales", "Météo France" = "Météo-France").
 */

/** How strictly the case of the text must follow the phrase. */
export type CaseRule =
  /** Exactly as written in the gazetteer (acronyms: "CNES" but not "Cnes" or "cnes"). */
  | 'exact'
  /** First letter upper case in the text, the rest free ("Capgemini", "CAPGEMINI"). */
  | 'capitalised'
  /** Any case ("l'agence spatiale européenne"). */
  | 'any';

export interface Phrase<T> {
  /** The phrase as written in the rule file. */
  text: string;
  /** Folded tokens. */
  tokens: string[];
  caseRule: CaseRule;
  value: T;
  /** The phrase has a comma inside ("Laboratoire atmosphères, observations spatiales"). */
  comma: boolean;
}

export interface Token {
  start: number;
  end: number;
  /** Folded form. */
  norm: string;
}

export interface PhraseMatch<T> {
  start: number;
  end: number;
  phrase: Phrase<T>;
}

/** The folded text and its tokens: computed once per document and shared by the stages. */
export interface FoldedText {
  text: string;
  folded: string;
  tokens: Token[];
}

// --------------------------------------------------------------------------- folding

const FOLD_TABLE = new Map<number, number>();
const APOSTROPHES = new Set([0x2019, 0x2018, 0x02bc, 0x00b4, 0x0060, 0x2032]);
const SPACES = new Set([0x00a0, 0x202f, 0x2009, 0x2007, 0x2002, 0x2003]);
const DASHES = new Set([0x2010, 0x2011]);

function foldCode(code: number): number {
  const hit = FOLD_TABLE.get(code);
  if (hit !== undefined) return hit;
  let out = code;
  if (APOSTROPHES.has(code)) out = 0x27;
  else if (SPACES.has(code)) out = 0x20;
  else if (DASHES.has(code)) out = 0x2d;
  else {
    const ch = String.fromCharCode(code);
    const base = ch.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
    if (base.length === 1) out = base.charCodeAt(0);
    else {
      const lower = ch.toLowerCase();
      if (lower.length === 1) out = lower.charCodeAt(0);
    }
  }
  FOLD_TABLE.set(code, out);
  return out;
}

const FOLD_CHAR = new Map<string, string>();

function foldChar(c: string): string {
  let out = FOLD_CHAR.get(c);
  if (out === undefined) {
    out = String.fromCharCode(foldCode(c.charCodeAt(0)));
    FOLD_CHAR.set(c, out);
  }
  return out;
}

/** Lower case, accents stripped, apostrophes straightened: same length as the input. */
export function foldSameLength(text: string): string {
  const lower = text.toLowerCase();
  // eslint-disable-next-line no-control-regex
  if (lower.length === text.length) return lower.replace(/[^\x00-\x7f]/g, foldChar);
  // rare: a character whose lower case is longer ("İ"); fold code by code
  const codes = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) codes[i] = foldCode(text.charCodeAt(i));
  let out = '';
  const CHUNK = 8192;
  for (let i = 0; i < codes.length; i += CHUNK) out += String.fromCharCode(...codes.subarray(i, i + CHUNK));
  return out;
}

const TOKEN = /[\p{L}\p{N}]+/gu;
/** Per UTF-16 code: 0 not yet known, 1 letter or digit, 2 anything else. */
const WORD_CHAR = new Uint8Array(0x10000);
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

export function isWordCode(c: number): boolean {
  let k = WORD_CHAR[c]!;
  if (k === 0) {
    k = LETTER_OR_DIGIT.test(String.fromCharCode(c)) ? 1 : 2;
    WORD_CHAR[c] = k;
  }
  return k === 1;
}

/** Folds and tokenizes a text; cached per text so two stages share the work. */
export function foldText(text: string): FoldedText {
  if (lastFolded && lastFolded.text === text) return lastFolded;
  const folded = foldSameLength(text);
  const tokens: Token[] = [];
  const n = folded.length;
  let i = 0;
  while (i < n) {
    if (!isWordCode(folded.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && isWordCode(folded.charCodeAt(i))) i++;
    tokens.push({ start, end: i, norm: folded.slice(start, i) });
  }
  lastFolded = { text, folded, tokens };
  return lastFolded;
}
let lastFolded: FoldedText | null = null;

/** Folded tokens of a phrase written in a rule file. */
export function phraseTokens(phrase: string): string[] {
  return foldSameLength(phrase).match(TOKEN) ?? [];
}

/** What may stand between two tokens of one phrase: a space or two, one line break, an apostrophe, a hyphen. */
function gapOk(folded: string, from: number, to: number, prevTokenLength: number, comma: boolean): boolean {
  if (to - from > 3 || to === from) return false;
  let newlines = 0;
  for (let i = from; i < to; i++) {
    const c = folded.charCodeAt(i);
    if (c === 0x20 || c === 0x09) continue;
    if (c === 0x0a) {
      if (++newlines > 1) return false;
      continue;
    }
    if (c === 0x27 || c === 0x2d) continue;
    if (c === 0x2c && comma) continue;
    // "U.S.", "St. Louis": a full stop only after a one-letter token
    if (c === 0x2e && prevTokenLength === 1) continue;
    return false;
  }
  return true;
}

/** Per UTF-16 code: 0 not yet known, 1 upper case letter or digit, 2 anything else. */
const UPPER_OR_DIGIT = new Uint8Array(0x10000);

/** Is this code an upper-case letter or a digit (what a 'capitalised' or upper-case 'exact' phrase may start with)? */
export function isUpperOrDigitCode(c: number): boolean {
  let k = UPPER_OR_DIGIT[c]!;
  if (k === 0) {
    const ch = String.fromCharCode(c);
    k = isUpperCode(ch) || /\p{N}/u.test(ch) ? 1 : 2;
    UPPER_OR_DIGIT[c] = k;
  }
  return k === 1;
}

function isUpperCode(s: string): boolean {
  return s !== s.toLowerCase() && s === s.toUpperCase();
}

/** Does the original text of the match respect the phrase's case rule? */
function caseOk<T>(text: string, phrase: Phrase<T>, start: number, end: number): boolean {
  if (phrase.caseRule === 'any') return true;
  const first = text[start]!;
  if (phrase.caseRule === 'capitalised') return isUpperCode(first) || /\p{N}/u.test(first);
  // exact: same letters, same case (accents aside); most misses are a lower-case word ("us", "who")
  if (first !== phrase.text[0] && isUpperCode(phrase.text[0]!)) return false;
  const written = text.slice(start, end);
  if (written === phrase.text) return true;
  const strip = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '').replace(/[\s'’.-]+/g, ' ');
  return strip(written) === strip(phrase.text);
}

/**
 * A quick "may this folded word be in the set?" by its first letter and its length, with no
 * hashing: most words of a text are ruled out by two array reads. False positives are possible
 * (the set itself decides then), false negatives never.
 */
export class WordFilter {
  /** Per first code (ASCII; 128 for any other): a bit per length (1..30, 31 for longer). */
  private readonly masks = new Uint32Array(129);

  add(word: string): void {
    if (word.length === 0) return;
    const c = word.charCodeAt(0);
    this.masks[c < 128 ? c : 128]! |= 1 << Math.min(word.length, 31);
  }

  /** Could the word of text[start, end) (folded) be in the set? */
  may(folded: string, start: number, end: number): boolean {
    const c = folded.charCodeAt(start);
    return ((this.masks[c < 128 ? c : 128]! >>> Math.min(end - start, 31)) & 1) === 1;
  }
}

// only English: in French the article is part of many names (Le Monde, La Rochelle, Le Havre)
const LEADING_ARTICLES = new Set(['the']);

export class PhraseIndex<T> {
  private readonly byFirst = new Map<string, Phrase<T>[]>();
  /** First tokens of the phrases that may start with a lower-case letter in the text. */
  private readonly lowerStarts = new Set<string>();
  private readonly lowerFilter = new WordFilter();
  private readonly firstFilter = new WordFilter();
  size = 0;

  add(text: string, caseRule: CaseRule, value: T): void {
    let tokens = phraseTokens(text);
    // "the United States", "The Guardian": matched from the name itself, so that the very frequent
    // article never starts a lookup (and never enters a mention)
    if (tokens.length > 1 && LEADING_ARTICLES.has(tokens[0]!)) {
      tokens = tokens.slice(1);
      text = text.replace(/^\S+\s+/u, '');
    }
    if (tokens.length === 0) return;
    const phrase: Phrase<T> = { text, tokens, caseRule, value, comma: text.includes(',') };
    if (caseRule === 'any' || (caseRule === 'exact' && !isUpperOrDigitCode(text.charCodeAt(0)))) {
      this.lowerStarts.add(tokens[0]!);
      this.lowerFilter.add(tokens[0]!);
    }
    this.firstFilter.add(tokens[0]!);
    const list = this.byFirst.get(tokens[0]!);
    if (list) {
      list.push(phrase);
      list.sort((a, b) => b.tokens.length - a.tokens.length);
    } else this.byFirst.set(tokens[0]!, [phrase]);
    this.size++;
  }

  /** Longest matches, left to right, never overlapping; only those starting at tokens [from, to) when given. */
  match(ft: FoldedText, from = 0, to = ft.tokens.length): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    const { tokens, folded, text } = ft;
    for (let i = from; i < to; i++) {
      const tok = tokens[i]!;
      // most words of a text start in lower case, and most phrases need a capital there
      if (isUpperOrDigitCode(text.charCodeAt(tok.start))) {
        if (!this.firstFilter.may(folded, tok.start, tok.end)) continue;
      } else if (!this.lowerFilter.may(folded, tok.start, tok.end) || !this.lowerStarts.has(tok.norm)) continue;
      const list = this.byFirst.get(tok.norm);
      if (!list) continue;
      for (const phrase of list) {
        const n = phrase.tokens.length;
        if (i + n > tokens.length) continue;
        let ok = true;
        for (let k = 1; k < n && ok; k++) {
          const tk = tokens[i + k]!;
          const prev = tokens[i + k - 1]!;
          ok = tk.norm === phrase.tokens[k] && gapOk(folded, prev.end, tk.start, prev.end - prev.start, phrase.comma);
        }
        if (!ok) continue;
        const start = tokens[i]!.start;
        let end = tokens[i + n - 1]!.end;
        // keep the final full stop of "U.S." and "Inc." when the phrase has it
        if (phrase.text.endsWith('.') && folded[end] === '.') end++;
        if (!caseOk(text, phrase, start, end)) continue;
        out.push({ start, end, phrase });
        i += n - 1;
        break;
      }
    }
    return out;
  }
}

/** The default case rule of a gazetteer name: acronyms exact, single words capitalised, long names any case. */
export function defaultCaseRule(name: string): CaseRule {
  const tokens = phraseTokens(name);
  const letters = name.replace(/[^\p{L}]/gu, '');
  if (letters.length > 0 && letters === letters.toUpperCase() && letters.length <= 8) return 'exact';
  if (/\p{Lu}/u.test(name.slice(1)) && tokens.length === 1) return 'exact'; // ArianeGroup, easyJet-like
  if (tokens.length >= 3) return 'any';
  return 'capitalised';
}

/** Folded key of a name: case, accents, punctuation and a leading article ignored. */
export function keyOf(name: string): string {
  // the same few names come back many times per release (and across releases): remembered
  let key = KEYS.get(name);
  if (key === undefined) {
    key = foldSameLength(name)
      .replace(/[^\p{L}\p{N}&]+/gu, ' ')
      .trim()
      .replace(/^(?:the|l|la|le|les) /, '');
    if (KEYS.size >= 20000) KEYS.clear();
    KEYS.set(name, key);
  }
  return key;
}
const KEYS = new Map<string, string>();

/** Index of the first token starting at or after `offset` (binary search). */
export function tokenAt(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
