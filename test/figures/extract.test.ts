/** The figures stage on its own: offsets, one entity per figure, dates left to the dates stage, parity, rule errors. */
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RuleError } from '../../src/rules/load.js';
import { loadFigureRules } from '../../src/stages/extract/figures/rules.js';
import { RULES_DIR, figuresOf } from './helpers.js';

describe('the figures stage', () => {
  it('gives every mention offsets that point at the figure as written', () => {
    const text = 'The agency spent €1.174bn, i.e. 18.4% of the budget.';
    for (const f of figuresOf(text, 'en')) {
      expect(f.mentions).toHaveLength(1);
      expect(text.slice(f.mentions[0]!.start, f.mentions[0]!.end)).toBe(f.text);
    }
    expect(figuresOf(text, 'en').map((f) => f.text)).toEqual(['€1.174bn', '18.4%']);
  });

  it('merges the same figure written twice, in two ways, into one entity with two mentions', () => {
    const figures = figuresOf('Turnout was 90% in Paris and 90 per cent in Lyon.', 'en');
    expect(figures).toHaveLength(1);
    expect(figures[0]!.mentions).toHaveLength(2);
  });

  it('sorts figures by their first mention', () => {
    const figures = figuresOf('Il y a 3 ans, 40 % des 12 pays ont voté.', 'fr');
    const starts = figures.map((f) => f.mentions[0]!.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(figures.map((f) => f.kind)).toEqual(['measure', 'percent', 'count']);
  });

  it('skips numbers inside a mention the dates stage found', () => {
    const text = 'From 12 months of data collected until 12 months ago.';
    const withoutDates = figuresOf(text, 'en');
    expect(withoutDates).toHaveLength(1);
    const start = text.indexOf('12 months ago');
    const withDate = figuresOf(text, 'en', (doc) => {
      doc.entities.dates.push({ value: '2024', grain: 'year', text: '12 months ago', provenance: { written: [], inferred: [] }, mentions: [{ start, end: start + 13 }] });
    });
    expect(withDate[0]!.mentions).toHaveLength(1);
    expect(withDate[0]!.mentions[0]!.start).toBe(text.indexOf('12 months'));
  });

  it('reads French digit groups with ordinary, no-break, narrow no-break and thin spaces alike', () => {
    for (const space of [' ', '\u00A0', '\u202F', '\u2009']) {
      const [f] = figuresOf(`Le groupe compte 270${space}000 collaborateurs.`, 'fr');
      expect(f?.value).toBe(270000);
    }
  });

  it('reads "1,174" as one thousand one hundred and seventy-four in English and 1.174 in French', () => {
    expect(figuresOf('The fund holds 1,174 companies.', 'en')[0]?.value).toBe(1174);
    expect(figuresOf('Le fonds détient 1,174 Md€.', 'fr')[0]?.value).toBe(1174000000);
  });

  it('falls back to the English rules when the language is unknown', () => {
    expect(figuresOf('It costs $5 million.', null)[0]?.unit).toBe('USD');
  });
});

describe('French and English parity', () => {
  // The same quantity written in each language's conventions gives the same figure.
  const pairs: Array<[string, string]> = [
    ['Revenues reached €16 billion.', 'Le chiffre d’affaires atteint 16 milliards d’euros.'],
    ['The budget is €1.174bn.', 'Le budget est de 1,174 Mds €.'],
    ['Costs were $2.5 million.', 'Les coûts étaient de 2,5 millions de dollars.'],
    ['The share reached 18.4%.', 'La part atteint 18,4 %.'],
    ['Growth of 2.5 percentage points.', 'Une hausse de 2,5 points de pourcentage.'],
    ['The team has 270,000 members.', 'Le groupe compte 270 000 membres.'],
    ['It signed more than 60 partnerships.', 'Il a signé plus de 60 partenariats.'],
    ['It weighs 500 kg.', 'Il pèse 500 kg.'],
    ['The phase lasts 24 months.', 'La phase dure 24 mois.'],
    ['Spread over 3 years.', 'Étalé sur 3 ans.'],
    ['Growth of 10 to 12%.', 'Une croissance de 10 à 12 %.'],
    ['It has 60+ partners.', 'Il a +60 partenaires.'],
    ['It costs 3 M€.', 'Il coûte 3 M€.'],
    ['Up to 5 satellites.', "Jusqu'à 5 satellites."],
  ];
  it.each(pairs)('"%s" and "%s" give the same value, unit kind and range', (en, fr) => {
    const key = (f: { value: number; valueMax?: number; kind: string; unit: string | null }) =>
      `${f.kind} ${f.value} ${f.valueMax ?? ''} ${f.kind === 'count' ? '' : f.unit}`;
    const e = figuresOf(en, 'en').map(key);
    const f = figuresOf(fr, 'fr').map(key);
    expect(e).toHaveLength(1);
    expect(f).toEqual(e);
  });
});

describe('the figures rule files', () => {
  const copy = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'figures-rules-'));
    mkdirSync(join(dir, 'figures'));
    for (const f of readdirSync(join(RULES_DIR, 'figures'))) writeFileSync(join(dir, 'figures', f), readFileSync(join(RULES_DIR, 'figures', f)));
    return dir;
  };

  it('refuses an unknown key, naming the file and the line', () => {
    const dir = copy();
    const file = join(dir, 'figures', 'en.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('scaleLinks: []', 'scaleLinks: []\nscaleLink: []'));
    expect(() => loadFigureRules(dir)).toThrow(RuleError);
    expect(() => loadFigureRules(dir)).toThrow(/en\.yaml:\d+: .*scaleLink/);
  });

  it('refuses a rule id of the wrong language', () => {
    const dir = copy();
    const file = join(dir, 'figures', 'fr.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('id: figure.fr.percent', 'id: figure.en.percent'));
    expect(() => loadFigureRules(dir)).toThrow(/fr\.yaml:\d+: rule id "figure\.en\.percent"/);
  });
});
