/**
 * Normalise: characters, boilerplate lines, bullets, hard-wrapped text joined back into
 * paragraphs (and only hard-wrapped text), hyphenation, page furniture, and offsets kept.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/document.js';
import { normalise } from '../../src/stages/normalise/normalise.js';
import { loadNormaliseRules } from '../../src/stages/normalise/rules.js';
import { hyphenation } from '../../src/stages/normalise/wrap.js';
import { toSourceEnd } from '../../src/stages/read/offsets.js';
import { toDocument } from '../../src/stages/read/read.js';
import { loadReadRules } from '../../src/stages/read/rules.js';
import type { Rules } from '../../src/rules/index.js';

const root = join(import.meta.dirname, '..', '..');
const rules = { read: loadReadRules(join(root, 'rules')), normalise: loadNormaliseRules(join(root, 'rules')) } as unknown as Rules;
const seedDir = join(root, 'fixtures', 'seeds');
const seedPath = (prefix: string) => join(seedDir, readdirSync(seedDir).find((n) => n.startsWith(prefix))!);

function run(name: string, content: string | Buffer): Document {
  const doc = toDocument(name, Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), rules);
  normalise(doc, rules);
  return doc;
}
const norm = (text: string) => run('t.txt', text).text;

/** Every occurrence of `word` in the normalised text maps back to `expected` in the source. */
function expectMapsBack(doc: Document, word: string, expected = word): void {
  let i = doc.text.indexOf(word);
  expect(i).toBeGreaterThanOrEqual(0);
  for (; i >= 0; i = doc.text.indexOf(word, i + 1)) {
    expect(doc.raw.slice(doc.offsets.toSource(i), toSourceEnd(doc.offsets, i + word.length))).toBe(expected);
  }
}

describe('characters', () => {
  it('turns typographic apostrophes and double quotes into plain ones, keeping French guillemets', () => {
    expect(norm('L’agence a dit “oui” et ‘non’ : « d’accord »')).toBe('L\'agence a dit "oui" et \'non\' : « d\'accord »');
  });

  it('keeps no-break and narrow no-break spaces inside numbers, and makes them plain spaces elsewhere', () => {
    expect(norm('Un budget de 1\u202F174,5 M€ soit 2\u00A0300 emplois\u00A0: un record\u202F!')).toBe('Un budget de 1\u202F174,5 M€ soit 2\u00A0300 emplois : un record !');
  });

  it('removes soft hyphens and zero-width characters, expands ligatures', () => {
    const doc = run('t.txt', 'The sci\u00ADentific of\uFB01ce and the \uFB02eet\u200B manager');
    expect(doc.text).toBe('The scientific office and the fleet manager');
    expectMapsBack(doc, 'scientific', 'sci\u00ADentific');
    expectMapsBack(doc, 'office', 'of\uFB01ce');
    expectMapsBack(doc, 'manager');
  });

  it('turns CRLF and CR into LF and removes stray control characters', () => {
    const doc = run('t.txt', 'First line\r\nSecond\x07 line\rThird line\x1B');
    expect(doc.text).toBe('First line\nSecond line\nThird line');
    expectMapsBack(doc, 'Third line');
  });

  it('composes decomposed accents (NFC) and maps the composed word back to its source', () => {
    const doc = run('t.txt', 'Le ministe\u0300re de l\u2019e\u0301conomie et Ame\u0301lie Durand');
    expect(doc.text).toBe("Le ministère de l'économie et Amélie Durand");
    expectMapsBack(doc, 'Amélie', 'Ame\u0301lie');
    expectMapsBack(doc, 'Durand');
  });
});

describe('lines', () => {
  it('removes boilerplate lines, spaces at line ends and extra blank lines, keeping every other line', () => {
    const text = 'Skip to Content\n\n\n\nSWOT launched   \n\n\n\nThe satellite will survey rivers.\nShare this\nGet the Future You\n';
    expect(norm(text)).toBe('SWOT launched\n\nThe satellite will survey rivers.\nGet the Future You');
  });

  it('turns bullets of every kind into "- " lines', () => {
    expect(norm('Missions:\n• SWOT\n▪ JUICE\n  * MMX\n– PLATO\n1. Ariane 6\n2) Vega C\n- Galileo')).toBe('Missions:\n- SWOT\n- JUICE\n- MMX\n- PLATO\n- Ariane 6\n- Vega C\n- Galileo');
  });

  it('does not take a year or an amount at the start of a line for a numbered bullet', () => {
    expect(norm('2021. A year of records\n50 satellites launched')).toBe('2021. A year of records\n50 satellites launched');
  });

  it.each(['000', '001', '003', '004'])('keeps the line structure of seed %s (one paragraph, heading or contact per line)', (prefix) => {
    const raw = readFileSync(seedPath(prefix), 'utf8');
    const doc = run('seed.txt', raw);
    const rawLines = raw.split('\n').map((l) => l.trim()).filter((l) => l && !/^skip to content$/i.test(l));
    const lines = doc.text.split('\n').filter(Boolean);
    expect(lines.length).toBe(rawLines.length);
    expect(doc.diagnostics.filter((d) => d.rule === 'normalise.hard-wrap')).toEqual([]);
  });

  it('keeps the contact lines of seed 000 apart', () => {
    const text = run('seed.txt', readFileSync(seedPath('000'), 'utf8')).text;
    expect(text).toMatch(/\nPascale Bresson +– Press Officer +– +Tél\. \+33 \(0\)1 44 76 75 39 +–\nRaphaël Sart/);
  });
});

describe('hard-wrapped text (pasted from a PDF)', () => {
  const doc = run('seed.txt', readFileSync(seedPath('002'), 'utf8'));

  it('joins the lines of seed 002 back into paragraphs, keeping the heading lines', () => {
    expect(doc.text.startsWith('CNES and international partnerships\nA key tool serving economic diplomacy\n\nMonday 13 May 2019, CNES President Jean-Yves Le Gall opened the International Affairs Seminar at the agency')).toBe(true);
    expect(doc.text).toContain("status of CNES's collaborative projects with its international partners. Space geopolitics");
  });

  it('keeps a hyphen that belongs to the word and repairs a word cut at the line end', () => {
    expect(doc.text).toContain('in a fast-shifting global context');
    expect(doc.text).toContain('as a means to irrigate their societies');
  });

  it('joins a bullet split over blank lines and keeps the next bullet apart', () => {
    expect(doc.text).toContain('- Pursuing ambitious projects, notably in science, that it could not otherwise have undertaken alone, for example in ocean altimetry with the United States or on the many Martian missions in which it is involved.\n\n- Promoting');
  });

  it('maps joined words back to the source, across the removed line break', () => {
    expectMapsBack(doc, 'Jean-Yves Le Gall');
    const i = doc.text.indexOf('Affairs Seminar');
    expect(doc.raw.slice(doc.offsets.toSource(i), toSourceEnd(doc.offsets, i + 'Affairs Seminar'.length))).toBe('Affairs \nSeminar');
  });

  it('removes page headers, footers and page numbers repeated on every page', () => {
    const para = (n: number) =>
      `Paragraph ${n} of the release goes on for quite a while with the details of the mission and \nits partners, the agencies and the ${n} companies that build the instruments, \nand the launch date planned for next year from the spaceport in Kourou.\n`;
    const pages = [1, 2, 3].map((p) => `ACME Space Corp. — Press release\n\n${para(p * 2 - 1)}\n${para(p * 2)}\n- ${p} -\n`).join('\f');
    const d = run('pdf.txt', pages);
    expect(d.text).not.toMatch(/ACME Space Corp|- \d -/);
    expect(d.text.split('\n\n')).toHaveLength(6);
    expect(d.diagnostics.some((x) => x.rule === 'normalise.hard-wrap')).toBe(true);
  });

  it('joins a paragraph cut by a page break', () => {
    const line = 'The agency and its partners have agreed to share the data of the mission with ';
    const text = `${line}\n${line}\n${line}\nresearchers around the world, in the laboratories of the universities, which \n\nPage 1 of 2\n\fcontinues on the next page with more \n${line}\n${line}\nand ends here.\n\nPage 2 of 2\n`;
    const d = run('pdf.txt', text);
    expect(d.text).toContain('which continues on the next page');
    expect(d.text).not.toContain('Page 1');
  });

  it('removes a page number that says so even when it is the only one ("Page 1/2"), not a sentence about pages', () => {
    const line = "Le programme, financé à hauteur de 45 % par le Centre national d'études spatiales, ";
    const text = `${line}\n${line}\n${line}\nprévoit un premier lancement au troisième trimestre 2027.\n\n          Page 1/2\n« Nous franchissons une étape décisive », a déclaré le président, au sujet de la \nmission, en page 2 du dossier de presse qui détaille les étapes à venir du projet \nspatial.\n`;
    const d = run('pdf.txt', text);
    expect(d.text).not.toMatch(/Page 1\/2/);
    expect(d.text).toContain('en page 2 du dossier');
  });
});

describe('hyphenation at line ends', () => {
  const words = new Set(['irrigate', 'transformation']);
  const endings = loadNormaliseRules(join(root, 'rules')).endings;
  it.each([
    ['irri', 'gate', new Set<string>(), 'hyphen-repair', 'the word list knows "irrigate"'],
    ['transfor', 'mation', new Set<string>(), 'hyphen-repair', 'the word list knows "transformation"'],
    ['fast', 'shifting', new Set<string>(), 'hyphen-keep', '"fastshifting" is no word'],
    ['Jean', 'Yves', new Set<string>(), 'hyphen-keep', 'a capital after the hyphen'],
    ['satel', 'lite', new Set(['satellite']), 'hyphen-repair', 'the release writes "satellite" elsewhere'],
    ['co', 'operation', new Set(['co-operation']), 'hyphen-keep', 'the release writes "co-operation" elsewhere'],
    ['coopéra', 'tion', new Set<string>(), 'hyphen-repair', '"tion" is an ending, never a word alone'],
    ['télécommuni', 'cations', new Set<string>(), 'hyphen-repair', '"cations" is an ending, never a word alone'],
    ['accord', 'cadre', new Set<string>(), 'hyphen-keep', '"cadre" is a word: a compound'],
    ['président', 'directeur', new Set<string>(), 'hyphen-keep', '"directeur" is a word: a compound'],
    ['co', 'tion', new Set<string>(), 'hyphen-keep', 'a piece of two letters before the hyphen is no evidence'],
    ['coopéra', 'tion', new Set(['coopéra-tion']), 'hyphen-keep', 'the release itself writes the hyphenated form'],
  ])('%s- + %s: %s because %s', (left, right, docWords, expected) => {
    expect(hyphenation(left, right, docWords, words, endings)).toBe(expected);
  });
});
