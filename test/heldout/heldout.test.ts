/**
 * The held-out evaluation: 16 press releases nobody tuned the extractors to (8 real English wire
 * releases from the shared corpus, 8 French releases written in the style of French institutional
 * and corporate releases), each with an expected record written by reading the text and following
 * shared/entity-conventions.md. See test/heldout/README.md for the choices made where the
 * conventions are silent.
 *
 * The figures printed (precision and recall per type and language, then what each release missed
 * and found extra) are the point of this test; the floors below only guard against a collapse.
 * Do not tune rules to these releases: that would turn them into training data and the figures
 * would stop saying how the extractors generalise.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECKED_TYPES, type CheckedType } from '../../src/check/compare.js';
import { expectedFiles, formatCheck, runCheck } from '../../src/check/run.js';

const HELDOUT = import.meta.dirname;

/**
 * A modest floor for precision and recall per type and language, set from the first figures
 * (README): about 0.15 to 0.2 under the weakest of precision and recall of each type, so a
 * collapse fails and ordinary work on the rules does not. Raise a floor when its type improves.
 */
const FLOORS: Record<CheckedType, number> = { people: 0.55, organisations: 0.45, dates: 0.75, figures: 0.75 };
const FLOOR = 0.5;

const result = runCheck({
  fixturesDir: HELDOUT,
  thresholds: { default: FLOOR, overrides: CHECKED_TYPES.map((type) => ({ pattern: type, min: FLOORS[type] })) },
  baseline: null,
});
console.log(formatCheck(result));

describe('the held-out releases', () => {
  it('has an expected record for each of the 16 releases, 8 in each language', () => {
    const languages = expectedFiles(HELDOUT).map((f) => (JSON.parse(readFileSync(f, 'utf8')) as { language: string }).language);
    expect(languages.filter((l) => l === 'en')).toHaveLength(8);
    expect(languages.filter((l) => l === 'fr')).toHaveLength(8);
  });

  it('analyses every release without an error', () => {
    expect(result.errors).toEqual([]);
    expect(result.perDocument.every((d) => d.record !== null)).toBe(true);
  });

  it('detects the language of every release', () => {
    const wrong = result.perDocument.filter((d) => d.language.found !== d.language.expected).map((d) => d.source);
    expect(wrong).toEqual([]);
  });

  it(`finds the published date of most releases (at least ${FLOOR * 100} %)`, () => {
    expect(result.figures['all.published.accuracy']).toBeGreaterThanOrEqual(FLOOR);
  });

  describe.each(['en', 'fr'])('in %s', (language) => {
    it.each(CHECKED_TYPES.map((type) => [type, FLOORS[type]] as const))('finds %s with precision and recall of at least %s', (type, floor) => {
      expect(result.figures[`${language}.${type}.precision`]).toBeGreaterThanOrEqual(floor);
      expect(result.figures[`${language}.${type}.recall`]).toBeGreaterThanOrEqual(floor);
    });
  });
});
