/**
 * Refiners (chrono-node's): from overlapping proposals keep the longest, and drop years that are
 * part of a name ("Horizon 2000", "IAC 2016").
 */
import type { Candidate } from './candidate.js';
import { lexKey } from './lex-key.js';

/** Keeps the longest of overlapping candidates (earliest first on ties), in text order. */
export function keepLongest(cands: Candidate[]): Candidate[] {
  const byLength = [...cands].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Candidate[] = [];
  for (const c of byLength) {
    if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

const WORD_BEFORE = /([\p{L}\p{N}]+)[\s-]*$/u;

/** Drops a candidate that starts with a year right after a name that takes a year ("Vision 2030"). */
export function dropNamedYears(text: string, cands: Candidate[], names: Set<string>): Candidate[] {
  return cands.filter((c) => {
    if (!/^\d{4}/.test(text.slice(c.start, c.start + 4))) return true;
    const before = WORD_BEFORE.exec(text.slice(Math.max(0, c.start - 30), c.start));
    return !(before && /^\p{Lu}/u.test(before[1]!) && names.has(lexKey(before[1]!)));
  });
}
