/**
 * The CPU side of a batch: turns a file's bytes into a record. ingest reads files through
 * p-queue (I/O) and hands the bytes to an Analyser. This first version analyses in-process;
 * the worker-thread analyser (both cores, per-document time budget) implements the same interface.
 */
import { DocumentError } from '../document.js';
import { analyse, type StageTimes } from '../pipeline.js';
import { toRecord, type DocumentRecord } from '../record.js';
import { loadRules } from '../rules/index.js';
import { toDocument } from '../stages/read/read.js';

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
  analyse(path: string, bytes: Buffer): Promise<Analysed>;
  close(): Promise<void>;
}

export interface AnalyserOptions {
  rulesDir?: string;
}

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
  return {
    analyse: async (path, bytes) => analyseBytes(path, bytes, options.rulesDir),
    close: async () => undefined,
  };
}
