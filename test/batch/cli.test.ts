/** `communique ingest` and `communique export` as a person uses them: summary, exit codes, JSON Lines. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { formatProgress, progressBar } from '../../src/batch/progress.js';
import { readRecords, removeTempDirs, tempDir } from './helpers.js';

afterEach(() => vi.restoreAllMocks());
afterAll(removeTempDirs);

function capture() {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array, ...rest: unknown[]) => {
    out += String(s);
    const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    cb?.();
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  return { out: () => out, err: () => err };
}

describe('communique ingest', () => {
  it('ends with a one-line summary and exits 0 when every input gave a record', async () => {
    const out = tempDir();
    const io = capture();
    expect(await main(['ingest', 'fixtures/seeds', '--out', out, '--workers', '0'])).toBe(0);
    expect(io.err()).toMatch(/^communique: 5 inputs: 5 new, 0 changed, 0 unchanged, 0 duplicates, 0 errors; 5 records; [\d.]+ s\n$/m);
    // Not a terminal: no progress bar.
    expect(io.err()).not.toContain('\r');
    vi.restoreAllMocks();
    const again = capture();
    expect(await main(['ingest', 'fixtures/seeds', '--out', out, '--workers', '0'])).toBe(0);
    expect(again.err()).toMatch(/5 inputs: 0 new, 0 changed, 5 unchanged/);
  });

  it('exits 1 when some inputs failed, naming each of them, the others processed', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.json'), '{}');
    const out = tempDir();
    const io = capture();
    expect(await main(['ingest', 'fixtures/seeds/000_7130c381d7c615da.txt', join(dir, 'notes.json'), '--out', out, '--workers', '0'])).toBe(1);
    expect(io.err()).toContain(`error: ${join(dir, 'notes.json')}: not a supported file type`);
    expect(readRecords(out)).toHaveLength(1);
  });

  it('exits 2 with a clear message when the output folder cannot be written', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'taken'), 'x');
    const io = capture();
    expect(await main(['ingest', 'fixtures/seeds', '--out', join(dir, 'taken'), '--workers', '0'])).toBe(2);
    expect(io.err()).toMatch(/cannot write to the output folder/);
  });

  it('exits 2 when another run holds the output folder', async () => {
    const out = tempDir();
    writeFileSync(join(out, '.lock'), JSON.stringify({ pid: process.ppid }));
    const io = capture();
    expect(await main(['ingest', 'fixtures/seeds', '--out', out, '--workers', '0'])).toBe(2);
    expect(io.err()).toMatch(/another communique run \(pid \d+\) is writing to/);
  });

  it('exits 2 on a bad --workers or an empty --include', async () => {
    capture();
    expect(await main(['ingest', 'fixtures/seeds', '--out', tempDir(), '--workers', 'many'])).toBe(2);
    expect(await main(['ingest', 'fixtures/seeds', '--out', tempDir(), '--include', ' , '])).toBe(2);
  });

  it('reads only the files matching --include', async () => {
    const out = tempDir();
    capture();
    expect(await main(['ingest', 'test/data/dedup', '--out', out, '--workers', '0', '--include', '*.html'])).toBe(0);
    expect(readRecords(out).flatMap((r) => r.sources.map((s) => s.path))).toEqual([join('test/data/dedup', 'harbour-lidar.html')]);
  });
});

describe('communique export --jsonl', () => {
  it('prints every record as one JSON line, ordered by id', async () => {
    const out = tempDir();
    capture();
    await main(['ingest', 'fixtures/seeds', '--out', out, '--workers', '0']);
    vi.restoreAllMocks();
    const io = capture();
    expect(await main(['export', '--jsonl', '--out', out])).toBe(0);
    const lines = io.out().trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    const ids = lines.map((l) => (JSON.parse(l) as { id: string }).id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toEqual(readRecords(out).map((r) => r.id));
  });

  it('exits 2 without --jsonl and 1 when the folder holds no records', async () => {
    const io = capture();
    expect(await main(['export', '--out', tempDir()])).toBe(2);
    expect(await main(['export', '--jsonl', '--out', join(tempDir(), 'nothing')])).toBe(1);
    expect(io.err()).toMatch(/no records in/);
  });
});

describe('the progress bar', () => {
  it('shows done/total, the share done, documents per second and the time left', () => {
    expect(formatProgress({ done: 50, total: 200, elapsedMs: 2000 }, 80)).toMatch(/^\[#+\.+\] 50\/200 25% 25 docs\/s 6s left$/);
    expect(formatProgress({ done: 0, total: 10, elapsedMs: 0 })).toContain('? left');
  });

  it('redraws one line in place and clears it at the end', () => {
    let written = '';
    const stream = { columns: 60, write: (s: string) => ((written += s), true) } as unknown as NodeJS.WriteStream;
    const bar = progressBar(stream, 0);
    bar.update({ done: 1, total: 2, elapsedMs: 10 });
    bar.update({ done: 2, total: 2, elapsedMs: 20 });
    bar.done();
    expect(written.split('\r').filter(Boolean)).toHaveLength(3);
    expect(written.endsWith('\r\x1b[K')).toBe(true);
    expect(written).not.toContain('\n');
  });
});
