/**
 * The dates examples: one table-driven test over every rules/dates/<lang>.examples.yaml, a
 * meta-test that every rule has an example, and French/English parity on the forms both handle.
 * Prints precision and recall per language.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES_DIR } from '../../src/rules/index.js';
import { loadDateRules } from '../../src/stages/extract/dates/rules.js';
import { findDates } from '../../src/stages/extract/dates/extract.js';

interface Example {
  text: string;
  published?: string | null;
  expect: string[];
  rule?: string;
}
type Negative = string | { text: string; published?: string | null };
interface ExamplesFile {
  language: string;
  published?: string;
  examples: Example[];
  negatives: Negative[];
}

const dir = join(DEFAULT_RULES_DIR, 'dates');
const rules = loadDateRules(DEFAULT_RULES_DIR);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.examples.yaml'))
  .sort()
  .map((f) => ({ name: f, ...(parse(readFileSync(join(dir, f), 'utf8')) as ExamplesFile) }));

const publishedOf = (file: ExamplesFile, e: { published?: string | null }) => (e.published === undefined ? (file.published ?? null) : e.published);
const run = (file: ExamplesFile, e: { text: string; published?: string | null }) => findDates(e.text, file.language, publishedOf(file, e), rules);

const scores = new Map<string, { expected: number; found: number; correct: number }>();
const score = (lang: string) => scores.get(lang) ?? (scores.set(lang, { expected: 0, found: 0, correct: 0 }), scores.get(lang)!);

afterAll(() => {
  const lines = [...scores].map(([lang, s]) => {
    const p = s.found ? s.correct / s.found : 1;
    const r = s.expected ? s.correct / s.expected : 1;
    return `dates examples ${lang}: precision ${p.toFixed(3)} recall ${r.toFixed(3)} (${s.correct} correct, ${s.found} found, ${s.expected} expected)`;
  });
  console.log(lines.join('\n'));
});

describe.each(files)('the date examples of $name', (file) => {
  it('has at least 150 positive and 40 negative examples', () => {
    expect(file.examples.length).toBeGreaterThanOrEqual(150);
    expect(file.negatives.length).toBeGreaterThanOrEqual(40);
  });

  it.each(file.examples.map((e) => [e.text, e] as const))('finds the dates a reader finds in %j', (_t, e) => {
    const found = run(file, e).map((d) => String(d.value));
    const expected = e.expect.map(String);
    const s = score(file.language);
    s.expected += expected.length;
    s.found += found.length;
    s.correct += found.filter((v) => expected.includes(v)).length;
    expect(found.sort()).toEqual([...expected].sort());
  });

  it.each(file.negatives.map((n) => [typeof n === 'string' ? n : n.text, typeof n === 'string' ? { text: n } : n] as const))(
    'finds no date in %j',
    (_t, n) => {
      const found = run(file, n).map((d) => d.value);
      score(file.language).found += found.length;
      expect(found).toEqual([]);
    },
  );

  it('has an example for every rule of its language, produced by that rule', () => {
    const locale = rules.locales.get(file.language)!;
    const missing: string[] = [];
    for (const rule of locale.rules) {
      const examples = file.examples.filter((e) => e.rule === rule.id);
      const produced = examples.some((e) => run(file, e).some((d) => d.rule === rule.id));
      if (!produced) missing.push(rule.id);
    }
    expect(missing).toEqual([]);
  });
});

describe('French and English parity', () => {
  // Forms both languages must handle: the rule id suffixes that must exist in each.
  const SHARED_FORMS = [
    'day-month-year',
    'weekday-day-month',
    'day-month',
    'month-year',
    'month-after-cue',
    'part-month',
    'part-year',
    'season-year',
    'quarter-words',
    'half-words',
    'year-after-cue',
    'year-in-parentheses',
    'year-in-credit',
    'year-range',
    'year-range-words',
    'day-range',
    'month-range',
    'day-list',
    'numeric',
    'iso',
    'relative-day',
    'relative-unit',
    'relative-weekday',
    'weekday-day-list',
    'weekday-day-range',
    'week-of',
    'numeric-short-year',
    'quarter-ended',
    'quarter-list',
  ];
  it.each(SHARED_FORMS)('has a %s rule in both languages', (form) => {
    for (const lang of ['en', 'fr']) {
      expect(rules.locales.get(lang)?.rules.map((r) => r.id)).toContain(`date.${lang}.${form}`);
    }
  });
});
