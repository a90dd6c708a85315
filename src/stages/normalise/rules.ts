/**
 * Rules of the normalise stage, loaded from rules/normalise/ at start-up:
 * - boilerplate.<lang>.yaml: whole lines of page furniture to remove;
 * - title.yaml: lines that are never a release's title (labels, photo credits);
 * - words.<lang>.txt (optional): known words, evidence for repairing end-of-line hyphenation;
 * - word-endings.txt (optional): endings that are never words alone ("tion"): a word cut before
 *   one of them is one word.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compileRulePattern, readListFile, readRuleFile, type Schema } from '../../rules/load.js';

export interface BoilerplateRule {
  id: string;
  language: string;
  pattern: RegExp;
}

export interface NormaliseRules {
  boilerplate: BoilerplateRule[];
  /** All boilerplate patterns in one whole-line, case-insensitive regex (tested first). */
  anyBoilerplate: RegExp | null;
  /** Lines that are not titles (labels such as "Press release", photo credits), whole-line. */
  notTitle: RegExp | null;
  /** Known words (lower case), for end-of-line hyphenation. */
  words: Set<string>;
  /** Word endings that are never words alone (lower case), for end-of-line hyphenation. */
  endings: Set<string>;
}

interface BoilerplateFile {
  language: string;
  lines: Array<{ id: string; pattern: string }>;
}

const BOILERPLATE_SCHEMA: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['language', 'lines'],
  properties: {
    language: { type: 'string', pattern: '^[a-z]{2}$' },
    lines: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'pattern'],
        properties: {
          id: { type: 'string', pattern: '^boilerplate\\.[a-z]{2}\\.[a-z0-9-]+$' },
          pattern: { type: 'string', minLength: 1 },
        },
      },
    },
  },
};

interface TitleFile {
  not_titles: Array<{ id: string; pattern: string }>;
}

const TITLE_SCHEMA: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['not_titles'],
  properties: {
    not_titles: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'pattern'],
        properties: {
          id: { type: 'string', pattern: '^title\\.[a-z0-9.-]+$' },
          pattern: { type: 'string', minLength: 1 },
        },
      },
    },
  },
};

export function loadNormaliseRules(rulesDir: string): NormaliseRules {
  const dir = join(rulesDir, 'normalise');
  const boilerplate: BoilerplateRule[] = [];
  const ids = new Set<string>();
  for (const name of readdirSync(dir).sort()) {
    if (!/^boilerplate\.[a-z]{2}\.yaml$/.test(name)) continue;
    const file = join(dir, name);
    const f = readRuleFile<BoilerplateFile>(file, BOILERPLATE_SCHEMA);
    f.data.lines.forEach((l, i) => {
      if (ids.has(l.id)) f.fail(['lines', i, 'id'], `duplicate rule id "${l.id}"`);
      if (!l.id.startsWith(`boilerplate.${f.data.language}.`)) f.fail(['lines', i, 'id'], `rule id "${l.id}" must start with "boilerplate.${f.data.language}."`);
      ids.add(l.id);
      const pattern = compileRulePattern(`^(?:${l.pattern})$`, 'iu', file, f.lineOf(['lines', i, 'pattern']));
      boilerplate.push({ id: l.id, language: f.data.language, pattern });
    });
  }
  const anyBoilerplate = boilerplate.length ? new RegExp(boilerplate.map((b) => b.pattern.source).join('|'), 'iu') : null;

  const titleFile = join(dir, 'title.yaml');
  let notTitle: RegExp | null = null;
  if (existsSync(titleFile)) {
    const t = readRuleFile<TitleFile>(titleFile, TITLE_SCHEMA);
    const parts = t.data.not_titles.map((n, i) => compileRulePattern(`^(?:${n.pattern})$`, 'iu', titleFile, t.lineOf(['not_titles', i, 'pattern'])).source);
    if (parts.length) notTitle = new RegExp(parts.join('|'), 'iu');
  }

  const words = new Set<string>();
  for (const name of readdirSync(dir).sort()) {
    if (!/^words\.[a-z]{2}\.txt$/.test(name)) continue;
    for (const e of readListFile(join(dir, name))) words.add(e.value.toLowerCase());
  }
  const endings = new Set<string>();
  const endingsFile = join(dir, 'word-endings.txt');
  if (existsSync(endingsFile)) for (const e of readListFile(endingsFile)) endings.add(e.value.toLowerCase());
  return { boilerplate, anyBoilerplate, notTitle, words, endings };
}
