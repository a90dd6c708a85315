/**
 * The fixture regression test: runs the pipeline on every fixture that has an expected record
 * (written by a person reading the release) and compares entity sets per type, with the same
 * code as `communique check`; prints the table and what each document missed and found extra.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCheck, runCheck } from '../src/check/run.js';
import { CHECKED_TYPES } from '../src/check/compare.js';

/** Precision and recall each entity type must reach on the fixtures (issues 2 to 5). */
const THRESHOLD = 0.95;

const result = runCheck({
  fixturesDir: join(import.meta.dirname, '..', 'fixtures'),
  thresholds: { default: THRESHOLD, overrides: [] },
  baseline: null,
});
console.log(formatCheck(result));

describe('the pipeline on the fixtures', () => {
  it('analyses every fixture that has an expected record', () => {
    expect(result.errors).toEqual([]);
    expect(result.perDocument.length).toBeGreaterThanOrEqual(5);
  });

  it.each(CHECKED_TYPES)(`finds %s with precision and recall of at least ${THRESHOLD}`, (type) => {
    expect(result.figures[`all.${type}.precision`]).toBeGreaterThanOrEqual(THRESHOLD);
    expect(result.figures[`all.${type}.recall`]).toBeGreaterThanOrEqual(THRESHOLD);
  });

  it.each(result.perDocument.map((d) => [d.source, d] as const))('detects the language and the published date of %s', (_source, d) => {
    expect(d.language.found).toBe(d.language.expected);
    expect(d.published.found).toBe(d.published.expected);
  });

  it('holds every figure to its threshold', () => {
    expect(result.failures).toEqual([]);
  });
});
