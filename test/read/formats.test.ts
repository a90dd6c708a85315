/**
 * The same release in every format gives the same record: seed 000 as text, as a web page and as
 * PDF-pasted text; seed 001 in UTF-16; seed 004 in Windows-1252 (fixtures/formats/, made by
 * make-formats.mjs). Entity values are compared, not offsets; and every mention of the web page
 * maps back to the same words in the HTML source.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Document, Entities } from '../../src/document.js';
import { analyse } from '../../src/pipeline.js';
import { loadRules } from '../../src/rules/index.js';
import { toSourceEnd } from '../../src/stages/read/offsets.js';
import { toDocument } from '../../src/stages/read/read.js';

const root = join(import.meta.dirname, '..', '..');
const rules = loadRules();
const seedDir = join(root, 'fixtures', 'seeds');
const seed = (prefix: string) => join(seedDir, readdirSync(seedDir).find((n) => n.startsWith(prefix))!);
const format = (name: string) => join(root, 'fixtures', 'formats', name);

function analysed(path: string): Document {
  return analyse(toDocument(path, readFileSync(path), rules), rules);
}

/** The values of a record's entities, per type, sorted (what a reader compares). */
function values(e: Entities): Record<string, string[]> {
  return {
    people: e.people.map((p) => `${p.name} [${p.roles.map((r) => `${r.title}@${r.organisation ?? ''}`).join(', ')}]`).sort(),
    organisations: e.organisations.map((o) => `${o.name} (${o.acronym ?? ''})`).sort(),
    dates: e.dates.map((d) => `${d.value}/${d.grain}`).sort(),
    figures: e.figures.map((f) => `${f.value} ${f.unit ?? ''} ${f.kind}`).sort(),
    places: e.places.map((p) => p.name).sort(),
  };
}

const decodeEntities = (s: string) =>
  s.replace(/&nbsp;/g, '\u00A0').replace(/&rsquo;/g, '’').replace(/&eacute;/g, 'é').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
/** The same letters in the same order: apostrophes made plain, line breaks, spaces and hyphens (joined or repaired at line ends) left out. */
const letters = (s: string) => s.replace(/[’‘]/g, "'").replace(/[“”]/g, '"').replace(/[\s-]+/g, '');

describe('the same release in other formats', () => {
  const txt000 = analysed(seed('000'));

  it.each([
    ['000', '000-page.html'],
    ['000', '000-pdf.txt'],
    ['001', '001-utf16le.txt'],
    ['004', '004-windows-1252.txt'],
  ])('seed %s and %s give the same entities, language, title and date', (prefix, name) => {
    const a = prefix === '000' ? txt000 : analysed(seed(prefix));
    const b = analysed(format(name));
    expect(values(b.entities)).toEqual(values(a.entities));
    expect(b.language).toBe(a.language);
    expect(b.published).toBe(a.published);
    expect(b.title).toBe(a.title);
  });

  it('decodes each file with its own encoding', () => {
    expect(analysed(format('001-utf16le.txt')).encoding).toBe('utf-16le');
    expect(analysed(format('004-windows-1252.txt')).encoding).toBe('windows-1252');
    expect(analysed(format('000-page.html')).metadata).toEqual({ title: txt000.title, published: '2021-04-02' });
  });

  it.each(['000-page.html', '000-pdf.txt', '004-windows-1252.txt'])('maps every mention of %s back to the same words in the source', (name) => {
    const doc = analysed(format(name));
    let checked = 0;
    for (const list of Object.values(doc.entities)) {
      for (const e of list) {
        for (const m of e.mentions) {
          const inText = doc.text.slice(m.start, m.end);
          const inSource = doc.raw.slice(doc.offsets.toSource(m.start), toSourceEnd(doc.offsets, m.end));
          expect(letters(decodeEntities(inSource))).toBe(letters(inText));
          expect(inSource.length).toBeLessThan(inText.length * 3 + 20);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  });
});
