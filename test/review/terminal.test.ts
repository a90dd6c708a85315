import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { renderRecord, renderText, useColor, visible } from '../../src/review/terminal.js';
import { run as show } from '../../src/cli/show-command.js';
import { baseRecord, englishRecord, frenchRecord, at } from './synthetic.js';

const ESC = '\u001b';

describe('the terminal view of a record', () => {
  const en = englishRecord();

  it('brackets every mention with its type letter when there is no colour', () => {
    const text = renderText(en, { color: false });
    expect(text).toContain('[Jean-Yves Le Gall](P), President of [CNES](O)');
    expect(text).toContain('on [Monday 22 March](D) in [Paris](L).');
    expect(text).not.toContain(ESC);
  });

  it('nests the brackets of a mention inside another', () => {
    expect(renderText(en, { color: false })).toContain('[€16 billion in [2020](D)](F).');
    expect(renderText(en, { color: false })).toContain('[[Pascale Bresson](P), pascale.bresson@cnes.fr](C)');
  });

  it('gives the text back unchanged once the marks are taken out', () => {
    const stripped = renderText(en, { color: false }).replace(/\]\([A-Z]\)/g, '').replace(/\[/g, '');
    expect(stripped).toBe(en.text);
  });

  it('colours mentions by type with an underline, bold where mentions overlap', () => {
    const text = renderText(en, { color: true });
    expect(text).toContain(`${ESC}[34;4mJean-Yves Le Gall${ESC}[0m`);
    expect(text).toContain(`${ESC}[33;4mMonday 22 March${ESC}[0m`);
    expect(text).toContain(`${ESC}[33;4;1m2020${ESC}[0m`);
    expect(text.replace(new RegExp(`${ESC}\\[[0-9;]*m`, 'g'), '')).toBe(en.text);
  });

  it('lists the entities with their normalised values', () => {
    const out = renderRecord(frenchRecord(), { color: false });
    expect(out).toContain('People (1)\n  Geneviève Fioraso, ministre de l\'Enseignement supérieur   ×1');
    expect(out).toContain("Organisations (2)\n  Centre national d'études spatiales (CNES)   ×3\n");
    expect(out).toContain('2013-11-22 (day)   as written: 22 novembre dernier; provenance: written: day, month; inferred: year from published');
    expect(out).toContain('16900000000 EUR (money)');
    expect(out).toContain('18.4 % (percent)');
  });

  it('shows the escape sequences a release may carry instead of sending them to the terminal', () => {
    const t = `Title\u001b[2J wipes the screen\u0007`;
    const r = baseRecord(t, { people: [{ name: 'X\u001b[31m', aliases: [], roles: [], mentions: [at(t, 'Title')] }] });
    const out = renderRecord(r, { color: false });
    expect(out).not.toContain(ESC);
    expect(out).toContain('Title](P)^[[2J wipes the screen\ufffd');
    expect(visible('a\tb\nc')).toBe('a\tb\nc');
  });

  it('colours only a terminal, and never when NO_COLOR is set', () => {
    expect(useColor({ isTTY: true }, {})).toBe(true);
    expect(useColor({ isTTY: false }, {})).toBe(false);
    expect(useColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(useColor({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect(useColor({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
  });
});

describe('communique show', () => {
  let out: string;
  const en = englishRecord();
  const fr = frenchRecord();

  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'communique-show-'));
    mkdirSync(join(out, 'records'));
    for (const r of [en, fr]) writeFileSync(join(out, 'records', `${r.id}.json`), JSON.stringify(r));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  async function capture(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const o = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((stdout += String(c)), true));
    const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((stderr += String(c)), true));
    try {
      return { code: await show(args), stdout, stderr };
    } finally {
      o.mockRestore();
      e.mockRestore();
    }
  }

  it('finds a record by id, by id prefix and by source path', async () => {
    for (const key of [fr.id, fr.id.slice(0, 6), fr.sources[0]!.path]) {
      const r = await capture([key, '--out', out, '--no-color']);
      expect(r.code).toBe(0);
      expect(r.stdout.split('\n')[0]).toBe(fr.title);
      expect(r.stdout).toContain('[Kourou](L)');
    }
  });

  it('prints no escape codes when NO_COLOR is set, even with a terminal', async () => {
    const tty = process.stdout.isTTY;
    const previous = process.env.NO_COLOR;
    process.stdout.isTTY = true;
    process.env.NO_COLOR = '1';
    try {
      const r = await capture([en.id, '--out', out]);
      expect(r.stdout).not.toContain(ESC);
    } finally {
      process.stdout.isTTY = tty;
      if (previous === undefined) delete process.env.NO_COLOR;
      else process.env.NO_COLOR = previous;
    }
  });

  it('says what it looked for when there is no such record', async () => {
    const r = await capture(['ffffffffffff', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`no record "ffffffffffff" in ${out}`);
  });
});
