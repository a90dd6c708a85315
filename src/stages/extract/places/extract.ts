/**
 * Extract places: countries, continents, regions and cities named in the text, from the places
 * gazetteer (rules/places/). Names inside an organisation's name ("European Space Agency",
 * "University of Toulouse", "UAE Space Agency") are not place mentions: the organisations stage
 * runs first and its mention spans are skipped. One entity per place, English and French names
 * together (aliases), `code` the ISO 3166-1 alpha-2 code of countries.
 */
import type { Document, Mention, Place } from '../../../document.js';
import type { Rules } from '../../../rules/index.js';
import { foldText, keyOf, type PhraseMatch } from '../organisations/phrase-index.js';
import type { PlaceHit, PlaceRules } from './rules.js';

export function extractPlaces(doc: Document, rules: Rules): void {
  const orgSpans = doc.entities.organisations.flatMap((o) => o.mentions).sort((a, b) => a.start - b.start);
  doc.entities.places = findPlaces(doc.text, rules.places, orgSpans);
}

/** The places of a text, skipping the spans given (organisation names). */
export function findPlaces(text: string, rules: PlaceRules, skip: Mention[] = []): Place[] {
  const ft = foldText(text);
  const matches = rules.index.match(ft);
  const byId = new Map<string, { place: Place; forms: Map<string, string>; order: number }>();
  let s = 0;
  for (const m of matches) {
    while (s < skip.length && skip[s]!.end <= m.start) s++;
    if (s < skip.length && skip[s]!.start < m.end) continue; // inside an organisation name
    if (!accepted(m, ft, rules)) continue;
    let written = text.slice(m.start, m.end).replace(/\s+/g, ' ');
    // "ATLANTA, Ga., March 9" (a dateline): the place's own name rather than capitals
    if (written.length > 3 && written === written.toUpperCase() && /\p{Lu}{4}/u.test(written)) written = m.phrase.value.place.name;
    const known = m.phrase.value.place;
    let e = byId.get(known.id);
    if (!e) {
      const place: Place = { name: written, type: known.type, aliases: [], mentions: [] };
      if (known.code) place.code = known.code;
      e = { place, forms: new Map(), order: m.start };
      byId.set(known.id, e);
    }
    e.place.mentions.push({ start: m.start, end: m.end });
    const k = keyOf(written);
    if (!e.forms.has(k)) e.forms.set(k, written);
  }
  const out = [...byId.values()].sort((a, b) => a.order - b.order);
  for (const e of out) {
    const forms = [...e.forms.values()];
    // the fullest form names the place; the other forms (other language, abbreviations) are aliases
    const name = forms.reduce((best, f) => (f.length > best.length ? f : best), forms[0]!);
    e.place.name = name;
    e.place.aliases = forms.filter((f) => f !== name);
  }
  return out.map((e) => e.place);
}

/** An ambiguous name ("Nice", "Jordan", "Chad") is a place only after a locative cue ("in", "à", "de"). */
function accepted(m: PhraseMatch<PlaceHit>, ft: ReturnType<typeof foldText>, rules: PlaceRules): boolean {
  const place = m.phrase.value.place;
  if (place.ambiguous.size === 0) return true;
  const form = keyOf(ft.folded.slice(m.start, m.end));
  if (!place.ambiguous.has(form)) return true;
  const before = ft.folded.slice(Math.max(0, m.start - 16), m.start);
  const cue = /([\p{L}]+)['\s]\s?$/u.exec(before);
  return !!cue && rules.locativeCues.has(cue[1]!);
}
