/**
 * `communique check` and `check --update` with the real pipeline, on a temp copy of one seed
 * fixture whose expected record is deliberately changed. The real fixtures/ is never written.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run as check } from '../../src/cli/check-command.js';
import type { ExpectedRecord } from '../../src/check/compare.js';

const SEED = 'seeds/000_7130c381d7c615da.txt';
const REAL = join(import.meta.dirname, '..', '..', 'fixtures');

async function runCheckCommand(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    return { code: await check(args), out };
  } finally {
    spy.mockRestore();
  }
}

describe('communique check on a deliberately changed fixture', () => {
  let dir: string;
  let expectedFile: string;
  const realExpected = readFileSync(join(REAL, 'expected', '000_7130c381d7c615da.json'), 'utf8');

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'communique-check-cli-'));
    mkdirSync(join(dir, 'seeds'));
    mkdirSync(join(dir, 'expected'));
    cpSync(join(REAL, SEED), join(dir, SEED));
    expectedFile = join(dir, 'expected', '000_7130c381d7c615da.json');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts an expected record for a fixture named with --update', async () => {
    const { code, out } = await runCheckCommand(['--fixtures', dir, '--update', SEED]);
    expect(code).toBe(0);
    expect(out).toContain(`created ${expectedFile}`);
    const e = JSON.parse(readFileSync(expectedFile, 'utf8')) as ExpectedRecord;
    expect(e.source).toBe(SEED);
    expect(existsSync(join(dir, 'baseline.json'))).toBe(true);
  });

  it('passes right after --update: the expected record is what the pipeline finds', async () => {
    const { code, out } = await runCheckCommand(['--fixtures', dir]);
    expect(out).toMatch(/^people\s+all\s+1\.000\s+1\.000\s+1\.000/m);
    expect(code).toBe(0);
  });

  it('fails and names the difference once a reader changes the expected record', async () => {
    const e = JSON.parse(readFileSync(expectedFile, 'utf8')) as ExpectedRecord;
    e.people = [{ name: 'Zoé Imaginaire', aliases: [], roles: [] }];
    e.dates.push({ value: '1888-08-08', grain: 'day' } as ExpectedRecord['dates'][number]);
    writeFileSync(expectedFile, JSON.stringify(e, null, 2));
    const { code, out } = await runCheckCommand(['--fixtures', dir]);
    expect(code).toBe(1);
    expect(out).toContain(`${SEED} (en, 000_7130c381d7c615da.json)`);
    expect(out).toContain('people         missed: Zoé Imaginaire');
    expect(out).toContain('dates          missed: 1888-08-08');
    expect(out).toMatch(/all\.people\.recall\s+0\.000 < threshold 0\.900/);
  });

  it('accepts the pipeline again with --update, showing the diff, and the next check passes', async () => {
    const { code, out } = await runCheckCommand(['--fixtures', dir, '--update']);
    expect(code).toBe(0);
    expect(out).toContain(`updated ${expectedFile}`);
    expect(out).toMatch(/^ {2}- .*Zoé Imaginaire/m);
    expect(out).toMatch(/^ {2}- .*1888-08-08/m);
    expect(readFileSync(expectedFile, 'utf8')).not.toContain('Zoé Imaginaire');
    expect((await runCheckCommand(['--fixtures', dir])).code).toBe(0);
  });

  it('fails below a threshold given on the command line', async () => {
    const e = JSON.parse(readFileSync(expectedFile, 'utf8')) as ExpectedRecord;
    e.organisations.push({ name: 'Organisation Imaginaire', acronym: null, aliases: [] });
    writeFileSync(expectedFile, JSON.stringify(e));
    const strict = await runCheckCommand(['--fixtures', dir, '--ignore-baseline', '--threshold', 'organisations.recall=1']);
    expect(strict.code).toBe(1);
    expect(strict.out).toMatch(/all\.organisations\.recall\s+\d\.\d{3} < threshold 1\.000/);
    const lenient = await runCheckCommand(['--fixtures', dir, '--ignore-baseline', '--threshold', '0']);
    expect(lenient.code).toBe(0);
  });

  it('ratchets with --update-baseline: expected records stay, a later drop below the accepted figures fails', async () => {
    const before = readFileSync(expectedFile, 'utf8');
    const accepted = await runCheckCommand(['--fixtures', dir, '--update-baseline', '--threshold', '0']);
    expect(accepted.code).toBe(0);
    expect(readFileSync(expectedFile, 'utf8')).toBe(before);
    const baseline = JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8')) as { figures: Record<string, number> };
    expect(baseline.figures['all.organisations.recall']).toBeLessThan(1);

    const e = JSON.parse(before) as ExpectedRecord;
    e.organisations.push({ name: 'Autre Organisation Imaginaire', acronym: null, aliases: [] });
    writeFileSync(expectedFile, JSON.stringify(e));
    const dropped = await runCheckCommand(['--fixtures', dir, '--threshold', '0']);
    expect(dropped.code).toBe(1);
    expect(dropped.out).toMatch(/all\.organisations\.recall\s+\d\.\d{3} < baseline \d\.\d{3}/);
  });

  it('never touches the real fixtures', () => {
    expect(readFileSync(join(REAL, 'expected', '000_7130c381d7c615da.json'), 'utf8')).toBe(realExpected);
  });
});
