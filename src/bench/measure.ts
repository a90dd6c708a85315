/**
 * Runs the communique command in this process and, when it ends, writes the process's resource
 * use (peak RSS, CPU time) as JSON to the file named by the first argument. The benchmark runs
 * the command through this file so that peak memory, worker threads included, is measured.
 *
 *   node dist/bench/measure.js stats.json ingest corpus/ --out out/
 */
import { writeFileSync } from 'node:fs';
import { main } from '../cli/main.js';

export interface MeasuredRun {
  code: number;
  /** Peak resident set size of the whole process (all threads), in kilobytes. */
  maxRssKB: number;
  userMs: number;
  systemMs: number;
}

const [statsFile, ...args] = process.argv.slice(2);
if (!statsFile) {
  process.stderr.write('usage: node dist/bench/measure.js <stats.json> <communique arguments...>\n');
  process.exit(2);
}
const code = await main(args);
const usage = process.resourceUsage();
const run: MeasuredRun = { code, maxRssKB: usage.maxRSS, userMs: usage.userCPUTime / 1000, systemMs: usage.systemCPUTime / 1000 };
writeFileSync(statsFile, JSON.stringify(run));
process.exitCode = code;
