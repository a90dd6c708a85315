/**
 * Roles around a name: a title before it ("CNES President Jean-Yves Le Gall", "le président du
 * CNES, Jean-Yves Le Gall", "chief executive officer Jane Smith") or after it ("Jane Smith, CEO
 * of Acme", "Pascale Bresson – Press Officer –", "Virginie Schwarz, présidente-directrice
 * générale de Météo-France"), with the organisation the text links it to.
 */
import type { Organisation } from '../../../document.js';
import type { PeopleRules } from './rules.js';
import type { Token } from './tokens.js';

export interface Context {
  text: string;
  tokens: Token[];
  orgAt: Int32Array;
  /** Index of the place mention each token is in (-1 for none), when known. */
  placeAt?: Int32Array;
  organisations: Organisation[];
  rules: PeopleRules;
}

export interface FoundRole {
  title: string;
  organisation?: string;
  /** Token index where the title starts. */
  start: number;
}

const SPACE = /^[ \u00A0\u202F]$/;
/** Between a name and a title after it: a comma, a dash, a parenthesis, a tab or wide spacing. */
const AFTER_NAME = /^(?:[ \t\u00A0\u202F]*[,–—|(-][ \t\u00A0\u202F]*|[ \u00A0\u202F]|[ \t\u00A0\u202F]{2,}|\t)$/;
export const ARTICLES = new Set(['the', 'le', 'la', 'l', 'les', 'our', 'its', 'their', 'his', 'her', 'notre', 'son', 'sa', 'leur', 'a', 'an', 'un', 'une']);

/** Tokens of the title phrase starting at i: modifiers, a title, "and" another title. */
function titleLengthAt(ctx: Context, i: number): number {
  const { rules, tokens } = ctx;
  let n = 0;
  for (let guard = 0; guard < 3; guard++) {
    const m = rules.titleModifiers.matchAt(tokens, i + n);
    if (m === 0) break;
    n += m;
  }
  const t = rules.titles.matchAt(tokens, i + n);
  if (t === 0) {
    // a modifier alone is no title; try without modifiers
    const bare = rules.titles.matchAt(tokens, i);
    return bare;
  }
  n += t;
  const j = rules.titleJoiners.matchAt(tokens, i + n);
  if (j > 0 && ctx.orgAt[i + n + j] === -1) {
    const more = titleLengthAt(ctx, i + n + j);
    if (more > 0 && rules.titles.matchAt(tokens, i + n + j) + rules.titleModifiers.matchAt(tokens, i + n + j) > 0) n += j + more;
  }
  return n;
}

function sameLineSpaced(ctx: Context, a: number, b: number): boolean {
  const x = ctx.tokens[a];
  const y = ctx.tokens[b];
  if (!x || !y || x.line !== y.line) return false;
  const gap = ctx.text.slice(x.end, y.start);
  return SPACE.test(gap) || (gap === '' && /['’]$/.test(x.raw));
}

/** The organisation mention starting at token i (after an optional article), and where it ends. */
function orgStartingAt(ctx: Context, i: number): { name: string; end: number } | null {
  let k = i;
  if (ctx.tokens[k] && ARTICLES.has(ctx.tokens[k]!.key) && ctx.orgAt[k] === -1) k++;
  const o = ctx.orgAt[k];
  if (o === undefined || o < 0) return null;
  let e = k;
  while (ctx.orgAt[e + 1] === o) e++;
  return { name: ctx.organisations[o]!.name, end: e };
}

export function titleAfter(ctx: Context, lastIdx: number): FoundRole | null {
  const { tokens, text, rules } = ctx;
  let k = lastIdx + 1;
  const name = tokens[lastIdx]!;
  if (!tokens[k] || tokens[k]!.line !== name.line) return null;
  if (!AFTER_NAME.test(text.slice(name.end, tokens[k]!.start))) return null;
  let org: string | undefined;
  // "Jane Smith, Acme CEO"
  const before = orgStartingAt(ctx, k);
  if (before && sameLineSpaced(ctx, before.end, before.end + 1) && titleLengthAt(ctx, before.end + 1) > 0) {
    org = before.name;
    k = before.end + 1;
  } else if (ARTICLES.has(tokens[k]!.key) && sameLineSpaced(ctx, k, k + 1)) {
    k++;
    // "the company's founder", "the agency's director"
    if ((/['’]s$/.test(tokens[k]!.raw) || /^['’]s/.test(text.slice(tokens[k]!.end, tokens[k]!.end + 2))) && rules.titles.matchAt(tokens, k) === 0) k++;
  }
  const n = titleLengthAt(ctx, k);
  if (n === 0) return null;
  let end = k + n - 1;
  // "Head of Communications", "Director of Operations at Avio", "Vice President of Sales at Boeing"
  const lastKey = tokens[end]!.key;
  const open = lastKey === 'of' || lastKey === 'de' || lastKey === 'du' || lastKey === 'des';
  const domainAfter = !open && sameLineSpaced(ctx, end, end + 1) && (tokens[end + 1]!.key === 'of' || tokens[end + 1]!.key === 'for') && ctx.orgAt[end + 2] === -1 && /^\p{Lu}/u.test(tokens[end + 2]?.raw ?? '');
  if (open || domainAfter) {
    let e = open ? end : end + 1;
    while (e + 1 < tokens.length && e - end < 5 && sameLineSpaced(ctx, e, e + 1) && ctx.orgAt[e + 1] === -1 && rules.titleLinkers.matchAt(tokens, e + 1) === 0) e++;
    const stop = tokens[e + 1];
    const closes = !stop || stop.line !== tokens[e]!.line || !SPACE.test(text.slice(tokens[e]!.end, stop.start)) || rules.titleLinkers.matchAt(tokens, e + 1) > 0;
    if (open && e === end) return null;
    if (open || (e > end + 1 && closes && (rules.titleLinkers.matchAt(tokens, e + 1) > 0 || /^\s*[,;)]/.test(text.slice(tokens[e]!.end, tokens[e]!.end + 2))))) end = e;
  }
  if (!org) {
    // "President of CNES", "Directeur des programmes du CNES", "Press Officer at Acme"
    const linkLen = sameLineSpaced(ctx, end, end + 1) ? rules.titleLinkers.matchAt(tokens, end + 1) : 0;
    const linkEnd = end + linkLen;
    if (linkLen > 0) {
      const o = sameLineSpaced(ctx, linkEnd, linkEnd + 1) ? orgStartingAt(ctx, linkEnd + 1) : null;
      if (o) org = o.name;
    }
    if (!org) {
      // "chargé de mission éthique au CNES", "directrice du développement durable au CNES"
      for (let p = end + 1; p <= end + 6 && sameLineSpaced(ctx, p - 1, p) && ctx.orgAt[p] === -1; p++) {
        const l = rules.titleLinkers.matchAt(tokens, p);
        const o = l > 0 && sameLineSpaced(ctx, p + l - 1, p + l) ? orgStartingAt(ctx, p + l) : null;
        if (o) {
          org = o.name;
          break;
        }
      }
    }
    if (!org && linkLen === 0) {
      // "Director, Acme": an organisation right after a comma
      const next = tokens[end + 1];
      if (next && next.line === tokens[end]!.line && /^,[ \u00A0]$/.test(text.slice(tokens[end]!.end, next.start))) {
        const o = orgStartingAt(ctx, end + 1);
        if (o) org = o.name;
      }
    }
  }
  const title = text.slice(tokens[k]!.start, tokens[end]!.end);
  return org ? { title, organisation: org, start: k } : { title, start: k };
}

export function titleBefore(ctx: Context, startIdx: number): FoundRole | null {
  const { tokens, text, rules } = ctx;
  const j = startIdx - 1;
  if (j < 0) return null;
  const first = tokens[startIdx]!;
  if (tokens[j]!.line !== first.line) return null;
  const gap = text.slice(tokens[j]!.end, first.start);
  if (!/^(?:,?[ \u00A0\u202F]|[ \u00A0\u202F]?[:][ \u00A0\u202F])$/.test(gap) && !/^\.[ \u00A0]$/.test(gap)) return null;
  if (gap.startsWith('.') && !/^(?:Dr|Pr|Prof)$/.test(tokens[j]!.raw)) return null;
  // a contact label before a colon is no role ("Media Contact: Jane Doe", "Press contact : ...")
  if (gap.includes(':') && (rules.contactLabels.matchEndingAt(tokens, j) > 0 || rules.contactHeadings.matchEndingAt(tokens, j) > 0)) return null;
  // the title may be followed by its domain: "le président du CNES, ...", "le maire de Toulouse, ...",
  // "le ministre de l'Économie, ...", "le porte-parole du gouvernement, ..."
  for (let end = j; end >= 0 && j - end <= 6; end--) {
    if (end < j && !sameLineSpaced(ctx, end, end + 1)) break;
    const s = titleEndingAt(ctx, end);
    if (s === null) continue;
    if (end < j && rules.titleLinkers.matchAt(tokens, end + 1) === 0) continue;
    // a title with its domain is set off from the name by a comma ("le maire de Toulouse, Jean-Luc Moudenc")
    if (end < j && !gap.startsWith(',')) return null;
    let org: string | undefined;
    let domainCaps = false;
    let domainOther = false;
    for (let p = end + 1; p <= j; p++) {
      const o = ctx.orgAt[p]!;
      if (o >= 0) org ??= ctx.organisations[o]!.name;
      else if (ctx.placeAt?.[p] !== undefined && ctx.placeAt[p]! >= 0) domainOther = true;
      else if (tokens[p]!.kind === 'cap' || tokens[p]!.kind === 'upper') domainCaps = true;
    }
    let titleStart = s;
    // "CNES President", "Capgemini's CEO"
    if (!org) {
      const p = titleStart - 1;
      const pt = tokens[p];
      if (pt && ctx.orgAt[p]! >= 0 && pt.line === tokens[titleStart]!.line) {
        const g = text.slice(pt.end, tokens[titleStart]!.start);
        if (SPACE.test(g) || /^['’]s[ \u00A0]$/.test(g)) org = ctx.organisations[ctx.orgAt[p]!]!.name;
      }
    }
    if (ARTICLES.has(tokens[titleStart]!.key)) titleStart++;
    // a capitalised domain that is no organisation or place belongs to the title ("ministre de l'Économie")
    const titleEnd = !org && domainCaps && !domainOther ? j : end;
    const title = text.slice(tokens[titleStart]!.start, tokens[titleEnd]!.end);
    return org ? { title, organisation: org, start: titleStart } : { title, start: titleStart };
  }
  return null;
}

/** Start token of a title phrase ending at token j, modifiers included. */
function titleEndingAt(ctx: Context, j: number): number | null {
  const { rules, tokens } = ctx;
  const n = rules.titles.matchEndingAt(tokens, j);
  if (n === 0) return null;
  let s = j - n + 1;
  for (let guard = 0; guard < 3 && s > 0; guard++) {
    if (!sameLineSpaced(ctx, s - 1, s)) break;
    const m = rules.titleModifiers.matchEndingAt(tokens, s - 1);
    if (m === 0) break;
    s -= m;
  }
  // "Chairman and CEO", "président et fondateur"
  const joiner = s > 0 && sameLineSpaced(ctx, s - 1, s) ? rules.titleJoiners.matchEndingAt(tokens, s - 1) : 0;
  if (joiner > 0 && s - 1 - joiner >= 0 && sameLineSpaced(ctx, s - 1 - joiner, s - joiner)) {
    const earlier = titleEndingAt(ctx, s - 1 - joiner);
    if (earlier !== null) s = earlier;
  }
  return s;
}
