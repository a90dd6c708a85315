/**
 * The worker-thread analyser: same records as in-process, a time budget that skips a document
 * stuck in an endless loop and replaces its worker, and crashes reported without stopping the batch.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseBytes, type Analysed, type Analyser, type AnalyserOptions } from '../../src/batch/analyser.js';
import { buildPackage, REPO, type Build } from './build.js';

type AnalyserModule = { createAnalyser(options: AnalyserOptions): Analyser };

let build: Build;
let compiled: AnalyserModule;

/** Seeds plus a spread of real wire releases, read once. */
function sampleDocuments(): Array<{ path: string; bytes: Buffer }> {
  const seeds = join(REPO, 'fixtures', 'seeds');
  const wire = join(REPO, '..', 'shared', 'corpus', 'wire-en');
  const wireNames = readdirSync(wire).sort();
  const picked = wireNames.filter((_, i) => i % 100 === 0).map((n) => join(wire, n));
  const seedPaths = readdirSync(seeds).sort().map((n) => join(seeds, n));
  return [...seedPaths, ...picked].map((path) => ({ path, bytes: readFileSync(path) }));
}

async function runAll(analyser: Analyser, docs: Array<{ path: string; bytes: Buffer }>): Promise<Analysed[]> {
  // Copies: the analyser takes ownership of the bytes it is given.
  const results = await Promise.all(docs.map((d) => analyser.analyse(d.path, Buffer.from(d.bytes))));
  await analyser.close();
  return results;
}

const withoutTimes = (r: Analysed) => (r.ok ? { ...r, times: undefined } : r);

beforeAll(() => {
  build = buildPackage();
});
beforeAll(async () => {
  compiled = await build.load<AnalyserModule>('batch/analyser.js');
});
afterAll(() => build?.remove());

describe('the worker-thread analyser', () => {
  it('gives the same results as analysing in-process, with one worker or two', async () => {
    const docs = sampleDocuments();
    expect(docs.length).toBeGreaterThan(20);
    const inProcess = docs.map((d) => analyseBytes(d.path, Buffer.from(d.bytes)));
    const one = await runAll(compiled.createAnalyser({ workers: 1 }), docs);
    const two = await runAll(compiled.createAnalyser({ workers: 2 }), docs);
    expect(inProcess.filter((r) => !r.ok)).toEqual([]);
    expect(one.map(withoutTimes)).toEqual(inProcess.map(withoutTimes));
    expect(two.map(withoutTimes)).toEqual(inProcess.map(withoutTimes));
  });

  it('hands the bytes to the worker without copying them: the caller\'s buffer is emptied', async () => {
    const [doc] = sampleDocuments();
    const owned = Buffer.from(new Uint8Array(doc!.bytes));
    expect(owned.byteLength).toBeGreaterThan(0);
    const analyser = compiled.createAnalyser({ workers: 1 });
    await analyser.analyse(doc!.path, Buffer.from(doc!.bytes)); // the worker has started
    const result = await analyser.analyse(doc!.path, owned);
    await analyser.close();
    expect(result.ok).toBe(true);
    expect(owned.buffer.byteLength).toBe(0);
  });

  it('returns the time spent in every stage of the pipeline', async () => {
    const [doc] = sampleDocuments();
    const [result] = await runAll(compiled.createAnalyser({ workers: 1 }), [doc!]);
    expect(result!.ok).toBe(true);
    if (!result!.ok) return;
    for (const stage of ['read', 'normalise', 'language', 'dates', 'figures', 'organisations', 'people', 'contacts']) {
      expect(result!.times[stage], stage).toBeGreaterThanOrEqual(0);
    }
  });

  describe('with a worker whose analysis never ends on some files', () => {
    let script: URL;
    beforeAll(() => {
      // A worker speaking the real protocol around the real analysis, except that a file whose
      // name contains "endless" loops for ever and one containing "crash" kills its thread.
      const file = join(build.root, 'test-worker.js');
      writeFileSync(
        file,
        [
          "import { analyseBytes } from './dist/batch/analyser.js';",
          "import { serve } from './dist/batch/workers/serve.js';",
          'serve((path, bytes, rulesDir) => {',
          "  if (path.includes('endless')) for (;;);",
          "  if (path.includes('crash')) process.exit(3);",
          '  return analyseBytes(path, bytes, rulesDir);',
          '});',
        ].join('\n'),
      );
      script = new URL(`file://${file}`);
    });

    it('reports the stuck document by name once its time budget is spent, and analyses the others', async () => {
      const docs = sampleDocuments().slice(0, 6);
      const stuck = { path: '/releases/endless loop.txt', bytes: Buffer.from('Paris, le 3 mars 2024. Texte.') };
      const input = [docs[0]!, stuck, ...docs.slice(1)];
      const results = await runAll(compiled.createAnalyser({ workers: 2, timeoutMs: 2000, workerScript: script }), input);
      expect(results[1]).toEqual({ ok: false, path: stuck.path, code: 'timeout', error: `${stuck.path}: took longer than 2 s; skipped` });
      const others = results.filter((_, i) => i !== 1);
      expect(others.filter((r) => !r.ok)).toEqual([]);
      expect(others).toHaveLength(docs.length);
    });

    it('replaces a worker terminated for a stuck document, even when every worker got stuck', async () => {
      const docs = sampleDocuments().slice(0, 3);
      const stuck = [1, 2, 3].map((i) => ({ path: `/in/endless-${i}.txt`, bytes: Buffer.from('Texte.') }));
      const results = await runAll(compiled.createAnalyser({ workers: 2, timeoutMs: 2000, workerScript: script }), [...stuck, ...docs]);
      expect(results.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['timeout', 'timeout', 'timeout', 'ok', 'ok', 'ok']);
      expect(results[0]!.ok === false && results[0]!.error).toMatch(/endless-1\.txt: took longer than 2 s; skipped/);
    });

    it('reports a document whose worker died, naming the file, and goes on', async () => {
      const docs = sampleDocuments().slice(0, 3);
      const crash = { path: '/in/crash.txt', bytes: Buffer.from('Texte.') };
      const results = await runAll(compiled.createAnalyser({ workers: 1, workerScript: script }), [docs[0]!, crash, docs[1]!, crash, docs[2]!]);
      expect(results.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['ok', 'crashed', 'ok', 'crashed', 'ok']);
      expect(results[1]!.ok === false && results[1]!.error).toMatch(/^\/in\/crash\.txt: the analysis stopped unexpectedly/);
    });
  });

  it('refuses a negative number of workers', () => {
    expect(() => compiled.createAnalyser({ workers: -1 })).toThrow(/workers must be a whole number/);
  });
});
