/**
 * The example corpora of the figures rules (rules/figures/<lang>.examples.yaml), run as one table:
 * every sentence must give exactly the figures a careful reader lists, negatives give none.
 * Also: every rule id of a language file has at least one example, and the forms both languages
 * must read are exemplified in both.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Figure, Language } from '../../src/document.js';
import { readRuleFile, type Schema } from '../../src/rules/load.js';
import { wordKey } from '../../src/stages/extract/figures/rules.js';
import { RULES_DIR, figureRules, figuresOf } from './helpers.js';

interface Expected {
  value: number;
  valueMax?: number;
  unit: string | null;
  kind: string;
  qualifier?: string;
}
interface Example {
  text: string;
  figures: Expected[];
}

const expectedSchema: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['value', 'unit', 'kind'],
  properties: {
    value: { type: 'number' },
    valueMax: { type: 'number' },
    unit: { type: ['string', 'null'] },
    kind: { enum: ['money', 'percent', 'count', 'measure'] },
    qualifier: { type: 'string' },
  },
};
const examplesSchema: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['language', 'examples'],
  properties: {
    language: { enum: ['en', 'fr'] },
    examples: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['text', 'figures'],
        properties: { text: { type: 'string', minLength: 1 }, figures: { type: 'array', items: expectedSchema } },
      },
    },
  },
};

const dir = join(RULES_DIR, 'figures');
const corpora = readdirSync(dir)
  .filter((f) => f.endsWith('.examples.yaml'))
  .sort()
  .map((f) => readRuleFile<{ language: Language; examples: Example[] }>(join(dir, f), examplesSchema).data);

const same = (a: number, b: number) => Number(a.toPrecision(12)) === Number(b.toPrecision(12));

/** A found figure matches an expected one on value, range end, kind, unit and qualifier. */
function matches(e: Expected, f: Figure): boolean {
  if (!same(e.value, f.value) || e.kind !== f.kind) return false;
  if ((e.valueMax === undefined) !== (f.valueMax === undefined)) return false;
  if (e.valueMax !== undefined && !same(e.valueMax, f.valueMax!)) return false;
  const unit = (u: string | null) => (u === null ? '' : e.kind === 'count' ? wordKey(u) : u);
  if (unit(e.unit) !== unit(f.unit)) return false;
  return (e.qualifier ?? '').toLowerCase() === (f.qualifier ?? '').toLowerCase();
}

const describeFigure = (f: Expected) =>
  `${f.kind} ${f.value}${f.valueMax !== undefined ? `-${f.valueMax}` : ''} ${f.unit ?? ''}${f.qualifier ? ` (${f.qualifier})` : ''}`;

const scores = new Map<Language, { expected: number; found: number; correct: number; examples: number; negatives: number }>();
const producedRules = new Map<Language, Set<string>>();

afterAll(() => {
  const lines = [...scores].map(([lang, s]) => {
    const p = s.found ? s.correct / s.found : 1;
    const r = s.expected ? s.correct / s.expected : 1;
    return `figures examples ${lang}: ${s.examples} sentences (${s.negatives} negatives), precision ${p.toFixed(3)} recall ${r.toFixed(3)} (${s.correct} correct / ${s.found} found / ${s.expected} expected)`;
  });
  console.log(lines.join('\n'));
});

for (const corpus of corpora) {
  const lang = corpus.language;
  const score = { expected: 0, found: 0, correct: 0, examples: corpus.examples.length, negatives: 0 };
  scores.set(lang, score);
  const produced = new Set<string>();
  producedRules.set(lang, produced);

  describe(`the ${lang} figure examples`, () => {
    it('hold at least 150 positive and 40 negative sentences', () => {
      const negatives = corpus.examples.filter((e) => e.figures.length === 0).length;
      expect(negatives).toBeGreaterThanOrEqual(40);
      expect(corpus.examples.length - negatives).toBeGreaterThanOrEqual(150);
    });

    it.each(corpus.examples.map((e) => [e.text, e] as const))('read %s', (_text, example) => {
      const found = figuresOf(example.text, lang);
      for (const f of found) if (f.rule) produced.add(f.rule);
      const used = new Set<number>();
      let correct = 0;
      for (const e of example.figures) {
        const i = found.findIndex((f, idx) => !used.has(idx) && matches(e, f));
        if (i >= 0) {
          used.add(i);
          correct++;
        }
      }
      score.expected += example.figures.length;
      score.found += found.length;
      score.correct += correct;
      if (example.figures.length === 0) score.negatives++;
      const got = found.map((f) => describeFigure(f)).sort();
      const want = example.figures.map(describeFigure).sort();
      expect(correct === want.length && found.length === want.length ? want : got).toEqual(want);
    });
  });
}

describe('the figure rules', () => {
  it('has an example corpus for every language file', () => {
    const languages = readdirSync(dir)
      .map((f) => /^([a-z]{2})\.yaml$/.exec(f)?.[1])
      .filter(Boolean);
    expect(corpora.map((c) => c.language).sort()).toEqual(languages.sort());
  });

  it('has at least one example producing every rule id', () => {
    // runs the examples again so that this test does not depend on the order of the others
    const missing: string[] = [];
    for (const corpus of corpora) {
      const seen = new Set<string>();
      for (const e of corpus.examples) for (const f of figuresOf(e.text, corpus.language)) if (f.rule) seen.add(f.rule);
      const lr = figureRules().figures.languages.get(corpus.language)!;
      for (const id of lr.ruleIds.values()) if (!seen.has(id)) missing.push(id);
    }
    expect(missing).toEqual([]);
  });
});
