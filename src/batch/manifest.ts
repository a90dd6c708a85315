/**
 * The manifest of an output folder: what every earlier run read and wrote, so that the next run
 * redoes only what changed.
 *
 * - `<out>/manifest.json`: the state at the end of the last complete run (written atomically).
 * - `<out>/manifest.journal`: the changes of the run in progress, one JSON line each, appended
 *   after the record they describe has been written. A run that is killed leaves a journal; the
 *   next run reads the manifest, replays the journal (a torn last line is ignored) and goes on
 *   from there. At the end of a run the state is written to manifest.json and the journal emptied.
 *   Replaying a journal twice gives the same state (every line sets or deletes one entry).
 *
 * Paths are the input paths as given (relative to the working folder when they were relative).
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';

/** One input file that gave a record (or joined one). */
export interface FileEntry {
  size: number;
  mtimeMs: number;
  sha256: string;
  /** The record it gave or joined. */
  record: string;
  /** Estimated similarity to the record's representative when it joined as a near-duplicate. */
  similarity?: number;
}

/** One record of the output folder. */
export interface RecordEntry {
  /** The source whose analysis the record holds. */
  rep: string;
  /** MinHash signature, base64 of little-endian uint32 values. */
  sig: string;
  shingles: number;
  language: string | null;
  /** The representative's title. */
  title: string | null;
  /** The release's own date (from the representative). */
  published: string | null;
  /** Entity keys for translation linking. */
  keys: string[];
  translations: string[];
}

export interface ManifestState {
  version: 1;
  rules: string;
  files: Map<string, FileEntry>;
  records: Map<string, RecordEntry>;
}

type JournalLine = { f: string; e: FileEntry | null } | { r: string; e: RecordEntry | null };

export const MANIFEST = 'manifest.json';
export const JOURNAL = 'manifest.journal';

export function emptyState(rules: string): ManifestState {
  return { version: 1, rules, files: new Map(), records: new Map() };
}

function byKey<T>(m: Map<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of [...m.keys()].sort()) out[k] = m.get(k)!;
  return out;
}

/** The manifest as written: keys sorted, so the same state always gives the same bytes. */
export function serialise(state: ManifestState): string {
  return JSON.stringify({ version: state.version, rules: state.rules, files: byKey(state.files), records: byKey(state.records) }, null, 1) + '\n';
}

export interface LoadedState {
  state: ManifestState;
  /** What a person should know: unreadable manifest, replayed journal... */
  notes: string[];
}

/** Reads manifest.json and replays the journal. A missing or broken manifest gives an empty state. */
export function loadState(outDir: string): LoadedState {
  const notes: string[] = [];
  let state: ManifestState | null = null;
  let text: string | null = null;
  try {
    text = readFileSync(join(outDir, MANIFEST), 'utf8');
  } catch {
    // first run
  }
  if (text !== null) {
    try {
      const raw = JSON.parse(text) as { version?: unknown; rules?: unknown; files?: Record<string, FileEntry>; records?: Record<string, RecordEntry> };
      if (raw.version !== 1 || typeof raw.rules !== 'string' || typeof raw.files !== 'object' || typeof raw.records !== 'object') {
        throw new Error('not a communique manifest');
      }
      state = {
        version: 1,
        rules: raw.rules,
        files: new Map(Object.entries(raw.files ?? {})),
        records: new Map(Object.entries(raw.records ?? {})),
      };
    } catch (e) {
      notes.push(`${join(outDir, MANIFEST)} cannot be read (${(e as Error).message}): every input is processed again`);
    }
  }
  state ??= emptyState('');
  let journal: string | null = null;
  try {
    journal = readFileSync(join(outDir, JOURNAL), 'utf8');
  } catch {
    // no journal: the last run ended cleanly (or there was none)
  }
  if (journal) {
    const lines = journal.split('\n');
    const head = safeParse(lines[0] ?? '') as { journal?: unknown; rules?: unknown } | null;
    if (head && head.journal === 1 && head.rules === state.rules) {
      let replayed = 0;
      for (const line of lines.slice(1)) {
        const op = safeParse(line) as JournalLine | null;
        if (!op) continue;
        if ('f' in op) {
          if (op.e) state.files.set(op.f, op.e);
          else state.files.delete(op.f);
        } else if ('r' in op) {
          if (op.e) state.records.set(op.r, op.e);
          else state.records.delete(op.r);
        }
        replayed++;
      }
      if (replayed > 0) notes.push(`the previous run was interrupted: resuming after its ${replayed} recorded steps`);
    }
  }
  return { state, notes };
}

function safeParse(line: string): unknown {
  if (!line.trim()) return null;
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return null;
  }
}

/** Appends the changes of a run to the journal, synchronously, one line per change. */
export class Journal {
  private fd: number | null = null;

  constructor(private readonly outDir: string) {}

  /** Writes the state to manifest.json, then starts an empty journal for it. */
  async checkpoint(state: ManifestState): Promise<void> {
    this.close();
    await writeFileAtomic(join(this.outDir, MANIFEST), serialise(state));
    await writeFileAtomic(join(this.outDir, JOURNAL), JSON.stringify({ journal: 1, rules: state.rules }) + '\n');
    this.fd = openSync(join(this.outDir, JOURNAL), 'a');
  }

  /** Writes the final state to manifest.json and removes the journal: the run is complete. */
  async finish(state: ManifestState): Promise<void> {
    this.close();
    await writeFileAtomic(join(this.outDir, MANIFEST), serialise(state));
    await unlink(join(this.outDir, JOURNAL)).catch(() => undefined);
  }

  setFile(path: string, e: FileEntry | null): void {
    this.append({ f: path, e });
  }

  setRecord(id: string, e: RecordEntry | null): void {
    this.append({ r: id, e });
  }

  private append(line: JournalLine): void {
    if (this.fd === null) throw new Error('journal is not open');
    writeSync(this.fd, JSON.stringify(line) + '\n');
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
