/** The library API: `import { ingest } from 'communique'` with typed options and results. */
import { afterAll, describe, expect, it } from 'vitest';
import * as communique from '../../src/index.js';
import type { IngestOptions, IngestResult, Progress } from '../../src/index.js';
import { removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

describe('ingest as a library', () => {
  it('returns the report and the run statistics, per-stage times included, and reports progress', async () => {
    const seen: Progress[] = [];
    const options: IngestOptions = { inputs: ['fixtures/seeds'], out: tempDir(), workers: 0, onProgress: (p) => seen.push(p) };
    const result: IngestResult = await communique.ingest(options);
    expect(result.report.summary.records).toBe(5);
    expect(result.stats.documents).toBe(5);
    expect(result.stats.bytes).toBeGreaterThan(1000);
    expect(Object.keys(result.stats.stageMs)).toEqual(expect.arrayContaining(['read', 'normalise', 'dates']));
    expect(seen.map((p) => p.done)).toEqual([1, 2, 3, 4, 5]);
    expect(seen.every((p) => p.total === 5)).toBe(true);
  });

  it('exports the errors a caller can tell apart', () => {
    expect(new communique.OutputError('x')).toBeInstanceOf(Error);
    expect(new communique.LockError('x')).toBeInstanceOf(Error);
    expect(communique.RuleError).toBeDefined();
  });
});
