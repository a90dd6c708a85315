/**
 * Translations: an English and a French record of the same release are linked, not merged.
 * Their texts share few words, but they name the same people, the same organisations (by
 * acronym or gazetteer id), the same figures and the same days. Each record keeps a small set of
 * such keys; two records of different languages are linked when they share enough of them, and
 * each is the other's best match.
 */
import type { DocumentRecord } from '../record.js';
import type { TranslationConfig } from './config.js';

const MAX_KEYS = 64;

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The language-independent entity keys of a record, in order of first appearance, at most 64. */
export function translationKeys(r: Pick<DocumentRecord, 'people' | 'organisations' | 'figures' | 'dates'>): string[] {
  const keys = new Set<string>();
  const add = (k: string) => {
    if (keys.size < MAX_KEYS) keys.add(k.slice(0, 48));
  };
  for (const p of r.people) {
    const name = fold(p.name);
    // One-word names ("Macron") are kept too: surnames carry over between languages.
    if (name.length >= 3) add(`p:${name}`);
  }
  for (const o of r.organisations) {
    if (o.id) add(`o:${o.id}`);
    else if (o.acronym && o.acronym.length >= 2) add(`o:${fold(o.acronym)}`);
  }
  for (const f of r.figures) {
    if (f.kind === 'money') add(`f:${f.value}${f.unit ?? ''}`);
    else if (f.kind === 'percent') add(`f:${f.value}%`);
    // Counts and measures: their units are words of the language; small numbers say too little.
    else if (f.value >= 10 || !Number.isInteger(f.value)) add(`f:${f.value}`);
  }
  for (const d of r.dates) if (d.grain === 'day' || d.grain === 'month' || d.grain === 'range') add(`d:${d.value}`);
  return [...keys];
}

export interface Linkable {
  id: string;
  language: string | null;
  keys: string[];
}

/**
 * Links records of different languages that share entities: returns, for every record that has
 * a translation, the sorted ids of its translations (at most one per other language). The result
 * depends only on the set of records, not on their order.
 */
export function linkTranslations(records: Iterable<Linkable>, c: TranslationConfig): Map<string, string[]> {
  const all: Linkable[] = [];
  const postings = new Map<string, number[]>();
  for (const r of records) {
    if (r.language === null || r.keys.length < c.minShared) continue;
    const i = all.push(r) - 1;
    for (const k of r.keys) {
      let list = postings.get(k);
      if (!list) postings.set(k, (list = []));
      list.push(i);
    }
  }
  // best[i] per other language: [index, shared, overlap]
  const best = new Map<string, { j: number; shared: number; overlap: number }>();
  const better = (a: { shared: number; overlap: number; j: number }, b: { shared: number; overlap: number; j: number } | undefined) =>
    !b || a.shared > b.shared || (a.shared === b.shared && (a.overlap > b.overlap || (a.overlap === b.overlap && all[a.j]!.id < all[b.j]!.id)));
  for (let i = 0; i < all.length; i++) {
    const a = all[i]!;
    const shared = new Map<number, number>();
    for (const k of a.keys) {
      const list = postings.get(k)!;
      if (list.length > c.maxPostings) continue;
      for (const j of list) {
        if (j === i || all[j]!.language === a.language) continue;
        shared.set(j, (shared.get(j) ?? 0) + 1);
      }
    }
    for (const [j, n] of shared) {
      if (n < c.minShared) continue;
      const b = all[j]!;
      const overlap = n / Math.min(a.keys.length, b.keys.length);
      if (overlap < c.minOverlap) continue;
      const slot = `${i}:${b.language}`;
      const cand = { j, shared: n, overlap };
      if (better(cand, best.get(slot))) best.set(slot, cand);
    }
  }
  const links = new Map<string, string[]>();
  for (const [slot, { j }] of best) {
    const i = Number(slot.slice(0, slot.indexOf(':')));
    const back = best.get(`${j}:${all[i]!.language}`);
    if (!back || back.j !== i) continue; // not each other's best
    const id = all[i]!.id;
    const list = links.get(id) ?? [];
    list.push(all[j]!.id);
    links.set(id, list.sort());
  }
  return links;
}
