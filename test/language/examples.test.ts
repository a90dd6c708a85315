/**
 * Language detection on the examples of rules/language/examples.yaml (short releases, headlines,
 * releases quoting the other language, other languages, text without words), and what the
 * scores and warnings say.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { textDocument, type Document } from '../../src/document.js';
import { detectLanguage } from '../../src/stages/language/detect.js';
import { loadLanguageRules } from '../../src/stages/language/rules.js';
import { IDENTITY } from '../../src/stages/read/offsets.js';
import type { Rules } from '../../src/rules/index.js';
import { RuleError } from '../../src/rules/load.js';

const rulesDir = join(import.meta.dirname, '..', '..', 'rules');
const rules = { language: loadLanguageRules(rulesDir) } as unknown as Rules;

interface Example {
  text: string;
  language: 'fr' | 'en' | null;
  found?: string;
  form: string;
}
const examples = parse(readFileSync(join(rulesDir, 'language', 'examples.yaml'), 'utf8')).examples as Example[];

function detect(text: string): Document {
  const doc = textDocument(text, { offsets: IDENTITY });
  detectLanguage(doc, rules);
  return doc;
}

describe('language examples', () => {
  it.each(examples.map((e) => [e.form, e.language ?? e.found, e] as const))('%s: %s', (_form, _lang, e) => {
    const doc = detect(e.text);
    expect(doc.language).toBe(e.language);
    const scores = doc.languageScores!;
    if (e.language === null) {
      expect(doc.diagnostics.some((d) => d.stage === 'language' && d.severity === 'warning')).toBe(true);
      if (e.found && e.found !== 'none') {
        const ranked = Object.entries(scores).filter(([k]) => k !== 'words').sort((a, b) => b[1] - a[1]);
        expect(ranked[0]![0]).toBe(e.found);
        expect(doc.diagnostics.find((d) => d.stage === 'language')!.message).toMatch(/German|Spanish|Italian/);
      }
    } else {
      expect(doc.diagnostics.filter((d) => d.stage === 'language')).toEqual([]);
    }
  });

  it('covers French and English in each form where both apply', () => {
    for (const form of ['short', 'headline-only', 'quotes-other-language']) {
      expect(new Set(examples.filter((e) => e.form === form).map((e) => e.language))).toEqual(new Set(['fr', 'en']));
    }
  });
});

describe('language scores', () => {
  it('reports a share for every language of the rules and the number of words read', () => {
    const doc = detect("Le satellite sera lancé depuis Kourou à la fin de l'année.");
    expect(Object.keys(doc.languageScores!).sort()).toEqual(['de', 'en', 'es', 'fr', 'it', 'words']);
    expect(doc.languageScores!.words).toBe(12);
    expect(doc.languageScores!.fr).toBeGreaterThan(doc.languageScores!.en!);
  });

  it('reads only the start of a long release', () => {
    const english = 'The company said that the results of the year were in line with the plan. '.repeat(100);
    const french = 'Le groupe a indiqué que les résultats de l’année sont conformes au plan. '.repeat(400);
    expect(detect(english + french).language).toBe('en');
  });

  it('gives null and a warning for an empty text', () => {
    const doc = detect('   ');
    expect(doc.language).toBeNull();
    expect(doc.languageScores!.words).toBe(0);
  });

  it('refuses a language file whose code does not match its name, naming the file', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const d = mkdtempSync(join(tmpdir(), 'lang-rules-'));
    mkdirSync(join(d, 'language'));
    writeFileSync(join(d, 'language', 'fr.yaml'), 'language: en\nname: X\nprocess: true\nwords: [a, b, c, d, e, f, g, h, i, j]\nletters: ""\n');
    expect(() => loadLanguageRules(d)).toThrow(RuleError);
    expect(() => loadLanguageRules(d)).toThrow(/fr\.yaml:1/);
  });
});
