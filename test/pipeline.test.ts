/** The composition of the stages: their declared inputs and a failing stage's effect. */
import { describe, expect, it } from 'vitest';
import { STAGES, checkStages, runStages, type Stage } from '../src/pipeline.js';
import { textDocument } from '../src/document.js';
import { loadRules } from '../src/rules/index.js';

const rules = loadRules();


describe('the pipeline', () => {
  it('declares stages whose inputs are all written by an earlier stage', () => {
    expect(() => checkStages(STAGES)).not.toThrow();
  });

  it('refuses a stage that reads what no earlier stage writes', () => {
    const late = STAGES.find((s) => s.name === 'dates')!;
    expect(() => checkStages([late, ...STAGES.filter((s) => s !== late)])).toThrow(/stage "dates" reads "language" but no earlier stage writes it/);
  });

  it('keeps the entities of the other stages when one stage throws, and says which failed', () => {
    const broken: Stage = { name: 'figures', reads: [], writes: ['entities.figures'], run: () => { throw new Error('boom'); } };
    const stages = STAGES.map((s) => (s.name === 'figures' ? broken : s));
    const d = runStages(stages, textDocument('Paris, le 13 mai 2019 – Le CNES a signé un contrat de 12 millions d\'euros avec Airbus.'), rules);
    expect(d.entities.figures).toEqual([]);
    expect(d.entities.dates.map((x) => x.value)).toContain('2019-05-13');
    expect(d.entities.organisations.map((o) => o.acronym ?? o.name)).toContain('CNES');
    expect(d.diagnostics).toContainEqual(expect.objectContaining({ stage: 'figures', severity: 'error', message: expect.stringContaining('boom') }));
  });

  it('finds the money in the same sentence when no stage throws', () => {
    const d = runStages(STAGES, textDocument('Paris, le 13 mai 2019 – Le CNES a signé un contrat de 12 millions d\'euros avec Airbus.'), rules);
    expect(d.entities.figures).toContainEqual(expect.objectContaining({ value: 12_000_000, unit: 'EUR', kind: 'money' }));
  });
});
