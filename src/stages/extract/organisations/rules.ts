/**
 * Rules of the organisations stage, loaded once from rules/organisations/ at start-up:
 * - gazetteer files (every `*.yaml` with an `organisations:` list: space-agencies.yaml,
 *   companies.yaml ...): known bodies with their names, acronyms and aliases in both languages;
 * - `en.yaml`, `fr.yaml`: the pattern rules for bodies not in the gazetteer (head words, company
 *   suffixes, roles, "About X" headings, acronym definitions);
 * - `not-organisations.yaml`: programmes, missions, events, facilities and common acronyms that
 *   look like organisations but are not.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Language } from '../../../document.js';
import { readRuleFile, type Schema } from '../../../rules/load.js';
import { fold } from '../../../text/unicode.js';
import { PhraseIndex, defaultCaseRule, keyOf, type CaseRule } from './phrase-index.js';

export { keyOf };
import { loadPlaceNames } from '../places/rules.js';

/** One organisation of the gazetteer. */
export interface KnownOrganisation {
  id: string;
  /** Canonical name (used only when the text gives no fuller form). */
  name: string;
  /** Acronyms in every language ("EU", "UE"). */
  acronyms: string[];
  /** Every full name: canonical, English, French, other aliases. */
  names: string[];
  /**
   * Languages in which the acronym or one-word name alone is ambiguous (ESA the games association,
   * IGN the games site, "Total" the word): empty when it never is.
   */
  ambiguousIn: Language[];
  /** Gazetteer file it comes from (its sector), e.g. "space-agencies". */
  sector: string;
}

export interface GazetteerHit {
  org: KnownOrganisation;
  isAcronym: boolean;
}

export type PatternKind =
  | 'head-final'
  | 'head-initial'
  | 'company-suffix'
  | 'role-before'
  | 'role-after'
  | 'about-heading'
  | 'ticker'
  | 'acronym-definition'
  | 'credit-list'
  | 'descriptor'
  | 'appositive'
  | 'investor-list';

export interface PatternRule {
  id: string;
  kind: PatternKind;
  /** Folded words (or phrases) of the rule. */
  words: Set<string>;
  /** As written, for building regexes. */
  written: string[];
}

export interface LanguagePatterns {
  language: Language;
  rules: PatternRule[];
  byKind: Map<PatternKind, PatternRule>;
  /** Folded lower-case words allowed inside a name between capitalised words ("of", "de la"). */
  connectors: Set<string>;
  /** Folded lower-case words allowed after a French head word ("nationale", "spatiale"). */
  modifiers: Set<string>;
  /** Folded capitalised words that never start or make an organisation alone ("The", "Our"). */
  stopWords: Set<string>;
  /** Folded department and field names that a role names without a body ("director of Engineering"). */
  departments: Set<string>;
}

export interface OrganisationRules {
  known: KnownOrganisation[];
  byId: Map<string, KnownOrganisation>;
  gazetteer: PhraseIndex<GazetteerHit>;
  /** Folded acronym -> known organisation, for acronym definitions of known bodies. */
  byAcronym: Map<string, KnownOrganisation>;
  /** Folded full name -> known organisation. */
  byName: Map<string, KnownOrganisation>;
  /** Programmes, missions, events, facilities, instruments, common acronyms: never organisations. */
  notOrganisations: PhraseIndex<string>;
  /** Folded forms of the same, for checking candidate names. */
  notOrganisationKeys: Set<string>;
  /** Folded names of countries, regions, cities, continents: never organisations alone. */
  placeKeys: Set<string>;
  patterns: Record<Language, LanguagePatterns>;
  /** Every pattern rule id, plus the gazetteer's. */
  ruleIds: string[];
  /** "Acme Widgets, Inc." -> group 1 "Acme Widgets": a name without its company suffix (both languages). */
  companySuffix: RegExp;
}

export const GAZETTEER_RULE = 'org.gazetteer';
export const SAME_NAME_RULE = 'org.repeat';

const gazetteerSchema: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['organisations'],
  properties: {
    organisations: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name'],
        properties: {
          id: { type: 'string', pattern: '^org\\.[a-z0-9][a-z0-9.-]*$' },
          name: { type: 'string', minLength: 2 },
          acronym: { type: 'string', minLength: 2 },
          en: { type: 'string', minLength: 2 },
          fr: { type: 'string', minLength: 2 },
          aliases: { type: 'array', items: { type: 'string', minLength: 2 } },
          ambiguous: { oneOf: [{ type: 'boolean' }, { enum: ['en', 'fr'] }] },
        },
      },
    },
  },
};

const KINDS: PatternKind[] = [
  'head-final',
  'head-initial',
  'company-suffix',
  'role-before',
  'role-after',
  'about-heading',
  'ticker',
  'acronym-definition',
  'credit-list',
  'descriptor',
  'appositive',
  'investor-list',
];

const patternSchema: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['language', 'rules', 'connectors', 'stop_words'],
  properties: {
    language: { enum: ['en', 'fr'] },
    connectors: { type: 'array', items: { type: 'string' } },
    modifiers: { type: 'array', items: { type: 'string' } },
    stop_words: { type: 'array', items: { type: 'string' } },
    departments: { type: 'array', items: { type: 'string' } },
    rules: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'kind'],
        properties: {
          id: { type: 'string', pattern: '^org\\.(en|fr)\\.[a-z0-9-]+$' },
          kind: { enum: KINDS },
          words: { type: 'array', items: { type: 'string', minLength: 1 } },
        },
      },
    },
  },
};

const notSchema: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    programmes: { type: 'array', items: { type: 'string' } },
    missions: { type: 'array', items: { type: 'string' } },
    spacecraft: { type: 'array', items: { type: 'string' } },
    instruments: { type: 'array', items: { type: 'string' } },
    events: { type: 'array', items: { type: 'string' } },
    facilities: { type: 'array', items: { type: 'string' } },
    units: { type: 'array', items: { type: 'string' } },
    acronyms: { type: 'array', items: { type: 'string' } },
  },
};

interface GazetteerFile {
  organisations: Array<{
    id: string;
    name: string;
    acronym?: string;
    en?: string;
    fr?: string;
    aliases?: string[];
    ambiguous?: boolean | Language;
  }>;
}
interface PatternFile {
  language: Language;
  connectors: string[];
  modifiers?: string[];
  stop_words: string[];
  departments?: string[];
  rules: Array<{ id: string; kind: PatternKind; words?: string[] }>;
}
type NotFile = Record<string, string[] | undefined>;

const PATTERN_FILES = new Set(['en.yaml', 'fr.yaml']);
const NOT_FILE = 'not-organisations.yaml';

/** An all-capitals word of 2 to 8 letters (digits and & allowed after the first): an acronym. */
export function isAcronymForm(s: string): boolean {
  return /^\p{Lu}[\p{Lu}\p{N}&]{1,7}$/u.test(s);
}

export function loadOrganisationRules(rulesDir: string): OrganisationRules {
  const dir = join(rulesDir, 'organisations');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && !f.endsWith('.examples.yaml'))
    .sort();
  const known: KnownOrganisation[] = [];
  const byId = new Map<string, KnownOrganisation>();
  const byAcronym = new Map<string, KnownOrganisation>();
  const byName = new Map<string, KnownOrganisation>();
  const gazetteer = new PhraseIndex<GazetteerHit>();
  const notOrganisations = new PhraseIndex<string>();
  const notOrganisationKeys = new Set<string>();
  const patterns: Partial<Record<Language, LanguagePatterns>> = {};
  const ruleIds = new Set<string>([GAZETTEER_RULE, SAME_NAME_RULE]);

  for (const f of files) {
    const path = join(dir, f);
    if (PATTERN_FILES.has(f)) {
      const rf = readRuleFile<PatternFile>(path, patternSchema);
      const lang = rf.data.language;
      if (`${lang}.yaml` !== f) rf.fail(['language'], `language "${lang}" does not match the file name ${f}`);
      const rules: PatternRule[] = [];
      const byKind = new Map<PatternKind, PatternRule>();
      rf.data.rules.forEach((r, i) => {
        if (!r.id.startsWith(`org.${lang}.`)) rf.fail(['rules', i, 'id'], `rule id "${r.id}" must start with org.${lang}.`);
        if (ruleIds.has(r.id)) rf.fail(['rules', i, 'id'], `rule id "${r.id}" is used twice`);
        if (byKind.has(r.kind)) rf.fail(['rules', i, 'kind'], `kind "${r.kind}" is given twice; add the words to the first one`);
        ruleIds.add(r.id);
        const written = r.words ?? [];
        // words are compared with tokens, which never hold the final full stop of "Inc."
        const rule: PatternRule = { id: r.id, kind: r.kind, written, words: new Set(written.map((w) => fold(w).replace(/\.$/, ''))) };
        rules.push(rule);
        byKind.set(r.kind, rule);
      });
      patterns[lang] = {
        language: lang,
        rules,
        byKind,
        connectors: new Set(rf.data.connectors.map((w) => fold(w))),
        modifiers: new Set((rf.data.modifiers ?? []).map((w) => fold(w))),
        stopWords: new Set(rf.data.stop_words.map((w) => fold(w))),
        departments: new Set((rf.data.departments ?? []).map((w) => fold(w))),
      };
      continue;
    }
    if (f === NOT_FILE) {
      const rf = readRuleFile<NotFile>(path, notSchema);
      for (const list of Object.values(rf.data)) {
        for (const name of list ?? []) {
          notOrganisations.add(name, defaultCaseRule(name) === 'exact' ? 'exact' : 'any', name);
          notOrganisationKeys.add(keyOf(name));
        }
      }
      continue;
    }
    const sector = f.replace(/\.yaml$/, '');
    const rf = readRuleFile<GazetteerFile>(path, gazetteerSchema);
    rf.data.organisations.forEach((o, i) => {
      if (byId.has(o.id)) rf.fail(['organisations', i, 'id'], `organisation id "${o.id}" is used twice (also in ${byId.get(o.id)!.sector}.yaml)`);
      const all = [o.name, o.acronym, o.en, o.fr, ...(o.aliases ?? [])].filter((s): s is string => !!s);
      const acronyms = [...new Set(all.filter(isAcronymForm))];
      const names = [...new Set(all.filter((s) => !isAcronymForm(s)))];
      const org: KnownOrganisation = { id: o.id, name: o.name, acronyms, names, ambiguousIn: o.ambiguous === true ? ['en', 'fr'] : o.ambiguous ? [o.ambiguous] : [], sector };
      known.push(org);
      byId.set(o.id, org);
      for (const a of acronyms) {
        gazetteer.add(a, 'exact', { org, isAcronym: true });
        if (!byAcronym.has(a)) byAcronym.set(a, org);
      }
      for (const n of names) {
        const rule: CaseRule = defaultCaseRule(n);
        gazetteer.add(n, rule, { org, isAcronym: false });
        byName.set(keyOf(n), org);
      }
    });
  }
  const missing = (['en', 'fr'] as const).filter((l) => !patterns[l]);
  if (missing.length) throw new Error(`rules/organisations: missing ${missing.map((l) => `${l}.yaml`).join(', ')}`);
  const suffixes = Object.values(patterns).flatMap((lp) => lp!.byKind.get('company-suffix')?.written ?? []);
  const suffixAlternation = [...new Set(suffixes)]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'))
    .join('|');
  return {
    companySuffix: new RegExp(`^(.*?[\\p{L}\\p{N}])\\s?,?\\s(?:${suffixAlternation})\\.?$`, 'u'),
    known,
    byId,
    gazetteer,
    byAcronym,
    byName,
    notOrganisations,
    notOrganisationKeys,
    placeKeys: new Set(loadPlaceNames(rulesDir).map(keyOf)),
    patterns: patterns as Record<Language, LanguagePatterns>,
    ruleIds: [...ruleIds].sort(),
  };
}
