/**
 * The batch job: list inputs, read and analyse each document (p-queue), deduplicate across
 * documents, write one record per release and a run report. Also the library API:
 *
 *   import { ingest } from 'communique';
 *   const result = await ingest({ inputs: ['releases/'], out: 'output' });
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import PQueue from 'p-queue';
import { DocumentError } from './document.js';
import type { DocumentRecord } from './record.js';
import { loadRules, type Rules } from './rules/index.js';
import { readSource } from './stages/read/read.js';
import { createAnalyser } from './batch/analyser.js';
import { listInputs } from './batch/list.js';
import { writeFileAtomic } from './batch/atomic-write.js';
import { createLogger, type Logger } from './log.js';

export interface IngestOptions {
  /** Files and folders to read (folders recursively). */
  inputs: string[];
  /** Output folder: records go to `<out>/records/`, the run report to `<out>/report.json`. */
  out: string;
  /** Documents read at once. Default 4. */
  concurrency?: number;
  /** Rules folder. Default: the rules/ shipped with communique. */
  rulesDir?: string;
  logger?: Logger;
}

export type InputOutcome =
  | { path: string; outcome: 'record'; record: string }
  | { path: string; outcome: 'duplicate'; record: string; duplicateOf: string; similarity: number }
  | { path: string; outcome: 'error'; error: string; code: string };

export interface RunReport {
  rules: string;
  inputs: InputOutcome[];
  summary: { inputs: number; records: number; duplicates: number; errors: number };
}

export interface IngestResult {
  report: RunReport;
  records: DocumentRecord[];
}

export async function ingest(options: IngestOptions): Promise<IngestResult> {
  const log = options.logger ?? createLogger('silent');
  const rules: Rules = loadRules(options.rulesDir);
  const recordsDir = join(options.out, 'records');
  await mkdir(recordsDir, { recursive: true });

  const listed = await listInputs(options.inputs);
  const queue = new PQueue({ concurrency: options.concurrency ?? 4 });
  const outcomes = new Map<string, InputOutcome>();
  const analysed: Array<{ path: string; record: DocumentRecord }> = [];
  const analyser = createAnalyser({ rulesDir: options.rulesDir });

  await Promise.all(
    listed.map((item) =>
      queue.add(async () => {
        if (item.error) {
          outcomes.set(item.path, { path: item.path, outcome: 'error', error: `${item.path}: ${item.error}`, code: 'unreadable' });
          return;
        }
        let result;
        try {
          result = await analyser.analyse(item.path, await readSource(item.path));
        } catch (e) {
          const code = e instanceof DocumentError ? e.code : 'internal';
          const message = e instanceof DocumentError ? e.message : `${item.path}: ${(e as Error).message}`;
          result = { ok: false as const, path: item.path, error: message, code };
        }
        if (result.ok) {
          analysed.push({ path: item.path, record: result.record });
          log.debug({ path: item.path }, 'analysed');
        } else {
          log.warn({ path: item.path, code: result.code }, result.error);
          outcomes.set(item.path, { path: item.path, outcome: 'error', error: result.error, code: result.code });
        }
      }),
    ),
  );
  await analyser.close();

  // Deduplicate: inputs in listing order; the first of identical texts carries the record.
  analysed.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const byId = new Map<string, DocumentRecord>();
  for (const { path, record } of analysed) {
    const kept = byId.get(record.id);
    if (kept) {
      kept.sources.push(...record.sources);
      outcomes.set(path, { path, outcome: 'duplicate', record: kept.id, duplicateOf: kept.sources[0]!.path, similarity: 1 });
    } else {
      byId.set(record.id, record);
      outcomes.set(path, { path, outcome: 'record', record: record.id });
    }
  }
  const records = [...byId.values()];
  for (const r of records) await writeFileAtomic(join(recordsDir, `${r.id}.json`), JSON.stringify(r, null, 2) + '\n');

  const inputs = listed.map((l) => outcomes.get(l.path)!);
  const report: RunReport = {
    rules: rules.fingerprint,
    inputs,
    summary: {
      inputs: inputs.length,
      records: records.length,
      duplicates: inputs.filter((i) => i.outcome === 'duplicate').length,
      errors: inputs.filter((i) => i.outcome === 'error').length,
    },
  };
  await writeFileAtomic(join(options.out, 'report.json'), JSON.stringify(report, null, 2) + '\n');
  log.info(report.summary, 'run finished');
  return { report, records };
}
