/**
 * `communique export --jsonl [--out dir]`: every record of an output folder as one JSON line on
 * stdout, ordered by record id, read one at a time (constant memory whatever the folder size).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from './usage.js';

const RECORD_FILE = /^[0-9a-f]{16}\.json$/;

/** Writes to stdout, waiting when the pipe is full; false when the reader has gone (EPIPE). */
function write(line: string): Promise<boolean> {
  return new Promise((resolve) => {
    const ok = process.stdout.write(line, (err) => {
      if (err) resolve(false);
    });
    if (ok) resolve(true);
    else process.stdout.once('drain', () => resolve(true));
  });
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: false,
    strict: true,
    options: { jsonl: { type: 'boolean' }, out: { type: 'string' } },
  });
  void positionals;
  if (!values.jsonl) throw new UsageError('export needs --jsonl (JSON Lines is the only format so far)');
  const out = values.out ?? 'output';
  const dir = join(out, 'records');
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => RECORD_FILE.test(n)).sort();
  } catch (e) {
    process.stderr.write(`communique export: no records in ${out} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); run 'communique ingest ... --out ${out}' first\n`);
    return 1;
  }
  let broken = 0;
  let closed = false;
  process.stdout.on('error', () => (closed = true));
  for (const name of names) {
    if (closed) break;
    let line: string;
    try {
      line = JSON.stringify(JSON.parse(await readFile(join(dir, name), 'utf8'))) + '\n';
    } catch (e) {
      broken++;
      process.stderr.write(`communique export: ${join(dir, name)}: ${(e as Error).message}\n`);
      continue;
    }
    if (!(await write(line))) break;
  }
  return broken > 0 ? 1 : 0;
}
