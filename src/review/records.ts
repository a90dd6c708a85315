/** Reads the records an `ingest` run wrote (`<out>/records/*.json`) for review and show. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DocumentRecord } from '../record.js';
import type { RunReport } from '../ingest.js';

/** Records folder of an output folder; accepts the records folder itself too. */
export function recordsDir(outDir: string): string {
  const nested = join(outDir, 'records');
  return existsSync(nested) && statSync(nested).isDirectory() ? nested : outDir;
}

/** Newest release first, undated last, then by first source path: the order of the index. */
export function compareRecords(a: DocumentRecord, b: DocumentRecord): number {
  if (a.published !== b.published) {
    if (a.published === null) return 1;
    if (b.published === null) return -1;
    return a.published < b.published ? 1 : -1;
  }
  const pa = a.sources[0]?.path ?? a.id;
  const pb = b.sources[0]?.path ?? b.id;
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

export interface LoadedRecords {
  records: DocumentRecord[];
  /** Files that could not be read as records, with the reason. */
  problems: string[];
  report: RunReport | null;
}

/** Reads every record of an output folder; unreadable files are reported, never fatal. */
export function loadRecords(outDir: string): LoadedRecords {
  if (!existsSync(outDir) || !statSync(outDir).isDirectory()) throw new Error(`${outDir}: no such folder`);
  const dir = recordsDir(outDir);
  const records: DocumentRecord[] = [];
  const problems: string[] = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'report.json').sort()) {
    const path = join(dir, name);
    try {
      const r = JSON.parse(readFileSync(path, 'utf8')) as DocumentRecord;
      if (typeof r !== 'object' || r === null || typeof r.text !== 'string' || typeof r.id !== 'string') {
        problems.push(`${path}: not a communique record`);
        continue;
      }
      records.push(withDefaults(r));
    } catch (e) {
      problems.push(`${path}: ${(e as Error).message}`);
    }
  }
  let report: RunReport | null = null;
  const reportPath = join(outDir, 'report.json');
  if (existsSync(reportPath)) {
    try {
      report = JSON.parse(readFileSync(reportPath, 'utf8')) as RunReport;
    } catch (e) {
      problems.push(`${reportPath}: ${(e as Error).message}`);
    }
  }
  records.sort(compareRecords);
  return { records, problems, report };
}

/** Fills the lists an older or hand-made record may lack, so renderers never meet undefined. */
export function withDefaults(r: DocumentRecord): DocumentRecord {
  return {
    ...r,
    sources: r.sources ?? [],
    language: r.language ?? null,
    published: r.published ?? null,
    title: r.title ?? null,
    people: r.people ?? [],
    organisations: r.organisations ?? [],
    dates: r.dates ?? [],
    figures: r.figures ?? [],
    places: r.places ?? [],
    contacts: r.contacts ?? [],
    translations: r.translations ?? [],
    diagnostics: r.diagnostics ?? [],
  };
}

/**
 * Finds a record by id (or a unique id prefix of at least 4 characters) or by source path
 * (as written in the record, or resolving to the same file).
 */
export function findRecord(records: DocumentRecord[], key: string): DocumentRecord | { ambiguous: DocumentRecord[] } | null {
  const exact = records.find((r) => r.id === key);
  if (exact) return exact;
  const abs = resolve(key);
  const bySource = records.find((r) => r.sources.some((s) => s.path === key || resolve(s.path) === abs));
  if (bySource) return bySource;
  const bySuffix = records.filter((r) => r.sources.some((s) => s.path.endsWith('/' + key)));
  if (bySuffix.length === 1) return bySuffix[0]!;
  if (/^[0-9a-f]{4,15}$/.test(key)) {
    const byPrefix = records.filter((r) => r.id.startsWith(key));
    if (byPrefix.length === 1) return byPrefix[0]!;
    if (byPrefix.length > 1) return { ambiguous: byPrefix };
  }
  if (bySuffix.length > 1) return { ambiguous: bySuffix };
  return null;
}
