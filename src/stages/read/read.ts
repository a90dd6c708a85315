/**
 * Read: a file's bytes to a Document with its decoded source.
 *
 *   readSource(path)               async, I/O only: the bytes
 *   toDocument(path, bytes, rules) sync, CPU: refuse what is not text, decode (UTF-8, UTF-16,
 *                                  Windows-1252), check the size limits, extract the text of
 *                                  HTML and Markdown with a map back to the source.
 *
 * `doc.raw` is the decoded source (markup included), `doc.text` the extracted text (normalised
 * next by the normalise stage) and `doc.offsets` maps text offsets back into `doc.raw`.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { DocumentError, textDocument, warn, type Document, type SourceFormat } from '../../document.js';
import type { Rules } from '../../rules/index.js';
import { decode, NotTextError } from './decode.js';
import { readHtml } from './html.js';
import { stripMarkdown } from './markdown.js';
import { IDENTITY } from './offsets.js';

/** Size limits of one document. The batch wires them to its configuration and command-line flags. */
export interface ReadLimits {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** Longest line accepted, in characters (of the text: for HTML, of the extracted text). */
  maxLineChars: number;
}

export const DEFAULT_READ_LIMITS: Readonly<ReadLimits> = Object.freeze({ maxBytes: 10 * 1024 * 1024, maxLineChars: 1024 * 1024 });

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
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'the file does not exist (or was removed before it could be read)'
      : code === 'EACCES' || code === 'EPERM' ? 'permission denied: the file cannot be read'
      : code === 'EISDIR' ? 'this is a folder, not a file'
      : `cannot read the file (${code ?? (e as Error).message})`;
    throw new DocumentError(path, why, 'unreadable');
  }
}

/** Reads one file into a new Document (text not yet normalised). Throws DocumentError. */
export async function readDocument(path: string, rules: Rules, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<Document> {
  return toDocument(path, await readSource(path), rules, limits);
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Number((n / (1024 * 1024)).toFixed(1))} MB`;
  if (n >= 1024) return `${Number((n / 1024).toFixed(1))} KB`;
  return `${n} bytes`;
}

/** Length of the longest line of `s`, stopping early once past `limit`. */
function longestLine(s: string, limit: number): number {
  let longest = 0;
  let start = 0;
  for (;;) {
    const nl = s.indexOf('\n', start);
    const end = nl < 0 ? s.length : nl;
    if (end - start > longest) {
      longest = end - start;
      if (longest > limit) return longest;
    }
    if (nl < 0) return longest;
    start = nl + 1;
  }
}

/** Decodes a file's bytes into a new Document (the CPU half of read, synchronous). Throws DocumentError. */
export function toDocument(path: string, bytes: Buffer, rules: Rules, limits: ReadLimits = DEFAULT_READ_LIMITS): Document {
  const format = formatOf(path);
  if (!format) throw new DocumentError(path, 'not a supported file type (expected .txt, .md, .html or .htm)', 'unsupported-type');
  if (bytes.length > limits.maxBytes) {
    throw new DocumentError(path, `too large: ${formatBytes(bytes.length)}, the limit is ${formatBytes(limits.maxBytes)} per file`, 'too-large');
  }
  if (bytes.length === 0) throw new DocumentError(path, 'the file is empty', 'empty');
  let decoded;
  try {
    decoded = decode(bytes);
  } catch (e) {
    if (e instanceof NotTextError) throw new DocumentError(path, e.message, e.code);
    throw e;
  }
  const raw = decoded.text;
  if (!raw.trim()) throw new DocumentError(path, 'the file holds only white space, no text', 'empty');
  const doc = textDocument(raw, {
    source: { path, sha256: createHash('sha256').update(bytes).digest('hex') },
    size: bytes.length,
    format,
    encoding: decoded.encoding,
    offsets: IDENTITY,
  });
  for (const note of decoded.notes) warn(doc, { stage: 'read', message: note, rule: 'read.encoding' });
  if (format === 'html') {
    const html = readHtml(raw, rules.read);
    doc.text = html.text;
    doc.offsets = html.map;
    doc.metadata = html.metadata;
    if (!html.text.trim()) {
      throw new DocumentError(path, 'the page holds no text once scripts, styles, menus and other page furniture are left out', 'empty');
    }
  } else if (format === 'markdown') {
    const md = stripMarkdown(raw);
    doc.text = md.text;
    doc.offsets = md.map;
    if (md.title) doc.metadata.title = md.title;
    if (!md.text.trim()) throw new DocumentError(path, 'the file holds no text once the Markdown syntax is left out', 'empty');
  }
  const longest = longestLine(doc.text, limits.maxLineChars);
  if (longest > limits.maxLineChars) {
    throw new DocumentError(
      path,
      `a line of more than ${longest.toLocaleString('en-US')} characters, the limit is ${limits.maxLineChars.toLocaleString('en-US')} per line: this does not look like a press release`,
      'line-too-long',
    );
  }
  return doc;
}
