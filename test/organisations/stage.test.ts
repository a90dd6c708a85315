/**
 * What the organisations stage promises the stages after it (people, contacts, places): one entity
 * per body, mentions with exact offsets in text order, the fullest name, acronyms and aliases, and
 * rule files that fail with their file and line when broken.
 */
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadOrganisationRules } from '../../src/stages/extract/organisations/rules.js';
import { findOrganisations } from '../../src/stages/extract/organisations/extract.js';
import { RuleError } from '../../src/rules/load.js';
import { fold } from '../../src/text/unicode.js';

const RULES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'rules');
const rules = loadOrganisationRules(RULES_DIR);
const orgs = (text: string, lang: 'en' | 'fr' = 'en') => findOrganisations(text, lang, rules).organisations;
const norm = (s: string) => fold(s).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

describe('the organisations stage', () => {
  it('makes one entity of a full name, its acronym and later mentions', () => {
    const text = 'The European Space Agency (ESA) met CNES. ESA will fund it; the European Space Agency agreed.';
    const found = orgs(text);
    expect(found.map((o) => o.id)).toEqual(['org.esa', 'org.cnes']);
    expect(found[0]!.name).toBe('European Space Agency');
    expect(found[0]!.acronym).toBe('ESA');
    expect(found[0]!.mentions).toHaveLength(4);
  });

  it('keeps mention offsets that point at the names, in text order', () => {
    const text = "Le CNES et l’Agence spatiale européenne (ESA) signent. Le CNES, l'ESA et Hemeria SA s'engagent.";
    for (const o of orgs(text, 'fr')) {
      const starts = o.mentions.map((m) => m.start);
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
      const names = new Set([o.name, o.acronym ?? '', ...o.aliases].map(norm));
      for (const m of o.mentions) expect(names.has(norm(text.slice(m.start, m.end))), text.slice(m.start, m.end)).toBe(true);
    }
  });

  it('sorts entities by their first mention', () => {
    const found = orgs('NASA, then Airbus, then CNES, then NASA again and Airbus.');
    expect(found.map((o) => o.name)).toEqual(['NASA', 'Airbus', 'CNES']);
  });

  it('tolerates case, accents and apostrophes in full names', () => {
    for (const form of ["Centre National d'Etudes Spatiales", 'Centre national d’études spatiales', 'CENTRE NATIONAL D’ÉTUDES SPATIALES']) {
      expect(orgs(`Le ${form} a annoncé un accord.`, 'fr').map((o) => o.id)).toEqual(['org.cnes']);
    }
  });

  it('joins the English and French names of one body', () => {
    const found = orgs("L'Union européenne (UE), the European Union in English: l'UE.", 'fr');
    expect(found).toHaveLength(1);
    expect(found[0]!.acronym).toBe('UE');
    expect(found[0]!.aliases.map(norm).sort()).toEqual(['european union']);
  });

  it('keeps an acronym the release gives a known body as an alias of it', () => {
    const found = orgs('Through the European Union (EE) and the EU, CNES leads.');
    const eu = found.find((o) => o.id === 'org.eu')!;
    expect(eu.acronym).toBe('EU');
    expect(eu.aliases).toContain('EE');
    expect(found).toHaveLength(2);
  });

  it('lets a local definition take a gazetteer acronym for another body', () => {
    const found = orgs('The Entertainment Software Association (ESA) publishes the ratings; ESA members agreed.');
    expect(found).toHaveLength(1);
    expect(found[0]!.id).toBeUndefined();
    expect(found[0]!.name).toBe('Entertainment Software Association');
    expect(found[0]!.mentions).toHaveLength(3);
    const notes = findOrganisations('The Entertainment Software Association (ESA) rates games.', 'en', rules).notes;
    expect(notes.map((n) => n.message)).toEqual(['"ESA" is defined here for another body than European Space Agency']);
  });

  it('needs context for an ambiguous acronym in English, not in French', () => {
    const alone = findOrganisations('The ESA rating is printed on every box.', 'en', rules);
    expect(alone.organisations).toEqual([]);
    expect(alone.notes).toEqual([expect.objectContaining({ rule: 'org.gazetteer', start: 4, end: 7 })]);
    expect(orgs("L'ESA a publié son rapport.", 'fr').map((o) => o.id)).toEqual(['org.esa']);
    expect(orgs('CNES and ESA signed the contract.').map((o) => o.id)).toEqual(['org.cnes', 'org.esa']);
  });

  it('reports which rules produced each organisation', () => {
    const result = findOrganisations('Acme Widgets Inc. hired Jane Doe, CEO of Brightline Robotics.', 'en', rules);
    expect(result.rulesOf).toEqual([['org.en.company-suffix'], ['org.en.role-before']]);
  });
});

describe('organisation rule files', () => {
  function brokenCopy(file: string, edit: (s: string) => string): string {
    const dir = mkdtempSync(join(tmpdir(), 'org-rules-'));
    for (const area of ['organisations', 'places']) {
      mkdirSync(join(dir, area));
      for (const f of readdirSync(join(RULES_DIR, area))) copyFileSync(join(RULES_DIR, area, f), join(dir, area, f));
    }
    const path = join(dir, 'organisations', file);
    writeFileSync(path, edit(readFileSync(path, 'utf8')));
    return dir;
  }

  it('name the file and line of an unknown key', () => {
    const dir = brokenCopy('media.yaml', (s) => s.replace('  - id: org.reuters\n    name: Reuters\n', '  - id: org.reuters\n    name: Reuters\n    website: reuters.com\n'));
    try {
      loadOrganisationRules(dir);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RuleError);
      const err = e as RuleError;
      expect(err.file).toMatch(/media\.yaml$/);
      const line = readFileSync(err.file, 'utf8').split('\n')[err.line! - 1]!;
      // The line of the unknown key itself, not of the entry it sits in.
      expect(line).toContain('website: reuters.com');
      expect(err.problem).toContain('website');
    }
  });

  it('refuse an organisation id used twice', () => {
    const dir = brokenCopy('media.yaml', (s) => s.replace('id: org.reuters', 'id: org.cnes'));
    expect(() => loadOrganisationRules(dir)).toThrow(/org\.cnes.*used twice/);
  });
});
