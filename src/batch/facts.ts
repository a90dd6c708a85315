/**
 * Do two similar texts tell the same facts? Releases written from one template (quarterly
 * results dates, investor alerts, a series of photo announcements) share most of their words but
 * not their dates, figures and people: word similarity alone would merge them.
 */
import type { DedupConfig } from './config.js';

export interface Facts {
  /** The release's own date, YYYY-MM-DD. */
  published: string | null;
  /** Entity keys (src/batch/translations.ts); organisation keys (`o:`) are not facts here. */
  keys: string[];
}

const DAY = 24 * 60 * 60 * 1000;

function facts(keys: string[]): Set<string> {
  return new Set(keys.filter((k) => !k.startsWith('o:')));
}

/** Why two documents are not the same release despite their wording, or null when their facts agree. */
export function factsDisagree(a: Facts, b: Facts, c: DedupConfig): string | null {
  if (a.published && b.published) {
    const days = Math.abs(Date.parse(a.published) - Date.parse(b.published)) / DAY;
    if (days > c.maxPublishedDays) return `published ${a.published} and ${b.published}`;
  }
  const fa = facts(a.keys);
  const fb = facts(b.keys);
  const small = Math.min(fa.size, fb.size);
  if (small >= c.minFacts) {
    const [x, y] = fa.size <= fb.size ? [fa, fb] : [fb, fa];
    let shared = 0;
    for (const k of x) if (y.has(k)) shared++;
    if (shared / small < c.minFactOverlap) return `only ${shared} of ${small} facts shared`;
  }
  return null;
}
