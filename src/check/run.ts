/**
 * The fixture check behind `communique check` and the fixture regression test: runs the
 * pipeline on every fixture that has an expected record (fixtures/expected/*.json), compares
 * entity sets per type (compare.ts), and holds every figure to its threshold and to the last
 * accepted baseline.
 *
 *   const result = runCheck({ fixturesDir: 'fixtures' });
 *   console.log(formatCheck(result));
 *   if (result.failures.length) process.exitCode = 1;
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { analyseBytes, type Analysed } from '../batch/analyser.js';
import type { DocumentRecord } from '../record.js';
import { loadRules } from '../rules/index.js';
import { CHECKED_TYPES, addScores, compareType, f1, precision, recall, type CheckedType, type ExpectedRecord, type TypeScore } from './compare.js';
import { DEFAULT_THRESHOLD, loadThresholds, readBaseline, thresholdFor, type Baseline, type Thresholds } from './limits.js';

export interface CheckOptions {
  fixturesDir: string;
  /** Rules folder; default the shipped rules. */
  rulesDir?: string;
  /** Default: `<fixtures>/thresholds.yaml` when it exists, else 0.9 for every figure. */
  thresholds?: Thresholds;
  /** Default: `<fixtures>/baseline.json` when it exists; `null` ignores any baseline. */
  baseline?: Baseline | null;
  /** Sources (relative to the fixtures folder) to check although they have no expected record yet (`check --update <source>`). */
  add?: string[];
  /** How a fixture becomes a record; default the real pipeline (`analyseBytes`). A seam for tests. */
  analyse?: (path: string, bytes: Buffer) => Analysed;
}

/** One row of the table: a type (or a per-document field) in a language ("all" for every language). */
export interface TableRow {
  language: string;
  type: CheckedType | 'language' | 'published';
  /** Entity types: the summed set comparison. */
  score?: TypeScore;
  /** Figure key -> value, e.g. "en.people.recall" -> 0.9. */
  figures: Record<string, number>;
  /** Per-document fields: documents right / documents. */
  right?: number;
  total?: number;
}

export interface DocumentResult {
  /** The expected record's file. */
  file: string;
  source: string;
  expected: ExpectedRecord;
  /** What the pipeline made of the source; null when it failed. */
  record: DocumentRecord | null;
  error?: string;
  scores: Record<CheckedType, TypeScore>;
  language: { expected: string; found: string | null };
  published: { expected: string | null; found: string | null };
}

export interface Failure {
  key: string;
  value: number;
  limit: number;
  /** Which limit the figure fell below. */
  against: 'threshold' | 'baseline';
}

export interface CheckResult {
  fixturesDir: string;
  table: TableRow[];
  perDocument: DocumentResult[];
  /** Every figure of the table, by key. */
  figures: Record<string, number>;
  failures: Failure[];
  /** Fixtures that could not be read or analysed (they also fail the check). */
  errors: string[];
  rulesFingerprint: string | null;
}

const empty = (): TypeScore => ({ expected: 0, found: 0, correct: 0, missed: [], extra: [] });

/** The expected record files of a fixtures folder, sorted. */
export function expectedFiles(fixturesDir: string): string[] {
  const dir = join(fixturesDir, 'expected');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

export function readExpected(file: string): ExpectedRecord {
  let e: ExpectedRecord;
  try {
    e = JSON.parse(readFileSync(file, 'utf8')) as ExpectedRecord;
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`);
  }
  if (typeof e?.source !== 'string') throw new Error(`${file}: an expected record needs "source" (path relative to the fixtures folder)`);
  for (const t of CHECKED_TYPES) if (!Array.isArray(e[t])) e[t] = [];
  return e;
}

/** Runs the pipeline on one fixture and compares it with its expected record. */
export function checkDocument(
  fixturesDir: string,
  file: string,
  expected: ExpectedRecord,
  analyse: (path: string, bytes: Buffer) => Analysed = (p, b) => analyseBytes(p, b),
): DocumentResult {
  const scores = Object.fromEntries(CHECKED_TYPES.map((t) => [t, empty()])) as Record<CheckedType, TypeScore>;
  const base = { file, source: expected.source, expected, scores, language: { expected: expected.language, found: null }, published: { expected: expected.published, found: null } };
  const path = join(fixturesDir, expected.source);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    return { ...base, record: null, error: `${path}: ${(e as Error).message}`, scores: scoresWhenMissing(expected) };
  }
  const result = analyse(expected.source, bytes);
  if (!result.ok) return { ...base, record: null, error: result.error, scores: scoresWhenMissing(expected) };
  const rec = result.record;
  for (const t of CHECKED_TYPES) scores[t] = compareType(t, expected[t], rec[t]);
  return { ...base, record: rec, scores, language: { expected: expected.language, found: rec.language }, published: { expected: expected.published, found: rec.published } };
}

/** A fixture the pipeline could not analyse found nothing: everything expected is missed. */
function scoresWhenMissing(expected: ExpectedRecord): Record<CheckedType, TypeScore> {
  return Object.fromEntries(CHECKED_TYPES.map((t) => [t, compareType(t, expected[t], [])])) as Record<CheckedType, TypeScore>;
}

/** Builds the table (per type and language, then per-document fields) from document results. */
export function buildTable(docs: DocumentResult[]): TableRow[] {
  const languages = ['all', ...[...new Set(docs.map((d) => d.expected.language))].sort()];
  const rows: TableRow[] = [];
  for (const type of CHECKED_TYPES) {
    for (const language of languages) {
      const inLang = docs.filter((d) => language === 'all' || d.expected.language === language);
      const score = inLang.reduce((acc, d) => addScores(acc, d.scores[type]), empty());
      const k = `${language}.${type}`;
      rows.push({ language, type, score, figures: { [`${k}.precision`]: precision(score), [`${k}.recall`]: recall(score), [`${k}.f1`]: f1(score) } });
    }
  }
  for (const field of ['language', 'published'] as const) {
    const total = docs.length;
    const right = docs.filter((d) => d.record !== null && d[field].expected === d[field].found).length;
    rows.push({ language: 'all', type: field, right, total, figures: { [`all.${field}.accuracy`]: total === 0 ? 1 : right / total } });
  }
  return rows;
}

/** Figures below their threshold or below the baseline (a tiny tolerance absorbs rounding). */
export function findFailures(figures: Record<string, number>, thresholds: Thresholds, baseline: Baseline | null): Failure[] {
  const failures: Failure[] = [];
  for (const [key, value] of Object.entries(figures)) {
    const limit = thresholdFor(key, thresholds);
    if (value < limit - 1e-9) failures.push({ key, value, limit, against: 'threshold' });
    const base = baseline?.figures[key];
    if (base !== undefined && value < base - 1e-4) failures.push({ key, value, limit: base, against: 'baseline' });
  }
  return failures;
}

/** Where a new expected record for a source goes: expected/<source file name>.json. */
export function expectedPathFor(fixturesDir: string, source: string): string {
  return join(fixturesDir, 'expected', `${basename(source, extname(source))}.json`);
}

/** Runs the whole check. Never throws for a broken fixture: it becomes an error and a failure. */
export function runCheck(options: CheckOptions): CheckResult {
  const { fixturesDir } = options;
  const thresholds = options.thresholds ?? loadThresholds(join(fixturesDir, 'thresholds.yaml'));
  const baseline = options.baseline === undefined ? readBaseline(join(fixturesDir, 'baseline.json')) : options.baseline;
  // Loads (and validates) the rules once: a broken rule file throws RuleError here, with file and
  // line, instead of failing every fixture the same way.
  const fingerprint = options.analyse ? null : loadRules(options.rulesDir).fingerprint;
  const analyse = options.analyse ?? ((p: string, b: Buffer) => analyseBytes(p, b, options.rulesDir));
  const perDocument: DocumentResult[] = [];
  const errors: string[] = [];
  for (const file of expectedFiles(fixturesDir)) {
    let expected: ExpectedRecord;
    try {
      expected = readExpected(file);
    } catch (e) {
      errors.push((e as Error).message);
      continue;
    }
    const doc = checkDocument(fixturesDir, file, expected, analyse);
    if (doc.error) errors.push(doc.error);
    perDocument.push(doc);
  }
  for (const source of options.add ?? []) {
    if (perDocument.some((d) => d.source === source)) continue;
    const empty: ExpectedRecord = { source, language: 'und', published: null, people: [], organisations: [], dates: [], figures: [] };
    const doc = checkDocument(fixturesDir, expectedPathFor(fixturesDir, source), empty, analyse);
    if (doc.error) errors.push(doc.error);
    perDocument.push(doc);
  }
  if (perDocument.length === 0 && errors.length === 0) errors.push(`${join(fixturesDir, 'expected')}: no expected records (*.json) to check against`);
  const table = buildTable(perDocument);
  const figures = Object.assign({}, ...table.map((r) => r.figures)) as Record<string, number>;
  const failures = findFailures(figures, thresholds, baseline);
  return { fixturesDir, table, perDocument, figures, failures, errors, rulesFingerprint: fingerprint };
}

// ---------------------------------------------------------------- formatting

const fmt = (n: number) => n.toFixed(3);

/** The table of precision, recall and F1 per type and language, then each document's differences. */
export function formatCheck(result: CheckResult, options: { thresholds?: Thresholds } = {}): string {
  const out: string[] = [];
  const docs = result.perDocument;
  const langs = [...new Set(docs.map((d) => d.expected.language))].sort();
  out.push(`check: ${docs.length} fixtures in ${result.fixturesDir} (${langs.map((l) => `${docs.filter((d) => d.expected.language === l).length} ${l}`).join(', ') || 'none'})`);
  out.push('');
  const failing = new Set(result.failures.map((f) => f.key));
  const mark = (key: string) => (failing.has(key) ? '!' : ' ');
  out.push(`${'type'.padEnd(14)}${'lang'.padEnd(5)}${'precision'.padStart(10)} ${'recall'.padStart(8)} ${'F1'.padStart(8)}   correct/found/expected`);
  for (const row of result.table) {
    const k = `${row.language}.${row.type}`;
    if (row.score) {
      const s = row.score;
      out.push(
        `${row.type.padEnd(14)}${row.language.padEnd(5)}${fmt(precision(s)).padStart(9)}${mark(k + '.precision')} ${fmt(recall(s)).padStart(7)}${mark(k + '.recall')} ${fmt(f1(s)).padStart(7)}${mark(k + '.f1')}   ${s.correct}/${s.found}/${s.expected}`,
      );
    } else {
      out.push(`${row.type.padEnd(14)}${row.language.padEnd(5)}${'accuracy'.padStart(10)} ${fmt(row.figures[`${k}.accuracy`]!).padStart(7)}${mark(k + '.accuracy')}            ${row.right}/${row.total} documents`);
    }
  }
  const diffs = docs.map(formatDocument).filter(Boolean);
  if (diffs.length) out.push('', ...diffs);
  else if (docs.length) out.push('', 'every fixture matches its expected record.');
  const attached = new Set(docs.map((d) => d.error));
  const loose = result.errors.filter((e) => !attached.has(e));
  if (loose.length) out.push('', 'errors:', ...loose.map((e) => `  ${e}`));
  if (result.failures.length) {
    out.push('', `below their limits (${result.failures.length}):`);
    for (const f of result.failures) out.push(`  ${f.key.padEnd(28)} ${fmt(f.value)} < ${f.against} ${fmt(f.limit)}`);
  } else if (!result.errors.length) {
    const t = options.thresholds;
    out.push('', `all figures at or above their thresholds${t ? ` (default ${t.default}${t.overrides.length ? `, ${t.overrides.length} overrides` : ''})` : ''} and the baseline.`);
  }
  return out.join('\n');
}

/** What one document missed and found extra; empty when it matches. */
export function formatDocument(d: DocumentResult): string {
  const lines: string[] = [];
  if (d.error) lines.push(`  error: ${d.error}`);
  for (const t of CHECKED_TYPES) {
    const s = d.scores[t];
    if (s.missed.length) lines.push(`  ${t.padEnd(14)} missed: ${s.missed.join(' | ')}`);
    if (s.extra.length) lines.push(`  ${t.padEnd(14)} extra:  ${s.extra.join(' | ')}`);
  }
  if (d.record && d.language.expected !== d.language.found) lines.push(`  ${'language'.padEnd(14)} expected ${d.language.expected}, found ${d.language.found}`);
  if (d.record && d.published.expected !== d.published.found) lines.push(`  ${'published'.padEnd(14)} expected ${d.published.expected}, found ${d.published.found}`);
  if (!lines.length) return '';
  return [`${d.source} (${d.expected.language}, ${basename(d.file)})`, ...lines].join('\n');
}

export { DEFAULT_THRESHOLD };
