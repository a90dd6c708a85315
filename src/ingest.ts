/**
 * The batch job: list inputs, read and analyse each document, deduplicate across documents,
 * link translations, write one record per release, a manifest and a run report. Also the
 * library API:
 *
 *   import { ingest } from 'communique';
 *   const { report, stats } = await ingest({ inputs: ['releases/'], out: 'output' });
 *
 * Output folder:
 *   records/<id>.json   one record per release (id: 16 hex digits, never taken from a file name)
 *   manifest.jsonl      what was read and written, for incremental runs (src/batch/manifest.ts)
 *   manifest.journal    only while a run is in progress or after it was killed
 *   report.json         the outcome of every input of the last run
 *   .lock               only while a run is in progress (src/batch/lock.ts)
 *
 * How a run goes:
 * 1. List the inputs (src/batch/list.ts) and load the manifest (replaying the journal of a
 *    killed run). A change of the rules fingerprint empties the manifest: everything is redone.
 * 2. Compare every listed file with the manifest: same size and modification time, or same
 *    content hash, is `unchanged` and is not read again. A changed file dissolves its old record:
 *    the record's other sources are grouped again with it. `--prune` forgets sources that no
 *    longer exist, and records left with no source.
 * 3. Read and analyse the other files, `concurrency` at a time, and commit their results one by
 *    one in listing order (so that the outcome never depends on timing): a text already known
 *    (same normalised text) or a near-duplicate of a record (MinHash + LSH, src/batch/minhash.ts)
 *    joins that record; anything else is a new record. Each record is written atomically as soon
 *    as it is final, then the change is appended to the journal.
 * 4. Link translations (src/batch/translations.ts), remove records nobody refers to any more,
 *    write the manifest and the report.
 *
 * A record's id is the hash of its representative's normalised text; the representative is the
 * first source that gave the record: in a run from scratch the smallest path, in later runs the
 * source that was there first, so ids never change while their representative does not.
 * A run killed at any moment (SIGKILL included) loses nothing: the next run resumes from the
 * journal and ends with the same records and manifest as a run that was never interrupted.
 */
import { createHash } from 'node:crypto';
import { access, mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { constants } from 'node:fs';
import { join } from 'node:path';
import { DocumentError } from './document.js';
import type { DocumentRecord } from './record.js';
import { loadRules, DEFAULT_RULES_DIR } from './rules/index.js';
import { createAnalyser, type Analysed } from './batch/analyser.js';
import { DEFAULT_INCLUDE, InputError, describeFsError, listInputs, readInput, type ListedInput, type Skipped } from './batch/list.js';
import { writeFileAtomic, writeFileAtomicSync } from './batch/atomic-write.js';
import { loadBatchConfig } from './batch/config.js';
import { acquireLock } from './batch/lock.js';
import { Journal, emptyState, loadState, type FileEntry, type ManifestState, type RecordState } from './batch/manifest.js';
import { LshIndex, MinHasher, SIGNATURE_SCHEME, isNearDuplicate, similarity, type Signature } from './batch/minhash.js';
import { factsDisagree, titleInText } from './batch/facts.js';
import { linkTranslations, translationKeys } from './batch/translations.js';
import type { Progress } from './batch/progress.js';
import { createLogger, type Logger } from './log.js';

export type { Progress } from './batch/progress.js';
export { LockError } from './batch/lock.js';

export interface IngestOptions {
  /** Files and folders to read (folders recursively). */
  inputs: string[];
  /** Output folder: records go to `<out>/records/`, the run report to `<out>/report.json`. */
  out: string;
  /** Documents read and analysed at once. Default 8. */
  concurrency?: number;
  /** Rules folder. Default: the rules/ shipped with communique. */
  rulesDir?: string;
  /** Remove records whose source files are all gone (deleted or moved). Default false. */
  prune?: boolean;
  /**
   * File name patterns read inside folders (`*` and `?`, case-insensitive). Default: `*.txt`,
   * `*.text`, `*.md`, `*.markdown`, `*.html`, `*.htm`, `*.xhtml`. Files named directly are always read.
   */
  include?: string[];
  /** Worker threads for the analysis (0: in this thread). Default: see createAnalyser. */
  workers?: number;
  /** Time budget per document in milliseconds (worker threads only). Default 10,000. */
  timeoutMs?: number;
  /** Called after each input is finished (for a progress bar). */
  onProgress?: (p: Progress) => void;
  logger?: Logger;
}

/** Why an input was read in this run. */
export type Change = 'new' | 'changed' | 'regrouped';

export type InputOutcome =
  /** A new record. `change` is `regrouped` when another source of its former record changed. */
  | { path: string; outcome: 'record'; record: string; change: Change }
  /** Joined the record of another input: same text (similarity 1) or near-duplicate (estimated Jaccard). */
  | { path: string; outcome: 'duplicate'; record: string; duplicateOf: string; similarity: number; change: Change }
  /** Same as in the manifest: not read again. */
  | { path: string; outcome: 'unchanged'; record: string }
  | { path: string; outcome: 'error'; error: string; code: string };

export interface RunSummary {
  /** Inputs listed in this run. */
  inputs: number;
  new: number;
  changed: number;
  /** Read again because another source of their record changed. */
  regrouped: number;
  unchanged: number;
  /** Inputs of this run that joined another input's record. */
  duplicates: number;
  errors: number;
  /** Records in the output folder after the run. */
  records: number;
  /** Sources of earlier runs that no longer exist (kept until --prune). */
  missing: number;
  /** Records removed by --prune. */
  pruned: number;
}

export interface RunReport {
  /** Fingerprint of the rules the records were made with. */
  rules: string;
  /** Every input of this run, in listing order. */
  inputs: InputOutcome[];
  /** Files inside the folders that were not read, and why. */
  skipped: Skipped[];
  /** Sources of earlier runs that no longer exist. */
  missing: string[];
  /** Ids of records removed by --prune. */
  pruned: string[];
  /** What a person should know about the run as a whole (interrupted run resumed, rules changed...). */
  notes: string[];
  summary: RunSummary;
}

export interface IngestStats {
  /** Documents read and analysed (unchanged ones are not). */
  documents: number;
  bytes: number;
  /** Wall time of the whole run. */
  ms: number;
  /** Time per stage summed over the analysed documents. */
  stageMs: Record<string, number>;
}

export interface IngestResult {
  report: RunReport;
  stats: IngestStats;
}

/** The output folder cannot be written: the run stops at once. */
export class OutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputError';
  }
}

const RECORD_FILE = /^[0-9a-f]{16}\.json$/;

function fsMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err.code ? `${err.code}: ${err.message}` : String(err.message ?? e);
}

export async function ingest(options: IngestOptions): Promise<IngestResult> {
  const rulesDir = options.rulesDir ?? DEFAULT_RULES_DIR;
  // Rules first: a broken rule file stops the run before anything is written.
  const rules = loadRules(options.rulesDir);
  const config = loadBatchConfig(rulesDir);
  const out = options.out;
  try {
    await mkdir(join(out, 'records'), { recursive: true });
    await access(join(out, 'records'), constants.W_OK);
  } catch (e) {
    throw new OutputError(`cannot write to the output folder ${out} (${fsMessage(e)})`);
  }
  let lock;
  try {
    lock = await acquireLock(out);
  } catch (e) {
    if ((e as Error).name === 'LockError') throw e;
    throw new OutputError(`cannot write to the output folder ${out} (${fsMessage(e)})`);
  }
  try {
    return await new Run(options, rules.fingerprint, config).run();
  } finally {
    await lock.release();
  }
}

interface Ready {
  kind: 'analysed';
  path: string;
  change: Change;
  size: number;
  mtimeMs: number;
  result: Analysed;
  sig?: Signature;
  keys?: string[];
}
type Done = Ready | { kind: 'outcome'; outcome: InputOutcome };

class Run {
  private readonly log: Logger;
  /** What the manifest must have been made with to be reused: the rules and the signature scheme. */
  private readonly stateKey: string;
  private readonly out: string;
  private readonly recordsDir: string;
  private state: ManifestState;
  private readonly journal: Journal;
  private readonly hasher: MinHasher;
  private readonly lsh: LshIndex;
  /** LSH entry numbers ↔ record ids. */
  private readonly entryOf = new Map<string, number>();
  private readonly idOf: string[] = [];
  /** Sources of each record (most have one). */
  private readonly members = new Map<string, string[]>();
  private readonly notes: string[] = [];
  private readonly stats: IngestStats = { documents: 0, bytes: 0, ms: 0, stageMs: {} };

  constructor(
    private readonly options: IngestOptions,
    private readonly fingerprint: string,
    private readonly config: ReturnType<typeof loadBatchConfig>,
  ) {
    this.log = options.logger ?? createLogger('silent');
    this.out = options.out;
    this.recordsDir = join(options.out, 'records');
    this.stateKey = `${fingerprint}+${SIGNATURE_SCHEME}`;
    this.state = emptyState(this.stateKey);
    this.journal = new Journal(options.out);
    this.hasher = new MinHasher(config.dedup);
    this.lsh = new LshIndex(config.dedup);
  }

  async run(): Promise<IngestResult> {
    const t0 = performance.now();
    const { inputs: listed, skipped } = await listInputs(this.options.inputs, {
      include: this.options.include ?? DEFAULT_INCLUDE,
      exclude: [this.out],
    });
    this.log.info({ inputs: listed.length, skipped: skipped.length }, 'listed inputs');

    const loaded = await loadState(this.out);
    this.notes.push(...loaded.notes);
    this.state = loaded.state;
    if (this.state.rules !== this.stateKey) {
      if (this.state.files.size > 0 || this.state.records.size > 0) this.notes.push('the rules changed since the last run: every input is processed again');
      this.state = emptyState(this.stateKey);
    }
    for (const [path, f] of this.state.files) {
      if (!this.state.records.has(f.record)) this.state.files.delete(path);
      else this.addMember(f.record, path);
    }

    // Records whose file is gone, or whose signature cannot be read, are made again.
    const onDisk = new Set((await readdir(this.recordsDir)).filter((n) => RECORD_FILE.test(n)));
    const sigLength = this.config.dedup.bands * this.config.dedup.rows;
    for (const [id, r] of [...this.state.records]) {
      if (!onDisk.has(`${id}.json`) || r.values.length !== sigLength || !this.members.get(id)?.length) {
        this.dissolve(id, false);
        continue;
      }
      this.index(id, r.values);
    }

    // Sources of earlier runs that are gone.
    const listedPaths = new Set(listed.map((l) => l.path));
    const missing: string[] = [];
    for (const path of [...this.state.files.keys()].sort()) {
      if (listedPaths.has(path)) continue;
      if (await exists(path)) continue;
      missing.push(path);
    }
    const pruned: string[] = [];
    const rewrite = new Set<string>();
    if (this.options.prune) {
      for (const path of missing) {
        const id = this.state.files.get(path)!.record;
        this.state.files.delete(path);
        const m = this.members.get(id)!;
        m.splice(m.indexOf(path), 1);
        if (m.length === 0) {
          this.dissolve(id, false);
          pruned.push(id);
        } else {
          const r = this.state.records.get(id)!;
          if (r.rep === path) this.state.records.set(id, { ...r, rep: [...m].sort()[0]! });
          rewrite.add(id);
        }
      }
      pruned.sort();
    }

    // What changed since the last run: size and time first, the content hash when they differ.
    const change = new Map<string, Change>();
    const files = listed.filter((l): l is Extract<ListedInput, { kind: 'file' }> => l.kind === 'file');
    await forEachLimited(files, this.options.concurrency ?? 8, async (l) => {
      const known = this.state.files.get(l.path);
      if (!known) return void change.set(l.path, 'new');
      if (known.size === l.size && known.mtimeMs === l.mtimeMs) return;
      const sha = await hashFile(l.path, this.config.files.maxBytes);
      if (sha === known.sha256) this.state.files.set(l.path, { ...known, mtimeMs: l.mtimeMs });
      else change.set(l.path, 'changed');
    });
    for (const l of files) {
      if (change.get(l.path) !== 'changed') continue;
      const id = this.state.files.get(l.path)?.record;
      if (id === undefined || !this.state.records.has(id)) continue;
      for (const p of this.members.get(id) ?? []) if (!change.has(p)) change.set(p, 'regrouped');
      this.dissolve(id, false);
    }
    for (const id of rewrite) if (!this.state.records.has(id)) rewrite.delete(id);

    try {
      await this.journal.checkpoint(this.state);
      for (const id of [...rewrite].sort()) await this.rewriteRecord(id, (r) => r);
    } catch (e) {
      throw new OutputError(`cannot write to the output folder ${this.out} (${fsMessage(e)})`);
    }

    const outcomes = await this.process(listed, change, t0);
    try {
      await this.linkTranslations();
      await this.sweep();
      await this.journal.finish(this.state);
    } catch (e) {
      throw new OutputError(`cannot write to the output folder ${this.out} (${fsMessage(e)})`);
    } finally {
      this.journal.close();
    }

    const count = (f: (o: InputOutcome) => boolean) => outcomes.filter(f).length;
    const changeOf = (c: Change) => (o: InputOutcome) => (o.outcome === 'record' || o.outcome === 'duplicate') && o.change === c;
    const report: RunReport = {
      rules: this.fingerprint,
      inputs: outcomes,
      skipped,
      missing: this.options.prune ? [] : missing,
      pruned,
      notes: this.notes,
      summary: {
        inputs: outcomes.length,
        new: count(changeOf('new')),
        changed: count(changeOf('changed')),
        regrouped: count(changeOf('regrouped')),
        unchanged: count((o) => o.outcome === 'unchanged'),
        duplicates: count((o) => o.outcome === 'duplicate'),
        errors: count((o) => o.outcome === 'error'),
        records: this.state.records.size,
        missing: this.options.prune ? 0 : missing.length,
        pruned: pruned.length,
      },
    };
    try {
      await writeFileAtomic(join(this.out, 'report.json'), JSON.stringify(report, null, 2) + '\n');
    } catch (e) {
      throw new OutputError(`cannot write to the output folder ${this.out} (${fsMessage(e)})`);
    }
    this.stats.ms = performance.now() - t0;
    this.log.info({ ...report.summary, ms: Math.round(this.stats.ms) }, 'run finished');
    return { report, stats: this.stats };
  }

  // ------------------------------------------------------------------ state helpers

  private addMember(id: string, path: string): void {
    const m = this.members.get(id);
    if (!m) this.members.set(id, [path]);
    else if (!m.includes(path)) m.push(path);
  }

  private index(id: string, values: Uint32Array): void {
    let n = this.entryOf.get(id);
    if (n === undefined) {
      n = this.idOf.push(id) - 1;
      this.entryOf.set(id, n);
    }
    this.lsh.add(n, values);
  }

  /** Forgets a record and its sources (their files are read again when listed). */
  private dissolve(id: string, journal: boolean): void {
    for (const p of this.members.get(id) ?? []) {
      this.state.files.delete(p);
      if (journal) this.journal.setFile(p, null);
    }
    this.members.delete(id);
    const r = this.state.records.get(id);
    const n = this.entryOf.get(id);
    if (r && n !== undefined) this.lsh.remove(n, r.values);
    this.state.records.delete(id);
    if (journal) this.journal.setRecord(id, null);
  }

  /** The sources of a record: its representative first, then the others by path. */
  private sourcesOf(id: string): DocumentRecord['sources'] {
    const rep = this.state.records.get(id)!.rep;
    const others = [...(this.members.get(id) ?? [])].filter((p) => p !== rep).sort();
    return [rep, ...others].filter((p) => this.state.files.has(p)).map((p) => ({ path: p, sha256: this.state.files.get(p)!.sha256 }));
  }

  private recordPath(id: string): string {
    return join(this.recordsDir, `${id}.json`);
  }

  private async writeRecord(r: DocumentRecord): Promise<void> {
    // not flushed one by one: the whole folder is flushed once before the manifest names it
    writeFileAtomicSync(this.recordPath(r.id), JSON.stringify(r, null, 2) + '\n');
  }

  /** Reads a record back, applies `edit`, refreshes its sources and translations, writes it atomically. */
  private async rewriteRecord(id: string, edit: (r: DocumentRecord) => DocumentRecord, fallback?: DocumentRecord): Promise<void> {
    let r: DocumentRecord;
    try {
      r = JSON.parse(await readFile(this.recordPath(id), 'utf8')) as DocumentRecord;
    } catch (e) {
      if (!fallback) throw e;
      this.log.warn({ record: id, error: (e as Error).message }, 'record file unreadable: rewritten from its newest source');
      r = { ...fallback, id };
    }
    r = edit(r);
    r.sources = this.sourcesOf(id);
    r.translations = this.state.records.get(id)!.translations;
    await this.writeRecord(r);
  }

  // ------------------------------------------------------------------ writes behind the decisions

  /**
   * Record files are written in the background while the next documents are decided: one chain
   * of writes per record (a rewrite waits for the write before it), and journal lines appended
   * strictly in commit order, each after the writes it describes. So the journal always holds a
   * prefix of the run, and a file on disk that the journal does not know yet is simply written
   * again, identically, by the next run.
   */
  private readonly writes = new Map<string, Promise<void>>();
  private journalTail: Promise<void> = Promise.resolve();
  private inFlight = 0;
  private writeError: unknown = null;

  private chain(id: string, write: () => Promise<void>): Promise<void> {
    const prev = this.writes.get(id) ?? Promise.resolve();
    const next = prev.then(write);
    const settled = next.catch((e: unknown) => {
      this.writeError ??= e;
    });
    this.writes.set(id, settled);
    void settled.then(() => {
      if (this.writes.get(id) === settled) this.writes.delete(id);
    });
    return next;
  }

  /** Appends journal lines once `written` is done and every earlier line is appended; waits when many writes are pending. */
  private async journalAfter(written: Promise<void>, append: () => void): Promise<void> {
    this.inFlight++;
    this.journalTail = Promise.all([this.journalTail, written.catch(() => undefined)]).then(() => {
      this.inFlight--;
      if (this.writeError === null) append();
    });
    if (this.writeError !== null) throw this.writeError;
    if (this.inFlight >= 128) await this.journalTail;
  }

  /** Waits for every background write; throws the first write error. */
  private async settleWrites(): Promise<void> {
    await this.journalTail;
    await Promise.all([...this.writes.values()]);
    if (this.writeError !== null) throw this.writeError;
  }

  // ------------------------------------------------------------------ the main pass

  private async process(listed: ListedInput[], change: Map<string, Change>, t0: number): Promise<InputOutcome[]> {
    const total = listed.length;
    const outcomes: InputOutcome[] = new Array<InputOutcome>(total);
    const concurrency = Math.max(1, this.options.concurrency ?? 8);
    const window = concurrency * 8;
    const analyser = createAnalyser({ rulesDir: this.options.rulesDir, workers: this.options.workers, timeoutMs: this.options.timeoutMs });
    const ready = new Map<number, Done>();
    let next = 0;
    let committed = 0;
    let fatal: unknown = null;
    let waiters: Array<() => void> = [];
    const wake = () => {
      const w = waiters;
      waiters = [];
      for (const f of w) f();
    };
    let draining: Promise<void> = Promise.resolve();

    const drain = async () => {
      while (fatal === null && ready.has(committed)) {
        const d = ready.get(committed)!;
        ready.delete(committed);
        try {
          outcomes[committed] = d.kind === 'outcome' ? d.outcome : await this.commit(d);
        } catch (e) {
          fatal = e;
          break;
        }
        committed++;
        this.options.onProgress?.({ done: committed, total, elapsedMs: performance.now() - t0 });
        wake();
      }
      if (fatal !== null) wake();
    };

    const loop = async () => {
      while (fatal === null && next < total) {
        if (next >= committed + window) {
          await new Promise<void>((resolve) => waiters.push(resolve));
          continue;
        }
        const i = next++;
        const done = await this.prepare(listed[i]!, change, analyser);
        ready.set(i, done);
        // Commit in the background: a reader goes on to the next document at once (the window
        // above bounds how far it may run ahead of the commits).
        draining = draining.then(drain);
      }
    };
    try {
      await Promise.all(Array.from({ length: concurrency }, loop));
      await draining;
      await this.settleWrites();
    } catch (e) {
      fatal ??= e;
    } finally {
      await analyser.close();
    }
    if (fatal !== null) throw new OutputError(`cannot write to the output folder ${this.out} (${fsMessage(fatal)}); the run stopped`);
    return outcomes;
  }

  /** The parallel half: decide, read, analyse and sign one input. Never throws. */
  private async prepare(item: ListedInput, change: Map<string, Change>, analyser: ReturnType<typeof createAnalyser>): Promise<Done> {
    if (item.kind === 'error') return { kind: 'outcome', outcome: { path: item.path, outcome: 'error', error: `${item.path}: ${item.error}`, code: item.code } };
    const kind = change.get(item.path);
    const known = this.state.files.get(item.path);
    if (kind === undefined && known && this.state.records.has(known.record)) {
      return { kind: 'outcome', outcome: { path: item.path, outcome: 'unchanged', record: known.record } };
    }
    let read;
    try {
      read = await readInput(item.path, this.config.files.maxBytes);
    } catch (e) {
      const d = e instanceof InputError ? { error: e.message, code: e.code } : describeFsError(e);
      return { kind: 'outcome', outcome: { path: item.path, outcome: 'error', error: `${item.path}: ${d.error}`, code: d.code } };
    }
    this.stats.documents++;
    this.stats.bytes += read.size;
    let result: Analysed;
    try {
      result = await analyser.analyse(item.path, read.bytes);
    } catch (e) {
      const code = e instanceof DocumentError ? e.code : 'internal';
      const message = e instanceof DocumentError ? e.message : `${item.path}: internal error (${(e as Error).message})`;
      result = { ok: false, path: item.path, error: message, code };
    }
    const ready: Ready = { kind: 'analysed', path: item.path, change: kind ?? 'new', size: read.size, mtimeMs: read.mtimeMs, result };
    if (result.ok) {
      for (const [stage, ms] of Object.entries(result.times)) this.stats.stageMs[stage] = (this.stats.stageMs[stage] ?? 0) + ms;
      ready.sig = this.hasher.sign(result.record.text);
      ready.keys = translationKeys(result.record);
    }
    return ready;
  }

  /** The sequential half, in listing order: exact duplicate, near-duplicate or new record. */
  private async commit(d: Ready): Promise<InputOutcome> {
    const { path, result } = d;
    if (!result.ok) {
      this.log.warn({ path, code: result.code }, result.error);
      return { path, outcome: 'error', error: result.error, code: result.code };
    }
    const rec = result.record;
    const sig = d.sig!;
    const entry = (record: string, sim?: number): FileEntry => ({
      size: d.size,
      mtimeMs: d.mtimeMs,
      sha256: rec.sources[0]!.sha256,
      record,
      ...(sim === undefined ? {} : { similarity: sim }),
    });

    let target: { id: string; similarity: number } | null = null;
    if (this.state.records.has(rec.id)) target = { id: rec.id, similarity: 1 };
    else if (sig.shingles >= this.config.dedup.minShingles) {
      for (const n of this.lsh.candidates(sig.values)) {
        const id = this.idOf[n]!;
        const other = this.state.records.get(id);
        if (!other) continue;
        const sim = similarity(sig, other);
        if (!isNearDuplicate(sig, other, sim, this.config.dedup)) continue;
        let why = factsDisagree({ title: rec.title, published: rec.published, keys: d.keys ?? [] }, other, this.config.dedup);
        if (why?.kind === 'title' && (await this.titleFound(rec, id))) why = factsDisagree({ title: null, published: rec.published, keys: d.keys ?? [] }, other, this.config.dedup);
        if (why !== null) {
          this.log.debug({ path, record: id, similarity: sim.jaccard, why: why.message }, 'similar wording, different facts: not merged');
          continue;
        }
        if (!target || sim.jaccard > target.similarity || (sim.jaccard === target.similarity && id < target.id)) target = { id, similarity: sim.jaccard };
      }
    }

    if (target) {
      const similarity = Math.round(target.similarity * 1000) / 1000;
      const fe = entry(target.id, similarity);
      this.state.files.set(path, fe);
      this.addMember(target.id, path);
      const written = this.chain(target.id, () => this.rewriteRecord(target.id, (r) => r, rec));
      await this.journalAfter(written, () => this.journal.setFile(path, fe));
      const rep = this.state.records.get(target.id)!.rep;
      this.log.debug({ path, record: target.id, duplicateOf: rep, similarity }, 'duplicate');
      return { path, outcome: 'duplicate', record: target.id, duplicateOf: rep, similarity, change: d.change };
    }

    const re: RecordState = {
      rep: path,
      values: sig.values,
      shingles: sig.shingles,
      language: detach(rec.language),
      title: detach(rec.title),
      published: detach(rec.published),
      keys: (d.keys ?? []).map((k) => detach(k)),
      translations: [],
    };
    const fe = entry(rec.id);
    this.state.records.set(rec.id, re);
    this.state.files.set(path, fe);
    this.addMember(rec.id, path);
    this.index(rec.id, sig.values);
    const written = this.chain(rec.id, () => this.writeRecord({ ...rec, translations: [] }));
    await this.journalAfter(written, () => {
      this.journal.setRecord(rec.id, re);
      this.journal.setFile(path, fe);
    });
    this.log.debug({ path, record: rec.id }, 'record');
    return { path, outcome: 'record', record: rec.id, change: d.change };
  }

  /** Whether one title appears in the other's text: a wire copy titled "FOR IMMEDIATE RELEASE" still holds the headline. */
  private async titleFound(rec: DocumentRecord, id: string): Promise<boolean> {
    const rep = this.state.records.get(id)!;
    if (rep.title && titleInText(rep.title, rec.text)) return true;
    if (!rec.title) return false;
    try {
      await this.writes.get(id);
      const text = (JSON.parse(await readFile(this.recordPath(id), 'utf8')) as DocumentRecord).text;
      return titleInText(rec.title, text);
    } catch {
      return false;
    }
  }

  // ------------------------------------------------------------------ after the main pass

  private async linkTranslations(): Promise<void> {
    const links = linkTranslations(
      [...this.state.records].map(([id, r]) => ({ id, language: r.language, keys: r.keys })),
      this.config.translations,
    );
    for (const id of [...this.state.records.keys()].sort()) {
      const r = this.state.records.get(id)!;
      const want = links.get(id) ?? [];
      if (want.join() === r.translations.join()) continue;
      const updated = { ...r, translations: want };
      this.state.records.set(id, updated);
      await this.rewriteRecord(id, (x) => x);
      this.journal.setRecord(id, updated);
    }
  }

  /** Removes record files no record refers to, and temporary files of killed runs. */
  private async sweep(): Promise<void> {
    for (const name of await readdir(this.recordsDir)) {
      const stale = (RECORD_FILE.test(name) && !this.state.records.has(name.slice(0, 16))) || (name.startsWith('.') && name.endsWith('.tmp'));
      if (stale) await unlink(join(this.recordsDir, name)).catch(() => undefined);
    }
    for (const name of await readdir(this.out)) {
      if (name.startsWith('.') && name.endsWith('.tmp')) await unlink(join(this.out, name)).catch(() => undefined);
    }
  }
}

/**
 * A copy of a string that shares no memory with the text it was cut from. V8 keeps a whole
 * document alive behind a slice or concatenation of it; the state of a 100,000-document run must
 * hold only its own few bytes per document.
 */
function detach<T extends string | null>(s: T): T {
  return (s === null ? s : (JSON.parse(JSON.stringify(s)) as string)) as T;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

/** sha256 of a file, or null when it cannot be read (then it counts as changed and is read again). */
async function hashFile(path: string, maxBytes: number): Promise<string | null> {
  try {
    const { bytes } = await readInput(path, maxBytes);
    return createHash('sha256').update(bytes).digest('hex');
  } catch {
    return null;
  }
}

async function forEachLimited<T>(items: T[], limit: number, f: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const loop = async () => {
    while (next < items.length) await f(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, loop));
}
