import { parseArgs } from 'node:util';
import { ingest, OutputError, type IngestResult } from '../ingest.js';
import { LockError } from '../batch/lock.js';
import { progressBar } from '../batch/progress.js';
import { createLogger } from '../log.js';
import { RuleError } from '../rules/load.js';
import { UsageError } from './usage.js';
import { parseLogLevel, parsePositiveInt } from './options.js';

function parseWholeNumber(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} must be a whole number of at least 0 (got "${value}")`);
  return n;
}

/** The one-line summary printed at the end of a run. */
export function summaryLine(result: IngestResult): string {
  const s = result.report.summary;
  const parts = [`${s.new} new`, `${s.changed} changed`];
  if (s.regrouped) parts.push(`${s.regrouped} regrouped`);
  parts.push(`${s.unchanged} unchanged`, `${s.duplicates} duplicates`, `${s.errors} errors`);
  if (s.missing) parts.push(`${s.missing} missing`);
  if (s.pruned) parts.push(`${s.pruned} pruned`);
  const secs = result.stats.ms / 1000;
  return `communique: ${s.inputs} inputs: ${parts.join(', ')}; ${s.records} records; ${secs.toFixed(secs < 10 ? 1 : 0)} s`;
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      out: { type: 'string' },
      concurrency: { type: 'string' },
      rules: { type: 'string' },
      'log-level': { type: 'string' },
      prune: { type: 'boolean' },
      include: { type: 'string', multiple: true },
      workers: { type: 'string' },
      timeout: { type: 'string' },
    },
  });
  if (positionals.length === 0) throw new UsageError('ingest needs at least one file or folder to read');
  if (!values.out) throw new UsageError('ingest needs --out <dir>');
  const logger = createLogger(parseLogLevel(values['log-level'] ?? 'warn'));
  const include = values.include?.flatMap((v) => v.split(',')).map((p) => p.trim()).filter(Boolean);
  if (values.include && include?.length === 0) throw new UsageError('--include needs at least one pattern, e.g. --include "*.txt,*.html"');
  const bar = process.stderr.isTTY ? progressBar(process.stderr) : null;
  try {
    const result = await ingest({
      inputs: positionals,
      out: values.out,
      concurrency: values.concurrency === undefined ? undefined : parsePositiveInt('--concurrency', values.concurrency),
      rulesDir: values.rules,
      prune: values.prune ?? false,
      include,
      workers: values.workers === undefined ? undefined : parseWholeNumber('--workers', values.workers),
      timeoutMs: values.timeout === undefined ? undefined : parsePositiveInt('--timeout', values.timeout),
      onProgress: bar ? (p) => bar.update(p) : undefined,
      logger,
    });
    bar?.done();
    const { report } = result;
    for (const note of report.notes) process.stderr.write(`communique: ${note}\n`);
    for (const i of report.inputs) if (i.outcome === 'error') process.stderr.write(`  error: ${i.error}\n`);
    process.stderr.write(summaryLine(result) + '\n');
    return report.summary.errors > 0 ? 1 : 0;
  } catch (e) {
    bar?.done();
    if (e instanceof RuleError) {
      process.stderr.write(`communique: broken rule file: ${e.message}\n`);
      return 2;
    }
    if (e instanceof LockError || e instanceof OutputError) {
      process.stderr.write(`communique: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
