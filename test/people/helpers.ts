/** Shared helpers of the people and contacts tests: a Document for a sentence, run through the stages before people. */
import { join } from 'node:path';
import { emptyEntities, type Document, type Language } from '../../src/document.js';
import type { Rules } from '../../src/rules/index.js';
import { loadOrganisationRules } from '../../src/stages/extract/organisations/rules.js';
import { loadPlaceRules } from '../../src/stages/extract/places/rules.js';
import { loadPeopleRules } from '../../src/stages/extract/people/rules.js';
import { extractOrganisations } from '../../src/stages/extract/organisations/extract.js';
import { extractPlaces } from '../../src/stages/extract/places/extract.js';
import { extractPeople, findPeople } from '../../src/stages/extract/people/extract.js';
import { extractContacts } from '../../src/stages/extract/contacts/extract.js';

export const RULES_DIR = join(import.meta.dirname, '..', '..', 'rules');

let cached: Rules | undefined;
/** Only the rules of the stages these tests run (organisations, places, people), loaded once. */
export function rules(): Rules {
  cached ??= { organisations: loadOrganisationRules(RULES_DIR), places: loadPlaceRules(RULES_DIR), people: loadPeopleRules(RULES_DIR) } as Rules;
  return cached;
}

export function makeDoc(text: string, language: Language | null): Document {
  return {
    source: { path: 'example.txt', sha256: '' },
    size: text.length,
    format: 'text',
    raw: text,
    encoding: 'utf-8',
    text,
    offsets: { toSource: (o: number) => o },
    metadata: {},
    language,
    title: null,
    published: null,
    entities: emptyEntities(),
    diagnostics: [],
  };
}

/** Runs organisations, places, people and contacts on a text, as the pipeline does. */
export function analyse(text: string, language: Language | null = 'en') {
  const doc = makeDoc(text, language);
  const r = rules();
  extractOrganisations(doc, r);
  extractPlaces(doc, r);
  const result = findPeople(doc.text, doc.language, doc.entities.organisations, doc.entities.places, r.people);
  extractPeople(doc, r);
  extractContacts(doc, r);
  return { doc, rulesOf: result.rulesOf };
}

export function peopleOf(text: string, language: Language | null = 'en') {
  return analyse(text, language).doc.entities.people;
}
