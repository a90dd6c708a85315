import { parseArgs } from 'node:util';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadRecords } from '../review/records.js';
import { renderReview } from '../review/html.js';
import { UsageError } from './usage.js';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { output: { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('review needs exactly one output folder (the --out of ingest)');
  const outDir = positionals[0]!;
  let loaded;
  try {
    loaded = loadRecords(outDir);
  } catch (e) {
    process.stderr.write(`communique review: ${(e as Error).message}\n`);
    return 1;
  }
  const output = values.output ?? join(outDir, 'review.html');
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, renderReview(loaded.records, { heading: outDir, report: loaded.report, problems: loaded.problems }));
  for (const p of loaded.problems) process.stderr.write(`communique review: skipped ${p}\n`);
  process.stderr.write(`communique review: ${loaded.records.length} records -> ${output}\n`);
  return loaded.problems.length > 0 ? 1 : 0;
}
