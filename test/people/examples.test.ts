/**
 * Walks every rules/people/<lang>.examples.yaml: each sentence must give exactly the people a
 * careful reader finds (names compared as the fixture check compares them), with the expected
 * aliases and roles, and nothing else. Prints precision and recall per language.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRuleFile, type Schema } from '../../src/rules/load.js';
import { compareType, precision, recall, addScores, type TypeScore } from '../../src/check/compare.js';
import { fold } from '../../src/text/unicode.js';
import type { Document, Language, Person } from '../../src/document.js';
import { analyse, rules, RULES_DIR } from './helpers.js';

interface ExpectedPerson {
  name: string;
  aliases?: string[];
  roles?: Array<{ title: string; organisation?: string }>;
}
interface Example {
  text: string;
  people: ExpectedPerson[];
  form?: string;
  known_failure?: string;
}

const role = { type: 'object', additionalProperties: false, required: ['title'], properties: { title: { type: 'string' }, organisation: { type: 'string' } } };
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
        required: ['text', 'people'],
        properties: {
          text: { type: 'string', minLength: 1 },
          form: { type: 'string' },
          known_failure: { type: 'string' },
          people: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name'],
              properties: { name: { type: 'string' }, aliases: { type: 'array', items: { type: 'string' } }, roles: { type: 'array', items: role } },
            },
          },
        },
      },
    },
  },
};

const DIR = join(RULES_DIR, 'people');
const byLanguage = new Map<Language, Example[]>();
for (const f of readdirSync(DIR).filter((x) => /^[a-z]{2}\.examples\.yaml$/.test(x)).sort()) {
  byLanguage.set(f.slice(0, 2) as Language, readRuleFile<{ examples: Example[] }>(join(DIR, f), schema).data.examples);
}

const empty = (): TypeScore => ({ expected: 0, found: 0, correct: 0, missed: [], extra: [] });
const scores = new Map<Language, TypeScore>();
const rulesSeen = new Set<string>();
const norm = (s: string) => fold(s).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** The organisation of a found role matches the expected one when it is any name of that organisation in the text. */
function sameOrganisation(doc: Document, expected: string, found: string | undefined): boolean {
  if (!found) return false;
  if (norm(found) === norm(expected)) return true;
  const org = doc.entities.organisations.find((o) => o.name === found);
  return !!org && [org.name, org.acronym ?? '', ...org.aliases].some((n) => norm(n) === norm(expected));
}

function checkPerson(doc: Document, e: ExpectedPerson, p: Person): void {
  for (const a of e.aliases ?? []) expect(p.aliases.map(norm), `aliases of ${e.name}`).toContain(norm(a));
  for (const r of e.roles ?? []) {
    const found = p.roles.find((x) => norm(x.title) === norm(r.title));
    expect(found, `role "${r.title}" of ${e.name} among ${JSON.stringify(p.roles)}`).toBeDefined();
    if (r.organisation) expect(sameOrganisation(doc, r.organisation, found!.organisation), `organisation of ${e.name}'s role: ${found!.organisation}`).toBe(true);
  }
  expect(norm(p.name), 'the fullest name').toBe(norm(e.name));
}

for (const [lang, examples] of byLanguage) {
  describe(`people examples (${lang})`, () => {
    it.each(examples.map((e) => [e.text.replace(/\n/g, ' ⏎ '), e] as const))('%s', (_label, example) => {
      const { doc, rulesOf } = analyse(example.text, lang);
      const found = doc.entities.people;
      const score = compareType('people', example.people, found);
      if (!example.known_failure) rulesOf.forEach((ids) => ids.forEach((id) => rulesSeen.add(id)));
      scores.set(lang, addScores(scores.get(lang) ?? empty(), score));
      const check = () => {
        expect({ missed: score.missed, extra: score.extra }).toEqual({ missed: [], extra: [] });
        for (const e of example.people) {
          const p = found.find((x) => compareType('people', [e], [x]).correct === 1)!;
          checkPerson(doc, e, p);
        }
      };
      if (example.known_failure) expect(check, `known failure now passes: ${example.known_failure}`).toThrow();
      else check();
    });
  });
}

describe('the people example corpora', () => {
  it('has at least 100 sentences per language, with at least 25 negatives', () => {
    for (const lang of ['en', 'fr'] as const) {
      const examples = byLanguage.get(lang) ?? [];
      expect(examples.length).toBeGreaterThanOrEqual(100);
      expect(examples.filter((e) => e.people.length === 0).length).toBeGreaterThanOrEqual(25);
    }
  });

  it('shows every form both languages must handle in both', () => {
    const forms = (lang: Language) => new Set((byLanguage.get(lang) ?? []).map((e) => e.form));
    const shared = ['title-before', 'title-after', 'honorific', 'honorific-surname', 'speech-verb', 'given-name', 'hyphenated-given-name', 'particle', 'initials', 'all-caps-credit', 'credit', 'surname-alias', 'contact-block', 'negative-thing', 'negative-title-alone', 'negative-heading', 'negative-organisation', 'negative-place'];
    for (const f of shared) {
      expect(forms('en').has(f), `en shows ${f}`).toBe(true);
      expect(forms('fr').has(f), `fr shows ${f}`).toBe(true);
    }
  });
});

afterAll(() => {
  const lines = [...scores].map(
    ([lang, s]) => `people ${lang}: precision ${precision(s).toFixed(3)} recall ${recall(s).toFixed(3)} (${s.correct} correct, ${s.expected - s.correct} missed, ${s.found - s.correct} extra)`,
  );
  console.log(lines.join('\n'));
  if (scores.size === byLanguage.size) {
    const missing = rules().people.ruleIds.filter((id) => byLanguage.has(id.split('.')[1] as Language) && !rulesSeen.has(id));
    expect(missing.join(', '), 'rule ids without an example that uses them').toBe('');
  }
});
