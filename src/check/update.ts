/**
 * `check --update`: turns what the pipeline found into expected records (one entity a line, so
 * that the change is a short, reviewable git diff) and accepts the current figures as the new
 * baseline.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { writeFileSync, renameSync } from 'node:fs';
import type { DocumentRecord } from '../record.js';
import type { ExpectedRecord } from './compare.js';
import { formatBaseline, type Baseline } from './limits.js';
import type { CheckResult } from './run.js';
export { expectedPathFor } from './run.js';

/** The expected record a reviewer would accept for what the pipeline found. */
export function toExpected(record: DocumentRecord, source: string, previous?: ExpectedRecord): ExpectedRecord & Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  if (previous) for (const [k, v] of Object.entries(previous)) if (!KNOWN.has(k)) extra[k] = v;
  return {
    source,
    language: record.language ?? previous?.language ?? 'und',
    published: record.published,
    people: record.people.map((p) => ({
      name: p.name,
      aliases: [...p.aliases],
      roles: p.roles.map((r) => (r.organisation ? { title: r.title, organisation: r.organisation } : { title: r.title })),
    })),
    organisations: record.organisations.map((o) => ({ name: o.name, acronym: o.acronym, aliases: [...o.aliases] })),
    dates: record.dates.map((d) => ({ value: d.value, grain: d.grain })),
    figures: record.figures.map((f) => ({
      value: f.value,
      ...(f.valueMax !== undefined ? { valueMax: f.valueMax } : {}),
      unit: f.unit,
      kind: f.kind,
      ...(f.qualifier ? { qualifier: f.qualifier } : {}),
    })),
    ...extra,
  };
}
const KNOWN = new Set(['source', 'language', 'published', 'people', 'organisations', 'dates', 'figures']);

/** JSON on one line with spaces, as the hand-written fixtures are: `{ "name": "x", "aliases": [] }`. */
function inline(v: unknown): string {
  if (Array.isArray(v)) return v.length ? `[${v.map(inline).join(', ')}]` : '[]';
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    return entries.length ? `{ ${entries.map(([k, x]) => `${JSON.stringify(k)}: ${inline(x)}`).join(', ')} }` : '{}';
  }
  return JSON.stringify(v);
}

/** An expected record as a file: top-level keys one a line, entities one a line. */
export function formatExpected(e: ExpectedRecord & Record<string, unknown>): string {
  const lines = Object.entries(e).map(([k, v]) => {
    if (Array.isArray(v) && v.length) return `  ${JSON.stringify(k)}: [\n${v.map((x) => `    ${inline(x)}`).join(',\n')}\n  ]`;
    return `  ${JSON.stringify(k)}: ${inline(v)}`;
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}

/** The changed lines between two texts ("- old", "+ new"), by longest common subsequence. */
export function lineDiff(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const n = a.length;
  const m = b.length;
  // lcs[i][j]: length of the LCS of a[i..] and b[j..]
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      i++;
      j++;
    } else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) out.push(`+ ${b[j++]}`);
    else out.push(`- ${a[i++]}`);
  }
  return out;
}

function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

export interface UpdatedFile {
  file: string;
  /** Changed lines; empty when the file already said the same. */
  diff: string[];
  created: boolean;
}

export interface UpdateOutcome {
  files: UpdatedFile[];
  /** Fixtures left alone because the pipeline could not analyse them. */
  skipped: string[];
  baselineFile: string | null;
}

/**
 * The figures worth holding later runs to: a precision over nothing found, a recall over nothing
 * expected (both 1 by convention) would otherwise forbid the first real attempt.
 */
export function meaningfulFigures(result: CheckResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of result.table) {
    const k = `${row.language}.${row.type}`;
    if (row.score) {
      const { found, expected } = row.score;
      if (found > 0) out[`${k}.precision`] = row.figures[`${k}.precision`]!;
      if (expected > 0) out[`${k}.recall`] = row.figures[`${k}.recall`]!;
      if (found > 0 && expected > 0) out[`${k}.f1`] = row.figures[`${k}.f1`]!;
    } else if (row.total) out[`${k}.accuracy`] = row.figures[`${k}.accuracy`]!;
  }
  return out;
}

/**
 * Writes the expected records of the checked documents (all, or those whose source or expected
 * file name is in `only`) from what the pipeline found, and the baseline from the figures of
 * this run. Returns what changed, for the command to show.
 */
export function updateFixtures(result: CheckResult, options: { only?: string[]; records?: boolean; baseline?: boolean; now?: Date } = {}): UpdateOutcome {
  const only = options.only?.length ? new Set(options.only) : null;
  const files: UpdatedFile[] = [];
  const skipped: string[] = [];
  for (const d of options.records === false ? [] : result.perDocument) {
    const rel = relative(result.fixturesDir, d.file);
    if (only && !only.has(d.source) && !only.has(rel) && !only.has(basename(d.file))) continue;
    if (!d.record) {
      skipped.push(`${d.source}: ${d.error ?? 'not analysed'}`);
      continue;
    }
    const created = !existsSync(d.file);
    const before = created ? '' : readFileSync(d.file, 'utf8');
    const after = formatExpected(toExpected(d.record, d.source, created ? undefined : d.expected));
    if (before !== after) {
      mkdirSync(join(result.fixturesDir, 'expected'), { recursive: true });
      writeAtomic(d.file, after);
    }
    files.push({ file: d.file, diff: before === after ? [] : lineDiff(before, after), created });
  }
  let baselineFile: string | null = null;
  if (options.baseline !== false) {
    baselineFile = join(result.fixturesDir, 'baseline.json');
    const b: Baseline = { accepted: (options.now ?? new Date()).toISOString(), rules: result.rulesFingerprint ?? undefined, figures: meaningfulFigures(result) };
    writeAtomic(baselineFile, formatBaseline(b));
  }
  return { files, skipped, baselineFile };
}
