import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRecord, loadRecords } from '../../src/review/records.js';
import { baseRecord, englishRecord, frenchRecord } from './synthetic.js';

describe('reading the records of an output folder', () => {
  let out: string;
  const en = englishRecord();
  const fr = frenchRecord();
  const undated = baseRecord('An undated note.');

  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'communique-records-'));
    mkdirSync(join(out, 'records'));
    for (const r of [fr, undated, en]) writeFileSync(join(out, 'records', `${r.id}.json`), JSON.stringify(r));
    writeFileSync(join(out, 'records', 'broken.json'), '{ "id": ');
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('lists the newest release first and the undated last', () => {
    expect(loadRecords(out).records.map((r) => r.id)).toEqual([en.id, fr.id, undated.id]);
  });

  it('reports a file that is not a record instead of stopping', () => {
    const { problems } = loadRecords(out);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('broken.json');
  });

  it('finds a record by id, unique id prefix or source path, and says when a prefix is ambiguous', () => {
    const { records } = loadRecords(out);
    expect(findRecord(records, fr.id)).toBe(records[1]);
    expect(findRecord(records, en.sources[0]!.path)).toBe(records[0]);
    const clash = [baseRecord('x', { id: 'abcd000000000001' }), baseRecord('y', { id: 'abcd000000000002' })];
    expect(findRecord(clash, 'abcd')).toEqual({ ambiguous: clash });
    expect(findRecord(clash, 'abcd0000000000022')).toBeNull();
  });

  it('refuses a folder that does not exist', () => {
    expect(() => loadRecords(join(out, 'nope'))).toThrow('no such folder');
  });
});
