/** Every record the pipeline writes for the fixtures is valid against schema/record.schema.json. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest.js';

const root = join(import.meta.dirname, '..', '..');
const schema = JSON.parse(readFileSync(join(root, 'schema', 'record.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const out = mkdtempSync(join(tmpdir(), 'communique-schema-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the record schema', () => {
  it('accepts every record written for the fixtures, and their mentions point into the text', async () => {
    await ingest({ inputs: [join(root, 'fixtures')], out });
    const files = readdirSync(join(out, 'records')).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const f of files) {
      const record = JSON.parse(readFileSync(join(out, 'records', f), 'utf8')) as Record<string, unknown> & { text: string };
      const ok = validate(record);
      expect(ok, `${f}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
      for (const type of ['people', 'organisations', 'dates', 'figures', 'places', 'contacts'] as const) {
        for (const entity of record[type] as Array<{ mentions: Array<{ start: number; end: number }> }>) {
          for (const m of entity.mentions) {
            expect(m.start).toBeLessThan(m.end);
            expect(m.end).toBeLessThanOrEqual(record.text.length);
          }
        }
      }
    }
  });

  it('refuses a record that lacks a required field or has an unknown one', () => {
    const base = {
      id: '0123456789abcdef', sources: [{ path: 'a.txt', sha256: 'a'.repeat(64) }], language: 'en', published: null,
      title: null, text: '', people: [], organisations: [], dates: [], figures: [], places: [], contacts: [], translations: [], diagnostics: [],
    };
    expect(validate(base)).toBe(true);
    const { text: _text, ...missing } = base;
    expect(validate(missing)).toBe(false);
    expect(validate({ ...base, surprise: 1 })).toBe(false);
    expect(validate({ ...base, published: '13 mai 2019' })).toBe(false);
  });
});
