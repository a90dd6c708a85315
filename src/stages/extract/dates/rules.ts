/**
 * Rules of the dates stage, loaded once from rules/dates/ at start-up:
 * - `<lang>.yaml`: the words of dates in that language (months, weekdays, relative words...);
 * - `<lang>.patterns.yaml`: the rules (id, pattern with {placeholders}, production name);
 * - `conventions.yaml`: numeric day/month order signals and names that take a year.
 * Languages are discovered from the files present: adding `de.yaml` + `de.patterns.yaml` adds one.
 * Every pattern is expanded and compiled here, so nothing is built per document.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compileRulePattern, readRuleFile, type Schema } from '../../../rules/load.js';
import { WORD_END, WORD_START } from '../../../text/unicode.js';
import type { Part, Season } from './candidate.js';
import { lexKey } from './lex-key.js';
import { caseless, spellings } from './case-fold.js';
import { PRODUCTIONS, type ProductionName } from './productions.js';
import { buildAnchors, leadingTriggers, type Anchors } from './anchors.js';

export interface LocaleLexicon {
  language: string;
  /** Month and weekday names must start with a capital letter (English). */
  capitalised: boolean;
  /** Capitalised month names that are read as a month only with a day before them ("Mars"). */
  capitalisedNeedsDay: Set<string>;
  months: Map<string, number>;
  weekdays: Map<string, number>;
  relative: Map<string, number>;
  relativeDays: Map<string, number>;
  units: Map<string, 'year' | 'month'>;
  parts: Map<string, Part>;
  seasons: Map<string, Season>;
  orderWords: Map<string, number>;
  /** Words of a clause about the future ("will", "se tiendra"): a weekday alone lies after the release. */
  futureCue: RegExp;
  /** Words of a clause about a habit ("every", "chaque"): a weekday alone there is no date. */
  habitCue: RegExp;
  /** Verbs of an announcement: "Today, Acme announced" dates the sentence, "Today, he works" does not. */
  announceCue: RegExp;
}

export interface CompiledRule {
  id: string;
  production: ProductionName;
  /** The pattern, without a leading word boundary: propose() checks the character before a match. */
  regex: RegExp;
  /** The same pattern, sticky: tried at the anchors where the rule can start (see anchors.ts). */
  sticky: RegExp;
  /** False when the start of the pattern could not be read: the rule then scans the whole text. */
  anchored: boolean;
  /** What the text just before the match must end with ("in " before a bare year). */
  before?: RegExp;
  /** What the text just before the match must not end with ("/" before a numeric date). */
  notBefore?: RegExp;
  /** How many characters before the match `before` and `notBefore` may need to see. */
  beforeReach: number;
  file: string;
  line: number | null;
}

export interface LocaleRules {
  lexicon: LocaleLexicon;
  rules: CompiledRule[];
  /** Where the anchored rules can start; the others scan the whole text. */
  anchors: Anchors;
}

export interface DateRules {
  locales: Map<string, LocaleRules>;
  /** Folded words that make a following year part of a name ("horizon", "iac"). */
  namesBeforeYear: Set<string>;
  monthFirstSignal: RegExp;
  dayFirstSignal: RegExp;
  /** A US dateline: "DALLAS, TX -", "NEW YORK, NY,". */
  usDateline: RegExp;
}

interface LexiconFile {
  language: string;
  capitalised: boolean;
  capitalisedNeedsDay?: string[];
  months: Array<{ number: number; names: string[] }>;
  weekdays: Array<{ number: number; names: string[] }>;
  ordinalSuffixes: string[];
  relativeBefore: Record<string, number>;
  relativeAfter: Record<string, number>;
  relativeDays: Record<string, number>;
  units: Record<string, 'year' | 'month'>;
  parts: Record<string, Part>;
  seasons: Record<string, Season>;
  orderWords: Record<string, number>;
  yearCues: string[];
  listJoiners: string[];
  rangeJoiners: string[];
  countNouns: string[];
  futureCues: string[];
  futureEndings?: string[];
  habitCues: string[];
  announceCues: string[];
}

const words = { type: 'array', items: { type: 'string', minLength: 1 } };
const numbered = (max: number) => ({
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['number', 'names'],
    properties: { number: { type: 'integer', minimum: 1, maximum: max }, names: { ...words, minItems: 1 } },
  },
});
const wordMap = (values: Schema) => ({ type: 'object', additionalProperties: values });

const LEXICON_SCHEMA: Schema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'language',
    'capitalised',
    'months',
    'weekdays',
    'ordinalSuffixes',
    'relativeBefore',
    'relativeAfter',
    'relativeDays',
    'units',
    'parts',
    'seasons',
    'orderWords',
    'yearCues',
    'listJoiners',
    'rangeJoiners',
    'countNouns',
    'futureCues',
    'habitCues',
    'announceCues',
  ],
  properties: {
    language: { type: 'string', pattern: '^[a-z]{2}$' },
    capitalised: { type: 'boolean' },
    capitalisedNeedsDay: words,
    months: numbered(12),
    weekdays: numbered(7),
    ordinalSuffixes: words,
    relativeBefore: wordMap({ enum: [-1, 0, 1] }),
    relativeAfter: wordMap({ enum: [-1, 0, 1] }),
    relativeDays: wordMap({ type: 'integer', minimum: -7, maximum: 7 }),
    units: wordMap({ enum: ['year', 'month'] }),
    parts: wordMap({ enum: ['early', 'mid', 'late'] }),
    seasons: wordMap({ enum: ['SP', 'SU', 'FA', 'WI'] }),
    orderWords: wordMap({ type: 'integer', minimum: 1, maximum: 4 }),
    yearCues: words,
    listJoiners: words,
    rangeJoiners: words,
    countNouns: words,
    futureCues: words,
    futureEndings: words,
    habitCues: words,
    announceCues: words,
  },
};

interface PatternFile {
  rules: Array<{ id: string; pattern: string; before?: string; notBefore?: string; production: ProductionName; note?: string }>;
}

const PATTERN_SCHEMA: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['rules'],
  properties: {
    rules: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'pattern', 'production'],
        properties: {
          id: { type: 'string', pattern: '^date\\.[a-z]{2}\\.[a-z0-9-]+$' },
          pattern: { type: 'string', minLength: 1 },
          before: { type: 'string', minLength: 1 },
          notBefore: { type: 'string', minLength: 1 },
          production: { enum: Object.keys(PRODUCTIONS) },
          note: { type: 'string' },
        },
      },
    },
  },
};

interface ConventionsFile {
  monthFirstSignals: string[];
  dayFirstSignals: string[];
  usStates: string[];
  namesBeforeYear: string[];
}

const CONVENTIONS_SCHEMA: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['monthFirstSignals', 'dayFirstSignals', 'usStates', 'namesBeforeYear'],
  properties: {
    monthFirstSignals: words,
    dayFirstSignals: words,
    usStates: { type: 'array', items: { type: 'string', pattern: '^[A-Z]{2}$' } },
    namesBeforeYear: words,
  },
};

const toMap = <V>(record: Record<string, V>): Map<string, V> => new Map(Object.entries(record).map(([k, v]) => [lexKey(k), v]));
const numberedMap = (list: Array<{ number: number; names: string[] }>): Map<string, number> =>
  new Map(list.flatMap((e) => e.names.map((n) => [lexKey(n), e.number] as const)));

/** A word list as a regex alternation that tolerates any spacing between the words of an entry. */
function wordAlternation(list: Iterable<string>, capitalisedOnly = false): string {
  // Escapes only what the `u` flag allows escaping outside a class ("\-" is refused there).
  const spell = capitalisedOnly ? (w: string) => [w, w.toUpperCase()] : spellings;
  return [...new Set([...list].flatMap(spell))]
    .sort((a, b) => b.length - a.length || a.localeCompare(b))
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+').replace(/'/g, "['’]"))
    .join('|');
}

/** The sub-patterns that {placeholders} stand for, built from the lexicon. `N` is the group suffix (2, 3). */
function placeholders(f: LexiconFile): Record<string, (n: string) => string> {
  const NOT_AFTER = '(?![\\p{L}\\p{N}])';
  const NOT_TIME = '(?![:.]\\d|,\\d{3}(?!\\d)|\\s?(?:[aApP]\\.?[mM](?![\\p{L}])|[hH](?:\\d|(?![\\p{L}]))))';
  const ordinals = f.ordinalSuffixes.length ? `(?:${wordAlternation(f.ordinalSuffixes)})?` : '';
  const names = (list: Array<{ names: string[] }>) => wordAlternation(list.flatMap((e) => e.names), f.capitalised);
  const keys = (m: Record<string, unknown>) => wordAlternation(Object.keys(m));
  // A word group that may end with "." or "-" ("Feb.", "mi-") must not require a boundary after it.
  const group = (name: string, alt: string) => (n: string) => `(?<${name}${n}>${alt})(?:(?<=[.-])|${WORD_END})`;
  return {
    B: () => WORD_START,
    U: () => '\\p{Lu}',
    // Not a day: a time ("3 p.m.", "9h30", "1:00"), a decimal or a thousands group ("1,000").
    day: (n) => `(?<day${n}>3[01]|[12]\\d|0?[1-9])${ordinals}${NOT_AFTER}${NOT_TIME}`,
    year: (n) => `(?<year${n}>(?:19|20)\\d{2})(?![\\p{L}\\p{N}]|[.,]\\d)`,
    yy: (n) => `(?<yy${n}>\\d{2})${NOT_AFTER}`,
    quarter: (n) => `(?<quarter${n}>[1-4])`,
    half: (n) => `(?<half${n}>[12])`,
    // Month names in every case: productions accept a lower-case English month only in a full date.
    month: group('month', wordAlternation(f.months.flatMap((e) => e.names))),
    weekday: group('weekday', names(f.weekdays)),
    rel: group('rel', keys(f.relativeBefore)),
    relAfter: group('rela', keys(f.relativeAfter)),
    relday: group('relday', keys(f.relativeDays)),
    unit: group('unit', keys(f.units)),
    part: group('part', keys(f.parts)),
    season: group('season', keys(f.seasons)),
    order: group('order', keys(f.orderWords)),
    cue: () => `(?:${wordAlternation(f.yearCues)})`,
    countNoun: () => `(?:${wordAlternation(f.countNouns)})${WORD_END}`,
    and: () => `(?:${wordAlternation(f.listJoiners)})(?![\\p{L}])`,
    to: () => `(?:${wordAlternation(f.rangeJoiners)})(?![\\p{L}])`,
  };
}

function expand(pattern: string, subs: Record<string, (n: string) => string>, fail: (problem: string) => never): string {
  return pattern.replace(/\{([A-Za-z]+)([23]?)\}/g, (_m, name: string, n: string) => {
    const sub = subs[name];
    if (!sub) fail(`unknown placeholder {${name}${n}}`);
    return sub(n);
  });
}

/** The longest a context pattern can reach back: its literals, word lists and bounded repeats, 160 when unbounded. */
function reachOf(pattern: string | undefined): number {
  if (!pattern) return 0;
  const spaces = pattern.replace(/\\s[+*]/g, ' ');
  const bounds = [...spaces.matchAll(/\{\d*,(\d+)\}|\{(\d+)\}/g)].reduce((n, m) => n + Number(m[1] ?? m[2]), 0);
  const withoutBounds = spaces.replace(/\{\d*,?\d+\}/g, '');
  if (/[+*]/.test(withoutBounds.replace(/\\./g, ''))) return 160;
  const placeholders = (withoutBounds.match(/\{[A-Za-z]+\d?\}/g) ?? []).length;
  return Math.min(160, 40 + withoutBounds.length + 24 * placeholders + bounds);
}

/** Finds any of `list` as whole words, or a word ending with one of `endings` ("lancera"), in any case. */
function cueRegex(list: string[], endings: string[]): RegExp {
  const esc = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+').replace(/'/g, "['’]");
  const alts = [...list.map(esc), ...endings.map((e) => `\\p{L}{3,}${esc(e)}`)];
  return alts.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${alts.join('|')})(?![\\p{L}])`, 'iu') : /(?!)/;
}

/** The words a {placeholder} stands for, for anchoring; null for those that may start with anything. */
function placeholderWords(f: LexiconFile): (name: string) => string[] | null {
  // Digit placeholders as samples of their lengths: a day has 1 or 2 digits, a year 4.
  const lists: Record<string, string[]> = {
    day: ['0', '00'],
    year: ['0000'],
    yy: ['00'],
    quarter: ['0'],
    half: ['0'],
    month: f.months.flatMap((e) => e.names),
    weekday: f.weekdays.flatMap((e) => e.names),
    rel: Object.keys(f.relativeBefore),
    relAfter: Object.keys(f.relativeAfter),
    relday: Object.keys(f.relativeDays),
    unit: Object.keys(f.units),
    part: Object.keys(f.parts),
    season: Object.keys(f.seasons),
    order: Object.keys(f.orderWords),
  };
  return (name) => lists[name] ?? null;
}

function loadLocale(dir: string, lang: string): LocaleRules {
  const lexFile = readRuleFile<LexiconFile>(join(dir, `${lang}.yaml`), LEXICON_SCHEMA);
  const f = lexFile.data;
  if (f.language !== lang) lexFile.fail(['language'], `language "${f.language}" does not match the file name`);
  const lexicon: LocaleLexicon = {
    language: lang,
    capitalised: f.capitalised,
    capitalisedNeedsDay: new Set(f.capitalisedNeedsDay ?? []),
    months: numberedMap(f.months),
    weekdays: numberedMap(f.weekdays),
    relative: new Map([...toMap(f.relativeBefore), ...toMap(f.relativeAfter)]),
    relativeDays: toMap(f.relativeDays),
    units: toMap(f.units),
    parts: toMap(f.parts),
    seasons: toMap(f.seasons),
    orderWords: toMap(f.orderWords),
    futureCue: cueRegex(f.futureCues, f.futureEndings ?? []),
    habitCue: cueRegex(f.habitCues, []),
    announceCue: cueRegex(f.announceCues, []),
  };
  const subs = placeholders(f);
  const patFile = readRuleFile<PatternFile>(join(dir, `${lang}.patterns.yaml`), PATTERN_SCHEMA);
  const seen = new Set<string>();
  const rules = patFile.data.rules.map((r, i): CompiledRule => {
    const line = patFile.lineOf(['rules', i, 'pattern']);
    if (seen.has(r.id)) patFile.fail(['rules', i, 'id'], `rule id "${r.id}" is used twice`);
    if (!r.id.startsWith(`date.${lang}.`)) patFile.fail(['rules', i, 'id'], `rule id "${r.id}" must start with date.${lang}.`);
    seen.add(r.id);
    // Letters of the pattern itself are made caseless first; the word lists carry their own spellings.
    const source = expand(caseless(r.pattern), subs, (problem) => patFile.fail(['rules', i, 'pattern'], problem));
    // No leading boundary in the regex (a look-behind at every position is slow): propose() checks it.
    const full = `(?:${source})(?![\\p{L}\\p{N}\\p{M}])`;
    const regex = compileRulePattern(full, 'gu', patFile.file, line);
    const sticky = compileRulePattern(full, 'uy', patFile.file, line);
    const rule: CompiledRule = {
      id: r.id,
      production: r.production,
      regex,
      sticky,
      anchored: false,
      beforeReach: Math.max(reachOf(r.before), reachOf(r.notBefore)),
      file: patFile.file,
      line,
    };
    if (r.before) {
      const beforeLine = patFile.lineOf(['rules', i, 'before']);
      const src = expand(caseless(r.before), subs, (problem) => patFile.fail(['rules', i, 'before'], problem));
      rule.before = compileRulePattern(`${WORD_START}(?:${src})$`, 'u', patFile.file, beforeLine);
    }
    if (r.notBefore) {
      const src = expand(caseless(r.notBefore), subs, (problem) => patFile.fail(['rules', i, 'notBefore'], problem));
      rule.notBefore = compileRulePattern(`(?:${src})$`, 'u', patFile.file, patFile.lineOf(['rules', i, 'notBefore']));
    }
    return rule;
  });
  const words = placeholderWords(f);
  const triggers = patFile.data.rules.map((r) => leadingTriggers(r.pattern, words));
  triggers.forEach((t, i) => (rules[i]!.anchored = t !== null));
  return { lexicon, rules, anchors: buildAnchors(triggers) };
}

const literalAlternation = (list: string[]) => list.map((s) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|');

export function loadDateRules(rulesDir: string): DateRules {
  const dir = join(rulesDir, 'dates');
  const locales = new Map<string, LocaleRules>();
  for (const name of readdirSync(dir).sort()) {
    const m = /^([a-z]{2})\.yaml$/.exec(name);
    if (m && existsSync(join(dir, `${m[1]}.patterns.yaml`))) locales.set(m[1]!, loadLocale(dir, m[1]!));
  }
  const conv = readRuleFile<ConventionsFile>(join(dir, 'conventions.yaml'), CONVENTIONS_SCHEMA).data;
  return {
    locales,
    namesBeforeYear: new Set(conv.namesBeforeYear.map(lexKey)),
    monthFirstSignal: new RegExp(literalAlternation(conv.monthFirstSignals)),
    dayFirstSignal: new RegExp(literalAlternation(conv.dayFirstSignals)),
    usDateline: new RegExp(`^[^\\n]{0,60}?,\\s*(?:${conv.usStates.join('|')})\\s*(?:,|-|–|—)`, 'm'),
  };
}
