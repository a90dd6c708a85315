/**
 * Hostile inputs on the batch side: links that loop, FIFOs, unreadable and vanishing files, odd
 * names, files that are not releases, and an output folder that cannot be written. None may
 * hang the run, stop it, or make it write outside --out.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingest, OutputError, type IngestResult } from '../../src/ingest.js';
import { listInputs, readInput, DEFAULT_INCLUDE, InputError } from '../../src/batch/list.js';
import { readRecords, removeTempDirs, snapshot, tempDir } from './helpers.js';

afterAll(removeTempDirs);

const RELEASE = readFileSync('fixtures/seeds/000_7130c381d7c615da.txt');
const OTHER = readFileSync('fixtures/seeds/002_b96273b11e37592f.txt');
const THIRD = readFileSync('test/data/dedup/harbour-lidar.txt');

function outcomeOf(result: IngestResult, path: string) {
  return result.report.inputs.find((i) => i.path === path);
}

describe('a folder full of traps', () => {
  const root = tempDir('communique-hostile-');
  const inputs = join(root, 'inputs');
  const out = join(root, 'out');
  mkdirSync(join(inputs, 'a'), { recursive: true });
  mkdirSync(join(inputs, 'b'), { recursive: true });
  mkdirSync(join(inputs, 'sub'), { recursive: true });
  writeFileSync(join(inputs, 'a', 'release.txt'), RELEASE);
  writeFileSync(join(inputs, 'b', 'release.txt'), OTHER);
  writeFileSync(join(inputs, 'nom avec espaces; et point-virgule — été.txt'), THIRD);
  writeFileSync(join(inputs, '.hidden-draft.txt'), 'A draft nobody should read.');
  writeFileSync(join(inputs, 'data.json'), '{"not": "a release"}');
  writeFileSync(join(inputs, '..;rm -rf ~;.txt'), RELEASE);
  symlinkSync('..', join(inputs, 'sub', 'up'));
  symlinkSync('loop-b.txt', join(inputs, 'loop-a.txt'));
  symlinkSync('loop-a.txt', join(inputs, 'loop-b.txt'));
  symlinkSync('nowhere.txt', join(inputs, 'dangling.txt'));
  execFileSync('mkfifo', [join(inputs, 'pipe.txt')]);
  const unreadable = join(inputs, 'unreadable.txt');
  writeFileSync(unreadable, OTHER);
  chmodSync(unreadable, 0o000);
  let result: IngestResult;
  let before: Map<string, string>;

  it('finishes, without blocking on the FIFO or walking round the links', async () => {
    before = snapshot(inputs, (p) => p.endsWith('pipe.txt') || p.endsWith('unreadable.txt') || p.startsWith('sub/up') || p.includes('loop') || p.includes('dangling'));
    result = await ingest({ inputs: [inputs], out, workers: 0 });
    expect(result.report.inputs.length).toBeLessThan(20);
  });

  it('reads two files of the same name in different folders as two releases', () => {
    expect(outcomeOf(result, join(inputs, 'a', 'release.txt'))).toMatchObject({ outcome: 'record' });
    expect(outcomeOf(result, join(inputs, 'b', 'release.txt'))).toMatchObject({ outcome: 'record' });
    const ids = new Set(readRecords(out).map((r) => r.id));
    expect(ids.size).toBe(readRecords(out).length);
  });

  it('reads names with spaces, semicolons, dots and accents like any other', () => {
    expect(outcomeOf(result, join(inputs, 'nom avec espaces; et point-virgule — été.txt'))?.outcome).toBe('record');
    expect(outcomeOf(result, join(inputs, '..;rm -rf ~;.txt'))).toBeUndefined(); // leading dot: hidden
  });

  it('skips hidden files and files that are not releases, saying so', () => {
    const skipped = new Map(result.report.skipped.map((s) => [s.path, s.reason]));
    expect(skipped.get(join(inputs, '.hidden-draft.txt'))).toMatch(/hidden/);
    expect(skipped.get(join(inputs, 'data.json'))).toMatch(/include/);
    expect(skipped.get(join(inputs, 'sub', 'up'))).toMatch(/already walked/);
  });

  it('reports the FIFO, the link loop and the dangling link as errors a person understands', () => {
    expect(outcomeOf(result, join(inputs, 'pipe.txt'))).toMatchObject({ outcome: 'error', code: 'not-a-file', error: expect.stringMatching(/FIFO/) });
    expect(outcomeOf(result, join(inputs, 'loop-a.txt'))).toMatchObject({ outcome: 'error', code: 'link-loop', error: expect.stringMatching(/loop of symbolic links/) });
    expect(outcomeOf(result, join(inputs, 'dangling.txt'))).toMatchObject({ outcome: 'error', code: 'missing' });
  });

  it('reads a file without read permission only where the system allows it (root reads everything)', () => {
    const o = outcomeOf(result, unreadable);
    if (process.getuid?.() === 0) expect(o?.outcome).toMatch(/record|duplicate/);
    else expect(o).toMatchObject({ outcome: 'error', code: 'unreadable', error: expect.stringMatching(/permission denied/) });
  });

  it('writes nothing outside the output folder and no file named after an input', () => {
    const after = snapshot(inputs, (p) => p.endsWith('pipe.txt') || p.endsWith('unreadable.txt') || p.startsWith('sub/up') || p.includes('loop') || p.includes('dangling'));
    expect(after).toEqual(before);
    const written = [...snapshot(out).keys()];
    expect(written.every((p) => /^(records\/[0-9a-f]{16}\.json|manifest\.jsonl|report\.json)$/.test(p))).toBe(true);
  });

  it('exits with errors counted, the good files all having records', () => {
    const s = result.report.summary;
    expect(s.errors).toBe(result.report.inputs.filter((i) => i.outcome === 'error').length);
    expect(s.errors).toBeGreaterThanOrEqual(4);
    expect(readRecords(out).length).toBe(s.records);
  });
});

describe('the include patterns', () => {
  it('read only the files whose names match', async () => {
    const inputs = tempDir();
    writeFileSync(join(inputs, 'one.TXT'), RELEASE);
    writeFileSync(join(inputs, 'two.html'), `<html><body><p>${OTHER.toString()}</p></body></html>`);
    const { report } = await ingest({ inputs: [inputs], out: tempDir(), workers: 0, include: ['*.html'] });
    expect(report.inputs.map((i) => i.path)).toEqual([join(inputs, 'two.html')]);
    expect(report.skipped.map((s) => s.path)).toEqual([join(inputs, 'one.TXT')]);
  });

  it('match case-insensitively by default', async () => {
    const inputs = tempDir();
    writeFileSync(join(inputs, 'ONE.TXT'), RELEASE);
    const { inputs: listed } = await listInputs([inputs], { include: DEFAULT_INCLUDE });
    expect(listed.map((l) => l.path)).toEqual([join(inputs, 'ONE.TXT')]);
  });
});

describe('files named on the command line', () => {
  it('are read even when hidden, and refused with a reason when not a release type', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.draft.txt'), RELEASE);
    writeFileSync(join(dir, 'data.json'), '{"a": 1}');
    const result = await ingest({ inputs: [join(dir, '.draft.txt'), join(dir, 'data.json'), join(dir, 'absent.txt')], out: tempDir(), workers: 0 });
    expect(outcomeOf(result, join(dir, '.draft.txt'))?.outcome).toBe('record');
    expect(outcomeOf(result, join(dir, 'data.json'))).toMatchObject({ outcome: 'error', code: 'unsupported-type' });
    expect(outcomeOf(result, join(dir, 'absent.txt'))).toMatchObject({ outcome: 'error', code: 'missing', error: expect.stringMatching(/no such file/) });
  });
});

describe('a file deleted between listing and reading', () => {
  it('is an error naming what happened, not a crash', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'soon-gone.txt'), RELEASE);
    const { inputs } = await listInputs([dir]);
    expect(inputs).toHaveLength(1);
    rmSync(join(dir, 'soon-gone.txt'));
    const err = await readInput(join(dir, 'soon-gone.txt'), 1 << 20).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).code).toBe('missing');
    expect((err as InputError).message).toMatch(/deleted or moved/);
  });

  it('is never opened when replaced by a FIFO after the listing', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'swapped.txt'), RELEASE);
    await listInputs([dir]);
    rmSync(join(dir, 'swapped.txt'));
    execFileSync('mkfifo', [join(dir, 'swapped.txt')]);
    await expect(readInput(join(dir, 'swapped.txt'), 1 << 20)).rejects.toThrow(/FIFO/);
  });

  it('past the size limit, is refused before being read', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'big.txt'), Buffer.alloc(2048, 'a'));
    await expect(readInput(join(dir, 'big.txt'), 1024)).rejects.toThrow(/too large: 2 KiB, the limit is 1 KiB/);
  });
});

describe('an output folder that cannot be written', () => {
  it('stops the run at once with a message naming it', async () => {
    const dir = tempDir();
    const notAFolder = join(dir, 'out');
    writeFileSync(notAFolder, 'a file where the output folder should be');
    await expect(ingest({ inputs: ['fixtures/seeds'], out: notAFolder, workers: 0 })).rejects.toThrow(OutputError);
    await expect(ingest({ inputs: ['fixtures/seeds'], out: notAFolder, workers: 0 })).rejects.toThrow(/cannot write to the output folder .*out/);
  });

  it('is never walked as an input when it lies inside the input folder', async () => {
    const dir = tempDir();
    cpSync('fixtures/seeds', dir, { recursive: true });
    const out = join(dir, 'out');
    await ingest({ inputs: [dir], out, workers: 0, include: ['*'] });
    const second = await ingest({ inputs: [dir], out, workers: 0, include: ['*'] });
    expect(second.report.inputs.some((i) => i.path.startsWith(out))).toBe(false);
    expect(second.report.skipped).toContainEqual({ path: out, reason: 'the output folder' });
  });
});
