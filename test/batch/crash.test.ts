/**
 * A run killed at any moment (SIGKILL) leaves no partial record, and the next run ends with
 * exactly the output of a run that was never interrupted. The real command is spawned on a few
 * hundred documents, killed twice mid-run, and run again.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from './build.js';
import { removeTempDirs, snapshot, tempDir } from './helpers.js';

const WIRE = '../shared/corpus/wire-en';
let cli: string;
let inputs: string;
let total = 0;

beforeAll(() => {
  cli = buildCli();
  inputs = tempDir('communique-crash-inputs-');
  // A few hundred documents: real wire releases, exact copies, and copies wrapped differently.
  const source = existsSync(WIRE) ? readdirSync(WIRE).sort().slice(0, 300).map((n) => readFileSync(join(WIRE, n), 'utf8')) : [];
  const seeds = readdirSync('fixtures/seeds').map((n) => readFileSync(join('fixtures/seeds', n), 'utf8'));
  const texts = source.length ? source : Array.from({ length: 300 }, (_, i) => seeds[i % seeds.length]!.replace(/2019/g, String(1900 + i)));
  mkdirSync(join(inputs, 'wire'));
  mkdirSync(join(inputs, 'copies'));
  texts.forEach((t, i) => writeFileSync(join(inputs, 'wire', `${String(i).padStart(4, '0')}.md`), t));
  for (let i = 0; i < texts.length; i += 7) writeFileSync(join(inputs, 'copies', `copy-${i}.txt`), texts[i]!);
  for (let i = 3; i < texts.length; i += 11) writeFileSync(join(inputs, 'copies', `wrapped-${i}.txt`), texts[i]!.replace(/\. /g, '.\n'));
  total = readdirSync(join(inputs, 'wire')).length + readdirSync(join(inputs, 'copies')).length;
}, 120_000);

afterAll(removeTempDirs);

function runToEnd(out: string): number {
  const r = spawnSync(process.execPath, [cli, 'ingest', inputs, '--out', out], { encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`ingest exited ${r.status}: ${r.stderr}`);
  return r.status;
}

/** Starts a run and SIGKILLs it once `atLeast` records are on disk; resolves how many there were. */
function runAndKill(out: string, atLeast: number): Promise<{ killed: boolean; records: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'ingest', inputs, '--out', out], { stdio: 'ignore' });
    let records = 0;
    const timer = setInterval(() => {
      try {
        records = readdirSync(join(out, 'records')).filter((n) => n.endsWith('.json')).length;
      } catch {
        return;
      }
      if (records >= atLeast) {
        clearInterval(timer);
        child.kill('SIGKILL');
      }
    }, 5);
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearInterval(timer);
      resolve({ killed: signal === 'SIGKILL', records });
    });
  });
}

const notReport = (p: string) => p === 'report.json';

describe('a run killed with SIGKILL', () => {
  it('is completed by the next run, which ends with the output of an uninterrupted run, byte for byte', async () => {
    const clean = tempDir();
    runToEnd(clean);
    const expected = snapshot(clean, notReport);
    expect([...expected.keys()].filter((k) => k.startsWith('records/')).length).toBeGreaterThan(total / 2);

    const out = tempDir();
    const first = await runAndKill(out, 60);
    expect(first.killed).toBe(true);
    // Killed mid-run: every record on disk is complete JSON, nothing half written.
    for (const name of readdirSync(join(out, 'records')).filter((n) => n.endsWith('.json'))) {
      expect(() => JSON.parse(readFileSync(join(out, 'records', name), 'utf8'))).not.toThrow();
    }
    const second = await runAndKill(out, 180);
    expect(second.killed).toBe(true);
    runToEnd(out);

    expect(snapshot(out, notReport)).toEqual(expected);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { summary: { unchanged: number; inputs: number }; notes: string[] };
    expect(report.summary.inputs).toBe(total);
    expect(report.summary.unchanged).toBeGreaterThan(0);
    expect(report.notes.join(' ')).toMatch(/interrupted/);
  });

  it('then a power cut that empties records the journal names: the next run reads their sources again', async () => {
    const clean = tempDir();
    runToEnd(clean);
    const expected = snapshot(clean, notReport);

    const out = tempDir();
    const killed = await runAndKill(out, 60);
    expect(killed.killed).toBe(true);
    // Records are not flushed one by one: after a power cut a file the journal names may be empty.
    const journal = readFileSync(join(out, 'manifest.journal'), 'utf8');
    const named = [...journal.matchAll(/"r":"([0-9a-f]+)"/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(0);
    const victims = named.slice(0, 3);
    for (const id of victims) truncateSync(join(out, 'records', `${id}.json`), 0);

    runToEnd(out);
    expect(snapshot(out, notReport)).toEqual(expected);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { notes: string[] };
    expect(report.notes.join(' ')).toMatch(/did not reach the disk intact/);
  });

  it('leaves a lock that the next run takes over', async () => {
    const out = tempDir();
    const killed = await runAndKill(out, 20);
    expect(killed.killed).toBe(true);
    expect(existsSync(join(out, '.lock'))).toBe(true);
    expect(runToEnd(out)).toBeLessThan(2);
    expect(existsSync(join(out, '.lock'))).toBe(false);
  });
});
