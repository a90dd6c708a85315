/** The people stage on hand-made documents: offsets, merging, order, earlier stages' spans and rule-file errors. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Organisation, Place } from '../../src/document.js';
import { RuleError } from '../../src/rules/load.js';
import { findPeople } from '../../src/stages/extract/people/extract.js';
import { loadPeopleRules } from '../../src/stages/extract/people/rules.js';
import { analyse, peopleOf, rules, RULES_DIR } from './helpers.js';

const people = () => rules().people;

function org(name: string, text: string, written = name): Organisation {
  const start = text.indexOf(written);
  return { name, acronym: null, aliases: [], mentions: [{ start, end: start + written.length }] };
}
function place(name: string, text: string): Place {
  const start = text.indexOf(name);
  return { name, type: 'city', aliases: [], mentions: [{ start, end: start + name.length }] };
}

describe('people mentions', () => {
  it('point at the name or an alias in the text, end exclusive', () => {
    const text = 'Le Pr Laurent Lamy présente les aurores. Selon M. Lamy, les images sont inédites. Lamy conclut.';
    const [p] = peopleOf(text, 'fr');
    expect(p!.name).toBe('Laurent Lamy');
    expect(p!.mentions).toHaveLength(3);
    for (const m of p!.mentions) expect([p!.name, ...p!.aliases]).toContain(text.slice(m.start, m.end));
  });

  it('make one person of the same name written twice, with both mentions in text order', () => {
    const text = 'Jane Morrison opened the plant. Later, Jane Morrison thanked the staff.';
    const found = peopleOf(text);
    expect(found).toHaveLength(1);
    expect(found[0]!.mentions.map((m) => m.start)).toEqual([0, text.lastIndexOf('Jane Morrison')]);
  });

  it('join an initialled form to the full name', () => {
    const found = peopleOf('Jean-Yves Le Gall opened the seminar. J.-Y. Le Gall then answered questions.');
    expect(found.map((p) => p.name)).toEqual(['Jean-Yves Le Gall']);
    expect(found[0]!.aliases).toContain('J.-Y. Le Gall');
  });

  it('sort people by their first mention', () => {
    const found = peopleOf('Dr. Ana Ruiz met Tom Becker. Tom Becker then called Ana Ruiz and Paul Hart.');
    expect(found.map((p) => p.name)).toEqual(['Ana Ruiz', 'Tom Becker', 'Paul Hart']);
  });

  it('keep two people sharing a surname apart and give neither the bare surname', () => {
    const found = peopleOf('Anna Weber and Lukas Weber founded the company. Weber said the idea came at breakfast.');
    expect(found.map((p) => p.name).sort()).toEqual(['Anna Weber', 'Lukas Weber']);
    for (const p of found) expect(p.mentions).toHaveLength(1);
  });

  it('warn, with its position, about a bare surname two people share', () => {
    const text = 'Anna Weber and Lukas Weber founded the company. Weber said the idea came at breakfast.';
    const { doc } = analyse(text, 'en');
    const w = doc.diagnostics.filter((d) => d.stage === 'people');
    expect(w).toHaveLength(1);
    expect(text.slice(w[0]!.start, w[0]!.end)).toBe('Weber');
    expect(w[0]!.start).toBe(text.lastIndexOf('Weber'));
    expect(w[0]!.rule).toBe('person.en.surname-alias');
  });

  it('strip honorifics and titles from names', () => {
    const found = peopleOf('Mme Claire Dubois, directrice générale, a présenté le plan.', 'fr');
    expect(found.map((p) => p.name)).toEqual(['Claire Dubois']);
    expect(found[0]!.roles).toEqual([{ title: 'directrice générale' }]);
  });
});

describe('the spans of earlier stages', () => {
  it('never turn an organisation into a person', () => {
    const text = 'Morgan Keegan advised Acme on the deal.';
    const r = findPeople(text, 'en', [org('Morgan Keegan', text)], [], people());
    expect(r.people).toEqual([]);
  });

  it('link a role to the canonical name of the organisation written before the title', () => {
    const text = 'Acme CEO Jane Smith said the results were strong.';
    const r = findPeople(text, 'en', [org('Acme Corporation', text, 'Acme')], [], people());
    expect(r.people.map((p) => [p.name, p.roles])).toEqual([['Jane Smith', [{ title: 'CEO', organisation: 'Acme Corporation' }]]]);
  });

  it('keep a given name that is also a place when a surname follows, and not the place alone', () => {
    const a = 'Press contact: Florence Lièvre, tel. +33 1 47 54 50 71';
    expect(findPeople(a, 'en', [], [place('Florence', a)], people()).people.map((p) => p.name)).toEqual(['Florence Lièvre']);
    const b = 'Florence, the Tuscan capital, hosts the fair.';
    expect(findPeople(b, 'en', [], [place('Florence', b)], people()).people).toEqual([]);
  });

  it('read a surname that is also a place after a given name', () => {
    const text = 'Stéphane Israël, chief executive, welcomed the decision.';
    expect(findPeople(text, 'en', [], [place('Israël', text)], people()).people.map((p) => p.name)).toEqual(['Stéphane Israël']);
  });
});

describe('people and contacts together', () => {
  it('give each contact the name of its person entity, its details and its offsets', () => {
    const text = 'CNES press contacts\nPascale Bresson – Press Officer – Tél. +33 (0)1 44 76 75 39 – pascale.bresson@cnes.fr';
    const { doc } = analyse(text, 'en');
    expect(doc.entities.contacts).toHaveLength(1);
    const c = doc.entities.contacts[0]!;
    expect(doc.entities.people.map((p) => p.name)).toContain(c.name);
    expect(c).toMatchObject({ name: 'Pascale Bresson', role: 'Press Officer', email: 'pascale.bresson@cnes.fr', phone: '+33 (0)1 44 76 75 39' });
    expect(text.slice(c.mentions[0]!.start, c.mentions[0]!.end)).toBe('Pascale Bresson');
  });

  it('make no contact of a person quoted in the body of the release', () => {
    const { doc } = analyse('"We are proud," said Jane Smith, CEO of Acme Robotics Inc.', 'en');
    expect(doc.entities.people).toHaveLength(1);
    expect(doc.entities.contacts).toEqual([]);
  });
});

describe('people rule files', () => {
  function copyRules(): string {
    const dir = mkdtempSync(join(tmpdir(), 'people-rules-'));
    cpSync(join(RULES_DIR, 'people'), join(dir, 'people'), { recursive: true });
    return dir;
  }

  it('load every language and kind of evidence as a rule id', () => {
    const ids = loadPeopleRules(RULES_DIR).ruleIds;
    expect(ids).toContain('person.en.title-before');
    expect(ids).toContain('person.fr.contact-block');
  });

  it('stop on a broken titles file with its file and line', () => {
    const dir = copyRules();
    const file = join(dir, 'people', 'titles.en.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('\nmodifiers:\n', '\nmodifers:\n'));
    expect(() => loadPeopleRules(dir)).toThrow(RuleError);
    expect(() => loadPeopleRules(dir)).toThrow(/titles\.en\.yaml:\d+: missing key "modifiers"/);
  });

  it('refuse a given-names line holding two names, naming the line', () => {
    const dir = copyRules();
    const file = join(dir, 'people', 'given-names.fr.txt');
    writeFileSync(file, readFileSync(file, 'utf8') + 'Jean Pierre\n');
    expect(() => loadPeopleRules(dir)).toThrow(/given-names\.fr\.txt:\d+: "Jean Pierre"/);
  });

  it('refuse an honorific of two words', () => {
    const dir = copyRules();
    const file = join(dir, 'people', 'cues.fr.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('honorifics:\n', 'honorifics:\n  - Son Excellence\n'));
    expect(() => loadPeopleRules(dir)).toThrow(/cues\.fr\.yaml:\d+: honorific "Son Excellence" must be one word/);
  });
});
