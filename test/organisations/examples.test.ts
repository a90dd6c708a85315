/**
 * Walks every rules/organisations/*.examples.yaml: each sentence must give exactly the
 * organisations a careful reader finds (names compared as the fixture check compares them), the
 * acronyms it expects, and nothing else. Prints precision and recall per language.
 */
import { readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readRuleFile, type Schema } from '../../src/rules/load.js';
import { loadOrganisationRules } from '../../src/stages/extract/organisations/rules.js';
import { findOrganisations } from '../../src/stages/extract/organisations/extract.js';
import { compareType, precision, recall, addScores, type TypeScore } from '../../src/check/compare.js';
import { fold } from '../../src/text/unicode.js';
import type { Language } from '../../src/document.js';

const RULES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'rules');
const DIR = join(RULES_DIR, 'organisations');
const rules = loadOrganisationRules(RULES_DIR);

interface Example {
  text: string;
  organisations: Array<{ name: string; acronym?: string; aliases?: string[] }>;
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
        required: ['text', 'organisations'],
        properties: {
          text: { type: 'string', minLength: 1 },
          form: { type: 'string' },
          known_failure: { type: 'string' },
          organisations: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name'],
              properties: {
                name: { type: 'string' },
                acronym: { type: 'string' },
                aliases: { type: 'array', items: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  },
};

const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.examples.yaml'))
  .sort();
const byLanguage = new Map<Language, Example[]>();
for (const f of files) {
  const lang = f.replace('.examples.yaml', '') as Language;
  byLanguage.set(lang, readRuleFile<{ examples: Example[] }>(join(DIR, f), schema).data.examples);
}

const empty = (): TypeScore => ({ expected: 0, found: 0, correct: 0, missed: [], extra: [] });
const scores = new Map<Language, TypeScore>();
const rulesSeen = new Set<string>();

function run(example: Example, lang: Language) {
  const result = findOrganisations(example.text, lang, rules);
  result.rulesOf.forEach((ids) => ids.forEach((id) => rulesSeen.add(id)));
  return result.organisations;
}

const norm = (s: string) => fold(s).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

for (const [lang, examples] of byLanguage) {
  describe(`organisation examples (${lang})`, () => {
    it.each(examples.map((e) => [e.text.replace(/\n/g, ' ⏎ '), e] as const))('%s', (_label, example) => {
      const found = run(example, lang);
      const score = compareType('organisations', example.organisations, found);
      scores.set(lang, addScores(scores.get(lang) ?? empty(), score));
      const check = () => {
        expect({ missed: score.missed, extra: score.extra }).toEqual({ missed: [], extra: [] });
        for (const e of example.organisations.filter((x) => x.acronym)) {
          const match = found.find((o) => compareType('organisations', [e], [o]).correct === 1)!;
          const forms = [match.acronym ?? '', ...match.aliases].map(norm);
          expect(forms, `acronym of ${e.name}`).toContain(norm(e.acronym!));
        }
      };
      if (example.known_failure) expect(check, `known failure now passes: ${example.known_failure}`).toThrow();
      else check();
    });
  });
}

describe('the example corpora', () => {
  it('has at least 100 sentences per language, negatives included', () => {
    for (const lang of ['en', 'fr'] as const) {
      const examples = byLanguage.get(lang) ?? [];
      expect(examples.length).toBeGreaterThanOrEqual(100);
      expect(examples.filter((e) => e.organisations.length === 0).length).toBeGreaterThanOrEqual(20);
    }
  });

  it('shows every linguistic form shared by both languages in both', () => {
    const forms = (lang: Language) => new Set((byLanguage.get(lang) ?? []).map((e) => e.form).filter((f): f is string => !!f));
    const en = forms('en');
    const fr = forms('fr');
    const shared = ['gazetteer-acronym-definition', 'gazetteer-acronym-repeat', 'acronym-definition', 'acronym-definition-reversed', 'head-word', 'company-suffix', 'role', 'role-before', 'about-heading', 'ticker', 'credit-list', 'negative-acronym', 'negative-mission', 'negative-programme', 'negative-facility', 'negative-unit', 'negative-place', 'negative-person', 'negative-event'];
    for (const f of shared) {
      expect(en.has(f), `en shows ${f}`).toBe(true);
      expect(fr.has(f), `fr shows ${f}`).toBe(true);
    }
  });
});

afterAll(() => {
  const missing = rules.ruleIds.filter((id) => !rulesSeen.has(id));
  const lines = [...scores].map(
    ([lang, s]) => `organisations ${lang}: precision ${precision(s).toFixed(3)} recall ${recall(s).toFixed(3)} (${s.correct} correct, ${s.expected - s.correct} missed, ${s.found - s.correct} extra)`,
  );
  console.log(lines.join('\n'));
  if (missing.length) console.log(`rule ids without an example: ${missing.join(', ')}`);
  // every rule id has at least one example where it produced a kept organisation
  if (scores.size === byLanguage.size) expect(missing.join(", "), "rule ids without an example that uses them").toBe("");
});
