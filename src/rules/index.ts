/**
 * All rules, loaded once at start-up from the rules/ folder. Each stage owns the loader of its
 * own files (src/stages/<stage>/rules.ts); this module only gathers them and fingerprints the
 * folder, so that a change to any rule file invalidates earlier results.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadReadRules, type ReadRules } from '../stages/read/rules.js';
import { loadNormaliseRules, type NormaliseRules } from '../stages/normalise/rules.js';
import { loadLanguageRules, type LanguageRules } from '../stages/language/rules.js';
import { loadDateRules, type DateRules } from '../stages/extract/dates/rules.js';
import { loadFigureRules, type FigureRules } from '../stages/extract/figures/rules.js';
import { loadPeopleRules, type PeopleRules } from '../stages/extract/people/rules.js';
import { loadOrganisationRules, type OrganisationRules } from '../stages/extract/organisations/rules.js';
import { loadPlaceRules, type PlaceRules } from '../stages/extract/places/rules.js';

export interface Rules {
  dir: string;
  /** sha256 over every file of the rules folder: changes when any rule changes. */
  fingerprint: string;
  read: ReadRules;
  normalise: NormaliseRules;
  language: LanguageRules;
  dates: DateRules;
  figures: FigureRules;
  people: PeopleRules;
  organisations: OrganisationRules;
  places: PlaceRules;
}

/** The rules/ folder shipped with the package. */
export const DEFAULT_RULES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'rules');

const cache = new Map<string, Rules>();

/** Loads and validates every rule file; throws RuleError (file and line) on the first broken one. */
export function loadRules(dir: string = DEFAULT_RULES_DIR): Rules {
  const hit = cache.get(dir);
  if (hit) return hit;
  const rules: Rules = {
    dir,
    fingerprint: fingerprintDir(dir),
    read: loadReadRules(dir),
    normalise: loadNormaliseRules(dir),
    language: loadLanguageRules(dir),
    dates: loadDateRules(dir),
    figures: loadFigureRules(dir),
    people: loadPeopleRules(dir),
    organisations: loadOrganisationRules(dir),
    places: loadPlaceRules(dir),
  };
  cache.set(dir, rules);
  return rules;
}

function fingerprintDir(dir: string): string {
  const hash = createHash('sha256');
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else hash.update(relative(dir, p)).update('\0').update(readFileSync(p)).update('\0');
    }
  };
  walk(dir);
  return hash.digest('hex').slice(0, 16);
}
