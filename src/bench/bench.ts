/**
 * The benchmark (issue 9): `npm run bench -- [--docs N] [--growth] [--json FILE]`.
 *
 * 1. Builds a deterministic corpus (src/bench/corpus.ts) in a temporary folder.
 * 2. Times `communique --help` (start-up).
 * 3. Runs `communique ingest <corpus> --out <tmp>` in a child process, as a user would, and
 *    reports documents/s, MB/s, peak RSS (the child's own resource use, worker threads included)
 *    and CPU use (how many cores were kept busy).
 * 4. Times every stage in-process on a sample of the same documents.
 * 5. Scaling: the same stage work on one thread, then on two threads at once: how much a second
 *    core adds on this machine (two vCPUs sharing one physical core add little), which bounds
 *    what the end-to-end run can reach.
 * 6. Baseline on the same documents: compromise alone, `nlp(text).people()` and
 *    `.organizations()`, on one core; prints its rate and the ratio.
 * With --growth: 1,000, 10,000 and 100,000 documents, time and peak RSS of each.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { analyseBytes } from '../batch/analyser.js';
import { loadRules } from '../rules/index.js';
import { toDocument } from '../stages/read/read.js';
import { generateCorpus, type Corpus, type CorpusDocument } from './corpus.js';
import type { MeasuredRun } from './measure.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = join(HERE, '..', '..');
const BIN = join(REPO, 'bin', 'communique.js');
const MEASURE = join(HERE, 'measure.js');

export const TARGETS = { docsPerSecond: 1500, baselineRatio: 20, peakRssMB: 300, helpMs: 300 };

export interface IngestRun {
  docs: number;
  bytes: number;
  seconds: number;
  docsPerSecond: number;
  mbPerSecond: number;
  peakRssMB: number;
  /** CPU time over wall time: 2 means both cores were busy all along. */
  coresUsed: number;
  records: number;
  duplicates: number;
  errors: number;
  exitCode: number;
}

export interface StageRun {
  docs: number;
  /** Milliseconds per document, per stage. */
  msPerDoc: Record<string, number>;
  /** Milliseconds per KB of text, all stages. */
  msPerKB: number;
}

export interface ScalingRun {
  docs: number;
  /** Stage work only (no I/O, no dedup), documents per second. */
  oneThread: number;
  twoThreads: number;
  /** twoThreads / oneThread: 2 when the second core is a full core. */
  speedup: number;
}

export interface BaselineRun {
  docs: number;
  docsPerSecond: number;
}

export interface BenchResult {
  corpus: { docs: number; english: number; french: number; html: number; megabytes: number };
  helpMs: number;
  ingest: IngestRun;
  stages: StageRun;
  scaling: ScalingRun | null;
  baseline: BaselineRun | null;
  /** End-to-end rate over compromise's rate on the same documents. */
  ratio: number | null;
  growth?: IngestRun[];
}

const MB = 1024 * 1024;

/** Median wall time of `communique --help`, in milliseconds. */
export function measureHelp(runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [BIN, '--help'], { stdio: 'ignore' });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`communique --help exited with ${r.status}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Runs the ingest command on `corpus` in a child process and measures it. */
export function runIngest(corpus: Corpus, workDir: string, extraArgs: string[] = []): IngestRun {
  const out = mkdtempSync(join(workDir, 'out-'));
  const stats = join(workDir, `stats-${Date.now()}.json`);
  const t0 = performance.now();
  const child = spawnSync(process.execPath, [MEASURE, stats, 'ingest', corpus.dir, '--out', out, ...extraArgs], {
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 256 * MB,
  });
  const seconds = (performance.now() - t0) / 1000;
  if (!existsSync(stats)) throw new Error(`ingest did not finish (exit ${child.status}, signal ${child.signal}): ${child.stderr?.toString().slice(0, 2000)}`);
  const measured = JSON.parse(readFileSync(stats, 'utf8')) as MeasuredRun;
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { summary: { records: number; duplicates: number; errors: number } };
  const written = readdirSync(join(out, 'records')).filter((n) => n.endsWith('.json')).length;
  if (written !== report.summary.records) throw new Error(`report.json counts ${report.summary.records} records but ${written} were written`);
  rmSync(out, { recursive: true, force: true });
  rmSync(stats, { force: true });
  const docs = corpus.documents.length;
  return {
    docs,
    bytes: corpus.bytes,
    seconds,
    docsPerSecond: docs / seconds,
    mbPerSecond: corpus.bytes / MB / seconds,
    peakRssMB: measured.maxRssKB / 1024,
    coresUsed: (measured.userMs + measured.systemMs) / 1000 / seconds,
    records: report.summary.records,
    duplicates: report.summary.duplicates,
    errors: report.summary.errors,
    exitCode: measured.code,
  };
}

/** An evenly spread sample of the corpus (deterministic). */
export function sample(docs: CorpusDocument[], n: number): CorpusDocument[] {
  if (n >= docs.length) return docs;
  const step = docs.length / n;
  return Array.from({ length: n }, (_, i) => docs[Math.floor(i * step)]!);
}

/** Time per stage, in-process on one core, over a sample of documents. */
export function measureStages(docs: CorpusDocument[]): StageRun {
  const totals: Record<string, number> = {};
  let kb = 0;
  for (const d of docs) {
    const bytes = readFileSync(d.path);
    kb += bytes.length / 1024;
    const r = analyseBytes(d.path, bytes);
    if (!r.ok) continue;
    for (const [stage, ms] of Object.entries(r.times)) totals[stage] = (totals[stage] ?? 0) + ms;
  }
  const msPerDoc: Record<string, number> = {};
  for (const [stage, ms] of Object.entries(totals)) msPerDoc[stage] = ms / docs.length;
  const all = Object.values(totals).reduce((a, b) => a + b, 0);
  return { docs: docs.length, msPerDoc, msPerKB: all / kb };
}

/** Runs the stages over `docs` in `threads` worker threads at once; documents per second overall. */
async function threadsRate(docs: CorpusDocument[], threads: number, rulesDir?: string): Promise<number> {
  const script = new URL('./scaling-worker.js', import.meta.url);
  const workers = Array.from({ length: threads }, () => new Worker(script, { workerData: { paths: docs.map((d) => d.path), rulesDir } }));
  try {
    const next = (w: Worker) =>
      new Promise<{ ms?: number; error?: string }>((resolve, reject) => {
        w.once('message', resolve);
        w.once('error', reject);
      });
    for (const m of await Promise.all(workers.map(next))) if (m.error) throw new Error(`scaling: a document failed, so its time would mean nothing: ${m.error}`);
    const done = workers.map(next);
    const t0 = performance.now();
    for (const w of workers) w.postMessage('go');
    await Promise.all(done);
    return (threads * docs.length) / ((performance.now() - t0) / 1000);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** The stage work on one thread, then on two at once, on the same documents. */
export async function measureScaling(docs: CorpusDocument[], rulesDir?: string): Promise<ScalingRun> {
  const oneThread = await threadsRate(docs, 1, rulesDir);
  const twoThreads = await threadsRate(docs, 2, rulesDir);
  return { docs: docs.length, oneThread, twoThreads, speedup: twoThreads / oneThread };
}

/** compromise alone (people and organisations) on the documents' text, on one core. */
export async function measureBaseline(docs: CorpusDocument[]): Promise<BaselineRun> {
  const { default: nlp } = await import('compromise');
  const rules = loadRules();
  const texts = docs.map((d) => toDocument(d.path, readFileSync(d.path), rules).text);
  nlp('Warm-up: Jean Dupont joined Airbus in Toulouse.').people().out('array');
  const t0 = performance.now();
  for (const text of texts) {
    const doc = nlp(text);
    doc.people().out('array');
    doc.organizations().out('array');
  }
  return { docs: docs.length, docsPerSecond: docs.length / ((performance.now() - t0) / 1000) };
}

function describeCorpus(corpus: Corpus): BenchResult['corpus'] {
  const d = corpus.documents;
  return {
    docs: d.length,
    english: d.filter((x) => x.language === 'en').length,
    french: d.filter((x) => x.language === 'fr').length,
    html: d.filter((x) => x.format === 'html').length,
    megabytes: corpus.bytes / MB,
  };
}

export interface BenchOptions {
  docs: number;
  growth: boolean;
  baselineDocs: number;
  stageDocs: number;
  /** Documents for the one-thread / two-thread measurement (0 skips it). */
  scalingDocs: number;
  seed: number;
  /** Where the English wire releases and the French fixtures are (defaults: beside the repository). */
  wireDir?: string;
  seedsDir?: string;
  /** Extra arguments given to `communique ingest`. */
  ingestArgs?: string[];
  log?: (line: string) => void;
}

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const log = options.log ?? (() => undefined);
  const sources = { seed: options.seed, wireDir: options.wireDir, seedsDir: options.seedsDir };
  const work = mkdtempSync(join(tmpdir(), 'communique-bench-'));
  try {
    log(`building a corpus of ${options.docs.toLocaleString('en')} documents in ${work}`);
    const corpus = generateCorpus({ docs: options.docs, outDir: join(work, 'corpus'), ...sources });
    const helpMs = measureHelp();
    log('running communique ingest');
    const ingest = runIngest(corpus, work, options.ingestArgs);
    log('timing the stages');
    const stages = measureStages(sample(corpus.documents, options.stageDocs));
    let scaling: ScalingRun | null = null;
    if (options.scalingDocs > 0) {
      log('measuring what a second thread adds');
      scaling = await measureScaling(sample(corpus.documents, options.scalingDocs));
    }
    let baseline: BaselineRun | null = null;
    if (options.baselineDocs > 0) {
      log('running the compromise baseline');
      baseline = await measureBaseline(sample(corpus.documents, options.baselineDocs));
    }
    const result: BenchResult = {
      corpus: describeCorpus(corpus),
      helpMs,
      ingest,
      stages,
      scaling,
      baseline,
      ratio: baseline ? ingest.docsPerSecond / baseline.docsPerSecond : null,
    };
    rmSync(corpus.dir, { recursive: true, force: true });
    if (options.growth) {
      result.growth = [];
      for (const n of [1_000, 10_000, 100_000]) {
        log(`growth: ${n.toLocaleString('en')} documents`);
        const c = generateCorpus({ docs: n, outDir: join(work, `growth-${n}`), ...sources });
        result.growth.push(runIngest(c, work, options.ingestArgs));
        rmSync(c.dir, { recursive: true, force: true });
      }
    }
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const f0 = (n: number) => Math.round(n).toLocaleString('en');
const f1 = (n: number) => n.toLocaleString('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const f3 = (n: number) => n.toLocaleString('en', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
const mark = (ok: boolean) => (ok ? 'met' : 'NOT MET');

/** The benchmark's figures, as a person reads them. */
export function formatResult(r: BenchResult): string {
  const c = r.corpus;
  const i = r.ingest;
  const lines = [
    `communique benchmark: ${f0(c.docs)} documents (${f0(c.english)} English wire, ${f0(c.french)} French variations, ${f0(c.html)} HTML), ${f1(c.megabytes)} MB, ${availableParallelism()} CPUs`,
    '',
    `end to end (communique ingest, child process)`,
    `  ${f1(i.seconds)} s   ${f0(i.docsPerSecond)} docs/s   ${f1(i.mbPerSecond)} MB/s   peak RSS ${f0(i.peakRssMB)} MB   cores busy ${f1(i.coresUsed)}`,
    `  ${f0(i.records)} records, ${f0(i.duplicates)} duplicates, ${f0(i.errors)} errors (exit code ${i.exitCode})`,
    `start-up (communique --help, median of 5): ${f0(r.helpMs)} ms`,
    '',
    `time per stage (in-process, one core, ${f0(r.stages.docs)} documents): ${f3(r.stages.msPerKB)} ms per KB`,
  ];
  const total = Object.values(r.stages.msPerDoc).reduce((a, b) => a + b, 0);
  for (const [stage, ms] of Object.entries(r.stages.msPerDoc).sort((a, b) => b[1] - a[1])) {
    lines.push(`  ${stage.padEnd(16)} ${f3(ms).padStart(8)} ms/doc  ${f0((100 * ms) / total).padStart(3)} %`);
  }
  lines.push(`  ${'all'.padEnd(16)} ${f3(total).padStart(8)} ms/doc  (${f0(1000 / total)} docs/s on one core)`);
  if (r.scaling) {
    const sc = r.scaling;
    lines.push('', `stages alone on ${f0(sc.docs)} documents: one thread ${f0(sc.oneThread)} docs/s, two threads at once ${f0(sc.twoThreads)} docs/s (a second core adds ${f0(100 * (sc.speedup - 1))} %)`);
  }
  if (r.baseline) {
    lines.push('', `baseline: compromise people() + organizations(), one core, ${f0(r.baseline.docs)} documents: ${f1(r.baseline.docsPerSecond)} docs/s`);
    lines.push(`ratio (end to end / baseline): ${f1(r.ratio!)}x`);
  }
  if (r.growth) {
    lines.push('', 'growth');
    for (const g of r.growth) {
      lines.push(`  ${f0(g.docs).padStart(7)} docs   ${f1(g.seconds).padStart(6)} s   ${f3((1000 * g.seconds) / g.docs)} ms/doc   peak RSS ${f0(g.peakRssMB)} MB   errors ${f0(g.errors)}`);
    }
  }
  lines.push('', 'targets');
  lines.push(`  >= ${f0(TARGETS.docsPerSecond)} docs/s end to end: ${mark(i.docsPerSecond >= TARGETS.docsPerSecond)} (${f0(i.docsPerSecond)})`);
  if (r.ratio !== null) lines.push(`  >= ${TARGETS.baselineRatio}x compromise: ${mark(r.ratio >= TARGETS.baselineRatio)} (${f1(r.ratio)}x)`);
  const biggest = r.growth?.at(-1) ?? i;
  lines.push(`  peak RSS <= ${TARGETS.peakRssMB} MB at ${f0(biggest.docs)} docs: ${mark(biggest.peakRssMB <= TARGETS.peakRssMB)} (${f0(biggest.peakRssMB)} MB)`);
  lines.push(`  --help < ${TARGETS.helpMs} ms: ${mark(r.helpMs < TARGETS.helpMs)} (${f0(r.helpMs)} ms)`);
  return lines.join('\n');
}

const USAGE = `Usage: npm run bench -- [options]

  --docs N          documents in the corpus (default 10000)
  --growth          also run 1,000, 10,000 and 100,000 documents (time and peak RSS of each)
  --baseline N      documents for the compromise baseline (default 300; 0 to skip)
  --stage-sample N  documents timed stage by stage (default 1000)
  --scaling N       documents run on one thread then two at once (default 500; 0 to skip)
  --seed N          corpus seed (default 1)
  --json FILE       also write the figures as JSON
  --                arguments after -- go to communique ingest`;

async function cli(argv: string[]): Promise<number> {
  const dash = argv.indexOf('--');
  const { values } = parseArgs({
    args: dash >= 0 ? argv.slice(0, dash) : argv,
    strict: true,
    options: {
      docs: { type: 'string', default: '10000' },
      growth: { type: 'boolean', default: false },
      baseline: { type: 'string', default: '300' },
      'stage-sample': { type: 'string', default: '1000' },
      scaling: { type: 'string', default: '500' },
      seed: { type: 'string', default: '1' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const int = (name: string, v: string, min: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number >= ${min} (got "${v}")`);
    return n;
  };
  const result = await runBench({
    docs: int('docs', values.docs, 1),
    growth: values.growth,
    baselineDocs: int('baseline', values.baseline, 0),
    stageDocs: int('stage-sample', values['stage-sample'], 1),
    scalingDocs: int('scaling', values.scaling, 0),
    seed: int('seed', values.seed, 0),
    ingestArgs: dash >= 0 ? argv.slice(dash + 1) : [],
    log: (line) => process.stderr.write(`bench: ${line}\n`),
  });
  process.stdout.write(formatResult(result) + '\n');
  if (values.json) {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(values.json, JSON.stringify(result, null, 2) + '\n');
  }
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  cli(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: Error) => {
      process.stderr.write(`bench: ${e.message}\n`);
      process.exitCode = 1;
    },
  );
}
