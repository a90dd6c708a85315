/**
 * Walks every rules/places/*.examples.yaml: each sentence must give exactly the places a careful
 * reader finds (countries with their ISO code), with organisation names (found by the
 * organisations stage) never read as places. Prints precision and recall per language.
 */
import { readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readRuleFile, type Schema } from '../../src/rules/load.js';
import { loadOrganisationRules } from '../../src/stages/extract/organisations/rules.js';
import { loadPlaceRules } from '../../src/stages/extract/places/rules.js';
import { findOrganisations } from '../../src/stages/extract/organisations/extract.js';
import { findPlaces } from '../../src/stages/extract/places/extract.js';
import { fold } from '../../src/text/unicode.js';
import type { Language, Place } from '../../src/document.js';

const RULES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'rules');
const DIR = join(RULES_DIR, 'places');
const orgRules = loadOrganisationRules(RULES_DIR);
const placeRules = loadPlaceRules(RULES_DIR);

interface Expected {
  name: string;
  code?: string;
}
interface Example {
  text: string;
  places: Expected[];
  form?: string;
  known_failure?: string;
}

const schema: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['examples'],
  properties: {
    examples: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['text', 'places'],
        properties: {
          text: { type: 'string', minLength: 1 },
          form: { type: 'string' },
          known_failure: { type: 'string' },
          places: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name'],
              properties: { name: { type: 'string' }, code: { type: 'string', pattern: '^[A-Z]{2}$' } },
            },
          },
        },
      },
    },
  },
};

const byLanguage = new Map<Language, Example[]>();
for (const f of readdirSync(DIR)
  .filter((f) => f.endsWith('.examples.yaml'))
  .sort()) {
  byLanguage.set(f.replace('.examples.yaml', '') as Language, readRuleFile<{ examples: Example[] }>(join(DIR, f), schema).data.examples);
}

const norm = (s: string) => fold(s).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const matches = (e: Expected, p: Place) => (e.code ? p.code === e.code : false) || [p.name, ...p.aliases].some((n) => norm(n) === norm(e.name));

const totals = new Map<Language, { expected: number; found: number; correct: number }>();

function placesOf(text: string, lang: Language): Place[] {
  const orgs = findOrganisations(text, lang, orgRules).organisations;
  const spans = orgs.flatMap((o) => o.mentions).sort((a, b) => a.start - b.start);
  return findPlaces(text, placeRules, spans);
}

for (const [lang, examples] of byLanguage) {
  describe(`place examples (${lang})`, () => {
    it.each(examples.map((e) => [e.text, e] as const))('%s', (_label, example) => {
      const found = placesOf(example.text, lang);
      const used = new Set<number>();
      let correct = 0;
      for (const e of example.places) {
        const i = found.findIndex((p, k) => !used.has(k) && matches(e, p));
        if (i >= 0) {
          used.add(i);
          correct++;
          if (e.code && !example.known_failure) expect(found[i]!.code, `code of ${e.name}`).toBe(e.code);
        }
      }
      const t = totals.get(lang) ?? { expected: 0, found: 0, correct: 0 };
      totals.set(lang, { expected: t.expected + example.places.length, found: t.found + found.length, correct: t.correct + correct });
      const exact = correct === example.places.length && correct === found.length;
      if (example.known_failure) expect(exact, `known failure now passes: ${example.known_failure}`).toBe(false);
      else expect({ missed: example.places.length - correct, extra: found.length - correct, found: found.map((p) => p.name) }).toMatchObject({ missed: 0, extra: 0 });
    });
  });
}

describe('places', () => {
  it('are one entity per place, with the English and French names as aliases', () => {
    const found = placesOf('Les Etats-Unis (the United States) et la Chine ; China and the US.', 'fr');
    expect(found.map((p) => p.code)).toEqual(['US', 'CN']);
    expect(found[0]!.mentions).toHaveLength(3);
    expect(new Set([found[0]!.name, ...found[0]!.aliases].map(norm))).toEqual(new Set(['etats unis', 'united states', 'us']));
  });

  it('keep offsets that point at the name in the text', () => {
    const text = 'Signed in Tokyo with Japan.';
    for (const p of placesOf(text, 'en')) for (const m of p.mentions) expect(norm(text.slice(m.start, m.end))).toBe(norm(p.name));
  });
});

afterAll(() => {
  for (const [lang, t] of totals) {
    console.log(`places ${lang}: precision ${(t.found ? t.correct / t.found : 1).toFixed(3)} recall ${(t.expected ? t.correct / t.expected : 1).toFixed(3)} (${t.correct} correct of ${t.expected} expected, ${t.found} found)`);
  }
});
