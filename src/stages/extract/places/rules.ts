/**
 * Rules of the places stage, loaded once from rules/places/ at start-up:
 * - countries: the English and French names of i18n-iso-countries (read from the package at load
 *   time), plus `extra-names.yaml` for the forms it lacks ("Etats-Unis", "Russie", "South Korea"...);
 * - every other `*.yaml` with a `places:` list (continents-and-regions.yaml, cities.yaml ...).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Place } from '../../../document.js';
import { readRuleFile, type Schema } from '../../../rules/load.js';
import { fold } from '../../../text/unicode.js';
import { PhraseIndex, defaultCaseRule, keyOf } from '../organisations/phrase-index.js';

export interface KnownPlace {
  id: string;
  /** English name (the canonical one). */
  name: string;
  type: Place['type'];
  code?: string;
  /** Written alone, the name needs a locative cue before it ("in Nice", not "Nice to meet"). */
  ambiguous: Set<string>;
}

export interface PlaceHit {
  place: KnownPlace;
}

export interface PlaceRules {
  known: Map<string, KnownPlace>;
  index: PhraseIndex<PlaceHit>;
  /** Folded words that make an ambiguous name a place when they stand just before it. */
  locativeCues: Set<string>;
}

const placeSchema: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['places'],
  properties: {
    places: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'type', 'name'],
        properties: {
          id: { type: 'string', pattern: '^(continent|region|city|other)\\.[a-z0-9-]+$' },
          type: { enum: ['region', 'city', 'continent', 'other'] },
          name: { type: 'string', minLength: 2 },
          fr: { type: 'string', minLength: 2 },
          aliases: { type: 'array', items: { type: 'string', minLength: 2 } },
          country: { type: 'string', pattern: '^[A-Z]{2}$' },
          ambiguous: { type: 'boolean' },
        },
      },
    },
  },
};

const extraSchema: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['countries'],
  properties: {
    countries: {
      type: 'object',
      additionalProperties: false,
      patternProperties: { '^[A-Z]{2}$': { type: 'array', items: { type: 'string', minLength: 2 } } },
    },
    ignore: { type: 'array', items: { type: 'string' } },
    ambiguous: { type: 'array', items: { type: 'string' } },
    locative_cues: { type: 'array', items: { type: 'string' } },
  },
};

interface PlaceFile {
  places: Array<{ id: string; type: Place['type']; name: string; fr?: string; aliases?: string[]; country?: string; ambiguous?: boolean }>;
}
interface ExtraFile {
  countries: Record<string, string[]>;
  ignore?: string[];
  ambiguous?: string[];
  locative_cues?: string[];
}

const EXTRA_FILE = 'extra-names.yaml';

interface Loaded {
  entries: Array<{ place: KnownPlace; names: string[] }>;
  locativeCues: string[];
}

const require = createRequire(import.meta.url);

function countryLocale(lang: 'en' | 'fr'): Record<string, string | string[]> {
  const file = require.resolve(`i18n-iso-countries/langs/${lang}.json`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { countries: Record<string, string | string[]> }).countries;
}

function loadAll(rulesDir: string): Loaded {
  const dir = join(rulesDir, 'places');
  const extra = readRuleFile<ExtraFile>(join(dir, EXTRA_FILE), extraSchema).data;
  const ignore = new Set((extra.ignore ?? []).map((n) => fold(n)));
  const ambiguousNames = new Set((extra.ambiguous ?? []).map((n) => keyOf(n)));
  const en = countryLocale('en');
  const fr = countryLocale('fr');
  const entries: Loaded['entries'] = [];
  for (const code of Object.keys(en).sort()) {
    const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
    const enNames = list(en[code]);
    const names = [...enNames, ...list(fr[code]), ...(extra.countries[code] ?? [])]
      // "Korea, Republic of" and "Bolivia (Plurinational State of)" are catalogue forms, not prose
      .filter((n) => !/[,(]/.test(n) && !ignore.has(fold(n)));
    const shortest = enNames.filter((n) => !/[,(]/.test(n)).sort((a, b) => a.length - b.length);
    const place: KnownPlace = {
      id: `country.${code.toLowerCase()}`,
      name: shortest.find((n) => !/^[A-Z.]+$/.test(n)) ?? shortest[0] ?? code,
      type: 'country',
      code,
      ambiguous: new Set(names.map((n) => keyOf(n)).filter((n) => ambiguousNames.has(n))),
    };
    entries.push({ place, names: [...new Set(names)] });
  }
  for (const f of readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && f !== EXTRA_FILE && !f.endsWith('.examples.yaml'))
    .sort()) {
    const rf = readRuleFile<PlaceFile>(join(dir, f), placeSchema);
    for (const p of rf.data.places) {
      const names = [...new Set([p.name, p.fr, ...(p.aliases ?? [])].filter((s): s is string => !!s))];
      const ambiguous = new Set(names.map((n) => keyOf(n)).filter((n) => p.ambiguous || ambiguousNames.has(n)));
      entries.push({ place: { id: p.id, name: p.name, type: p.type, ambiguous }, names });
    }
  }
  return { entries, locativeCues: extra.locative_cues ?? [] };
}

/** Every place name of the rules (for the organisations stage, which must not take a place for a body). */
export function loadPlaceNames(rulesDir: string): string[] {
  return loadAll(rulesDir).entries.flatMap((e) => e.names);
}

export function loadPlaceRules(rulesDir: string): PlaceRules {
  const { entries, locativeCues } = loadAll(rulesDir);
  const known = new Map<string, KnownPlace>();
  const index = new PhraseIndex<PlaceHit>();
  for (const { place, names } of entries) {
    if (known.has(place.id)) throw new Error(`rules/places: place id "${place.id}" is used twice`);
    known.set(place.id, place);
    for (const n of names) {
      const rule = defaultCaseRule(n);
      // place names are written with a capital in both languages, even long ones
      index.add(n, rule === 'any' ? 'capitalised' : rule, { place });
    }
  }
  return { known, index, locativeCues: new Set(locativeCues.map((w) => fold(w))) };
}
