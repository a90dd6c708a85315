/** The command-line entry point: help on every command, usage errors exit with 2. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.js';
import { COMMANDS } from '../src/cli/commands.js';

function capture() {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  return { out: () => out, err: () => err };
}
afterEach(() => vi.restoreAllMocks());

describe('the communique command', () => {
  it('lists every command in its help', async () => {
    const io = capture();
    expect(await main(['--help'])).toBe(0);
    for (const c of COMMANDS) expect(io.out()).toContain(c.name);
  });

  it.each(COMMANDS.map((c) => c.name))('prints the help of %s and exits 0', async (name) => {
    const io = capture();
    expect(await main([name, '--help'])).toBe(0);
    expect(io.out()).toMatch(new RegExp(`^Usage: communique ${name}`));
  });

  it('exits 2 on an unknown command, naming it', async () => {
    const io = capture();
    expect(await main(['ingets'])).toBe(2);
    expect(io.err()).toContain('unknown command "ingets"');
  });

  it('exits 2 when ingest has no --out, saying what is missing', async () => {
    const io = capture();
    expect(await main(['ingest', 'fixtures'])).toBe(2);
    expect(io.err()).toContain('--out');
  });

  it('exits 2 on an unknown option', async () => {
    const io = capture();
    expect(await main(['ingest', 'fixtures', '--out', '/tmp/x', '--bogus'])).toBe(2);
    expect(io.err()).toContain('--bogus');
  });
});
