/**
 * Decoding bytes: encodings recognised and decoded, files that are not text refused with a
 * message a person understands.
 */
import { describe, expect, it } from 'vitest';
import { decode, NotTextError } from '../../src/stages/read/decode.js';

const french = 'Créée en 1975, l’Agence spatiale européenne coûte 5,3 € par habitant — « un bon investissement » selon Œuvre.';

/** Windows-1252 bytes of a string made of Latin-1 letters and the cp1252 punctuation used here. */
function cp1252(s: string): Buffer {
  const special: Record<string, number> = { '’': 0x92, '€': 0x80, '—': 0x97, 'Œ': 0x8c, '“': 0x93, '”': 0x94, '…': 0x85 };
  return Buffer.from(Array.from(s, (ch) => special[ch] ?? ch.charCodeAt(0)));
}

function refused(bytes: Uint8Array): NotTextError {
  try {
    decode(bytes);
  } catch (e) {
    if (e instanceof NotTextError) return e;
    throw e;
  }
  throw new Error('was decoded');
}

describe('decoding text files', () => {
  it('decodes UTF-8 without a byte order mark', () => {
    const d = decode(Buffer.from(french, 'utf8'));
    expect(d).toEqual({ text: french, encoding: 'utf-8', notes: [] });
  });

  it('drops the UTF-8 byte order mark', () => {
    const d = decode(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(french, 'utf8')]));
    expect(d.text).toBe(french);
    expect(d.encoding).toBe('utf-8');
  });

  it('decodes UTF-16 little-endian with a byte order mark', () => {
    const d = decode(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(french, 'utf16le')]));
    expect(d.text).toBe(french);
    expect(d.encoding).toBe('utf-16le');
  });

  it('decodes UTF-16 big-endian with a byte order mark', () => {
    const le = Buffer.from(french, 'utf16le');
    const be = Buffer.alloc(le.length);
    for (let i = 0; i < le.length; i += 2) {
      be[i] = le[i + 1]!;
      be[i + 1] = le[i]!;
    }
    const d = decode(Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    expect(d.text).toBe(french);
    expect(d.encoding).toBe('utf-16be');
  });

  it('recognises UTF-16 without a byte order mark by its NUL bytes, and says so', () => {
    const d = decode(Buffer.from('The agency signed the contract in Paris on Monday.', 'utf16le'));
    expect(d.text).toBe('The agency signed the contract in Paris on Monday.');
    expect(d.encoding).toBe('utf-16le');
    expect(d.notes[0]).toMatch(/without a byte order mark/);
  });

  it('decodes Windows-1252, including its curly apostrophe, euro sign and dashes', () => {
    const d = decode(cp1252(french));
    expect(d.encoding).toBe('windows-1252');
    expect(d.text).toBe(french);
  });

  it('decodes a Latin-1 file of French text as Windows-1252', () => {
    const d = decode(Buffer.from('Le président a visité le siège à Paris.', 'latin1'));
    expect(d.text).toBe('Le président a visité le siège à Paris.');
  });

  it('decodes UTF-8 with a few broken bytes in the middle, replacing them and telling where', () => {
    const good = Buffer.from('Le CNES a signé un accord avec la NASA. '.repeat(20), 'utf8');
    const bytes = Buffer.concat([good, Buffer.from([0xff, 0xfe, 0x41]), good]);
    const d = decode(bytes);
    expect(d.encoding).toBe('utf-8');
    expect(d.text).toContain('\uFFFD');
    expect(d.text.startsWith('Le CNES a signé')).toBe(true);
    expect(d.notes).toEqual([`2 invalid UTF-8 bytes (the first at byte ${good.length.toLocaleString('en-US')}) replaced by \uFFFD`]);
  });
});

describe('refusing files that are not text', () => {
  it.each([
    ['a PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1'), /PDF file, not text; convert it to text first/],
    ['a PNG image', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /PNG image/],
    ['a JPEG image', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]), /JPEG image/],
    ['a Word .docx (ZIP)', Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 6, 0]), /ZIP archive.*save it as text first/],
    ['a gzip file', Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]), /gzip/],
  ])('refuses %s', (_what, bytes, message) => {
    const e = refused(bytes);
    expect(e.message).toMatch(message);
    expect(e.code).toBe('not-text');
  });

  it('refuses binary data full of NUL bytes', () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 251;
    expect(refused(bytes).message).toMatch(/binary data, not text \(\d+ NUL bytes/);
  });

  it('refuses text with NUL bytes scattered in it', () => {
    const text = Buffer.from('The agency signed the contract. '.repeat(40), 'utf8');
    for (let i = 17; i < text.length; i += 37) text[i] = 0;
    expect(refused(text).message).toMatch(/NUL bytes/);
  });

  it('refuses bytes that are mostly control characters', () => {
    const bytes = Buffer.from(Array.from({ length: 2000 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41)));
    expect(refused(bytes).message).toMatch(/control characters/);
  });
});
