/** Repeated runs over a growing folder: only new and changed files are read again. */
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ingest, LockError } from '../../src/index.js';
import { DEFAULT_RULES_DIR } from '../../src/rules/index.js';
import { readRecords, removeTempDirs, snapshot, tempDir } from './helpers.js';

afterAll(removeTempDirs);

const SEEDS = 'fixtures/seeds';
let inputs: string;
let out: string;

beforeEach(() => {
  inputs = tempDir('communique-inputs-');
  cpSync(SEEDS, inputs, { recursive: true });
  out = tempDir();
});

const run = (extra: Partial<Parameters<typeof ingest>[0]> = {}) => ingest({ inputs: [inputs], out, workers: 0, ...extra });
const file = (n: string) => join(inputs, `${n}`);
const SEED0 = '000_7130c381d7c615da.txt';
const SEED1 = '001_8805e3440ddb7710.txt';

describe('a second run over the same inputs', () => {
  it('reads nothing again, reports every input unchanged and leaves the output as it was', async () => {
    await run();
    const before = snapshot(out, (p) => p === 'report.json');
    const second = await run();
    expect(second.stats.documents).toBe(0);
    expect(second.report.summary).toMatchObject({ inputs: 5, new: 0, changed: 0, unchanged: 5, records: 5, errors: 0 });
    expect(second.report.inputs.every((i) => i.outcome === 'unchanged')).toBe(true);
    expect(snapshot(out, (p) => p === 'report.json')).toEqual(before);
  });

  it('does not read a file whose time changed but not its content', async () => {
    await run();
    const later = new Date(Date.now() + 60_000);
    utimesSync(file(SEED0), later, later);
    const second = await run();
    expect(second.stats.documents).toBe(0);
    expect(second.report.summary.unchanged).toBe(5);
  });

  it('reads only the file added since the last run', async () => {
    await run();
    writeFileSync(file('005_new.txt'), readFileSync('test/data/dedup/harbour-lidar-q-series.txt'));
    const second = await run();
    expect(second.stats.documents).toBe(1);
    expect(second.report.summary).toMatchObject({ new: 1, unchanged: 5, records: 6 });
    expect(second.report.inputs.find((i) => i.path === file('005_new.txt'))).toMatchObject({ outcome: 'record', change: 'new' });
  });
});

describe('a record file deleted by hand', () => {
  it('is made again by the next run, from its sources only', async () => {
    const first = await run();
    const victim = first.report.inputs.find((i) => i.path === file(SEED1)) as { record: string };
    rmSync(join(out, 'records', `${victim.record}.json`));
    const second = await run();
    expect(second.stats.documents).toBe(1);
    expect(existsSync(join(out, 'records', `${victim.record}.json`))).toBe(true);
    expect(second.report.summary).toMatchObject({ unchanged: 4, records: 5 });
  });
});

describe('a changed file', () => {
  it('replaces its old record with a new one and leaves the others alone', async () => {
    const first = await run();
    const oldId = first.report.inputs.find((i) => i.path === file(SEED1))!;
    if (oldId.outcome !== 'record') throw new Error('seed 001 should give a record');
    appendFileSync(file(SEED1), '\nContact presse : Pascale Bresson, pascale.bresson@cnes.fr\n');
    const second = await run();
    expect(second.stats.documents).toBe(1);
    expect(second.report.summary).toMatchObject({ changed: 1, unchanged: 4, records: 5 });
    const now = second.report.inputs.find((i) => i.path === file(SEED1))!;
    expect(now).toMatchObject({ outcome: 'record', change: 'changed' });
    if (now.outcome !== 'record') return;
    expect(now.record).not.toBe(oldId.record);
    expect(existsSync(join(out, 'records', `${oldId.record}.json`))).toBe(false);
    const rec = readRecords(out).find((r) => r.id === now.record)!;
    expect(rec.text).toContain('Pascale Bresson');
  });

  it('regroups the other sources of its record', async () => {
    cpSync(file(SEED0), file('000_copy.txt'));
    const first = await run();
    expect(first.report.summary).toMatchObject({ duplicates: 1, records: 5 });
    writeFileSync(file(SEED0), readFileSync('test/data/dedup/harbour-lidar.txt'));
    const second = await run();
    expect(second.report.inputs.find((i) => i.path === file('000_copy.txt'))).toMatchObject({ outcome: 'record', change: 'regrouped' });
    expect(second.report.inputs.find((i) => i.path === file(SEED0))).toMatchObject({ outcome: 'record', change: 'changed' });
    expect(second.report.summary).toMatchObject({ records: 6, duplicates: 0 });
    const copy = readRecords(out).find((r) => r.sources.some((s) => s.path === file('000_copy.txt')))!;
    expect(copy.sources.map((s) => s.path)).toEqual([file('000_copy.txt')]);
  });
});

describe('sources that are gone', () => {
  it('are reported missing and keep their record until --prune removes it', async () => {
    const first = await run();
    const gone = first.report.inputs.find((i) => i.path === file(SEED1))!;
    rmSync(file(SEED1));
    const second = await run();
    expect(second.report.missing).toEqual([file(SEED1)]);
    expect(second.report.summary).toMatchObject({ inputs: 4, missing: 1, records: 5 });
    const third = await run({ prune: true });
    expect(third.report.summary).toMatchObject({ records: 4, pruned: 1, missing: 0 });
    expect(third.report.pruned).toEqual([(gone as { record: string }).record]);
    expect(readRecords(out)).toHaveLength(4);
    expect(readRecords(out).some((r) => r.sources.some((s) => s.path === file(SEED1)))).toBe(false);
  });

  it('keep a record whose other sources remain, without the gone source', async () => {
    cpSync(file(SEED0), file('zz-copy.txt'));
    await run();
    rmSync(file(SEED0));
    const second = await run({ prune: true });
    expect(second.report.summary).toMatchObject({ pruned: 0, records: 5 });
    const rec = readRecords(out).find((r) => r.sources.some((s) => s.path === file('zz-copy.txt')))!;
    expect(rec.sources.map((s) => s.path)).toEqual([file('zz-copy.txt')]);
  });
});

describe('a change to the rules', () => {
  it('makes the next run process every input again, ending with the records a first run gives', async () => {
    const rules = tempDir('communique-rules-');
    cpSync(DEFAULT_RULES_DIR, rules, { recursive: true });
    await run({ rulesDir: rules });
    const before = snapshot(join(out, 'records'));
    // The rules are loaded once per process and folder: the edited rules are a second folder here.
    const edited = tempDir('communique-rules-');
    cpSync(rules, edited, { recursive: true });
    appendFileSync(join(edited, 'batch.yaml'), '\n# a comment is a change too\n');
    const second = await run({ rulesDir: edited });
    expect(second.stats.documents).toBe(5);
    expect(second.report.notes.join(' ')).toMatch(/rules changed/);
    expect(second.report.summary).toMatchObject({ unchanged: 0, records: 5 });
    expect(snapshot(join(out, 'records'))).toEqual(before);
  });
});

describe('the lock of the output folder', () => {
  it('refuses a second run while another live process holds it, naming that process', async () => {
    await run();
    writeFileSync(join(out, '.lock'), JSON.stringify({ pid: process.ppid }));
    await expect(run()).rejects.toThrow(LockError);
    await expect(run()).rejects.toThrow(new RegExp(`pid ${process.ppid}`));
    expect(existsSync(join(out, '.lock'))).toBe(true);
  });

  it('refuses a second run of the same program on the same folder at the same time', async () => {
    const results = await Promise.allSettled([run(), run()]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(LockError);
  });

  it('takes over a lock left by a process that died', async () => {
    const child = spawn(process.execPath, ['-e', '0']);
    const pid = child.pid!;
    await new Promise((resolve) => child.on('exit', resolve));
    writeFileSync(join(out, '.lock'), JSON.stringify({ pid }));
    const result = await run();
    expect(result.report.summary.records).toBe(5);
    expect(existsSync(join(out, '.lock'))).toBe(false);
  });

  it('takes over an empty lock file (its writer died before writing)', async () => {
    writeFileSync(join(out, '.lock'), '');
    await expect(run()).resolves.toBeDefined();
  });
});
