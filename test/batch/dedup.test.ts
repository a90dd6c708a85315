/** Deduplication across documents: one record per release, whatever the copies look like. */
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, type InputOutcome, type IngestResult } from '../../src/ingest.js';
import type { DocumentRecord } from '../../src/record.js';
import { readRecords, removeTempDirs, tempDir } from './helpers.js';

const DATA = 'test/data/dedup';
const SEEDS = 'fixtures/seeds';

afterAll(removeTempDirs);

function outcome(result: IngestResult, path: string): InputOutcome {
  const found = result.report.inputs.find((i) => i.path === path);
  if (!found) throw new Error(`${path} is not in the report`);
  return found;
}

function recordOf(records: DocumentRecord[], path: string): DocumentRecord {
  const found = records.find((r) => r.sources.some((s) => s.path === path));
  if (!found) throw new Error(`no record lists ${path}`);
  return found;
}

describe('copies of one release', () => {
  let result: IngestResult;
  let records: DocumentRecord[];
  const original = join(DATA, 'harbour-lidar.txt');

  beforeAll(async () => {
    const out = tempDir();
    result = await ingest({ inputs: [DATA], out, workers: 0 });
    records = readRecords(out);
  });

  it('reads every release file of the folder and no other file', () => {
    const paths = result.report.inputs.map((i) => i.path);
    expect(paths).toContain(join(DATA, 'copies', 'harbour-lidar.txt'));
    expect(paths).toContain(join(DATA, 'harbour-lidar.html'));
    expect(paths).not.toContain(join(DATA, 'README'));
    expect(result.report.skipped.map((s) => s.path)).toContain(join(DATA, 'README'));
    expect(result.report.summary.errors).toBe(0);
  });

  it('gives one record for the same bytes in two folders, listing both sources', () => {
    const r = recordOf(records, original);
    expect(r.sources.map((s) => s.path)).toContain(join(DATA, 'copies', 'harbour-lidar.txt'));
    const o = outcome(result, original);
    const c = outcome(result, join(DATA, 'copies', 'harbour-lidar.txt'));
    // The first in listing order carries the record; the other joins it with similarity 1.
    expect(c).toMatchObject({ outcome: 'record', record: r.id });
    expect(o).toMatchObject({ outcome: 'duplicate', record: r.id, similarity: 1, duplicateOf: join(DATA, 'copies', 'harbour-lidar.txt') });
  });

  it.each([
    ['Windows line ends', 'harbour-lidar-crlf.txt'],
    ['another wrapping width and spacing', 'harbour-lidar-rewrapped.txt'],
    ['a newswire header, About paragraph and media contact', 'harbour-lidar-wire.txt'],
    ['a web page with navigation and footer', 'harbour-lidar.html'],
  ])('merges the same release with %s into the same record, saying how similar it was', (_what, name) => {
    const path = join(DATA, name);
    const o = outcome(result, path);
    const r = recordOf(records, original);
    expect(o).toMatchObject({ outcome: 'duplicate', record: r.id });
    if (o.outcome !== 'duplicate') return;
    expect(o.similarity).toBeGreaterThan(0.5);
    expect(o.similarity).toBeLessThanOrEqual(1);
    expect(r.sources.map((s) => s.path)).toContain(path);
  });

  it.each([
    ['written from the same template for another port', 'harbour-lidar-q-series.txt'],
    ['reusing the text a year later with new figures and dates', 'harbour-lidar-one-year-on.txt'],
  ])('keeps a release %s apart', (_what, name) => {
    const other = join(DATA, name);
    expect(outcome(result, other).outcome).toBe('record');
    expect(recordOf(records, other).id).not.toBe(recordOf(records, original).id);
  });

  it('ends with one record per release', () => {
    expect(records).toHaveLength(3);
    expect(result.report.summary).toMatchObject({ records: 3, duplicates: 5 });
  });

  it('lists the representative first, then the other sources by path, each with its own hash', () => {
    const r = recordOf(records, original);
    const paths = r.sources.map((s) => s.path);
    expect(paths.slice(1)).toEqual([...paths.slice(1)].sort());
    expect(new Set(r.sources.map((s) => s.sha256)).size).toBeGreaterThan(1);
  });
});

describe('the seed releases', () => {
  let result: IngestResult;
  let records: DocumentRecord[];

  beforeAll(async () => {
    const out = tempDir();
    result = await ingest({ inputs: [SEEDS], out, workers: 0 });
    records = readRecords(out);
  });

  it('keeps the 2019 and the 2020 International Affairs Seminar as two records', () => {
    const a = recordOf(records, join(SEEDS, '001_8805e3440ddb7710.txt'));
    const b = recordOf(records, join(SEEDS, '002_b96273b11e37592f.txt'));
    expect(a.id).not.toBe(b.id);
    expect(result.report.summary.duplicates).toBe(0);
    expect(records).toHaveLength(5);
  });

  it('links the English and the French version of the same page as translations of each other', () => {
    const en = recordOf(records, join(SEEDS, '003_1c6d0728b4ca7c7a.txt'));
    const fr = recordOf(records, join(SEEDS, '004_f93a9327478c6bd2.txt'));
    expect(en.language).toBe('en');
    expect(fr.language).toBe('fr');
    expect(en.translations).toEqual([fr.id]);
    expect(fr.translations).toEqual([en.id]);
  });

  it('links no other seed', () => {
    const linked = records.filter((r) => r.translations.length > 0).map((r) => r.sources[0]!.path);
    expect(linked.sort()).toEqual([join(SEEDS, '003_1c6d0728b4ca7c7a.txt'), join(SEEDS, '004_f93a9327478c6bd2.txt')]);
  });

  it('gives the same record ids whatever the order the inputs are named in', async () => {
    const out = tempDir();
    const names = ['004_f93a9327478c6bd2.txt', '001_8805e3440ddb7710.txt', '003_1c6d0728b4ca7c7a.txt', '000_7130c381d7c615da.txt', '002_b96273b11e37592f.txt'];
    await ingest({ inputs: names.map((n) => join(SEEDS, n)), out, workers: 0, concurrency: 3 });
    expect(readRecords(out).map((r) => r.id)).toEqual(records.map((r) => r.id));
  });
});

describe('a folder of copies named like each other', () => {
  it('merges a copy renamed and moved under a folder whose name has spaces and accents', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'Communiqués de presse; archive'), { recursive: true });
    cpSync(join(SEEDS, '004_f93a9327478c6bd2.txt'), join(root, 'Communiqués de presse; archive', 'été 2019.txt'));
    cpSync(join(SEEDS, '004_f93a9327478c6bd2.txt'), join(root, 'a.txt'));
    const out = tempDir();
    const { report } = await ingest({ inputs: [root], out, workers: 0 });
    expect(report.summary).toMatchObject({ inputs: 2, records: 1, duplicates: 1, errors: 0 });
    const [r] = readRecords(out);
    expect(r!.sources.map((s) => s.path)).toEqual([join(root, 'Communiqués de presse; archive', 'été 2019.txt'), join(root, 'a.txt')]);
  });
});
