/**
 * runCheck, formatCheck and updateFixtures on small fixture folders made in a temp directory,
 * with a stand-in analyser so that the figures are known exactly whatever the extractors do.
 * (The real pipeline is exercised by cli.test.ts in this folder.)
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Analysed } from '../../src/batch/analyser.js';
import type { DocumentRecord } from '../../src/record.js';
import type { ExpectedRecord } from '../../src/check/compare.js';
import { formatCheck, runCheck } from '../../src/check/run.js';
import { formatExpected, lineDiff, toExpected, updateFixtures } from '../../src/check/update.js';
import { englishRecord, frenchRecord } from '../review/synthetic.js';

const EN_SOURCE = 'seeds/en.txt';
const FR_SOURCE = 'seeds/fr.txt';
const lenient = { default: 0.9, overrides: [] };

let dir: string;
let records: Map<string, DocumentRecord>;

/** Stands in for the pipeline: the record prepared for each source. */
function analyse(path: string): Analysed {
  const record = records.get(path);
  return record ? { ok: true, path, record, times: {} } : { ok: false, path, error: `${path}: not text`, code: 'invalid-input' };
}

function writeExpected(name: string, e: ExpectedRecord): void {
  writeFileSync(join(dir, 'expected', name), JSON.stringify(e, null, 2));
}
const readExpectedFile = (name: string) => JSON.parse(readFileSync(join(dir, 'expected', name), 'utf8')) as ExpectedRecord;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'communique-check-'));
  mkdirSync(join(dir, 'seeds'));
  mkdirSync(join(dir, 'expected'));
  const en = englishRecord();
  const fr = frenchRecord();
  records = new Map([
    [EN_SOURCE, en],
    [FR_SOURCE, fr],
  ]);
  writeFileSync(join(dir, EN_SOURCE), en.text);
  writeFileSync(join(dir, FR_SOURCE), fr.text);
  // The expected records say exactly what the stand-in finds: a person's reading, agreed.
  writeExpected('en.json', toExpected(en, EN_SOURCE));
  writeExpected('fr.json', toExpected(fr, FR_SOURCE));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The deliberate change: the reader now expects a person the release never names, and no longer Aiman Ezzat. */
function changeEnglishFixture(): void {
  const e = readExpectedFile('en.json');
  e.people = e.people.filter((p) => p.name !== 'Aiman Ezzat');
  e.people.push({ name: 'Zoé Imaginaire', aliases: [], roles: [] });
  e.dates = e.dates.map((d) => (d.value === '2020' ? { value: '2019', grain: 'year' } : d));
  writeExpected('en.json', e);
}

describe('runCheck', () => {
  it('scores fixtures that match their expected records as 1 everywhere, with no failure', () => {
    const result = runCheck({ fixturesDir: dir, analyse, thresholds: lenient, baseline: null });
    expect(result.perDocument.map((d) => d.source)).toEqual([EN_SOURCE, FR_SOURCE]);
    expect(Object.values(result.figures).every((v) => v === 1)).toBe(true);
    expect(result.failures).toEqual([]);
    expect(result.errors).toEqual([]);
  });

  it('reports what a deliberately changed fixture misses and finds extra, and fails below the threshold', () => {
    changeEnglishFixture();
    const result = runCheck({ fixturesDir: dir, analyse, thresholds: lenient, baseline: null });
    const en = result.perDocument.find((d) => d.source === EN_SOURCE)!;
    expect(en.scores.people.missed).toEqual(['Zoé Imaginaire']);
    expect(en.scores.people.extra).toEqual(['Aiman Ezzat']);
    expect(en.scores.dates.missed).toEqual(['2019']);
    expect(en.scores.dates.extra).toEqual(['2020']);
    // English people: 3 found, 3 expected, 2 right.
    expect(result.figures['en.people.precision']).toBeCloseTo(2 / 3);
    expect(result.figures['en.people.recall']).toBeCloseTo(2 / 3);
    // Over both languages: 4 found, 4 expected, 3 right; French alone untouched.
    expect(result.figures['all.people.recall']).toBeCloseTo(3 / 4);
    expect(result.figures['fr.people.recall']).toBe(1);
    const failing = result.failures.map((f) => `${f.key} ${f.against}`);
    expect(failing).toContain('en.people.recall threshold');
    expect(failing).toContain('all.people.recall threshold');
    expect(failing).toContain('en.dates.precision threshold');
    expect(failing.some((f) => f.startsWith('fr.'))).toBe(false);
  });

  it('holds a figure to the accepted baseline even when it clears the threshold', () => {
    changeEnglishFixture();
    const baseline = { accepted: '2026-01-01T00:00:00.000Z', figures: { 'all.people.recall': 1, 'all.organisations.recall': 1 } };
    const result = runCheck({ fixturesDir: dir, analyse, thresholds: { default: 0.5, overrides: [] }, baseline });
    expect(result.failures).toEqual([{ key: 'all.people.recall', value: 0.75, limit: 1, against: 'baseline' }]);
  });

  it('reads the thresholds and the baseline of the fixtures folder when none are given', () => {
    changeEnglishFixture();
    writeFileSync(join(dir, 'thresholds.yaml'), '# minimums\ndefault: 0.5\npeople.recall: 0.8\n');
    const result = runCheck({ fixturesDir: dir, analyse });
    expect(result.failures.map((f) => f.key).sort()).toEqual(['all.people.recall', 'en.people.recall']);
  });

  it('counts a fixture whose source file is missing as an error with everything expected missed', () => {
    rmSync(join(dir, FR_SOURCE));
    const result = runCheck({ fixturesDir: dir, analyse, thresholds: lenient, baseline: null });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toContain('fr.txt');
    expect(result.figures['fr.dates.recall']).toBe(0);
    expect(result.figures['all.published.accuracy']).toBe(0.5);
  });

  it('says so when the pipeline gets the language or the published date wrong', () => {
    records.get(FR_SOURCE)!.published = '2014-02-01';
    const result = runCheck({ fixturesDir: dir, analyse, thresholds: lenient, baseline: null });
    expect(result.figures['all.published.accuracy']).toBe(0.5);
    expect(formatCheck(result)).toContain('published      expected 2014-01-31, found 2014-02-01');
  });
});

describe('formatCheck', () => {
  it('prints a table per type and language, then each document that differs, then what is below its limit', () => {
    changeEnglishFixture();
    const text = formatCheck(runCheck({ fixturesDir: dir, analyse, thresholds: lenient, baseline: null }));
    const lines = text.split('\n');
    expect(lines.some((l) => /^people\s+en\s+0\.667!\s+0\.667!\s+0\.667!\s+2\/3\/3$/.test(l))).toBe(true);
    expect(lines.some((l) => /^people\s+fr\s+1\.000\s+1\.000\s+1\.000\s+1\/1\/1$/.test(l))).toBe(true);
    expect(text).toContain('seeds/en.txt (en, en.json)');
    expect(text).toContain('people         missed: Zoé Imaginaire');
    expect(text).toContain('people         extra:  Aiman Ezzat');
    expect(text).not.toContain('seeds/fr.txt (');
    expect(text).toMatch(/en\.people\.recall\s+0\.667 < threshold 0\.900/);
  });
});

describe('updateFixtures (check --update)', () => {
  it('rewrites the changed fixture from what was found, shows the diff, writes the baseline, and the next check passes', () => {
    changeEnglishFixture();
    const before = readFileSync(join(dir, 'expected', 'fr.json'), 'utf8');
    const result = runCheck({ fixturesDir: dir, analyse, thresholds: lenient, baseline: null });
    const outcome = updateFixtures(result, { now: new Date('2026-11-22T12:00:00Z') });

    const en = outcome.files.find((f) => f.file.endsWith('en.json'))!;
    expect(en.diff.some((l) => l.startsWith('- ') && l.includes('Zoé Imaginaire'))).toBe(true);
    expect(en.diff.some((l) => l.startsWith('+ ') && l.includes('Aiman Ezzat'))).toBe(true);
    expect(en.diff.every((l) => /^[-+] /.test(l))).toBe(true);
    const written = readExpectedFile('en.json');
    expect(written.people.map((p) => p.name)).toEqual(['Jean-Yves Le Gall', 'Aiman Ezzat', 'Pascale Bresson']);
    expect(written.people[0]!.roles).toEqual([{ title: 'President', organisation: 'CNES' }]);
    expect(written.dates.map((d) => d.value)).toEqual(['2021-04-02', '2021-03-22', '2020']);
    expect(written.figures[1]).toEqual({ value: 270000, unit: 'team members', kind: 'count', qualifier: 'nearly' });
    // The French fixture said the same thing already: same meaning, and reported unchanged only if byte-identical.
    expect(readExpectedFile('fr.json')).toEqual(JSON.parse(before));

    const baseline = JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8'));
    expect(baseline.accepted).toBe('2026-11-22T12:00:00.000Z');
    expect(baseline.figures['en.people.recall']).toBeCloseTo(0.6667, 4);

    const again = runCheck({ fixturesDir: dir, analyse, thresholds: lenient });
    expect(again.failures).toEqual([]);
    expect(Object.values(again.figures).every((v) => v === 1)).toBe(true);
  });

  it('updates only the fixtures it is given by name', () => {
    changeEnglishFixture();
    records.get(FR_SOURCE)!.people = [];
    const result = runCheck({ fixturesDir: dir, analyse, thresholds: lenient, baseline: null });
    const outcome = updateFixtures(result, { only: [FR_SOURCE] });
    expect(outcome.files.map((f) => f.file)).toEqual([join(dir, 'expected', 'fr.json')]);
    expect(readExpectedFile('fr.json').people).toEqual([]);
    expect(readExpectedFile('en.json').people.map((p) => p.name)).toContain('Zoé Imaginaire');
  });

  it('keeps a fixture the pipeline could not analyse as it was', () => {
    records.delete(FR_SOURCE);
    const result = runCheck({ fixturesDir: dir, analyse, thresholds: lenient, baseline: null });
    const before = readFileSync(join(dir, 'expected', 'fr.json'), 'utf8');
    const outcome = updateFixtures(result, { baseline: false });
    expect(outcome.skipped).toEqual([`${FR_SOURCE}: ${FR_SOURCE}: not text`]);
    expect(readFileSync(join(dir, 'expected', 'fr.json'), 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'baseline.json'))).toBe(false);
  });

  it('keeps notes a reader added to an expected record', () => {
    const e = { ...readExpectedFile('fr.json'), notes: 'SWOT is a mission, not an organisation' };
    writeExpected('fr.json', e as ExpectedRecord);
    updateFixtures(runCheck({ fixturesDir: dir, analyse, thresholds: lenient, baseline: null }), { baseline: false });
    expect((readExpectedFile('fr.json') as ExpectedRecord & { notes?: string }).notes).toBe('SWOT is a mission, not an organisation');
  });
});

describe('the expected record file format', () => {
  it('writes one entity a line so that a change is a one-line diff', () => {
    const text = formatExpected(toExpected(englishRecord(), EN_SOURCE));
    expect(text).toContain('\n    { "name": "Aiman Ezzat", "aliases": [], "roles": [{ "title": "CEO", "organisation": "Capgemini" }] },\n');
    expect(text).toContain('\n    { "value": "2021-03-22", "grain": "day" },\n');
    expect(JSON.parse(text).source).toBe(EN_SOURCE);
  });

  it('diffs by lines, keeping what both sides share out of the diff', () => {
    expect(lineDiff('a\nb\nc\nd', 'a\nc\nd\ne')).toEqual(['- b', '+ e']);
    expect(lineDiff('same', 'same')).toEqual([]);
  });
});

describe('the baseline', () => {
  it('leaves out figures over nothing found or nothing expected, which a first real attempt could only lower', () => {
    records.get(EN_SOURCE)!.people = [];
    const fr = readExpectedFile('fr.json');
    fr.figures = [];
    writeExpected('fr.json', fr);
    updateFixtures(runCheck({ fixturesDir: dir, analyse, thresholds: lenient, baseline: null }), { records: false });
    const figures = JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8')).figures as Record<string, number>;
    expect(figures['en.people.precision']).toBeUndefined();
    expect(figures['en.people.f1']).toBeUndefined();
    expect(figures['en.people.recall']).toBe(0);
    expect(figures['fr.figures.recall']).toBeUndefined();
    expect(figures['fr.figures.precision']).toBe(0);
    expect(figures['all.language.accuracy']).toBe(1);
  });
});
