/** The manifest and its journal: what survives between runs, and a torn line of a killed run. */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Journal, JOURNAL, MANIFEST, emptyState, loadState, type ManifestState } from '../../src/batch/manifest.js';
import { removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

function sample(): ManifestState {
  const s = emptyState('rules-1');
  s.files.set('b/été; 2.txt', { size: 10, mtimeMs: 1.5, sha256: 'b'.repeat(64), record: '00000000000000aa', similarity: 0.91 });
  s.files.set('a.txt', { size: 12, mtimeMs: 2, sha256: 'a'.repeat(64), record: '00000000000000aa' });
  s.records.set('00000000000000aa', {
    rep: 'a.txt',
    values: Uint32Array.from([1, 2, 0xffffffff]),
    shingles: 3,
    language: 'fr',
    title: 'Un titre',
    published: '2024-01-02',
    keys: ['p:jean dupont'],
    translations: [],
  });
  return s;
}

describe('the manifest', () => {
  it('gives back the state it was written from, signatures included', async () => {
    const out = tempDir();
    const j = new Journal(out);
    await j.finish(sample());
    const { state, notes } = await loadState(out);
    expect(state).toEqual(sample());
    expect(notes).toEqual([]);
  });

  it('writes the same bytes for the same state, whatever the order entries were added in', async () => {
    const a = tempDir();
    const b = tempDir();
    await new Journal(a).finish(sample());
    const reversed = emptyState('rules-1');
    const s = sample();
    for (const k of [...s.files.keys()].reverse()) reversed.files.set(k, s.files.get(k)!);
    for (const k of [...s.records.keys()].reverse()) reversed.records.set(k, s.records.get(k)!);
    await new Journal(b).finish(reversed);
    expect(readFileSync(join(b, MANIFEST), 'utf8')).toBe(readFileSync(join(a, MANIFEST), 'utf8'));
  });

  it('is replaced by an empty state, with a note, when it is not a manifest', async () => {
    const out = tempDir();
    writeFileSync(join(out, MANIFEST), '{"something": "else"}\n');
    const { state, notes } = await loadState(out);
    expect(state.files.size).toBe(0);
    expect(notes[0]).toMatch(/not a communique manifest/);
  });
});

describe('the journal of a run', () => {
  it('is replayed over the manifest by the next run, ignoring a torn last line', async () => {
    const out = tempDir();
    const j = new Journal(out);
    await j.checkpoint(sample());
    j.setFile('c.txt', { size: 1, mtimeMs: 3, sha256: 'c'.repeat(64), record: '00000000000000aa' });
    j.setFile('a.txt', null);
    j.close();
    appendFileSync(join(out, JOURNAL), '{"f":"d.txt","e":{"size":');
    const { state, notes } = await loadState(out);
    expect([...state.files.keys()].sort()).toEqual(['b/été; 2.txt', 'c.txt']);
    expect(notes.join(' ')).toMatch(/interrupted: resuming after its 2 recorded steps/);
  });

  it('gives the same state when replayed twice (a run killed while writing the manifest)', async () => {
    const out = tempDir();
    const j = new Journal(out);
    await j.checkpoint(sample());
    j.setFile('c.txt', { size: 1, mtimeMs: 3, sha256: 'c'.repeat(64), record: '00000000000000aa' });
    j.close();
    const journal = readFileSync(join(out, JOURNAL), 'utf8');
    const once = (await loadState(out)).state;
    await new Journal(out).finish(once);
    writeFileSync(join(out, JOURNAL), journal);
    expect((await loadState(out)).state).toEqual(once);
  });

  it('of other rules is not replayed', async () => {
    const out = tempDir();
    const j = new Journal(out);
    await j.checkpoint(sample());
    j.setFile('c.txt', { size: 1, mtimeMs: 3, sha256: 'c'.repeat(64), record: '00000000000000aa' });
    j.close();
    const lines = readFileSync(join(out, JOURNAL), 'utf8').split('\n');
    writeFileSync(join(out, JOURNAL), [JSON.stringify({ journal: 1, rules: 'rules-0' }), ...lines.slice(1)].join('\n'));
    expect((await loadState(out)).state.files.has('c.txt')).toBe(false);
  });
});
