import { parseArgs } from 'node:util';
import { existsSync, statSync } from 'node:fs';
import { analyseBytes } from '../batch/analyser.js';
import type { DocumentRecord } from '../record.js';
import { findRecord, loadRecords } from '../review/records.js';
import { renderRecord, useColor } from '../review/terminal.js';
import { readSource } from '../stages/read/read.js';
import { UsageError } from './usage.js';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { out: { type: 'string' }, color: { type: 'boolean' }, 'no-color': { type: 'boolean' } },
  });
  if (positionals.length !== 1) throw new UsageError('show needs one record id (or id prefix) or source path');
  const key = positionals[0]!;
  const outDir = values.out ?? 'output';
  let record: DocumentRecord | null = null;

  if (existsSync(outDir)) {
    const found = findRecord(loadRecords(outDir).records, key);
    if (found && 'ambiguous' in found) {
      process.stderr.write(`communique show: "${key}" matches ${found.ambiguous.length} records:\n${found.ambiguous.map((r) => `  ${r.id}  ${r.sources[0]?.path ?? ''}`).join('\n')}\n`);
      return 1;
    }
    record = found;
  }
  // A release that is not in the output folder: analyse it now (nothing is written).
  if (!record && existsSync(key) && statSync(key).isFile()) {
    const result = analyseBytes(key, await readSource(key));
    if (!result.ok) {
      process.stderr.write(`communique show: ${result.error}\n`);
      return 1;
    }
    record = result.record;
  }
  if (!record) {
    process.stderr.write(`communique show: no record "${key}" in ${outDir}${existsSync(outDir) ? '' : ' (no such folder)'}, and no such file\n`);
    return 1;
  }
  const color = values['no-color'] ? false : values.color ? true : useColor(process.stdout);
  process.stdout.write(renderRecord(record, { color }));
  return 0;
}
