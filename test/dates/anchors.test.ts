/**
 * Anchors: rules are tried only where they can start. These tests check that reading a rule's
 * start from its pattern is right, and that the anchored scan proposes exactly what a scan of the
 * whole text by every rule proposes, on every example sentence of every language.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES_DIR } from '../../src/rules/index.js';
import { DIGITS, leadingTriggers } from '../../src/stages/extract/dates/anchors.js';
import { propose } from '../../src/stages/extract/dates/propose.js';
import { loadDateRules, type LocaleRules } from '../../src/stages/extract/dates/rules.js';

const words: Record<string, string[]> = { month: ['janvier', 'Févr.', 'May'], day: ['0', '00'], year: ['0000'], quarter: ['0'], order: ['first', '1er'] };
const lookup = (name: string) => words[name] ?? null;

describe('the start of a rule read from its pattern', () => {
  it.each([
    ['{month}\\s+{day}', ['janvier', 'Févr', 'May']],
    ['{day}\\s+{month}', [`${DIGITS}1`, `${DIGITS}2`]],
    ['{year}-(?<mm>0[1-9]|1[0-2])', [`${DIGITS}4`]],
    ['Q{quarter}\\s*{year}', ['q']],
    ['(?:FY\\s?(?:{year}|{yy}))', ['fy']],
    ['(?<a>\\d{1,2})/(?<b>\\d{1,2})', [`${DIGITS}1`, `${DIGITS}2`]],
    ['\\d+ days', [DIGITS]],
    ['[TQ]{quarter}', ['t', 'q']],
    ['fiscal\\s+{year}', ['fiscal']],
    ['{order}\\s+quarter', ['first', `${DIGITS}1`]],
  ])('reads %j as starting with %j', (pattern, expected) => {
    expect(leadingTriggers(pattern, lookup)?.sort()).toEqual([...expected].sort());
  });

  it.each([
    ['(?:{month}|{day})', 'an alternation'],
    ['(?:the\\s+)?{month}', 'an optional first group'],
    ['{cue}\\s+{year}', 'a placeholder that may start with anything'],
    ['a|b', 'a top-level alternation'],
    ['Feb?', 'an optional last letter'],
    ['mi{month}', 'letters glued to a word list'],
  ])('gives up on %j (%s): such a rule scans the whole text', (pattern) => {
    expect(leadingTriggers(pattern, lookup)).toBeNull();
  });
});

const rules = loadDateRules(DEFAULT_RULES_DIR);
const dir = join(DEFAULT_RULES_DIR, 'dates');
const sentences = readdirSync(dir)
  .filter((f) => f.endsWith('.examples.yaml'))
  .flatMap((f) => {
    const file = parse(readFileSync(join(dir, f), 'utf8')) as { language: string; examples: Array<{ text: string }>; negatives: Array<string | { text: string }> };
    return [...file.examples.map((e) => e.text), ...file.negatives.map((n) => (typeof n === 'string' ? n : n.text))].map((text) => [file.language, text] as const);
  });

/** The same rules with every rule scanning the whole text, as before anchors. */
const unanchored = (locale: LocaleRules): LocaleRules => ({ ...locale, rules: locale.rules.map((r) => ({ ...r, anchored: false })) });

describe('the anchored scan', () => {
  it('anchors every rule of every language (none falls back to a whole-text scan)', () => {
    const loose = [...rules.locales.values()].flatMap((l) => l.rules.filter((r) => !r.anchored).map((r) => r.id));
    expect(loose).toEqual([]);
  });

  it.each(sentences)('proposes in %s what a whole-text scan proposes for %j', (lang, text) => {
    const locale = rules.locales.get(lang)!;
    const key = (c: { start: number; end: number; rule: string }) => `${c.start}-${c.end} ${c.rule}`;
    for (const order of [null, 'day', 'month'] as const) {
      const anchored = propose(text, locale, { numericOrder: order }).map(key).sort();
      const scanned = propose(text, unanchored(locale), { numericOrder: order }).map(key).sort();
      expect(anchored).toEqual(scanned);
    }
  });
});
