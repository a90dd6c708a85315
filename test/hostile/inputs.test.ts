/**
 * Issue 10: one input folder holding every kind of broken or hostile input, plus good releases,
 * processed by the real command (`node bin/communique.js ingest`, compiled into a temporary
 * folder). The process must end; every good file must have a record; every bad file must be in
 * report.json (as an error, or among the skipped files) with a message that names it and says
 * what is wrong; nothing may be written outside --out, and no partial or temporary file may be
 * left in it.
 *
 * Each input declares what a careful person expects of it:
 *   record    a correct record (the file is a release, whatever its name)
 *   reported  an error or a skip in the report, naming the file
 *   either    a correct record or a clear error (e.g. a text with a few broken bytes)
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestOptions, IngestResult } from '../../src/ingest.js';
import { buildPackage, REPO, type Build } from '../workers/build.js';

type Expect = 'record' | 'reported' | 'either';
interface Input {
  /** Path relative to the input folder. */
  name: string;
  what: string;
  expect: Expect;
  /** Words a correct record's text must hold (checked when a record is made). */
  holds?: string[];
}

interface Report {
  inputs: Array<{ path: string; outcome: string; error?: string; code?: string; record?: string }>;
  skipped: Array<{ path: string; reason: string }>;
  summary: Record<string, number>;
}

const seeds = join(REPO, 'fixtures', 'seeds');
const wire = join(REPO, '..', 'shared', 'corpus', 'wire-en');
const seedNames = readdirSync(seeds).filter((n) => n.endsWith('.txt')).sort();
const wireNames = readdirSync(wire).sort();
const wireText = (i: number) => readFileSync(join(wire, wireNames[i * 97]!), 'utf8');

/** Deterministic bytes that are not text. */
function noise(length: number, seed: number): Buffer {
  const b = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

const root = mkdtempSync(join(tmpdir(), 'communique-hostile-'));
const input = join(root, 'in');
const out = join(root, 'out');
const inputs: Input[] = [];
let build: Build;
let run: { status: number | null; signal: string | null; stderr: string; ms: number };
let report: Report;

function add(name: string, content: string | Buffer, what: string, expect: Expect, holds?: string[]): void {
  const path = join(input, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  inputs.push({ name, what, expect, holds });
}

function makeInputs(): void {
  mkdirSync(input, { recursive: true });
  // Good releases: the fixtures, and wire releases under awkward names.
  for (const n of seedNames) {
    mkdirSync(join(input, 'good'), { recursive: true });
    copyFileSync(join(seeds, n), join(input, 'good', n));
    inputs.push({ name: `good/${n}`, what: 'a fixture release', expect: 'record' });
  }
  add('names/with spaces in the name.txt', wireText(1), 'a file name with spaces', 'record');
  const ownFrench = [
    'Lyon, le 4 juin 2025 – La métropole de Lyon et l’Institut Pasteur ont inauguré mercredi un laboratoire de recherche sur les maladies infectieuses, doté de 48 millions d’euros.',
    '« Ce laboratoire accueillera 120 chercheurs d’ici 2027 », a déclaré Sophie Garnier, directrice générale de l’Institut Pasteur, lors de la cérémonie organisée en présence du préfet du Rhône.',
    'Le bâtiment de 6 500 mètres carrés, situé dans le quartier de Gerland, a été conçu par un cabinet d’architectes lyonnais. Les travaux ont duré vingt-deux mois.',
    'Contact presse : Mathieu Robin, service de presse de la Métropole, 04 78 63 40 40.',
  ].join('\n\n');
  add('names/Été à Paris — communiqué.txt', ownFrench, 'a file name with non-ASCII letters', 'record', ['Sophie Garnier']);
  add('names/a;b;rm -rf ~;.txt', wireText(2), 'a file name with semicolons', 'record');
  add('names/.leading-dot.txt', wireText(3), 'a file name starting with a dot', 'either');
  add('names/-n--out=..txt', wireText(4), 'a file name that looks like an option', 'record');
  add('same-name/a/release.txt', wireText(5), 'two files with the same name in different folders (1)', 'record');
  add('same-name/b/release.txt', wireText(6), 'two files with the same name in different folders (2)', 'record');

  // Empty, binary and other non-text content under release names.
  add('bad/empty.txt', '', 'an empty file', 'reported');
  add('bad/whitespace.txt', ' \n\t\r\n   \n\u00a0\n', 'a file holding only whitespace', 'reported');
  add('bad/binary.txt', noise(20_000, 7), 'random binary bytes named .txt', 'reported');
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), noise(30_000, 11)]);
  add('bad/photo.txt', png, 'a PNG image renamed .txt', 'reported');
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n4 0 obj\n<< /Length 5000 /Filter /FlateDecode >>\nstream\n', 'latin1'), noise(5000, 13), Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n')]);
  add('bad/release.pdf.txt', pdf, 'PDF bytes named .txt', 'reported');

  // Texts with broken or unusual encodings: a correct record, or a clear error.
  const good = wireText(7);
  const cut = good.indexOf('\n', Math.floor(good.length / 2));
  const tail = good.slice(cut).split(/\s+/).filter((w) => /^[A-Za-z]{6,}$/.test(w)).slice(-3);
  add('encodings/invalid-utf8.txt', Buffer.concat([Buffer.from(good.slice(0, cut)), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1]), Buffer.from(good.slice(cut))]), 'invalid UTF-8 in the middle of a good text', 'either', tail);
  add('encodings/nul-bytes.txt', Buffer.concat([Buffer.from(wireText(8).slice(0, 400)), Buffer.alloc(64), Buffer.from(wireText(8).slice(400))]), 'NUL bytes in a text', 'either');
  const french = 'Toulouse, le 12 mars 2024 – Hélène Lefèvre, présidente de l’Agence spatiale européenne, a présenté à Paris un budget de 16,9 milliards d’euros pour les trois années à venir. « Cette décision renforce l’Europe spatiale », a-t-elle déclaré.\n\nLes États membres se réuniront de nouveau en novembre.\n';
  add('encodings/utf-16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(french, 'utf16le')]), 'a UTF-16 text with a byte-order mark', 'either', ['Hélène', 'Lefèvre', 'européenne']);
  const cp1252 = Buffer.from(french.replace(/[’]/g, "'").replace(/[–]/g, '-'), 'latin1');
  add('encodings/windows-1252.txt', cp1252, 'a Windows-1252 (Latin-1) French text', 'either', ['Hélène', 'Lefèvre', 'européenne']);

  // Sizes.
  const release = wireText(9);
  add('sizes/25-megabytes.txt', release.repeat(Math.ceil((25 * 1024 * 1024) / release.length)), 'a 25 MB file', 'either');
  add('sizes/5-megabyte-line.txt', `Press release\n\n${'word '.repeat(1024 * 1024)}\n`, 'a 5 MB line with no newline', 'either');

  // HTML.
  add('html/nested-20000.html', `<html><body>${'<div>'.repeat(20_000)}<p>${wireText(10).slice(0, 2000)}</p>${'</div>'.repeat(20_000)}</body></html>`, 'HTML nested 20,000 levels deep', 'either');
  add('html/only-scripts.html', `<html><head><script>var a = "${'x'.repeat(2000)}";</script></head><body><script>document.write('Press release');</script><script src="x.js"></script></body></html>`, 'HTML holding only scripts', 'reported');
  const w11 = wireText(11).split(/\n\s*\n/);
  add('html/malformed.html', `<html><body><div><p>${w11[0]}<b>bold <i>and</p> <p>${w11.slice(1).join('</p ><p class="x>')}</div></span><<>><!-- never closed`, 'malformed HTML', 'record');

  // File-system oddities.
  mkdirSync(join(input, 'links'), { recursive: true });
  symlinkSync('loop-b.txt', join(input, 'links', 'loop-a.txt'));
  symlinkSync('loop-a.txt', join(input, 'links', 'loop-b.txt'));
  inputs.push({ name: 'links/loop-a.txt', what: 'a symbolic-link loop (1)', expect: 'reported' });
  inputs.push({ name: 'links/loop-b.txt', what: 'a symbolic-link loop (2)', expect: 'reported' });
  symlinkSync('..', join(input, 'links', 'parent'));
  const fifo = spawnSync('mkfifo', [join(input, 'bad', 'pipe.txt')]);
  if (fifo.status === 0) inputs.push({ name: 'bad/pipe.txt', what: 'a FIFO (named pipe)', expect: 'reported' });
  add('bad/unreadable.txt', wireText(12), 'an unreadable file', process.getuid?.() === 0 ? 'record' : 'reported');
  chmodSync(join(input, 'bad', 'unreadable.txt'), 0o000);

  // Files that are not releases.
  add('other/data.json', JSON.stringify({ title: 'Not a release', items: [1, 2, 3] }), 'a JSON file', 'reported');
  add('other/figures.csv', 'year,revenue\n2023,12\n', 'a CSV file', 'reported');
  add('other/photo.jpg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), noise(5000, 17)]), 'a JPEG image', 'reported');
  add('other/archive.zip', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), noise(3000, 19)]), 'a ZIP archive', 'reported');
}

/** Every file and folder under `dir`, relative, symbolic links not followed. */
function walk(dir: string, base = dir): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    found.push(relative(base, p));
    const s = lstatSync(p);
    if (s.isDirectory()) found.push(...walk(p, base));
  }
  return found;
}

// The folder is made while the tests are collected, so that each input is a test of its own.
makeInputs();
const inputTreeBefore = walk(input);

beforeAll(() => {
  build = buildPackage();
  const t0 = performance.now();
  const child = spawnSync(process.execPath, [build.bin, 'ingest', input, '--out', out, '--timeout', '30000'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  run = { status: child.status, signal: child.signal, stderr: child.stderr, ms: performance.now() - t0 };
  try {
    report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
  } catch {
    report = { inputs: [], skipped: [], summary: {} };
  }
}, 360_000);

afterAll(() => {
  try {
    chmodSync(join(input, 'bad', 'unreadable.txt'), 0o644);
  } catch {
    /* already gone */
  }
  rmSync(root, { recursive: true, force: true });
  build?.remove();
});

const find = (name: string) => {
  const path = join(input, name);
  return { path, entry: report.inputs.find((i) => i.path === path), skip: report.skipped.find((s) => s.path === path) };
};

/** A message a person understands: names the file, says more than the name, no stack trace. */
function expectClearMessage(message: string | undefined, name: string): void {
  expect(message, `no message for ${name}`).toBeTruthy();
  expect(message!.includes(basename(name)) || message!.includes(name), `"${message}" does not name ${name}`).toBe(true);
  expect(message!.replace(join(input, name), '').trim().length, `"${message}" says nothing about the problem`).toBeGreaterThan(8);
  expect(message).not.toMatch(/\n\s+at |TypeError|ReferenceError|undefined|\[object Object\]/);
}

describe('a batch of hostile inputs through the command', () => {
  it('ends by itself, with the exit code of a run that met errors, and writes a report', () => {
    expect(run.signal, run.stderr.slice(-2000)).toBeNull();
    expect(run.status, run.stderr.slice(-2000)).toBe(1);
    expect(report.inputs.length).toBeGreaterThan(0);
  });

  it.each(inputs.map((i) => [i.what, i] as const))('%s', (_what, item) => {
    const { path, entry, skip } = find(item.name);
    const made = entry && (entry.outcome === 'record' || entry.outcome === 'duplicate');
    if (item.expect === 'record') {
      expect(entry?.outcome, `${item.name}: ${entry?.error ?? skip?.reason ?? 'not in the report'}`).toBe('record');
    } else if (item.expect === 'reported') {
      if (skip) expectClearMessage(`${skip.path}: ${skip.reason}`, item.name);
      else {
        expect(entry?.outcome, `${item.name} should be reported as an error but is ${JSON.stringify(entry)}`).toBe('error');
        expectClearMessage(entry!.error, item.name);
      }
    } else if (!made) {
      if (skip) expectClearMessage(`${skip.path}: ${skip.reason}`, item.name);
      else {
        expect(entry?.outcome, `${item.name} is not in the report`).toBe('error');
        expectClearMessage(entry!.error, item.name);
      }
    }
    if (made) {
      const record = JSON.parse(readFileSync(join(out, 'records', `${entry!.record}.json`), 'utf8')) as { text: string; sources: Array<{ path: string }>; diagnostics: unknown[] };
      expect(record.sources.map((s) => s.path)).toContain(path);
      expect(record.text.includes('\u0000'), `${item.name}: NUL characters in the record text`).toBe(false);
      // Replacement characters may stay only where the record warns about the bytes it could not read.
      if (/\uFFFD/.test(record.text)) expect(record.diagnostics, `${item.name}: unreadable bytes kept without a warning`).not.toEqual([]);
      for (const word of item.holds ?? []) expect(record.text, `${item.name}: record text`).toContain(word);
    }
  });

  it('gives each of two files with the same name its own record', () => {
    const a = find('same-name/a/release.txt').entry;
    const b = find('same-name/b/release.txt').entry;
    expect(a?.record).toBeTruthy();
    expect(b?.record).toBeTruthy();
    expect(a!.record).not.toBe(b!.record);
  });

  it('walks a folder reached again through a link to a parent only once', () => {
    const viaLink = report.inputs.filter((i) => i.path.includes(`${join('links', 'parent')}/`));
    expect(viaLink).toEqual([]);
    const good = report.inputs.filter((i) => i.path.includes(`${join(input, 'good')}/`));
    expect(good).toHaveLength(seedNames.length);
  });

  it('leaves only whole records, the manifest and the report in the output folder: no partial or temporary files', () => {
    const files = walk(out).filter((p) => statSync(join(out, p)).isFile());
    const unexpected = files.filter((p) => !/^records\/[0-9a-f]{16}\.json$/.test(p) && !/^(report\.json|manifest\.jsonl?)$/.test(p));
    expect(unexpected).toEqual([]);
    // Every file is whole: JSON that parses (a JSON-lines manifest line by line).
    for (const p of files) {
      const text = readFileSync(join(out, p), 'utf8');
      const parts = p.endsWith('.jsonl') ? text.split('\n').filter((l) => l.trim()) : [text];
      for (const part of parts) expect(() => JSON.parse(part), p).not.toThrow();
    }
    const records = files.filter((p) => p.startsWith('records/'));
    expect(records.length).toBe(report.summary.records);
  });

  it('writes nothing outside --out: the input folder and the folder around it are unchanged', () => {
    expect(walk(input)).toEqual(inputTreeBefore);
    expect(readdirSync(root).sort()).toEqual(['in', 'out']);
  });
});

describe('an output folder that cannot be written', () => {
  it('stops the run at once with a message naming it', () => {
    const blocker = join(root, 'a-file-not-a-folder');
    writeFileSync(blocker, 'x');
    const child = spawnSync(process.execPath, [build.bin, 'ingest', join(input, 'good'), '--out', join(blocker, 'out')], { encoding: 'utf8', timeout: 60_000 });
    rmSync(blocker);
    expect(child.signal).toBeNull();
    expect(child.status).toBe(2);
    expect(child.stderr).toContain(blocker);
    expect(child.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('a file deleted between listing and reading', () => {
  it('is reported by name, and the other files still get their records', async () => {
    // The command gives no hook between listing and reading; the library does: the progress
    // callback runs after the first file is done, and deletes the last listed file, which the
    // run (one document at a time) has not read yet.
    const dir = mkdtempSync(join(tmpdir(), 'communique-deleted-'));
    try {
      const names = ['a.txt', 'b.txt', 'c.txt', 'd.txt', 'z-deleted.txt'];
      names.forEach((n, i) => writeFileSync(join(dir, 'in-' + n), wireText(20 + i)));
      const { ingest } = await build.load<{ ingest(o: IngestOptions): Promise<IngestResult> }>('ingest.js');
      const doomed = join(dir, 'in-z-deleted.txt');
      let deleted = false;
      const result = await ingest({
        inputs: names.map((n) => join(dir, 'in-' + n)),
        out: join(dir, 'out'),
        concurrency: 1,
        workers: 0,
        onProgress: () => {
          if (!deleted) {
            unlinkSync(doomed);
            deleted = true;
          }
        },
      });
      expect(deleted).toBe(true);
      const entry = result.report.inputs.find((i) => i.path === doomed);
      expect(entry?.outcome).toBe('error');
      expect(entry?.outcome === 'error' && entry.error).toMatch(/z-deleted\.txt.*(does not exist|deleted|cannot read|no such file)/i);
      expect(result.report.inputs.filter((i) => i.outcome === 'record')).toHaveLength(4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
