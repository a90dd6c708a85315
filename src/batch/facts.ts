/**
 * Do two similar texts tell the same facts? Releases written from one template (quarterly
 * results dates, investor alerts, a series of photo announcements) share most of their words but
 * not their dates, figures and people: word similarity alone would merge them.
 */
import type { DedupConfig } from './config.js';

export interface Facts {
  title: string | null;
  /** The release's own date, YYYY-MM-DD. */
  published: string | null;
  /** Entity keys (src/batch/translations.ts); organisation keys (`o:`) are not facts here. */
  keys: string[];
}

const DAY = 24 * 60 * 60 * 1000;

/** The words of a text, folded (no accents, lower case). */
export function foldedWords(text: string): string[] {
  return (
    text
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

function titleWords(title: string): Set<string> {
  return new Set(foldedWords(title));
}

/** True when the words of `title` occur one after the other in `text` (case, accents and punctuation aside). */
export function titleInText(title: string, text: string): boolean {
  const t = foldedWords(title).join(' ');
  return t.length > 0 && ` ${foldedWords(text).join(' ')} `.includes(` ${t} `);
}

export interface Disagreement {
  /** `title` disagreements are settled by titleInText: a copy may carry a "FOR IMMEDIATE RELEASE" title. */
  kind: 'published' | 'title' | 'facts';
  message: string;
}

function facts(keys: string[]): Set<string> {
  return new Set(keys.filter((k) => !k.startsWith('o:')));
}

/** Why two documents are not the same release despite their wording, or null when their facts agree. */
export function factsDisagree(a: Facts, b: Facts, c: DedupConfig): Disagreement | null {
  if (a.published && b.published) {
    const days = Math.abs(Date.parse(a.published) - Date.parse(b.published)) / DAY;
    if (days > c.maxPublishedDays) return { kind: 'published', message: `published ${a.published} and ${b.published}` };
  }
  if (a.title && b.title) {
    const ta = titleWords(a.title);
    const tb = titleWords(b.title);
    const small = Math.min(ta.size, tb.size);
    if (small > 0) {
      const [x, y] = ta.size <= tb.size ? [ta, tb] : [tb, ta];
      let shared = 0;
      for (const w of x) if (y.has(w)) shared++;
      const jaccard = shared / (ta.size + tb.size - shared);
      if (shared / small < c.minTitleOverlap && jaccard < c.minTitleJaccard) return { kind: 'title', message: `titles differ ("${a.title}" / "${b.title}")` };
    }
  }
  const fa = facts(a.keys);
  const fb = facts(b.keys);
  const small = Math.min(fa.size, fb.size);
  if (small >= c.minFacts) {
    const [x, y] = fa.size <= fb.size ? [fa, fb] : [fb, fa];
    let shared = 0;
    for (const k of x) if (y.has(k)) shared++;
    if (shared / small < c.minFactOverlap) return { kind: 'facts', message: `only ${shared} of ${small} facts shared` };
  }
  return null;
}
