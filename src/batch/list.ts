/**
 * Lists the input files of a batch: files as given, folders walked recursively in a stable order.
 *
 * What the walk does with what it meets (documented in the README):
 * - Files are kept when their name matches the include patterns (default: the types the read
 *   stage understands); other files (.json, images...) are listed in `skipped`, never read.
 *   A file named on the command line is always kept, whatever its name.
 * - Names starting with a dot (hidden files and folders: .git, .DS_Store...) are skipped inside
 *   folders; name one on the command line to read it.
 * - Symbolic links are followed, but each folder is walked once (by device and inode): a link
 *   loop or a link back to a parent folder ends the walk there instead of going round forever.
 * - FIFOs, sockets and devices are never opened: a matching one is reported as an error.
 * - The output folder is never walked, even when it lies inside an input folder.
 * - A folder or file that cannot be read is an error of that input; the batch goes on.
 */
import { lstat, readdir, stat } from 'node:fs/promises';
import { close, constants, fstat, open, read, type Stats } from 'node:fs';
import { join } from 'node:path';

export interface ListedFile {
  path: string;
  size: number;
  mtimeMs: number;
}
export interface ListedError {
  path: string;
  error: string;
  code: string;
}
export type ListedInput = ({ kind: 'file' } & ListedFile) | ({ kind: 'error' } & ListedError);

export interface Skipped {
  path: string;
  reason: string;
}

export interface Listing {
  inputs: ListedInput[];
  skipped: Skipped[];
}

export interface ListOptions {
  /** File name patterns (`*` and `?`), matched against the base name. */
  include: string[];
  /** Folders never walked (the output folder). */
  exclude?: string[];
}

export const DEFAULT_INCLUDE = ['*.txt', '*.text', '*.md', '*.markdown', '*.html', '*.htm', '*.xhtml'];

/** Compiles `*.txt,*.html`-style patterns; case-insensitive, `*` and `?` only. */
export function includeMatcher(patterns: string[]): (name: string) => boolean {
  const res = patterns
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => new RegExp('^' + p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$', 'is'));
  return (name) => res.some((re) => re.test(name));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function kindOf(s: Stats): string {
  if (s.isFIFO()) return 'a FIFO (named pipe)';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** A message a person understands for a file-system error code. */
export function describeFsError(e: unknown, what = 'the file'): { error: string; code: string } {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return { error: `${what} does not exist (deleted or moved before it could be read?)`, code: 'missing' };
    case 'EACCES':
    case 'EPERM':
      return { error: `permission denied: cannot read ${what}`, code: 'unreadable' };
    case 'ELOOP':
      return { error: `a loop of symbolic links: ${what} cannot be reached`, code: 'link-loop' };
    case 'ENAMETOOLONG':
      return { error: 'the path is too long', code: 'unreadable' };
    case 'EISDIR':
      return { error: `${what} is a folder`, code: 'not-a-file' };
    default:
      return { error: `cannot read ${what} (${code ?? (e as Error).message})`, code: 'unreadable' };
  }
}

export async function listInputs(paths: string[], options: ListOptions = { include: DEFAULT_INCLUDE }): Promise<Listing> {
  const matches = includeMatcher(options.include);
  const inputs: ListedInput[] = [];
  const skipped: Skipped[] = [];
  const seen = new Set<string>();
  const walked = new Set<string>();
  const excluded = new Set<string>();
  for (const x of options.exclude ?? []) {
    try {
      const s = await stat(x);
      excluded.add(`${s.dev}:${s.ino}`);
    } catch {
      // not there yet: nothing to exclude
    }
  }
  const add = (item: ListedInput) => {
    if (seen.has(item.path)) return;
    seen.add(item.path);
    inputs.push(item);
  };
  const addFile = (path: string, s: Stats) => {
    if (s.isFile()) add({ kind: 'file', path, size: s.size, mtimeMs: s.mtimeMs });
    else add({ kind: 'error', path, error: `${kindOf(s)}: not read`, code: 'not-a-file' });
  };

  const walk = async (dir: string, key: string): Promise<void> => {
    walked.add(key);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (e) {
      const d = describeFsError(e, 'the folder');
      add({ kind: 'error', path: dir, ...d });
      return;
    }
    names.sort(compare);
    for (const name of names) {
      const p = join(dir, name);
      if (name.startsWith('.')) {
        skipped.push({ path: p, reason: 'hidden (name starts with a dot)' });
        continue;
      }
      let s: Stats;
      try {
        s = await stat(p);
      } catch (e) {
        // A dangling or looping link, or a file deleted since readdir.
        if (matches(name)) add({ kind: 'error', path: p, ...describeFsError(e) });
        else skipped.push({ path: p, reason: describeFsError(e).error });
        continue;
      }
      if (s.isDirectory()) {
        const k = `${s.dev}:${s.ino}`;
        if (excluded.has(k)) skipped.push({ path: p, reason: 'the output folder' });
        else if (walked.has(k)) skipped.push({ path: p, reason: 'a folder already walked (symbolic link to it or to a parent)' });
        else await walk(p, k);
      } else if (!matches(name)) {
        skipped.push({ path: p, reason: 'name does not match the include patterns' });
      } else {
        addFile(p, s);
      }
    }
  };

  for (const p of paths) {
    let s: Stats;
    try {
      s = await stat(p);
    } catch (e) {
      let d = describeFsError(e);
      if (d.code === 'missing') {
        // Tell a dangling link from a missing path.
        const l = await lstat(p).catch(() => null);
        d = l?.isSymbolicLink() ? { error: 'a symbolic link to nothing', code: 'missing' } : { error: 'no such file or folder', code: 'missing' };
      }
      add({ kind: 'error', path: p, ...d });
      continue;
    }
    if (s.isDirectory()) {
      const k = `${s.dev}:${s.ino}`;
      if (excluded.has(k)) add({ kind: 'error', path: p, error: 'this is the output folder', code: 'not-a-file' });
      else if (!walked.has(k)) await walk(p, k);
    } else addFile(p, s);
  }
  return { inputs, skipped };
}

export interface ReadInput {
  bytes: Buffer;
  size: number;
  mtimeMs: number;
}

/**
 * Reads one input without ever blocking: opened non-blocking, checked to be a regular file
 * (it may have been replaced by a FIFO since the listing) and within the size limit before
 * reading. Throws InputError. The calls go to libuv's thread pool (callback API, lighter than
 * FileHandle): a file that is not in the page cache costs a disk read of a millisecond or more,
 * during which this thread goes on deciding and writing the other documents, and several reads
 * are in flight at once.
 */
export async function readInput(path: string, maxBytes: number): Promise<ReadInput> {
  let fd: number;
  try {
    fd = await openAsync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new InputError(describeFsError(e));
  }
  try {
    const s = await fstatAsync(fd);
    if (!s.isFile()) throw new InputError({ error: `${kindOf(s)}: not read`, code: 'not-a-file' });
    if (s.size > maxBytes) {
      throw new InputError({
        error: `too large: ${formatBytes(s.size)}, the limit is ${formatBytes(maxBytes)} (files.maxBytes in rules/batch.yaml)`,
        code: 'too-large',
      });
    }
    // Read what is there, allowing the file to have grown or shrunk since fstat. The buffer owns
    // its memory (not a slice of Node's pool): the analyser transfers it to a worker thread.
    let buf = Buffer.allocUnsafeSlow(Math.max(s.size + 1, 1024));
    let length = 0;
    for (;;) {
      if (length === buf.length) {
        if (length > maxBytes) throw new InputError({ error: `too large: grew past ${formatBytes(maxBytes)} while being read`, code: 'too-large' });
        const bigger = Buffer.allocUnsafeSlow(buf.length * 2);
        buf.copy(bigger, 0, 0, length);
        buf = bigger;
      }
      const n = await readAsync(fd, buf, length, buf.length - length);
      if (n === 0) break;
      length += n;
    }
    if (length > maxBytes) throw new InputError({ error: `too large: grew past ${formatBytes(maxBytes)} while being read`, code: 'too-large' });
    let bytes = buf;
    if (length !== buf.length) {
      bytes = Buffer.allocUnsafeSlow(length);
      buf.copy(bytes, 0, 0, length);
    }
    return { bytes, size: length, mtimeMs: s.mtimeMs };
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(describeFsError(e));
  } finally {
    await closeAsync(fd).catch(() => undefined);
  }
}

function openAsync(path: string, flags: number): Promise<number> {
  return new Promise((resolve, reject) => open(path, flags, (e, fd) => (e ? reject(e) : resolve(fd))));
}
function fstatAsync(fd: number): Promise<Stats> {
  return new Promise((resolve, reject) => fstat(fd, (e, st) => (e ? reject(e) : resolve(st))));
}
function readAsync(fd: number, buf: Buffer, offset: number, length: number): Promise<number> {
  return new Promise((resolve, reject) => read(fd, buf, offset, length, null, (e, n) => (e ? reject(e) : resolve(n))));
}
function closeAsync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => close(fd, (e) => (e ? reject(e) : resolve())));
}

export class InputError extends Error {
  readonly code: string;
  constructor(d: { error: string; code: string }) {
    super(d.error);
    this.code = d.code;
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Number((n / 1024 / 1024).toFixed(1))} MiB`;
  if (n >= 1024) return `${Number((n / 1024).toFixed(1))} KiB`;
  return `${n} bytes`;
}
