/**
 * Walks rules/people/contacts.<lang>.examples.yaml: each press-contact block must give the
 * contacts a reader would note down (same name as the person entity, role, organisation, e-mail,
 * phone as written) and no others.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRuleFile, type Schema } from '../../src/rules/load.js';
import type { Language } from '../../src/document.js';
import { analyse, RULES_DIR } from '../people/helpers.js';

interface ExpectedContact {
  name: string;
  role?: string;
  organisation?: string;
  email?: string;
  phone?: string;
}

const str = { type: 'string' };
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
        required: ['text', 'contacts'],
        properties: {
          text: { type: 'string', minLength: 1 },
          contacts: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name'],
              properties: { name: str, role: str, organisation: str, email: str, phone: str },
            },
          },
        },
      },
    },
  },
};

const DIR = join(RULES_DIR, 'people');
const files = readdirSync(DIR).filter((f) => /^contacts\.[a-z]{2}\.examples\.yaml$/.test(f));

for (const f of files) {
  const lang = f.split('.')[1] as Language;
  const examples = readRuleFile<{ examples: Array<{ text: string; contacts: ExpectedContact[] }> }>(join(DIR, f), schema).data.examples;
  describe(`contact examples (${lang})`, () => {
    it.each(examples.map((e) => [e.text.replace(/\n/g, ' ⏎ '), e] as const))('%s', (_label, example) => {
      const { doc } = analyse(example.text, lang);
      const found = doc.entities.contacts;
      expect(found.map((c) => c.name)).toEqual(example.contacts.map((c) => c.name));
      for (const e of example.contacts) {
        const c = found.find((x) => x.name === e.name)!;
        // a contact is the person entity of the same name
        expect(doc.entities.people.map((p) => p.name)).toContain(c.name);
        if (e.role) expect(c.role, `role of ${e.name}`).toBe(e.role);
        if (e.email) expect(c.email, `e-mail of ${e.name}`).toBe(e.email);
        if (e.phone) expect(c.phone, `phone of ${e.name}`).toBe(e.phone);
        if (e.organisation) {
          const org = doc.entities.organisations.find((o) => o.name === c.organisation);
          const names = org ? [org.name, org.acronym, ...org.aliases] : [c.organisation];
          expect(names, `organisation of ${e.name}`).toContain(e.organisation);
        }
      }
    });
  });
}

describe('the contact example corpora', () => {
  it('exist in English and French', () => {
    expect(files.map((f) => f.split('.')[1]).sort()).toEqual(['en', 'fr']);
  });
});
