/**
 * The limits a `check` run is held to: thresholds (fixtures/thresholds.yaml, --threshold) and
 * the last accepted baseline (fixtures/baseline.json, written by `check --update`).
 *
 * Every figure of a check has a key `<language>.<type>.<metric>`:
 *   language  all, en, fr (the expected record's language)
 *   type      people, organisations, dates, figures, or language / published (per document)
 *   metric    precision, recall, f1, or accuracy (language / published)
 * A threshold pattern names some of these parts, in any order, `*` for any:
 * `recall`, `people.recall`, `fr.dates.f1`, `fr`. The most specific matching pattern wins
 * (most parts named), then the later one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { CHECKED_TYPES } from './compare.js';

export const METRICS = ['precision', 'recall', 'f1', 'accuracy'] as const;
export const DOCUMENT_FIELDS = ['language', 'published'] as const;
export const DEFAULT_THRESHOLD = 0.9;

export interface Thresholds {
  default: number;
  /** Pattern -> minimum, in the order given. */
  overrides: Array<{ pattern: string; min: number }>;
}

export interface Baseline {
  /** When the baseline was accepted (ISO time). */
  accepted: string;
  /** Fingerprint of the rules folder at the time. */
  rules?: string;
  /** Figure key -> value. */
  figures: Record<string, number>;
}

const TYPE_NAMES = new Set<string>([...CHECKED_TYPES, ...DOCUMENT_FIELDS]);
const METRIC_NAMES = new Set<string>(METRICS);

interface Parsed {
  lang?: string;
  type?: string;
  metric?: string;
  parts: number;
}

function parsePattern(pattern: string): Parsed {
  const out: Parsed = { parts: 0 };
  for (const part of pattern.split('.')) {
    if (part === '*' || part === '') continue;
    const slot = METRIC_NAMES.has(part) ? 'metric' : TYPE_NAMES.has(part) ? 'type' : /^(all|[a-z]{2,3})$/.test(part) ? 'lang' : null;
    if (slot === null || out[slot] !== undefined) throw new Error(`"${pattern}" is not a threshold pattern (e.g. "people.recall", "fr.dates.f1", "recall")`);
    out[slot] = part;
    out.parts++;
  }
  return out;
}

/** Checks a pattern's syntax; throws with an explanation. */
export function validatePattern(pattern: string): void {
  parsePattern(pattern);
}

/** The minimum a figure must reach. */
export function thresholdFor(key: string, t: Thresholds): number {
  const [lang, type, metric] = key.split('.');
  let best = t.default;
  let bestParts = -1;
  for (const o of t.overrides) {
    const p = parsePattern(o.pattern);
    if ((p.lang && p.lang !== lang) || (p.type && p.type !== type) || (p.metric && p.metric !== metric)) continue;
    if (p.parts >= bestParts) {
      best = o.min;
      bestParts = p.parts;
    }
  }
  return best;
}

function checkMin(where: string, v: unknown): number {
  if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new Error(`${where}: a threshold is a number from 0 to 1 (got ${JSON.stringify(v)})`);
  return v;
}

/**
 * Reads a thresholds file: a YAML mapping of pattern -> minimum, `default` for the rest.
 * Throws with file and line when an entry is wrong.
 */
export function readThresholds(path: string): Thresholds {
  const text = readFileSync(path, 'utf8');
  const doc = parseDocument(text);
  if (doc.errors.length) throw new Error(`${path}: ${doc.errors[0]!.message}`);
  const t: Thresholds = { default: DEFAULT_THRESHOLD, overrides: [] };
  const lineOf = (key: string) => {
    const i = text.split('\n').findIndex((l) => l.replace(/^['"]?/, '').startsWith(key));
    return i < 0 ? '' : `:${i + 1}`;
  };
  const data = doc.toJS() as unknown;
  if (data === null || data === undefined) return t;
  if (typeof data !== 'object' || Array.isArray(data)) throw new Error(`${path}: expected a mapping of "pattern: minimum" lines`);
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
    const where = `${path}${lineOf(k)}`;
    if (k === 'default') t.default = checkMin(where, v);
    else {
      try {
        validatePattern(k);
      } catch (e) {
        throw new Error(`${where}: ${(e as Error).message}`);
      }
      t.overrides.push({ pattern: k, min: checkMin(where, v) });
    }
  }
  return t;
}

/** Thresholds from `<fixtures>/thresholds.yaml` when it exists, else the default for every figure. */
export function loadThresholds(path: string): Thresholds {
  return existsSync(path) ? readThresholds(path) : { default: DEFAULT_THRESHOLD, overrides: [] };
}

/** Applies `--threshold` values: "0.85" sets the default, "people.recall=0.8" one pattern. */
export function applyThresholdArgs(t: Thresholds, args: string[]): Thresholds {
  const out: Thresholds = { default: t.default, overrides: [...t.overrides] };
  for (const a of args) {
    const eq = a.lastIndexOf('=');
    if (eq < 0) out.default = checkMin('--threshold', Number(a));
    else {
      const pattern = a.slice(0, eq);
      validatePattern(pattern);
      out.overrides.push({ pattern, min: checkMin(`--threshold ${pattern}`, Number(a.slice(eq + 1))) });
    }
  }
  return out;
}

export function readBaseline(path: string): Baseline | null {
  if (!existsSync(path)) return null;
  let b: Baseline;
  try {
    b = JSON.parse(readFileSync(path, 'utf8')) as Baseline;
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`);
  }
  if (typeof b !== 'object' || b === null || typeof b.figures !== 'object' || b.figures === null) throw new Error(`${path}: not a baseline (no "figures")`);
  return b;
}

export function formatBaseline(b: Baseline): string {
  const keys = Object.keys(b.figures).sort();
  const figures = keys.map((k) => `    ${JSON.stringify(k)}: ${Number(b.figures[k]!.toFixed(4))}`).join(',\n');
  return `{
  "$comment": "Figures of the last accepted 'communique check --update' (or --update-baseline), measured against the expected records of that moment; figures over nothing found or nothing expected are left out. check fails when a figure falls below its value here. Written by the tool: do not edit by hand.",
  "accepted": ${JSON.stringify(b.accepted)},
  "rules": ${JSON.stringify(b.rules ?? null)},
  "figures": {
${figures}
  }
}
`;
}
