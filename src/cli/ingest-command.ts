import { parseArgs } from 'node:util';
import { ingest } from '../ingest.js';
import { createLogger } from '../log.js';
import { RuleError } from '../rules/load.js';
import { UsageError } from './usage.js';
import { parseLogLevel, parsePositiveInt } from './options.js';

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
    },
  });
  if (positionals.length === 0) throw new UsageError('ingest needs at least one file or folder to read');
  if (!values.out) throw new UsageError('ingest needs --out <dir>');
  const logger = createLogger(parseLogLevel(values['log-level'] ?? 'warn'));
  try {
    const { report } = await ingest({
      inputs: positionals,
      out: values.out,
      concurrency: values.concurrency === undefined ? undefined : parsePositiveInt('--concurrency', values.concurrency),
      rulesDir: values.rules,
      logger,
    });
    const s = report.summary;
    process.stderr.write(`communique: ${s.inputs} inputs, ${s.records} records, ${s.duplicates} duplicates, ${s.errors} errors\n`);
    for (const i of report.inputs) if (i.outcome === 'error') process.stderr.write(`  error: ${i.error}\n`);
    return s.errors > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof RuleError) {
      process.stderr.write(`communique: broken rule file: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
