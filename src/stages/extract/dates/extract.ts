/**
 * The dates stage: propose (per-locale rules) -> refine (longest wins, names out) -> resolve
 * (against the release's date, see resolve.ts for the year policy) -> one entity per value.
 */
import type { DateEntity, Diagnostic, Document, Mention } from '../../../document.js';
import { warn } from '../../../document.js';
import type { Rules } from '../../../rules/index.js';
import type { Candidate } from './candidate.js';
import type { ProductionContext } from './productions.js';
import { anchorHits, propose, type AnchorHit } from './propose.js';
import { dropNamedYears, keepLongest } from './refine.js';
import { parseYmd, resolveParts, weekdayOf, type Resolved } from './resolve.js';
import type { DateRules, LocaleRules } from './rules.js';

export const STAGE = 'dates';

/** The rules for a language, English when the language is unknown or has no date rules. */
export function localeFor(rules: DateRules, language: string | null): LocaleRules {
  return rules.locales.get(language ?? 'en') ?? rules.locales.get('en') ?? [...rules.locales.values()][0]!;
}

const isNumeric = (production: string) => production === 'numeric';
const SEP = /[/.]/;

/** How numeric dates read in this text: from the language, wire and dateline signals, then the text's own written dates. */
function numericOrder(text: string, language: string, rules: DateRules, written: Candidate[]): ProductionContext['numericOrder'] {
  if (language === 'fr') return 'day';
  if (rules.monthFirstSignal.test(text) || rules.usDateline.test(text.slice(0, 2000))) return 'month';
  if (rules.dayFirstSignal.test(text)) return 'day';
  let monthFirst = 0;
  let dayFirst = 0;
  for (const c of written) {
    if (c.rule.endsWith('.month-day-year')) monthFirst++;
    else if (c.rule.endsWith('.day-month-year')) dayFirst++;
  }
  return monthFirst > dayFirst ? 'month' : dayFirst > monthFirst ? 'day' : null;
}

/**
 * The candidates of the last text read: `published` reads the dates of the whole text to find the
 * dateline, and the dates stage right after it asks for the same text again; one pass serves both.
 */
let last: { text: string; language: string | null; rules: DateRules; candidates: readonly Candidate[] } | null = null;

/** `findCandidates`, remembered for the last text (candidates are never modified by their readers). */
export function candidatesOf(text: string, language: string | null, rules: DateRules): readonly Candidate[] {
  if (last && last.rules === rules && last.language === language && last.text === text) return last.candidates;
  const candidates = findCandidates(text, language, rules);
  last = { text, language, rules, candidates };
  return candidates;
}

/** Proposes and refines the dates of a text (no resolution): used by this stage and by `published`. */
export function findCandidates(text: string, language: string | null, rules: DateRules): Candidate[] {
  const locale = localeFor(rules, language);
  const hits = anchorHits(text, locale);
  const first = propose(text, locale, { numericOrder: null }, (p) => !isNumeric(p), hits);
  let all = first;
  // Numeric dates ("06/02/2019") need a "/" or "." right after their first one or two digits: the
  // order of the text (a scan of the whole text for wire names) is read only when one is there.
  const numericAt = (h: AnchorHit) => h.rules.some((i) => isNumeric(locale.rules[i]!.production)) && (SEP.test(text[h.at + 1] ?? '') || SEP.test(text[h.at + 2] ?? ''));
  if (locale.rules.some((r) => isNumeric(r.production) && !r.anchored) || hits.some(numericAt)) {
    const order = numericOrder(text, locale.lexicon.language, rules, first);
    all = first.concat(propose(text, locale, { numericOrder: order }, isNumeric, hits));
  }
  return dropNamedYears(text, keepLongest(all), rules.namesBeforeYear);
}

interface Found extends Resolved {
  mention: Mention;
  text: string;
  rule: string;
  ambiguous?: boolean;
}

/** Resolves one candidate into the dates it names: one, a range and its ends, or the days of a list. */
function resolveCandidate(c: Candidate, text: string, published: string | null, report: (d: Omit<Diagnostic, 'stage' | 'severity'>, severity?: Diagnostic['severity']) => void): Found[] {
  const pub = parseYmd(published);
  const mention = { start: c.start, end: c.end };
  const written = text.slice(c.start, c.end);
  const out: Found[] = [];
  const push = (r: ReturnType<typeof resolveParts>): Resolved | null => {
    if ('unresolved' in r) {
      report({ message: `"${written}" not dated: ${r.unresolved}`, rule: c.rule, ...mention }, 'info');
      return null;
    }
    if (r.warning) report({ message: `"${written}": ${r.warning}`, rule: c.rule, ...mention });
    const f: Found = { ...r, mention, text: written, rule: c.rule };
    if (c.ambiguous) {
      f.ambiguous = true;
      report({ message: `"${written}" could be read day first or month first; read as ${r.value}`, rule: c.rule, ...mention });
    }
    out.push(f);
    return r;
  };
  if (c.kind === 'range') {
    const [a, b] = c.parts as [Candidate['parts'][0], Candidate['parts'][0]];
    const start = resolveParts(a, pub);
    if ('unresolved' in start) return (push(start), out);
    const startYear = Number(start.value.slice(0, 4));
    let end = resolveParts(b, pub, b.year === undefined ? startYear : undefined);
    // "December 28 to January 3": the end is in the next year; "Sept. 17 through 3" (a month shared) is no range.
    if (!('unresolved' in end) && end.value < start.value && b.year === undefined && !b.shared?.includes('month')) end = resolveParts(b, pub, startYear + 1);
    if ('unresolved' in end) return (push(end), out);
    if (end.grain !== start.grain || end.value <= start.value) {
      report({ message: `"${written}" does not read as a range (its end is not after its start)`, rule: c.rule, ...mention }, 'info');
      return out;
    }
    const inferred = [...new Set([...start.provenance.inferred, ...end.provenance.inferred])];
    out.push({
      value: `${start.value}/${end.value}`,
      grain: 'range',
      provenance: {
        written: [...new Set([...start.provenance.written, ...end.provenance.written])],
        inferred,
        ...(inferred.length ? { inferredFrom: 'published' as const } : {}),
      },
      mention,
      text: written,
      rule: c.rule,
    });
    out.push({ ...start, mention, text: written, rule: c.rule }, { ...end, mention, text: written, rule: c.rule });
    return out;
  }
  for (const p of c.parts) push(resolveParts(p, pub));
  return out;
}

/** A day the text names, with its weekday and where it is named: context for weekdays written alone. */
interface ContextDay {
  value: string;
  weekday: number;
  at: number;
}

/** The days named by resolved dates, ranges of up to a month included day by day. */
function contextDays(found: Found[]): ContextDay[] {
  const days: ContextDay[] = [];
  const add = (value: string, at: number) => {
    const d = parseYmd(value);
    if (d) days.push({ value, weekday: weekdayOf(d.y, d.m, d.d), at });
  };
  for (const f of found) {
    if (f.grain === 'day') add(f.value, f.mention.start);
    else if (f.grain === 'range') {
      const [a, b] = f.value.split('/').map(parseYmd);
      if (!a || !b || f.value.length !== 21) continue;
      const t0 = Date.UTC(a.y, a.m - 1, a.d);
      const t1 = Date.UTC(b.y, b.m - 1, b.d);
      for (let t = t0; t <= t1 && t - t0 <= 31 * 86_400_000; t += 86_400_000) add(new Date(t).toISOString().slice(0, 10), f.mention.start);
    }
  }
  return days;
}

/**
 * A weekday written alone ("on Thursday") in a text that names a day on that weekday ("September
 * 19-22", "Monday morning, September 23") is that day, the one named nearest to it; otherwise it
 * is resolved against the release's date (resolve.ts).
 */
function fromContext(c: Candidate, text: string, days: ContextDay[]): Found | null {
  const weekday = c.parts[0]!.weekday;
  let best: ContextDay | null = null;
  for (const d of days) {
    if (d.weekday !== weekday) continue;
    if (!best || Math.abs(d.at - c.start) < Math.abs(best.at - c.start)) best = d;
  }
  if (!best) return null;
  return {
    value: best.value,
    grain: 'day',
    provenance: { written: ['weekday'], inferred: ['year', 'month', 'day'], inferredFrom: 'context' },
    mention: { start: c.start, end: c.end },
    text: text.slice(c.start, c.end),
    rule: c.rule,
  };
}

const isWeekdayAlone = (c: Candidate) => c.kind === 'single' && c.parts[0]!.lean !== undefined;

/** Finds, resolves and groups the dates of a text: one entity per value, mentions in text order. */
export function findDates(text: string, language: string | null, published: string | null, rules: DateRules, diagnostics: Diagnostic[] = []): DateEntity[] {
  const byValue = new Map<string, DateEntity>();
  const report = (d: Omit<Diagnostic, 'stage' | 'severity'>, severity: Diagnostic['severity'] = 'warning') =>
    warn({ diagnostics }, { stage: STAGE, severity, ...d });
  const candidates = candidatesOf(text, language, rules);
  const resolved: Found[][] = candidates.map((c) => (isWeekdayAlone(c) ? [] : resolveCandidate(c, text, published, report)));
  if (candidates.some(isWeekdayAlone)) {
    const days = contextDays(resolved.flat());
    candidates.forEach((c, i) => {
      if (!isWeekdayAlone(c)) return;
      const f = fromContext(c, text, days);
      resolved[i] = f ? [f] : resolveCandidate(c, text, published, report);
    });
  }
  for (const found of resolved) {
    for (const f of found) {
      const hit = byValue.get(f.value);
      if (hit) {
        if (!hit.mentions.some((m) => m.start === f.mention.start && m.end === f.mention.end)) hit.mentions.push(f.mention);
        continue;
      }
      const e: DateEntity = { value: f.value, grain: f.grain, text: f.text, provenance: f.provenance, rule: f.rule, mentions: [f.mention] };
      if (f.ambiguous) e.ambiguous = true;
      byValue.set(f.value, e);
    }
  }
  return [...byValue.values()].sort((a, b) => a.mentions[0]!.start - b.mentions[0]!.start || a.value.localeCompare(b.value));
}

export function extractDates(doc: Document, rules: Rules): void {
  doc.entities.dates = findDates(doc.text, doc.language, doc.published, rules.dates, doc.diagnostics);
}
