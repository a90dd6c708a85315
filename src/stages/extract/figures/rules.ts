/**
 * Rules of the figures stage, loaded once from rules/figures/ at start-up:
 *   <lang>.yaml       number format, scale words, percent words, qualifiers, cues, rule ids
 *   currencies.yaml   ISO 4217 codes with their symbols, letter codes and words per language
 *   units.yaml        units of measure with their canonical name, symbols and words
 * Every regex the extractor needs is compiled here, once; extract.ts only runs them.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Language } from '../../../document.js';
import { readRuleFile, RuleError, type Schema } from '../../../rules/load.js';
import { WORD_END, WORD_START, alternation, escapeRegExp, fold } from '../../../text/unicode.js';

/** The productions of extract.ts; each language's file maps the ones it uses to rule ids. */
export const FORMS = [
  'money-symbol-before',
  'money-symbol-after',
  'money-code',
  'money-word',
  'money-minor',
  'percent',
  'measure-unit',
  'measure-hyphen',
  'measure-age',
  'count-noun',
] as const;
export type Form = (typeof FORMS)[number];

/** What a currency form stands for: the ISO code and the factor to the main unit (0.01 for pence). */
export interface CurrencyForm {
  code: string;
  factor: number;
  kind: 'symbol' | 'code' | 'word' | 'minor';
}

export interface ScaleForm {
  factor: number;
  moneyOnly: boolean;
}

/** Compiled rules of one language. Sticky regexes (`y`) are run at a given offset with lastIndex. */
export interface LanguageFigureRules {
  language: Language;
  /** Finds candidate numbers (global). */
  number: RegExp;
  /** The same, sticky: a number exactly at lastIndex. */
  numberAt: RegExp;
  decimal: Set<string>;
  group: Set<string>;
  /** Sticky: optional space, scale word. */
  scale: RegExp;
  scales: Map<string, ScaleForm>;
  /** Sticky: optional space, optional link ("de", "d'"), then a currency symbol, code, word or minor unit. */
  currencyAfter: RegExp;
  /** Anchored at the end of a slice: a currency symbol or code written before the number. */
  currencyBefore: RegExp;
  currencies: Map<string, CurrencyForm>;
  /** Sticky: optional space, percent word. */
  percent: RegExp;
  /** Sticky: optional space or link, unit symbol or word. */
  unit: RegExp;
  /** Sticky: hyphen then a unit that allows the hyphen form ("20-year"). */
  hyphenUnit: RegExp;
  units: Map<string, string>;
  /** Anchored at the end of a slice. */
  qualifierBefore: RegExp;
  /** What a slice must end with for `qualifierBefore` to match (see `mayEndWith`). */
  qualifierBeforeEnds: EndFilter[];
  /** Sticky. */
  qualifierAfter: RegExp;
  /** Sticky: joiner then a number start ("to 12", "-12", "à 12"). */
  rangeJoin: RegExp;
  /** Sticky: the separator between two numbers of a list that share one unit ("3, 6 and 12 months"). */
  listJoin: RegExp;
  /** Counted nouns that are percentage points when the sentence speaks in percent ("+3 points" next to "45 %"). */
  pointWords: Set<string>;
  /** Anchored at the end of a slice: a word that makes the next number a code ("Form 1099", "Section 1031"). */
  codeCue: RegExp;
  /** Pairs such as between/and: opener anchored at the end of a slice, and the sticky joiner for each. */
  rangePairs: Array<{ open: RegExp; join: RegExp }>;
  ageCue: RegExp;
  /** Qualifiers that before a duration mean "during" unless a cue says "more than" ("over 8 years"). */
  periodQualifiers: Set<string>;
  /** Sticky-free: tested on the few characters after the figure (" of"). */
  quantityAfterPeriod: RegExp;
  /** Anchored at the end of the text before the qualifier ("for "). */
  quantityBeforePeriod: RegExp;
  referenceCue: RegExp;
  /** What a slice must end with for `referenceCue` to match (see `mayEndWith`). */
  referenceCueEnds: EndFilter[];
  timeCue: RegExp;
  dateWords: Set<string>;
  streetWords: Set<string>;
  irregularPlurals: Set<string>;
  countStopWords: Set<string>;
  functionWords: Set<string>;
  preNounAdjectives: Set<string>;
  /** Sticky: a link word between a scale and what follows ("de", "d'"), or never matching. */
  scaleLink: RegExp;
  ruleIds: Map<Form, string>;
}

export interface FigureRules {
  languages: Map<Language, LanguageFigureRules>;
  /** Spans that never hold figures: phone numbers, times, numeric dates (URLs and e-mail addresses: see `inLink`). */
  blocked: RegExp;
}

// ------------------------------------------------------------------ schemas

const stringList: Schema = { type: 'array', items: { type: 'string', minLength: 1 } };

const languageSchema: Schema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'language',
    'number',
    'scales',
    'scaleLinks',
    'percent',
    'qualifiersBefore',
    'qualifiersAfter',
    'rangeJoiners',
    'rangePairs',
    'ageCues',
    'periodQualifiers',
    'unitModifiers',
    'referenceCues',
    'timeCues',
    'listJoiners',
    'pointWords',
    'codeCues',
    'dateWords',
    'streetWords',
    'irregularPlurals',
    'countStopWords',
    'functionWords',
    'preNounAdjectives',
    'rules',
  ],
  properties: {
    language: { enum: ['en', 'fr'] },
    number: {
      type: 'object',
      additionalProperties: false,
      required: ['decimal', 'group'],
      properties: {
        decimal: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 1 } },
        group: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 1 } },
      },
    },
    scales: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['words', 'factor'],
        properties: {
          words: stringList,
          factor: { type: 'number', exclusiveMinimum: 0 },
          abbreviation: { type: 'boolean' },
          moneyOnly: { type: 'boolean' },
        },
      },
    },
    scaleLinks: stringList,
    percent: stringList,
    qualifiersBefore: stringList,
    qualifiersAfter: stringList,
    rangeJoiners: stringList,
    rangePairs: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['open', 'join'],
        properties: { open: { type: 'string', minLength: 1 }, join: { type: 'string', minLength: 1 } },
      },
    },
    ageCues: stringList,
    periodQualifiers: {
      type: 'object',
      additionalProperties: false,
      required: ['words', 'quantityAfter', 'quantityBefore'],
      properties: { words: stringList, quantityAfter: stringList, quantityBefore: stringList },
    },
    unitModifiers: stringList,
    referenceCues: stringList,
    timeCues: stringList,
    listJoiners: stringList,
    pointWords: stringList,
    codeCues: stringList,
    dateWords: stringList,
    streetWords: stringList,
    irregularPlurals: stringList,
    countStopWords: stringList,
    functionWords: stringList,
    preNounAdjectives: stringList,
    rules: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'form'],
        properties: {
          id: { type: 'string', pattern: '^figure\\.[a-z]{2}\\.[a-z-]+(\\.[a-z-]+)*$' },
          form: { enum: [...FORMS] },
        },
      },
    },
  },
};

const perLanguageWords: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: { en: stringList, fr: stringList },
};

const currenciesSchema: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['currencies'],
  properties: {
    currencies: {
      type: 'object',
      propertyNames: { pattern: '^[A-Z]{3}$' },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['symbols', 'codes', 'words'],
        properties: {
          symbols: stringList,
          codes: stringList,
          words: perLanguageWords,
          minor: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['words', 'factor'],
              properties: { words: stringList, factor: { type: 'number', exclusiveMinimum: 0 }, glued: { type: 'boolean' } },
            },
          },
        },
      },
    },
  },
};

const unitsSchema: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['units'],
  properties: {
    units: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['unit', 'symbols', 'words', 'hyphen'],
        properties: {
          unit: { type: 'string', minLength: 1 },
          symbols: stringList,
          words: perLanguageWords,
          hyphen: { type: 'boolean' },
        },
      },
    },
  },
};

interface LanguageFile {
  language: Language;
  number: { decimal: string[]; group: string[] };
  scales: Array<{ words: string[]; factor: number; abbreviation?: boolean; moneyOnly?: boolean }>;
  scaleLinks: string[];
  percent: string[];
  qualifiersBefore: string[];
  qualifiersAfter: string[];
  rangeJoiners: string[];
  rangePairs: Array<{ open: string; join: string }>;
  ageCues: string[];
  periodQualifiers: { words: string[]; quantityAfter: string[]; quantityBefore: string[] };
  unitModifiers: string[];
  referenceCues: string[];
  timeCues: string[];
  listJoiners: string[];
  pointWords: string[];
  codeCues: string[];
  dateWords: string[];
  streetWords: string[];
  irregularPlurals: string[];
  countStopWords: string[];
  functionWords: string[];
  preNounAdjectives: string[];
  rules: Array<{ id: string; form: Form }>;
}

interface CurrencyEntry {
  symbols: string[];
  codes: string[];
  words: Partial<Record<Language, string[]>>;
  minor?: Array<{ words: string[]; factor: number; glued?: boolean }>;
}
interface CurrenciesFile {
  currencies: Record<string, CurrencyEntry>;
}
interface UnitsFile {
  units: Array<{ unit: string; symbols: string[]; words: Partial<Record<Language, string[]>>; hyphen: boolean }>;
}

// ------------------------------------------------------------------ helpers

/** Spaces allowed inside a figure: ordinary, no-break, narrow no-break, thin. */
export const SPACE = '[ \\u00A0\\u202F\\u2009]';
const OPT_SPACE = `${SPACE}?`;

/** The key a matched word is looked up with: case and accents folded, spaces and apostrophes unified. */
export function wordKey(s: string): string {
  // ASCII without spaces (most words): folding is lower-casing
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || c <= 32) {
      ascii = false;
      break;
    }
  }
  if (ascii) return s.toLowerCase();
  return fold(s).replace(/[\s\u00A0\u202F\u2009]+/g, ' ').replace(/’/g, "'");
}

/** Every form with a straight apostrophe also matches with a curly one, and the reverse. */
function withApostrophes(words: string[]): string[] {
  const out = new Set<string>();
  for (const w of words) {
    out.add(w);
    out.add(w.replace(/'/g, '’'));
    out.add(w.replace(/’/g, "'"));
  }
  return [...out];
}

/**
 * A necessary condition for a regex anchored at the end of a slice, read at load time from its
 * literals: without its trailing spaces (between `minSpaces` and `maxSpaces` of them), the slice
 * ends with one of `tails` (the last word of each literal, in lower case, "’" read as "'").
 * Testing it is a few character comparisons; an end-anchored regex is tried at every position.
 */
export interface EndFilter {
  /** The tails by their last character code (0: an empty tail, which anything ends with). */
  byLast: Map<number, string[]>;
  minSpaces: number;
  maxSpaces: number;
}

function endFilter(words: string[], minSpaces: number, maxSpaces: number): EndFilter {
  const byLast = new Map<number, string[]>();
  for (const tail of new Set(words.map((w) => w.split(' ').pop()!.toLowerCase().replace(/’/g, "'")))) {
    const last = tail.length ? tail.charCodeAt(tail.length - 1) : 0;
    byLast.set(last, [...(byLast.get(last) ?? []), tail]);
  }
  return { byLast, minSpaces, maxSpaces };
}

const isFilterSpace = (c: number) => c === 32 || c === 0xa0 || c === 0x202f || c === 0x2009;

/** Lower case for the comparison of `mayEndWith`, "’" as "'"; -1 where it cannot decide (beyond Latin-1). */
function lowerForTail(c: number): number {
  if (c < 0x80) return c >= 65 && c <= 90 ? c + 32 : c;
  if (c === 0x2019) return 39;
  if (c >= 0x100 || c === 0xb5) return -1;
  return c >= 0xc0 && c <= 0xde && c !== 0xd7 ? c + 32 : c;
}

/** False only when the regex the filters were read from cannot match `s` (true when unsure). */
export function mayEndWith(s: string, filters: EndFilter[]): boolean {
  let spaces = 0;
  while (spaces < s.length && isFilterSpace(s.charCodeAt(s.length - 1 - spaces))) spaces++;
  for (const f of filters) {
    if (spaces < f.minSpaces || spaces > f.maxSpaces) continue;
    const e = s.length - spaces;
    if (f.byLast.has(0)) return true;
    if (e === 0) continue;
    const last = lowerForTail(s.charCodeAt(e - 1));
    if (last < 0) return true;
    const tails = f.byLast.get(last);
    if (!tails) continue;
    for (const tail of tails) {
      if (tail.length > e) continue;
      let k = tail.length;
      for (; k > 0; k--) {
        const c = lowerForTail(s.charCodeAt(e - tail.length + k - 1));
        if (c < 0) return true;
        if (c !== tail.charCodeAt(k - 1)) break;
      }
      if (k === 0) return true;
    }
  }
  return false;
}

/** A literal whose inner spaces match any space kind. */
/** Alternation of literals, longest first, each with flexible inner spaces. */
function alt(words: Iterable<string>): string {
  return alternation(words)
    .split('|')
    .map((w) => w.replace(/ /g, `${SPACE}+`))
    .join('|');
}

/** Case-insensitive alternation ("(?i:...)" needs a newer V8): each letter becomes "[xX]". */
function ialt(words: Iterable<string>): string {
  return alternation(words)
    .split('|')
    .map((w) =>
      w
        .replace(/\p{L}/gu, (c) => {
          const lo = c.toLowerCase();
          const up = c.toUpperCase();
          return lo === up || lo.length !== 1 || up.length !== 1 ? c : `[${lo}${up}]`;
        })
        .replace(/ /g, `${SPACE}+`),
    )
    .join('|');
}

/** Closes a literal with a word end only when it ends with a letter or digit ("bn" yes, "€" or "No." no). */
function closed(words: string[], insensitive = false): string {
  const a = insensitive ? ialt : alt;
  const wordy = words.filter((w) => /[\p{L}\p{N}]$/u.test(w));
  const other = words.filter((w) => !/[\p{L}\p{N}]$/u.test(w));
  const parts: string[] = [];
  if (wordy.length) parts.push(`(?:${a(wordy)})${WORD_END}`);
  if (other.length) parts.push(`(?:${a(other)})`);
  return parts.length ? parts.join('|') : '(?!)';
}

/** Opens a literal with a word start when it begins with a letter. */
function opened(words: string[], insensitive = false): string {
  const a = insensitive ? ialt : alt;
  const wordy = words.filter((w) => /^[\p{L}\p{N}]/u.test(w));
  const other = words.filter((w) => !/^[\p{L}\p{N}]/u.test(w));
  const parts: string[] = [];
  if (wordy.length) parts.push(`${WORD_START}(?:${a(wordy)})`);
  if (other.length) parts.push(`(?:${a(other)})`);
  return parts.length ? parts.join('|') : '(?!)';
}

function keySet(words: string[]): Set<string> {
  return new Set(withApostrophes(words).map(wordKey));
}

/** Builds the number pattern of a language: grouped forms first, then plain digits with a decimal part. */
function numberPattern(decimal: string[], group: string[]): string {
  const dec = decimal.length ? `(?:[${decimal.map(escapeRegExp).join('')}]\\d+)?` : '';
  const grouped = group.map((g) => `\\d{1,3}(?:${escapeRegExp(g)}\\d{3}(?!\\d))+`);
  const groupedAny = grouped.length ? `(?:${grouped.join('|')})${dec}|` : '';
  return `(?:${groupedAny}\\d+${dec})`;
}

// ------------------------------------------------------------------ loading

export function loadFigureRules(rulesDir: string): FigureRules {
  const dir = join(rulesDir, 'figures');
  const currencies = readRuleFile<CurrenciesFile>(join(dir, 'currencies.yaml'), currenciesSchema).data.currencies;
  const units = readRuleFile<UnitsFile>(join(dir, 'units.yaml'), unitsSchema).data.units;
  const languages = new Map<Language, LanguageFigureRules>();
  for (const name of readdirSync(dir).sort()) {
    const m = /^([a-z]{2})\.yaml$/.exec(name);
    if (!m) continue;
    const file = readRuleFile<LanguageFile>(join(dir, name), languageSchema);
    if (file.data.language !== m[1]) file.fail(['language'], `language "${file.data.language}" does not match the file name ${name}`);
    languages.set(file.data.language, compileLanguage(file.data, currencies, units, file.file, file.fail));
  }
  return { languages, blocked: compileBlocked() };
}

function compileLanguage(
  data: LanguageFile,
  currencyData: Record<string, CurrencyEntry>,
  unitData: UnitsFile['units'],
  file: string,
  fail: (path: Array<string | number>, problem: string) => never,
): LanguageFigureRules {
  const lang = data.language;
  for (const d of data.number.decimal) {
    if (data.number.group.includes(d)) fail(['number', 'decimal'], `"${d}" cannot be both a decimal mark and a group separator`);
  }

  // Scales: abbreviations match as written, words in any case.
  const scales = new Map<string, ScaleForm>();
  const abbreviations: string[] = [];
  const scaleWords: string[] = [];
  for (const s of data.scales) {
    for (const w of s.words) {
      const key = s.abbreviation ? w : wordKey(w);
      scales.set(key, { factor: s.factor, moneyOnly: s.moneyOnly ?? false });
      (s.abbreviation ? abbreviations : scaleWords).push(w);
    }
  }
  const scaleAlt = [
    abbreviations.length ? `(?<abbr>${alt(abbreviations)})(?![\\p{L}\\p{N}])` : '',
    scaleWords.length ? `(?<word>(?:${ialt(scaleWords)}))${WORD_END}` : '',
  ]
    .filter(Boolean)
    .join('|');
  const scale = new RegExp(`${OPT_SPACE}(?:${scaleAlt || '(?!)'})`, 'yu');

  // Currencies: symbols and codes as written, words in any case, per language.
  const currencies = new Map<string, CurrencyForm>();
  const symbols: string[] = [];
  const codes: string[] = [];
  const words: string[] = [];
  const minorSpaced: string[] = [];
  const minorGlued: string[] = [];
  const seen = new Map<string, string>();
  const add = (form: string, key: string, c: CurrencyForm): void => {
    const prev = seen.get(key);
    if (prev && prev !== c.code) throw new RuleError(file.replace(/[a-z]{2}\.yaml$/, 'currencies.yaml'), null, `"${form}" is listed for both ${prev} and ${c.code}`);
    seen.set(key, c.code);
    currencies.set(key, c);
  };
  for (const [code, entry] of Object.entries(currencyData)) {
    for (const s of entry.symbols) {
      add(s, s, { code, factor: 1, kind: 'symbol' });
      symbols.push(s);
    }
    for (const c of entry.codes) {
      add(c, c, { code, factor: 1, kind: 'code' });
      codes.push(c);
    }
    for (const w of withApostrophes(entry.words[lang] ?? [])) {
      add(w, wordKey(w), { code, factor: 1, kind: 'word' });
      words.push(w);
    }
    for (const minor of entry.minor ?? []) {
      for (const w of minor.words) {
        const key = `minor:${minor.glued ? w : wordKey(w)}`;
        currencies.set(key, { code, factor: minor.factor, kind: 'minor' });
        (minor.glued ? minorGlued : minorSpaced).push(w);
      }
    }
  }
  const links = withApostrophes(data.scaleLinks);
  const linkPart = links.length ? `(?:(?<link>${alt(links)})(?<=['’])|(?<link2>${alt(links.filter((l) => !/['’]$/.test(l)))})${SPACE}+)?` : '';
  const currencyAfter = new RegExp(
    `${OPT_SPACE}(?:` +
      [
        symbols.length ? `(?<symbol>${alt(symbols)})` : '',
        codes.length ? `(?<code>${alt(codes)})${WORD_END}` : '',
        minorGlued.length ? `(?<glued>${alt(minorGlued)})${WORD_END}` : '',
        minorSpaced.length ? `(?<minor>(?:${ialt(minorSpaced)}))${WORD_END}` : '',
        words.length ? `${linkPart}(?<word>(?:${ialt(words)}))${WORD_END}` : '',
      ]
        .filter(Boolean)
        .join('|') +
      ')',
    'yu',
  );
  const currencyBefore = new RegExp(`(?:${opened([...symbols, ...codes])})${OPT_SPACE}$`, 'u');

  // Percent words.
  const percent = new RegExp(`${OPT_SPACE}(?:${closedInsensitive(data.percent)})`, 'yu');

  // Units: symbols as written (any language), words of this language in any case.
  const unitMap = new Map<string, string>();
  const unitSymbols: string[] = [];
  const unitWords: string[] = [];
  const hyphenForms: string[] = [];
  for (const u of unitData) {
    for (const s of u.symbols) {
      unitMap.set(`sym:${s}`, u.unit);
      unitSymbols.push(s);
    }
    for (const w of u.words[lang] ?? []) {
      unitMap.set(wordKey(w), u.unit);
      unitWords.push(w);
    }
    if (u.hyphen) hyphenForms.push(...u.symbols, ...(u.words[lang] ?? []));
  }
  const unitEnd = '(?![\\p{L}\\p{N}\\p{M}²³/])';
  const modifiers = data.unitModifiers.length ? `(?:${ialt(data.unitModifiers)})${SPACE}+` : '';
  const unit = new RegExp(
    `${OPT_SPACE}(?:${linkPart}${modifiers ? `(?:${modifiers})?` : ''}(?<word>(?:${ialt(unitWords) || '(?!)'}))${unitEnd}|(?<symbol>${alt(unitSymbols) || '(?!)'})${unitEnd})`,
    'yu',
  );
  const hyphenUnit = new RegExp(`-(?<word>(?:${ialt(hyphenForms) || '(?!)'}))${unitEnd}`, 'yu');

  const qualifiers = withApostrophes(data.qualifiersBefore);
  const qualifierWords = qualifiers.filter((q) => /[\p{L}.]$/u.test(q));
  const qualifierSymbols = qualifiers.filter((q) => !/[\p{L}.]$/u.test(q));
  const qualifierBefore = new RegExp(`(?<q>${opened(qualifierWords)})${SPACE}+$|(?<s>${alt(qualifierSymbols) || '(?!)'})${OPT_SPACE}$`, 'iu');
  const qualifierBeforeEnds = [endFilter(qualifierWords, 1, Infinity), endFilter(qualifierSymbols, 0, 1)];
  const qualifierAfter = new RegExp(
    `(?<plus>\\+)|${SPACE}(?<q>${closedInsensitiveRaw(data.qualifiersAfter.filter((q) => q !== '+'))})`,
    'yu',
  );

  const rangeJoin = new RegExp(
    `(?:${SPACE}?(?<dash>${alt(data.rangeJoiners.filter((j) => !/\p{L}/u.test(j)))})${SPACE}?|${SPACE}+(?<word>(?:${ialt(data.rangeJoiners.filter((j) => /\p{L}/u.test(j)))}))${SPACE}+)(?=[\\d€$£¥+-])`,
    'yu',
  );
  const rangePairs = data.rangePairs.map((p) => ({
    open: new RegExp(`${WORD_START}(?:${ialt([p.open])})${SPACE}+$`, 'u'),
    join: new RegExp(`${SPACE}+(?:${ialt([p.join])})${SPACE}+(?=[\\d€$£¥+-])`, 'yu'),
  }));

  const endCue = (list: string[]): RegExp => new RegExp(`(?:${opened(withApostrophes(list))})${OPT_SPACE}$`, 'iu');

  const ruleIds = new Map<Form, string>();
  data.rules.forEach((r, i) => {
    if (!r.id.startsWith(`figure.${lang}.`)) fail(['rules', i, 'id'], `rule id "${r.id}" must start with figure.${lang}.`);
    if (ruleIds.has(r.form)) fail(['rules', i, 'form'], `form "${r.form}" is listed twice`);
    ruleIds.set(r.form, r.id);
  });

  return {
    language: lang,
    number: new RegExp(numberPattern(data.number.decimal, data.number.group), 'gu'),
    numberAt: new RegExp(numberPattern(data.number.decimal, data.number.group), 'yu'),
    decimal: new Set(data.number.decimal),
    group: new Set(data.number.group),
    scale,
    scales,
    currencyAfter,
    currencyBefore,
    currencies,
    percent,
    unit,
    hyphenUnit,
    units: unitMap,
    qualifierBefore,
    qualifierBeforeEnds,
    qualifierAfter,
    rangeJoin,
    rangePairs,
    ageCue: endCue(data.ageCues),
    periodQualifiers: keySet(data.periodQualifiers.words),
    quantityAfterPeriod: new RegExp(`^${SPACE}+(?:${closed(withApostrophes(data.periodQualifiers.quantityAfter), true)})`, 'u'),
    quantityBeforePeriod: endCue(data.periodQualifiers.quantityBefore),
    referenceCue: endCue(data.referenceCues),
    referenceCueEnds: [endFilter(withApostrophes(data.referenceCues), 0, 1)],
    timeCue: endCue(data.timeCues),
    listJoin: new RegExp(`${SPACE}*,${SPACE}*(?:(?:${ialt(data.listJoiners)})${SPACE}+)?(?=\\d)|${SPACE}+(?:${ialt(data.listJoiners)})${SPACE}+(?=\\d)`, 'yu'),
    pointWords: keySet(data.pointWords),
    codeCue: endCue(data.codeCues),
    dateWords: keySet(data.dateWords),
    streetWords: keySet(data.streetWords),
    irregularPlurals: keySet(data.irregularPlurals),
    countStopWords: keySet(data.countStopWords),
    functionWords: keySet(data.functionWords),
    preNounAdjectives: keySet(data.preNounAdjectives),
    scaleLink: links.length ? new RegExp(`${SPACE}*(?:${alt(links.filter((l) => /['’]$/.test(l)))}|(?:${alt(links.filter((l) => !/['’]$/.test(l)))})${SPACE}+)`, 'yiu') : /(?!)/y,
    ruleIds,
  };
}

function closedInsensitiveRaw(words: string[]): string {
  if (!words.length) return '(?!)';
  return closed(words, true);
}
function closedInsensitive(words: string[]): string {
  return closedInsensitiveRaw(words);
}

/**
 * Spans where numbers are never figures. Language-neutral, so written here rather than in a rule
 * file: they describe formats (phone numbers, clock times, numeric dates), not words. Every
 * alternative starts with a digit, "+" or "(" so that the scan stays fast; URLs and e-mail
 * addresses are recognised from the token around each number instead (extract.ts `inLink`).
 */
function compileBlocked(): RegExp {
  const parts = [
    // international phone numbers: "+33 (0)1 44 76 75 39", "+ 33 (0)1 47 54 50 71", "+1 212 555 0100"
    String.raw`\+[ \u00A0]?\d{1,3}[ \u00A0.-]?(?:\(0\)[ \u00A0.-]?)?\d{1,4}(?:[ \u00A0.-]\d{2,4}){2,}`,
    // North American: "(555) 123-4567", "555-123-4567", "512.354.7000", "1-800-555-1234"
    String.raw`(?:1[ .-])?\(\d{3}\)[ \u00A0]?\d{3}[ .-]\d{4}`,
    String.raw`(?:1[ .-])?\d{3}[.-]\d{3}[.-]\d{4}`,
    // French national: "01 44 76 75 39", "01.44.76.75.39"
    String.raw`(?<!\d)0\d(?:[ \u00A0.]\d{2}){4}(?!\d)`,
    // clock times: "10:30", "14h30", "10 a.m.", "5pm", "à 10h"
    String.raw`(?<!\d)\d{1,2}(?::\d{2}){1,2}(?:[ \u00A0]?(?:[ap]\.?m\.?|[AP]\.?M\.?))?`,
    String.raw`(?<!\d)\d{1,2}[ \u00A0]?h(?:[ \u00A0]?\d{2})?(?![\p{L}\p{N}])`,
    String.raw`(?<!\d)\d{1,2}[ \u00A0]?(?:[ap]\.m\.|[AP]\.M\.|[ap]m|[AP]M)(?![\p{L}\p{N}])`,
    // numeric dates: "22/03/2021", "2021-03-22", "22.03.2021"
    String.raw`(?<!\d)\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}(?!\d)`,
    String.raw`(?<!\d)\d{1,2}/\d{4}(?!\d)`,
    // "24/7", "1/2" style ratios are not figures of their own
    String.raw`(?<![\d/])\d{1,3}/\d{1,3}(?![\d/])`,
  ];
  return new RegExp(parts.join('|'), 'gu');
}

export { WORD_START, WORD_END };
