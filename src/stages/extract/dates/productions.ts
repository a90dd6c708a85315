/**
 * Productions: how a rule's match becomes proposed date components (Duckling's productions).
 * Rules in rules/dates/<lang>.patterns.yaml name one of these; the groups they read are the
 * placeholders of the pattern ({day} -> group "day", {month2} -> group "month2"...).
 */
import type { DateParts, Proposal } from './candidate.js';
import { lexKey } from './lex-key.js';
import type { LocaleLexicon } from './rules.js';

export type Groups = Record<string, string | undefined>;

/** What a production may know beyond its match: how numeric dates are ordered in this text. */
export interface ProductionContext {
  /** 'day' (06/02 = 6 February), 'month' (06/02 = June 2), or null when nothing decides. */
  numericOrder: 'day' | 'month' | null;
}

/** Where the match is, for productions that read the words around it (the tense of a clause). */
export interface MatchPlace {
  text: string;
  start: number;
  end: number;
}

type Production = (g: Groups, lex: LocaleLexicon, ctx: ProductionContext, at: MatchPlace) => Proposal;

const isCapitalised = (s: string) => /^\p{Lu}/u.test(s);

function yearOf(g: Groups, n = ''): number | undefined {
  const y = g[`year${n}`];
  if (y) return Number(y);
  const yy = g[`yy${n}`];
  return yy ? 2000 + Number(yy) : undefined;
}

/** Reads the components a pattern captured with suffix `n` ('' or '2'); null when a name is not acceptable. */
function partsOf(g: Groups, lex: LocaleLexicon, n = ''): DateParts | null {
  const p: DateParts = {};
  const year = yearOf(g, n);
  if (year !== undefined) p.year = year;
  const month = g[`month${n}`];
  const day = g[`day${n}`];
  if (month !== undefined) {
    // "may" and "march" in lower case are words, except in a full date ("march 27, 2026", seen in wire datelines).
    if (lex.capitalised && !isCapitalised(month) && !(day !== undefined && year !== undefined)) return null;
    if (!day && lex.capitalisedNeedsDay.has(month)) return null;
    p.month = lex.months.get(lexKey(month));
  }
  if (day !== undefined) p.day = Number(day);
  const weekday = g[`weekday${n}`];
  if (weekday !== undefined) {
    if (lex.capitalised && !isCapitalised(weekday)) return null;
    p.weekday = lex.weekdays.get(lexKey(weekday));
  }
  const rel = g[`rel${n}`] ?? g[`rela${n}`];
  if (rel !== undefined) p.rel = lex.relative.get(lexKey(rel)) as -1 | 0 | 1;
  const part = g[`part${n}`];
  if (part !== undefined) p.part = lex.parts.get(lexKey(part));
  const season = g[`season${n}`];
  if (season !== undefined) p.season = lex.seasons.get(lexKey(season));
  return p;
}

const hasAny = (p: DateParts) => Object.keys(p).length > 0;

const date: Production = (g, lex) => {
  const p = partsOf(g, lex);
  return p && hasAny(p) ? { kind: 'single', parts: [p] } : null;
};

/** Components of one end missing at the other are shared: "from 12 to 14 March 2024". */
function share(from: DateParts, to: DateParts): void {
  for (const k of ['month', 'year'] as const) {
    if (to[k] === undefined && from[k] !== undefined && (k === 'year' || to.day !== undefined)) {
      to[k] = from[k];
      (to.shared ??= []).push(k);
    }
  }
}

const range: Production = (g, lex) => {
  const a = partsOf(g, lex);
  const b = partsOf(g, lex, '2');
  if (!a || !b || !hasAny(a) || !hasAny(b)) return null;
  share(b, a);
  share(a, b);
  return { kind: 'range', parts: [a, b] };
};

const list: Production = (g, lex) => {
  const base = partsOf(g, lex);
  if (!base) return null;
  delete base.weekday;
  const parts: DateParts[] = [];
  for (const n of ['', '2', '3']) {
    const day = g[`day${n}`];
    if (day === undefined) continue;
    const p: DateParts = { ...base, day: Number(day) };
    // A weekday written before a day of the list belongs to that day only ("samedi 16 et dimanche 17 mars").
    const weekday = g[`weekday${n}`];
    if (weekday !== undefined) p.weekday = lex.weekdays.get(lexKey(weekday));
    parts.push(p);
  }
  if (new Set(parts.map((p) => p.day)).size !== parts.length) return null;
  return { kind: 'list', parts };
};

function orderOf(g: Groups, lex: LocaleLexicon, digit: string): number | undefined {
  if (g[digit]) return Number(g[digit]);
  return g.order ? lex.orderWords.get(lexKey(g.order)) : undefined;
}

const quarter: Production = (g, lex) => {
  const q = orderOf(g, lex, 'quarter');
  if (!q || q > 4) return null;
  const p: DateParts = { quarter: q };
  const year = yearOf(g);
  if (year !== undefined) p.year = year;
  return { kind: 'single', parts: [p] };
};

/** "the first and second quarters of 2024": one quarter per order word, the year shared. */
const quarterList: Production = (g, lex) => {
  const year = yearOf(g);
  const parts: DateParts[] = [];
  for (const n of ['', '2', '3']) {
    const word = g[`order${n}`];
    if (word === undefined) continue;
    const q = lex.orderWords.get(lexKey(word));
    if (!q || q > 4) return null;
    parts.push(year === undefined ? { quarter: q } : { quarter: q, year });
  }
  return parts.length > 1 ? { kind: 'list', parts } : null;
};

const half: Production = (g, lex) => {
  const h = orderOf(g, lex, 'half');
  if (!h || h > 2) return null;
  const p: DateParts = { half: h };
  const year = yearOf(g);
  if (year !== undefined) p.year = year;
  return { kind: 'single', parts: [p] };
};

/** A two-digit year in a numeric date: 00-50 are 2000-2050, 51-99 are 1951-1999 ("06/02/19", "12/05/98"). */
const fullYear = (yy: number) => (yy <= 50 ? 2000 + yy : 1900 + yy);

const numeric: Production = (g, _lex, ctx) => {
  const a = Number(g.a);
  const b = Number(g.b);
  const year = g.year !== undefined ? Number(g.year) : fullYear(Number(g.yy));
  let day: number;
  let month: number;
  let ambiguous = false;
  if (a > 12 && b <= 12) [day, month] = [a, b];
  else if (b > 12 && a <= 12) [day, month] = [b, a];
  else if (a > 12 || b > 12 || a === 0 || b === 0) return null;
  else {
    ambiguous = a !== b && ctx.numericOrder === null;
    [day, month] = ctx.numericOrder === 'day' ? [a, b] : [b, a];
  }
  return { kind: 'single', parts: [{ year, month, day }], ambiguous };
};

const iso: Production = (g) => ({ kind: 'single', parts: [{ year: Number(g.year), month: Number(g.mm), day: Number(g.dd) }] });

/**
 * "today", "hier"... A sentence that opens with "Today," is about the present in general ("Today,
 * he channels that knowledge into...") unless it announces something ("Today, Acme announced...").
 */
const relativeDay: Production = (g, lex, _ctx, at) => {
  if (at.text[at.end] === ',' && !/[\p{L}\p{N}]/u.test(clauseBefore(at)) && !lex.announceCue.test(clauseAfter(at))) return null;
  // "USA Today", "Psychology Today": a capitalised word after a capitalised word is part of a name.
  if (isCapitalised(g.relday ?? '') && /\p{Lu}[\p{L}\p{M}.'’&-]*[ \t]+$/u.test(at.text.slice(Math.max(0, at.start - 40), at.start))) return null;
  const offset = g.relday !== undefined ? lex.relativeDays.get(lexKey(g.relday)) : undefined;
  return offset === undefined ? null : { kind: 'single', parts: [{ dayOffset: offset }] };
};

const relativeUnit: Production = (g, lex) => {
  const rel = g.rel ?? g.rela;
  const unit = g.unit !== undefined ? lex.units.get(lexKey(g.unit)) : undefined;
  if (rel === undefined || unit === undefined) return null;
  const direction = lex.relative.get(lexKey(rel));
  if (direction === undefined) return null;
  return { kind: 'single', parts: [{ rel: direction as -1 | 0 | 1, unit }] };
};

/** "the week of March 10, 2025", "la semaine du 10 mars": the ISO week holding that day. */
const week: Production = (g, lex) => {
  const p = partsOf(g, lex);
  if (!p || p.day === undefined || p.month === undefined) return null;
  return { kind: 'single', parts: [{ ...p, week: true }] };
};

/** The clause before `at` (back to the previous sentence end or line), at most 120 characters. */
function clauseBefore(at: MatchPlace): string {
  const from = Math.max(0, at.start - 120);
  const before = at.text.slice(from, at.start);
  const cut = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n'), before.lastIndexOf('; '), before.lastIndexOf('? '), before.lastIndexOf('! '));
  return cut >= 0 ? before.slice(cut + 1) : before;
}

/** The words after `at` up to the end of its clause, at most 80 characters. */
function clauseAfter(at: MatchPlace): string {
  const after = at.text.slice(at.end, at.end + 80);
  const cut = after.search(/[.;!?\n]/);
  return cut >= 0 ? after.slice(0, cut) : after;
}

/**
 * A weekday written alone ("on Tuesday", "mardi"): no date when its clause speaks of a habit
 * ("open on Saturday", "chaque mardi"); otherwise on or after the release's date when the clause
 * speaks of the future ("will be held on Friday", "se tiendra jeudi"), on or before it otherwise.
 * The clause is read before the weekday, and after it when the weekday opens the sentence.
 */
const weekdayAlone: Production = (g, lex, _ctx, at) => {
  const p = partsOf(g, lex);
  if (!p || p.weekday === undefined) return null;
  let clause = clauseBefore(at);
  // "On Tuesday, Dr. Brad will present": nothing but the preposition before it, the clause follows.
  if (!/[\p{L}\p{N}]/u.test(clause.replace(/\p{L}+\s*$/u, ''))) clause = clauseAfter(at);
  if (lex.habitCue.test(clause)) return null;
  return { kind: 'single', parts: [{ ...p, lean: lex.futureCue.test(clause) ? 1 : -1 }] };
};

export const PRODUCTIONS = { date, range, list, quarter, quarterList, half, numeric, iso, relativeDay, relativeUnit, week, weekdayAlone } satisfies Record<string, Production>;
export type ProductionName = keyof typeof PRODUCTIONS;
