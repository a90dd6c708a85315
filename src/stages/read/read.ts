/**
 * Read: bytes from disk to a Document with its decoded source. First version: UTF-8 text and
 * HTML (body text through cheerio). Deepened by issue 6 (encodings, boilerplate, metadata).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { load } from 'cheerio';
import { DocumentError, emptyEntities, type Document, type SourceFormat } from '../../document.js';
import type { Rules } from '../../rules/index.js';

export function formatOf(path: string): SourceFormat | null {
  const ext = extname(path).toLowerCase();
  if (ext === '.txt' || ext === '.text') return 'text';
  if (ext === '.md' || ext === '.markdown') return 'markdown';
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml') return 'html';
  return null;
}

/** Reads one file's bytes (the I/O half of read). Throws DocumentError. */
export async function readSource(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    throw new DocumentError(path, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 'unreadable');
  }
}

/** Reads one file into a new Document (text not yet normalised). Throws DocumentError. */
export async function readDocument(path: string, rules: Rules): Promise<Document> {
  return toDocument(path, await readSource(path), rules);
}

/** Decodes a file's bytes into a new Document (the CPU half of read, synchronous). Throws DocumentError. */
export function toDocument(path: string, bytes: Buffer, _rules: Rules): Document {
  const format = formatOf(path);
  if (!format) throw new DocumentError(path, 'not a supported file type (expected .txt, .md, .html or .htm)', 'unsupported-type');
  const raw = bytes.toString('utf8');
  const doc: Document = {
    source: { path, sha256: createHash('sha256').update(bytes).digest('hex') },
    size: bytes.length,
    format,
    raw,
    encoding: 'utf-8',
    text: raw,
    offsets: { toSource: (o) => o },
    metadata: {},
    language: null,
    title: null,
    published: null,
    entities: emptyEntities(),
    diagnostics: [],
  };
  if (format === 'html') {
    const $ = load(raw);
    $('script, style, nav, header, footer').remove();
    doc.metadata.title = $('title').first().text().trim() || undefined;
    doc.text = $('body').text();
  }
  if (!doc.text.trim()) throw new DocumentError(path, 'the file holds no text', 'empty');
  return doc;
}
