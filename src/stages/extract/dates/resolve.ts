/**
 * Resolution: turns proposed date components into ISO values at their own grain, filling what was
 * not written from the release's own date (`published`).
 *
 * YEAR INFERENCE POLICY (copied to the README)
 * - A date is never given a component that neither the text nor the release's date supplies.
 *   When a date lacks its year (or is relative: "today", "last year", "mardi dernier") and the
 *   release has no date, NO entity is emitted; an `info` diagnostic names the rule and the span.
 * - Day and month without year ("Monday 22 March", "le 22 novembre"): the year is chosen among
 *   the release's year and the years just before and after it:
 *   1. a written weekday must match: of the three years, those where the date falls on that
 *      weekday are kept, the nearest to the release wins ("Monday 22 March" in a release of
 *      2 April 2021 is 2021-03-22). When none matches, the date is still resolved by the rules
 *      below, and a warning says the weekday contradicts it;
 *   2. "dernier"/"last" puts the date strictly before the release's date ("le 22 novembre
 *      dernier" on 31 January 2014 is 2013-11-22), "prochain"/"next" strictly after;
 *   3. otherwise the occurrence nearest to the release's date; anything within six months of it
 *      is therefore in the release's own year, ties go to the release's year.
 * - Month without year ("in March", "next March", "fin mars"): the same rules at month grain.
 * - Weekday alone with a relative word ("last Tuesday", "mardi prochain"): the nearest such
 *   weekday strictly before (last) or after (next) the release's date; "this Tuesday" is the one
 *   in the release's ISO week.
 * - Weekday written alone ("on Tuesday" in English, "mardi" in French, no day number): releases
 *   mostly report what has just happened ("the board approved on Tuesday", "a signé mardi"), and
 *   announce what is coming in the future tense ("will be held on Friday", "se tiendra jeudi").
 *   So the weekday is the nearest one ON OR BEFORE the release's date (the release's own day
 *   when it is that weekday), unless its clause has a future cue (`futureCues`/`futureEndings`
 *   in rules/dates/<lang>.yaml), then the nearest one ON OR AFTER it. A clause about a habit
 *   ("open on Saturday", "chaque mardi", `habitCues`) gives no date, nor does a weekday range
 *   ("Monday through Friday", "du lundi au vendredi").
 * - "the week of March 10, 2025", "la semaine du 10 mars": the ISO week of that day
 *   ("2025-W11", grain week), the year of the day inferred as for any day and month.
 * - Quarter, half or season without year ("the third quarter", "cet été"): the release's year,
 *   moved by a relative word ("next spring" is the first spring starting after the release). A
 *   quarter without year or relative word is the nearest one to the release, as for months ("the
 *   fourth quarter" in a release of March 2024 is 2023-Q4: earnings releases report the quarter
 *   just ended).
 * - "today"/"aujourd'hui" is the release's date; "this year"/"cette année" its year; "last
 *   year"/"l'an dernier" the year before; "next month"/"le mois prochain" the month after.
 * - Every inferred component is listed in `provenance.inferred` with `inferredFrom: 'published'`.
 *
 * REPRESENTATION OF PARTS OF PERIODS
 * "early 2023", "mi-2025", "fin 2024" keep the grain of the period they qualify: value "2023"
 * (grain year), "fin mars 2024" is "2024-03" (grain month); `provenance.written` includes
 * 'part' and the rule id says which form it was (date.fr.part-year). Seasons are "2024-SP" (SU,
 * FA, WI); quarters "2022-Q3"; halves "2023-H1"; fiscal years ("FY2021") the year "2021".
 * Ranges are "start/end" with grain 'range'; their ends also count as dates of their own.
 */
import type { DateGrain, DateProvenance } from '../../../document.js';
import type { DateParts } from './candidate.js';

export interface Resolved {
  value: string;
  grain: DateGrain;
  provenance: DateProvenance;
  /** A problem worth a diagnostic (weekday contradicting the date...). */
  warning?: string;
}

export type Resolution = Resolved | { unresolved: string };

/** A calendar day, months 1-12. */
export interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function parseYmd(iso: string | null): Ymd | null {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : null;
}

const DAY_MS = 86_400_000;
const time = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);
export const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
/** ISO weekday, Monday 1 ... Sunday 7. */
export const weekdayOf = (y: number, m: number, d: number) => new Date(time(y, m, d)).getUTCDay() || 7;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const fromTime = (t: number): Ymd => {
  const dt = new Date(t);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
};
const dayValue = (x: Ymd) => `${pad(x.y, 4)}-${pad(x.m)}-${pad(x.d)}`;
const SEASON_START: Record<string, number> = { SP: 3, SU: 6, FA: 9, WI: 12 };

function written(p: DateParts): DateProvenance['written'] {
  const w: DateProvenance['written'] = [];
  if (p.year !== undefined) w.push('year');
  if (p.month !== undefined) w.push('month');
  if (p.day !== undefined) w.push('day');
  if (p.weekday !== undefined) w.push('weekday');
  if (p.quarter !== undefined || p.half !== undefined) w.push('quarter');
  if (p.season !== undefined) w.push('season');
  if (p.part !== undefined) w.push('part');
  return w;
}

function provenance(p: DateParts, inferred: DateProvenance['inferred']): DateProvenance {
  return inferred.length ? { written: written(p), inferred, inferredFrom: 'published' } : { written: written(p), inferred: [] };
}

/** The ISO week ("2025-W11") holding a day: the week of its Thursday. */
export function isoWeek(y: number, m: number, d: number): string {
  const t = time(y, m, d);
  const thursday = fromTime(t + (4 - weekdayOf(y, m, d)) * DAY_MS);
  const week = Math.floor((time(thursday.y, thursday.m, thursday.d) - time(thursday.y, 1, 1)) / (7 * DAY_MS)) + 1;
  return `${pad(thursday.y, 4)}-W${pad(week)}`;
}

/** The year for a day-month without year (policy steps 1 to 3); warning when the weekday matches no candidate year. */
function yearForDay(p: DateParts & { month: number; day: number }, pub: Ymd): { year: number; warning?: string } {
  const years = [pub.y, pub.y - 1, pub.y + 1].filter((y) => p.day <= daysInMonth(y, p.month));
  const pubT = time(pub.y, pub.m, pub.d);
  const distance = (y: number) => Math.abs(time(y, p.month, p.day) - pubT);
  let warning: string | undefined;
  if (p.weekday !== undefined) {
    const matching = years.filter((y) => weekdayOf(y, p.month, p.day) === p.weekday);
    if (matching.length) return { year: matching.sort((a, b) => distance(a) - distance(b))[0]! };
    warning = `the weekday does not match ${pad(p.day)}/${pad(p.month)} in ${pub.y - 1}, ${pub.y} or ${pub.y + 1}`;
  }
  if (p.rel === -1 || p.rel === 1) {
    const dir = p.rel;
    const sameYear = time(pub.y, p.month, p.day) - pubT;
    const year = dir === -1 ? (sameYear < 0 ? pub.y : pub.y - 1) : sameYear > 0 ? pub.y : pub.y + 1;
    return warning ? { year, warning } : { year };
  }
  const best = years.sort((a, b) => distance(a) - distance(b) || Math.abs(a - pub.y) - Math.abs(b - pub.y))[0] ?? pub.y;
  return warning ? { year: best, warning } : { year: best };
}

/** The year for a month without year. */
function yearForMonth(month: number, rel: number | undefined, pub: Ymd): number {
  if (rel === -1) return month < pub.m ? pub.y : pub.y - 1;
  if (rel === 1) return month > pub.m ? pub.y : pub.y + 1;
  if (rel === 0) return pub.y;
  const diff = month - pub.m;
  if (diff > 6) return pub.y - 1;
  if (diff < -6) return pub.y + 1;
  return pub.y;
}

/**
 * Resolves one date's components against the release's date (null when the release has none).
 * `yearHint` is the year of the other end of a range, used instead of the policy when no year is written.
 */
export function resolveParts(p: DateParts, pub: Ymd | null, yearHint?: number): Resolution {
  // Relative forms: nothing but the release's date can place them.
  if (p.dayOffset !== undefined) {
    if (!pub) return { unresolved: 'a relative day needs the release date' };
    const x = fromTime(time(pub.y, pub.m, pub.d) + p.dayOffset * DAY_MS);
    return { value: dayValue(x), grain: 'day', provenance: provenance(p, ['year', 'month', 'day']) };
  }
  if (p.unit !== undefined) {
    if (!pub) return { unresolved: 'a relative period needs the release date' };
    const rel = p.rel ?? 0;
    if (p.unit === 'year') return { value: pad(pub.y + rel, 4), grain: 'year', provenance: provenance(p, ['year']) };
    const x = fromTime(time(pub.y, pub.m + rel, 1));
    return { value: `${pad(x.y, 4)}-${pad(x.m)}`, grain: 'month', provenance: provenance(p, ['year', 'month']) };
  }

  if (p.month !== undefined && p.day !== undefined) {
    let year = p.year;
    let warning: string | undefined;
    const inferred: DateProvenance['inferred'] = [];
    if (year === undefined && yearHint !== undefined) {
      year = yearHint;
      inferred.push('year');
    } else if (year === undefined) {
      if (!pub) return { unresolved: 'a day and month without year, and the release has no date: the year is not invented' };
      ({ year, warning } = yearForDay({ ...p, month: p.month, day: p.day }, pub));
      inferred.push('year');
    }
    if (p.day > daysInMonth(year, p.month)) return { unresolved: `there is no day ${p.day} in month ${p.month} of ${year}` };
    if (!warning && p.weekday !== undefined && weekdayOf(year, p.month, p.day) !== p.weekday) {
      warning = `the weekday written does not match ${dayValue({ y: year, m: p.month, d: p.day })}; the date is kept`;
    }
    if (p.week) return { value: isoWeek(year, p.month, p.day), grain: 'week', provenance: provenance(p, inferred) };
    const r: Resolved = { value: dayValue({ y: year, m: p.month, d: p.day }), grain: 'day', provenance: provenance(p, inferred) };
    if (warning) r.warning = warning;
    return r;
  }

  if (p.weekday !== undefined && p.month === undefined) {
    if (!pub) return { unresolved: 'a weekday alone needs the release date' };
    const pubT = time(pub.y, pub.m, pub.d);
    const pubW = weekdayOf(pub.y, pub.m, pub.d);
    let offset: number;
    if (p.rel === -1) offset = -(((pubW - p.weekday + 7) % 7) || 7);
    else if (p.rel === 1) offset = ((p.weekday - pubW + 7) % 7) || 7;
    else if (p.lean === 1) offset = (p.weekday - pubW + 7) % 7;
    else if (p.lean === -1) offset = -((pubW - p.weekday + 7) % 7);
    else offset = p.weekday - pubW;
    return { value: dayValue(fromTime(pubT + offset * DAY_MS)), grain: 'day', provenance: provenance(p, ['year', 'month', 'day']) };
  }

  if (p.month !== undefined) {
    if (p.year !== undefined) return { value: `${pad(p.year, 4)}-${pad(p.month)}`, grain: 'month', provenance: provenance(p, []) };
    if (yearHint !== undefined) return { value: `${pad(yearHint, 4)}-${pad(p.month)}`, grain: 'month', provenance: provenance(p, ['year']) };
    if (!pub) return { unresolved: 'a month without year, and the release has no date: the year is not invented' };
    const y = yearForMonth(p.month, p.rel, pub);
    return { value: `${pad(y, 4)}-${pad(p.month)}`, grain: 'month', provenance: provenance(p, ['year']) };
  }

  let year = p.year;
  const inferred: DateProvenance['inferred'] = [];
  if (year === undefined) {
    if (!pub) return { unresolved: 'a period without year, and the release has no date: the year is not invented' };
    year = pub.y;
    if (p.season) {
      // "next winter": the first one starting after the release; "last summer": the last one ended before it.
      if (p.rel === 1 && SEASON_START[p.season]! <= pub.m) year++;
      else if (p.rel === -1 && SEASON_START[p.season]! + 2 >= pub.m) year--;
    } else if (p.rel === 1 || p.rel === -1) year += p.rel;
    else if (p.quarter !== undefined) {
      // "the fourth quarter" in a release of March is the one just ended: the nearest to the release.
      const middle = p.quarter * 3 - 1;
      if (middle - pub.m > 6) year--;
      else if (pub.m - middle > 6) year++;
    }
    inferred.push('year');
  }
  const y = pad(year, 4);
  if (p.quarter !== undefined) return { value: `${y}-Q${p.quarter}`, grain: 'quarter', provenance: provenance(p, inferred) };
  if (p.half !== undefined) return { value: `${y}-H${p.half}`, grain: 'half', provenance: provenance(p, inferred) };
  if (p.season !== undefined) return { value: `${y}-${p.season}`, grain: 'season', provenance: provenance(p, inferred) };
  if (p.year === undefined && p.part === undefined) return { unresolved: 'nothing to date' };
  return { value: y, grain: 'year', provenance: provenance(p, inferred) };
}

/** Orders two resolved values of the same grain (ISO strings of one shape sort as text). */
export function isBefore(a: string, b: string): boolean {
  return a < b;
}
