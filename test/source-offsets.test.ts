/**
 * Every mention maps back to its range in the source file: the source slice, once markup and
 * entities are removed and spaces folded, reads as the same words as the mention in the text.
 */
import { join } from 'node:path';
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../src/stages/read/read.js';
import { analyse } from '../src/pipeline.js';
import { loadRules } from '../src/rules/index.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const rules = loadRules();

/** Letters and digits only, so that wrapping, markup and typographic variants do not matter. */
const letters = (s: string) => s.normalize('NFKC').replace(/[^\p{L}\p{N}]+/gu, '').toLowerCase();

describe.each(['seeds/000_7130c381d7c615da.txt', 'formats/000-page.html', 'formats/000-pdf.txt', 'formats/001-utf16le.txt', 'formats/004-windows-1252.txt'])(
  'the mentions of %s',
  (file) => {
    it('point back to the same words in the source file', async () => {
      const doc = analyse(await readDocument(join(FIXTURES, file), rules), rules);
      const mentions = Object.values(doc.entities).flatMap((list) => list.flatMap((e: { mentions: Array<{ start: number; end: number; sourceStart?: number; sourceEnd?: number }> }) => e.mentions));
      expect(mentions.length).toBeGreaterThan(10);
      for (const m of mentions) {
        const inText = doc.text.slice(m.start, m.end);
        let inSource = doc.raw.slice(m.sourceStart, m.sourceEnd);
        if (doc.format === 'html') inSource = load(`<body>${inSource.replace(/<[^>]*>/g, '')}</body>`).text();
        // Hyphenation repaired in PDF-style text: the source may hold "irri-\ngate" for "irrigate".
        expect(letters(inSource), `${JSON.stringify(inText)} -> ${JSON.stringify(inSource)}`).toBe(letters(inText));
      }
    });
  },
);

