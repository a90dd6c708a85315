/**
 * Every regex the stages compile from rules must survive hostile text: 50,000 characters of one
 * repeated unit ("a", "1 1 1", "A. A. A.", dashes and spaces...), alone and inside a real
 * release in each language. The real pipeline runs on them in worker threads with the time
 * budget: each document must come back as a record or as an error that names it. A document
 * reported as over the budget is allowed (that is what the budget is for) but printed, so
 * whoever owns the stage sees it; a crash is not allowed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Analysed, Analyser, AnalyserOptions } from '../../src/batch/analyser.js';
import { buildPackage, REPO, type Build } from '../workers/build.js';

const LENGTH = 50_000;
const UNITS = [
  'a', 'A', '1 ', '1', 'A. ', '- ', '-', '  -', '1,', '1.', '1:', '1/', '1 000 ', '(', ')', '((a)', 'Aaaa ', 'Jean-', 'M. ',
  'de la ', 'of the ', 'The ', 'Inc. ', 'ABC ', '(ABC) ', '€', '$1 ', '% ', '1er ', 'mars ', 'Jan. 1, ', 'Le 3 mars 2024, ',
  '2024 ', "l'", '« ', 'a@', 'a.b@c.d ', 'http://a.', 'é', 'À ', ', , ', '...', '\u00a0', '\u200b', 'Mr. Smith of Acme Inc. ',
];
const repeat = (unit: string) => unit.repeat(Math.ceil(LENGTH / unit.length)).slice(0, LENGTH);

const english = readFileSync(join(REPO, 'fixtures', 'seeds', '001_8805e3440ddb7710.txt'), 'utf8');
const french = readFileSync(join(REPO, 'fixtures', 'seeds', '004_f93a9327478c6bd2.txt'), 'utf8');
const inside = (release: string, unit: string) => `${release.slice(0, 800)} ${repeat(unit)} ${release.slice(800)}`;

const documents = UNITS.flatMap((unit, i) => [
  { path: `/hostile/${i}-alone.txt`, unit, text: repeat(unit) },
  { path: `/hostile/${i}-in-english.txt`, unit, text: inside(english, unit) },
  { path: `/hostile/${i}-in-french.txt`, unit, text: inside(french, unit) },
]);

let build: Build;
let results: Analysed[];

beforeAll(async () => {
  build = buildPackage();
  const { createAnalyser } = await build.load<{ createAnalyser(o: AnalyserOptions): Analyser }>('batch/analyser.js');
  const analyser = createAnalyser({ workers: 2, timeoutMs: 30_000 });
  results = await Promise.all(documents.map((d) => analyser.analyse(d.path, Buffer.from(d.text))));
  await analyser.close();
}, 600_000);
afterAll(() => build?.remove());

describe('the pipeline on adversarial text', () => {
  it('returns one result per document', () => {
    expect(results).toHaveLength(documents.length);
    expect(results.map((r) => r.path)).toEqual(documents.map((d) => d.path));
  });

  it.each(documents.map((d, i) => [JSON.stringify(d.unit), d.path.replace(/^.*-/, '').replace('.txt', ''), i] as const))(
    'survives %s repeated (%s): a record, or an error that names the file',
    (unit, _where, i) => {
      const r = results[i]!;
      if (r.ok) {
        expect(r.record.sources[0]!.path).toBe(documents[i]!.path);
        return;
      }
      expect(r.error.startsWith(`${documents[i]!.path}: `)).toBe(true);
      // A problem of the document (empty, over the budget...), never a crash of the analysis.
      expect(['crashed', 'internal']).not.toContain(r.code);
      if (r.code === 'timeout') console.warn(`adversarial text: ${unit} repeated went over the 30 s budget: ${r.error}`);
    },
  );
});
