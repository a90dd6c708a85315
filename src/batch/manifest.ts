/**
 * The manifest of an output folder: what every earlier run read and wrote, so that the next run
 * redoes only what changed.
 *
 * - `<out>/manifest.jsonl`: the state at the end of the last complete run, written atomically.
 *   JSON Lines: a header `{"manifest":1,"rules":...}`, then one line per input file
 *   `{"f":path,"e":{size,mtimeMs,sha256,record,similarity?}}` and one per record
 *   `{"r":id,"e":{rep,sig,shingles,language,title,published,keys,translations}}`, sorted, so the
 *   same state always gives the same bytes. Read and written line by line: a manifest of 100,000
 *   inputs never has to be one string in memory.
 * - `<out>/manifest.journal`: the changes of the run in progress, in the same line format,
 *   appended after the record they describe has been written. A run that is killed leaves a
 *   journal; the next run reads the manifest, replays the journal (a torn last line is ignored)
 *   and goes on from there. At the end of a run the state is written to manifest.jsonl and the
 *   journal removed. Replaying a journal twice gives the same state (each line sets or deletes
 *   one entry).
 *
 * Paths are the input paths as given (relative to the working folder when they were relative).
 */
import { closeSync, createReadStream, openSync, writeSync } from 'node:fs';
import { readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { syncFileSystem, writeChunksAtomic, writeFileAtomic } from './atomic-write.js';

/** One input file that gave a record (or joined one). */
export interface FileEntry {
  size: number;
  mtimeMs: number;
  sha256: string;
  /** The record it gave or joined. */
  record: string;
  /** Estimated similarity to the record's representative when it joined as a duplicate. */
  similarity?: number;
}

/** One record of the output folder, as kept in memory. */
export interface RecordState {
  /** The source whose analysis the record holds. */
  rep: string;
  /** MinHash signature. */
  values: Uint32Array;
  /** Distinct shingles of the representative's text. */
  shingles: number;
  language: string | null;
  title: string | null;
  published: string | null;
  /** Entity keys (translations, and facts for deduplication). */
  keys: string[];
  translations: string[];
}

/** A record as written in the manifest (signature in base64). */
type RecordLine = Omit<RecordState, 'values'> & { sig: string };

export interface ManifestState {
  rules: string;
  files: Map<string, FileEntry>;
  records: Map<string, RecordState>;
}

type Line = { f: string; e: FileEntry | null } | { r: string; e: RecordLine | null } | { manifest?: number; journal?: number; rules?: string };

export const MANIFEST = 'manifest.jsonl';
export const JOURNAL = 'manifest.journal';

export function emptyState(rules: string): ManifestState {
  return { rules, files: new Map(), records: new Map() };
}

function encode(values: Uint32Array): string {
  const b = Buffer.alloc(values.length * 4);
  for (let i = 0; i < values.length; i++) b.writeUInt32LE(values[i]!, i * 4);
  return b.toString('base64');
}

function decode(s: string): Uint32Array | null {
  const b = Buffer.from(s, 'base64');
  if (b.length === 0 || b.length % 4 !== 0) return null;
  const out = new Uint32Array(b.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = b.readUInt32LE(i * 4);
  return out;
}

function recordLine(id: string, r: RecordState | null): string {
  if (!r) return JSON.stringify({ r: id, e: null }) + '\n';
  const e: RecordLine = { rep: r.rep, sig: encode(r.values), shingles: r.shingles, language: r.language, title: r.title, published: r.published, keys: r.keys, translations: r.translations };
  return JSON.stringify({ r: id, e }) + '\n';
}

function fileLine(path: string, e: FileEntry | null): string {
  return JSON.stringify({ f: path, e }) + '\n';
}

/** The manifest's lines: header, files by path, records by id. */
export function* manifestLines(state: ManifestState): Generator<string> {
  yield JSON.stringify({ manifest: 1, rules: state.rules }) + '\n';
  for (const p of [...state.files.keys()].sort()) yield fileLine(p, state.files.get(p)!);
  for (const id of [...state.records.keys()].sort()) yield recordLine(id, state.records.get(id)!);
}

/** Applies one line to the state; false when the line is not a valid change (torn, foreign). */
function apply(state: ManifestState, line: Line): boolean {
  if ('f' in line && typeof line.f === 'string') {
    if (line.e) state.files.set(line.f, line.e);
    else state.files.delete(line.f);
    return true;
  }
  if ('r' in line && typeof line.r === 'string') {
    if (!line.e) {
      state.records.delete(line.r);
      return true;
    }
    const values = decode(line.e.sig);
    if (!values) return false;
    const e = line.e;
    state.records.set(line.r, { rep: e.rep, values, shingles: e.shingles, language: e.language, title: e.title, published: e.published, keys: e.keys, translations: e.translations });
    return true;
  }
  return false;
}

/** Reads a file of lines; calls `each` with every line that parses as JSON. Missing file: false. */
async function readLines(path: string, each: (line: Line, index: number) => boolean | void): Promise<boolean> {
  let stream;
  try {
    stream = createReadStream(path, { encoding: 'utf8' });
    await new Promise<void>((resolve, reject) => {
      stream!.once('open', () => resolve());
      stream!.once('error', reject);
    });
  } catch {
    return false;
  }
  let index = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    if (!text.trim()) continue;
    let line: Line;
    try {
      line = JSON.parse(text) as Line;
    } catch {
      continue; // a torn last line of a killed run
    }
    if (each(line, index++) === false) break;
  }
  stream.destroy();
  return true;
}

export interface LoadedState {
  state: ManifestState;
  /** What a person should know: unreadable manifest, resumed journal... */
  notes: string[];
}

/** Reads the manifest and replays the journal. A missing or foreign manifest gives an empty state. */
export async function loadState(outDir: string): Promise<LoadedState> {
  const notes: string[] = [];
  const state = emptyState('');
  let valid = true;
  await readLines(join(outDir, MANIFEST), (line, i) => {
    if (i === 0) {
      if (!('manifest' in line) || line.manifest !== 1 || typeof line.rules !== 'string') return (valid = false);
      state.rules = line.rules;
      return;
    }
    apply(state, line);
  });
  if (!valid) {
    notes.push(`${join(outDir, MANIFEST)} is not a communique manifest: every input is processed again`);
    return { state: emptyState(''), notes };
  }
  let replayed = 0;
  let usable = false;
  const journalled = new Set<string>();
  await readLines(join(outDir, JOURNAL), (line, i) => {
    if (i === 0) {
      usable = 'journal' in line && line.journal === 1 && line.rules === state.rules;
      return usable;
    }
    if (apply(state, line)) replayed++;
    if ('r' in line && typeof line.r === 'string') journalled.add(line.r);
  });
  if (replayed > 0) notes.push(`the previous run was interrupted: resuming after its ${replayed} recorded steps`);
  const lost = await dropUnreadableRecords(outDir, state, journalled);
  if (lost > 0) notes.push(`${lost} record${lost > 1 ? 's' : ''} named by the interrupted run did not reach the disk intact: their sources are read again`);
  return { state, notes };
}

/**
 * Records written during an interrupted run were not flushed one by one: after a power cut one
 * may be empty or torn although the journal names it. Each such record is read back; one that
 * does not parse is forgotten with its sources, which the run then reads again.
 */
async function dropUnreadableRecords(outDir: string, state: ManifestState, ids: Set<string>): Promise<number> {
  let lost = 0;
  for (const id of ids) {
    if (!state.records.has(id)) continue;
    try {
      JSON.parse(await readFile(join(outDir, 'records', `${id}.json`), 'utf8'));
      continue;
    } catch {
      lost++;
    }
    state.records.delete(id);
    for (const [path, e] of [...state.files]) if (e.record === id) state.files.delete(path);
  }
  return lost;
}

/** Appends the changes of a run to the journal, synchronously, one line per change. */
export class Journal {
  private fd: number | null = null;

  constructor(private readonly outDir: string) {}

  /** Writes the state to the manifest, then starts an empty journal for it. */
  async checkpoint(state: ManifestState): Promise<void> {
    this.close();
    await writeChunksAtomic(join(this.outDir, MANIFEST), manifestLines(state));
    await writeFileAtomic(join(this.outDir, JOURNAL), JSON.stringify({ journal: 1, rules: state.rules }) + '\n');
    this.fd = openSync(join(this.outDir, JOURNAL), 'a');
  }

  /**
   * Flushes the records written by the run (they are not flushed one by one), writes the final
   * state to the manifest and removes the journal: the run is complete.
   */
  async finish(state: ManifestState): Promise<void> {
    this.close();
    syncFileSystem(this.outDir);
    await writeChunksAtomic(join(this.outDir, MANIFEST), manifestLines(state));
    await unlink(join(this.outDir, JOURNAL)).catch(() => undefined);
  }

  setFile(path: string, e: FileEntry | null): void {
    this.append(fileLine(path, e));
  }

  setRecord(id: string, e: RecordState | null): void {
    this.append(recordLine(id, e));
  }

  private append(line: string): void {
    if (this.fd === null) throw new Error('journal is not open');
    writeSync(this.fd, line);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
