/**
 * Compares extracted entities with expected ones, per type, as sets (entity-conventions.md):
 * an entity found twice under two names counts once right and once wrong.
 *
 * Matching keys:
 * - people, organisations: two entities match when any of their names (name, acronym, aliases)
 *   are equal once case, accents and punctuation are folded;
 * - dates: the ISO value;
 * - figures: value and kind, plus the unit for money, percentages and measures (a count's
 *   counted noun is free text and is not compared).
 */
import { fold } from '../text/unicode.js';

export type CheckedType = 'people' | 'organisations' | 'dates' | 'figures';
export const CHECKED_TYPES: CheckedType[] = ['people', 'organisations', 'dates', 'figures'];

export interface NamedLike {
  name: string;
  acronym?: string | null;
  aliases?: string[];
}
export interface DateLike {
  value: string;
}
export interface FigureLike {
  value: number;
  unit: string | null;
  kind: string;
}

/** A person as an expected record writes it: roles are kept for review, not compared. */
export interface ExpectedPerson extends NamedLike {
  roles?: Array<{ title: string; organisation?: string }>;
}
export interface ExpectedDate extends DateLike {
  grain?: string;
}
export interface ExpectedFigure extends FigureLike {
  valueMax?: number;
  qualifier?: string;
}

/** What an expected record holds: the entities a person found by reading the release. */
export interface ExpectedRecord {
  source: string;
  language: string;
  published: string | null;
  people: ExpectedPerson[];
  organisations: NamedLike[];
  dates: ExpectedDate[];
  figures: ExpectedFigure[];
}

export interface TypeScore {
  expected: number;
  found: number;
  correct: number;
  missed: string[];
  extra: string[];
}

function nameKeys(e: NamedLike): string[] {
  return [e.name, e.acronym ?? '', ...(e.aliases ?? [])]
    .map((n) => fold(n).replace(/[^\p{L}\p{N}]+/gu, ' ').trim())
    .filter(Boolean);
}

export function figureKey(f: FigureLike): string {
  const unit = f.kind === 'count' ? '' : (f.unit ?? '').toLowerCase();
  return `${Number(f.value.toPrecision(12))} ${f.kind}${unit ? ' ' + unit : ''}`;
}

export function describeEntity(type: CheckedType, e: NamedLike | DateLike | FigureLike): string {
  if (type === 'dates') return (e as DateLike).value;
  if (type === 'figures') return figureKey(e as FigureLike);
  const n = e as NamedLike;
  return n.acronym && n.acronym !== n.name ? `${n.name} (${n.acronym})` : n.name;
}

function matches(type: CheckedType, a: unknown, b: unknown): boolean {
  if (type === 'dates') return (a as DateLike).value === (b as DateLike).value;
  if (type === 'figures') return figureKey(a as FigureLike) === figureKey(b as FigureLike);
  const ka = nameKeys(a as NamedLike);
  const kb = new Set(nameKeys(b as NamedLike));
  return ka.some((k) => kb.has(k));
}

/** Greedy one-to-one matching of found entities to expected ones. */
export function compareType(type: CheckedType, expected: unknown[], found: unknown[]): TypeScore {
  const used = new Set<number>();
  const extra: string[] = [];
  let correct = 0;
  for (const f of found) {
    const i = expected.findIndex((e, idx) => !used.has(idx) && matches(type, e, f));
    if (i >= 0) {
      used.add(i);
      correct++;
    } else extra.push(describeEntity(type, f as NamedLike));
  }
  const missed = expected.filter((_, i) => !used.has(i)).map((e) => describeEntity(type, e as NamedLike));
  return { expected: expected.length, found: found.length, correct, missed, extra };
}

export function precision(s: Pick<TypeScore, 'found' | 'correct'>): number {
  return s.found === 0 ? 1 : s.correct / s.found;
}
export function recall(s: Pick<TypeScore, 'expected' | 'correct'>): number {
  return s.expected === 0 ? 1 : s.correct / s.expected;
}
export function f1(s: TypeScore): number {
  const p = precision(s);
  const r = recall(s);
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** Sums scores over documents. */
export function addScores(a: TypeScore, b: TypeScore): TypeScore {
  return {
    expected: a.expected + b.expected,
    found: a.found + b.found,
    correct: a.correct + b.correct,
    missed: [...a.missed, ...b.missed],
    extra: [...a.extra, ...b.extra],
  };
}
