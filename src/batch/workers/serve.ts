/**
 * The body of an analysis worker: loads the rules once, then answers each WorkerRequest with
 * the result of `analyse(path, bytes)`. Exported so that tests can start a worker around a
 * different analysis function (a deliberately slow one, to test the time budget).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Analysed } from '../analyser.js';
import { loadRules } from '../../rules/index.js';
import type { WorkerData, WorkerReply, WorkerRequest } from './protocol.js';

export type AnalyseFunction = (path: string, bytes: Buffer, rulesDir: string | undefined) => Analysed;

export function serve(analyse: AnalyseFunction): void {
  const port = parentPort;
  if (!port) throw new Error('serve() must run inside a worker thread');
  const { rulesDir } = workerData as WorkerData;
  try {
    loadRules(rulesDir);
  } catch (e) {
    const reply: WorkerReply = { type: 'fatal', error: (e as Error).message };
    port.postMessage(reply);
    return;
  }
  port.postMessage({ type: 'ready' } satisfies WorkerReply);
  port.on('message', (req: WorkerRequest) => {
    const bytes = Buffer.from(req.bytes.buffer, req.bytes.byteOffset, req.bytes.byteLength);
    const reply: WorkerReply = { type: 'result', id: req.id, result: analyse(req.path, bytes, rulesDir) };
    port.postMessage(reply);
  });
}
