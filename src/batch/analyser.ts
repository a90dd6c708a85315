/**
 * The CPU side of a batch: turns a file's bytes into a record. ingest reads files through
 * p-queue (I/O) and hands the bytes to an Analyser.
 *
 * Two implementations behind one interface:
 * - workers > 0 (the default for the compiled command): a pool of worker_threads, each loading
 *   the rules once and running `analyseBytes`. The bytes are transferred (not copied) to the
 *   worker; the plain record and the stage times come back. Each document has a time budget
 *   (`timeoutMs`): past it, the document is reported as an error naming the file, its worker is
 *   terminated and replaced, and the batch goes on.
 * - workers = 0: in-process, synchronous (tests and debugging). No time budget there: a
 *   synchronous function cannot be interrupted.
 *
 * Results are identical either way: a worker runs exactly `analyseBytes`.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DocumentError } from '../document.js';
import { analyse, type StageTimes } from '../pipeline.js';
import { toRecord, type DocumentRecord } from '../record.js';
import { loadRules } from '../rules/index.js';
import { toDocument } from '../stages/read/read.js';
import type { WorkerData, WorkerReply, WorkerRequest } from './workers/protocol.js';

export interface AnalysedOk {
  ok: true;
  path: string;
  record: DocumentRecord;
  /** Milliseconds spent per stage on this document. */
  times: StageTimes;
}
export interface AnalysedError {
  ok: false;
  path: string;
  /** A message a person understands, naming the file. */
  error: string;
  code: string;
}
export type Analysed = AnalysedOk | AnalysedError;

export interface Analyser {
  /**
   * Analyses one document. Never rejects for a problem of the document itself (those come back
   * as AnalysedError). The analyser takes ownership of `bytes`: with worker threads their memory
   * is transferred to the worker, so the caller must not use the buffer afterwards.
   */
  analyse(path: string, bytes: Buffer): Promise<Analysed>;
  close(): Promise<void>;
}

export interface AnalyserOptions {
  rulesDir?: string;
  /**
   * Worker threads. 0 analyses in-process. Default: the number of CPUs when running the compiled
   * code (dist/), 0 when running the TypeScript sources (vitest), where no compiled worker exists.
   */
  workers?: number;
  /** Per-document time budget in milliseconds (worker threads only). Default 10,000. */
  timeoutMs?: number;
  /**
   * The worker script. Default: dist/batch/workers/worker.js beside this module. Tests point
   * it at a worker speaking the same protocol (for example one with a deliberately slow stage).
   */
  workerScript?: URL;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
/** Old-generation heap limit of each worker thread, in MB. */
const WORKER_HEAP_MB = 1024;

/** True when this module runs from the TypeScript sources (vitest) rather than from dist/. */
const FROM_SOURCE = import.meta.url.endsWith('.ts');

/** Analyses one document synchronously; never throws (errors become AnalysedError). */
export function analyseBytes(path: string, bytes: Buffer, rulesDir?: string): Analysed {
  try {
    const rules = loadRules(rulesDir);
    const times: StageTimes = {};
    const t0 = performance.now();
    const doc = toDocument(path, bytes, rules);
    times.read = performance.now() - t0;
    analyse(doc, rules, times);
    return { ok: true, path, record: toRecord(doc), times };
  } catch (e) {
    if (e instanceof DocumentError) return { ok: false, path, error: e.message, code: e.code };
    return { ok: false, path, error: `${path}: internal error while analysing (${(e as Error).message})`, code: 'internal' };
  }
}

export function createAnalyser(options: AnalyserOptions = {}): Analyser {
  const workers = options.workers ?? (FROM_SOURCE && !options.workerScript ? 0 : availableParallelism());
  if (!Number.isInteger(workers) || workers < 0) throw new RangeError(`workers must be a whole number >= 0 (got ${workers})`);
  if (workers === 0) {
    return {
      analyse: async (path, bytes) => analyseBytes(path, bytes, options.rulesDir),
      close: async () => undefined,
    };
  }
  return new WorkerPool(workers, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, options.workerScript ?? defaultWorkerScript(), options.rulesDir);
}

/** The compiled worker; from the sources (vitest), the one in dist/ if it has been built. */
function defaultWorkerScript(): URL {
  const here = new URL('./workers/worker.js', import.meta.url);
  if (!FROM_SOURCE) return here;
  const built = new URL('../../dist/batch/workers/worker.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return built;
  throw new Error('worker threads need the compiled code: run "npm run build" first, or use workers: 0');
}

interface Task {
  id: number;
  path: string;
  bytes: Buffer;
  resolve(result: Analysed): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  /**
   * Documents sent to this worker, in the order it takes them: the first is being analysed, the
   * next one waits in the worker's message queue, so that the worker never idles while the main
   * thread is busy.
   */
  tasks: Task[];
  /** The budget of the first task. */
  timer: NodeJS.Timeout | null;
  /** Whether this worker said it started (a worker dying before that is a start-up failure). */
  answered: boolean;
}

/** Documents sent ahead to each worker. */
const DEPTH = 2;

/** Formats a duration for a person: "10 s", "1.5 s", "200 ms". */
function formatDuration(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} s` : `${ms} ms`;
}

class WorkerPool implements Analyser {
  private readonly slots: Slot[] = [];
  private readonly waiting: Task[] = [];
  private nextId = 1;
  private closed = false;
  /** Set when workers cannot even start (broken worker script): every analysis then fails with it. */
  private fatal: Error | null = null;
  /** Workers in a row that died before answering anything. */
  private startFailures = 0;

  constructor(
    private readonly size: number,
    private readonly timeoutMs: number,
    private readonly script: URL,
    private readonly rulesDir: string | undefined,
  ) {}

  analyse(path: string, bytes: Buffer): Promise<Analysed> {
    if (this.closed) return Promise.reject(new Error('analyser is closed'));
    if (this.fatal) return Promise.reject(this.fatal);
    return new Promise<Analysed>((resolve, reject) => {
      this.waiting.push({ id: this.nextId++, path, bytes, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const closedError = () => new Error('analyser closed before the document was analysed');
    for (const t of this.waiting.splice(0)) t.reject(closedError());
    const slots = this.slots.splice(0);
    for (const s of slots) {
      if (s.timer) clearTimeout(s.timer);
      for (const t of s.tasks.splice(0)) t.reject(closedError());
    }
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  /**
   * Hands waiting documents to workers: first to idle ones (starting workers up to the pool
   * size), then one more ahead to each busy one.
   */
  private pump(): void {
    for (let depth = 1; depth <= DEPTH; depth++) {
      while (this.waiting.length > 0 && !this.fatal) {
        let slot = this.slots.find((s) => s.tasks.length < depth);
        if (!slot && depth === 1 && this.slots.length < this.size) slot = this.spawn();
        if (!slot) break;
        this.dispatch(slot, this.waiting.shift()!);
      }
    }
  }

  private spawn(): Slot {
    const data: WorkerData = { rulesDir: this.rulesDir };
    // A heap cap per worker: a document that makes the analysis balloon kills its worker (reported
    // as a crash of that document), not the whole process.
    const worker = new Worker(this.script, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    const slot: Slot = { worker, tasks: [], timer: null, answered: false };
    worker.unref();
    worker.on('message', (reply: WorkerReply) => this.onReply(slot, reply));
    worker.on('error', (e) => this.onCrash(slot, e));
    worker.on('exit', (code) => this.onCrash(slot, new Error(`worker stopped with exit code ${code}`)));
    this.slots.push(slot);
    return slot;
  }

  private dispatch(slot: Slot, task: Task): void {
    slot.tasks.push(task);
    slot.worker.ref();
    const first = slot.tasks.length === 1;
    // The budget is the document's: it starts when the worker takes it (a worker still loading
    // its rules starts the clock when ready; a document sent ahead, when the one before is done).
    if (first && slot.answered) this.startClock(slot);
    // The memory of a document the worker takes at once is transferred, not copied. A document
    // sent ahead, or to a worker still starting, is copied: if that worker dies first, the
    // document goes to another worker with its bytes intact.
    const b = task.bytes;
    const owned = first && slot.answered && b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer;
    const bytes = owned ? new Uint8Array(b.buffer, 0, b.byteLength) : new Uint8Array(b);
    const request: WorkerRequest = { id: task.id, path: task.path, bytes };
    if (owned) slot.worker.postMessage(request, [bytes.buffer as ArrayBuffer]);
    else slot.worker.postMessage(request);
  }

  private startClock(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = slot.tasks.length > 0 ? setTimeout(() => this.onTimeout(slot), this.timeoutMs) : null;
  }

  /** Takes the first task off a slot and starts the clock of the next. */
  private finish(slot: Slot): Task | null {
    const task = slot.tasks.shift() ?? null;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    if (slot.tasks.length > 0) this.startClock(slot);
    else slot.worker.unref();
    return task;
  }

  private onReply(slot: Slot, reply: WorkerReply): void {
    if (reply.type === 'fatal') {
      this.fail(new Error(`the analysis worker cannot start: ${reply.error}`), slot);
      return;
    }
    slot.answered = true;
    this.startFailures = 0;
    if (reply.type === 'ready') {
      if (slot.tasks.length > 0 && !slot.timer) this.startClock(slot);
      return;
    }
    if (slot.tasks[0]?.id !== reply.id) return;
    this.finish(slot)!.resolve(reply.result);
    this.pump();
  }

  /** Stops using workers: the documents in hand and every waiting one fail with `error`. */
  private fail(error: Error, slot: Slot): void {
    this.fatal = error;
    const tasks = this.retire(slot);
    void slot.worker.terminate();
    for (const t of [...tasks, ...this.waiting.splice(0)]) t.reject(error);
  }

  /**
   * Removes a slot whose worker is gone or being terminated (a replacement starts on demand) and
   * returns the documents it held, the one being analysed first.
   */
  private retire(slot: Slot): Task[] {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.worker.removeAllListeners('message');
    slot.worker.removeAllListeners('exit');
    slot.worker.removeAllListeners('error');
    slot.worker.on('error', () => undefined);
    return slot.tasks.splice(0);
  }

  /** Documents sent ahead to a worker that is gone go back to the front of the queue. */
  private requeue(tasks: Task[]): void {
    this.waiting.unshift(...tasks);
  }

  private onTimeout(slot: Slot): void {
    const [task, ...ahead] = this.retire(slot);
    void slot.worker.terminate();
    this.requeue(ahead);
    task?.resolve({
      ok: false,
      path: task.path,
      error: `${task.path}: took longer than ${formatDuration(this.timeoutMs)}; skipped`,
      code: 'timeout',
    });
    this.pump();
  }

  private onCrash(slot: Slot, e: Error): void {
    if (!this.slots.includes(slot)) return;
    const [task, ...ahead] = this.retire(slot);
    if (this.closed) return;
    if (!slot.answered && ++this.startFailures >= 3) {
      this.fatal = new Error(`the analysis workers cannot start (${e.message})`);
      for (const t of [...(task ? [task] : []), ...ahead, ...this.waiting.splice(0)]) t.reject(this.fatal);
      return;
    }
    if (!slot.answered && task) {
      // The worker died while starting: not this document's fault; give it to another worker.
      this.requeue([task, ...ahead]);
    } else {
      this.requeue(ahead);
      task?.resolve({
        ok: false,
        path: task.path,
        error: `${task.path}: the analysis stopped unexpectedly (${e.message}); skipped`,
        code: 'crashed',
      });
    }
    this.pump();
  }
}
