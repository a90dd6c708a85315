/**
 * Figures: money, percentages, counts and measures written with digits (issue 4), in the number
 * conventions of the release's language (rules/figures/<lang>.yaml).
 *
 * How a figure is read, around each run of digits the language's number pattern finds:
 *   1. left: glued letters or a hyphen after a word ("S24", "COVID-19", "N°2") end it; then a sign
 *      ("+60"), a currency symbol or code ("€", "US$", "EUR"), a qualifier ("more than", "près de"),
 *      a reference cue ("article 12") or a name right before ("Ariane 6", "Windows 11");
 *   2. right: a range ("10 to 12", "de 10 à 12", "between 5 and 10"), a scale ("bn", "milliards"),
 *      a currency ("€", "d'euros", "12.2p"), a percent word, a unit ("kg", "ans", "-year"), or a
 *      counted plural noun ("27 member agencies"), and a trailing qualifier ("60+", "or more").
 *
 * Policy for bare numbers: a number with no currency, percent, unit or counted plural noun is not
 * reported ("Ariane 6", "in 2017", "Book 2", list numbers, street numbers, postcodes). A counted
 * noun must be plural (a singular only follows "1", which is rarely worth reporting); in English
 * up to two modifiers may come before it ("3 recent partnership examples"), in French the noun
 * comes first and plural adjectives after it ("22 États membres").
 *
 * Never figures: numbers inside date mentions (the dates stage runs first), bare years 1900-2100
 * (unless they count a plural noun after a word that is not a preposition), URLs, e-mail addresses,
 * phone numbers, clock times, numeric dates (rules.ts `blocked`; `inLink` here), ordinals ("2nd", "2ème": letters
 * glued to the number that are not a scale, currency or unit), numbers with a leading zero.
 *
 * The same (kind, value, range end, unit) is one figure with every mention, sorted by first mention.
 */
import type { Document, Figure, FigureKind, Mention } from '../../../document.js';
import type { Rules } from '../../../rules/index.js';
import { mayEndWith, wordKey, type CurrencyForm, type Form, type LanguageFigureRules } from './rules.js';

const LETTER = /[\p{L}\p{M}]/u;
const TIME_UNITS = new Set(['year', 'month', 'week', 'day', 'hour', 'minute', 'second']);
const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}_]/u;
const UPPER = /\p{Lu}/u;
/** A word with its leading spaces; at most one line break before the first word. */
const NEXT_WORD = /(?:[ \t\u00A0\u202F\u2009]+\n?|\n)?[ \t\u00A0\u202F\u2009]*([\p{L}][\p{L}\p{M}'’.-]*)/uy;
const SPACED_WORD = /[ \u00A0\u202F\u2009]+([\p{L}][\p{L}\p{M}'’.-]*)/uy;
const WORD_BEFORE = /([\p{L}][\p{L}\p{M}'’.-]*)[ \u00A0\u202F\u2009]+$/u;

const IS_LETTER = /\p{L}/u;
const IS_MARK = /\p{M}/u;

/**
 * `WORD_BEFORE.exec(s)?.[1]` read backwards from the end, without trying the regex at every
 * position: the spaces that end `s`, then the run of word characters before them, from its first letter.
 */
function wordBeforeEnd(s: string): string | undefined {
  let e = s.length;
  while (e > 0) {
    const c = s.charCodeAt(e - 1);
    if (c !== 32 && c !== 0xa0 && c !== 0x202f && c !== 0x2009) break;
    e--;
  }
  if (e === s.length) return undefined;
  let b = e;
  while (b > 0) {
    const c = s.charCodeAt(b - 1);
    if (c < 128) {
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 39 || c === 46 || c === 45) b--;
      else break;
    } else if (c >= 0xd800 && c <= 0xdfff) return WORD_BEFORE.exec(s)?.[1];
    else if (c === 0x2019 || IS_LETTER.test(s[b - 1]!) || IS_MARK.test(s[b - 1]!)) b--;
    else break;
  }
  // the word starts at the first letter of the run
  for (let i = b; i < e; i++) {
    const c = s.charCodeAt(i);
    if (c < 128 ? (c >= 97 && c <= 122) || (c >= 65 && c <= 90) : IS_LETTER.test(s[i]!)) return s.slice(i, e);
  }
  return undefined;
}

interface Candidate {
  value: number;
  valueMax?: number;
  unit: string | null;
  kind: FigureKind;
  qualifier?: string;
  form: Form;
  start: number;
  end: number;
}

/** What follows a number: scale, currency, percent, unit or counted noun, and where it ends. */
interface Suffix {
  factor: number;
  scaleKey?: string;
  currency?: CurrencyForm;
  percent?: boolean;
  unit?: string;
  hyphen?: boolean;
  noun?: string;
  end: number;
}

export function extractFigures(doc: Document, rules: Rules): void {
  const lr = rules.figures.languages.get(doc.language ?? 'en') ?? rules.figures.languages.get('en');
  if (!lr) return;
  const text = doc.text;
  const blocked = blockedSpans(doc, rules.figures.blocked);
  const candidates: Candidate[] = [];
  const names = new Map<string, boolean>();
  const scopes = headerScopes(text, lr);
  let bi = 0;
  let resumeAt = 0;
  const re = lr.number;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    if (start < resumeAt) continue;
    while (bi < blocked.length && blocked[bi]!.end <= start) bi++;
    if (bi < blocked.length && blocked[bi]!.start < end) continue;
    if (inLink(text, start, end)) continue;
    const c = readFigure(text, start, m[0], lr, blocked, bi, names, scopes);
    if (c) {
      candidates.push(c);
      resumeAt = c.end;
      if (re.lastIndex < c.end) re.lastIndex = c.end;
    }
  }
  doc.entities.figures = group(candidates, text, lr);
}

interface Span {
  start: number;
  end: number;
}

function blockedSpans(doc: Document, blocked: RegExp): Span[] {
  const spans: Span[] = [];
  for (const d of doc.entities.dates) for (const mention of d.mentions) spans.push({ start: mention.start, end: mention.end });
  blocked.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = blocked.exec(doc.text)) !== null) {
    if (m[0].length === 0) {
      blocked.lastIndex++;
      continue;
    }
    spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans.sort((a, b) => a.start - b.start || b.end - a.end);
}

const TOKEN_BREAK = /[\s<>()[\]"'’]/u;
const LINK = /:\/\/|@|^www\.|\.(?:com|org|net|fr|io|co|eu|gov|edu|int|info|biz|uk|de|ca|us|ai)(?:\/|$)/iu;

/** True when the number sits in a URL, an e-mail address or a domain name ("www.x.com/2024/12"). */
function inLink(text: string, start: number, end: number): boolean {
  let a = start;
  let b = end;
  while (a > 0 && start - a < 200 && !TOKEN_BREAK.test(text[a - 1]!)) a--;
  while (b < text.length && b - end < 200 && !TOKEN_BREAK.test(text[b]!)) b++;
  if (a === start && b === end) return false;
  return LINK.test(text.slice(a, b).replace(/[.,;:!?]+$/, ''));
}

/** Parses a number as written in the language: group separators dropped, decimal mark read. */
export function parseNumber(s: string, lr: LanguageFigureRules): number {
  let out = '';
  for (const ch of s) {
    if (ch >= '0' && ch <= '9') out += ch;
    else if (lr.decimal.has(ch)) out += '.';
    // group separators are dropped
  }
  return Number(out);
}

function scaled(n: number, factor: number): number {
  const v = n * factor;
  // an integer of at most 15 digits is its own 15-digit rounding: no string round trip
  if (v > 0 && v < 1e15 && Number.isInteger(v)) return v;
  return Number(v.toPrecision(15));
}

function readFigure(
  text: string,
  start: number,
  numText: string,
  lr: LanguageFigureRules,
  blocked: Span[],
  bi: number,
  names: Map<string, boolean>,
  scopes: HeaderScope[],
): Candidate | null {
  const end = start + numText.length;
  const prev = text[start - 1] ?? '';
  const prev2 = text[start - 2] ?? '';
  const next = text[end] ?? '';
  const next2 = text[end + 1] ?? '';

  // ---- glued to something that makes it a name, a code or a continuation
  if (prev && LETTER_OR_DIGIT.test(prev) && !isCurrencyLetterBefore(text, start, lr)) return null;
  if ((prev === '-' || prev === '/' || prev === '.' || prev === ',') && prev2 && LETTER_OR_DIGIT.test(prev2)) return null;
  if (prev === '°' || prev === 'º' || prev === '#' || prev === '№') return null;
  if ((next === '.' || next === ',' || next === ':' || next === '/') && /\d/.test(next2)) return null;
  if (/^0\d/.test(numText)) return null;
  if (prev === '(' && next === ')') return null;

  let value = parseNumber(numText, lr);
  if (!Number.isFinite(value)) return null;

  // ---- left context
  let left = start;
  let sign = '';
  const readSign = (): void => {
    const c = text[left - 1];
    if (c === '+' && !sign) {
      sign = '+';
      left--;
    } else if ((c === '-' || c === '−') && !sign && !LETTER_OR_DIGIT.test(text[left - 2] ?? '') && text[left - 2] !== '-') {
      sign = '-';
      left--;
    }
  };
  readSign();
  let currencyBefore: CurrencyForm | undefined;
  const cb = lr.currencyBefore.exec(text.slice(Math.max(0, left - 12), left));
  if (cb) {
    const form = cb[0].trim().replace(/[\u00A0\u202F\u2009]/g, '');
    currencyBefore = lr.currencies.get(form);
    if (currencyBefore) left -= cb[0].length;
    readSign();
  }
  const leftSlice = text.slice(Math.max(0, left - 48), left);
  const qm = mayEndWith(leftSlice, lr.qualifierBeforeEnds) ? lr.qualifierBefore.exec(leftSlice) : null;
  const qualifierBefore = qm ? (qm.groups?.q ?? qm.groups?.s) : undefined;
  const before = qm ? leftSlice.slice(0, qm.index) : leftSlice;
  const wordBefore = wordBeforeEnd(before);
  const wordBeforeKey = wordBefore ? wordKey(wordBefore) : undefined;
  const reference = !qm && mayEndWith(leftSlice, lr.referenceCueEnds) && lr.referenceCue.test(leftSlice);
  const afterName =
    !qm &&
    !!wordBefore &&
    UPPER.test(wordBefore[0]!) &&
    !/(?:['’]s|s['’])$/.test(wordBefore) &&
    !lr.functionWords.has(wordBeforeKey!) &&
    !lr.dateWords.has(wordBeforeKey!);
  const afterDateWord = !!wordBeforeKey && lr.dateWords.has(wordBeforeKey);

  // ---- "60+" glued right after the number
  let pos = end;
  let qualifierAfter: string | undefined;
  if (next === '+') {
    qualifierAfter = '+';
    pos++;
  }

  // ---- the suffix of the first number, then maybe a range
  const hasCurrencyBefore = !!currencyBefore;
  let suffix = readSuffix(text, pos, lr, hasCurrencyBefore, true);
  const age = lr.ageCue.test(before);
  if (!suffix && age) suffix = { factor: 1, end: pos };
  // "3, 6 and 12 months", "20, 30 and 50 days": the unit written once after the last number of a list
  if (!suffix && !qualifierAfter && !reference && !afterName) suffix = sharedListSuffix(text, start, numText, pos, lr, hasCurrencyBefore);
  // a row of a table or list under "Chiffres clés (en millions d'euros)": the heading gives scale and currency
  if (!suffix && !qualifierAfter && !hasCurrencyBefore && !isYear(numText) && !LETTER_OR_DIGIT.test(next)) {
    const scope = scopes.find((sc) => sc.start <= start && start < sc.end);
    if (scope) suffix = { factor: scope.factor, currency: scope.currency, end: pos };
  }
  let valueMax: number | undefined;
  const ownUnit = !!suffix && !!(suffix.percent || suffix.unit);
  const rangeFrom = ownUnit ? suffix!.end : pos;
  // "from 5% to 10%" is a change between two figures; "between 5% and 10%" and "10 to 12%" are ranges
  const range = qualifierAfter ? null : readRange(text, rangeFrom, before, lr, blocked, bi, hasCurrencyBefore, ownUnit);
  if (range) {
    const s1 = rangeFrom === pos ? null : suffix;
    const s2 = range.suffix ?? (age && !suffix?.unit ? { factor: 1, end: range.end } : null);
    const same = !s1 || (s2 && s1.percent === s2.percent && s1.unit === s2.unit);
    if (s2 && same && range.value > value) {
      // "10 to 12 million": the scale of the second applies to the first unless the first is already larger
      const f1 = s1 ? s1.factor : range.raw > value ? s2.factor : 1;
      value = scaled(value, f1 * (s2.currency?.factor ?? 1));
      valueMax = scaled(range.value, s2.factor * (s2.currency?.factor ?? 1));
      suffix = s2;
    } else if (!suffix && range.value > value && isYear(numText) && isYear(range.text)) {
      return null;
    }
  }
  if (valueMax === undefined && suffix) value = scaled(value, suffix.factor * (suffix.currency?.factor ?? 1));
  if (!suffix) return null;

  const currency = currencyBefore ?? suffix.currency;
  const strong = !!currency || !!suffix.percent;
  if (!strong) {
    if (reference || afterName || afterDateWord) return null;
    if (isYear(numText) && (!wordBeforeKey || lr.functionWords.has(wordBeforeKey) || lr.dateWords.has(wordBeforeKey))) return null;
    // a bare year-like number counts nothing ("2020 global revenues"): counts that large are written "2,020"
    if (isYear(numText) && !suffix.unit) return null;
    if (suffix.unit === 'hour' && lr.timeCue.test(before)) return null;
    if (/^\d{5}$/.test(numText) && suffix.noun && UPPER.test(suffix.noun[0]!)) return null;
    if (suffix.noun && usedAsName(text, numText, lr, names)) return null;
    // eight digits or more without group separators: a phone number or an identifier, never a count
    if (/^\d{8,}$/.test(numText)) return null;
    if (isStreet(text, end, lr)) return null;
  }

  let figEnd = suffix.end;
  if (!qualifierAfter) {
    lr.qualifierAfter.lastIndex = figEnd;
    const qa = lr.qualifierAfter.exec(text);
    if (qa && (qa.groups?.plus || suffix.noun === undefined)) {
      qualifierAfter = qa.groups?.plus ?? qa.groups?.q;
      if (qa.groups?.plus) figEnd = qa.index + qa[0].length;
      // "60+ partnerships" already took the noun; "$25 million+" ends the figure at the "+"
    }
  }

  let kind: FigureKind;
  let unit: string | null;
  let form: Form;
  if (currency) {
    kind = 'money';
    unit = currency.code;
    if (currencyBefore) form = currencyBefore.kind === 'code' ? 'money-code' : 'money-symbol-before';
    else if (currency.kind === 'minor') form = 'money-minor';
    else if (currency.kind === 'code') form = 'money-code';
    else if (currency.kind === 'word') form = 'money-word';
    else form = 'money-symbol-after';
  } else if (suffix.percent) {
    kind = 'percent';
    unit = '%';
    form = 'percent';
  } else if (suffix.unit) {
    kind = 'measure';
    unit = suffix.unit;
    form = suffix.hyphen ? 'measure-hyphen' : age && unit === 'year' ? 'measure-age' : 'measure-unit';
  } else if (suffix.noun && lr.pointWords.has(wordKey(suffix.noun)) && speaksInPercent(text, start, suffix.end)) {
    // "+3 points" in a sentence about a rate in percent: percentage points, unit "%" (conventions)
    kind = 'percent';
    unit = '%';
    form = 'percent';
  } else if (suffix.noun) {
    kind = 'count';
    unit = suffix.noun;
    form = 'count-noun';
  } else if (suffix.scaleKey === undefined && age) {
    kind = 'measure';
    unit = 'year';
    form = 'measure-age';
  } else return null;
  if (!lr.ruleIds.has(form)) return null;

  if (sign === '-') {
    value = -value;
    if (valueMax !== undefined) valueMax = -valueMax;
  }
  let qualifier = qualifierBefore ?? (sign === '+' ? '+' : undefined) ?? qualifierAfter;
  // "spent over 8 years" is a period, "over 20 years of experience" and "for over 30 years" a quantity
  if (qualifier && kind === 'measure' && TIME_UNITS.has(unit!) && lr.periodQualifiers.has(wordKey(qualifier))) {
    if (!lr.quantityAfterPeriod.test(text.slice(figEnd, figEnd + 6)) && !lr.quantityBeforePeriod.test(before)) qualifier = undefined;
  }
  const c: Candidate = { value, unit, kind, form, start: left, end: figEnd };
  if (valueMax !== undefined) c.valueMax = valueMax;
  if (qualifier) c.qualifier = qualifier;
  return c;
}

/** The rows under a heading that gives the unit of their numbers ("Key figures (in € millions)"). */
interface HeaderScope {
  start: number;
  end: number;
  factor: number;
  currency: CurrencyForm;
}

const HEADER = /\(([^()\n]{1,40})\)[ \t]*:?[ \t]*\n/g;
const HEADER_TOKEN = /[€$£¥]|[\p{L}][\p{L}.]*/gu;
/** A row of a list or table: a bullet, a label with a colon or a cell, and a number. */
const ROW = /^[ \t]*(?:[-*•|]|[^\n:|]{1,80}[:|\t])[^\n]*\d/u;

/**
 * Headings that give the scale and currency of the numbers below them: "(en millions d'euros)",
 * "(in € millions)", "($ in thousands)" closing a line, followed by rows of a list or table. The
 * scope runs over those rows (one blank line allowed right after the heading) and stops at the
 * first line that is not a row.
 */
function headerScopes(text: string, lr: LanguageFigureRules): HeaderScope[] {
  const scopes: HeaderScope[] = [];
  HEADER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = HEADER.exec(text)) !== null) {
    let currency: CurrencyForm | undefined;
    let factor = 1;
    for (const tok of m[1]!.match(HEADER_TOKEN) ?? []) {
      const c = lr.currencies.get(tok) ?? lr.currencies.get(wordKey(tok));
      if (c && !currency && c.kind !== 'minor') currency = c;
      const sc = lr.scales.get(tok) ?? lr.scales.get(wordKey(tok));
      if (sc && factor === 1) factor = sc.factor;
    }
    if (!currency) continue;
    const start = m.index + m[0].length;
    let end = start;
    let p = start;
    for (let line = 0; line < 40 && p < text.length; line++) {
      const nl = text.indexOf('\n', p);
      const lineEnd = nl < 0 ? text.length : nl;
      const row = text.slice(p, lineEnd);
      if (!row.trim() && line === 0) {
        p = lineEnd + 1;
        continue;
      }
      if (!ROW.test(row)) break;
      end = lineEnd;
      p = lineEnd + 1;
    }
    if (end > start) scopes.push({ start, end, factor, currency });
  }
  return scopes;
}

/** True when the sentence around a figure holds a percentage ("45%", "12,5 %", "per cent"). */
function speaksInPercent(text: string, start: number, end: number): boolean {
  let a = start;
  let b = end;
  while (a > 0 && start - a < 200 && !/[.!?\n]/.test(text[a - 1]!)) a--;
  while (b < text.length && b - end < 200 && !/[!?\n]/.test(text[b]!) && !(text[b] === '.' && !/\d/.test(text[b + 1] ?? ''))) b++;
  const sentence = text.slice(a, b);
  for (let i = sentence.indexOf('%'); i >= 0; i = sentence.indexOf('%', i + 1)) if (/\d[\s\u00A0\u202F]?$/.test(sentence.slice(0, i))) return true;
  return /(?:per ?cent|pour ?cent|pourcentage)/iu.test(sentence);
}

const hasDecimal = (num: string, lr: LanguageFigureRules): boolean => [...num].some((ch) => lr.decimal.has(ch) && !lr.group.has(ch));

/** Reads the unit of a list written once after its last number ("3, 6 and 12 months"); the figure keeps its own end. */
function sharedListSuffix(text: string, start: number, first: string, pos: number, lr: LanguageFigureRules, hasCurrencyBefore: boolean): Suffix | null {
  const pos0 = start;
  let p = pos;
  for (let i = 0; i < 6; i++) {
    lr.listJoin.lastIndex = p;
    const j = lr.listJoin.exec(text);
    if (!j) return null;
    lr.numberAt.lastIndex = p + j[0].length;
    const n = lr.numberAt.exec(text);
    if (!n) return null;
    const end = n.index + n[0].length;
    if (LETTER_OR_DIGIT.test(text[end] ?? '') && !LETTER.test(text[end] ?? '')) return null;
    // the numbers of one list are written alike: "40 and 3.75%" or "2,934 or 88.1%" are two figures
    if (hasDecimal(n[0], lr) !== hasDecimal(text.slice(pos0, pos0 + first.length), lr)) return null;
    const s = readSuffix(text, end, lr, hasCurrencyBefore, true);
    if (s) return s.noun !== undefined && !s.unit ? null : { ...s, end: pos };
    p = end;
  }
  return null;
}

/**
 * A number the release also writes as a name or code ("Form 1099", "1099-NEC", "W2 and 1099"):
 * its other uses ("1099 electronic filing capabilities") count nothing. Only for plain digits
 * (a count written "1,099" is a count). Cached per release in `names`.
 */
function usedAsName(text: string, numText: string, lr: LanguageFigureRules, names: Map<string, boolean>): boolean {
  if (!/^\d{3,}$/.test(numText)) return false;
  const known = names.get(numText);
  if (known !== undefined) return known;
  let named = false;
  for (let i = text.indexOf(numText); i >= 0 && !named; i = text.indexOf(numText, i + 1)) {
    const after = text.slice(i + numText.length, i + numText.length + 2);
    if (LETTER_OR_DIGIT.test(text[i - 1] ?? '') || /^\d/.test(after)) continue;
    const rest = text.slice(i + numText.length, i + numText.length + 40);
    named =
      /^-\p{Lu}(?:[\p{Lu}\d]|(?!\p{L}))/u.test(rest) ||
      // "the 911 Turbo as well": a capitalised singular word after the number, then a short word or a stop
      /^[ \u00A0]\p{Lu}\p{Ll}+(?<!s)(?=[ \u00A0]\p{Ll}{1,4}[ \u00A0]|[,.;:!?)])/u.test(rest) ||
      lr.codeCue.test(text.slice(Math.max(0, i - 48), i));
  }
  names.set(numText, named);
  return named;
}

/** A currency written with letters right before the number ("US$5", "EUR5") is not a name. */
function isCurrencyLetterBefore(text: string, start: number, lr: LanguageFigureRules): boolean {
  const m = lr.currencyBefore.exec(text.slice(Math.max(0, start - 6), start));
  return !!m && m[0].length > 0;
}

function isYear(numText: string): boolean {
  if (!/^\d{4}$/.test(numText)) return false;
  const y = Number(numText);
  return y >= 1900 && y <= 2100;
}

/** "123 Main Street", "10 W Harbor Blvd", "18 avenue Edouard Belin": up to three capitalised words, then a street word. */
function isStreet(text: string, pos: number, lr: LanguageFigureRules): boolean {
  let p = pos;
  for (let i = 0; i < 4; i++) {
    SPACED_WORD.lastIndex = p;
    const m = SPACED_WORD.exec(text);
    if (!m) return false;
    const w = m[1]!;
    // after other words the street word is capitalised ("10 W Harbor Blvd"); "a 128 GB drive" is no street
    if ((i === 0 || UPPER.test(w[0]!)) && (lr.streetWords.has(wordKey(w)) || lr.streetWords.has(wordKey(w.replace(/\.$/, ''))))) return true;
    if (!UPPER.test(w[0]!)) return false;
    p = m.index + m[0].length;
  }
  return false;
}

interface Range {
  end: number;
  value: number;
  raw: number;
  text: string;
  suffix: Suffix | null;
}

/** "10 to 12", "10-12", "de 10 à 12", "between 5 and 10": the second number and its suffix. */
function readRange(
  text: string,
  pos: number,
  before: string,
  lr: LanguageFigureRules,
  blocked: Span[],
  bi: number,
  hasCurrencyBefore: boolean,
  pairsOnly: boolean,
): Range | null {
  let at = -1;
  lr.rangeJoin.lastIndex = pos;
  const j = pairsOnly ? null : lr.rangeJoin.exec(text);
  if (j) at = j.index + j[0].length;
  else {
    for (const pair of lr.rangePairs) {
      if (!pair.open.test(before)) continue;
      pair.join.lastIndex = pos;
      const pj = pair.join.exec(text);
      if (pj) {
        at = pj.index + pj[0].length;
        break;
      }
    }
  }
  if (at < 0) return null;
  // an optional currency repeated before the second number: "€5m-€10m", "$5 to $10"
  let numStart = at;
  const m2 = /^(?:[€$£¥]|US\$)/u.exec(text.slice(at, at + 3));
  if (m2 && hasCurrencyBefore) numStart += m2[0].length;
  lr.numberAt.lastIndex = numStart;
  const n = lr.numberAt.exec(text);
  if (!n) return null;
  const end = numStart + n[0].length;
  for (let i = bi; i < blocked.length && blocked[i]!.start < end; i++) if (blocked[i]!.end > numStart) return null;
  if (LETTER.test(text[end] ?? '') && !/^(?:bn|m|k|M|K|B|Md|Mds)/u.test(text.slice(end, end + 3))) {
    // ordinals and names ("2nd") end the range; glued scales continue it
    if (!readSuffix(text, end, lr, hasCurrencyBefore, true)) return null;
  }
  if (/[.,:/]\d/.test(text.slice(end, end + 2))) return null;
  const raw = parseNumber(n[0], lr);
  return { end, value: raw, raw, text: n[0], suffix: readSuffix(text, end, lr, hasCurrencyBefore, true) };
}

/**
 * Reads what follows a number from `pos`: [scale] [currency | percent | unit | counted noun].
 * A money-only scale ("m", "M", "k") without a currency is dropped and the rest read again ("12 m").
 */
function readSuffix(text: string, pos: number, lr: LanguageFigureRules, hasCurrencyBefore: boolean, allowNoun: boolean): Suffix | null {
  const gluedLetter = LETTER.test(text[pos] ?? '');
  lr.scale.lastIndex = pos;
  const sm = lr.scale.exec(text);
  if (sm) {
    const key = sm.groups?.abbr ?? wordKey(sm.groups?.word ?? '');
    const sc = lr.scales.get(key);
    if (sc) {
      const after = sm.index + sm[0].length;
      const rest = readAfterScale(text, after, lr, hasCurrencyBefore, allowNoun, true);
      // a money-only scale ("m", "K") glued to the number also scales a count: "7.5K views", "12M users"
      if (rest && (!sc.moneyOnly || hasCurrencyBefore || rest.currency || (rest.noun && sm.index === pos && LETTER.test(sm[0][0]!)))) return { ...rest, factor: sc.factor, scaleKey: key };
      if (!sc.moneyOnly && !rest) {
        // "2 million" alone is still a number worth keeping only with a currency before it
        if (hasCurrencyBefore) return { factor: sc.factor, scaleKey: key, end: after };
        return null;
      }
      if (sc.moneyOnly && hasCurrencyBefore) return { factor: sc.factor, scaleKey: key, end: after };
    }
  }
  const rest = readAfterScale(text, pos, lr, hasCurrencyBefore, allowNoun, false);
  if (rest) {
    // letters glued to the number must be a unit, a currency or a scale ("2nd", "5G" are not)
    if (gluedLetter && rest.noun !== undefined) return null;
    return rest;
  }
  if (gluedLetter) return null;
  if (hasCurrencyBefore) return { factor: 1, end: pos };
  return null;
}

function readAfterScale(text: string, pos: number, lr: LanguageFigureRules, hasCurrencyBefore: boolean, allowNoun: boolean, afterScale: boolean): Suffix | null {
  // currency after ("€", "EUR", "d'euros", "12.2p")
  lr.currencyAfter.lastIndex = pos;
  const cm = lr.currencyAfter.exec(text);
  if (cm && !hasCurrencyBefore) {
    const g = cm.groups ?? {};
    let c: CurrencyForm | undefined;
    // "50 $UXLINK tokens": a symbol glued to letters is a ticker, not the currency of the number
    if (g.symbol) c = LETTER.test(text[cm.index + cm[0].length] ?? '') ? undefined : lr.currencies.get(g.symbol);
    else if (g.code) c = lr.currencies.get(g.code);
    else if (g.glued) c = cm[0] === g.glued && !afterScale ? lr.currencies.get(`minor:${g.glued}`) : undefined;
    else if (g.minor) c = afterScale ? undefined : lr.currencies.get(`minor:${wordKey(g.minor)}`);
    else if (g.word) c = (g.link || g.link2) && !afterScale ? undefined : lr.currencies.get(wordKey(g.word));
    if (c) return { factor: 1, currency: c, end: cm.index + cm[0].length };
  }
  if (hasCurrencyBefore) {
    // "$5 million USD": a repeated code is part of the figure
    if (cm?.groups?.code) return { factor: 1, end: cm.index + cm[0].length };
    return null;
  }
  if (!afterScale) {
    lr.percent.lastIndex = pos;
    const pm = lr.percent.exec(text);
    if (pm) return { factor: 1, percent: true, end: pm.index + pm[0].length };
    lr.hyphenUnit.lastIndex = pos;
    const hm = lr.hyphenUnit.exec(text);
    if (hm) {
      const u = lr.units.get(`sym:${hm.groups!.word}`) ?? lr.units.get(wordKey(hm.groups!.word!));
      if (u) return { factor: 1, unit: u, hyphen: true, end: hm.index + hm[0].length };
    }
  }
  lr.unit.lastIndex = pos;
  const um = lr.unit.exec(text);
  if (um) {
    const g = um.groups ?? {};
    const linked = !!(g.link || g.link2);
    if (!linked || afterScale) {
      const u = g.symbol ? lr.units.get(`sym:${g.symbol}`) : lr.units.get(wordKey(g.word ?? ''));
      if (u) return { factor: 1, unit: u, end: um.index + um[0].length };
    }
  }
  if (!allowNoun && !afterScale) return null;
  let np = pos;
  if (afterScale) {
    lr.scaleLink.lastIndex = pos;
    const lm = lr.scaleLink.exec(text);
    if (lm) np = lm.index + lm[0].length;
  }
  const noun = readNoun(text, np, lr);
  if (noun) return { factor: 1, noun: noun.text, end: noun.end };
  return null;
}

function isPlural(key: string, lr: LanguageFigureRules): boolean {
  if (lr.irregularPlurals.has(key)) return true;
  if (key.length < 3 || lr.countStopWords.has(key)) return false;
  if (lr.language === 'fr') return /[sx]$/.test(key);
  return /s$/.test(key) && !/(?:ss|us|is)$/.test(key);
}

const PARTICIPLE_FR = /(?:is|us|és|ées|(?<!q)ues|ies)$/u;
const ACRONYM = /^\p{Lu}[\p{Lu}\d]+s?$/u;

/** The counted noun after a number: up to three words, ending with (en) or starting with (fr) a plural noun. */
function readNoun(text: string, pos: number, lr: LanguageFigureRules): { text: string; end: number } | null {
  const words: Array<{ w: string; start: number; end: number }> = [];
  let p = pos;
  for (let i = 0; i < 3; i++) {
    const re = i === 0 ? NEXT_WORD : SPACED_WORD;
    re.lastIndex = p;
    const m = re.exec(text);
    if (!m) break;
    const raw = m[1]!;
    // "U.S." keeps its dots and goes on; "examples." ends the sentence
    const abbreviation = /\p{L}\.\p{L}/u.test(raw);
    const w = abbreviation ? raw : raw.replace(/[.'’-]+$/, '');
    const wEnd = m.index + m[0].length - (raw.length - w.length);
    words.push({ w, start: wEnd - w.length, end: wEnd });
    p = wEnd;
    if (!/^[ \u00A0\u202F\u2009]/.test(text.slice(p, p + 1))) break;
  }
  if (!words.length) return null;
  const take = (from: number, to: number) => ({ text: text.slice(words[from]!.start, words[to]!.end), end: words[to]!.end });
  const plural = (w: string) => !ACRONYM.test(w) && !w.includes('.') && isPlural(wordKey(w), lr) && !lr.dateWords.has(wordKey(w));
  const blocked = (w: string) => {
    const k = wordKey(w);
    return lr.functionWords.has(k) || lr.countStopWords.has(k) || lr.dateWords.has(k);
  };
  if (lr.language === 'fr') {
    let first = 0;
    if (lr.preNounAdjectives.has(wordKey(words[0]!.w)) && words[1] && plural(words[1].w)) first = 1;
    if (!plural(words[first]!.w)) return null;
    let last = first;
    // plural adjectives follow the noun ("États membres"); participles do not belong to it ("salariés répartis")
    while (last + 1 < words.length && plural(words[last + 1]!.w) && !blocked(words[last + 1]!.w) && !PARTICIPLE_FR.test(words[last + 1]!.w)) last++;
    return take(0, last);
  }
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!.w;
    if (plural(w)) {
      let last = i;
      while (last + 1 < words.length && plural(words[last + 1]!.w) && !blocked(words[last + 1]!.w)) last++;
      return take(0, last);
    }
    if (blocked(w) || w.length < 2) return null;
  }
  return null;
}

function group(candidates: Candidate[], text: string, lr: LanguageFigureRules): Figure[] {
  const byKey = new Map<string, Figure>();
  const out: Figure[] = [];
  for (const c of candidates) {
    const unitKey = c.kind === 'count' ? wordKey(c.unit ?? '') : (c.unit ?? '');
    const key = `${c.kind}|${c.value}|${c.valueMax ?? ''}|${unitKey}`;
    const mention: Mention = { start: c.start, end: c.end };
    const hit = byKey.get(key);
    if (hit) {
      hit.mentions.push(mention);
      if (!hit.qualifier && c.qualifier) hit.qualifier = c.qualifier;
      continue;
    }
    const f: Figure = { value: c.value, unit: c.unit, kind: c.kind, text: text.slice(c.start, c.end), mentions: [mention] };
    if (c.valueMax !== undefined) f.valueMax = c.valueMax;
    if (c.qualifier) f.qualifier = c.qualifier;
    f.rule = lr.ruleIds.get(c.form);
    byKey.set(key, f);
    out.push(f);
  }
  return out.sort((a, b) => a.mentions[0]!.start - b.mentions[0]!.start);
}
