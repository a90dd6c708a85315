/**
 * One thread of the scaling measurement (bench.ts, measureScaling): analyses the given files
 * once to warm up, waits for the go, analyses them again and reports the time it took.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { analyseBytes } from '../batch/analyser.js';

const { paths, rulesDir } = workerData as { paths: string[]; rulesDir?: string };
const bytes = paths.map((p) => readFileSync(p));
/** Analyses every file; the first failure, if any (a measurement of failures would be meaningless). */
const run = (): string | null => {
  let failed: string | null = null;
  for (let i = 0; i < paths.length; i++) {
    const r = analyseBytes(paths[i]!, Buffer.from(bytes[i]!), rulesDir);
    if (!r.ok) failed ??= r.error;
  }
  return failed;
};
const failed = run();
parentPort!.postMessage(failed ? { error: failed } : { ready: true });
parentPort!.once('message', () => {
  const t0 = performance.now();
  run();
  parentPort!.postMessage({ ms: performance.now() - t0 });
});
