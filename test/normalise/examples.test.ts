/**
 * The example files of the normalise rules, walked row by row: boilerplate lines removed (or
 * kept) by the rule named, titles found (or none). Plus: every rule id has an example, and the
 * French and English boilerplate files cover the same kinds of lines.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { textDocument, type Document } from '../../src/document.js';
import { normalise, normaliseLines } from '../../src/stages/normalise/normalise.js';
import { loadNormaliseRules } from '../../src/stages/normalise/rules.js';
import { findTitle } from '../../src/stages/normalise/title.js';
import { IDENTITY } from '../../src/stages/read/offsets.js';
import type { Rules } from '../../src/rules/index.js';

const dir = join(import.meta.dirname, '..', '..', 'rules', 'normalise');
const normaliseRules = loadNormaliseRules(join(dir, '..'));
const rules = { normalise: normaliseRules } as unknown as Rules;

interface BoilerplateExample {
  line: string;
  removed: string | null;
}
const boilerplateFiles = readdirSync(dir).filter((n) => /^boilerplate\.[a-z]{2}\.examples\.yaml$/.test(n)).sort();
const boilerplateRows = boilerplateFiles.flatMap((file) =>
  (parse(readFileSync(join(dir, file), 'utf8')).examples as BoilerplateExample[]).map((e) => [file, e.line, e] as const),
);

describe('boilerplate examples', () => {
  it.each(boilerplateRows)('%s: "%s"', (_file, _line, e) => {
    const doc = { diagnostics: [] as Document['diagnostics'] };
    const text = `The agency signed the agreement on Monday.\n${e.line}\nThe satellite will be launched next year.`;
    const out = normaliseLines(doc, text, normaliseRules).text;
    if (e.removed) {
      expect(out).toBe('The agency signed the agreement on Monday.\nThe satellite will be launched next year.');
      // The rule named matches the line (another language's rule may be the one reported first).
      const rule = normaliseRules.boilerplate.find((r) => r.id === e.removed);
      expect(rule?.pattern.test(e.line)).toBe(true);
    } else {
      expect(out).toBe(text);
    }
  });

  it('has an example for every boilerplate rule', () => {
    const exampled = new Set(boilerplateRows.map(([, , e]) => e.removed));
    const missing = normaliseRules.boilerplate.map((r) => r.id).filter((id) => !exampled.has(id));
    expect(missing).toEqual([]);
  });

  it('has lines that must stay in every language', () => {
    for (const file of boilerplateFiles) expect(boilerplateRows.filter(([f, , e]) => f === file && e.removed === null).length).toBeGreaterThanOrEqual(3);
  });

  it('removes the same kinds of lines in French and English', () => {
    const kinds = (lang: string) => normaliseRules.boilerplate.filter((r) => r.language === lang).map((r) => r.id.split('.')[2]).sort();
    expect(kinds('fr')).toEqual(kinds('en'));
  });
});

interface TitleExample {
  text: string;
  title: string | null;
}
const titleRows = (parse(readFileSync(join(dir, 'title.examples.yaml'), 'utf8')).examples as TitleExample[]).map((e) => [e.title ?? '(none)', e] as const);

function docOf(text: string): Document {
  return textDocument(text, { offsets: IDENTITY });
}

describe('title examples', () => {
  it.each(titleRows)('finds the title %s', (_t, e) => {
    const doc = docOf(e.text);
    normalise(doc, rules);
    findTitle(doc, rules);
    expect(doc.title).toBe(e.title);
  });

  it('prefers the title the page gives in its metadata', () => {
    const doc = docOf('Menu\nA heading line of the page\nSome text of the body that goes on for a while here.');
    doc.metadata.title = 'The page title';
    findTitle(doc, rules);
    expect(doc.title).toBe('The page title');
  });

  it('has an example for every rule of title.yaml', () => {
    const ids = [...readFileSync(join(dir, 'title.yaml'), 'utf8').matchAll(/id: (title\.[a-z.-]+)/g)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(0);
    // Each label or credit rule must be exercised by a line that a title example skips.
    const all = titleRows.map(([, e]) => e.text).join('\n');
    for (const [id, probe] of [
      ['title.press-release-label', /^(?:Press release|Communiqué de presse|FOR IMMEDIATE RELEASE)$/m],
      ['title.photo-credit', /^(?:©|Crédit photo)/m],
    ] as const) {
      expect(ids).toContain(id);
      expect(all).toMatch(probe);
    }
  });
});
