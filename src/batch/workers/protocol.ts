/** Messages between the worker pool (src/batch/analyser.ts) and its worker threads. */
import type { Analysed } from '../analyser.js';

/** Given to each worker when it starts. */
export interface WorkerData {
  rulesDir: string | undefined;
}

/** One document to analyse: its bytes are transferred, not copied. */
export interface WorkerRequest {
  id: number;
  path: string;
  bytes: Uint8Array;
}

export type WorkerReply =
  /** The rules are loaded: the worker has started. */
  | { type: 'ready' }
  /** The analysis of request `id` (a record, or an error naming the file). */
  | { type: 'result'; id: number; result: Analysed }
  /** The worker cannot work at all (rules failed to load...): the pool stops using workers. */
  | { type: 'fatal'; error: string };
