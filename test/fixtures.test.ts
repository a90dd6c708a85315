/**
 * The fixture regression test: runs the pipeline on every fixture that has an expected record
 * (written by a person reading the release) and compares entity sets per type.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseBytes } from '../src/batch/analyser.js';
import { CHECKED_TYPES, addScores, compareType, precision, recall, type ExpectedRecord, type TypeScore } from '../src/check/compare.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
/** Precision and recall each entity type must reach on the fixtures. */
const THRESHOLD = 0.95;

const expectedFiles = readdirSync(join(FIXTURES, 'expected')).filter((f) => f.endsWith('.json')).sort();
const cases = expectedFiles.map((f) => JSON.parse(readFileSync(join(FIXTURES, 'expected', f), 'utf8')) as ExpectedRecord);

const empty = (): TypeScore => ({ expected: 0, found: 0, correct: 0, missed: [], extra: [] });
const totals = Object.fromEntries(CHECKED_TYPES.map((t) => [t, empty()])) as Record<(typeof CHECKED_TYPES)[number], TypeScore>;
const lines: string[] = [];

for (const exp of cases) {
  const result = analyseBytes(exp.source, readFileSync(join(FIXTURES, exp.source)));
  if (!result.ok) throw new Error(result.error);
  const rec = result.record;
  for (const type of CHECKED_TYPES) {
    const score = compareType(type, exp[type], rec[type]);
    totals[type] = addScores(totals[type], score);
    if (score.missed.length) lines.push(`${exp.source} ${type} missed: ${score.missed.join(' | ')}`);
    if (score.extra.length) lines.push(`${exp.source} ${type} extra:  ${score.extra.join(' | ')}`);
  }
  if (rec.language !== exp.language) lines.push(`${exp.source} language: expected ${exp.language}, got ${rec.language}`);
  if (rec.published !== exp.published) lines.push(`${exp.source} published: expected ${exp.published}, got ${rec.published}`);
}

const table = CHECKED_TYPES.map(
  (t) => `${t.padEnd(14)} precision ${precision(totals[t]).toFixed(3)}  recall ${recall(totals[t]).toFixed(3)}  (${totals[t].correct}/${totals[t].found} found, ${totals[t].expected} expected)`,
);
console.log(['fixture regression:', ...table, ...lines].join('\n'));

describe('the pipeline on the fixtures', () => {
  it('has expected records to compare with', () => {
    expect(cases.length).toBeGreaterThanOrEqual(5);
  });
  it.each(CHECKED_TYPES)(`finds %s with precision and recall of at least ${THRESHOLD}`, (type) => {
    expect(precision(totals[type])).toBeGreaterThanOrEqual(THRESHOLD);
    expect(recall(totals[type])).toBeGreaterThanOrEqual(THRESHOLD);
  });
  it.each(cases.map((c) => [c.source, c] as const))('detects the language of %s', (_source, exp) => {
    const result = analyseBytes(exp.source, readFileSync(join(FIXTURES, exp.source)));
    expect(result.ok && result.record.language).toBe(exp.language);
  });
  it.each(cases.map((c) => [c.source, c] as const))('finds the published date of %s', (_source, exp) => {
    const result = analyseBytes(exp.source, readFileSync(join(FIXTURES, exp.source)));
    expect(result.ok && result.record.published).toBe(exp.published);
  });
});
