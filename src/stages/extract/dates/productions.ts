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

type Production = (g: Groups, lex: LocaleLexicon, ctx: ProductionContext) => Proposal;

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
    if (lex.capitalised && !isCapitalised(month)) return null;
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

const half: Production = (g, lex) => {
  const h = orderOf(g, lex, 'half');
  if (!h || h > 2) return null;
  const p: DateParts = { half: h };
  const year = yearOf(g);
  if (year !== undefined) p.year = year;
  return { kind: 'single', parts: [p] };
};

const numeric: Production = (g, _lex, ctx) => {
  const a = Number(g.a);
  const b = Number(g.b);
  const year = Number(g.year);
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

const relativeDay: Production = (g, lex) => {
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

export const PRODUCTIONS = { date, range, list, quarter, half, numeric, iso, relativeDay, relativeUnit } satisfies Record<string, Production>;
export type ProductionName = keyof typeof PRODUCTIONS;
