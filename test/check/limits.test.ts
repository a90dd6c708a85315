import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyThresholdArgs, readThresholds, thresholdFor, type Thresholds } from '../../src/check/limits.js';

const dir = mkdtempSync(join(tmpdir(), 'communique-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('thresholds', () => {
  const t: Thresholds = {
    default: 0.9,
    overrides: [
      { pattern: 'recall', min: 0.8 },
      { pattern: 'people.recall', min: 0.7 },
      { pattern: 'fr.people.recall', min: 0.6 },
      { pattern: 'fr', min: 0.85 },
    ],
  };

  it('gives every figure the default unless a pattern names it', () => {
    expect(thresholdFor('all.dates.precision', t)).toBe(0.9);
  });

  it('lets the most specific pattern win, whatever the order of the file', () => {
    expect(thresholdFor('all.dates.recall', t)).toBe(0.8);
    expect(thresholdFor('en.people.recall', t)).toBe(0.7);
    expect(thresholdFor('fr.people.recall', t)).toBe(0.6);
    expect(thresholdFor('fr.people.precision', t)).toBe(0.85);
  });

  it('reads a YAML file of "pattern: minimum" lines', () => {
    const file = join(dir, 'ok.yaml');
    writeFileSync(file, '# how low each figure may go\ndefault: 0.8\nfr.dates.f1: 0.5\nlanguage.accuracy: 1\n');
    const read = readThresholds(file);
    expect(read.default).toBe(0.8);
    expect(thresholdFor('fr.dates.f1', read)).toBe(0.5);
    expect(thresholdFor('all.language.accuracy', read)).toBe(1);
  });

  it('names the file and the line of a pattern it does not understand', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'default: 0.8\npeople.recal: 0.5\n');
    expect(() => readThresholds(file)).toThrow(`${file}:2: "people.recal" is not a threshold pattern`);
  });

  it('refuses a minimum outside 0..1', () => {
    const file = join(dir, 'range.yaml');
    writeFileSync(file, 'people.recall: 95\n');
    expect(() => readThresholds(file)).toThrow(/:1: a threshold is a number from 0 to 1/);
  });

  it('takes --threshold as a new default or as pattern=minimum', () => {
    const out = applyThresholdArgs({ default: 0.9, overrides: [] }, ['0.75', 'figures.precision=0.95']);
    expect(thresholdFor('all.dates.recall', out)).toBe(0.75);
    expect(thresholdFor('en.figures.precision', out)).toBe(0.95);
    expect(() => applyThresholdArgs(out, ['peoples=0.5'])).toThrow(/not a threshold pattern/);
    expect(() => applyThresholdArgs(out, ['high'])).toThrow(/number from 0 to 1/);
  });
});
