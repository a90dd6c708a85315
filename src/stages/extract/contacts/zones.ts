/**
 * Press-contact zones: the lines after a heading such as "CNES press contacts", "Media Contact:"
 * or "Contacts presse". The people stage reads them as evidence (a name at the start of a line in
 * a zone is a person) and to link a contact's role to the organisation of the heading; the
 * contacts stage turns the people in them into structured contacts.
 */
import type { Organisation } from '../../../document.js';
import type { PeopleRules } from '../people/rules.js';
import type { Token } from '../people/tokens.js';

export interface ContactZone {
  /** Start of the heading. */
  start: number;
  /** End of the heading phrase (content starts after it). */
  headingEnd: number;
  end: number;
  /** Canonical name of the organisation named in the heading ("CNES press contacts"). */
  organisation?: string;
}

/** Up to this many lines after a heading belong to its zone. */
const MAX_LINES = 14;
const MAX_CHARS = 1500;
/** A line this long without an e-mail address or a phone number is prose: the zone ends. */
const PROSE_LINE = 220;

export const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[a-z]{2,12}(?![a-z])/g;
/** French, international and North-American phone numbers ("+33 (0)1 44 76 75 39", "(555) 123-4567"). */
export const PHONE =
  /(?:\+\s?\d{1,3}[\s.-]?(?:\(0\)\s?)?\d(?:[\s.-]?\d){6,12})|(?:\(0\)\s?\d|(?<!\d)0\d)(?:[\s.]?\d){8}(?!\d)|(?<!\d)(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?!\d)/g;

export function hasEmailOrPhone(s: string): boolean {
  EMAIL.lastIndex = 0;
  PHONE.lastIndex = 0;
  return EMAIL.test(s) || PHONE.test(s);
}

/**
 * Finds contact zones. `orgAt[i]` is the index of the organisation mention token i is in, or -1.
 */
export function findContactZones(text: string, tokens: Token[], orgAt: Int32Array, organisations: Organisation[], rules: PeopleRules): ContactZone[] {
  const zones: ContactZone[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const len = rules.contactHeadings.matchAt(tokens, i);
    if (len === 0) continue;
    // only organisation names (or nothing) before the heading on its line
    let k = i - 1;
    let org: string | undefined;
    while (k >= 0 && tokens[k]!.line === t.line && orgAt[k]! >= 0) {
      org ??= organisations[orgAt[k]!]!.name;
      k--;
    }
    if (k >= 0 && tokens[k]!.line === t.line) continue;
    const lineStart = text.lastIndexOf('\n', t.start - 1) + 1;
    if (!/^[\s*#>_|-]*$/.test(text.slice(lineStart, k >= 0 ? tokens[k + 1]!.start : (org ? tokens[k + 1]!.start : t.start)))) continue;
    const last = tokens[i + len - 1]!;
    const after = text.slice(last.end, last.end + 3);
    const single = len === 1;
    const lineEnd = text.indexOf('\n', last.end);
    const restOfLine = text.slice(last.end, lineEnd === -1 ? text.length : lineEnd).trim();
    // "Contact" alone must be a heading ("Contact:" or a line of its own); longer phrases may run on
    if (single && !/^\s*[:：]/.test(after) && restOfLine.replace(/[*_:：]/g, '').trim() !== '') continue;
    if (!single && restOfLine.length > 0 && !/^[:：,*_\s]/.test(after) && !/^\p{Lu}/u.test(restOfLine)) continue;
    zones.push({ start: tokens[k + 1]!.start, headingEnd: last.end, end: zoneEnd(text, last.end), ...(org ? { organisation: org } : {}) });
    i += len - 1;
  }
  // a heading ends the zone before it
  for (let z = 0; z + 1 < zones.length; z++) zones[z]!.end = Math.min(zones[z]!.end, zones[z + 1]!.start);
  return zones;
}

function zoneEnd(text: string, from: number): number {
  let pos = from;
  const limit = Math.min(text.length, from + MAX_CHARS);
  for (let lines = 0; lines < MAX_LINES && pos < limit; lines++) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? text.length : nl;
    const line = text.slice(pos, end);
    const trimmed = line.trim();
    if (lines > 0 && (/^(?:#{1,6}\s|-{3,}|About\s|À propos|A propos|\[Original)/.test(trimmed) || (trimmed.length > PROSE_LINE && !hasEmailOrPhone(trimmed)))) return pos;
    if (nl === -1) return text.length;
    pos = nl + 1;
  }
  return Math.min(pos, limit);
}

export function zoneAt(zones: ContactZone[], offset: number): ContactZone | undefined {
  return zones.find((z) => offset >= z.headingEnd && offset < z.end);
}
