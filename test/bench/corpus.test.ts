/** The benchmark corpus: deterministic, the requested size, French variations that really are French. */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyseBytes } from '../../src/batch/analyser.js';
import { frenchFixtures, generateCorpus, random } from '../../src/bench/corpus.js';

const work = mkdtempSync(join(tmpdir(), 'communique-corpus-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const contents = (paths: string[]) => paths.map((p) => readFileSync(p, 'utf8'));

describe('the benchmark corpus', () => {
  const a = generateCorpus({ docs: 60, outDir: join(work, 'a'), seed: 7 });

  it('writes exactly the number of documents asked for, and counts their bytes', () => {
    expect(a.documents).toHaveLength(60);
    const onDisk = readdirSync(join(work, 'a', '0000'));
    expect(onDisk).toHaveLength(60);
    expect(a.bytes).toBe(a.documents.reduce((n, d) => n + readFileSync(d.path).length, 0));
  });

  it('writes the same bytes for the same seed, and other bytes for another seed', () => {
    const b = generateCorpus({ docs: 60, outDir: join(work, 'b'), seed: 7 });
    const c = generateCorpus({ docs: 60, outDir: join(work, 'c'), seed: 8 });
    expect(contents(b.documents.map((d) => d.path))).toEqual(contents(a.documents.map((d) => d.path)));
    const french = (x: typeof a) => contents(x.documents.filter((d) => d.language === 'fr').map((d) => d.path));
    expect(french(c)).not.toEqual(french(a));
  });

  it('mixes one French document in five, some of them as HTML, with real English wire releases', () => {
    const fr = a.documents.filter((d) => d.language === 'fr');
    expect(fr).toHaveLength(12);
    expect(fr.filter((d) => d.format === 'html').length).toBeGreaterThanOrEqual(3);
    const en = a.documents.find((d) => d.language === 'en')!;
    const wire = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'wire-en');
    const firstWire = readdirSync(wire).sort()[0]!;
    expect(readFileSync(en.path, 'utf8')).toBe(readFileSync(join(wire, firstWire), 'utf8'));
  });

  it('gives French variations that the pipeline reads as French, with dates and figures', () => {
    for (const d of a.documents.filter((x) => x.language === 'fr')) {
      const r = analyseBytes(d.path, readFileSync(d.path));
      expect(r.ok, d.path).toBe(true);
      if (!r.ok) continue;
      expect(r.record.language, d.path).toBe('fr');
      expect(r.record.dates.length, d.path).toBeGreaterThan(0);
      expect(r.record.figures.length, d.path).toBeGreaterThan(0);
      expect(r.record.text, d.path).not.toMatch(/<p>|<script|dataLayer/);
    }
  });

  it('varies the French fixture: no two French documents share their text', () => {
    const fr = contents(a.documents.filter((d) => d.language === 'fr').map((d) => d.path));
    expect(new Set(fr).size).toBe(fr.length);
    expect(frenchFixtures(join(import.meta.dirname, '..', '..', 'fixtures', 'seeds')).length).toBeGreaterThan(0);
  });

  it('changes a wire release reused past the first round, so no two documents have the same text', () => {
    const wire = join(work, 'wire');
    mkdirSync(wire);
    const release = (i: number) =>
      `# Acme ${i} opens a plant\n\nDENVER, CO, May 2, 2024 -- Acme Corp. said on Thursday it will hire 250 people.\n\nThe plant cost $12 million.\n\nSecond paragraph ${i}.\n\nThird paragraph ${i}.\n`;
    for (let i = 0; i < 3; i++) writeFileSync(join(wire, `r${i}.md`), release(i));
    const corpus = generateCorpus({ docs: 20, outDir: join(work, 'reuse'), wireDir: wire, seed: 3 });
    const en = contents(corpus.documents.filter((d) => d.language === 'en').map((d) => d.path));
    expect(en).toHaveLength(16);
    expect(new Set(en).size).toBe(16);
    expect(en[3]).toMatch(/^# Acme \d opens a plant/);
  });
});

describe('the seeded random generator', () => {
  it('repeats its sequence for a seed and stays within [0, 1)', () => {
    const seq = (s: number) => Array.from({ length: 1000 }, random(s));
    expect(seq(42)).toEqual(seq(42));
    expect(seq(42)).not.toEqual(seq(43));
    expect(seq(42).every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
