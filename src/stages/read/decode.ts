/**
 * Decoding a file's bytes: recognising files that are not text (PDF, images, archives, binary
 * data) and choosing the encoding: UTF-8 (with or without BOM), UTF-16 LE/BE (with BOM, or
 * without one when every other byte is NUL), Windows-1252 (the usual "ANSI" of French Windows
 * tools, a superset of Latin-1 for text).
 */

export interface Decoded {
  text: string;
  /** "utf-8", "utf-16le", "utf-16be" or "windows-1252". */
  encoding: string;
  /** Problems worth telling (invalid bytes replaced...), already phrased for a person. */
  notes: string[];
}

/** Thrown with a message for a person; read turns it into a DocumentError. */
export class NotTextError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

interface Signature {
  bytes: number[];
  /** Offset of the signature in the file. */
  at?: number;
  what: string;
}

/** Magic numbers of common files that are not text, and what to tell the person. */
const SIGNATURES: Signature[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'a PDF file, not text; convert it to text first (for example with pdftotext)' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image, not text' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image, not text' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image, not text' },
  { bytes: [0x52, 0x49, 0x46, 0x46], what: 'a RIFF file (WebP image, WAV or AVI), not text' },
  { bytes: [0x49, 0x49, 0x2a, 0x00], what: 'a TIFF image, not text' },
  { bytes: [0x4d, 0x4d, 0x00, 0x2a], what: 'a TIFF image, not text' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (a Word .docx or OpenDocument file is one), not text; save it as text first' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Microsoft Office file (.doc, .xls), not text; save it as text first' },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], what: 'an RTF document, not plain text; save it as text first' },
  { bytes: [0x1f, 0x8b], what: 'a gzip-compressed file, not text; decompress it first' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'a program (ELF executable), not text' },
  { bytes: [0x25, 0x21, 0x50, 0x53], what: 'a PostScript file, not text' },
  { bytes: [0x42, 0x4d], what: '' }, // BMP: checked below with its header, "BM" also starts words
];

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const utf8Lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
/**
 * Windows-1252. Node 20's TextDecoder('windows-1252') decodes bytes 0x80-0x9F as Latin-1 control
 * characters instead of ’ “ ” … € œ, so those 32 bytes are mapped here (undefined bytes stay as
 * their Latin-1 code points, as the WHATWG decoder does).
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
const latin1 = new TextDecoder('latin1');
const cp1252 = {
  decode(bytes: Uint8Array): string {
    return latin1.decode(bytes).replace(/[\x80-\x9f]/g, (c) => String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80]!));
  },
};
const utf16le = new TextDecoder('utf-16le', { ignoreBOM: false });

function startsWith(bytes: Uint8Array, sig: number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) return false;
  return true;
}

function decodeUtf16(bytes: Uint8Array, bigEndian: boolean): string {
  if (!bigEndian) return utf16le.decode(bytes);
  const swapped = new Uint8Array(bytes.length - (bytes.length % 2));
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    swapped[i] = bytes[i + 1]!;
    swapped[i + 1] = bytes[i]!;
  }
  return utf16le.decode(swapped);
}

/** Refuses bytes that are not text (magic numbers, NUL bytes, control characters). */
function checkNotBinary(bytes: Uint8Array): void {
  for (const s of SIGNATURES) {
    if (s.what && startsWith(bytes, s.bytes, s.at)) throw new NotTextError(`this is ${s.what}`, 'not-text');
  }
  if (startsWith(bytes, [0x42, 0x4d]) && bytes.length > 30 && bytes[6] === 0 && bytes[7] === 0 && bytes[8] === 0 && bytes[9] === 0) {
    throw new NotTextError('this is a BMP image, not text', 'not-text');
  }
  // Look at the first 64 KB: text has no NUL bytes and few control characters.
  const n = Math.min(bytes.length, 65536);
  let nul = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) nul++;
    else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  if (nul > 0 && (nul >= 16 || nul / n > 0.001)) {
    throw new NotTextError(`this is binary data, not text (${nul} NUL bytes in the first ${formatCount(n)} bytes)`, 'not-text');
  }
  if (control / n > 0.05) {
    throw new NotTextError(`this is binary data, not text (${Math.round((100 * control) / n)} % control characters)`, 'not-text');
  }
}

/**
 * UTF-16 without BOM: ASCII-range text in UTF-16 has NUL as every other byte. Returns the
 * byte order, or null when the bytes do not look like that.
 */
function utf16WithoutBom(bytes: Uint8Array): 'le' | 'be' | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 8) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul / pairs > 0.6 && evenNul / pairs < 0.05) return 'le';
  if (evenNul / pairs > 0.6 && oddNul / pairs < 0.05) return 'be';
  return null;
}

/** Counts invalid UTF-8 sequences and valid multi-byte characters. */
function utf8Profile(bytes: Uint8Array): { invalid: number; multibyte: number; firstInvalid: number } {
  let invalid = 0;
  let multibyte = 0;
  let firstInvalid = -1;
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need = 0;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    let ok = need > 0 && i + need < n + 0;
    for (let k = 1; ok && k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < 0x80 || c > 0xbf) ok = false;
    }
    if (ok) {
      multibyte++;
      i += need + 1;
    } else {
      if (firstInvalid < 0) firstInvalid = i;
      invalid++;
      i++;
    }
  }
  return { invalid, multibyte, firstInvalid };
}

function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Decodes bytes to text, or throws NotTextError. */
export function decode(bytes: Uint8Array): Decoded {
  // Byte order marks first: they also make NUL bytes legitimate (UTF-16).
  if (startsWith(bytes, [0xff, 0xfe])) return { text: stripBom(decodeUtf16(bytes.subarray(2), false)), encoding: 'utf-16le', notes: [] };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: stripBom(decodeUtf16(bytes.subarray(2), true)), encoding: 'utf-16be', notes: [] };
  const order = utf16WithoutBom(bytes);
  if (order) return { text: decodeUtf16(bytes, order === 'be'), encoding: `utf-16${order}`, notes: ['UTF-16 without a byte order mark; decoded from the pattern of NUL bytes'] };
  checkNotBinary(bytes);
  const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
  try {
    return { text: utf8.decode(body), encoding: 'utf-8', notes: [] };
  } catch {
    // Not valid UTF-8: either another 8-bit encoding, or UTF-8 with a few broken bytes.
  }
  const p = utf8Profile(body);
  if (p.multibyte === 0 || p.invalid > p.multibyte) {
    // Accented letters stored as single bytes: Windows-1252 (which includes Latin-1's letters).
    return { text: cp1252.decode(body), encoding: 'windows-1252', notes: [] };
  }
  return {
    text: utf8Lenient.decode(body),
    encoding: 'utf-8',
    notes: [`${p.invalid} invalid UTF-8 byte${p.invalid === 1 ? '' : 's'} (the first at byte ${formatCount(p.firstInvalid + (body === bytes ? 0 : 3))}) replaced by \uFFFD`],
  };
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}
