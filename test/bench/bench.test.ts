/** The benchmark itself, on a small corpus: it runs the real command and its figures add up. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { buildPackage, REPO, type Build } from '../workers/build.js';
import type { BenchOptions, BenchResult, formatResult as Format } from '../../src/bench/bench.js';

type BenchModule = { runBench(o: BenchOptions): Promise<BenchResult>; formatResult: typeof Format };

let build: Build;
let result: BenchResult;
let text: string;

beforeAll(async () => {
  build = buildPackage();
  const bench = await build.load<BenchModule>('bench/bench.js');
  result = await bench.runBench({ docs: 40, growth: false, baselineDocs: 5, stageDocs: 10, scalingDocs: 8, seed: 1, wireDir: join(REPO, '..', 'shared', 'corpus', 'wire-en'), seedsDir: join(REPO, 'fixtures', 'seeds') });
  text = bench.formatResult(result);
}, 180_000);
afterAll(() => build?.remove());

describe('the benchmark on 40 documents', () => {
  it('accounts for every document of the corpus in the ingest run', () => {
    expect(result.corpus).toMatchObject({ docs: 40, english: 32, french: 8 });
    const i = result.ingest;
    expect(i.docs).toBe(40);
    expect(i.records + i.duplicates + i.errors).toBe(40);
    expect(i.exitCode).toBe(i.errors > 0 ? 1 : 0);
  });

  it('derives its rates from the measured time and size', () => {
    const i = result.ingest;
    expect(i.seconds).toBeGreaterThan(0);
    expect(i.docsPerSecond).toBeCloseTo(40 / i.seconds, 6);
    expect(i.mbPerSecond).toBeCloseTo(result.corpus.megabytes / i.seconds, 6);
    expect(i.peakRssMB).toBeGreaterThan(20);
    expect(result.helpMs).toBeGreaterThan(0);
  });

  it('times every stage of the pipeline and runs the compromise baseline', () => {
    expect(Object.keys(result.stages.msPerDoc)).toEqual(expect.arrayContaining(['read', 'normalise', 'language', 'dates', 'figures', 'organisations', 'people']));
    expect(result.baseline?.docs).toBe(5);
    expect(result.baseline!.docsPerSecond).toBeGreaterThan(0);
    expect(result.ratio).toBeCloseTo(result.ingest.docsPerSecond / result.baseline!.docsPerSecond, 6);
  });

  it('runs the stages on one thread, then on two at once, and reports what the second adds', () => {
    const sc = result.scaling!;
    expect(sc.docs).toBe(8);
    expect(sc.oneThread).toBeGreaterThan(0);
    expect(sc.twoThreads).toBeGreaterThan(0);
    expect(sc.speedup).toBeCloseTo(sc.twoThreads / sc.oneThread, 6);
    expect(text).toMatch(/stages alone on 8 documents: one thread [\d,]+ docs\/s, two threads at once [\d,]+ docs\/s/);
  });

  it('prints the figures and says which targets are met', () => {
    expect(text).toMatch(/40 documents \(32 English wire, 8 French variations/);
    expect(text).toMatch(/docs\/s .* MB\/s .* peak RSS \d+ MB/);
    expect(text).toMatch(/baseline: compromise/);
    expect(text).toMatch(/>= 1,500 docs\/s end to end: (met|NOT MET)/);
    expect(text).toMatch(/--help < 300 ms: (met|NOT MET)/);
  });
});
