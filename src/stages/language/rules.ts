/** Rules of the language stage, loaded from rules/language/<code>.yaml at start-up (see its README). */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readRuleFile, type Schema } from '../../rules/load.js';

export interface LanguageProfile {
  code: string;
  name: string;
  /** Whether the extractors handle it (fr, en). */
  process: boolean;
  letters: Set<string>;
}

export interface LanguageRules {
  profiles: LanguageProfile[];
  /** Word (lower case) -> indexes into `profiles` of the languages listing it. */
  words: Map<string, number[]>;
  /** Marked letter (lower case) -> indexes into `profiles` of the languages it marks. */
  letters: Map<string, number[]>;
}

interface LanguageFile {
  language: string;
  name: string;
  process: boolean;
  words: string[];
  letters: string;
}

const SCHEMA: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['language', 'name', 'process', 'words', 'letters'],
  properties: {
    language: { type: 'string', pattern: '^[a-z]{2}$' },
    name: { type: 'string', minLength: 1 },
    process: { type: 'boolean' },
    words: { type: 'array', minItems: 10, items: { type: 'string', pattern: '^\\p{Ll}+$' } },
    letters: { type: 'string' },
  },
};

export function loadLanguageRules(rulesDir: string): LanguageRules {
  const dir = join(rulesDir, 'language');
  const profiles: LanguageProfile[] = [];
  const words = new Map<string, number[]>();
  const letters = new Map<string, number[]>();
  for (const name of readdirSync(dir).sort()) {
    if (!/^[a-z]{2}\.yaml$/.test(name)) continue;
    const f = readRuleFile<LanguageFile>(join(dir, name), SCHEMA);
    if (`${f.data.language}.yaml` !== name) f.fail(['language'], `language "${f.data.language}" does not match the file name ${name}`);
    const index = profiles.length;
    profiles.push({ code: f.data.language, name: f.data.name, process: f.data.process, letters: new Set(f.data.letters) });
    for (const ch of new Set(f.data.letters.toLowerCase())) letters.set(ch, [...(letters.get(ch) ?? []), index]);
    for (const w of new Set(f.data.words)) {
      const list = words.get(w) ?? [];
      list.push(index);
      words.set(w, list);
    }
  }
  return { profiles, words, letters };
}
